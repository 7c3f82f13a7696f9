"""Response models: one view per schema, in the modules placement.py puts them in.

Decides each model's fields (names, annotations, aliases, defaults), the order models are
defined in, and what each module imports and rebuilds. What a module names from a module of its own
import cycle it imports for type checkers only; at run time it imports its cycle's module
(`types/_cycle_<n>.py`), which loads every module of the cycle one after another and then gives
each the classes it names from the others. (Modules importing each other at their ends nested one
import in the next, deeper than Python allows, on an API of a few hundred cyclic schemas.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from generator.model.ir import AliasSchema, ObjectSchema, Property, SchemaDef, is_nullable, references, schema_references, effective_properties
from generator.names import api_identifier, unique
from generator.render.annotations import Annotation, Annotator, plain, stdlib_imports
from generator.render.escape import docstring_text, string_literal
from generator.render.graph import strongly_connected_components
from generator.render.layout import Layout, atom, bracketed, call, defaulted, fits
from generator.render.placement import ModulePath, Placement, TypeName
from generator.render.views.common import MODEL_RESERVED, ImportView
from generator.render.views.imports import TypeImports, TypesModule, module_alias, package_relative

_NARROWING_COMMENT = "  # pyright: ignore[reportIncompatibleVariableOverride]"
# Another type altogether: mypy must be told as well (pyright honours it too). `unused-ignore`, since
# where the new type happens to be compatible mypy would flag the ignore itself.
_OVERRIDE_COMMENT = "  # type: ignore[assignment, unused-ignore]"
_NO_ANNOTATION = plain("None")


@dataclass
class FieldView:
    name: str
    annotation: Annotation
    default: str | None
    alias: str | None
    doc: str
    narrows: bool = False
    """It narrows a field it inherits (the schema's allOf does): required, `Field(...)`, and a
    checker comment, as pyright calls a narrowed mutable field an incompatible override."""
    overrides: bool = False
    """It redeclares an inherited field with another type, not only a narrower one: mypy is told too."""

    @property
    def layout(self) -> Layout:
        """The field's line in its class."""
        target = f"{self.name}: {self.annotation.text}"
        if self.narrows:
            alias = f", alias={self.alias}" if self.alias else ""
            default = "..." if self.default is None else f"default={self.default}"
            comment = _OVERRIDE_COMMENT if self.overrides else _NARROWING_COMMENT
            return Layout("line", f"{target} = Field({default}{alias}){comment}")
        if self.alias:
            given = [] if self.default is None else [f"default={self.default}"]
            return defaulted(self.name, self.annotation.expr, call("Field", *given, f"alias={self.alias}"), 4)
        if self.default is not None:
            return defaulted(self.name, self.annotation.expr, atom(self.default), 4)
        return bracketed(f"{self.name}: ", self.annotation.expr, "", 4)


@dataclass
class ModelView:
    name: str
    kind: Literal["object", "alias"]
    doc: str
    bases: list[str] = field(default_factory=list)
    fields: list[FieldView] = field(default_factory=list)
    annotation: Annotation = _NO_ANNOTATION
    recursive: bool = False
    """An alias that refers to itself: a TypeAliasType at run time (pydantic needs one), a plain alias for mypy."""

    @property
    def checking_layout(self) -> Layout:
        """A recursive alias as type checkers read it, inside `if TYPE_CHECKING:`."""
        return bracketed(f"{self.name} = ", self.annotation.expr, "", 4)

    @property
    def runtime_layout(self) -> Layout:
        """A recursive alias at run time, in the `else:` branch."""
        return bracketed(f"{self.name} = ", call("TypeAliasType", string_literal(self.name), self.annotation.expr), "", 4)

    @property
    def layout(self) -> Layout:
        """An alias's assignment, or a class's first line."""
        if self.kind == "alias":
            return bracketed(f"{self.name} = ", self.annotation.expr, "", 0)
        return bracketed("class ", call(self.name, *self.bases), ":", 0)


@dataclass
class ExportsView:
    """An `__all__` list, on one line when it fits."""

    names: list[str]

    @property
    def one_line(self) -> bool:
        return fits("__all__ = [" + ", ".join(string_literal(n) for n in self.names) + "]")


@dataclass
class ModelModuleView(TypesModule):
    models: list[ModelView]
    imports: list[ImportView]
    late_imports: list[ImportView]
    """For type checkers, at the end of the module: the classes of modules in its own import cycle."""
    cycle_import: ImportView | None
    """At run time, in their place: the module that loads the cycle and gives this one those classes."""
    rebuild: list[str]
    uses_discriminator: bool
    typing_names: list[str]
    uses_field: bool
    uses_base_model: bool
    exports: ExportsView
    uses_type_alias: bool = False
    stdlib_imports: list[str] = field(default_factory=list)
    uses_annotated: bool = False
    uses_lazy: bool = False

    @property
    def runtime_names(self) -> list[str]:
        """What the module imports from the package's `_models`."""
        wanted = {"BaseModel": self.uses_base_model, "Lazy": self.uses_lazy, "discriminate": self.uses_discriminator}
        return [name for name, used in wanted.items() if used]

    @property
    def doc(self) -> str:
        """The module's docstring: the classes it holds, as many as fit on its line."""
        return listing("Models: ", [m.name for m in self.models])


def listing(prefix: str, names: list[str]) -> str:
    """`prefix` and the names, ending in "and N more" where all of them would not fit the line."""
    for shown in range(len(names), 0, -1):
        more = len(names) - shown
        text = prefix + ", ".join(names[:shown]) + (f" and {more} more" if more else "") + "."
        if fits(f'"""{text}"""'):
            return text
    return f"{prefix.rstrip()} {len(names)}."


def model_module_views(placement: Placement, share: Callable[[int], bool] = lambda index: True) -> Iterator[ModelModuleView]:
    """The model modules (those whose index `share` takes), each as placement.py decides: the classes
    of one owner, in an order that defines most names before they are used; imports of the module's
    own cycle at its end."""
    for index, (module, members) in enumerate(placement.modules().items()):
        if share(index):
            yield _model_module_view(module, members, placement.schemas, placement)


def _model_module_view(module: ModulePath, members: list[str], schemas: dict[str, SchemaDef], placement: Placement) -> ModelModuleView:
    inside = set(members)
    graph = {name: sorted(schema_references(schemas[name]) & inside) for name in members}
    imports = TypeImports(module, frozenset(placement.names[m].name for m in members), placement.cycles)
    models: list[ModelView] = []
    rebuild: list[str] = []
    refs: set[TypeName] = set()
    for component in strongly_connected_components(graph):  # dependencies first, so most names exist before they are used
        local = set(component)
        cyclic = len(component) > 1 or _self_referencing(component[0], schemas)
        for name in _definition_order(component, schemas):
            view, used = _model_view(schemas[name], schemas, local, placement, imports)
            models.append(view)
            refs |= used
            if cyclic and view.kind == "object":
                rebuild.append(view.name)
    early, late = imports.imports(refs)
    late = [replace(view, indent=4) for view in late]
    annotations = [f.annotation for m in models for f in m.fields] + [m.annotation for m in models if m.kind == "alias"]
    needs = frozenset().union(*(a.names for a in annotations))
    hub = cycle_module(placement, module)
    return ModelModuleView(
        module=module,
        models=models,
        imports=early,
        late_imports=late,
        cycle_import=ImportView(package_relative(module, hub[:-1]), [hub[-1]], indent=4) if late else None,
        # A class whose fields wait for the end of the module is built at its first use instead.
        rebuild=[] if late else rebuild,
        uses_discriminator="Discriminator" in needs,
        uses_annotated="Annotated" in needs,
        uses_lazy="Lazy" in needs,
        typing_names=(["TYPE_CHECKING"] if late or any(m.recursive for m in models) else [])
        + [name for name in _TYPING_NAMES if name in needs],
        uses_type_alias=any(m.recursive for m in models),
        uses_field=any(f.alias or f.narrows for m in models for f in m.fields),
        uses_base_model=any("BaseModel" in m.bases for m in models),
        exports=ExportsView([m.name for m in models]),
        stdlib_imports=stdlib_imports(needs),
    )


_TYPING_NAMES = ("Any", "Dict", "List", "Literal", "Optional", "Union")


def cycle_module(placement: Placement, module: ModulePath) -> ModulePath:
    """The module that loads the import cycle `module` is on (`types/_cycle_<n>.py`)."""
    return (f"_cycle_{placement.cycles[module]}",)


@dataclass
class CycleModuleView(TypesModule):
    """`types/_cycle_<n>.py`: imports every module of one import cycle, one after another (each
    imports this one at its end, so none waits on the next), then its links modules
    (`_cycle_<n>_links_<k>.py`), which give each module the classes it names from the others, as
    the `if TYPE_CHECKING:` imports at its end say."""

    members: list[str]
    """Each module of the cycle, relative to this one (`.order`, `.chat.completion_create_response`)."""
    links: list[CycleLinksView]


@dataclass
class CycleLinksView(TypesModule):
    """Some of a cycle's links (a module each for so many, so that none grows with the cycle)."""

    members: list[ImportView]
    links: list[Layout]

    @property
    def name(self) -> str:
        return self.module[-1]


LINKS_PER_MODULE = 250
"""Links per `_cycle_<n>_links_<k>.py` module: with the imports they need, well under 5,000 lines."""


def cycle_module_views(placement: Placement) -> list[CycleModuleView]:
    """A module per import cycle of model modules. What a module is given is every class of its
    cycle its schemas refer to (their own, inherited and required properties, bases, alias members):
    what its annotations name, and perhaps more, which does no harm at run time."""
    modules = placement.modules()
    cycles: dict[int, list[ModulePath]] = {}
    for module in sorted(modules):
        cycles.setdefault(placement.cycles[module], []).append(module)
    views: list[CycleModuleView] = []
    for members in cycles.values():
        if len(members) < 2:
            continue
        hub = cycle_module(placement, members[0])
        ends = Counter(m[-1] for m in members)
        local = {m: m[-1] if ends[m[-1]] == 1 else module_alias(m) for m in members}
        links: list[tuple[Layout, set[ModulePath]]] = []
        for module in members:
            imports = TypeImports(module, frozenset(placement.names[m].name for m in modules[module]), placement.cycles)
            names: dict[ModulePath, set[str]] = {}
            aliases: dict[str, ModulePath] = {}
            for name in _referenced(modules[module], placement):
                if name.module == module or not imports.late(name.module):
                    continue
                spelling = imports.spell(name)
                if spelling.needs == name.name:
                    names.setdefault(name.module, set()).add(name.name)
                else:
                    aliases[spelling.needs] = name.module
            for source, given in sorted(names.items()):
                arguments = [local[module], local[source], *(string_literal(n) for n in sorted(given))]
                links.append((bracketed("", call("_link", *arguments), "", 0), {module, source}))
            for alias, source in sorted(aliases.items()):
                arguments = [local[module], local[source], f"as_name={string_literal(alias)}"]
                links.append((bracketed("", call("_link", *arguments), "", 0), {module, source}))
        chunks: list[CycleLinksView] = []
        for start in range(0, len(links), LINKS_PER_MODULE):
            part = links[start : start + LINKS_PER_MODULE]
            path = (f"{hub[-1]}_links_{len(chunks) + 1}",)
            used = set().union(*(modules_used for _, modules_used in part))
            chunks.append(CycleLinksView(path, _module_imports(path, sorted(used), local), [layout for layout, _ in part]))
        views.append(CycleModuleView(hub, ["." + ".".join(m) for m in members], chunks))
    return views


def _module_imports(importer: ModulePath, modules: list[ModulePath], local: dict[ModulePath, str]) -> list[ImportView]:
    """`from . import a, b` (and `from .chat import x as _chat__x` where two share a name), by folder."""
    by_folder: dict[str, list[str]] = {}
    for module in modules:
        named = module[-1] if local[module] == module[-1] else f"{module[-1]} as {local[module]}"
        by_folder.setdefault(package_relative(importer, module[:-1]), []).append(named)
    return [ImportView(source, names) for source, names in sorted(by_folder.items())]


def _referenced(schemas: list[str], placement: Placement) -> set[TypeName]:
    """The classes the schemas' models refer to: what their annotations name, and perhaps more."""
    return {placement.names[target] for name in schemas for target in placement.references[name]}


def _as_received(prop: Property) -> Property:
    """A property as a response holds it: a `writeOnly` one is sent, never answered, so even a
    required one is optional here (the diff leaves it out of responses for the same reason)."""
    return replace(prop, required=False) if prop.write_only and prop.required else prop


def _field_annotation(prop: Property, annotator: Annotator) -> str:
    """A field's annotation as its own class declares it (for comparing an override with it)."""
    annotation = annotator.annotate(prop.type)
    return (annotation if prop.required or is_nullable(prop.type) else annotation.wrap("Optional")).text


def _self_referencing(name: str, schemas: dict[str, SchemaDef]) -> bool:
    return name in schema_references(schemas[name])


def _definition_order(component: list[str], schemas: dict[str, SchemaDef]) -> list[str]:
    """Bases before subclasses; aliases after the classes, each after the aliases it uses."""
    local = set(component)
    ordered: list[str] = []
    placed: set[str] = set()

    def place(name: str, trail: set[str]) -> None:
        if name in placed or name in trail:
            return
        schema = schemas[name]
        trail = trail | {name}
        needs = schema.bases if isinstance(schema, ObjectSchema) else sorted(references(schema.type) & local)
        for other in needs:
            if other in local:
                place(other, trail)
        placed.add(name)
        ordered.append(name)

    for name in sorted(component, key=lambda n: (isinstance(schemas[n], AliasSchema), n)):
        place(name, set())
    return ordered


def _model_view(
    schema: SchemaDef, schemas: dict[str, SchemaDef], local: set[str], placement: Placement, imports: TypeImports
) -> tuple[ModelView, set[TypeName]]:
    """The view of one model, and the classes it refers to."""
    name = placement.names[schema.name].name
    if isinstance(schema, AliasSchema):
        # Aliases of this cycle cannot be named before they exist: quoted, and the alias made recursive.
        forward = frozenset(n for n in references(schema.type) & local if isinstance(schemas[n], AliasSchema))
        annotation = _annotator(schemas, placement, imports, forward).annotate(schema.type)
        view = ModelView(name, "alias", docstring_text(schema.description), annotation=annotation,
                         recursive=bool(forward))  # fmt: skip
        return view, set(annotation.refs)
    annotator = _annotator(schemas, placement, imports, cycle=placement.model_cycles.get(schema.name))
    fields: list[FieldView] = []
    bases = [annotator.reference(placement.names[base]) for base in schema.bases]
    used: set[TypeName] = set().union(*(b.refs for b in bases))
    taken: set[str] = set()
    inherited = {
        p.name: _as_received(p)
        for base in schema.bases
        if isinstance(schemas.get(base), ObjectSchema)
        for p in effective_properties(schemas[base], schemas)  # type: ignore[arg-type]
    }
    # Its own properties, then what its `required` list changes of an inherited one, then the
    # names only its `required` list gives: optional here, so a response without them still parses.
    own = [p.name for p in schema.properties]
    effective = {p.name: _as_received(p) for p in effective_properties(schema, schemas)}
    declared = [effective[name] for name in own]
    declared += [p for name, p in effective.items() if name in inherited and name not in own and inherited[name] != p]
    declared += [replace(p, required=False) for name, p in effective.items() if name not in inherited and name not in own]
    # A field may not shadow a class its model's annotations name.
    named = {imports.spell(placement.names[n]).needs for p in declared for n in references(p.type) if n in placement.names}
    reserved = MODEL_RESERVED | {name} | named
    for prop in declared:
        field_name = unique(api_identifier(prop.name, "field", reserved), taken)
        annotation = annotator.annotate(prop.type)
        if not prop.required and not is_nullable(prop.type):
            annotation = annotation.wrap("Optional")
        used |= annotation.refs
        base = inherited.get(prop.name)
        base_annotation = None if base is None else _field_annotation(base, annotator)
        # mypy accepts a narrower type (dropping Optional, mostly), rejects another one.
        overrides = base_annotation not in (None, annotation.text, f"Optional[{annotation.text}]")
        narrows = base_annotation not in (None, annotation.text)
        if references(prop.type) & local:  # defined later in this module, or recursive
            annotation = annotation.quoted()
        fields.append(
            FieldView(
                name=field_name,
                annotation=annotation,
                default=None if prop.required else "None",
                alias=string_literal(prop.name) if field_name != prop.name else None,
                doc=docstring_text(prop.description),
                narrows=narrows,
                overrides=overrides,
            )
        )
    base_names = [b.text for b in bases] or ["BaseModel"]
    return ModelView(name, "object", docstring_text(schema.description), bases=base_names, fields=fields), used


def _annotator(
    schemas: dict[str, SchemaDef], placement: Placement, imports: TypeImports, forward: frozenset[str] = frozenset(),
    cycle: int | None = None,
) -> Annotator:
    return Annotator(schemas, discriminate=True, forward=forward, models=placement.names.__getitem__, spell=imports.spell,
                     cycles=placement.model_cycles, cycle=cycle)  # fmt: skip
