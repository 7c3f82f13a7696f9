"""Request types: TypedDicts for the objects a caller sends, and the aliases signatures share.

Decides what the package's request types are and what each is called, once, from the
operations' inputs (`RequestTypes`), before any signature is written: every object schema a
request input reaches (arguments, and what their types nest) becomes a `<Schema>Param` TypedDict
keyed by its wire names; every named enum or union it reaches a `<Schema>Param` alias; a long
inline enum or union at the top of an argument or key an alias of its own, named once after
where it first appears and reused wherever the same type comes back. Signatures and the params
module (`params_module_view`) both read these names; neither makes any.

All of it lives in one module, `types/params.py`, that resource modules import only for type
checking (it is never loaded by a call).
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from generator.model.ir import (
    ArrayType,
    EnumType,
    MapType,
    NullType,
    ObjectSchema,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
    effective_properties,
)
from generator.names import class_identifier, pascal_case
from generator.render.annotations import NAMED_INLINE_LENGTH, Annotation, Annotator, stdlib_imports
from generator.render.escape import docstring_text, string_literal
from generator.render.graph import strongly_connected_components
from generator.render.layout import Display, Expr, Layout, atom, bracketed, collection, fits
from generator.render.views.common import unique

# Names the params module's annotations use: a class-syntax key of that name would shadow them.
_ANNOTATION_NAMES = frozenset(
    {"str", "int", "float", "bool", "bytes", "object", "None", "Literal", "Mapping", "Optional",
     "Required", "Sequence", "TypeAlias", "TypedDict", "Union", "FileTypes", "annotations"}
)  # fmt: skip
PARAMS_MODULE = "params"
_TYPING_NAMES = ("Literal", "Mapping", "Optional", "Sequence", "Union")


@dataclass(frozen=True)
class RequestInput:
    """A type a caller passes (an argument, or a key of a request TypedDict), and the name of
    where it appears (`owner`: a long inline enum or union there is named after it; None: never)."""

    type: TypeExpr
    owner: str | None = None


@dataclass
class RequestTypes:
    """The request types of one package and their names, decided from its inputs in order."""

    schemas: dict[str, SchemaDef]
    param_names: dict[str, str] = field(default_factory=dict)
    """Schema name -> its `...Param` name, for every schema a request input reaches."""
    inline_names: dict[TypeExpr, str] = field(default_factory=dict)
    """A long inline enum or union (without null) -> the alias it is written as."""

    @staticmethod
    def param_name(schema: str) -> str:
        """The request type of a schema: `<Schema>Param` (one per schema; inline aliases avoid these names)."""
        return f"{schema}Param"

    def inline_alias(self, type_: TypeExpr) -> tuple[str, bool] | None:
        """The alias a top-level inline type is written as, and whether it is nullable; None: inline."""
        if not isinstance(type_, (EnumType, UnionType)):
            return None
        non_null = _without_null(type_)
        name = self.inline_names.get(non_null) if _hashable(non_null) else None
        return None if name is None else (name, non_null is not type_)

    def annotator(self, qualifier: str) -> Annotator:
        """Annotations of request inputs for a module that refers to these types with qualifier."""
        return Annotator(self.schemas, "request", qualifier=qualifier, requests=self)

    def typed_dict_inputs(self, schema: ObjectSchema) -> list[tuple[str, RequestInput, bool, str | None]]:
        """A request TypedDict's keys: (wire name, input, required, description), read-only ones left out."""
        return [
            (p.name, RequestInput(p.type, schema.name + pascal_case(p.name)), p.required, p.description)
            for p in effective_properties(schema, self.schemas)
            if not p.read_only
        ]


def request_types(schemas: dict[str, SchemaDef], inputs: Iterable[RequestInput]) -> RequestTypes:
    """Name every request type the inputs reach (the arguments of every method, in call-path order).

    Names are given in the order a reader meets them: the arguments first, then the keys of each
    TypedDict in turn (the most recently reached first), then what the inline aliases name.
    """
    types = RequestTypes(schemas)
    taken = {f"{name}Param" for name in schemas} | _ANNOTATION_NAMES
    measure = types.annotator("")
    pending: list[str] = []
    done: set[str] = set()

    def reach(input_: RequestInput) -> None:
        named = input_.owner is not None and _long_inline(input_.type, measure)
        if named:
            inline = _without_null(input_.type)
            if inline not in types.inline_names:
                types.inline_names[inline] = unique(class_identifier(input_.owner or "", "Param"), taken)
            return  # what the alias names is reached with the aliases, after the TypedDicts
        for name in _references_in_order(input_.type):
            if name in schemas and name not in types.param_names:
                types.param_names[name] = types.param_name(name)
                pending.append(name)

    for input_ in inputs:
        reach(input_)
    aliased: set[TypeExpr] = set()
    while pending or set(types.inline_names) - aliased:
        while pending:
            name = pending.pop()
            if name in done:
                continue
            done.add(name)
            schema = schemas[name]
            if isinstance(schema, ObjectSchema):
                for _, key_input, _, _ in types.typed_dict_inputs(schema):
                    reach(key_input)
            else:
                reach(RequestInput(schema.type))
        for inline, _ in sorted(types.inline_names.items(), key=lambda item: item[1]):
            if inline not in aliased:
                aliased.add(inline)
                reach(RequestInput(inline))
    return types


def _long_inline(type_: TypeExpr, measure: Annotator) -> bool:
    non_null = _without_null(type_)
    return (
        isinstance(non_null, (EnumType, UnionType))
        and _hashable(non_null)
        and len(measure.annotate(non_null).text) > NAMED_INLINE_LENGTH
    )


def _hashable(type_: TypeExpr) -> bool:
    """An enum of objects or lists cannot be a key: such a type stays inline."""
    try:
        hash(type_)
    except TypeError:
        return False
    return True


def _references_in_order(type_: TypeExpr) -> Iterator[str]:
    """Schema names a type refers to directly, in the order its annotation writes them."""
    if isinstance(type_, RefType):
        yield type_.name
    elif isinstance(type_, UnionType):
        for variant in type_.variants:
            yield from _references_in_order(variant)
    elif isinstance(type_, ArrayType):
        yield from _references_in_order(type_.items)
    elif isinstance(type_, MapType):
        yield from _references_in_order(type_.values)


def _without_null(type_: TypeExpr) -> TypeExpr:
    if not isinstance(type_, UnionType):
        return type_
    others = tuple(v for v in type_.variants if not isinstance(v, NullType))
    if len(others) == len(type_.variants):
        return type_
    return others[0] if len(others) == 1 else UnionType(others, type_.discriminator)


# -- the params module -----------------------------------------------------------------


@dataclass
class ParamFieldView:
    """One key of a TypedDict: its wire name, annotation (`Required[...]` when required), doc."""

    key: str
    annotation: Annotation
    doc: str

    @property
    def layout(self) -> Layout:
        return bracketed(f"{self.key}: ", self.annotation.expr, "", 4)

    @property
    def item(self) -> str:
        """The key as an item of the functional syntax's dict (annotation quoted: evaluated lazily)."""
        return f"{string_literal(self.key)}: {string_literal(self.annotation.text)}"


# What mypy (2.x) says of PEP 728's class keyword; pyright honours it. `unused-ignore`: for the
# mypy that learns it.
_OPEN_CLASS_IGNORE = "  # type: ignore[call-arg, unused-ignore]"


@dataclass
class TypedDictView:
    name: str
    doc: str
    fields: list[ParamFieldView]
    open: bool = False
    """The schema allows keys it does not name (no `additionalProperties: false`): a caller may pass
    them (PEP 728 `extra_items`). A functional-syntax TypedDict stays closed: mypy cannot read the
    keyword there and would lose its keys."""

    @property
    def functional(self) -> bool:
        """Whether a key cannot be a class attribute (not an identifier, a keyword, a shadowed name)."""
        return any(
            not f.key.isidentifier() or keyword.iskeyword(f.key) or f.key in _ANNOTATION_NAMES or f.key == self.name
            for f in self.fields
        )

    @property
    def functional_doc(self) -> str:
        """The docstring after a functional-syntax assignment: the schema's, then each key's."""
        keys = [f"`{docstring_text(f.key)}`: {f.doc}" for f in self.fields if f.doc]
        return "\n\n".join(part for part in [self.doc, "\n".join(keys)] if part)

    @property
    def layout(self) -> Layout:
        """The class line, or the whole functional-syntax assignment."""
        if not self.functional and self.open:  # one line: black leaves a line ending in a type: ignore
            return Layout("line", f"class {self.name}(TypedDict, total=False, extra_items=object):{_OPEN_CLASS_IGNORE}")
        if not self.functional:
            return bracketed("class ", Expr(self.name, "(", (atom("TypedDict"), atom("total=False"))), ":", 0)
        keys = Display("{", "}", [f.item for f in self.fields])
        arguments = [string_literal(self.name), keys.flat, "total=False"]
        line = f"{self.name} = TypedDict({', '.join(arguments)})"
        if fits(line):
            return Layout("line", line)
        head = f"{self.name} = TypedDict("
        if fits(", ".join(arguments), 4):
            return Layout("hug", head, (Layout("line", ", ".join(arguments)),), ")")
        items = (Layout("line", arguments[0] + ","), collection("", keys, ",", 4), Layout("line", "total=False,"))
        return Layout("exploded", head, items, ")")


@dataclass
class ParamAliasView:
    name: str
    annotation: Annotation
    doc: str
    quoted: bool = False

    @property
    def layout(self) -> Layout:
        value = self.annotation.quoted().expr if self.quoted else self.annotation.expr
        return bracketed(f"{self.name}: TypeAlias = ", value, "", 0)


@dataclass
class ParamsModuleView:
    module: str
    typed_dicts: list[TypedDictView]
    aliases: list[ParamAliasView]

    @property
    def _annotations(self) -> list[Annotation]:
        return [f.annotation for t in self.typed_dicts for f in t.fields] + [a.annotation for a in self.aliases]

    @property
    def typing_names(self) -> list[str]:
        """What the module takes from `typing`."""
        used = frozenset().union(*(a.names for a in self._annotations))
        return [name for name in _TYPING_NAMES if name in used]

    @property
    def uses_file_types(self) -> bool:
        return any("FileTypes" in a.names for a in self._annotations)

    @property
    def stdlib_imports(self) -> list[str]:
        return stdlib_imports(frozenset().union(*(a.names for a in self._annotations)))

    @property
    def typing_extensions_names(self) -> list[str]:
        """What the module takes from typing_extensions (the TypedDict machinery, TypeAlias)."""
        required = any("Required" in f.annotation.names for t in self.typed_dicts for f in t.fields)
        wanted = [("Required", required), ("TypeAlias", bool(self.aliases)), ("TypedDict", bool(self.typed_dicts))]
        return [name for name, used in wanted if used]

    @property
    def names(self) -> list[str]:
        return sorted([t.name for t in self.typed_dicts] + [a.name for a in self.aliases])


def params_module_view(types: RequestTypes, taken_modules: set[str]) -> ParamsModuleView | None:
    """The module defining every request type (None when there is none)."""
    if not types.param_names and not types.inline_names:
        return None
    local = types.annotator("")
    typed_dicts: list[TypedDictView] = []
    aliases: dict[str, tuple[Annotation, str]] = {}
    for schema_name, name in types.param_names.items():
        schema = types.schemas[schema_name]
        if isinstance(schema, ObjectSchema):
            typed_dicts.append(_typed_dict(name, schema, types, local))
        else:
            aliases[name] = (local.annotate(schema.type), docstring_text(schema.description))
    for inline, name in types.inline_names.items():
        aliases[name] = (local.annotate(inline), "")
    module = PARAMS_MODULE
    while module in taken_modules:
        module += "_"
    typed_dicts.sort(key=lambda t: t.name)
    return ParamsModuleView(module, typed_dicts, _ordered_aliases(aliases))


def _typed_dict(name: str, schema: ObjectSchema, types: RequestTypes, local: Annotator) -> TypedDictView:
    fields = []
    for key, input_, required, description in types.typed_dict_inputs(schema):
        annotation = local.annotate(input_.type, owner=input_.owner)
        fields.append(ParamFieldView(key, annotation.wrap("Required") if required else annotation,
                                     docstring_text(description)))  # fmt: skip
    return TypedDictView(name, docstring_text(schema.description), fields, open=not schema.closed)


def _ordered_aliases(aliases: dict[str, tuple[Annotation, str]]) -> list[ParamAliasView]:
    """Aliases each after the aliases it uses; those in a cycle quoted (a forward reference)."""
    names = sorted(aliases)
    graph = {n: sorted(aliases[n][0].params & set(names) - {n}) for n in names}
    ordered: list[ParamAliasView] = []
    for component in strongly_connected_components(graph):
        cyclic = len(component) > 1 or component[0] in aliases[component[0]][0].params
        ordered.extend(ParamAliasView(n, aliases[n][0], aliases[n][1], cyclic) for n in sorted(component))
    return ordered


__all__ = ["ParamsModuleView", "RequestInput", "RequestTypes", "TypedDictView", "params_module_view", "request_types"]
