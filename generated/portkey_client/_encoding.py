"""Arguments -> the wire: path segments, query pairs, headers and cookies in every OpenAPI style;
JSON, form-urlencoded, multipart and raw bodies.

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
from typing import Any, List, Mapping, Optional, Sequence, Tuple, Union, cast
from urllib.parse import quote, urlencode

from ._types import NotGiven, as_dict, as_list

__all__ = [
    "Encodings",
    "Style",
    "Styles",
    "cookie_header",
    "encode_path",
    "encode_query",
    "form_content",
    "header_text",
    "header_value",
    "is_file",
    "json_content",
    "jsonable",
    "multipart_parts",
    "raw_content",
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
    decimal_module = sys.modules.get("decimal")  # a Decimal can only exist once decimal is imported
    if decimal_module is not None and isinstance(value, decimal_module.Decimal):
        return str(value)  # a `format: decimal` string: exact, never a float
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


Style = Tuple[str, bool]
"""An OpenAPI serialization: (style, explode), e.g. ("form", True), ("deepObject", True); the
style "json" writes the value as JSON text (a parameter given by `content: application/json`)."""
Styles = Mapping[str, Style]
Encodings = Mapping[str, Tuple[Optional[str], bool, Optional[str]]]
"""A form or multipart body's per-field (style, explode, content type), from its `encoding`."""


def scalar_text(value: object) -> str:
    """A value as one piece of text on the wire: true/false, an enum's value, ISO dates, JSON for objects."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    plain = jsonable(value)
    if isinstance(plain, (dict, list)):
        return json.dumps(plain, separators=(",", ":"))
    return scalar_text(plain) if plain is not value else str(value)


def _pieces(value: object) -> Union[List[str], List[Tuple[str, str]], str]:
    """A list's item texts, an object's (key, text) pairs, or a scalar's text."""
    plain = jsonable(value)
    items = as_list(plain)
    if items is not None:
        return [scalar_text(item) for item in items]
    fields = as_dict(plain)
    if fields is not None:
        return [(str(k), scalar_text(v)) for k, v in fields.items() if v is not None]
    return scalar_text(plain)


def _joined(
    pieces: Union[List[str], List[Tuple[str, str]]], separator: str, explode: bool, pair: str = ","
) -> List[str]:
    """Items as they are; object pairs as `k=v` (exploded) or `k,v` (not)."""
    return [
        p if isinstance(p, str) else (f"{p[0]}={p[1]}" if explode else f"{p[0]}{pair}{p[1]}")
        for p in pieces
    ]


def path_value(name: str, value: object, style: Optional[Style] = None) -> str:
    """A path parameter's text (simple, label or matrix), each value percent-encoded as one segment."""
    kind, explode = style or ("simple", False)
    if kind == "json":
        return _segment(_json_text(value))
    pieces = _pieces(value)
    if isinstance(pieces, str):
        text = _segment(pieces)
        return {"label": "." + text, "matrix": f";{name}={text}"}.get(kind, text)
    quoted: List[Any] = [
        _segment(p) if isinstance(p, str) else (_segment(p[0]), _segment(p[1])) for p in pieces
    ]
    if kind == "label":
        return "." + ("." if explode else ",").join(_joined(quoted, ".", explode))
    if kind == "matrix":
        if explode:
            return "".join(
                f";{name}={p}" if isinstance(p, str) else f";{p[0]}={p[1]}" for p in quoted
            )
        return f";{name}=" + ",".join(_joined(quoted, ",", False))
    return ",".join(_joined(quoted, ",", explode))


def _json_text(value: object) -> str:
    """A `content: application/json` parameter's text; a string is taken to be that text already."""
    return value if isinstance(value, str) else json.dumps(jsonable(value), separators=(",", ":"))


def _segment(text: str) -> str:
    quoted = quote(text, safe="")
    return quoted.replace(".", "%2E") if quoted in (".", "..") else quoted


def encode_path(
    template: str, values: Mapping[str, object], styles: Optional[Styles] = None
) -> str:
    """Fill a path template's `{name}`s with their values, each written in its style."""
    path = template
    for name, value in values.items():
        path = path.replace("{" + name + "}", path_value(name, value, (styles or {}).get(name)))
    return path


def query_pairs(name: str, value: object, style: Optional[Style] = None) -> List[Tuple[str, str]]:
    """A query parameter's (or a form field's) name/value pairs in its style (OpenAPI's table).

    Without a style (a value the spec does not describe) lists repeat the name and objects spread
    their keys, as `form, explode` does.
    """
    kind, explode = style or ("form", True)
    if kind == "json":
        return [(name, _json_text(value))]
    if kind == "deepObject":
        return _deep_pairs(name, jsonable(value))
    pieces = _pieces(value)
    if isinstance(pieces, str):
        return [(name, pieces)]
    if kind == "form" and explode:
        return [(name, p) if isinstance(p, str) else p for p in pieces]
    separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(kind, ",")
    return [(name, separator.join(_joined(pieces, separator, False, separator)))]


def _deep_pairs(name: str, value: object) -> List[Tuple[str, str]]:
    """`name[key]=v`, nested objects `name[a][b]=v`, arrays by index `name[0]=v` (Stripe's brackets)."""
    fields = as_dict(value)
    items = as_list(value)
    if fields is not None:
        children = [(str(k), v) for k, v in fields.items() if v is not None]
    elif items is not None:
        children = [(str(i), v) for i, v in enumerate(items)]
    else:
        return [(name, scalar_text(value))]
    return [pair for key, child in children for pair in _deep_pairs(f"{name}[{key}]", child)]


def encode_query(
    params: Mapping[str, object], styles: Optional[Styles] = None
) -> List[Tuple[str, str]]:
    """Query pairs of every parameter given (None and NOT_GIVEN are not sent), each in its style."""
    pairs: List[Tuple[str, str]] = []
    for name, value in params.items():
        if not isinstance(value, NotGiven) and value is not None:
            pairs.extend(query_pairs(name, value, (styles or {}).get(name)))
    return pairs


def header_value(value: object, style: Optional[Style] = None) -> str:
    """A header parameter's text: `simple` (lists `a,b`, objects `k,v` or `k=v`), or JSON."""
    if style is None:
        return header_text(value)
    kind, explode = style
    if kind == "json":
        return header_text(_json_text(value))
    pieces = _pieces(value)
    return header_text(
        pieces if isinstance(pieces, str) else ",".join(_joined(pieces, ",", explode))
    )


def cookie_header(cookies: Mapping[str, object], styles: Optional[Styles] = None) -> str:
    """A `Cookie` header of cookie parameters (`form`: lists `a,b`, or one cookie per item exploded)."""
    pairs = [
        pair
        for name, value in cookies.items()
        if not isinstance(value, NotGiven) and value is not None
        for pair in query_pairs(name, value, (styles or {}).get(name, ("form", False)))
    ]
    return "; ".join(f"{name}={quote(text, safe='')}" for name, text in pairs)


def form_content(fields: Mapping[str, object], encodings: Optional[Encodings] = None) -> bytes:
    """An `application/x-www-form-urlencoded` body: each field in its encoding's style (form, explode
    by default; `deepObject` writes `items[0][price]=p`), None and NOT_GIVEN left out."""
    pairs: List[Tuple[str, str]] = []
    for name, value in fields.items():
        if isinstance(value, NotGiven) or value is None:
            continue
        style, explode, _ = (encodings or {}).get(name, (None, True, None))
        pairs.extend(query_pairs(name, value, (style or "form", explode)))
    return urlencode(pairs).encode("ascii")


def multipart_parts(
    fields: Mapping[str, object], encodings: Optional[Encodings] = None
) -> List[Tuple[str, Any]]:
    """A multipart form's parts, for httpx's `files=`: uploads as files, other fields as text or JSON.

    Plain fields go in as (None, text) parts so the body is multipart even without files; a
    field's `encoding.contentType`, where the spec gives one, is its part's content type.
    """
    parts: List[Tuple[str, Any]] = []
    for name, value in fields.items():
        if isinstance(value, NotGiven) or value is None:
            continue
        declared = (encodings or {}).get(name, (None, True, None))[2]
        value = _tuple_as_list(value)
        items = as_list(value)
        if is_file(value):
            parts.append((name, _typed(_file_part(name, value), declared)))
        elif items and all(is_file(v) for v in items):
            parts.extend((name, _typed(_file_part(name, v), declared)) for v in items)
        elif (
            items is not None
            and all(isinstance(v, (str, int, float, bool)) for v in items)
            and not _is_json(declared)
        ):
            # OpenAPI's default for arrays in a form: one part per item, all under one name.
            parts.extend((name, (None, scalar_text(v).encode(), declared or _TEXT)) for v in items)
        elif items is not None or as_dict(value) is not None or _is_json(declared):
            parts.append(
                (name, (None, json.dumps(jsonable(value)).encode(), declared or "application/json"))
            )
        else:  # OpenAPI's default encoding for a primitive form field
            parts.append((name, (None, scalar_text(value).encode(), declared or _TEXT)))
    return parts


_TEXT = "text/plain; charset=utf-8"


def _is_json(content_type: Optional[str]) -> bool:
    base = (content_type or "").split(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")


def _typed(
    part: Tuple[Optional[str], Any, Optional[str]], declared: Optional[str]
) -> Tuple[Optional[str], Any, Optional[str]]:
    """A file part with the spec's content type where the caller gave none (a wildcard never)."""
    filename, content, content_type = part
    if content_type is None and declared and "*" not in declared:
        content_type = declared
    return filename, content, content_type


def raw_content(value: object, media_type: str) -> Tuple[Any, str]:
    """A body sent as it is, and its content type: bytes, text, a file or path, an iterator of bytes,
    or (filename, content[, content_type]); a wildcard media type (`image/*`) takes the file's own.
    """
    if isinstance(value, str):
        return value.encode("utf-8"), (
            media_type if "*" not in media_type else "text/plain; charset=utf-8"
        )
    if is_file(value):
        _, content, guessed = _file_part("body", value)
        concrete = media_type if "*" not in media_type else guessed or "application/octet-stream"
        if isinstance(value, tuple) and len(cast("Tuple[object, ...]", value)) > 2 and guessed:
            concrete = guessed  # the caller said it
        return content, concrete
    if hasattr(value, "__iter__") or hasattr(value, "__aiter__"):  # bytes as they come
        return value, media_type if "*" not in media_type else "application/octet-stream"
    raise TypeError(f"cannot send a value of type {type(value).__name__} as {media_type}")


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
    return given if is_file(given) else list(given)


def is_file(value: object) -> bool:
    """Whether a value is an upload: bytes, a file, a path, or (filename, content[, type])."""
    if isinstance(value, tuple):
        given = cast("Tuple[object, ...]", value)
        return len(given) in (2, 3) and is_file(given[1])
    return isinstance(value, (bytes, bytearray, memoryview, os.PathLike, io.IOBase)) or hasattr(
        value, "read"
    )
