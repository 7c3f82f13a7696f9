"""Resources: the operations' call paths as a tree of resource classes, one module per top level."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.config import GeneratorConfig
from generator.model.ir import ApiModel
from generator.names import class_identifier, module_name, pascal_case
from generator.render.annotations import Annotator, stdlib_imports
from generator.render.layout import Layout, accessor_def, bracketed, call, fits
from generator.render.views.arguments import OperationArguments
from generator.render.views.credentials import CredentialView
from generator.render.views.method_options import BODY_FIELDS, OPTION_IMPORTS
from generator.render.views.methods import MethodView, method_view
from generator.render.views.params import RequestTypes

WRAPPERS = {"raw": ("WithRawResponse", "with_raw_response"), "streamed": ("WithStreamingResponse", "with_streaming_response")}


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
    class_name: str
    attribute: str
    doc: str
    methods: list[MethodView] = field(default_factory=list)
    children: list[ResourceView] = field(default_factory=list)

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
                bracketed("return ", call(prefix + child.class_name + suffix, f"self._resource.{child.attribute}"), "", 8),
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

    def walk(self) -> list[ResourceView]:
        """This resource and its descendants, children first (the order classes are defined in)."""
        found: list[ResourceView] = []
        for child in self.children:
            found.extend(child.walk())
        found.append(self)
        return found


@dataclass
class ImportLine:
    """`from module import names`: on one line when it fits, else one name per line."""

    module: str
    names: list[str]

    @property
    def one_line(self) -> bool:
        return fits(f"from {self.module} import {', '.join(self.names)}")


# What a resource module may import, in the order each import line lists it.
_TYPING = ("TYPE_CHECKING", "Any", "Dict", "Iterable", "List", "Literal", "Mapping", "Optional", "Sequence",
           "Union", "cast", "overload")  # fmt: skip
_RESPONSES = ("AsyncBinaryResponse", "BinaryResponse", "async_raw_response_method", "async_streamed_response_method",
              "async_to_raw_response_wrapper", "async_to_streamed_response_wrapper", "raw_response_method",
              "streamed_response_method", "to_raw_response_wrapper", "to_streamed_response_wrapper")  # fmt: skip
_TYPES = ("NOT_GIVEN", "Body", "FileTypes", "Headers", "NotGiven", "Query", "RawContent", "Timeout")


@dataclass
class ResourceModuleView:
    module: str
    root: ResourceView
    params_module: str = "params"

    @cached_property
    def _needs(self) -> frozenset[str]:
        """Every name the module's methods use (their annotations, returns, Endpoints and wrappers)."""
        used = {"TYPE_CHECKING", "cast", *OPTION_IMPORTS}  # every method's options and its return
        for resource in self.root.walk():
            for method in resource.methods:
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

    @property
    def uses_params(self) -> bool:
        return "_params" in self._needs

    @property
    def stdlib_imports(self) -> list[str]:
        return stdlib_imports(self._needs)

    @cached_property
    def imports(self) -> list[ImportLine]:
        """The runtime modules' names this module uses, and no other (strict checkers flag the rest)."""
        used = self._needs
        lines = [
            ImportLine("typing", [n for n in _TYPING if n in used]),
            ImportLine("..", ["types as _types"] if "_types" in used else []),
            ImportLine(".._base_client", ["Endpoint"]),
            ImportLine(".._pagination", [n for n in ("AsyncPaginator", "Paging", "SyncPage") if n in used]),
            ImportLine(".._response", [n for n in _RESPONSES if n in used]),
            ImportLine(".._streaming", [n for n in ("AsyncStream", "Stream") if n in used]),
            ImportLine(".._types", [n for n in _TYPES if n in used]),
        ]
        return [line for line in lines if line.names]


def resource_module_views(
    model: ApiModel,
    arguments: dict[int, OperationArguments],
    requests: RequestTypes,
    credentials: list[CredentialView],
    config: GeneratorConfig,
) -> list[ResourceModuleView]:
    """One module per top-level resource, its methods in call-path order.

    `arguments` holds each operation's arguments (by `id` of the operation); `requests` names
    the request types their annotations use.
    """
    roots: dict[str, ResourceView] = {}
    annotators = (requests.annotator("_params."), Annotator(model.schemas, qualifier="_types."))
    for operation in sorted(model.operations, key=lambda op: op.call_path):
        *resource_path, method_name = operation.call_path
        top = resource_path[0] if resource_path else "root"
        node = roots.setdefault(top, ResourceView(class_identifier(top) + "Resource", top, ""))
        for depth, segment in enumerate(resource_path[1:], start=2):
            child = next((c for c in node.children if c.attribute == segment), None)
            if child is None:
                class_name = "".join(pascal_case(s) for s in resource_path[:depth]) + "Resource"
                child = ResourceView(class_name, segment, "")
                node.children.append(child)
            node = child
        method = method_view(operation, method_name, model, arguments[id(operation)], annotators, credentials, config)
        node.methods.append(method)
    modules = []
    taken: set[str] = set()
    for top, root in sorted(roots.items()):
        name = module_name(top, "resource")
        while name in taken:
            name += "_"
        taken.add(name)
        modules.append(ResourceModuleView(name, root))
    return modules
