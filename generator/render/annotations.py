"""Python type annotations for model types: one switch, for what a request takes and a response gives.

An `Annotation` is the annotation's code (an `Expr`, so layout can split it without reading it
back) together with the names it uses, as data: the module that writes it imports exactly those.

Requests take what a caller has (`Sequence`, `Mapping`, `object`, files, the `...Param` TypedDicts
of `views/params.py`); responses give what the parser makes (`List`, `Dict`, `Any`, model classes).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from generator.model.ir import (
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
from generator.render.escape import string_literal, value_literal
from generator.render.layout import Expr, atom, call, subscript
from generator.render.placement import TypeName

if TYPE_CHECKING:
    from generator.render.views.params import InputPlace, RequestTypes

Direction = Literal["request", "response"]

# How a primitive schema type is written in Python.
PRIMITIVE_NAMES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
# String formats the client parses into a Python value (and writes back in the same format); a
# request takes the value or the string. `uuid` stays a `str`: what callers hold is a string.
STRING_FORMATS = {
    "date-time": Expr("_datetime.datetime"),
    "date": Expr("_datetime.date"),
    "time": Expr("_datetime.time"),
    "decimal": Expr("Decimal"),
}
_FORMAT_NEEDS = {"date-time": "_datetime", "date": "_datetime", "time": "_datetime", "decimal": "Decimal"}
# The standard-library import each of those names comes from (the module is aliased: a field or key
# named `date` must not shadow the class its annotation names).
_STDLIB_IMPORTS = {"_datetime": "import datetime as _datetime", "Decimal": "from decimal import Decimal"}


def stdlib_imports(names: Iterable[str]) -> list[str]:
    """The import statements of the standard-library names among `names` (value types of string formats)."""
    used = set(names)
    return [statement for name, statement in _STDLIB_IMPORTS.items() if name in used]
# Per direction: any JSON value, an array, a map, binary content.
_SHAPES: dict[Direction, dict[str, str]] = {
    "request": {"any": "object", "array": "Sequence", "map": "Mapping", "binary": "FileTypes"},
    "response": {"any": "Any", "array": "List", "map": "Dict", "binary": "str"},
}
# An inline enum or union of a request input longer than this gets a name of its own (params).
NAMED_INLINE_LENGTH = 60


@dataclass(frozen=True)
class Spelling:
    """How one module writes a reference to a generated class: `text`, which starts with the
    module-level name `needs` (the class itself, or the module it is reached through)."""

    text: str
    needs: str


def by_name(name: TypeName) -> Spelling:
    """The class by its own name (a module that defines it, or imports it by name)."""
    return Spelling(name.name, name.name)


@dataclass(frozen=True)
class Annotation:
    """An annotation's code and what it needs.

    `names` are the module-level names the code uses (`List`, `Optional`, `_types`, `FileTypes`,
    `Discriminator`, a class or a module alias); `refs` the generated classes it refers to.
    """

    expr: Expr
    names: frozenset[str] = frozenset()
    refs: frozenset[TypeName] = frozenset()

    @property
    def text(self) -> str:
        return self.expr.text

    def wrap(self, name: str, *extra: Annotation) -> Annotation:
        """`name[self, extra...]` with everything each part needs."""
        return combine(subscript(name, self.expr, *(e.expr for e in extra)), [self, *extra], {name})

    def or_not_given(self) -> Annotation:
        """`Union[self, NotGiven]`, a union's members listed once rather than nested."""
        members = self.expr.items if self.expr.head == "Union" and self.expr.opening == "[" else (self.expr,)
        return combine(subscript("Union", *members, atom("NotGiven")), [self], {"Union", "NotGiven"})

    def quoted(self) -> Annotation:
        """The annotation as a string (a forward reference); it still needs what it names."""
        return Annotation(atom(string_literal(self.text)), self.names, self.refs)


def combine(expr: Expr, parts: Iterable[Annotation], names: Iterable[str] = ()) -> Annotation:
    """An annotation made of parts: it needs what each part needs, and `names`."""
    collected = list(parts)
    return Annotation(
        expr, frozenset(names).union(*(p.names for p in collected)), frozenset().union(*(p.refs for p in collected))
    )


_BUILTINS = frozenset({"None", "object", "str", "int", "float", "bool", "bytes"})


def plain(name: str) -> Annotation:
    """A name used as it is (`str`, `Any`, `BinaryResponse`); it needs itself unless a builtin."""
    return Annotation(atom(name), frozenset() if name in _BUILTINS else frozenset({name}))


def union_of(members: Sequence[Annotation], nullable: bool = False) -> Annotation:
    """`Union[...]` of distinct members (the member itself when there is one), `Optional` if nullable."""
    distinct: dict[str, Annotation] = {}
    for member in members:
        distinct.setdefault(member.text, member)
    parts = list(distinct.values())
    inner = parts[0] if len(parts) == 1 else combine(subscript("Union", *(p.expr for p in parts)), parts, {"Union"})
    return inner.wrap("Optional") if nullable else inner


@dataclass(frozen=True)
class Annotator:
    """Annotations of one direction, for one module.

    A response annotator names a schema's model class after `models` (schema name -> class), a
    request annotator its request type after `requests` (the package's request types); `spell` is
    how the module writes a class (its own name where it has none: `by_name`). Schemas in `forward`
    are written as quoted forward references; `discriminate` lets a response union with a
    discriminator mapping choose by it.
    """

    schemas: dict[str, SchemaDef]
    direction: Direction = "response"
    discriminate: bool = False
    forward: frozenset[str] = frozenset()
    requests: RequestTypes | None = field(default=None, compare=False)
    models: Callable[[str], TypeName] | None = field(default=None, compare=False)
    spell: Callable[[TypeName], Spelling] = field(default=by_name, compare=False)
    cycles: Mapping[str, int] = field(default_factory=dict, compare=False)
    """Schema -> its reference cycle (placement.Placement.model_cycles)."""
    cycle: int | None = None
    """The cycle of the model whose fields are annotated: a class on it is `Annotated[X, Lazy]`."""

    def annotate(self, type_: TypeExpr, owner: InputPlace | None = None) -> Annotation:
        """The annotation of type_; a request input's long inline enum or union (at the top of an
        argument or field, `owner` given) is written by the name `requests` gave it."""
        if owner is not None and self.requests is not None:
            named = self.requests.inline_alias(type_, owner)
            if named is not None:
                alias, nullable = named
                reference = self.reference(alias)
                return reference.wrap("Optional") if nullable else reference
        shapes = _SHAPES[self.direction]
        if isinstance(type_, AnyType):
            return plain(shapes["any"])
        if isinstance(type_, NullType):
            return plain("None")
        if isinstance(type_, PrimitiveType):
            return self._primitive(type_)
        if isinstance(type_, ArrayType):
            return self.annotate(type_.items).wrap(shapes["array"])
        if isinstance(type_, MapType):
            return plain("str").wrap(shapes["map"], self.annotate(type_.values))
        if isinstance(type_, EnumType):
            if any(isinstance(v, float) for v in type_.values):  # Literal cannot hold a float
                return plain(PRIMITIVE_NAMES[type_.kind or "number"])
            return literal(type_.values)
        if isinstance(type_, ConstType):
            return literal((type_.value,))
        if isinstance(type_, UnionType):
            return self._union(type_)
        return self._ref(type_)

    def _primitive(self, type_: PrimitiveType) -> Annotation:
        if type_.name == "string" and type_.format == "binary":
            return plain(_SHAPES[self.direction]["binary"])
        value = STRING_FORMATS.get(type_.format or "") if type_.name == "string" else None
        if value is None:
            return plain(PRIMITIVE_NAMES[type_.name])
        parsed = Annotation(value, frozenset({_FORMAT_NEEDS[type_.format or ""]}))
        return union_of([plain("str"), parsed]) if self.direction == "request" else parsed

    def text(self, type_: TypeExpr) -> str:
        return self.annotate(type_).text

    def _union(self, type_: UnionType) -> Annotation:
        others = [v for v in type_.variants if not isinstance(v, NullType)]
        nullable = len(others) != len(type_.variants)
        chooser = self._discriminated(type_, others)
        if chooser is not None:
            return chooser.wrap("Optional") if nullable else chooser
        return union_of([self.annotate(v) for v in others], nullable)

    def _discriminated(self, type_: UnionType, variants: Sequence[TypeExpr]) -> Annotation | None:
        """`Annotated[Union[Annotated[A, Tag("A")], ...], Discriminator(...)]` when the mapping decides."""
        found = type_.discriminator
        if not (self.direction == "response" and self.discriminate and found and found.mapping):
            return None
        values = [value for value, _ in found.mapping]
        names = {name for _, name in found.mapping}
        refs = [v.name for v in variants if isinstance(v, RefType)]
        if len(values) != len(set(values)) or len(refs) != len(variants) or set(refs) != names:
            return None
        tagged = [
            self._ref(RefType(name)).wrap("Annotated", Annotation(call("Tag", value_literal(name)), frozenset({"Tag"})))
            for name in refs
        ]
        mapping = Expr("", "{", tuple(atom(f"{value_literal(v)}: {value_literal(n)}") for v, n in found.mapping))
        chooser = call("Discriminator", call("discriminate", value_literal(found.property), mapping))
        choice = union_of(tagged)
        return combine(subscript("Annotated", choice.expr, chooser), [choice], {"Annotated", "Discriminator", "discriminate"})

    def _ref(self, type_: RefType) -> Annotation:
        schema = self.schemas.get(type_.name)
        if self.direction == "request":
            if schema is None or self.requests is None:
                return plain("object")
            reference = self.reference(self.requests.type_name(type_.name))
            if isinstance(schema, ObjectSchema) and schema.additional is not None and not schema.closed:
                # Open: any other keys as well.
                return union_of([reference, plain("str").wrap("Mapping", plain("object"))])
            return reference
        name = self.models(type_.name) if self.models is not None else TypeName((), type_.name, True)
        if type_.name in self.forward:  # defined later in the module that writes it
            return Annotation(atom(string_literal(self.spell(name).text)), refs=frozenset({name}))
        if self.cycle is not None and self.cycles.get(type_.name) == self.cycle:
            return self.reference(name).wrap("Annotated", plain("Lazy"))
        return self.reference(name)

    def reference(self, name: TypeName) -> Annotation:
        """A generated class, as this module writes it."""
        spelling = self.spell(name)
        return Annotation(atom(spelling.text), frozenset({spelling.needs}), frozenset({name}))


def literal(values: Iterable[object]) -> Annotation:
    """`Literal[...]` of JSON values."""
    return Annotation(subscript("Literal", *(value_literal(v) for v in values)), frozenset({"Literal"}))


def type_text(type_: TypeExpr, direction: Direction = "response") -> str:
    """How a type reads in the generated code, for messages (no schema is looked up)."""
    return Annotator({}, direction).text(type_)
