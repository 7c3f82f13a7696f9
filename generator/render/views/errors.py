"""Error responses: the type of each error status's JSON body the API describes."""

from __future__ import annotations

from generator.model.ir import AnyType, Operation
from generator.render.annotations import Annotation, Annotator
from generator.model.media import media_kind


def error_types(operation: Operation, outputs: Annotator) -> list[tuple[str, Annotation]]:
    """(status, annotation) of each error response with a JSON body of a known type: an error
    status (`404`, `4XX`, `5XX`) or `default`, which the client uses for any error status not listed."""
    found = []
    for response in operation.responses:
        status = response.status.upper()
        if not (status == "DEFAULT" or status[:1] in ("4", "5")):
            continue
        media = next((m for m in response.contents if media_kind(m.content_type, m.type) == "json"), None)
        if media is not None and not isinstance(media.type, AnyType):
            found.append(("default" if status == "DEFAULT" else status, outputs.annotate(media.type)))
    return found

