"""What a method returns: a JSON model, binary content, an event stream or a Stream of events.

Decides the response kind and annotation, and the streaming argument and event type (how a list
operation pages is pagination.py's decision).
"""

from __future__ import annotations

from typing import Literal

from generator.model.ir import ApiModel, Operation, RefType, TypeExpr
from generator.render.annotations import Annotation, Annotator, plain
from generator.render.views.arguments import ArgumentView
from generator.model.media import media_kind

ResponseKind = Literal["json", "text", "binary", "stream", "none"]


def choose_response(
    operation: Operation, outputs: Annotator
) -> tuple[ResponseKind, Annotation, Annotation | None, str | None]:
    """How the method returns: (kind, return annotation, cast_to expression, Accept header).

    The success response's JSON media type if it has one, else its first: JSON is parsed into the
    model, text returned as `str`, anything else as a binary response; Accept asks for that one
    (None: the client's default, `application/json`).
    """
    successes = [r for r in operation.responses if r.status.startswith("2")] or [
        r for r in operation.responses if r.status == "default"
    ]
    contents = [media for response in successes for media in response.contents]
    kinds = [(media_kind(m.content_type, m.type), m) for m in contents]
    chosen = next(((k, m) for k, m in kinds if k == "json"), kinds[0] if kinds else None)
    if chosen is None:
        return "none", plain("None"), None, None
    kind, media = chosen
    accept = None if media.content_type.split(";")[0].strip().lower() == "application/json" else media.content_type
    if kind == "json":  # JSON from `*/*` too: asked for as JSON
        annotation = outputs.annotate(media.type)
        return "json", annotation, annotation, None if accept is None or "*" in accept else accept
    if kind == "event_stream":
        return "stream", plain("Any").wrap("Stream"), plain("Any"), accept
    if kind == "text":
        return "text", plain("str"), None, accept
    return "binary", plain("BinaryResponse"), None, accept


def streaming(
    arguments: list[ArgumentView],
    response_kind: str,
    operation: Operation,
    model: ApiModel,
    outputs: Annotator,
    configured: str | None,
) -> tuple[str, Annotation] | None:
    """`stream=True` returns a Stream of event models: (the stream argument, the event annotation).

    The config names the event model, or else the spec's event stream response does; None when
    the operation has no `stream` body field or does not return JSON.
    """
    stream_argument = next((a.name for a in arguments if a.location == "body" and a.wire_name == "stream"), None)
    event_type: TypeExpr | None = RefType(configured) if configured and configured in model.schemas else None
    if event_type is None:
        event_type = next((m.type for r in operation.responses if r.status.startswith("2") for m in r.contents
                           if m.content_type.startswith("text/event-stream")), None)  # fmt: skip
    if stream_argument is None or event_type is None or response_kind != "json":
        return None
    return stream_argument, outputs.annotate(event_type)
