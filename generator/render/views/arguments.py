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
    ApiModel,
    ArrayType,
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
from generator.render.annotations import Annotation, Annotator, union_of
from generator.render.escape import docstring_text, string_literal
from generator.render.layout import Layout, bracketed
from generator.render.views.common import JSON_TYPES, argument_name, unique
from generator.render.views.params import RequestInput

Location = Literal["path", "query", "header", "body", "file", "whole_body"]
BodyKind = Literal["none", "json", "multipart", "json_value"]


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

    def annotated(self, annotator: Annotator) -> ArgumentView:
        annotation = union_of([annotator.annotate(i.type, owner=i.owner) for i in self.inputs])
        return ArgumentView(self.name, self.wire_name, self.location,
                            annotation if self.required else annotation.or_not_given(), self.required, self.doc)  # fmt: skip


@dataclass
class ArgumentView:
    name: str
    wire_name: str
    location: Location
    annotation: Annotation
    required: bool
    doc: str

    @cached_property  # a signature is rendered up to eight times (stream overloads, sync and async)
    def layout(self) -> Layout:
        """The parameter's line in a method signature."""
        keyword = self.location != "path"
        default = " = NOT_GIVEN" if keyword and not self.required else ""
        return bracketed(f"{self.name}: ", self.annotation.expr, default + ",", 8)


@dataclass(frozen=True)
class OperationArguments:
    """What a method takes: the body's kind, the arguments (in the order the spec gives them)
    and the query parameters serialised other than `form`, exploded: (name, style, explode) literals."""

    body_kind: BodyKind
    specs: tuple[ArgumentSpec, ...]
    query_styles: tuple[tuple[str, str, bool], ...]

    @property
    def inputs(self) -> list[RequestInput]:
        """What its arguments take, in the order their types are named: parameters, a whole body, body fields."""
        group = {"path": 0, "query": 0, "header": 0, "whole_body": 1}
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
    specs: list[ArgumentSpec] = []
    query_styles: list[tuple[str, str, bool]] = []
    for parameter in operation.parameters:
        if parameter.location == "cookie":
            continue
        specs.append(_parameter_argument(parameter, taken, pascal_case(operation.name)))
        if parameter.location == "query" and (parameter.style, parameter.explode) != ("form", True):
            query_styles.append((string_literal(parameter.name), string_literal(parameter.style), parameter.explode))
    body_kind, from_body = _body_arguments(operation, model, taken)
    return OperationArguments(body_kind, (*specs, *from_body), tuple(query_styles))


def _parameter_argument(parameter: Parameter, taken: set[str], owner: str) -> ArgumentSpec:
    return ArgumentSpec(
        name=unique(argument_name(parameter.name, "param"), taken),
        wire_name=parameter.name,
        location=parameter.location if parameter.location != "cookie" else "header",
        inputs=(RequestInput(parameter.type, owner + pascal_case(parameter.name)),),
        required=parameter.required,
        doc=docstring_text(parameter.description),
    )


def _body_arguments(operation: Operation, model: ApiModel, taken: set[str]) -> tuple[BodyKind, list[ArgumentSpec]]:
    body = operation.request_body
    if body is None or not body.contents:
        return "none", []
    media = next((m for m in body.contents if m.content_type in JSON_TYPES), None)
    kind: Literal["json", "multipart"] = "json"
    if media is None:
        media = next((m for m in body.contents if m.content_type.startswith("multipart/")), None)
        kind = "multipart"
    if media is None:
        media = body.contents[0]
        kind = "json"
    properties = _body_properties(media.type, model.schemas)
    owner = media.type.name if isinstance(media.type, RefType) else pascal_case(operation.name)
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
        return "json_value", [argument]
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
                inputs=tuple(RequestInput(t, owner + pascal_case(prop.name)) for t in types),
                required=prop.required and body.required,
                doc=docstring_text(prop.description),
            )
        )
    return kind, arguments + whole_body


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
