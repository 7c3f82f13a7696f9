"""Build the intermediate model (`ApiModel`) from a loaded spec."""

from __future__ import annotations

import re
from typing import Any, Literal, cast

from generator import pointer as jp
from generator.config import GeneratorConfig
from generator.diagnostics import Diagnostic, SourceLocation
from generator.load import Document, LoadedSpec
from generator.model.ir import (
    AnyType,
    ApiModel,
    DEFAULT_STYLES,
    CodeSample,
    Encoding,
    MediaType,
    Operation,
    Origin,
    Parameter,
    PrimitiveType,
    RequestBody,
    Response,
    SecurityScheme,
    Server,
    ServerVariable,
    route,
)
from generator.model.naming import assign_call_paths
from generator.model.schemas import Hint, SchemaBuilder
from generator.names import pascal_case, snake_case

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Header parameters OpenAPI says to ignore: the client writes them itself.
IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


def build_model(spec: LoadedSpec, config: GeneratorConfig) -> ApiModel:
    """Operations, schemas and security schemes of the spec, named and typed."""
    diagnostics: list[Diagnostic] = []
    root = spec.root
    data = root.data
    schemas = SchemaBuilder(spec, diagnostics)
    schemas.build_components()
    default_security = _security(data.get("security"))
    operations: list[Operation] = []
    referenced: list[SourceLocation] = []
    for path, item_pointer in _path_items(root):
        item_document, item_pointer, item = _deref(spec, root, item_pointer)
        shared = (item_document, jp.join(item_pointer, "parameters"), item.get("parameters") or [])
        for method in HTTP_METHODS:
            if not isinstance(item.get(method), dict):
                continue
            op_pointer = jp.join(item_pointer, method)
            if isinstance(item[method].get("$ref"), str):  # not OpenAPI, but some multi-file specs do it
                referenced.append(item_document.locate(op_pointer))
            op_document, op_pointer, op_node = _deref(spec, item_document, op_pointer)
            operation = _operation(spec, schemas, op_document, op_pointer, path, method, shared, default_security)
            operation.servers = _servers(op_node.get("servers")) or _servers(item.get("servers"))
            _add_undeclared_path_parameters(operation, diagnostics)
            operations.append(operation)
    schemas.finish()
    if referenced:
        message = f"{len(referenced)} operation(s) given as a $ref (an extension of OpenAPI, which allows "
        message += "$ref for path items, not operations); they are read from where the $ref leads"
        diagnostics.append(Diagnostic("warning", message, referenced[0]))
    assign_call_paths(operations, config.operations, config.action_segments, diagnostics, schemas.schemas)
    info = data.get("info") or {}
    return ApiModel(
        title=str(info.get("title") or "API"),
        version=str(info.get("version") or ""),
        description=info.get("description"),
        servers=_servers(data.get("servers")),
        operations=operations,
        schemas=dict(sorted(schemas.schemas.items())),
        security_schemes=_security_schemes(spec),
        diagnostics=diagnostics,
    )


def _servers(raw: Any) -> list[Server]:
    """A `servers` list: each URL with its variables (their defaults, allowed values and meaning)."""
    servers = []
    for entry in raw if isinstance(raw, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            continue
        variables: dict[str, Any] = entry["variables"] if isinstance(entry.get("variables"), dict) else {}
        servers.append(Server(entry["url"], _text(entry.get("description")), tuple(
            ServerVariable(str(name), str(v.get("default", "")), tuple(str(e) for e in v.get("enum") or ()),
                           _text(v.get("description")))
            for name, v in variables.items() if isinstance(v, dict)
        )))  # fmt: skip
    return servers


def _add_undeclared_path_parameters(operation: Operation, diagnostics: list[Diagnostic]) -> None:
    """A `{name}` in the path with no parameter for it still needs an argument: a required string."""
    declared = {p.name for p in operation.parameters if p.location == "path"}
    for name in re.findall(r"\{([^{}]+)\}", operation.path):
        if name not in declared:
            operation.parameters.insert(0, Parameter(name, "path", PrimitiveType("string"), required=True))
            diagnostics.append(Diagnostic(
                "warning", f"path parameter {name!r} of {operation.method.upper()} {operation.path} is not declared; "
                "it is taken as a required string", operation.location))  # fmt: skip


def _path_items(root: Document) -> list[tuple[str, str]]:
    paths = root.data.get("paths") or {}
    return [(path, jp.join("/paths", path)) for path in paths if isinstance(paths[path], dict)]


def _deref(spec: LoadedSpec, document: Document, pointer: str) -> tuple[Document, str, Any]:
    node = jp.lookup(document.data, pointer)
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target = spec.resolve(node["$ref"], document)
        return target.document, target.pointer, target.value
    return document, pointer, node


def _operation(
    spec: LoadedSpec,
    schemas: SchemaBuilder,
    document: Document,
    pointer: str,
    path: str,
    method: str,
    shared: tuple[Document, str, list[Any]],
    default_security: list[tuple[str, ...]],
) -> Operation:
    """One operation; `shared` is the path item's parameters (its document, pointer and list)."""
    node = jp.lookup(document.data, pointer)
    operation_id = node.get("operationId") if isinstance(node.get("operationId"), str) else None
    name = operation_id or f"{method}_{snake_case(path) or 'root'}"
    type_hint = Hint(
        pascal_case(operation_id) if operation_id else pascal_case(f"{method} {snake_case(path)}"),
        Origin(route(method, path), "operation"),
    )
    parameters: dict[tuple[str, str], Parameter] = {}
    presets: dict[str, str] = {}
    own = (document, jp.join(pointer, "parameters"), node.get("parameters") or [])
    for source_document, source_pointer, entries in (shared, own):
        for index in range(len(entries)):
            parameter = _parameter(spec, schemas, source_document, jp.join(source_pointer, index), type_hint,
                                   presets)  # fmt: skip
            if parameter is not None:
                parameters[(parameter.location, parameter.name)] = parameter
    security = _security(node["security"]) if "security" in node else default_security
    return Operation(
        name=name,
        method=method,
        path=path,
        operation_id=operation_id,
        summary=_text(node.get("summary")),
        description=_text(node.get("description")),
        tags=[str(t) for t in node.get("tags") or []],
        parameters=list(parameters.values()),
        request_body=_request_body(spec, schemas, document, jp.join(pointer, "requestBody"), type_hint),
        responses=_responses(spec, schemas, document, jp.join(pointer, "responses"), type_hint),
        security=security,
        code_samples=_code_samples(node),
        deprecated=bool(node.get("deprecated")),
        location=document.locate(pointer),
        preset_headers=presets,
    )


def _parameter(
    spec: LoadedSpec, schemas: SchemaBuilder, document: Document, pointer: str, type_hint: Hint,
    presets: dict[str, str],
) -> Parameter | None:  # fmt: skip
    """The parameter at pointer; an Accept or Content-Type header the spec gives a value for (its
    schema's default, single enum value or example) goes into `presets` instead, as the header's value."""
    document, pointer, node = _deref(spec, document, pointer)
    if not isinstance(node, dict) or node.get("in") not in ("path", "query", "header", "cookie"):
        return None
    name = str(node.get("name"))
    if node["in"] == "header" and name.lower() in IGNORED_HEADERS:
        # OpenAPI ignores such a definition: the client writes these headers from the media types,
        # unless the spec names the one value the API expects (servers do check it).
        value = _declared_value(node)
        if name.lower() != "authorization" and (value is not None or node.get("required") is True):
            presets[name.lower()] = value or ""
        return None
    hint = type_hint.child(pascal_case(name))
    json_content = False
    if isinstance(node.get("schema"), dict):
        type_ = schemas.type_of(document, jp.join(pointer, "schema"), hint)
        schema = _deref(spec, document, jp.join(pointer, "schema"))[2]
    else:
        content = node.get("content") or {}
        media = next(iter(content), None)
        json_content = bool(media and "json" in media)
        schema_pointer = jp.join(pointer, "content", media or "", "schema")
        type_ = schemas.type_of(document, schema_pointer, hint) if media else schemas.type_of(document, pointer, hint)
        schema = {}
    location = cast(Literal["path", "query", "header", "cookie"], node["in"])
    style = str(node["style"]) if isinstance(node.get("style"), str) else DEFAULT_STYLES[location]
    explode = node.get("explode")
    return Parameter(
        name=name,
        location=location,
        type=type_,
        required=bool(node.get("required")) or location == "path",
        description=_text(node.get("description")),
        style=style,
        explode=explode if isinstance(explode, bool) else style == "form",
        json_content=json_content,
        deprecated=bool(node.get("deprecated")),
        has_default=isinstance(schema, dict) and "default" in schema,
        default=schema.get("default") if isinstance(schema, dict) else None,
        minimum=schema.get("minimum") if isinstance(schema, dict) else None,
        maximum=schema.get("maximum") if isinstance(schema, dict) else None,
    )


def _declared_value(node: dict[str, Any]) -> str | None:
    """The one value a header parameter's schema (or its example) gives, if it gives one."""
    schema: dict[str, Any] = node["schema"] if isinstance(node.get("schema"), dict) else {}
    enum = schema.get("enum")
    for candidate in (schema.get("default"), enum[0] if isinstance(enum, list) and len(enum) == 1 else None,
                      node.get("example"), schema.get("example")):  # fmt: skip
        if isinstance(candidate, str) and candidate:
            return candidate
    return None


def _request_body(
    spec: LoadedSpec, schemas: SchemaBuilder, document: Document, pointer: str, type_hint: Hint
) -> RequestBody | None:
    try:
        document, pointer, node = _deref(spec, document, pointer)
    except KeyError:
        return None
    if not isinstance(node, dict):
        return None
    contents = [
        _media_type(schemas, document, jp.join(pointer, "content", content_type), content_type, media,
                    type_hint.child("Request"))
        for content_type, media in (node.get("content") or {}).items()
        if isinstance(media, dict)
    ]  # fmt: skip
    return RequestBody(bool(node.get("required")), contents, _text(node.get("description")))


def _responses(
    spec: LoadedSpec, schemas: SchemaBuilder, document: Document, pointer: str, type_hint: Hint
) -> list[Response]:
    node = jp.lookup(document.data, pointer) if _exists(document, pointer) else {}
    responses: list[Response] = []
    for status in node or {}:
        response_document, response_pointer, response = _deref(spec, document, jp.join(pointer, status))
        if not isinstance(response, dict):
            continue
        hint = type_hint.child("Response" if status.startswith("2") else f"Response{pascal_case(status)}")
        contents = [
            _media_type(schemas, response_document, jp.join(response_pointer, "content", content_type),
                        content_type, media, hint)
            for content_type, media in (response.get("content") or {}).items()
            if isinstance(media, dict)
        ]  # fmt: skip
        declared = response.get("headers")
        headers = tuple(str(name) for name in declared) if isinstance(declared, dict) else ()
        responses.append(Response(str(status), contents, _text(response.get("description")), headers))
    return responses


def _media_type(
    schemas: SchemaBuilder, document: Document, pointer: str, content_type: str, media: dict[str, Any], hint: Hint
) -> MediaType:
    """The media type's schema; without one, any JSON value or raw bytes, as the media type suggests."""
    if "schema" in media:
        type_ = schemas.type_of(document, jp.join(pointer, "schema"), hint)
        return MediaType(content_type, type_, _encoding(media.get("encoding")))
    if "json" in content_type.lower():
        return MediaType(content_type, AnyType())
    if content_type.lower().startswith("text/"):
        return MediaType(content_type, PrimitiveType("string"))
    return MediaType(content_type, PrimitiveType("string", "binary"))


def _encoding(raw: Any) -> dict[str, Encoding]:
    """A form or multipart body's `encoding`: per property, its content type, style and explode."""
    found: dict[str, Encoding] = {}
    for name, entry in (raw if isinstance(raw, dict) else {}).items():
        if isinstance(entry, dict):
            content_type, style, explode = entry.get("contentType"), entry.get("style"), entry.get("explode")
            found[str(name)] = Encoding(
                content_type if isinstance(content_type, str) else None,
                style if isinstance(style, str) else None,
                explode if isinstance(explode, bool) else None,
            )
    return found


def _exists(document: Document, pointer: str) -> bool:
    try:
        jp.lookup(document.data, pointer)
    except KeyError:
        return False
    return True


def _security(raw: Any) -> list[tuple[str, ...]]:
    if not isinstance(raw, list):
        return []
    return [tuple(sorted(str(k) for k in requirement)) for requirement in raw if isinstance(requirement, dict)]


def _security_schemes(spec: LoadedSpec) -> dict[str, SecurityScheme]:
    raw = (spec.root.data.get("components") or {}).get("securitySchemes") or {}
    schemes: dict[str, SecurityScheme] = {}
    for name in raw:
        _, _, node = _deref(spec, spec.root, jp.join("/components/securitySchemes", name))
        if not isinstance(node, dict):
            continue
        location = node.get("in") if node.get("in") in ("header", "query", "cookie") else None
        schemes[name] = SecurityScheme(
            name=name,
            type=str(node.get("type")),
            location=cast(Literal["header", "query", "cookie"] | None, location),
            parameter_name=node.get("name"),
            scheme=str(node["scheme"]).lower() if node.get("scheme") else None,
            description=_text(node.get("description")),
        )
    return schemes


def _code_samples(node: dict[str, Any]) -> list[CodeSample]:
    raw = node.get("x-code-samples") or node.get("x-codeSamples") or []
    return [
        CodeSample(str(s.get("lang", "")), s.get("label"), str(s.get("source", "")))
        for s in raw
        if isinstance(s, dict)
    ]


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
