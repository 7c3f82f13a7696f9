"""Request parameters: TypedDicts for the objects a caller sends, and the aliases signatures share.

Decides what a request input is typed as. Every object schema a request reaches (bodies and
parameters, and what they nest) becomes a `<Schema>Param` TypedDict keyed by its wire names;
every named enum or union it reaches a `<Schema>Param` alias; a long inline enum or union at
the top of a field or argument an alias of its own, named once after where it first appears
and reused wherever the same type comes back. Inputs take what a caller has: `Sequence` for
arrays, `Mapping` for maps, `object` for any JSON value. Response models are not touched.

All of it lives in one module, `types/params.py`, that resource modules import only for
type checking (it is never loaded by a call).
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass, field

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
from generator.names import class_identifier, pascal_case
from generator.render.annotations import PRIMITIVE_NAMES
from generator.render.escape import docstring_text, string_literal, value_literal
from generator.render.graph import strongly_connected_components
from generator.render.layout import Display, Layout, bracketed, collection, fits
from generator.render.views.common import all_properties, unique

# Names the params module's annotations use: a class-syntax key of that name would shadow them.
_ANNOTATION_NAMES = frozenset(
    {"str", "int", "float", "bool", "bytes", "object", "None", "Literal", "Mapping", "Optional",
     "Required", "Sequence", "TypeAlias", "TypedDict", "Union", "FileTypes", "annotations"}
)  # fmt: skip
# An inline enum or union whose annotation is longer than this gets a name of its own.
NAMED_INLINE_LENGTH = 60
PARAMS_MODULE = "params"


@dataclass
class ParamFieldView:
    """One key of a TypedDict: its wire name, annotation (`Required[...]` when required), doc."""

    key: str
    annotation: str
    doc: str

    @property
    def layout(self) -> Layout:
        return bracketed(f"{self.key}: ", self.annotation, "", 4)

    @property
    def item(self) -> str:
        """The key as an item of the functional syntax's dict (annotation quoted: evaluated lazily)."""
        return f"{string_literal(self.key)}: {string_literal(self.annotation)}"


@dataclass
class TypedDictView:
    name: str
    doc: str
    fields: list[ParamFieldView]

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
        if not self.functional:
            return bracketed("class ", f"{self.name}(TypedDict, total=False)", ":", 0)
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
    annotation: str
    doc: str
    quoted: bool = False

    @property
    def layout(self) -> Layout:
        value = string_literal(self.annotation) if self.quoted else self.annotation
        return bracketed(f"{self.name}: TypeAlias = ", value, "", 0)


@dataclass
class ParamsModuleView:
    module: str
    typed_dicts: list[TypedDictView]
    aliases: list[ParamAliasView]
    typing_names: list[str]
    uses_file_types: bool

    @property
    def typing_extensions_names(self) -> list[str]:
        """What the module takes from typing_extensions (the TypedDict machinery, TypeAlias)."""
        required = any(f.annotation.startswith("Required[") for t in self.typed_dicts for f in t.fields)
        wanted = [("Required", required), ("TypeAlias", bool(self.aliases)), ("TypedDict", bool(self.typed_dicts))]
        return [name for name, used in wanted if used]

    @property
    def names(self) -> list[str]:
        return sorted([t.name for t in self.typed_dicts] + [a.name for a in self.aliases])


@dataclass
class ParamTypes:
    """The request-input types of one package: what annotations name, and the module defining them.

    Annotating registers what the annotation refers to; `module_view` then defines all of it.
    """

    schemas: dict[str, SchemaDef]
    _names: dict[str, str] = field(default_factory=dict)  # schema name -> its Param name
    _pending: list[str] = field(default_factory=list)
    _inline: dict[TypeExpr, str] = field(default_factory=dict)
    _inline_types: dict[str, TypeExpr] = field(default_factory=dict)
    _taken: set[str] = field(default_factory=set)
    uses_file_types: bool = False

    def __post_init__(self) -> None:
        self._taken = {f"{name}Param" for name in self.schemas} | _ANNOTATION_NAMES

    def annotator(self, qualifier: str) -> InputAnnotator:
        return InputAnnotator(self, qualifier)

    def param_name(self, schema: str) -> str:
        if schema not in self._names:
            self._names[schema] = f"{schema}Param"
            self._pending.append(schema)
        return self._names[schema]

    def inline_name(self, type_: TypeExpr, suggestion: str) -> str:
        """The alias for an inline type: the one it already has, else a new one after `suggestion`."""
        if type_ not in self._inline:
            name = unique(class_identifier(suggestion, "Param"), self._taken)
            self._inline[type_] = name
            self._inline_types[name] = type_
        return self._inline[type_]

    def module_view(self, taken_modules: set[str]) -> ParamsModuleView | None:
        """Every TypedDict and alias the annotations so far named (None when there is none)."""
        local = self.annotator("")
        typed_dicts: list[TypedDictView] = []
        alias_types: dict[str, str] = {}
        alias_docs: dict[str, str] = {}
        done: set[str] = set()
        inline_done: set[str] = set()
        while self._pending or set(self._inline_types) - inline_done:
            while self._pending:
                schema_name = self._pending.pop()
                if schema_name in done:
                    continue
                done.add(schema_name)
                schema = self.schemas[schema_name]
                name = self._names[schema_name]
                if isinstance(schema, ObjectSchema):
                    typed_dicts.append(self._typed_dict(name, schema, local))
                else:
                    alias_types[name] = local.annotate(schema.type)
                    alias_docs[name] = docstring_text(schema.description)
            for name in sorted(set(self._inline_types) - inline_done):
                inline_done.add(name)
                alias_types[name] = local.annotate(self._inline_types[name], named=False)
                alias_docs[name] = ""
        if not typed_dicts and not alias_types:
            return None
        module = PARAMS_MODULE
        while module in taken_modules:
            module += "_"
        typed_dicts.sort(key=lambda t: t.name)
        annotations = [f.annotation for t in typed_dicts for f in t.fields] + list(alias_types.values())
        names = {"Literal", "Mapping", "Optional", "Sequence", "Union"}
        typing = [n for n in sorted(names) if any(n + "[" in a for a in annotations)]
        return ParamsModuleView(module, typed_dicts, _ordered_aliases(alias_types, alias_docs), typing,
                                self.uses_file_types)  # fmt: skip

    def _typed_dict(self, name: str, schema: ObjectSchema, local: InputAnnotator) -> TypedDictView:
        fields = []
        for prop in all_properties(schema, self.schemas):
            if prop.read_only:
                continue
            annotation = local.annotate(prop.type, owner=schema.name + pascal_case(prop.name))
            fields.append(ParamFieldView(prop.name, f"Required[{annotation}]" if prop.required else annotation,
                                         docstring_text(prop.description)))  # fmt: skip
        return TypedDictView(name, docstring_text(schema.description), fields)


def _ordered_aliases(types: dict[str, str], docs: dict[str, str]) -> list[ParamAliasView]:
    """Aliases each after the aliases it uses; those in a cycle quoted (a forward reference)."""
    names = sorted(types)
    graph = {n: [m for m in names if m != n and _mentions(types[n], m)] for n in names}
    ordered: list[ParamAliasView] = []
    for component in strongly_connected_components(graph):
        cyclic = len(component) > 1 or _mentions(types[component[0]], component[0])
        ordered.extend(ParamAliasView(n, types[n], docs[n], cyclic) for n in sorted(component))
    return ordered


def _mentions(annotation: str, name: str) -> bool:
    start = annotation.find(name)
    while start != -1:
        end = start + len(name)
        before = annotation[start - 1] if start else " "
        after = annotation[end] if end < len(annotation) else " "
        if not (before.isalnum() or before in "_.") and not (after.isalnum() or after == "_"):
            return True
        start = annotation.find(name, end)
    return False


@dataclass
class InputAnnotator:
    """Annotation text for a request input, names qualified for the module it is used in."""

    types: ParamTypes
    qualifier: str
    uses_params: bool = False
    needs_file_types: bool = False

    def annotate(self, type_: TypeExpr, owner: str | None = None, named: bool = True) -> str:
        """The input annotation; with an owner, a long inline enum or union is named after it."""
        if named and owner is not None and isinstance(type_, (EnumType, UnionType)):
            non_null = _without_null(type_)
            if isinstance(non_null, (EnumType, UnionType)) and len(self.annotate(non_null, named=False)) > NAMED_INLINE_LENGTH:
                try:
                    alias = self.types.inline_name(non_null, owner)
                except TypeError:  # an enum of objects or lists: not hashable, left inline
                    alias = None
                if alias is not None:
                    self.uses_params = True
                    text = self.qualifier + alias
                    return f"Optional[{text}]" if non_null is not type_ else text
        if isinstance(type_, AnyType):
            return "object"
        if isinstance(type_, NullType):
            return "None"
        if isinstance(type_, PrimitiveType):
            if type_.name == "string" and type_.format == "binary":
                self.needs_file_types = True
                if not self.qualifier:
                    self.types.uses_file_types = True
                return "FileTypes"
            return PRIMITIVE_NAMES[type_.name]
        if isinstance(type_, ArrayType):
            return f"Sequence[{self.annotate(type_.items)}]"
        if isinstance(type_, MapType):
            return f"Mapping[str, {self.annotate(type_.values)}]"
        if isinstance(type_, EnumType):
            return "Literal[" + ", ".join(value_literal(v) for v in type_.values) + "]"
        if isinstance(type_, ConstType):
            return f"Literal[{value_literal(type_.value)}]"
        if isinstance(type_, UnionType):
            others = [v for v in type_.variants if not isinstance(v, NullType)]
            parts = list(dict.fromkeys(self.annotate(v) for v in others))
            inner = parts[0] if len(parts) == 1 else "Union[" + ", ".join(parts) + "]"
            return f"Optional[{inner}]" if len(others) != len(type_.variants) else inner
        schema = self.schemas.get(type_.name)
        if schema is None:
            return "object"
        self.uses_params = True
        name = self.qualifier + self.types.param_name(type_.name)
        if isinstance(schema, ObjectSchema) and schema.additional is not None and not schema.closed:
            return f"Union[{name}, Mapping[str, object]]"  # open: any other keys as well
        return name

    @property
    def schemas(self) -> dict[str, SchemaDef]:
        return self.types.schemas


def _without_null(type_: TypeExpr) -> TypeExpr:
    if not isinstance(type_, UnionType):
        return type_
    others = tuple(v for v in type_.variants if not isinstance(v, NullType))
    if len(others) == len(type_.variants):
        return type_
    return others[0] if len(others) == 1 else UnionType(others, type_.discriminator)


__all__ = ["InputAnnotator", "ParamTypes", "ParamsModuleView", "TypedDictView"]
