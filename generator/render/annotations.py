"""Python type annotations for model types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.render.escape import string_literal
from generator.model.ir import (
    AliasSchema,
    AnyType,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    NullType,
    ObjectSchema,
    PrimitiveType,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
)
from generator.render.escape import value_literal

_PRIMITIVE_NAMES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


@dataclass
class Annotator:
    """Turns a TypeExpr into annotation text, remembering which schema names it used.

    For request arguments (`for_input`), objects also accept plain dicts and
    binary strings accept any file (`FileTypes`).
    """

    schemas: dict[str, SchemaDef]
    for_input: bool = False
    qualifier: str = ""
    discriminate: bool = False
    uses_discriminator: bool = False
    used: set[str] = field(default_factory=set)
    needs_file_types: bool = False
    # Names written as quoted forward references (aliases that refer to themselves).
    forward: frozenset[str] = frozenset()
    _expanding: set[str] = field(default_factory=set)

    def annotate(self, type_: TypeExpr) -> str:
        if isinstance(type_, AnyType):
            return "Any"
        if isinstance(type_, NullType):
            return "None"
        if isinstance(type_, PrimitiveType):
            if type_.name == "string" and type_.format == "binary":
                if self.for_input:
                    self.needs_file_types = True
                    return "FileTypes"
                return "str"
            return _PRIMITIVE_NAMES[type_.name]
        if isinstance(type_, ArrayType):
            return f"List[{self.annotate(type_.items)}]"
        if isinstance(type_, MapType):
            return f"Dict[str, {self.annotate(type_.values)}]"
        if isinstance(type_, EnumType):
            return "Literal[" + ", ".join(value_literal(v) for v in type_.values) + "]"
        if isinstance(type_, ConstType):
            return f"Literal[{value_literal(type_.value)}]"
        if isinstance(type_, UnionType):
            return self._union(type_)
        return self._ref(type_)

    def _union(self, type_: UnionType) -> str:
        others = [v for v in type_.variants if not isinstance(v, NullType)]
        nullable = len(others) != len(type_.variants)
        chooser = self._discriminated(type_, others)
        if chooser is not None:
            return f"Optional[{chooser}]" if nullable else chooser
        if self.for_input and any(self._is_object_ref(v) for v in others):
            # One `Dict[str, Any]` for the whole union rather than one per object member.
            names = [self._qualified(v) if self._is_object_ref(v) else self.annotate(v) for v in others]
            parts = list(dict.fromkeys([*names, "Dict[str, Any]"]))
        else:
            parts = list(dict.fromkeys(self.annotate(v) for v in others))
        inner = parts[0] if len(parts) == 1 else "Union[" + ", ".join(parts) + "]"
        return f"Optional[{inner}]" if nullable else inner

    def _discriminated(self, type_: UnionType, variants: Sequence[TypeExpr]) -> str | None:
        """`Annotated[Union[Annotated[A, Tag("A")], ...], Discriminator(...)]` when the mapping decides."""
        found = type_.discriminator
        if not (self.discriminate and found and found.mapping):
            return None
        values = [value for value, _ in found.mapping]
        names = {name for _, name in found.mapping}
        refs = [v.name for v in variants if isinstance(v, RefType)]
        if len(values) != len(set(values)) or len(refs) != len(variants) or set(refs) != names:
            return None
        self.uses_discriminator = True
        tagged = ", ".join(f"Annotated[{self._ref(RefType(name))}, Tag({value_literal(name)})]" for name in refs)
        mapping = "{" + ", ".join(f"{value_literal(v)}: {value_literal(n)}" for v, n in found.mapping) + "}"
        return f"Annotated[Union[{tagged}], Discriminator(discriminate({value_literal(found.property)}, {mapping}))]"

    def _is_object_ref(self, type_: TypeExpr) -> bool:
        return isinstance(type_, RefType) and isinstance(self.schemas.get(type_.name), ObjectSchema)

    def _qualified(self, type_: TypeExpr) -> str:
        assert isinstance(type_, RefType)
        self.used.add(type_.name)
        return string_literal(type_.name) if type_.name in self.forward else self.qualifier + type_.name

    def _ref(self, type_: RefType) -> str:
        schema = self.schemas.get(type_.name)  # unknown to this annotator: just its name
        if self.for_input and isinstance(schema, ObjectSchema):
            self.used.add(type_.name)
            return f"Union[{self.qualifier}{type_.name}, Dict[str, Any]]"
        expandable = isinstance(schema, AliasSchema) and type_.name not in self._expanding
        if self.for_input and isinstance(schema, AliasSchema) and expandable and _contains_object(schema.type, self.schemas, set()):
            self._expanding.add(type_.name)
            try:
                return self.annotate(schema.type)
            finally:
                self._expanding.discard(type_.name)
        self.used.add(type_.name)
        return string_literal(type_.name) if type_.name in self.forward else self.qualifier + type_.name


def _contains_object(type_: TypeExpr, schemas: dict[str, SchemaDef], seen: set[str]) -> bool:
    if isinstance(type_, RefType):
        if type_.name in seen:
            return False
        seen.add(type_.name)
        schema = schemas[type_.name]
        return isinstance(schema, ObjectSchema) or _contains_object(schema.type, schemas, seen)
    if isinstance(type_, UnionType):
        return any(_contains_object(v, schemas, seen) for v in type_.variants)
    if isinstance(type_, ArrayType):
        return _contains_object(type_.items, schemas, seen)
    if isinstance(type_, MapType):
        return _contains_object(type_.values, schemas, seen)
    return False
