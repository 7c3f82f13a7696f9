"""Response models: one view per schema, grouped into modules whose imports never form a cycle.

Decides each model's fields (names, annotations, aliases, defaults), the order models are
defined in, which module each lands in, and what each module imports and rebuilds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Literal

from generator.model.ir import AliasSchema, ObjectSchema, Property, SchemaDef, is_nullable, references, schema_references, effective_properties
from generator.names import api_identifier, module_name
from generator.render.annotations import Annotation, Annotator, plain, stdlib_imports
from generator.render.escape import docstring_text, string_literal
from generator.render.graph import strongly_connected_components
from generator.render.layout import Layout, atom, bracketed, call, defaulted, fits
from generator.render.views.common import MODEL_RESERVED, ImportView, unique

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
class ModelModuleView:
    module: str
    models: list[ModelView]
    imports: list[ImportView]
    rebuild: list[str]
    uses_discriminator: bool
    typing_names: list[str]
    uses_field: bool
    uses_base_model: bool
    exports: ExportsView
    uses_type_alias: bool = False
    stdlib_imports: list[str] = field(default_factory=list)


def model_module_views(schemas: dict[str, SchemaDef]) -> tuple[list[ModelModuleView], dict[str, str]]:
    """Models grouped into modules whose imports never form a cycle.

    Each component schema gets a module, and the inline models it alone uses (its
    `...Item`, `...Defaults` parts) live beside it. Mutually recursive schemas share one.
    """
    graph = {name: sorted(schema_references(schema)) for name, schema in schemas.items()}
    components = strongly_connected_components(graph)  # dependencies first
    group_of = _module_groups(schemas, graph, components)
    module_of: dict[str, str] = {}
    taken: set[str] = set()
    members: dict[str, list[str]] = defaultdict(list)
    for name in sorted(schemas):
        members[group_of[name]].append(name)
    for group in sorted(members):
        base = module_name(group, "model")
        module, counter = base, 2
        while module in taken:
            module = f"{base}_{counter}"
            counter += 1
        taken.add(module)
        for name in members[group]:
            module_of[name] = module
    by_module: dict[str, list[list[str]]] = defaultdict(list)
    for component in components:
        by_module[module_of[component[0]]].append(component)
    views = [_model_module_view(module, parts, schemas, module_of) for module, parts in by_module.items()]
    views.sort(key=lambda v: v.module)
    return views, dict(sorted(module_of.items()))


def _module_groups(
    schemas: dict[str, SchemaDef], graph: dict[str, list[str]], components: list[list[str]]
) -> dict[str, str]:
    """Schema name -> the name its module is named after."""
    referrers: dict[str, list[str]] = defaultdict(list)
    for name, targets in graph.items():
        for target in targets:
            if target != name:
                referrers[target].append(name)
    parent = {name: name for name in schemas}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    def join(a: str, b: str, into_first: bool = False) -> None:
        first, second = root(a), root(b)
        if first != second:  # named after its owner, else its component schema, else its first name
            keep, drop = (first, second) if into_first else sorted((first, second), key=lambda n: (schemas[n].inline, n))
            parent[drop] = keep

    for component in components:
        for name in component[1:]:
            join(component[0], name)
    for name in sorted(schemas):
        users = referrers.get(name, [])
        if schemas[name].inline and len(set(users)) == 1:
            join(users[0], name, into_first=True)
    # Two groups that import each other are merged, so module imports stay acyclic.
    while True:
        group_graph: dict[str, set[str]] = defaultdict(set)
        for name, targets in graph.items():
            group_graph[root(name)] |= {root(t) for t in targets if t in schemas} - {root(name)}
        cycles = [c for c in strongly_connected_components({g: sorted(t) for g, t in group_graph.items()}) if len(c) > 1]
        if not cycles:
            return {name: root(name) for name in schemas}
        for cycle in cycles:
            for group in cycle[1:]:
                join(cycle[0], group)


def _model_module_view(
    module: str, components: list[list[str]], schemas: dict[str, SchemaDef], module_of: dict[str, str]
) -> ModelModuleView:
    imports: dict[str, set[str]] = defaultdict(set)
    models: list[ModelView] = []
    rebuild: list[str] = []
    for component in components:  # dependencies first, so most names exist before they are used
        local = set(component)
        cyclic = len(component) > 1 or _self_referencing(component[0], schemas)
        for name in _definition_order(component, schemas):
            view, used = _model_view(schemas[name], schemas, local)
            models.append(view)
            for other in used:
                if module_of[other] != module:
                    imports[module_of[other]].add(other)
            if cyclic and view.kind == "object":
                rebuild.append(view.name)
    annotations = [f.annotation for m in models for f in m.fields] + [m.annotation for m in models if m.kind == "alias"]
    needs = frozenset().union(*(a.names for a in annotations))
    return ModelModuleView(
        module=module,
        models=models,
        imports=[ImportView(source, sorted(names)) for source, names in sorted(imports.items())],
        rebuild=rebuild,
        uses_discriminator="Discriminator" in needs,
        typing_names=(["TYPE_CHECKING"] if any(m.recursive for m in models) else [])
        + [name for name in _TYPING_NAMES if name in needs],
        uses_type_alias=any(m.recursive for m in models),
        uses_field=any(f.alias or f.narrows for m in models for f in m.fields),
        uses_base_model=any("BaseModel" in m.bases for m in models),
        exports=ExportsView([m.name for m in models]),
        stdlib_imports=stdlib_imports(needs),
    )


_TYPING_NAMES = ("Any", "Dict", "List", "Literal", "Optional", "Union")


def _field_annotation(prop: Property, schemas: dict[str, SchemaDef]) -> str:
    """A field's annotation as its own class declares it (for comparing an override with it)."""
    annotation = Annotator(schemas, discriminate=True).annotate(prop.type)
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


def _model_view(schema: SchemaDef, schemas: dict[str, SchemaDef], local: set[str]) -> tuple[ModelView, set[str]]:
    """The view of one model, and the schema names it uses."""
    if isinstance(schema, AliasSchema):
        # Aliases of this cycle cannot be named before they exist: quoted, and the alias made recursive.
        forward = frozenset(n for n in references(schema.type) & local if isinstance(schemas[n], AliasSchema))
        annotation = Annotator(schemas, discriminate=True, forward=forward).annotate(schema.type)
        view = ModelView(schema.name, "alias", docstring_text(schema.description), annotation=annotation,
                         recursive=bool(forward))  # fmt: skip
        return view, set(annotation.models)
    annotator = Annotator(schemas, discriminate=True)
    fields: list[FieldView] = []
    used: set[str] = set(schema.bases)
    taken: set[str] = set()
    inherited = {
        p.name: p
        for base in schema.bases
        if isinstance(schemas.get(base), ObjectSchema)
        for p in effective_properties(schemas[base], schemas)  # type: ignore[arg-type]
    }
    # Its own properties, then what its `required` list changes of an inherited one, then the
    # names only its `required` list gives: optional here, so a response without them still parses.
    own = [p.name for p in schema.properties]
    effective = {p.name: p for p in effective_properties(schema, schemas)}
    declared = [effective[name] for name in own]
    declared += [p for name, p in effective.items() if name in inherited and name not in own and inherited[name] != p]
    declared += [replace(p, required=False) for name, p in effective.items() if name not in inherited and name not in own]
    # A field may not shadow a class its model's annotations name.
    reserved = MODEL_RESERVED | {schema.name}.union(*(references(p.type) for p in declared))
    for prop in declared:
        name = unique(api_identifier(prop.name, "field", reserved), taken)
        annotation = annotator.annotate(prop.type)
        if not prop.required and not is_nullable(prop.type):
            annotation = annotation.wrap("Optional")
        used |= annotation.models
        base = inherited.get(prop.name)
        base_annotation = None if base is None else _field_annotation(base, schemas)
        # mypy accepts a narrower type (dropping Optional, mostly), rejects another one.
        overrides = base_annotation not in (None, annotation.text, f"Optional[{annotation.text}]")
        narrows = base_annotation not in (None, annotation.text)
        if references(prop.type) & local:  # defined later in this module, or recursive
            annotation = annotation.quoted()
        fields.append(
            FieldView(
                name=name,
                annotation=annotation,
                default=None if prop.required else "None",
                alias=string_literal(prop.name) if name != prop.name else None,
                doc=docstring_text(prop.description),
                narrows=narrows,
                overrides=overrides,
            )
        )
    bases = schema.bases or ["BaseModel"]
    return ModelView(schema.name, "object", docstring_text(schema.description), bases=bases, fields=fields), used
