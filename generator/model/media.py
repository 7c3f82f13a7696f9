"""What a media type means for a body: JSON, an event stream, text, a form, or bytes."""

from __future__ import annotations

from typing import Literal

from generator.model.ir import AnyType, PrimitiveType, TypeExpr

MediaKind = Literal["json", "event_stream", "text", "multipart", "urlencoded", "binary"]


def media_kind(content_type: str, type_: TypeExpr) -> MediaKind:
    """How a body of this media type is written or read: JSON (`+json` too), an event stream, text,
    a multipart or urlencoded form, or bytes. `*/*` is JSON only where its schema says so."""
    base = content_type.split(";")[0].strip().lower()
    if base in ("application/json", "text/json") or base.endswith("+json"):
        return "json"
    if base == "text/event-stream":
        return "event_stream"
    if base.startswith("multipart/"):
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "urlencoded"
    if isinstance(type_, PrimitiveType) and type_.name == "string" and type_.format == "binary":
        return "binary"
    if base.startswith("text/") or base == "application/xml" or base.endswith("+xml"):
        return "text"
    if "*" in base and not isinstance(type_, AnyType):  # anything: what its schema says
        return "text" if isinstance(type_, PrimitiveType) and type_.name == "string" else "json"
    return "binary"
