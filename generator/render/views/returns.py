"""What a method returns: a JSON model, binary content, an event stream, a Stream of events or a page.

Decides the response kind and annotation, the streaming argument and event type, and the
paging scheme of list operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.model.ir import ApiModel, ArrayType, ObjectSchema, Operation, RefType, TypeExpr, effective_properties
from generator.render.annotations import Annotation, Annotator, plain
from generator.render.views.arguments import ArgumentView
from generator.model.media import media_kind

@dataclass
class PageView:
    """How a list operation pages: by cursor (`after` = last item's id) or by page number."""

    kind: Literal["cursor", "page"]
    item_annotation: Annotation
    page_parameter: str
    size_parameter: str | None = None


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


def pagination(operation: Operation, model: ApiModel, outputs: Annotator, forced: str | None) -> PageView | None:
    """Recognise the paging scheme from the query parameters and the response's shape."""
    query = {p.name for p in operation.parameters if p.location == "query"}
    response = next((m.type for r in operation.responses if r.status.startswith("2") for m in r.contents
                     if media_kind(m.content_type, m.type) == "json"), None)  # fmt: skip
    schema = model.schemas.get(response.name) if isinstance(response, RefType) else None
    if operation.method != "get" or not isinstance(schema, ObjectSchema):
        return None
    fields = {p.name: p.type for p in effective_properties(schema, model.schemas)}
    data = fields.get("data")
    if not isinstance(data, ArrayType):
        return None
    items = outputs.annotate(data.items)
    cursor = "after" in query and "has_more" in fields
    page_parameter = next((p for p in ("current_page", "page") if p in query), None)
    numbered = page_parameter is not None and "page_size" in query and "total" in fields
    if forced == "cursor" or (forced is None and cursor):
        return PageView("cursor", items, "after")
    if page_parameter and (forced == "page" or (forced is None and numbered)):
        return PageView("page", items, page_parameter, "page_size")
    return None
