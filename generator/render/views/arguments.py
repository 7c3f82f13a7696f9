"""A method's arguments: from the operation's parameters and request body, in the spec's names.

Decides each argument's Python name, where it goes on the wire (path, query, header, body,
file, the whole body), what a caller passes for it and whether it is required. Its annotation
comes from the request types (`params.RequestTypes`), named before any argument is annotated.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from generator.model.ir import (
    AliasSchema,
    AnyType,
    ApiModel,
    ArrayType,
    MapType,
    MediaType,
    ObjectSchema,
    Operation,
    Parameter,
    PrimitiveType,
    Property,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
    effective_properties,
)
from generator.names import pascal_case
from generator.render.annotations import Annotation, Annotator, plain, union_of
from generator.render.escape import docstring_text
from generator.render.layout import Layout, bracketed
from generator.model.media import MediaKind, media_kind
from generator.render.views.common import argument_name, unique
from generator.render.views.params import InputPlace, RequestInput

Location = Literal["path", "query", "header", "cookie", "body", "file", "whole_body"]
BodyKind = Literal["none", "json", "multipart", "urlencoded", "json_value", "raw"]
# The kinds of request body, the one a method takes first (JSON first) where a body offers several.
_BODY_ORDER: tuple[MediaKind, ...] = ("json", "multipart", "urlencoded", "text", "binary", "event_stream")


@dataclass(frozen=True)
class ArgumentSpec:
    """An argument as the operation defines it, before it is annotated."""

    name: str
    wire_name: str
    location: Location
    inputs: tuple[RequestInput, ...]
    """What a caller may pass: one input, or several (a field of a union of bodies takes any variant's type)."""
    required: bool
    doc: str
    style: tuple[str, bool] | None = None
    """How the runtime writes a parameter whose value may be a list or an object, or that sits in a
    path in label or matrix style: its OpenAPI (style, explode), or ("json", False) for JSON content."""
    fixed: Annotation | None = None
    """The annotation of an argument that is not typed by its schema (a raw body's content)."""

    def annotated(self, annotator: Annotator) -> ArgumentView:
        annotation = self.fixed or union_of([annotator.annotate(i.type, owner=i.owner) for i in self.inputs])
        return ArgumentView(self.name, self.wire_name, self.location,
                            annotation if self.required else annotation.or_not_given(), self.required, self.doc,
                            self.style)  # fmt: skip


@dataclass
class ArgumentView:
    name: str
    wire_name: str
    location: Location
    annotation: Annotation
    required: bool
    doc: str
    style: tuple[str, bool] | None = None

    @cached_property  # a signature is rendered up to eight times (stream overloads, sync and async)
    def layout(self) -> Layout:
        """The parameter's line in a method signature."""
        keyword = self.location != "path"
        default = " = NOT_GIVEN" if keyword and not self.required else ""
        return bracketed(f"{self.name}: ", self.annotation.expr, default + ",", 8)


@dataclass(frozen=True)
class OperationArguments:
    """What a method takes: the body's kind and media type (with its encoding), and the arguments
    (in the order the spec gives them)."""

    body_kind: BodyKind
    specs: tuple[ArgumentSpec, ...]
    body_media: MediaType | None = None
    files_as_multipart: bool = False
    """A JSON body the operation also takes as a multipart form: a call given a file sends the form."""

    @property
    def inputs(self) -> list[RequestInput]:
        """What its arguments take, in the order their types are named: parameters, a whole body, body fields."""
        group = {"path": 0, "query": 0, "header": 0, "cookie": 0, "whole_body": 1}
        return [i for spec in sorted(self.specs, key=lambda s: group.get(s.location, 2)) for i in spec.inputs]

    def annotated(self, annotator: Annotator, path: str) -> list[ArgumentView]:
        """Annotated, path ones first (in path order), then required before optional."""
        views = [spec.annotated(annotator) for spec in self.specs]
        position = {spec.wire_name: path.find("{" + spec.wire_name + "}") for spec in self.specs}
        views.sort(key=lambda a: (a.location != "path", not a.required, position[a.wire_name] if a.location == "path" else 0))
        return views


def method_arguments(operation: Operation, model: ApiModel) -> OperationArguments:
    """The arguments of the operation's method, from its parameters and request body."""
    taken: set[str] = set()
    specs = [_parameter_argument(p, taken, operation.route, model.schemas) for p in operation.parameters]
    body_kind, media, from_body = _body_arguments(operation, model, taken)
    offered = {media_kind(m.content_type, m.type) for m in operation.request_body.contents} if operation.request_body else set()
    return OperationArguments(body_kind, (*specs, *from_body), media, body_kind == "json" and "multipart" in offered)


def _parameter_argument(
    parameter: Parameter, taken: set[str], route: str, schemas: dict[str, SchemaDef]
) -> ArgumentSpec:
    return ArgumentSpec(
        name=unique(argument_name(parameter.name, "param"), taken),
        wire_name=parameter.name,
        location=parameter.location,
        inputs=(RequestInput(parameter.type, InputPlace(pascal_case(parameter.name), operation=route)),),
        required=parameter.required,
        doc=docstring_text(parameter.description),
        style=_serialization(parameter, schemas),
    )


def _serialization(parameter: Parameter, schemas: dict[str, SchemaDef]) -> tuple[str, bool] | None:
    """The (style, explode) the runtime needs to write this parameter; None where any style writes
    it alike (a scalar in form or simple style)."""
    if parameter.json_content:
        return ("json", False)
    if parameter.style in ("label", "matrix") or _structured(parameter.type, schemas, set()):
        return (parameter.style, parameter.explode)
    return None


def _structured(type_: TypeExpr, schemas: dict[str, SchemaDef], seen: set[str]) -> bool:
    """Whether a value of this type may be a list or an object."""
    if isinstance(type_, (ArrayType, MapType, AnyType)):
        return True
    if isinstance(type_, UnionType):
        return any(_structured(v, schemas, seen) for v in type_.variants)
    if isinstance(type_, RefType) and type_.name not in seen:
        schema = schemas.get(type_.name)
        return isinstance(schema, ObjectSchema) or (
            isinstance(schema, AliasSchema) and _structured(schema.type, schemas, seen | {type_.name})
        )
    return False


def _body_arguments(
    operation: Operation, model: ApiModel, taken: set[str]
) -> tuple[BodyKind, MediaType | None, list[ArgumentSpec]]:
    body = operation.request_body
    if body is None or not body.contents:
        return "none", None, []
    kinds = [(media_kind(m.content_type, m.type), m) for m in body.contents]
    media_class, media = min(kinds, key=lambda pair: _BODY_ORDER.index(pair[0]))
    properties = _body_properties(media.type, model.schemas) if media_class not in ("text", "binary") else None
    if media_class in ("text", "binary", "event_stream") or (properties is None and media_class != "json"):
        # Sent as it is: bytes, a file, a path, an iterator of bytes; text also as a str.
        annotation = plain("RawContent") if media_class != "text" else union_of([plain("str"), plain("RawContent")])
        argument = ArgumentSpec(unique("body", taken), "body", "body", (), body.required,
                                docstring_text(body.description) or _RAW_DOC, fixed=annotation)  # fmt: skip
        return "raw", media, [argument]
    kind = _OBJECT_BODIES[media_class]
    owner = media.type.name if isinstance(media.type, RefType) else None  # the keywords are its keys
    whole_body: list[ArgumentSpec] = []
    if properties is None and isinstance(media.type, UnionType):
        # An object or something else (say, a list of them): the object's fields as keywords,
        # and `body` for the other shapes.
        objects = UnionType(tuple(v for v in media.type.variants if _body_properties(v, model.schemas) is not None))
        if objects.variants:
            properties = [(replace(p, required=False), t) for p, t in _body_properties(objects, model.schemas) or []]
            whole_body = [ArgumentSpec(unique("body", taken), "body", "whole_body", (RequestInput(media.type),), False,
                                       "The whole request body, instead of the keyword arguments above.")]  # fmt: skip
    if properties is None:
        argument = ArgumentSpec(unique("body", taken), "body", "body", (RequestInput(media.type),), body.required,
                                docstring_text(body.description))  # fmt: skip
        return "json_value", media, [argument]
    arguments = []
    for prop, types in properties:
        if prop.read_only:
            continue
        is_file = kind == "multipart" and _is_binary(prop.type)
        arguments.append(
            ArgumentSpec(
                name=unique(argument_name(prop.name, "field"), taken),
                wire_name=prop.name,
                location="file" if is_file else "body",
                inputs=tuple(RequestInput(t, InputPlace(pascal_case(prop.name), owner, operation.route)) for t in types),
                required=prop.required and body.required,
                doc=docstring_text(prop.description),
            )
        )
    return kind, media, arguments + whole_body


_OBJECT_BODIES: dict[MediaKind, BodyKind] = {"json": "json", "multipart": "multipart", "urlencoded": "urlencoded"}
_RAW_DOC = "The request body, sent as it is: bytes, a file, a path, an iterator of bytes, or (filename, content, content_type)."


def _body_properties(
    type_: TypeExpr, schemas: dict[str, SchemaDef]
) -> list[tuple[Property, list[TypeExpr]]] | None:
    """Keyword arguments for an object body, or a union of object bodies (None: not objects).

    For a union, every variant's properties become arguments; one is required only
    when every variant requires it, and takes any of the variants' types.
    """
    variants = type_.variants if isinstance(type_, UnionType) else (type_,)
    objects = [s for v in variants if isinstance(v, RefType) and isinstance(s := schemas.get(v.name), ObjectSchema)]
    if len(objects) != len(variants):
        return None
    merged: dict[str, tuple[Property, list[TypeExpr]]] = {}
    required_in: list[set[str]] = []
    for schema in objects:
        properties = effective_properties(schema, schemas)
        required_in.append({p.name for p in properties if p.required})
        for prop in properties:
            if prop.name not in merged:
                merged[prop.name] = (prop, [prop.type])
            elif prop.type not in merged[prop.name][1]:
                merged[prop.name][1].append(prop.type)
    for name, (prop, types) in merged.items():
        required = all(name in names for names in required_in)
        if required != prop.required:
            merged[name] = (replace(prop, required=required), types)
    return list(merged.values())


def _is_binary(type_: TypeExpr) -> bool:
    if isinstance(type_, PrimitiveType):
        return type_.name == "string" and type_.format == "binary"
    if isinstance(type_, ArrayType):
        return _is_binary(type_.items)
    if isinstance(type_, UnionType):
        return any(_is_binary(v) for v in type_.variants)
    return False
