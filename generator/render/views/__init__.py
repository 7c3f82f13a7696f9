"""Decisions about the Python output, as plain views the templates only lay out.

Everything from the spec that lands in code is escaped here (docstrings, literals)
or turned into a safe identifier; templates never see raw spec text.

One module per thing the render stage makes, each a plain function of the model and
config (or an Annotator) returning views:

- `common`: reserved names, JSON media types and helpers several modules share;
- `models`: response models, each module of them (where each class goes is placement.py's);
- `arguments`: a method's arguments, from its parameters and request body;
- `params`: request inputs: the TypedDicts and aliases, their names and modules, and input annotations;
- `returns`: what a method returns (JSON, binary, event stream, Stream, page);
- `methods`: a method's signature, docstring and Endpoint, with the config's choices;
- `resources`: the resource classes, a module each, and how they refer to the types;
- `imports`: how a module below `types/` refers to the classes of the others;
- `credentials`: the client's credential arguments;
- `package`: the package and its client, and `build_package_view`, the entry point.
"""

from generator.render.views.arguments import ArgumentView
from generator.render.views.common import ImportView
from generator.render.views.credentials import CredentialView
from generator.render.views.methods import EndpointView, MethodView
from generator.render.views.models import ExportsView, FieldView, ModelModuleView, ModelView
from generator.render.views.package import OperationIndexEntry, PackageView, build_package_view
from generator.render.views.resources import ResourceModuleView, ResourceView
from generator.render.views.pagination import PageView

__all__ = [
    "ArgumentView",
    "CredentialView",
    "EndpointView",
    "ExportsView",
    "FieldView",
    "ImportView",
    "MethodView",
    "ModelModuleView",
    "ModelView",
    "OperationIndexEntry",
    "PackageView",
    "PageView",
    "ResourceModuleView",
    "ResourceView",
    "build_package_view",
]
