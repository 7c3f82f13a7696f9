"""Request types: TypedDicts for the objects a caller sends, and the aliases signatures share.

Decides what the package's request types are, what each is called and where it lives, once,
from the operations' inputs (`RequestTypes`), before any signature is written: every object
schema a request input reaches (arguments, and what their types nest) becomes a TypedDict keyed
by its wire names; every named enum or union it reaches an alias; a long inline enum or union at
the top of an argument or key an alias of its own, named after where it appears and reused where
the same type comes back in that module. Signatures and the request modules
(`request_module_views`) both read these names; neither makes any.

They live where their owner's do (placement.py): a component's request type and the inline ones
written inside it in `types/<component>_param.py` (`OrderParam`, `Address`), an operation's own
in `types/<folder>/<resource>_<method>_params.py` (`CompletionCreateParams`, `ResponseFormat`).
Resource modules import them for type checking only (none is loaded by a call).
"""

from __future__ import annotations

import keyword
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from generator.model.ir import (
    ArrayType,
    EnumType,
    MapType,
    NullType,
    ObjectSchema,
    Operation,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
    effective_properties,
)
from generator.names import class_identifier, module_name, pascal_case
from generator.render.annotations import NAMED_INLINE_LENGTH, Annotation, Annotator, Spelling, by_name, stdlib_imports
from generator.render.escape import docstring_text, string_literal
from generator.render.graph import strongly_connected_components
from generator.render.layout import Display, Expr, Layout, atom, bracketed, collection, fits
from generator.render.placement import (
    ModulePath,
    ModuleSpace,
    Need,
    TypeName,
    candidates,
    grouped,
    is_component,
    name_classes,
    name_order,
    operation_module,
)
from generator.render.views.common import ImportView
from generator.render.views.models import ExportsView, listing
from generator.render.views.imports import TypeImports, TypesModule

# Names the request modules' annotations use: a class-syntax key of that name would shadow them.
_ANNOTATION_NAMES = frozenset(
    {"str", "int", "float", "bool", "bytes", "object", "None", "Literal", "Mapping", "Optional",
     "Required", "Sequence", "TypeAlias", "TypedDict", "Union", "FileTypes", "annotations"}
)  # fmt: skip
_TYPING_NAMES = ("Literal", "Mapping", "Optional", "Sequence", "Union")


@dataclass(frozen=True)
class InputPlace:
    """Where a request input appears, which names a long inline enum or union written there: the
    key or argument `part` (PascalCase) of the request type of `schema`, or of the operation
    `operation` (its route)."""

    part: str
    schema: str | None = None
    operation: str | None = None


@dataclass(frozen=True)
class RequestInput:
    """A type a caller passes (an argument, or a key of a request TypedDict), and where it appears
    (None: nowhere that names a long inline enum or union: it stays inline)."""

    type: TypeExpr
    owner: InputPlace | None = None


@dataclass
class RequestTypes:
    """The request types of one package: their classes, modules and import cycles."""

    schemas: dict[str, SchemaDef]
    operations: dict[str, Operation] = field(default_factory=dict)
    names: dict[str, TypeName] = field(default_factory=dict)
    """Schema name -> its request type, for every schema a request input reaches."""
    inline_names: dict[tuple[ModulePath, TypeExpr], TypeName] = field(default_factory=dict)
    """(module, a long inline enum or union without null) -> the alias that module writes it as."""
    cycles: dict[ModulePath, int] = field(default_factory=dict)
    homes: dict[str, ModulePath] = field(default_factory=dict)
    """Schema name or operation route -> the module its request types were placed in, before modules
    that would import each other at import time were merged: where an input's aliases are found."""

    shared_module_names: frozenset[str] = frozenset()
    """File names that more than one module below `types/` has (in different folders)."""

    def type_name(self, schema: str) -> TypeName:
        return self.names[schema]

    def place_module(self, place: InputPlace) -> ModulePath | None:
        """The module an input at `place` belongs to (as placed, before merging); None: no request
        type is placed there (nor any alias)."""
        return self.homes.get(place.schema if place.schema is not None else place.operation or "")

    def inline_alias(self, type_: TypeExpr, owner: InputPlace) -> tuple[TypeName, bool] | None:
        """The alias a top-level inline type at `owner` is written as, and whether it is nullable; None: inline."""
        if not isinstance(type_, (EnumType, UnionType)):
            return None
        non_null = _without_null(type_)
        if not _hashable(non_null):
            return None
        module = self.place_module(owner)
        name = None if module is None else self.inline_names.get((module, non_null))
        return None if name is None else (name, non_null is not type_)

    def annotator(self, spell: Callable[[TypeName], Spelling] = by_name) -> Annotator:
        """Annotations of request inputs for a module that writes these types as `spell` says."""
        return Annotator(self.schemas, "request", requests=self, spell=spell)

    def typed_dict_inputs(self, schema: ObjectSchema) -> list[tuple[str, RequestInput, bool, str | None]]:
        """A request TypedDict's keys: (wire name, input, required, description), read-only ones left out."""
        found = self._keys.get(schema.name)
        if found is None:
            found = self._keys[schema.name] = [
                (p.name, RequestInput(p.type, InputPlace(pascal_case(p.name), schema=schema.name)), p.required,
                 p.description)
                for p in effective_properties(schema, self.schemas)
                if not p.read_only
            ]  # fmt: skip
        return found

    _keys: dict[str, list[tuple[str, RequestInput, bool, str | None]]] = field(default_factory=dict, repr=False)


class _Unnamed(RequestTypes):
    """The request types before they are named, to measure how long an annotation is (a request
    type is as long as its schema's name and `Param`: whether an inline type gets an alias does not
    depend on the names the others get)."""

    def type_name(self, schema: str) -> TypeName:
        return TypeName((), f"{schema}Param", True, True)


def request_types(
    schemas: dict[str, SchemaDef], operations: Iterable[Operation], inputs: Iterable[RequestInput], space: ModuleSpace
) -> RequestTypes:
    """Every request type the inputs reach (the arguments of every method, in call-path order), with
    its module (claimed in `space`) and name.

    They are reached as a reader meets them: the arguments first, then the keys of each TypedDict
    in turn (the most recently reached first), then what the inline aliases name. In each module
    the components' types are named first, then the inline ones by their paths, then the aliases
    in the order they were reached.
    """
    types = RequestTypes(schemas, {op.route: op for op in operations})
    measure = _Unnamed(schemas).annotator()
    reached: list[str] = []
    alias_places: list[tuple[InputPlace, TypeExpr]] = []
    """Where each long inline enum or union is written, and its type (without null), in the order met."""
    pending: list[str] = []
    queued: set[str] = set()

    def reach(input_: RequestInput) -> None:
        if input_.owner is not None and _long_inline(input_.type, measure):
            alias_places.append((input_.owner, _without_null(input_.type)))
            return  # what the alias names is reached with the aliases, after the TypedDicts
        for name in _references_in_order(input_.type):
            if name in schemas and name not in queued:
                queued.add(name)
                pending.append(name)

    for input_ in inputs:
        reach(input_)
    aliased = 0
    while pending or aliased < len(alias_places):
        while pending:
            name = pending.pop()
            reached.append(name)
            schema = schemas[name]
            if isinstance(schema, ObjectSchema):
                for _, key_input, _, _ in types.typed_dict_inputs(schema):
                    reach(key_input)
            else:
                reach(RequestInput(schema.type))
        while aliased < len(alias_places):
            reach(RequestInput(alias_places[aliased][1]))
            aliased += 1
    _place(types, reached, alias_places, space)
    return types


def _place(
    types: RequestTypes, reached: list[str], alias_places: list[tuple[InputPlace, TypeExpr]], space: ModuleSpace
) -> None:
    """Each reached schema's and inline alias's module and name (what `request_types` found)."""
    schemas = types.schemas
    owners: dict[str, ModulePath] = {}

    def owner_module(owner: str, operation: bool) -> ModulePath:
        if owner not in owners:
            if operation:
                module = operation_module(types.operations[owner].call_path)
                owners[owner] = space.claim(module.folder, f"{module.stem}_params")
            else:
                owners[owner] = space.claim((), module_name(f"{owner} param", "model"))
        return owners[owner]

    def home(key: str) -> ModulePath:
        origin = schemas[key].origin
        return owner_module(key if origin is None else origin.owner, _owned_by_operation(schemas[key]))

    homes = {key: home(key) for key in sorted(reached, key=lambda k: (_owned_by_operation(schemas[k]), k))}
    # The keys of a body's schema are a method's keywords: its aliases live where that schema's type would.
    places = {place.schema: home(place.schema) for place, _ in alias_places if place.schema is not None}
    for place, _ in alias_places:
        if place.schema is None:
            owner_module(place.operation or "", True)
    types.homes = {**owners, **places, **homes}
    # An inline alias is a node of its own, in the module of the first place that writes it.
    alias_nodes: dict[tuple[ModulePath, TypeExpr], str] = {}
    alias_first: dict[str, InputPlace] = {}
    for place, inline in alias_places:
        module = types.homes[place.schema if place.schema is not None else place.operation or ""]
        if (module, inline) not in alias_nodes:
            node = f" alias {len(alias_nodes)}"  # a space: never a schema name
            alias_nodes[(module, inline)] = node
            alias_first[node] = place
            homes[node] = module
    inline_of = {node: inline for (_, inline), node in alias_nodes.items()}
    edges: dict[str, list[tuple[str, Need]]] = {}
    for node, module in homes.items():
        if node in inline_of:
            edges[node] = [(t, "bound") for t in _reached_refs(RequestInput(inline_of[node]), types, homes, alias_nodes, module)]
            continue
        schema = schemas[node]
        if isinstance(schema, ObjectSchema):
            edges[node] = [(t, "later") for _, key, _, _ in types.typed_dict_inputs(schema)
                           for t in _reached_refs(key, types, homes, alias_nodes, module)]  # fmt: skip
        else:
            edges[node] = [(t, "bound") for t in _reached_refs(RequestInput(schema.type), types, homes, alias_nodes, module)]
    module_of, types.cycles = grouped(homes, edges, keep=lambda m: (m[-1].endswith("_params"), m))
    order = {key: index for index, key in enumerate(reached)}

    def wanted(node: str) -> tuple[bool, list[str]]:
        if node in inline_of:
            return False, _alias_candidates(alias_first[node], types, schemas)
        if is_component(schemas[node]):
            return True, [class_identifier(f"{node}Param")]
        return False, candidates(schemas[node], types.operations, request=True)

    def naming_order(node: str) -> tuple[int, object, int]:
        if node in inline_of:
            return (2, (), int(node.rsplit(" ", 1)[1]))
        return (0 if is_component(schemas[node]) else 1, name_order(schemas[node]), order[node])

    def refers(node: str) -> list[str]:  # the component-level request types its keys name
        return [class_identifier(f"{t}Param") for t, _ in edges[node] if t in schemas and is_component(schemas[t])]

    named = name_classes(module_of, wanted, naming_order, refers, request=True)
    types.names = {key: named[key] for key in reached}
    types.inline_names = {key: named[node] for key, node in alias_nodes.items()}
    types.shared_module_names = space.repeated_names()


def _owned_by_operation(schema: SchemaDef) -> bool:
    return schema.origin is not None and schema.origin.kind == "operation"


def _reached_refs(
    input_: RequestInput, types: RequestTypes, homes: dict[str, ModulePath],
    alias_nodes: dict[tuple[ModulePath, TypeExpr], str], module: ModulePath,
) -> list[str]:  # fmt: skip
    """The nodes an input refers to: the alias it is written as, else the request types its type names."""
    if input_.owner is not None and _hashable(input_.type):
        aliased = alias_nodes.get((module, _without_null(input_.type)))
        if aliased is not None:
            return [aliased]
    return [name for name in _references_in_order(input_.type) if name in homes]


def _alias_candidates(place: InputPlace, types: RequestTypes, schemas: dict[str, SchemaDef]) -> list[str]:
    """An inline alias is named after its key or argument (`Priority`), below a TypedDict other than
    the module's top-level one after that TypedDict's name (`AddressCountry`); then after the names
    of the TypedDict's longer candidates, or the operation's."""
    if place.schema is None:
        prefix = operation_module(types.operations[place.operation or ""].call_path).prefix
        return [class_identifier(place.part), class_identifier(prefix + place.part)]
    schema = schemas[place.schema]
    origin = schema.origin
    if is_component(schema) or (origin is not None and origin.kind == "operation" and origin.path == ("Request",)):
        return [class_identifier(place.part), class_identifier(schema.name + place.part)]
    return [class_identifier(owner + place.part) for owner in candidates(schema, types.operations, request=True)]


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
        used = frozenset().union(*(f.annotation.names for f in self.fields))
        return any(
            not f.key.isidentifier() or keyword.iskeyword(f.key) or f.key in _ANNOTATION_NAMES or f.key == self.name
            or f.key in used
            for f in self.fields
        )  # fmt: skip

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
class ParamsModuleView(TypesModule):
    typed_dicts: list[TypedDictView]
    aliases: list[ParamAliasView]
    imports: list[ImportView] = field(default_factory=list)
    late_imports: list[ImportView] = field(default_factory=list)
    """Imports at the end of the module: of the request types of modules in its own import cycle."""

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

    @property
    def exports(self) -> ExportsView:
        return ExportsView(self.names)

    @property
    def doc(self) -> str:
        return listing("Request types: ", [t.name for t in self.typed_dicts] + [a.name for a in self.aliases])


def request_module_views(types: RequestTypes) -> Iterator[ParamsModuleView]:
    """The modules defining the request types, each with the TypedDicts and aliases placed in it."""
    members: dict[ModulePath, list[str]] = defaultdict(list)
    for schema, name in types.names.items():
        members[name.module].append(schema)
    inline: dict[ModulePath, list[tuple[TypeExpr, TypeName]]] = defaultdict(list)
    for (_, type_), name in types.inline_names.items():
        inline[name.module].append((type_, name))
    for module in sorted(set(members) | set(inline)):
        yield _request_module_view(module, members[module], inline[module], types)


def _request_module_view(
    module: ModulePath, members: list[str], inline: list[tuple[TypeExpr, TypeName]], types: RequestTypes
) -> ParamsModuleView:
    local = frozenset([types.names[m].name for m in members] + [n.name for _, n in inline])
    imports = TypeImports(module, local, types.cycles)
    annotator = types.annotator(imports.spell)
    typed_dicts: list[TypedDictView] = []
    aliases: dict[str, tuple[Annotation, str]] = {}
    for schema_name in members:
        schema = types.schemas[schema_name]
        class_name = types.names[schema_name].name
        if isinstance(schema, ObjectSchema):
            typed_dicts.append(_typed_dict(class_name, schema, types, annotator))
        else:
            aliases[class_name] = (annotator.annotate(schema.type), docstring_text(schema.description))
    for type_, alias in inline:
        aliases[alias.name] = (annotator.annotate(type_), "")
    typed_dicts.sort(key=lambda t: t.name)
    view = ParamsModuleView(module, typed_dicts, _ordered_aliases(aliases, module))
    view.imports, view.late_imports = imports.imports(frozenset().union(*(a.refs for a in view._annotations)))
    return view


def _typed_dict(name: str, schema: ObjectSchema, types: RequestTypes, local: Annotator) -> TypedDictView:
    fields = []
    for key, input_, required, description in types.typed_dict_inputs(schema):
        annotation = local.annotate(input_.type, owner=input_.owner)
        fields.append(ParamFieldView(key, annotation.wrap("Required") if required else annotation,
                                     docstring_text(description)))  # fmt: skip
    return TypedDictView(name, docstring_text(schema.description), fields, open=not schema.closed)


def _ordered_aliases(aliases: dict[str, tuple[Annotation, str]], module: ModulePath) -> list[ParamAliasView]:
    """Aliases each after the aliases it uses; those in a cycle quoted (a forward reference)."""
    names = sorted(aliases)
    uses = {n: {r.name for r in aliases[n][0].refs if r.module == module} for n in names}
    graph = {n: sorted(uses[n] & set(names) - {n}) for n in names}
    ordered: list[ParamAliasView] = []
    for component in strongly_connected_components(graph):
        cyclic = len(component) > 1 or component[0] in uses[component[0]]
        ordered.extend(ParamAliasView(n, aliases[n][0], aliases[n][1], cyclic) for n in sorted(component))
    return ordered


__all__ = ["InputPlace", "ParamsModuleView", "RequestInput", "RequestTypes", "TypedDictView", "request_module_views",
           "request_types"]  # fmt: skip
