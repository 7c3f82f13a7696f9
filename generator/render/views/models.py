"""Response models: one view per schema, in the modules placement.py puts them in.

Decides each model's fields (names, annotations, aliases, defaults), the order models are
defined in, and what each module imports (at its start, or at its end from a module of its own
import cycle) and rebuilds.
"""

from __future__ import annotations

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
from generator.render.views.imports import TypeImports, TypesModule

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
    """Imports at the end of the module: of the classes of modules in its own import cycle."""
    rebuild: list[str]
    uses_discriminator: bool
    typing_names: list[str]
    uses_field: bool
    uses_base_model: bool
    exports: ExportsView
    uses_type_alias: bool = False
    stdlib_imports: list[str] = field(default_factory=list)

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
    annotations = [f.annotation for m in models for f in m.fields] + [m.annotation for m in models if m.kind == "alias"]
    needs = frozenset().union(*(a.names for a in annotations))
    return ModelModuleView(
        module=module,
        models=models,
        imports=early,
        late_imports=late,
        # A class whose fields wait for the end of the module is built at its first use instead.
        rebuild=[] if late else rebuild,
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
    annotator = _annotator(schemas, placement, imports)
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
    schemas: dict[str, SchemaDef], placement: Placement, imports: TypeImports, forward: frozenset[str] = frozenset()
) -> Annotator:
    return Annotator(schemas, discriminate=True, forward=forward, models=placement.names.__getitem__, spell=imports.spell)
