"""Resources: the operations' call paths as a tree of resource classes, one module per top level."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.config import GeneratorConfig
from generator.model.ir import ApiModel
from generator.names import class_identifier, module_name, pascal_case
from generator.render.annotations import Annotator
from generator.render.views.credentials import CredentialView
from generator.render.views.methods import MethodView, method_view
from generator.render.views.params import InputAnnotator, ParamTypes

@dataclass
class ResourceView:
    class_name: str
    attribute: str
    doc: str
    methods: list[MethodView] = field(default_factory=list)
    children: list[ResourceView] = field(default_factory=list)

    def walk(self) -> list[ResourceView]:
        """This resource and its descendants, children first (the order classes are defined in)."""
        found: list[ResourceView] = []
        for child in self.children:
            found.extend(child.walk())
        found.append(self)
        return found


@dataclass
class ResourceModuleView:
    module: str
    root: ResourceView
    uses_file_types: bool
    uses_params: bool = False
    params_module: str = "params"


def resource_module_views(
    model: ApiModel, credentials: list[CredentialView], config: GeneratorConfig, params: ParamTypes
) -> list[ResourceModuleView]:
    """One module per top-level resource, its methods in call-path order; inputs typed by `params`."""
    by_scheme = {c_scheme: c for c_scheme, c in zip(model.security_schemes, credentials)}
    roots: dict[str, ResourceView] = {}
    module_annotators: dict[str, tuple[InputAnnotator, Annotator]] = {}
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
        annotators = module_annotators.setdefault(
            top, (params.annotator("_params."), Annotator(model.schemas, qualifier="_types."))
        )
        node.methods.append(method_view(operation, method_name, model, annotators, by_scheme, config))
    modules = []
    taken: set[str] = set()
    for top, root in sorted(roots.items()):
        inputs, outputs = module_annotators[top]
        name = module_name(top, "resource")
        while name in taken:
            name += "_"
        taken.add(name)
        modules.append(ResourceModuleView(name, root, inputs.needs_file_types, inputs.uses_params))
    return modules
