"""Python type annotations for model types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.render.escape import string_literal
from generator.model.ir import (
    AnyType,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    NullType,
    PrimitiveType,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
)
from generator.render.escape import value_literal

# How a primitive schema type is written in Python.
PRIMITIVE_NAMES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}


@dataclass
class Annotator:
    """Turns a TypeExpr into annotation text (of a response model), remembering which schema names it used.

    Request arguments are annotated by `views/params.py`'s InputAnnotator.
    """

    schemas: dict[str, SchemaDef]
    qualifier: str = ""
    discriminate: bool = False
    uses_discriminator: bool = False
    used: set[str] = field(default_factory=set)
    # Names written as quoted forward references (aliases that refer to themselves).
    forward: frozenset[str] = frozenset()

    def annotate(self, type_: TypeExpr) -> str:
        if isinstance(type_, AnyType):
            return "Any"
        if isinstance(type_, NullType):
            return "None"
        if isinstance(type_, PrimitiveType):
            if type_.name == "string" and type_.format == "binary":
                return "str"
            return PRIMITIVE_NAMES[type_.name]
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

    def _ref(self, type_: RefType) -> str:
        self.used.add(type_.name)
        return string_literal(type_.name) if type_.name in self.forward else self.qualifier + type_.name

