"""A local HTTP server that validates requests against an OpenAPI description.

``SpecServer`` loads an OpenAPI 3.0 document, listens on ``127.0.0.1`` and checks
every request it receives with openapi-core (an implementation independent of the
generator under test): path and method, parameters, request body and security
requirements.  It answers with a response synthesized from the spec (or with a
queued canned response) and records every request for later assertions.

``synthesize`` builds a JSON value that is valid against a schema of the spec.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy

import functools
import hashlib
import json
import math
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from socket import SHUT_RDWR, socket
from types import TracebackType
from typing import Any, Iterable, Mapping, Optional, Sequence
from urllib.parse import parse_qsl, unquote, urlsplit

import yaml
from jsonschema.exceptions import ValidationError as SchemaValidationError
from jsonschema.exceptions import best_match
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import (
    OperationNotFound,
    PathError,
)
from openapi_core.validation.request.exceptions import (
    InvalidParameter,
    MissingRequestBody,
    RequestBodyValidationError,
    SecurityValidationError,
)
from openapi_core.validation.request.validators import (
    APICallRequestBodyValidator,
    APICallRequestParametersValidator,
    APICallRequestSecurityValidator,
    V30RequestBodyValidator,
    V30RequestParametersValidator,
    V30RequestSecurityValidator,
    V31RequestBodyValidator,
    V31RequestParametersValidator,
    V31RequestSecurityValidator,
)
from openapi_schema_validator import OAS30Validator, OAS31Validator
from werkzeug.datastructures import Headers, ImmutableMultiDict

from tests.support.local_server import LocalHTTPServer, LocalRequestHandler

__all__ = [
    "DEFAULT_BINARY_BODY",
    "CannedResponse",
    "LoadedSpec",
    "RecordedRequest",
    "SpecServer",
    "load_spec",
    "resolve_ref",
    "synthesize",
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

#: Default body for binary responses: 64 KiB of a repeating 0..255 pattern.
DEFAULT_BINARY_BODY: bytes = bytes(range(256)) * 256

_CHUNK_SIZE = 16 * 1024
_MAX_MESSAGE = 600


# --------------------------------------------------------------------------- #
# Schema-driven value synthesis
# --------------------------------------------------------------------------- #

_FORMAT_EXAMPLES: dict[str, str] = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "time": "00:00:00Z",
    "uuid": "123e4567-e89b-42d3-a456-426614174000",
    "uri": "https://example.com",
    "url": "https://example.com",
    "uri-reference": "https://example.com",
    "iri": "https://example.com",
    "email": "user@example.com",
    "idn-email": "user@example.com",
    "hostname": "example.com",
    "ipv4": "127.0.0.1",
    "ipv6": "::1",
    "binary": "data",
    "byte": "ZGF0YQ==",
    "password": "password",
    "regex": ".*",
}

_HARD_DEPTH_MARGIN = 25
_ROOT_VALIDATORS: dict[int, tuple[Mapping[str, Any], Any]] = {}
_ROOT_VALIDATORS_LOCK = threading.Lock()


def _root_validator(spec: Mapping[str, Any]) -> Any:
    """Return a schema validator whose ``#/...`` references resolve in ``spec``."""
    with _ROOT_VALIDATORS_LOCK:
        cached = _ROOT_VALIDATORS.get(id(spec))
        if cached is not None and cached[0] is spec:
            return cached[1]
        if len(_ROOT_VALIDATORS) >= 16:
            _ROOT_VALIDATORS.clear()
        version = str(spec.get("openapi", "3.0"))
        cls = OAS30Validator if version.startswith("3.0") else OAS31Validator
        validator = cls(spec)
        _ROOT_VALIDATORS[id(spec)] = (spec, validator)
        return validator


def resolve_ref(spec: Mapping[str, Any], ref: str) -> Any:
    """Resolve a local JSON reference such as ``#/components/schemas/Foo``."""
    if not ref.startswith("#"):
        raise ValueError(f"only local references are supported, got {ref!r}")
    node: Any = spec
    pointer = unquote(ref[1:])
    if not pointer:
        return node
    for raw in pointer.lstrip("/").split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(part)]
        else:
            node = node[part]
    return node


def _python_type_ok(value: Any, type_name: Any) -> bool:
    """Cheap check that ``value`` has the JSON type ``type_name``."""
    if type_name is None:
        return True
    if isinstance(type_name, list):
        return any(_python_type_ok(value, t) for t in type_name)
    if type_name == "string":
        return isinstance(value, str)
    if type_name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if type_name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if type_name == "boolean":
        return isinstance(value, bool)
    if type_name == "array":
        return isinstance(value, list)
    if type_name == "object":
        return isinstance(value, dict)
    if type_name == "null":
        return value is None
    return True


class _Synthesizer:
    """Stateful helper behind :func:`synthesize`."""

    def __init__(
        self, spec: Mapping[str, Any], optional: bool, depth_limit: int
    ) -> None:
        self.spec = spec
        self.optional = optional
        self.depth_limit = depth_limit
        self.validator = _root_validator(spec)
        self.fallbacks = 0

    # -- helpers ------------------------------------------------------------ #

    def is_valid(self, value: Any, schema: Any) -> bool:
        """Validate ``value`` against ``schema`` (refs resolved in the spec)."""
        if not isinstance(schema, dict):
            return True
        try:
            return bool(self.validator.evolve(schema=schema).is_valid(value))
        except Exception:  # e.g. RecursionError, unresolvable or unsupported schema
            return False

    def deref(self, schema: Any) -> tuple[dict[str, Any], tuple[str, ...]]:
        """Follow ``$ref`` chains, merging sibling keywords; return refs followed."""
        if not isinstance(schema, dict):
            return {}, ()
        names: list[str] = []
        while "$ref" in schema:
            ref = schema["$ref"]
            if ref in names:
                return {}, tuple(names)
            names.append(ref)
            target = resolve_ref(self.spec, ref)
            siblings = {k: v for k, v in schema.items() if k != "$ref"}
            schema = {**siblings, **target} if siblings else target
            if not isinstance(schema, dict):
                return {}, tuple(names)
        return schema, tuple(names)

    def direct_refs(self, schema: Any) -> set[str]:
        """References reachable from ``schema`` without descending into properties."""
        out: set[str] = set()
        if not isinstance(schema, dict):
            return out
        if "$ref" in schema:
            out.add(schema["$ref"])
        for key in ("items", "additionalProperties"):
            if isinstance(schema.get(key), dict):
                out |= self.direct_refs(schema[key])
        for key in ("oneOf", "anyOf", "allOf"):
            for sub in schema.get(key) or []:
                if isinstance(sub, dict) and "$ref" in sub:
                    out.add(sub["$ref"])
        return out

    def merge_all_of(
        self, schema: dict[str, Any]
    ) -> tuple[dict[str, Any], tuple[str, ...]]:
        """Merge an ``allOf`` into a single schema (best effort)."""
        result: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        names: list[str] = []
        nullable_flags: list[bool] = []
        if "type" in result or "nullable" in result:
            nullable_flags.append(bool(result.get("nullable")))
        for sub in schema.get("allOf") or []:
            part, part_names = self.deref(sub)
            names.extend(part_names)
            if "allOf" in part:
                part, more = self.merge_all_of(part)
                names.extend(more)
            if "type" in part or "nullable" in part:
                nullable_flags.append(bool(part.get("nullable")))
            for key, value in part.items():
                if key == "properties":
                    props = dict(result.get("properties") or {})
                    for pname, pschema in (value or {}).items():
                        if pname in props and props[pname] is not pschema:
                            props[pname] = {"allOf": [props[pname], pschema]}
                        else:
                            props[pname] = pschema
                    result["properties"] = props
                elif key == "required":
                    req = list(result.get("required") or [])
                    req.extend(r for r in value or [] if r not in req)
                    result["required"] = req
                elif key == "enum" and "enum" in result:
                    common = [v for v in result["enum"] if v in value]
                    result["enum"] = common or result["enum"]
                elif (
                    key in ("minimum", "minLength", "minItems", "minProperties")
                    and key in result
                ):
                    result[key] = max(result[key], value)
                elif (
                    key in ("maximum", "maxLength", "maxItems", "maxProperties")
                    and key in result
                ):
                    result[key] = min(result[key], value)
                elif key == "additionalProperties" and key in result:
                    if value is False or result[key] is False:
                        result[key] = False
                elif key == "nullable":
                    continue
                else:
                    result.setdefault(key, value)
        if nullable_flags:
            result["nullable"] = all(nullable_flags)
        return result, tuple(names)

    @staticmethod
    def schema_type(schema: Mapping[str, Any]) -> Optional[str]:
        """The (single, non-null) type of a schema, inferred when absent."""
        type_ = schema.get("type")
        if isinstance(type_, list):
            non_null = [t for t in type_ if t != "null"]
            return non_null[0] if non_null else "null"
        if isinstance(type_, str):
            return type_
        if (
            "properties" in schema
            or "required" in schema
            or "additionalProperties" in schema
        ):
            return "object"
        if "items" in schema:
            return "array"
        if any(k in schema for k in ("format", "pattern", "minLength", "maxLength")):
            return "string"
        if any(k in schema for k in ("minimum", "maximum", "multipleOf")):
            return "number"
        if "enum" in schema and schema["enum"]:
            first = next((v for v in schema["enum"] if v is not None), None)
            if isinstance(first, bool):
                return "boolean"
            if isinstance(first, int):
                return "integer"
            if isinstance(first, float):
                return "number"
            if isinstance(first, str):
                return "string"
        return None

    def allows_value(self, schema: Any, prop: str, value: Any) -> bool:
        """Whether object ``schema`` can hold ``value`` in property ``prop``."""
        resolved, _ = self.deref(schema)
        if "allOf" in resolved:
            resolved, _ = self.merge_all_of(resolved)
        props = resolved.get("properties") or {}
        if prop not in props:
            return resolved.get("additionalProperties", True) is not False
        pschema, _ = self.deref(props[prop])
        if "const" in pschema:
            return bool(pschema["const"] == value)
        if "enum" in pschema:
            return value in pschema["enum"]
        return _python_type_ok(value, pschema.get("type"))

    # -- generation --------------------------------------------------------- #

    def gen(self, schema: Any, depth: int, stack: tuple[str, ...]) -> Any:
        """Generate a value for ``schema`` at nesting ``depth``."""
        if depth > self.depth_limit + _HARD_DEPTH_MARGIN:
            return None
        resolved, names = self.deref(schema)
        stack = stack + names
        if "allOf" in resolved:
            resolved, more = self.merge_all_of(resolved)
            stack = stack + more
        if "const" in resolved:
            return resolved["const"]
        if resolved.get("enum"):
            return self.pick_enum(resolved)
        if "oneOf" in resolved or "anyOf" in resolved:
            return self.composite(resolved, depth, stack)
        cut = depth >= self.depth_limit
        type_ = self.schema_type(resolved)
        if cut and resolved.get("nullable") and type_ in ("object", "array"):
            return None
        if type_ == "object":
            return self.object(resolved, depth, stack)
        if type_ == "array":
            return self.array(resolved, depth, stack)
        if type_ == "string":
            return self.string(resolved)
        if type_ in ("integer", "number"):
            return self.number(resolved, integer=type_ == "integer")
        if type_ == "boolean":
            default = resolved.get("default")
            return default if isinstance(default, bool) else True
        if type_ == "null":
            return None
        default = resolved.get("default")
        if default is not None and self.is_valid(default, resolved):
            return default
        return "string"

    def pick_enum(self, schema: Mapping[str, Any]) -> Any:
        """First enum value that is not null and matches the declared type."""
        values = list(schema["enum"])
        default = schema.get("default")
        if default is not None and default in values:
            return default
        type_ = schema.get("type")
        for value in values:
            if value is not None and _python_type_ok(value, type_):
                return value
        return values[0]

    def variant_order(
        self, variants: Sequence[Any], depth: int, stack: tuple[str, ...]
    ) -> list[Any]:
        """Order alternatives: non-null, non-recursive, and simple when deep."""
        scored: list[tuple[tuple[bool, bool, bool, int], Any]] = []
        for index, variant in enumerate(variants):
            resolved, names = self.deref(variant)
            type_ = self.schema_type(resolved)
            is_null = type_ == "null" or resolved.get("enum") == [None]
            refs = set(names) | self.direct_refs(resolved)
            recursive = any(r in stack for r in refs)
            complex_ = type_ in ("object", "array") or any(
                k in resolved for k in ("oneOf", "anyOf", "allOf")
            )
            deep = depth >= self.depth_limit and complex_
            scored.append(((is_null, recursive, deep, index), variant))
        scored.sort(key=lambda item: item[0])
        return [variant for _, variant in scored]

    def composite(
        self, schema: dict[str, Any], depth: int, stack: tuple[str, ...]
    ) -> Any:
        """Handle ``oneOf``/``anyOf`` (with optional sibling keywords).

        Each alternative is generated together with the sibling keywords and kept
        only if the result validates against the whole schema.  When no
        alternative works, the first natural one is returned and counted as a
        fallback (so that optional enclosing values can be dropped).
        """
        key = "oneOf" if "oneOf" in schema else "anyOf"
        variants: list[Any] = list(schema[key] or [])
        base = {
            k: v
            for k, v in schema.items()
            if k not in ("oneOf", "anyOf", "discriminator")
        }
        has_base = any(
            k in base for k in ("properties", "required", "additionalProperties")
        )
        fallbacks = self.fallbacks

        def attempt(
            variant: Any, forced: Optional[tuple[str, str]] = None
        ) -> tuple[bool, Any]:
            own, _ = self.deref(variant)
            if "allOf" in own:
                own, _ = self.merge_all_of(own)
            target = {"allOf": [base, variant]} if has_base else variant
            value = self.gen(target, depth, stack)
            if forced is not None and isinstance(value, dict):
                value = {**value, forced[0]: forced[1]}
            if self.is_valid(value, schema):
                return True, value
            if isinstance(value, dict) and has_base:
                keep = set(own.get("properties") or {}) | set(own.get("required") or [])
                keep |= set(base.get("required") or [])
                if forced is not None:
                    keep.add(forced[0])
                pruned = {k: v for k, v in value.items() if k in keep}
                if pruned != value and self.is_valid(pruned, schema):
                    return True, pruned
            return False, value

        discriminator = schema.get("discriminator")
        if isinstance(discriminator, dict) and discriminator.get("propertyName"):
            prop = str(discriminator["propertyName"])
            pairs: list[tuple[str, Any]] = [
                (name, {"$ref": _mapping_ref(ref)})
                for name, ref in (discriminator.get("mapping") or {}).items()
            ]
            mapped = {ref["$ref"] for _, ref in pairs}
            for variant in variants:
                ref = variant.get("$ref") if isinstance(variant, dict) else None
                if isinstance(ref, str) and ref not in mapped:
                    pairs.append((ref.rsplit("/", 1)[-1], variant))
            for name, variant in pairs:
                if self.allows_value(variant, prop, name):
                    ok, value = attempt(variant, (prop, name))
                    if ok:
                        self.fallbacks = fallbacks
                        return value
        candidates: list[Any] = []
        for variant in self.variant_order(variants, depth, stack):
            ok, value = attempt(variant)
            if ok:
                self.fallbacks = fallbacks
                return value
            candidates.append(value)
        self.fallbacks = fallbacks
        if schema.get("nullable") and self.is_valid(None, schema):
            return None
        self.fallbacks += 1
        return candidates[0] if candidates else self.gen(base, depth, stack)

    def optional_value(
        self, schema: Any, depth: int, stack: tuple[str, ...]
    ) -> tuple[bool, Any]:
        """Generate an optional value; report ``False`` if it is not valid."""
        before = self.fallbacks
        value = self.gen(schema, depth, stack)
        if self.fallbacks != before:
            self.fallbacks = before
            if not self.is_valid(value, schema):
                return False, value
        return True, value

    def object(self, schema: dict[str, Any], depth: int, stack: tuple[str, ...]) -> Any:
        """Generate an object: required properties, plus optional ones if asked."""
        props: dict[str, Any] = schema.get("properties") or {}
        required: list[str] = list(schema.get("required") or [])
        additional = schema.get("additionalProperties")
        cut = depth >= self.depth_limit
        out: dict[str, Any] = {}
        for name in required:
            if name in props:
                out[name] = self.gen(props[name], depth + 1, stack)
            elif isinstance(additional, dict):
                out[name] = self.gen(additional, depth + 1, stack)
            else:
                out[name] = "string"
        min_props = int(schema.get("minProperties") or 0)
        for name, pschema in props.items():
            if name in out:
                continue
            wanted = self.optional and not cut
            if not wanted and len(out) >= min_props:
                continue
            if wanted and any(r in stack for r in self.direct_refs(pschema)):
                continue
            ok, value = self.optional_value(pschema, depth + 1, stack)
            if ok:
                out[name] = value
        wants_extra = self.optional and not cut and not props
        index = 0
        while isinstance(additional, dict) and (
            len(out) < min_props or (wants_extra and index == 0)
        ):
            index += 1
            ok, value = self.optional_value(additional, depth + 1, stack)
            if not ok and len(out) >= min_props:
                break
            out[f"key{index}" if index > 1 else "key"] = value
        if additional is not False and not isinstance(additional, dict):
            while len(out) < min_props:
                out[f"key{len(out)}"] = "value"
        max_props = schema.get("maxProperties")
        if isinstance(max_props, int) and len(out) > max_props:
            keep = [k for k in out if k in required]
            keep += [k for k in out if k not in required][
                : max(0, max_props - len(keep))
            ]
            out = {k: out[k] for k in keep}
        return out

    def array(self, schema: dict[str, Any], depth: int, stack: tuple[str, ...]) -> Any:
        """Generate an array honouring minItems/maxItems/uniqueItems."""
        items = schema.get("items") or {}
        count = int(schema.get("minItems") or 0)
        recursive = any(r in stack for r in self.direct_refs(items))
        if count == 0 and self.optional and depth < self.depth_limit and not recursive:
            count = 1
        max_items = schema.get("maxItems")
        if isinstance(max_items, int):
            count = min(count, max_items)
        min_items = int(schema.get("minItems") or 0)
        if count > min_items:
            ok, value = self.optional_value(items, depth + 1, stack)
            values = [value] * count if ok else []
            if ok and count > 1:
                values = [value] + [
                    self.gen(items, depth + 1, stack) for _ in range(count - 1)
                ]
        else:
            values = [self.gen(items, depth + 1, stack) for _ in range(count)]
        if schema.get("uniqueItems") and len(values) > 1:
            values = self.make_unique(values, items)
        return values

    def make_unique(self, values: list[Any], items: Any) -> list[Any]:
        """Best effort to make array items distinct."""
        resolved, _ = self.deref(items)
        enum = resolved.get("enum")
        out: list[Any] = []
        for index, value in enumerate(values):
            if value in out:
                if enum:
                    value = next((e for e in enum if e not in out), value)
                elif isinstance(value, str):
                    value = f"{value}{index}"
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    value = value + index
                elif isinstance(value, dict):
                    value = {**value, f"x{index}": index}
            out.append(value)
        return out

    def string(self, schema: dict[str, Any]) -> str:
        """Generate a string honouring format, pattern and length limits."""
        fmt = schema.get("format")
        base = _FORMAT_EXAMPLES.get(str(fmt).lower(), "string") if fmt else "string"
        candidates: list[Any] = [schema.get("default"), schema.get("example"), base]
        candidates += ["string", "example", "abc", "a", "a1", "0", "value-1"]
        min_len = int(schema.get("minLength") or 0)
        max_len = schema.get("maxLength")
        pattern = schema.get("pattern")
        for candidate in candidates:
            if not isinstance(candidate, str):
                continue
            if len(candidate) < min_len:
                candidate = candidate + "x" * (min_len - len(candidate))
            if isinstance(max_len, int) and len(candidate) > max_len:
                candidate = candidate[:max_len]
            if pattern and not _matches(pattern, candidate):
                continue
            if candidate in (schema.get("default"), schema.get("example")):
                if not self.is_valid(candidate, schema):
                    continue
            return candidate
        return base

    def number(self, schema: dict[str, Any], *, integer: bool) -> Any:
        """Generate a number within bounds and honouring multipleOf."""
        lo = schema.get("minimum")
        hi = schema.get("maximum")
        step: float = 1 if integer else 0.5
        if lo is not None and schema.get("exclusiveMinimum") is True:
            lo = lo + step
        if hi is not None and schema.get("exclusiveMaximum") is True:
            hi = hi - step
        if lo is not None:
            value: float = lo
        elif hi is not None:
            value = min(hi, 1)
        else:
            value = 1 if integer else 1.5
        multiple = schema.get("multipleOf")
        if multiple:
            value = math.ceil(value / multiple) * multiple
            if not integer:
                value = round(value, 10)
        if integer:
            value = int(math.ceil(value))
        candidates: list[Any] = [schema.get("default"), schema.get("example"), value]
        candidates += [lo, hi, 0, 1, multiple]
        for candidate in candidates:
            if candidate is None or isinstance(candidate, bool):
                continue
            if not _python_type_ok(candidate, "integer" if integer else "number"):
                continue
            if self.is_valid(candidate, schema):
                return candidate
        return value


def _mapping_ref(target: str) -> str:
    """A discriminator mapping value as a reference (bare names allowed)."""
    return (
        target if "#" in target or "/" in target else f"#/components/schemas/{target}"
    )


def _matches(pattern: str, value: str) -> bool:
    try:
        return re.search(pattern, value) is not None
    except re.error:
        return True


def synthesize(
    schema: Any,
    spec_dict: Mapping[str, Any],
    *,
    optional: bool = True,
    depth_limit: int = 5,
) -> Any:
    """Produce a JSON value valid against ``schema``.

    ``$ref`` values are resolved in ``spec_dict``.  With ``optional=False`` only
    required properties are included; with ``optional=True`` all properties are
    included up to ``depth_limit`` nested levels (deeper, only required ones).
    Alternatives (``oneOf``/``anyOf``) are checked with openapi-schema-validator
    and the first variant producing a valid value is used.
    """
    synth = _Synthesizer(spec_dict, optional=optional, depth_limit=depth_limit)
    return synth.gen(schema, 0, ())


# --------------------------------------------------------------------------- #
# Spec loading and request validation
# --------------------------------------------------------------------------- #


def _without_servers(item: Any) -> Any:
    """Copy of a path item with path- and operation-level ``servers`` removed."""
    if not isinstance(item, dict):
        return item
    out = {k: v for k, v in item.items() if k != "servers"}
    for method in HTTP_METHODS:
        operation = out.get(method)
        if isinstance(operation, dict) and "servers" in operation:
            out[method] = {k: v for k, v in operation.items() if k != "servers"}
    return out


@dataclass(frozen=True)
class _Validators:
    security: APICallRequestSecurityValidator
    parameters: APICallRequestParametersValidator
    body: APICallRequestBodyValidator


@dataclass
class LoadedSpec:
    """A parsed spec shared between servers (see :func:`load_spec`)."""

    path: Path
    data: dict[str, Any]
    openapi: OpenAPI
    validators: _Validators
    lock: threading.Lock = field(default_factory=threading.Lock)
    response_cache: dict[str, Any] = field(default_factory=dict)


class _Yaml12NumbersLoader(yaml.CSafeLoader):
    """PyYAML reads YAML 1.1, where `1e-08` (no dot) is a string; YAML 1.2 and JSON say float."""


_Yaml12NumbersLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"),
    list("-+0123456789."),
)


@functools.lru_cache(maxsize=None)
def _load_spec_cached(resolved: str) -> LoadedSpec:
    path = Path(resolved)
    with path.open("rb") as handle:
        data = yaml.load(handle, Loader=_Yaml12NumbersLoader)
    paths = data.get("paths") or {}
    core_data = {
        **data,
        "servers": [{"url": "/"}],
        "paths": {name: _without_servers(item) for name, item in paths.items()},
    }
    openapi = OpenAPI.from_dict(
        core_data, config=Config(spec_validator_cls=None), base_uri=path.as_uri()
    )
    version = str(data.get("openapi", "3.0"))
    if version.startswith("3.0"):
        classes: tuple[type, type, type] = (
            V30RequestSecurityValidator,
            V30RequestParametersValidator,
            V30RequestBodyValidator,
        )
    else:
        classes = (
            V31RequestSecurityValidator,
            V31RequestParametersValidator,
            V31RequestBodyValidator,
        )
    validators = _Validators(*(cls(openapi.spec) for cls in classes))
    return LoadedSpec(path=path, data=data, openapi=openapi, validators=validators)


def load_spec(spec_path: Path) -> LoadedSpec:
    """Load (once per path, cached at module level) a YAML OpenAPI document."""
    return _load_spec_cached(str(Path(spec_path).resolve()))


@dataclass
class _CoreRequest:
    """openapi-core ``Request`` protocol implementation."""

    host_url: str
    path: str
    method: str
    parameters: RequestParameters
    content_type: str
    body: Optional[bytes]


def _truncate(text: str) -> str:
    return text if len(text) <= _MAX_MESSAGE else text[: _MAX_MESSAGE - 3] + "..."


def _schema_error_lines(prefix: str, errors: Iterable[Exception]) -> list[str]:
    lines: list[str] = []
    for error in errors:
        if isinstance(error, SchemaValidationError):
            location = ".".join(str(p) for p in error.absolute_path) or "(root)"
            message = error.message
            if error.context:
                closest = best_match(error.context)
                if closest is not None:
                    where = ".".join(str(p) for p in closest.absolute_path) or "(root)"
                    message = f"{_truncate(message)} (closest variant: {where}: {closest.message})"
            lines.append(_truncate(f"{prefix}: {location}: {message}"))
        else:
            lines.append(_truncate(f"{prefix}: {error}"))
    return lines


def _describe(error: Exception) -> list[str]:
    """Human-readable lines for an openapi-core validation error."""
    cause = error.__cause__
    schema_errors = list(getattr(cause, "schema_errors", None) or [])
    if isinstance(error, SecurityValidationError):
        return [_truncate(f"security: {cause or error}")]
    if isinstance(error, InvalidParameter):
        prefix = f"{error.location} parameter {error.name!r}"
        if schema_errors:
            return _schema_error_lines(prefix, schema_errors)
        return [_truncate(f"{prefix}: {cause or error}")]
    if isinstance(error, RequestBodyValidationError):
        if schema_errors:
            return _schema_error_lines("request body", schema_errors)
        if cause is not None:
            return [_truncate(f"request body: {type(cause).__name__}: {cause}")]
        return [_truncate(f"request body: {error}")]
    return [_truncate(f"{type(error).__name__}: {error}")]


def _parse_cookies(header: Optional[str]) -> ImmutableMultiDict[str, str]:
    if not header:
        return ImmutableMultiDict()
    cookie: SimpleCookie = SimpleCookie()
    try:
        cookie.load(header)
    except Exception:
        return ImmutableMultiDict()
    return ImmutableMultiDict([(key, morsel.value) for key, morsel in cookie.items()])


def _normalise_content_type(value: Optional[str]) -> str:
    """Lower-case the media type but keep parameters (e.g. boundary) intact."""
    if not value:
        return ""
    media, sep, params = value.partition(";")
    return media.strip().lower() + (sep + params if sep else "")


# --------------------------------------------------------------------------- #
# The server
# --------------------------------------------------------------------------- #


@dataclass
class RecordedRequest:
    """A request received by :class:`SpecServer`, with its validation result."""

    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    operation: Optional[str]
    errors: list[str] = field(default_factory=list)
    status: int = 0

    @property
    def query_params(self) -> dict[str, list[str]]:
        """Query string decoded to ``{name: [values]}``."""
        out: dict[str, list[str]] = {}
        for key, value in parse_qsl(self.query, keep_blank_values=True):
            out.setdefault(key, []).append(value)
        return out

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body)


@dataclass
class CannedResponse:
    """A queued response (see :meth:`SpecServer.respond_with`)."""

    status: int
    body: bytes
    headers: dict[str, str]


@dataclass
class _Reply:
    status: int
    headers: dict[str, str]
    chunks: list[bytes]
    chunked: bool = False


class _HTTPServer(LocalHTTPServer):
    owner: "SpecServer"


class _Handler(LocalRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.owner._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.owner._track(self.connection, add=False)

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            parts: list[bytes] = []
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                parts.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(parts)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _handle(self) -> None:
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client stopped reading early: that is its right

    def _answer(self) -> None:
        body = self._read_body()
        reply = self.server.owner._process(
            self.command, self.path, self.headers.items(), body
        )
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.status == 101:
            self.end_headers()
            self.wfile.flush()
            self._websocket_until_closed()
            return
        if reply.chunked and self.command != "HEAD":
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for chunk in reply.chunks:
                if chunk:
                    self.wfile.write(b"%X\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
        else:
            payload = b"".join(reply.chunks)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)
        self.wfile.flush()

    def _websocket_until_closed(self) -> None:
        """After a 101: ignore the client's frames until its close frame, answer it, hang up."""
        self.close_connection = True
        while True:
            head = self.rfile.read(2)
            if len(head) < 2:
                return
            opcode, length = head[0] & 0x0F, head[1] & 0x7F
            if length >= 126:
                length = int.from_bytes(self.rfile.read(2 if length == 126 else 8), "big")
            self.rfile.read((4 if head[1] & 0x80 else 0) + length)  # the mask key and the payload
            if opcode == 0x8:  # close: echo the normal-closure code
                self.wfile.write(b"\x88\x02\x03\xe8")
                self.wfile.flush()
                return

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle


class SpecServer:
    """Local HTTP server validating requests against an OpenAPI document.

    Use as a context manager; ``url`` is the base URL to configure clients with.
    """

    def __init__(
        self, spec_path: Path, *, binary_body: bytes = DEFAULT_BINARY_BODY
    ) -> None:
        self.spec_path = Path(spec_path)
        self.loaded = load_spec(self.spec_path)
        self.binary_body = binary_body
        self.sse_events = 3
        self._requests: list[RecordedRequest] = []
        self._canned: deque[CannedResponse] = deque()
        self._lock = threading.Lock()
        self._connections: set[socket] = set()
        self._httpd: Optional[_HTTPServer] = None
        self._thread: Optional[threading.Thread] = None

    # -- public API --------------------------------------------------------- #

    @property
    def spec(self) -> dict[str, Any]:
        """The raw spec document (as loaded from YAML; do not mutate)."""
        return self.loaded.data

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (no trailing slash)."""
        if self._httpd is None:
            raise RuntimeError("SpecServer is not running")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of all requests received so far."""
        with self._lock:
            return list(self._requests)

    def rejected(self) -> list[RecordedRequest]:
        """Requests that failed validation (or matched no operation)."""
        return [r for r in self.requests if r.errors]

    def clear(self) -> None:
        """Forget recorded requests and queued responses."""
        with self._lock:
            self._requests.clear()
            self._canned.clear()

    def respond_with(
        self,
        status: int,
        body: Any = b"",
        headers: Optional[Mapping[str, str]] = None,
    ) -> None:
        """Queue a canned response used (FIFO) before default synthesis.

        ``bytes`` are sent as-is (default content type application/octet-stream,
        none if empty); anything else is JSON-encoded.  A canned response is used
        even when the request fails validation; the errors are still recorded.
        """
        out_headers = dict(headers or {})
        has_type = any(k.lower() == "content-type" for k in out_headers)
        if isinstance(body, (bytes, bytearray)):
            data = bytes(body)
            if data and not has_type:
                out_headers["Content-Type"] = "application/octet-stream"
        else:
            data = json.dumps(body).encode()
            if not has_type:
                out_headers["Content-Type"] = "application/json"
        with self._lock:
            self._canned.append(CannedResponse(status, data, out_headers))

    def start(self) -> "SpecServer":
        """Start serving in a daemon thread."""
        if self._httpd is not None:
            return self
        httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
        httpd.owner = self
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close open connections."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for conn in connections:
            try:
                conn.shutdown(SHUT_RDWR)
            except OSError:
                pass
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> "SpecServer":
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()

    def validate(
        self,
        method: str,
        target: str,
        headers: Iterable[tuple[str, str]] = (),
        body: bytes = b"",
    ) -> tuple[Optional[str], Optional[str], list[str]]:
        """Validate a request without sending it over HTTP.

        ``target`` is the request target (path plus optional query string).
        Returns ``(operation, path template, errors)``; operation and template
        are ``None`` when no operation matches.
        """
        operation, template, errors, _ = self._validate(method, target, headers, body)
        return operation, template, errors

    def _validate(
        self,
        method: str,
        target: str,
        headers: Iterable[tuple[str, str]],
        body: bytes,
    ) -> tuple[Optional[str], Optional[str], list[str], int]:
        """Validate; the last item is the HTTP status to use when unmatched."""
        split = urlsplit(target)
        header_map = Headers(list(headers))
        # openapi-core splits a spaceDelimited value at the text `%20` after it is decoded (RFC 6570
        # splits, then decodes): a decoded space is given back to it as `%20`.
        query = [(key, value.replace(" ", "%20")) for key, value in parse_qsl(split.query, keep_blank_values=True)]
        parameters = RequestParameters(
            query=ImmutableMultiDict(query),
            header=header_map,
            cookie=_parse_cookies(header_map.get("Cookie")),
        )
        request = _CoreRequest(
            host_url="http://127.0.0.1",
            path=split.path or "/",
            method=method.lower(),
            parameters=parameters,
            content_type=_normalise_content_type(header_map.get("Content-Type")),
            body=body or None,
        )
        validators = self.loaded.validators
        with self.loaded.lock:
            try:
                found = validators.security.path_finder.find(
                    request.method, request.host_url + request.path
                )
            except OperationNotFound:
                message = (
                    f"method {method.upper()} is not defined for path {split.path}"
                )
                return None, None, [message], 405
            except PathError:
                return None, None, [f"no path in the spec matches {split.path}"], 404
            template: str = found.path_result.pattern
            op_data = self.spec["paths"][template][method.lower()]
            operation = op_data.get("operationId") or f"{method.upper()} {template}"
            errors: list[str] = []
            for error in validators.security.iter_errors(request):
                errors.append(f"{_describe(error)[0]}; {self._security_hint(op_data)}")
            for error in validators.parameters.iter_errors(request):
                errors.extend(_describe(error))
            if request.content_type.startswith("multipart/form-data"):
                errors.extend(self._multipart_errors(op_data, header_map.get("Content-Type", ""), body))
            else:
                for error in validators.body.iter_errors(request):
                    if isinstance(error, MissingRequestBody):
                        continue
                    errors.extend(_describe(error))
        return operation, template, errors, 200

    def _multipart_errors(self, operation: Mapping[str, Any], content_type: str, body: bytes) -> list[str]:
        """Validate a multipart body the way OpenAPI describes it.

        openapi-core hands form parts over as bytes and does not convert them; here each
        part is decoded per its schema (RFC 7578 text, repeated parts for arrays, JSON for
        objects, numbers and booleans from their text) and the resulting object is
        validated with openapi-schema-validator.
        """
        request_body = operation.get("requestBody") or {}
        while "$ref" in request_body:
            request_body = resolve_ref(self.spec, request_body["$ref"])
        media = (request_body.get("content") or {}).get("multipart/form-data")
        if media is None:
            return ["request body: multipart/form-data is not a declared content type"]
        schema = media.get("schema") or {}
        resolved = schema
        while isinstance(resolved, dict) and "$ref" in resolved:
            resolved = resolve_ref(self.spec, resolved["$ref"])
        properties = resolved.get("properties") or {}
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        if not message.is_multipart():
            return ["request body: not a multipart body"]
        value: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                return ["request body: a part has no name"]
            payload = part.get_payload(decode=True) or b""
            prop = properties.get(name) or {}
            while isinstance(prop, dict) and "$ref" in prop:
                prop = resolve_ref(self.spec, prop["$ref"])
            if prop.get("type") == "array":
                value.setdefault(name, []).append(self._form_value(prop.get("items") or {}, part, payload))
            else:
                value[name] = self._form_value(prop, part, payload)
        validator = _root_validator(self.spec).evolve(schema=schema)
        return _schema_error_lines("request body", validator.iter_errors(value))

    def _form_value(self, schema: Mapping[str, Any], part: Any, payload: bytes) -> Any:
        while isinstance(schema, dict) and "$ref" in schema:
            schema = resolve_ref(self.spec, schema["$ref"])
        if part.get_filename() is not None or schema.get("format") == "binary":
            return "<binary>"
        text = payload.decode("utf-8", errors="replace")
        kind = schema.get("type")
        try:
            if kind == "integer":
                return int(text)
            if kind == "number":
                return float(text)
            if kind == "boolean":
                return {"true": True, "false": False}.get(text, text)
            if kind in ("object", "array") or part.get_content_type() == "application/json":
                return json.loads(text)
        except ValueError:
            return text
        return text

    def _security_hint(self, operation: Mapping[str, Any]) -> str:
        """Describe which credentials would satisfy the operation's security."""
        requirements = operation.get("security", self.spec.get("security")) or []
        schemes = (self.spec.get("components") or {}).get("securitySchemes") or {}
        options: list[str] = []
        for requirement in requirements:
            parts: list[str] = []
            for name in requirement:
                scheme = schemes.get(name) or {}
                if scheme.get("type") == "apiKey":
                    parts.append(f"{scheme.get('in')} {scheme.get('name')}")
                elif scheme.get("type") == "http":
                    parts.append(
                        f"Authorization: {str(scheme.get('scheme', '')).title()} ..."
                    )
                else:
                    parts.append(str(name))
            options.append(" + ".join(parts) or "(none)")
        return "send one of: " + " | ".join(options)

    # -- internals ---------------------------------------------------------- #

    def _track(self, conn: socket, *, add: bool) -> None:
        with self._lock:
            if add:
                self._connections.add(conn)
            else:
                self._connections.discard(conn)

    def _process(
        self, method: str, target: str, headers: Iterable[tuple[str, str]], body: bytes
    ) -> _Reply:
        """Validate, record and answer one request."""
        header_list = list(headers)
        split = urlsplit(target)
        lowered: dict[str, str] = {}
        for name, value in header_list:
            key = name.lower()
            lowered[key] = f"{lowered[key]}, {value}" if key in lowered else value
        record = RecordedRequest(
            method=method.upper(),
            path=split.path,
            query=split.query,
            headers=lowered,
            body=body,
            operation=None,
        )
        try:
            operation, template, errors, unmatched_status = self._validate(
                method, target, header_list, body
            )
            record.operation = operation
            record.errors = errors
            with self._lock:
                self._requests.append(record)
                canned = self._canned.popleft() if self._canned else None
            if canned is not None:
                reply = _Reply(canned.status, dict(canned.headers), [canned.body])
            elif template is None:
                reply = _error_reply(
                    unmatched_status, "; ".join(errors), "not_found_error"
                )
            elif errors:
                reply = _error_reply(400, "; ".join(errors), "invalid_request_error")
            elif self._is_websocket_upgrade(method, template, lowered):
                reply = _websocket_accept(lowered["sec-websocket-key"])
            else:
                reply = self._default_reply(method.lower(), template, body)
        except Exception as exc:  # a bug in the helper must not look like a client bug
            message = f"spec server internal error: {type(exc).__name__}: {exc}"
            record.errors.append(message)
            with self._lock:
                if not any(r is record for r in self._requests):
                    self._requests.append(record)
            reply = _error_reply(500, message, "spec_server_error")
        record.status = reply.status
        return reply

    def _is_websocket_upgrade(self, method: str, template: str, headers: Mapping[str, str]) -> bool:
        """A WebSocket handshake to an operation whose spec answers ``101`` (switching protocols)."""
        operation = self.spec["paths"][template].get(method.lower()) or {}
        return (
            "101" in {str(code) for code in operation.get("responses") or {}}
            and headers.get("upgrade", "").lower() == "websocket"
            and "sec-websocket-key" in headers
        )

    def _default_reply(self, method: str, template: str, body: bytes) -> _Reply:
        """Synthesize the operation's first 2xx response.

        JSON is preferred; ``text/event-stream`` is used when it is the only
        choice or when the JSON request body has ``"stream": true``.
        """
        operation = self.spec["paths"][template][method]
        status, response = _pick_response(self.spec, operation)
        content = response.get("content") or {}
        if not content:
            return _Reply(status, {}, [b""])
        media_types = list(content)
        media = next((m for m in media_types if _is_json(m)), media_types[0])
        sse = next((m for m in media_types if m.startswith("text/event-stream")), None)
        if sse is not None and _wants_stream(body):
            media = sse
        schema = (content.get(media) or {}).get("schema") or {}
        cache_key = f"{method} {template} {media}"
        if _is_json(media):
            data = self._cached_value(cache_key, schema)
            return _Reply(
                status,
                {"Content-Type": media},
                [json.dumps(data, default=str).encode()],
            )
        if media.startswith("text/event-stream"):
            event = self._cached_value(cache_key, schema)
            text = event if isinstance(event, str) else json.dumps(event, default=str)
            chunks = [f"data: {text}\n\n".encode() for _ in range(self.sse_events)]
            chunks.append(b"data: [DONE]\n\n")
            return _Reply(
                status,
                {"Content-Type": "text/event-stream", "Cache-Control": "no-cache"},
                chunks,
                chunked=True,
            )
        resolved, _ = _Synthesizer(self.spec, True, 3).deref(schema)
        if media.startswith("text/") and resolved.get("format") != "binary":
            text = self._cached_value(cache_key, schema)
            return _Reply(status, {"Content-Type": media}, [str(text).encode()])
        data = self.binary_body
        chunks = [
            data[i : i + _CHUNK_SIZE] for i in range(0, len(data), _CHUNK_SIZE)
        ] or [b""]
        return _Reply(status, {"Content-Type": media}, chunks, chunked=True)

    def _cached_value(self, key: str, schema: Any) -> Any:
        cache = self.loaded.response_cache
        if key not in cache:
            cache[key] = synthesize(schema, self.spec, optional=True)
        return cache[key]


def _wants_stream(body: bytes) -> bool:
    """Whether a JSON request body asks for streaming (``"stream": true``)."""
    if not body.lstrip().startswith(b"{"):
        return False
    try:
        data = json.loads(body)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("stream") is True


def _is_json(media: str) -> bool:
    media = media.split(";", 1)[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def _pick_response(
    spec: Mapping[str, Any], operation: Mapping[str, Any]
) -> tuple[int, dict[str, Any]]:
    """The first 2xx response of an operation (else ``default``), with its status."""
    responses = operation.get("responses") or {}
    chosen: Optional[tuple[int, Any]] = None
    for code, response in responses.items():
        text = str(code).upper()
        if text.startswith("2"):
            chosen = (200 if "X" in text else int(text), response)
            break
    if chosen is None:
        chosen = (200, responses.get("default") or {})
    status, response = chosen
    while isinstance(response, dict) and "$ref" in response:
        response = resolve_ref(spec, response["$ref"])
    return status, response if isinstance(response, dict) else {}


_WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def _websocket_accept(key: str) -> _Reply:
    """The 101 answer to a WebSocket handshake (RFC 6455, section 4.2.2)."""
    accept = base64.b64encode(hashlib.sha1((key + _WEBSOCKET_GUID).encode()).digest()).decode()
    headers = {"Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Accept": accept}
    return _Reply(101, headers, [])


def _error_reply(status: int, message: str, kind: str) -> _Reply:
    body = json.dumps({"error": {"message": message, "type": kind}}).encode()
    return _Reply(status, {"Content-Type": "application/json"}, [body])
