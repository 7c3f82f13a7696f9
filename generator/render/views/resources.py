"""Resources: the operations' call paths as a tree of resource classes, one module per resource.

As openai-python lays them out: a resource without sub-resources is a module of its parent's
package (`resources/batches.py`, `resources/chat/completions.py`); one with sub-resources is a
package holding its own module and its children's (`resources/chat/__init__.py`,
`resources/chat/chat.py`). A resource's classes are named after its own segment (`Completions`,
`AsyncCompletions`, `CompletionsWithRawResponse`, ...), unless that name is taken in its parent's
module (by its parent or a sibling, or a name the module imports): then after its parent and its
segment (`ChatCompletions`; a top-level one `OrdersResource`, beside an `Orders` client), then numbered. A parent imports a child's module when the child is
first used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from generator.config import GeneratorConfig
from generator.model.ir import ApiModel, Operation
from generator.names import class_identifier, module_name, unique
from generator.render.annotations import Annotator, Spelling, stdlib_imports
from generator.render.layout import Layout, accessor_def, atom, bracketed, call
from generator.render.placement import Placement, TypeName, operation_module
from generator.render.views.arguments import OperationArguments
from generator.render.views.common import ImportView, LazyExports
from generator.render.views.credentials import CredentialView
from generator.render.views.method_options import BODY_FIELDS, OPTION_IMPORTS
from generator.render.views.methods import MethodView, method_view
from generator.render.views.params import RequestTypes

WRAPPERS = {"raw": ("WithRawResponse", "with_raw_response"), "streamed": ("WithStreamingResponse", "with_streaming_response")}

# What a resource module may import, in the order each import line lists it.
_TYPING = ("TYPE_CHECKING", "Any", "Dict", "Iterable", "List", "Literal", "Mapping", "Optional", "Sequence",
           "Union", "cast", "overload")  # fmt: skip
_RESPONSES = ("AsyncBinaryResponse", "BinaryResponse", "async_raw_response_method", "async_streamed_response_method",
              "async_to_raw_response_wrapper", "async_to_streamed_response_wrapper", "raw_response_method",
              "streamed_response_method", "to_raw_response_wrapper", "to_streamed_response_wrapper")  # fmt: skip
_TYPES = ("NOT_GIVEN", "Body", "FileTypes", "Headers", "NotGiven", "Query", "RawContent", "Timeout")
_RUNTIME = {"_base_client": ("Endpoint",), "_pagination": ("AsyncPaginator", "Paging", "SyncPage"), "_response": _RESPONSES,
            "_streaming": ("AsyncStream", "Stream"), "_types": _TYPES}  # fmt: skip
# Names a resource module has besides its classes: a resource class may not take them.
MODULE_NAMES = frozenset({*_TYPING, *(n for names in _RUNTIME.values() for n in names), "Decimal", "cached_property"})


@dataclass
class WrappedMethod:
    """One method of a response wrapper class: decorated (its signature is the resource's) or
    wrapped in `__init__` from the bound method: for an overloaded method (a decorator would keep
    only one overload) and for one taking `**body_fields` (mypy will not match its `self`)."""

    name: str
    overloaded: bool
    line: Layout


@dataclass
class WrapperView:
    """`Resource.with_raw_response` / `.with_streaming_response`: the class and its resource's accessor."""

    class_name: str
    resource_class: str
    attribute: str
    accessor: Layout
    accessor_return: Layout
    children: list[tuple[Layout, Layout]]
    methods: list[WrappedMethod]

    @property
    def overloaded(self) -> list[WrappedMethod]:
        return [m for m in self.methods if m.overloaded]

    @property
    def decorated(self) -> list[WrappedMethod]:
        return [m for m in self.methods if not m.overloaded]


@dataclass
class ResourceView:
    """One resource: its classes' name, its attribute on its parent, its call path and module
    (below `resources/`), its methods and its sub-resources."""

    class_name: str
    attribute: str
    path: tuple[str, ...]
    module: tuple[str, ...] = ()
    doc: str = ""
    methods: list[MethodView] = field(default_factory=list)
    children: list[ResourceView] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        """Every class its module defines for it (its parent's module imports them all)."""
        names = [self.class_name, "Async" + self.class_name]
        return names + [prefix + self.class_name + suffix for prefix in ("", "Async") for suffix, _ in WRAPPERS.values()]

    def wrapper(self, prefix: str, kind: str) -> WrapperView:
        """The response wrapper class of the sync ("") or async ("Async") resource, "raw" or "streamed"."""
        suffix, attribute = WRAPPERS[kind]
        resource_class = prefix + self.class_name
        class_name = resource_class + suffix
        async_ = "async_" if prefix else ""
        function = async_ + ("to_raw_response_wrapper" if kind == "raw" else "to_streamed_response_wrapper")
        decorator = async_ + ("raw_response_method" if kind == "raw" else "streamed_response_method")
        methods = [
            WrappedMethod(m.name, True, bracketed(f"self.{m.name} = ", call(function, f"resource.{m.name}"), "", 8))
            if m.streams or m.open_body
            else WrappedMethod(m.name, False, bracketed("@", call(decorator, f"{resource_class}.{m.name}"), "", 4))
            for m in self.methods
        ]
        children = [
            (
                accessor_def(child.attribute, prefix + child.class_name + suffix, 4),
                bracketed("return ", atom(f"self._resource.{child.attribute}.{attribute}"), "", 8),
            )
            for child in self.children
        ]
        return WrapperView(
            class_name,
            resource_class,
            attribute,
            accessor_def(attribute, class_name, 4),
            bracketed("return ", call(class_name, "self"), "", 8),
            children,
            methods,
        )

    def walk(self) -> Iterator[ResourceView]:
        """This resource and its descendants, each before its children."""
        yield self
        for child in self.children:
            yield from child.walk()


def relative_module(source: tuple[str, ...], target: tuple[str, ...]) -> str:
    """How the module `source` names the module `target` (both below `resources/`) in a relative
    import: a child's module is in the source's package or below it."""
    return "." + ".".join(target[len(source) - 1 :])


@dataclass
class ChildView:
    """A sub-resource as its parent's module uses it: its classes, and where they are imported from."""

    resource: ResourceView
    source: str

    @property
    def attribute(self) -> str:
        return self.resource.attribute

    @property
    def class_name(self) -> str:
        return self.resource.class_name

    def accessor_import(self, prefix: str) -> ImportView:
        """The import of its sync ("") or async ("Async") class where its parent first uses it."""
        return ImportView(self.source, [prefix + self.resource.class_name], 8)

    @property
    def checking_import(self) -> ImportView:
        return ImportView(self.source, sorted(self.resource.classes), 4)


@dataclass
class ResourceModuleView:
    """The module of one resource: its methods' Endpoints, its classes, and what they import."""

    resource: ResourceView
    placement: Placement
    requests: RequestTypes
    title: str = ""

    @property
    def path(self) -> str:
        """The module's file below `resources/`."""
        return "/".join(self.resource.module) + ".py"

    @property
    def root(self) -> str:
        """The package root, relative to this module (`..`, `...`)."""
        return "." * (len(self.resource.module) + 1)

    @property
    def children(self) -> list[ChildView]:
        return [ChildView(c, relative_module(self.resource.module, c.module)) for c in self.resource.children]

    @cached_property
    def _attributes(self) -> frozenset[str]:
        """Names its classes define: a module alias of that name would be shadowed in their bodies."""
        return frozenset([m.name for m in self.resource.methods] + [c.attribute for c in self.resource.children]
                         + ["with_raw_response", "with_streaming_response"])  # fmt: skip

    @cached_property
    def _classes(self) -> frozenset[str]:
        return frozenset(self.resource.classes + [n for c in self.resource.children for n in c.classes])

    def _module_alias(self, name: TypeName) -> str:
        """A module by its name (`completion_create_params`); by its path (`_chat__foo_params`) where
        another module of `types` has that name too, or an attribute of the resource's classes does."""
        if name.module[-1] not in self.requests.shared_module_names and name.module[-1] not in self._attributes:
            return name.module[-1]
        return "_" + "__".join(name.module)

    def spell_request(self, name: TypeName) -> Spelling:
        """A component's request type by its name (imported for type checking); any other through its module."""
        if name.shared and name.name not in self._classes:
            return Spelling(name.name, name.name)
        alias = self._module_alias(name)
        return Spelling(f"{alias}.{name.name}", alias)

    def spell_model(self, name: TypeName) -> Spelling:
        """A component's model through the lazy `types` package (`_types.Batch`); an operation's own
        through its module, which the resource module imports."""
        if name.shared:
            return Spelling(f"_types.{name.name}", "_types")
        alias = self._module_alias(name)
        return Spelling(f"{alias}.{name.name}", alias)

    @cached_property
    def _needs(self) -> frozenset[str]:
        """Every name the module's methods use (their annotations, returns, Endpoints and wrappers)."""
        used = {"TYPE_CHECKING", "cast", *OPTION_IMPORTS} if self.resource.methods else {"TYPE_CHECKING"}
        for method in self.resource.methods:
            used |= method.needs()
            if method.open_body:
                used.update(BODY_FIELDS.names)
            if method.streams:
                used.update({"overload", "Literal", "Stream", "AsyncStream"})
            if method.streams or method.open_body:
                used.update({"to_raw_response_wrapper", "to_streamed_response_wrapper"})
                used.update({"async_to_raw_response_wrapper", "async_to_streamed_response_wrapper"})
            else:
                used.update({"raw_response_method", "streamed_response_method"})
                used.update({"async_raw_response_method", "async_streamed_response_method"})
        return frozenset(used)

    @cached_property
    def _refs(self) -> frozenset[TypeName]:
        return frozenset().union(*(m.refs() for m in self.resource.methods))

    @property
    def stdlib_imports(self) -> list[str]:
        return stdlib_imports(self._needs)

    @cached_property
    def imports(self) -> list[ImportView]:
        """The runtime names this module uses, and no other (strict checkers flag the rest): typing's,
        the runtime modules', the lazy `types` package and its operations' own response modules."""
        used = self._needs
        lines = [ImportView("typing", [n for n in _TYPING if n in used])]
        lines += [ImportView(self.root, ["types as _types"] if "_types" in used else [])]
        models = sorted(r for r in self._refs if not r.request and not r.shared)
        lines += self._module_imports(models)
        lines += [ImportView(self.root + module, [n for n in names if n in used or n == "Endpoint"])
                  for module, names in _RUNTIME.items() if self.resource.methods]  # fmt: skip
        return [line for line in lines if line.names]

    @cached_property
    def checking_imports(self) -> list[ImportView]:
        """What only type checkers read: the request types (by name, or their modules)."""
        requests = sorted(r for r in self._refs if r.request)
        by_name = [r for r in requests if self.spell_request(r).needs == r.name]
        sources: dict[str, set[str]] = {}
        for name in by_name:
            sources.setdefault(self.root + "types." + ".".join(name.module), set()).add(name.name)
        lines = [ImportView(source, sorted(names), 4) for source, names in sorted(sources.items())]
        return lines + self._module_imports([r for r in requests if r not in by_name], 4)

    def _module_imports(self, names: list[TypeName], indent: int = 0) -> list[ImportView]:
        """Imports of the modules these classes are reached through (`from ...types.chat import x`)."""
        found: dict[str, set[str]] = {}
        for name in names:
            spelling = self.spell_request(name) if name.request else self.spell_model(name)
            parent = self.root + "types" + "".join("." + part for part in name.module[:-1])
            alias = name.module[-1] if spelling.needs == name.module[-1] else f"{name.module[-1]} as {spelling.needs}"
            found.setdefault(parent, set()).add(alias)
        return [ImportView(source, sorted(aliases), indent) for source, aliases in sorted(found.items())]

    @property
    def doc(self) -> str:
        return f"The `{'.'.join(self.resource.path)}` resource of the {self.title}."


def resource_module_views(
    model: ApiModel,
    arguments: dict[int, OperationArguments],
    requests: RequestTypes,
    placement: Placement,
    credentials: list[CredentialView],
    config: GeneratorConfig,
    title: str,
) -> tuple[list[ResourceView], list[ResourceModuleView]]:
    """The top-level resources (each with its sub-resources and methods, in call-path order), and
    the module of every resource.

    `arguments` holds each operation's arguments (by `id` of the operation); `requests` and
    `placement` name the request types and models their annotations use.
    """
    roots: list[ResourceView] = []
    operations: dict[tuple[str, ...], list[tuple[Operation, str]]] = {}
    for operation in sorted(model.operations, key=lambda op: op.call_path):
        *resource_path, method_name = operation.call_path
        path = tuple(resource_path) or ("root",)
        siblings = roots
        for depth in range(1, len(path) + 1):
            node = next((c for c in siblings if c.attribute == path[depth - 1]), None)
            if node is None:
                node = ResourceView("", path[depth - 1], path[:depth])
                siblings.append(node)
            siblings = node.children
        operations.setdefault(path, []).append((operation, method_name))
    taken = set(MODULE_NAMES) | client_names(config)
    in_modules = MODULE_NAMES | {config.client_class, config.async_client_class}
    for root in roots:
        _name(root, "", taken, in_modules)
    _place(roots)
    modules = []
    for root in roots:
        for resource in root.walk():
            module = ResourceModuleView(resource, placement, requests, title)
            annotators = (
                requests.annotator(module.spell_request),
                Annotator(model.schemas, models=placement.names.__getitem__, spell=module.spell_model),
            )
            resource.methods = [
                method_view(operation, name, model, arguments[id(operation)], annotators, credentials, config)
                for operation, name in operations.get(resource.path, [])
            ]
            modules.append(module)
    return roots, modules


def client_names(config: GeneratorConfig) -> set[str]:
    """The names `_client.py` defines or imports, where the top-level resources' classes are imported too."""
    clients = {config.client_class, config.async_client_class}
    return clients | {c + suffix for c in clients for suffix, _ in WRAPPERS.values()} | _CLIENT_MODULE_NAMES


_CLIENT_MODULE_NAMES = frozenset(
    {"AsyncAPIClient", "Credential", "DEFAULT_BASE_URL", "DEFAULT_MAX_RETRIES", "Self", "SyncAPIClient", "basic_auth",
     "bearer", "keyword_headers"}
)  # fmt: skip


def _name(resource: ResourceView, parent: str, taken: set[str], in_modules: frozenset[str]) -> None:
    """The first of its segment's name, its parent's name and its segment's, numbered, that is free
    in its parent's module (`taken`, which it then takes); its children's in its own module, which
    has the names `in_modules` (its imports) besides its classes."""
    own = class_identifier(resource.attribute, "Resource")
    for candidate in (own, parent + own if parent else own + "Resource"):
        resource.class_name = candidate
        if not set(resource.classes) & taken:
            break
    counter = 2
    while set(resource.classes) & taken:
        resource.class_name = f"{own}{counter}"
        counter += 1
    taken.update(resource.classes)
    inside = set(in_modules) | set(resource.classes)
    for child in resource.children:
        _name(child, resource.class_name, inside, in_modules)


def _place(roots: list[ResourceView]) -> None:
    """Each resource's module: a top-level one below `resources/`; one with children a package
    holding its own module (named as the package) and its children's."""
    taken = {"__init__"}
    for root in roots:
        root.module = (unique(module_name(root.attribute, "resource"), taken),)
        _place_children(root)


def _place_children(resource: ResourceView) -> None:
    if not resource.children:
        return
    package = resource.module
    taken = {"__init__"}
    resource.module = (*package, unique(package[-1], taken))
    for child in resource.children:
        child.module = (*package, unique(module_name(child.attribute, "resource"), taken))
        _place_children(child)


@dataclass
class ResourcePackageView:
    """`resources/<x>/__init__.py` of a resource with sub-resources: its classes and its children's, loaded on first use."""

    resource: ResourceView
    title: str

    @property
    def path(self) -> str:
        return "/".join(self.resource.module[:-1]) + "/__init__.py"

    @property
    def doc(self) -> str:
        return f"The `{'.'.join(self.resource.path)}` resources of the {self.title}; each module is imported on first use."

    @property
    def exports(self) -> LazyExports:
        """Its classes and its children's, by the module (relative to the package) each comes from."""
        found = {name: self.resource.module[-1] for name in self.resource.classes}
        for child in self.resource.children:
            source = relative_module(self.resource.module, child.module)[1:]
            found.update({name: source for name in child.classes})
        return LazyExports(self.doc, dict(sorted(found.items())))


def resource_packages(roots: list[ResourceView], title: str) -> Iterator[ResourcePackageView]:
    for root in roots:
        for resource in root.walk():
            if resource.children:
                yield ResourcePackageView(resource, title)
