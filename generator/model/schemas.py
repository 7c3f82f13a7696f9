"""Turn JSON schemas into `TypeExpr`s and named schema definitions."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from generator import pointer as jp
from generator.diagnostics import Diagnostic, GeneratorError
from generator.load import Document, LoadedSpec
from generator.model.ir import (
    AliasSchema,
    AnyType,
    ArrayType,
    ConstType,
    Discriminator,
    EnumType,
    MapType,
    NullType,
    ObjectSchema,
    Origin,
    PrimitiveType,
    Property,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
)
from generator.names import class_identifier, pascal_case

_PRIMITIVES = {"string", "integer", "number", "boolean"}
_COMPONENT_PREFIX = "/components/schemas/"


@dataclass(frozen=True)
class Hint:
    """What a schema found at some place is named after: `text`, from which its unique model name is
    made, and its origin (None: a component, its own owner). A part added to one is added to both."""

    text: str
    origin: Origin | None = None

    def child(self, part: str) -> Hint:
        return Hint(self.text + part, None if self.origin is None else self.origin.child(part))


@dataclass
class SchemaBuilder:
    """Builds types on demand; every named schema is built once and kept in `schemas`."""

    spec: LoadedSpec
    diagnostics: list[Diagnostic]
    schemas: dict[str, SchemaDef] = field(default_factory=dict)
    _names_by_place: dict[tuple[str, str], str] = field(default_factory=dict)
    _origins: dict[str, Origin] = field(default_factory=dict)
    _taken: set[str] = field(default_factory=set)
    _in_progress: set[str] = field(default_factory=set)
    _pending: list[tuple[Document, str, str]] = field(default_factory=list)
    """Named schemas a `$ref` reached, to define once the schema that reached them is done (`finish`):
    defining each where it is reached would recurse as deep as the chain of references is long."""
    _inline: set[str] = field(default_factory=set)
    """Names of schemas written in place: neither a component nor reached through a `$ref`."""

    def build_components(self) -> None:
        """Reserve every component schema's name first, so inline schemas yield to them."""
        components = self.spec.root.data.get("components", {}).get("schemas", {}) or {}
        for key in components:
            self._reserve(self.spec.root, _COMPONENT_PREFIX + jp.escape(key), Hint(key))
        for key in components:
            self.type_of(self.spec.root, _COMPONENT_PREFIX + jp.escape(key), Hint(key))
        self.finish()

    def finish(self) -> None:
        """Define every named schema reached so far and not yet defined."""
        while self._pending:
            document, pointer, name = self._pending.pop()
            if name not in self.schemas and name not in self._in_progress:
                self._define(document, pointer, name)

    # -- public entry ------------------------------------------------------------------

    def type_of(self, document: Document, pointer: str, hint: Hint) -> TypeExpr:
        """The type of the schema at pointer; object schemas become named ones."""
        node = jp.lookup(document.data, pointer)
        if not isinstance(node, dict):
            return AnyType()
        if isinstance(node.get("$ref"), str):
            target = self.spec.resolve(node["$ref"], document)
            if target.document is self.spec.root:
                target_hint = _hint_from_pointer(target.pointer, hint)
            else:  # a schema in another file is named by its own key there
                tokens = jp.split(target.pointer)
                target_hint = Hint(tokens[-1] if tokens and not tokens[-1].isdigit() else target.document.path.stem)
            type_ = self._named_or_inline(target.document, target.pointer, target_hint, force_name=True)
            return _with_null(type_) if node.get("nullable") is True else type_
        return self._named_or_inline(document, pointer, hint, force_name=False)

    # -- naming ------------------------------------------------------------------------

    def _reserve(self, document: Document, pointer: str, hint: Hint, inline: bool = False) -> str:
        place = (str(document.path), pointer)
        existing = self._names_by_place.get(place)
        if existing:
            return existing
        base = class_identifier(hint.text)
        name, counter = base, 2
        while name in self._taken:
            name = f"{base}{counter}"
            counter += 1
        if name != base:
            self.diagnostics.append(
                Diagnostic("warning", f"schema name {base!r} is taken; using {name!r}", document.locate(pointer))
            )
        self._taken.add(name)
        self._names_by_place[place] = name
        self._origins[name] = hint.origin or Origin(name, "schema")
        if inline:
            self._inline.add(name)
        return name

    def _named_or_inline(self, document: Document, pointer: str, hint: Hint, force_name: bool) -> TypeExpr:
        place = (str(document.path), pointer)
        known = self._names_by_place.get(place)
        if known is not None:
            if known not in self.schemas and known not in self._in_progress:
                self._pending.append((document, pointer, known))
            return RefType(known)
        node = jp.lookup(document.data, pointer)
        is_component = pointer.startswith(_COMPONENT_PREFIX) and pointer.count("/") == 3
        if is_component or (force_name and _is_object_like(node)):
            name = self._reserve(document, pointer, hint)
            self._pending.append((document, pointer, name))
            return RefType(name)
        return self._inline_type(document, pointer, node, hint)

    def _define(self, document: Document, pointer: str, name: str) -> None:
        self._in_progress.add(name)
        try:
            node = jp.lookup(document.data, pointer)
            location = document.locate(pointer)
            description = _text(node.get("description")) or _text(node.get("title"))
            inline = name in self._inline
            if _is_object_like(node):
                self.schemas[name] = self._object(document, pointer, node, name, description, inline)
            else:
                type_ = self._inline_type(document, pointer, node, self._hint(name))
                self.schemas[name] = AliasSchema(name, type_, description, location, inline, self._origins[name])
        finally:
            self._in_progress.discard(name)

    def _hint(self, name: str) -> Hint:
        """The hint of a named schema's own parts: its name, and where it is written."""
        return Hint(name, self._origins[name])

    # -- objects -----------------------------------------------------------------------

    def _object(
        self, document: Document, pointer: str, node: dict[str, Any], name: str, description: str | None, inline: bool
    ) -> ObjectSchema:
        bases: list[str] = []
        properties: dict[str, Property] = {}
        required: set[str] = set(_strings(node.get("required")))
        parts = [(document, pointer, node)]
        all_of = node.get("allOf")
        if isinstance(all_of, list):
            ref_parts = [p for p in all_of if isinstance(p, dict) and "$ref" in p]
            object_refs = [
                p for p in ref_parts
                if _is_object_like(self.spec.resolve(p["$ref"], document).value)
            ]  # fmt: skip
            inherit = object_refs[0] if len(object_refs) == 1 else None
            for index, part in enumerate(all_of):
                part_pointer = jp.join(pointer, "allOf", index)
                if part is inherit:
                    base = self.type_of(document, part_pointer, self._hint(name))
                    if isinstance(base, RefType):
                        bases.append(base.name)
                        continue
                target = self._deref(document, part_pointer)
                parts.extend(self._flatten_all_of(*target))
        for part_document, part_pointer, part in parts:
            required |= set(_strings(part.get("required")))
            for prop_name, prop_node in (part.get("properties") or {}).items():
                prop_pointer = jp.join(part_pointer, "properties", prop_name)
                properties[prop_name] = self._property(
                    part_document, prop_pointer, prop_node, prop_name, name, required
                )
        for prop in properties.values():
            prop.required = prop.name in required
        additional_node = node.get("additionalProperties")
        additional: TypeExpr | None = None
        if isinstance(additional_node, dict) and additional_node:
            additional = self.type_of(document, jp.join(pointer, "additionalProperties"), self._hint(name).child("Value"))
        return ObjectSchema(
            name=name,
            properties=list(properties.values()),
            description=description,
            additional=additional,
            closed=additional_node is False,
            bases=bases,
            location=document.locate(pointer),
            inline=inline,
            required_inherited=sorted(required - properties.keys()),
            origin=self._origins[name],
        )

    def _flatten_all_of(self, document: Document, pointer: str, node: dict[str, Any]) -> list[tuple[Document, str, Any]]:
        found = [(document, pointer, node)]
        for index, part in enumerate(node.get("allOf") or []):
            if isinstance(part, dict):
                found.extend(self._flatten_all_of(*self._deref(document, jp.join(pointer, "allOf", index))))
        return found

    def _deref(self, document: Document, pointer: str) -> tuple[Document, str, Any]:
        node = jp.lookup(document.data, pointer)
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target = self.spec.resolve(node["$ref"], document)
            return target.document, target.pointer, target.value
        return document, pointer, node

    def _property(
        self, document: Document, pointer: str, node: Any, prop_name: str, owner: str, required: set[str]
    ) -> Property:
        node = node if isinstance(node, dict) else {}
        resolved = self._deref(document, pointer)[2] if "$ref" in node else node
        type_ = self.type_of(document, pointer, self._hint(owner).child(pascal_case(prop_name)))
        return Property(
            name=prop_name,
            type=type_,
            required=prop_name in required,
            description=_text(node.get("description")) or _text(resolved.get("description")),
            has_default="default" in node,
            default=node.get("default"),
            read_only=bool(node.get("readOnly")),
            write_only=bool(node.get("writeOnly")),
            deprecated=bool(node.get("deprecated")),
        )

    # -- everything that is not an object with properties ----------------------------------

    def _inline_type(self, document: Document, pointer: str, node: dict[str, Any], hint: Hint) -> TypeExpr:
        type_ = self._bare_type(document, pointer, node, hint)
        if node.get("nullable") is True:
            type_ = _with_null(type_)
        return type_

    def _bare_type(self, document: Document, pointer: str, node: dict[str, Any], hint: Hint) -> TypeExpr:
        if "const" in node:
            return ConstType(node["const"])
        enum = node.get("enum")
        if isinstance(enum, list) and enum:
            kind = _declared_primitive(node)
            values = tuple(_as_declared(v, kind) for v in enum if v is not None)
            if node.get("x-stainless-const") is True and len(values) == 1:
                base: TypeExpr = ConstType(values[0])
            else:
                base = EnumType(values, kind) if values else NullType()
            return _with_null(base) if None in enum and values else base
        for keyword in ("oneOf", "anyOf"):
            variants = node.get(keyword)
            if isinstance(variants, list) and _has_types(variants):
                return self._union(document, pointer, node, keyword, hint)
        all_of = node.get("allOf")
        if isinstance(all_of, list) and all_of:
            if len(all_of) == 1 and not node.get("properties"):
                return self.type_of(document, jp.join(pointer, "allOf", 0), hint)
            name = self._reserve(document, pointer, hint, inline=True)
            self._define(document, pointer, name)
            return RefType(name)
        declared = node.get("type")
        if isinstance(declared, list):  # OpenAPI 3.1: type: [string, "null"]
            kinds = [k for k in declared if k != "null"]
            types = [self._bare_type(document, pointer, {**node, "type": k}, hint) for k in kinds]
            if "null" in declared:
                types.append(NullType())
            return _union_of(types, None)
        if declared == "array" or "items" in node:
            items = node.get("items")
            if isinstance(items, dict):
                return ArrayType(self.type_of(document, jp.join(pointer, "items"), hint.child("Item")))
            return ArrayType(AnyType())
        if declared == "object" or "properties" in node or "additionalProperties" in node:
            if node.get("properties"):
                name = self._reserve(document, pointer, hint, inline=True)
                self._define(document, pointer, name)
                return RefType(name)
            additional = node.get("additionalProperties")
            if isinstance(additional, dict) and additional:
                return MapType(self.type_of(document, jp.join(pointer, "additionalProperties"), hint.child("Value")))
            return MapType(AnyType())
        if declared in _PRIMITIVES:
            fmt = node.get("format")
            return PrimitiveType(declared, fmt if isinstance(fmt, str) else None)
        if declared == "null":
            return NullType()
        return AnyType()

    def _union(self, document: Document, pointer: str, node: dict[str, Any], keyword: str, hint: Hint) -> TypeExpr:
        variants: list[TypeExpr] = []
        for index, variant in enumerate(node[keyword]):
            variant_pointer = jp.join(pointer, keyword, index)
            variants.append(self.type_of(document, variant_pointer, hint.child(_variant_suffix(variant, index))))
        discriminator = None
        raw = node.get("discriminator")
        if isinstance(raw, dict) and isinstance(raw.get("propertyName"), str):
            mapping = []
            for value, ref in (raw.get("mapping") or {}).items():
                full_ref = str(ref) if "#" in str(ref) else _COMPONENT_PREFIX.join(["#", str(ref)])
                try:
                    target = self.spec.resolve(full_ref, document)
                except (KeyError, GeneratorError):
                    where = document.locate(jp.join(pointer, "discriminator", "mapping", value))
                    message = f"discriminator mapping {value!r} -> {ref!r} points to nothing; "
                    message += "the variants are told apart by trying each"
                    self.diagnostics.append(Diagnostic("warning", message, where))
                    return _union_of(variants, None)
                place = (str(target.document.path), target.pointer)
                if place in self._names_by_place:
                    mapping.append((str(value), self._names_by_place[place]))
            if not mapping:
                mapping = self._implicit_mapping(document, pointer, keyword, raw["propertyName"])
            discriminator = Discriminator(raw["propertyName"], tuple(mapping))
        return _union_of(variants, discriminator)


    def _implicit_mapping(self, document: Document, pointer: str, keyword: str, prop: str) -> list[tuple[str, str]]:
        """Without a mapping: each variant's single allowed value of the property picks it."""
        mapping: list[tuple[str, str]] = []
        for index in range(len(jp.lookup(document.data, jp.join(pointer, keyword)))):
            variant_pointer = jp.join(pointer, keyword, index)
            node = jp.lookup(document.data, variant_pointer)
            if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
                return []
            target = self.spec.resolve(node["$ref"], document)
            name = self._names_by_place.get((str(target.document.path), target.pointer))
            value = None
            for part_document, _, part in self._flatten_all_of(target.document, target.pointer, target.value):
                prop_node = (part.get("properties") or {}).get(prop)
                if isinstance(prop_node, dict) and "$ref" in prop_node:
                    prop_node = self.spec.resolve(prop_node["$ref"], part_document).value
                value = _single_value(prop_node) or value
            if name is None or value is None:
                return []
            mapping.append((value, name))
        return mapping


def _declared_primitive(node: dict[str, Any]) -> Literal["string", "integer", "number", "boolean"] | None:
    """The one primitive type a schema declares (`type: string`, `type: [string, "null"]`), if any."""
    declared = node.get("type")
    kinds = [k for k in declared if k != "null"] if isinstance(declared, list) else [declared]
    return kinds[0] if len(kinds) == 1 and kinds[0] in _PRIMITIVES else None


def _as_declared(value: Any, kind: str | None) -> Any:
    """An enum value as the declared type sends it: `enum: [4.1, 4]` under `type: string` is "4.1", "4"."""
    if kind == "string" and not isinstance(value, str) and isinstance(value, (bool, int, float)):
        return json.dumps(value)
    return value


def _single_value(node: Any) -> str | None:
    if not isinstance(node, dict):
        return None
    if "const" in node:
        return str(node["const"])
    values = node.get("enum")
    return str(values[0]) if isinstance(values, list) and len(values) == 1 else None


def _union_of(types: list[TypeExpr], discriminator: Discriminator | None) -> TypeExpr:
    flat: list[TypeExpr] = []
    for type_ in types:
        members = type_.variants if isinstance(type_, UnionType) and type_.discriminator is None else (type_,)
        for member in members:
            if member not in flat:
                flat.append(member)
    if any(isinstance(t, AnyType) for t in flat):
        return AnyType()
    if len(flat) == 1:
        return flat[0]
    return UnionType(tuple(flat), discriminator)


def _with_null(type_: TypeExpr) -> TypeExpr:
    return _union_of([type_, NullType()], None)


def _is_object_like(node: Any) -> bool:
    """An object whose properties are known: it gets a class."""
    if not isinstance(node, dict):
        return False
    if node.get("properties"):
        return True
    all_of = node.get("allOf")
    return isinstance(all_of, list) and len(all_of) > 1


def _has_types(variants: list[Any]) -> bool:
    """oneOf/anyOf lists of bare `required:` entries constrain, they do not form a union."""
    return any(isinstance(v, dict) and set(v) - {"required", "description", "title"} for v in variants)


def _variant_suffix(variant: Any, index: int) -> str:
    if not isinstance(variant, dict) or "$ref" in variant:
        return ""
    if isinstance(variant.get("title"), str) and variant["title"].strip():
        return pascal_case(variant["title"])
    for prop_name, prop in (variant.get("properties") or {}).items():
        if isinstance(prop, dict):
            values = prop.get("enum")
            if "const" in prop:
                return pascal_case(str(prop["const"]))
            if isinstance(values, list) and len(values) == 1 and prop_name in _strings(variant.get("required")):
                return pascal_case(str(values[0]))
    declared = variant.get("type")
    if isinstance(declared, str) and declared != "object":
        return pascal_case(declared)
    required = _strings(variant.get("required"))
    if required:
        return pascal_case(required[0])
    properties = list(variant.get("properties") or {})
    if properties:
        return pascal_case(properties[0])
    return f"Variant{index + 1}"


def _hint_from_pointer(pointer: str, fallback: Hint) -> Hint:
    tokens = jp.split(pointer)
    if len(tokens) == 3 and pointer.startswith(_COMPONENT_PREFIX):
        return Hint(tokens[2])
    return fallback


def _strings(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None
