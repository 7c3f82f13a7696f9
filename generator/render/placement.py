"""Where each generated class lives and the name users import it by: one answer for render and diff.

Modules under `types/` are named after the owner of what they hold (`Origin`):
- a component schema's module holds it and the inline schemas written inside it (`types/order.py`:
  `Order`, `Address`, `LinesItem`), each named by its path below the component;
- an operation's own inline response types are in a module named after its call path
  (`chat.completions.create`: `types/chat/completion_create_response.py` with
  `CompletionCreateResponse`, `Choice`, ...); its own request types are in `..._params.py` beside
  it (views/params.py, which continues this module's `ModuleSpace`).

A component-level class keeps its schema's name, is unique in the package and is exported from
`types`; an inline class is named from its path, unique in its module, and imported from there.
A name taken in its module goes to the next candidate (the path with its owner's first part, then
numbered), in the order of the owner's own class, then the shorter paths first.

Modules may import each other in a cycle: a module imports what another module of its own cycle
defines at its end, after its own classes (so each side finds the other's classes, and pydantic
resolves the fields at first use). What a module needs while it runs never comes from its own
cycle: a base class (complete, so never from any cycle at all) and the members of a type alias.
Modules that would need so are merged (`grouped`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from generator.model.ir import AliasSchema, ApiModel, Operation, RefType, SchemaDef, TypeExpr, effective_properties, reachable, references
from generator.names import class_identifier, module_name, singular, unique
from generator.render.graph import strongly_connected_components

ModulePath = tuple[str, ...]
"""A module below `types/`: `("order",)` is `types/order.py`, `("chat", "completion_create_params")`
`types/chat/completion_create_params.py`."""

Need = Literal["later", "bound", "complete"]
"""What a module needs of a class another module defines: only at first use (a field's annotation),
to exist when the module runs (a member of a type alias), or to exist complete (a base class)."""

# Names a model or request-type module imports or uses itself: no class of its own may take them.
MODULE_NAMES = frozenset(
    {"Annotated", "Any", "BaseModel", "Lazy", "Decimal", "Dict", "Discriminator", "Field", "FileTypes", "List", "Literal",
     "Mapping", "Optional", "Required", "Sequence", "Tag", "TypeAlias", "TypeAliasType", "TypedDict", "Union",
     "TYPE_CHECKING", "discriminate"}
)  # fmt: skip


@dataclass(frozen=True, order=True)
class TypeName:
    """A generated class or alias: its module below `types/`, its name there, and whether it is a
    component-level one (unique in the package and exported from `types`)."""

    module: ModulePath
    name: str
    shared: bool = False
    request: bool = False
    """A request type (a TypedDict or alias of `views/params.py`), not a model class."""

    @property
    def import_path(self) -> str:
        """How users name it below `types`: `Order` (from `types`), `order.Address` (from `types.order`)."""
        return self.name if self.shared else ".".join((*self.module, self.name))


class ModuleSpace:
    """The module and folder names taken in `types/` (a module and a folder may not share a name).

    Folders are claimed first, from every resource that has operations of its own below it, so a
    module never takes a name a folder needs; modules then take the first free of their names.
    """

    def __init__(self, folders: Iterable[ModulePath]) -> None:
        self._taken: dict[ModulePath, set[str]] = defaultdict(lambda: {"__init__"})
        for folder in sorted(set(folders)):
            for depth in range(1, len(folder) + 1):
                self._taken[folder[: depth - 1]].add(folder[depth - 1])

    def claim(self, folder: ModulePath, name: str) -> ModulePath:
        return (*folder, unique(name, self._taken[folder]))

    def repeated_names(self) -> frozenset[str]:
        """The names taken in more than one folder."""
        seen: set[str] = set()
        repeated: set[str] = set()
        for names in self._taken.values():
            repeated |= names & seen
            seen |= names
        return frozenset(repeated)


@dataclass(frozen=True)
class OperationModule:
    """Where an operation's own types go: its folder (its resource's parents), the stem of its module
    names (`completion_create` for `chat.completions.create`) and of its top-level class names."""

    folder: ModulePath
    stem: str
    prefix: str


def operation_module(call_path: tuple[str, ...]) -> OperationModule:
    """`chat.completions.create`: `types/chat/`, `completion_create`, `CompletionCreate`."""
    *resource, method = call_path
    words = f"{singular(resource[-1])}_{method}" if resource else method
    return OperationModule(tuple(module_name(s) for s in resource[:-1]), module_name(words), class_identifier(words))


def operation_folders(operations: Iterable[Operation]) -> set[ModulePath]:
    return {operation_module(op.call_path).folder for op in operations}


@dataclass
class Placement:
    """The model classes of a package: each schema's class, and the import cycle of each module."""

    schemas: dict[str, SchemaDef]
    names: dict[str, TypeName]
    """Schema name -> its class, for every schema that has one (see `model_schemas`)."""
    cycles: dict[ModulePath, int] = field(default_factory=dict)
    """Module -> the number of its import cycle (a module on no cycle has a number of its own)."""
    space: ModuleSpace = field(default_factory=lambda: ModuleSpace(()))
    references: dict[str, list[str]] = field(default_factory=dict)
    """Schema -> the model classes its class refers to (`model_edges`: bases, fields, inherited ones)."""
    model_cycles: dict[str, int] = field(default_factory=dict)
    """Schema -> the number of its reference cycle through other model classes (none: not on one).
    A field referring to a class of its own model's cycle is validated lazily (views/models.py)."""

    def modules(self) -> dict[ModulePath, list[str]]:
        """Module -> the schemas whose classes it holds (sorted)."""
        found: dict[ModulePath, list[str]] = defaultdict(list)
        for schema, name in sorted(self.names.items()):
            found[name.module].append(schema)
        return dict(sorted(found.items()))

    def exports(self) -> dict[str, ModulePath]:
        """Component-level class name -> its module: what `types` exports."""
        return {n.name: n.module for n in sorted(self.names.values(), key=lambda n: n.name) if n.shared}


def model_schemas(model: ApiModel) -> set[str]:
    """The schemas that become model classes: every component and what is written inside one, and
    whatever a response reaches. An operation's inline request objects are request types only."""
    roots: list[TypeExpr] = [RefType(n) for n, s in model.schemas.items() if s.origin is None or s.origin.kind == "schema"]
    roots += [media.type for op in model.operations for response in op.responses for media in response.contents]
    return reachable(roots, model.schemas)


def model_placement(model: ApiModel) -> Placement:
    """Every model class's module and name."""
    schemas = model.schemas
    members = model_schemas(model)
    operations = {op.route: op for op in model.operations}
    space = ModuleSpace(operation_folders(model.operations))
    owners: dict[str, ModulePath] = {}
    homes = {key: _home(schemas[key], operations, space, owners) for key in sorted(members, key=lambda k: _owner_order(schemas[k]))}
    edges = {key: model_edges(schemas[key], members, schemas) for key in members}
    module_of, cycles = grouped(homes, edges, keep=lambda m: (len(m) > 1 or m[-1].endswith("_response"), m))
    names = name_classes(
        module_of,
        lambda key: (True, [key]) if is_component(schemas[key]) else (False, candidates(schemas[key], operations)),
        lambda key: name_order(schemas[key]),
        lambda key: [target for target, _ in edges[key] if is_component(schemas[target])],
    )
    targets = {key: [target for target, _ in found] for key, found in edges.items()}
    return Placement(schemas, names, cycles, space, targets, reference_cycles(targets))


def reference_cycles(references: dict[str, list[str]]) -> dict[str, int]:
    """Schema -> its strongly connected component of model references, for components of two or more."""
    components = [c for c in strongly_connected_components(references) if len(c) > 1]
    return {key: number for number, component in enumerate(components) for key in component}


def _owner_order(schema: SchemaDef) -> tuple[bool, str, tuple[str, ...], str]:
    """Components before operations' types, then by owner, path and name: the order modules are named in."""
    origin = schema.origin
    if origin is None:
        return (False, schema.name, (), schema.name)
    return (origin.kind == "operation", origin.owner, origin.path, schema.name)


def _home(
    schema: SchemaDef, operations: dict[str, Operation], space: ModuleSpace, owners: dict[str, ModulePath]
) -> ModulePath:
    """The module a model class goes to before cycles are merged: its owner's (`owners` keeps them)."""
    origin = schema.origin
    owner = schema.name if origin is None else origin.owner
    if owner not in owners:
        if origin is None or origin.kind == "schema":
            owners[owner] = space.claim((), module_name(owner, "model"))
        else:
            module = operation_module(operations[owner].call_path)
            owners[owner] = space.claim(module.folder, f"{module.stem}_response")
    return owners[owner]


def model_edges(schema: SchemaDef, members: set[str], schemas: dict[str, SchemaDef]) -> list[tuple[str, Need]]:
    """What a model class refers to, and when its module needs it (the fields it inherits too: it may
    declare them again)."""
    if isinstance(schema, AliasSchema):
        return [(name, "bound") for name in sorted(references(schema.type) & members)]
    found: list[tuple[str, Need]] = [(base, "complete") for base in schema.bases if base in members]
    targets: set[str] = set()
    for prop in effective_properties(schema, schemas):
        targets |= references(prop.type)
    if schema.additional is not None:
        targets |= references(schema.additional)
    return found + [(name, "later") for name in sorted(targets & members)]


def grouped(
    homes: dict[str, ModulePath],
    edges: dict[str, list[tuple[str, Need]]],
    keep: Callable[[ModulePath], tuple[bool, ModulePath]],
) -> tuple[dict[str, ModulePath], dict[ModulePath, int]]:
    """Each node's module once modules are merged where a cycle would need what it cannot have, and
    each module's import cycle. Of two merged modules, the one `keep` orders first gives the name."""
    parent = {module: module for module in homes.values()}

    def root(module: ModulePath) -> ModulePath:
        while parent[module] != module:
            parent[module] = parent[parent[module]]
            module = parent[module]
        return module

    while True:
        module_of = {node: root(home) for node, home in homes.items()}
        graph: dict[ModulePath, set[ModulePath]] = {module: set() for module in set(module_of.values())}
        for node, targets in edges.items():
            for target, _ in targets:
                if module_of[target] != module_of[node]:
                    graph[module_of[node]].add(module_of[target])
        components = strongly_connected_components({m: sorted(t) for m, t in graph.items()})
        cycle = {module: number for number, component in enumerate(components) for module in component}
        size = {number: len(component) for number, component in enumerate(components)}
        merges = set()
        for node, targets in edges.items():
            for target, need in targets:
                source, destination = module_of[node], module_of[target]
                if need == "later" or source == destination:
                    continue
                if cycle[source] == cycle[destination] or (need == "complete" and size[cycle[destination]] > 1):
                    merges.add((source, destination))
        if not merges:
            return module_of, cycle
        for source, destination in sorted(merges):
            first, second = sorted((root(source), root(destination)), key=keep)
            parent[second] = first


def name_classes(
    module_of: dict[str, ModulePath],
    wanted: Callable[[str], tuple[bool, list[str]]],
    order: Callable[[str], object],
    refers: Callable[[str], Iterable[str]] = lambda node: (),
    request: bool = False,
) -> dict[str, TypeName]:
    """Each node's class in its module: `wanted` gives whether it is component-level (its one name is
    kept as it is) and else its candidate names, best first; nodes are named in `order`, a name taken
    in the module going to the next candidate, then to the first numbered. Taken are the names the
    module uses itself (`MODULE_NAMES`) and the component-level names its nodes `refers` to."""
    by_module: dict[ModulePath, list[str]] = defaultdict(list)
    for node, module in module_of.items():
        by_module[module].append(node)
    names: dict[str, TypeName] = {}
    for module, nodes in sorted(by_module.items()):
        taken = set(MODULE_NAMES).union(*(refers(node) for node in nodes))
        for node in sorted(nodes, key=order):  # type: ignore[arg-type]
            shared, candidates = wanted(node)
            if shared:
                chosen = candidates[0]
            else:
                chosen = next((c for c in candidates if c not in taken), None) or _numbered(candidates[0], taken)
            taken.add(chosen)
            names[node] = TypeName(module, chosen, shared, request)
    return names


def _numbered(name: str, taken: set[str]) -> str:
    counter = 2
    while f"{name}{counter}" in taken:
        counter += 1
    return f"{name}{counter}"


def is_component(schema: SchemaDef) -> bool:
    """A component schema itself (or one of another file, named by its key): its own owner."""
    return schema.origin is None or (schema.origin.kind == "schema" and not schema.origin.path)


def name_order(schema: SchemaDef) -> tuple[int, int, tuple[str, ...], str]:
    """Components first, then the shorter paths: the order names are given in a module."""
    origin = schema.origin
    if origin is None or is_component(schema):
        return (0, 0, (), schema.name)
    return (1, len(origin.path), origin.path, schema.name)


def candidates(schema: SchemaDef, operations: dict[str, Operation], request: bool = False) -> list[str]:
    """The names an inline class may take, best first: the end of its path (its last two parts, then
    more), then the whole path after its owner's name.

    Inside a component: `Address`, `AddressGeo` (`address.geo`), `CardMandateOptions`
    (`payment_method_options.card.mandate_options`), then `PaymentMethodOptionsCardMandateOptions`,
    then `OrderPaymentMethodOptionsCardMandateOptions`. An operation's top-level response type is
    named after the call path (`CompletionCreateResponse`), one below it by its path from there
    (`Choice`); on the request side the top-level body is `CompletionCreateParams`, an object below
    it is named by its path from there, a parameter's object by its name (`Filter`, `FilterRange`).
    """
    origin = schema.origin
    assert origin is not None and origin.path
    top, *below = origin.path
    if origin.kind == "schema":
        path = readable(origin.path)
        found = [*_endings(path), origin.owner + "".join(path)]
    elif not below:  # the operation's top-level type
        prefix = operation_module(operations[origin.owner].call_path).prefix
        found = [prefix + "Params" if top == "Request" else top, prefix + top] if request else [prefix + top]
    elif request and top != "Request":  # a parameter's
        path = readable(origin.path)
        found = [*_endings(path), operation_module(operations[origin.owner].call_path).prefix + "".join(path)]
    else:
        path = readable(tuple(below))
        found = [*_endings(path), top + "".join(path)]
    return [class_identifier(name) for name in found]


def _endings(path: tuple[str, ...]) -> list[str]:
    """`("A", "B", "C")`: `BC`, `ABC`; `("A",)`: `A`."""
    return ["".join(path[-size:]) for size in range(min(2, len(path)), len(path) + 1)]


def readable(path: tuple[str, ...]) -> tuple[str, ...]:
    """A path as a name reads it: an array's items by the singular of the array (`VectorStores`,
    `Item`: `VectorStore`), and a part that ends in the one before it in place of both
    (`ChunkingStrategy`, `StaticChunkingStrategy`: `StaticChunkingStrategy`)."""
    found: list[str] = []
    for part in path:
        if found and part == "Item":
            found[-1] = pascal_singular(found[-1])
        elif found and part != found[-1] and part.endswith(found[-1]):
            found[-1] = part
        else:
            found.append(part)
    return tuple(found)


def pascal_singular(name: str) -> str:
    """`VectorStores` -> `VectorStore`, `Policies` -> `Policy` (`singular` on its last word)."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+", name)
    if not words or name != "".join(words):
        return name
    last = singular(words[-1].lower())
    return "".join(words[:-1]) + (last[:1].upper() + last[1:] if words[-1][:1].isupper() else last)


__all__ = ["ModulePath", "ModuleSpace", "Placement", "TypeName", "model_placement", "model_schemas", "operation_module"]
