"""A method's arguments: from the operation's parameters and request body, in the spec's names.

Decides each argument's Python name, where it goes on the wire (path, query, header, body,
file, the whole body), its input annotation and whether it is required.
"""

from __future__ import annotations

from dataclasses import dataclass
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
)
from generator.names import pascal_case
from generator.render.escape import docstring_text, string_literal
from generator.render.layout import Layout, bracketed, split_brackets
from generator.render.views.common import JSON_TYPES, all_properties, argument_name, unique
from generator.render.views.params import InputAnnotator

@dataclass
class ArgumentView:
    name: str
    wire_name: str
    location: Literal["path", "query", "header", "body", "file", "whole_body"]
    annotation: str
    required: bool
    doc: str

    @cached_property  # a signature is rendered up to eight times (stream overloads, sync and async)
    def layout(self) -> Layout:
        """The parameter's line in a method signature."""
        keyword = self.location != "path"
        default = " = NOT_GIVEN" if keyword and not self.required else ""
        return bracketed(f"{self.name}: ", self.annotation, default + ",", 8)


def method_arguments(
    operation: Operation, model: ApiModel, inputs: InputAnnotator
) -> tuple[Literal["none", "json", "multipart", "json_value"], list[ArgumentView], list[tuple[str, str, bool]]]:
    """The body's kind, the arguments (path ones first, in path order; then required before optional)
    and the query parameters serialised other than `form`, exploded: (name, style, explode) literals.
    """
    taken: set[str] = set()
    arguments: list[ArgumentView] = []
    query_styles: list[tuple[str, str, bool]] = []
    for parameter in operation.parameters:
        if parameter.location == "cookie":
            continue
        arguments.append(_parameter_argument(parameter, inputs, taken, pascal_case(operation.name)))
        if parameter.location == "query" and (parameter.style not in (None, "form") or parameter.explode is False):
            query_styles.append((string_literal(parameter.name), string_literal(parameter.style or "form"),
                                 parameter.explode if parameter.explode is not None else parameter.style in (None, "form")))  # fmt: skip
    body_kind, from_body = _body_arguments(operation, model, inputs, taken)
    arguments.extend(from_body)
    path_order = {name: operation.path.find("{" + name + "}") for name in (p.name for p in operation.parameters)}
    arguments.sort(key=lambda a: (a.location != "path", not a.required,
                                  path_order.get(a.wire_name, 0) if a.location == "path" else 0))  # fmt: skip
    return body_kind, arguments, query_styles


def _or_not_given(annotation: str) -> str:
    """`Union[annotation, NotGiven]`, with a union's members listed once rather than nested."""
    parts = split_brackets(annotation) if annotation.startswith("Union[") else None
    members = parts[2] if parts else [annotation]
    return "Union[" + ", ".join([*members, "NotGiven"]) + "]"


def _parameter_argument(parameter: Parameter, inputs: InputAnnotator, taken: set[str], owner: str) -> ArgumentView:
    annotation = inputs.annotate(parameter.type, owner=owner + pascal_case(parameter.name))
    if not parameter.required:
        annotation = _or_not_given(annotation)
    return ArgumentView(
        name=unique(argument_name(parameter.name, "param"), taken),
        wire_name=parameter.name,
        location=parameter.location if parameter.location != "cookie" else "header",
        annotation=annotation,
        required=parameter.required,
        doc=docstring_text(parameter.description),
    )


def _body_arguments(
    operation: Operation, model: ApiModel, inputs: InputAnnotator, taken: set[str]
) -> tuple[Literal["none", "json", "multipart", "json_value"], list[ArgumentView]]:
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
    whole_body: list[ArgumentView] = []
    if properties is None and isinstance(media.type, UnionType):
        # An object or something else (say, a list of them): the object's fields as keywords,
        # and `body` for the other shapes.
        objects = UnionType(tuple(v for v in media.type.variants if _body_properties(v, model.schemas) is not None))
        if objects.variants:
            properties = [(Property(**{**p.__dict__, "required": False}), t)
                          for p, t in _body_properties(objects, model.schemas) or []]  # fmt: skip
            whole_body = [ArgumentView(unique("body", taken), "body", "whole_body",
                                       _or_not_given(inputs.annotate(media.type)), False,
                                       "The whole request body, instead of the keyword arguments above.")]  # fmt: skip
    if properties is None:
        annotation = inputs.annotate(media.type)
        if not body.required:
            annotation = _or_not_given(annotation)
        argument = ArgumentView(unique("body", taken), "body", "body", annotation, body.required,
                                docstring_text(body.description))  # fmt: skip
        return "json_value", [argument]
    arguments = []
    for prop, types in properties:
        if prop.read_only:
            continue
        annotation = _input_union([inputs.annotate(t, owner=owner + pascal_case(prop.name)) for t in types])
        required = prop.required and body.required
        if not required:
            annotation = _or_not_given(annotation)
        is_file = kind == "multipart" and _is_binary(prop.type)
        arguments.append(
            ArgumentView(
                name=unique(argument_name(prop.name, "field"), taken),
                wire_name=prop.name,
                location="file" if is_file else "body",
                annotation=annotation,
                required=required,
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
        properties = all_properties(schema, schemas)
        required_in.append({p.name for p in properties if p.required})
        for prop in properties:
            if prop.name not in merged:
                merged[prop.name] = (prop, [prop.type])
            elif prop.type not in merged[prop.name][1]:
                merged[prop.name][1].append(prop.type)
    for name, (prop, types) in merged.items():
        required = all(name in names for names in required_in)
        if required != prop.required:
            merged[name] = (Property(**{**prop.__dict__, "required": required}), types)
    return list(merged.values())


def _input_union(annotations: list[str]) -> str:
    distinct = list(dict.fromkeys(annotations))
    return distinct[0] if len(distinct) == 1 else "Union[" + ", ".join(distinct) + "]"


def _is_binary(type_: TypeExpr) -> bool:
    if isinstance(type_, PrimitiveType):
        return type_.name == "string" and type_.format == "binary"
    if isinstance(type_, ArrayType):
        return _is_binary(type_.items)
    if isinstance(type_, UnionType):
        return any(_is_binary(v) for v in type_.variants)
    return False
