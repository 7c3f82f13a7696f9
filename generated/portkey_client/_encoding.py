"""Arguments -> the wire: path segments, query pairs, header text, JSON and multipart bodies.

The request a method sends is built from these (`_base_client` decides where each argument goes;
this module decides how its value is written there).
"""

from __future__ import annotations

import datetime
import enum
import io
import json
import os
import sys
from pathlib import PurePath
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, cast
from urllib.parse import quote

from ._types import NotGiven, as_dict, as_list

__all__ = [
    "QueryStyles",
    "encode_path",
    "encode_query",
    "header_text",
    "json_content",
    "jsonable",
    "multipart_parts",
]


def header_text(value: object) -> str:
    """A header value as text: dicts/lists as JSON, booleans as true/false; CR/LF refused."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (dict, list, tuple)):
        text = json.dumps(jsonable(cast(object, value)), separators=(",", ":"))
    else:
        text = str(value)
    if "\r" in text or "\n" in text or "\0" in text:
        raise ValueError("header values may not contain CR, LF or NUL characters")
    return text


def jsonable(value: object) -> Any:
    """Plain JSON data from arguments: models, dates, enums, ...; NOT_GIVEN entries dropped."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, object]", value)
        return {str(k): jsonable(v) for k, v in mapping.items() if not isinstance(v, NotGiven)}
    if isinstance(value, Sequence) and not isinstance(value, (bytes, bytearray)):
        # List arguments are typed Sequence: any one is sent as a list.
        return [jsonable(v) for v in cast("Sequence[object]", value)]
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    uuid_module = sys.modules.get("uuid")  # a UUID can only exist once uuid is imported
    if uuid_module is not None and isinstance(value, uuid_module.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    raise TypeError(f"cannot send a value of type {type(value).__name__} as JSON")


class _NotPlainJSON(Exception):
    """A NOT_GIVEN entry inside a body: it has to be dropped, which the JSON encoder cannot do."""


def _json_default(value: object) -> Any:
    if isinstance(value, NotGiven):
        raise _NotPlainJSON
    return jsonable(value)


_JSON_ENCODER = json.JSONEncoder(separators=(",", ":"), default=_json_default)


def json_body(value: object) -> bytes:
    """A request body as compact JSON: what `jsonable` makes of it, mostly without walking it."""
    try:
        return _JSON_ENCODER.encode(value).encode()
    except _NotPlainJSON:
        return _JSON_ENCODER.encode(jsonable(value)).encode()


def json_content(body: object, extra_body: Optional[Mapping[str, object]]) -> bytes:
    """A JSON request body; `extra_body`'s fields are merged into it (it must be an object then)."""
    if extra_body:
        payload: Any = jsonable(body) if not isinstance(body, NotGiven) else {}
        fields = as_dict(payload)
        if fields is None:
            raise TypeError("extra_body needs a JSON object body")
        fields.update(jsonable(extra_body))
        body = fields
    return json_body(body)


def encode_path(template: str, values: Mapping[str, object]) -> str:
    """Fill a path template, percent-encoding each value so it stays one path segment."""
    path = template
    for name, value in values.items():
        text = quote(_scalar_text(value), safe="")
        if text in (".", ".."):
            text = text.replace(".", "%2E")
        path = path.replace("{" + name + "}", text)
    return path


def _scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value)


QueryStyles = Mapping[str, Tuple[str, bool]]


def encode_query(
    params: Mapping[str, object], styles: Optional[QueryStyles] = None
) -> List[Tuple[str, str]]:
    """Query pairs following OpenAPI style/explode (form, spaceDelimited, pipeDelimited, deepObject)."""
    pairs: List[Tuple[str, str]] = []
    for name, value in params.items():
        if isinstance(value, NotGiven) or value is None:
            continue
        style, explode = (styles or {}).get(name, ("form", True))
        value = jsonable(value)
        if isinstance(value, list):
            texts = [_scalar_text(v) for v in cast("List[object]", value)]
            if explode and style == "form":
                pairs.extend((name, t) for t in texts)
            else:
                separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
                pairs.append((name, separator.join(texts)))
        elif isinstance(value, dict):
            fields = cast("Dict[str, object]", value).items()
            if style == "deepObject":
                pairs.extend((f"{name}[{k}]", _scalar_text(v)) for k, v in fields)
            elif explode:
                pairs.extend((k, _scalar_text(v)) for k, v in fields)
            else:
                pairs.append((name, ",".join(f"{k},{_scalar_text(v)}" for k, v in fields)))
        else:
            pairs.append((name, _scalar_text(value)))
    return pairs


def multipart_parts(fields: Mapping[str, object]) -> List[Tuple[str, Any]]:
    """A multipart form's parts, for httpx's `files=`: uploads as files, other fields as text or JSON.

    Plain fields go in as (None, text) parts so the body is multipart even without files.
    """
    parts: List[Tuple[str, Any]] = []
    for name, value in fields.items():
        if isinstance(value, NotGiven) or value is None:
            continue
        value = _tuple_as_list(value)
        items = as_list(value)
        if _is_file(value):
            parts.append((name, _file_part(name, value)))
        elif items and all(_is_file(v) for v in items):
            parts.extend((name, _file_part(name, v)) for v in items)
        elif items is not None and all(isinstance(v, (str, int, float, bool)) for v in items):
            # OpenAPI's default for arrays in a form: one part per item, all under one name.
            parts.extend(
                (name, (None, _scalar_text(v).encode(), "text/plain; charset=utf-8")) for v in items
            )
        elif items is not None or as_dict(value) is not None:
            parts.append((name, (None, json.dumps(jsonable(value)).encode(), "application/json")))
        else:  # OpenAPI's default encoding for a primitive form field
            parts.append((name, (None, _scalar_text(value).encode(), "text/plain; charset=utf-8")))
    return parts


def _file_part(name: str, value: object) -> Tuple[Optional[str], Any, Optional[str]]:
    """(filename, content, content type) for an upload given as bytes, file, path or tuple."""
    import mimetypes

    if isinstance(value, tuple):
        given = cast("Tuple[object, ...]", value)
        filename, content = cast(Optional[str], given[0]), given[1]
        content_type = cast(Optional[str], given[2]) if len(given) > 2 else None
        _, content, guessed = _file_part(name, content)
        return filename, content, content_type or guessed
    if isinstance(value, (os.PathLike, PurePath)):
        path = os.fspath(cast("os.PathLike[str]", value))
        with open(path, "rb") as handle:
            content = handle.read()
        return os.path.basename(path), content, mimetypes.guess_type(path)[0]
    if isinstance(value, (bytes, bytearray, memoryview)):
        return name, bytes(cast(bytes, value)), None
    if isinstance(value, io.IOBase) or hasattr(value, "read"):
        filename = os.path.basename(str(getattr(value, "name", name)))
        return filename, value, mimetypes.guess_type(filename)[0]
    raise TypeError(f"{name}: expected bytes, a binary file, a path or a (filename, content) tuple")


def _tuple_as_list(value: object) -> object:
    """List fields are typed Sequence: a tuple that is not a file is sent as a list."""
    if not isinstance(value, tuple):
        return value
    given = cast("Tuple[object, ...]", value)
    return given if _is_file(given) else list(given)


def _is_file(value: object) -> bool:
    if isinstance(value, tuple):
        given = cast("Tuple[object, ...]", value)
        return len(given) in (2, 3) and _is_file(given[1])
    return isinstance(value, (bytes, bytearray, memoryview, os.PathLike, io.IOBase)) or hasattr(
        value, "read"
    )
