"""The package and its client: names, docstrings, base URL, credentials and the operation index.

`build_package_view` is the render stage's entry point: it asks the other view modules for
the models, resources and credentials and puts them into one PackageView.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator import __version__
from generator.config import GeneratorConfig
from generator.model.ir import ApiModel
from generator.render.escape import docstring_text, string_literal
from generator.render.layout import Display, Layout, atom, bracketed, call, collection, fits
from generator.render.views.common import ImportView, LazyExports
from generator.render.views.credentials import CredentialView, Requirements, api_security, credential_views, requirements_display
from generator.render.views.method_options import BODY_FIELDS, METHOD_OPTIONS, OPTION_NAMES
from generator.render.placement import Placement, model_placement
from generator.render.views.arguments import method_arguments
from generator.render.views.params import ParamsModuleView, RequestTypes, request_module_views, request_types
from generator.render.views.resources import (
    ResourceModuleView,
    ResourcePackageView,
    ResourceView,
    resource_module_views,
    resource_packages,
)
from generator.render.views.servers import ServerVariableView, client_server_url, operation_server, server_variable_views

@dataclass
class OperationIndexEntry:
    method: str
    path: str
    operation_id: str
    call_path: str
    summary: str = ""

    @property
    def layout(self) -> Layout:
        """The entry's line in the OPERATIONS tuple: one line each, however long (black is told to
        leave a long one so), so the index grows by a line an operation."""
        entry = call("Operation", *(string_literal(v) for v in (self.method, self.path, self.operation_id, self.call_path)))
        line = bracketed("", entry, ",", 4)
        return line if line.kind == "line" else Layout("line", f"{entry.text},  # fmt: skip")

    @property
    def markdown_route(self) -> str:
        return _markdown_code(f"{self.method} {self.path}")

    @property
    def markdown_summary(self) -> str:
        return " ".join(self.summary.split()).replace("|", "\\|").replace("<", "&lt;")[:120]


_CONSTRUCTOR_ARGS = [
    "    timeout: Seconds (or an httpx.Timeout) per request; 600 s by default.",
    "    max_retries: How often a failed request is retried (connection errors, 408, 409, 429, 5xx).",
    "    default_headers: Headers sent with every request.",
    "    http_client: Your own httpx.Client (its TLS, proxy and limit settings are then used as they are).",
]


def _markdown_code(text: str) -> str:
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


@dataclass
class PackageView:
    name: str
    distribution_name: str
    version: str
    generator_version: str
    title: str
    doc: str
    client_class: str
    async_client_class: str
    server_url: str | None
    server_variables: list[ServerVariableView]
    operation_servers: bool
    base_url_env: str | None
    log_env: str | None
    extra_header_prefix: str | None
    request_id_header: str | None
    credentials: list[CredentialView]
    security: Requirements | None
    secret_headers: list[str]
    resources: list[ResourceView]
    """The top-level resources (the client's attributes)."""
    resource_modules: list[ResourceModuleView]
    placement: Placement
    requests: RequestTypes
    exports: dict[str, str]
    """Component-level model class -> its module below `types/` (dotted): what `types` exports."""
    operations: list[OperationIndexEntry]

    @property
    def request_modules(self) -> Iterator[ParamsModuleView]:
        """The request-type modules, made one at a time as they are rendered."""
        return request_module_views(self.requests)

    @property
    def resource_packages(self) -> Iterator[ResourcePackageView]:
        return resource_packages(self.resources, self.title)

    @property
    def type_folders(self) -> list[str]:
        """The folders below `types/` (each needs an `__init__.py`), as paths."""
        modules = [n.module for n in self.placement.names.values()] + [n.module for n in self.requests.names.values()]
        modules += [n.module for n in self.requests.inline_names.values()]
        return sorted({"/".join(m[:depth]) for m in modules for depth in range(1, len(m))})

    @property
    def uses_basic_auth(self) -> bool:
        return any(c.kind == "basic" for c in self.credentials)

    @property
    def uses_literal(self) -> bool:
        """Whether the client's keywords name a `Literal` (a server variable with an enum)."""
        return any("Literal" in v.annotation.names for v in self.server_variables)

    @property
    def security_layout(self) -> Layout:
        """`SECURITY = ...` in `_constants.py`."""
        value = requirements_display(self.security) if self.security is not None else Display("", "", ["None"])
        return collection("SECURITY: Optional[Tuple[Tuple[str, ...], ...]] = ", value, "", 0)

    @property
    def server_variables_layout(self) -> Layout:
        """`SERVER_VARIABLES = {...}` in `_constants.py`."""
        items = [f"{string_literal(v.name)}: {string_literal(v.default) if v.default is not None else 'None'}"
                 for v in self.server_variables]  # fmt: skip
        return collection("SERVER_VARIABLES: Dict[str, Optional[str]] = ", Display("{", "}", items), "", 0)

    @property
    def uses_json_credentials(self) -> bool:
        return any(c.json for c in self.credentials)

    @property
    def uses_environment(self) -> bool:
        """Whether the client reads environment variables (a base URL's or a credential's)."""
        return bool(self.base_url_env) or any(c.env for c in self.credentials)

    @property
    def client_runtime_names(self) -> list[str]:
        """What `_client.py` imports from `_base_client`."""
        names = ["DEFAULT_MAX_RETRIES", "AsyncAPIClient", "Credential", "SyncAPIClient"]
        names += ["bearer"] if any(c.kind == "bearer" for c in self.credentials) else []
        return names + ["keyword_headers"]

    @property
    def request_id_headers(self) -> list[str]:
        """The response headers that hold the request id, the configured one first."""
        return list(dict.fromkeys([h for h in (self.request_id_header, "x-request-id") if h]))

    def option_parameters(self, open_body: bool) -> list[str]:
        """A method's last parameters: its options, and `**body_fields` where its body takes more fields."""
        return [option.parameter for option in (*METHOD_OPTIONS, *([BODY_FIELDS] if open_body else []))]

    @property
    def method_option_names(self) -> list[str]:
        """Every method option's name (the runtime does not send them as arguments)."""
        return sorted(OPTION_NAMES)

    @property
    def module_doc(self) -> str:
        """The package's docstring (escaped text)."""
        parts = [f"{self.title}: a typed Python client.", self.doc] if self.doc else [f"{self.title}: a typed Python client."]
        return "\n\n".join([*parts, f"Generated by openapi-client-gen {self.generator_version}; do not edit by hand."])

    @property
    def client_doc(self) -> str:
        """The sync client's docstring (escaped text)."""
        doc = f"Synchronous client for the {self.title}."
        if self.extra_header_prefix:
            doc += (
                "\n\nAny further keyword argument `foo_bar=value` is sent as the header\n"
                f"`{docstring_text(self.extra_header_prefix)}foo-bar` (dicts as JSON, booleans as true/false, None dropped)."
            )
        return doc

    @property
    def constructor_doc(self) -> str:
        """The client constructor's docstring (escaped text)."""
        lines = ["Create a client.", "", "Args:"]
        for credential in self.credentials:
            text = f"{credential.argument}: {credential.doc}".rstrip()
            if credential.env:
                text += f" Defaults to ${docstring_text(credential.env)}."
            lines += ["    " + line if i == 0 else "        " + line if line else "" for i, line in enumerate(text.split("\n"))]
        variables = [f"    {v.argument}: {v.doc}" for v in self.server_variables]
        return "\n".join([*lines, "    " + self._base_url_doc, *variables, *_CONSTRUCTOR_ARGS])

    @property
    def _base_url_doc(self) -> str:
        """The constructor's `base_url` argument: where its default comes from."""
        text = "base_url: The API's base URL"
        text += "; when given, every request goes there." if self.operation_servers else "."
        server = docstring_text(self.server_url) if self.server_url is not None else None
        default, required = None, None
        if server is None:
            required = "the API description names no server."
        elif "://" not in server:
            required = (f"the API's server {server} is relative: given a bare origin (https://api.example.com), "
                        f"the base URL is that origin followed by {server}.")  # fmt: skip
        else:
            default = server + (" with the server variables below" if self.server_variables else "")
        sources = ([f"${docstring_text(self.base_url_env)}"] if self.base_url_env else []) + ([default] if default else [])
        if sources:
            text += " Defaults to " + ", then ".join(sources) + "."
        if required:
            text += (" Otherwise required: " if self.base_url_env else " Required: ") + required
        return text

    @property
    def async_client_doc(self) -> str:
        """The async client's docstring (escaped text)."""
        return f"Asynchronous client for the {self.title}; the same arguments as `{self.client_class}`."

    @property
    def operations_line(self) -> str | None:
        """OPERATIONS on one line, when it has at most one entry and fits (black joins it then)."""
        entries = [e.layout.head for e in self.operations if e.layout.kind == "line"]
        if len(self.operations) > 1 or len(entries) != len(self.operations):
            return None
        line = "OPERATIONS: Tuple[Operation, ...] = (" + (entries[0] if entries else "") + ")"
        return line if fits(line) else None

    def accessor_import(self, resource: ResourceView, prefix: str) -> ImportView:
        """The client's import of a top-level resource's class where it is first used."""
        return ImportView(".resources." + ".".join(resource.module), [prefix + resource.class_name], 8)

    def credential_append(self, credential: CredentialView) -> Layout:
        """`found.append(Credential(...))` of a credential that is not JSON, as black lays it out."""
        value, header, location = {
            "basic": (call("basic_auth", credential.argument, str(credential.partner)), "Authorization", "header"),
            "bearer": (call("bearer", call("str", credential.argument)), credential.header, "header"),
        }.get(credential.kind, (atom(credential.argument), credential.header, credential.location))
        given = call("Credential", *(string_literal(v) for v in (credential.scheme, header, location)), value)
        return bracketed("", call("found.append", given), "", 8)

    def client_import(self, resource: ResourceView) -> ImportView:
        """`_client.py`'s import of a top-level resource's classes (for type checking only)."""
        return ImportView(".resources." + ".".join(resource.module), sorted(resource.classes), 4)

    @property
    def types_exports(self) -> LazyExports:
        """What `types/__init__.py` exports: every component model, each module loaded on first use."""
        # Chunked however many: `types` grows by a fraction of a line a component.
        return LazyExports(f"Every model of the {self.title}; each module is imported on first use.", self.exports, True)


def build_package_view(model: ApiModel, config: GeneratorConfig) -> PackageView:
    """All decisions about the generated package, ready for the templates."""
    placement = model_placement(model)
    credentials = credential_views(model, config)
    server_variables = server_variable_views(model, config, {c.argument for c in credentials})
    # Every method's arguments first, so the request types are named before any is annotated.
    operations = sorted(model.operations, key=lambda op: op.call_path)
    arguments = {id(op): method_arguments(op, model) for op in operations}
    inputs = [i for op in operations for i in arguments[id(op)].inputs]
    requests = request_types(model.schemas, model.operations, inputs, placement.space)
    title = docstring_text(model.title)
    resources, resource_modules = resource_module_views(model, arguments, requests, placement, credentials, config, title)
    return PackageView(
        name=config.package_name,
        distribution_name=config.distribution_name or config.package_name.replace("_", "-"),
        version=model.version or "0.0.0",
        generator_version=__version__,
        title=title,
        doc=docstring_text(model.description),
        client_class=config.client_class,
        async_client_class=config.async_client_class,
        server_url=client_server_url(model, config),
        server_variables=server_variables,
        operation_servers=any(operation_server(op, model) for op in model.operations),
        base_url_env=config.base_url_env,
        log_env=config.log_env,
        extra_header_prefix=config.extra_header_prefix,
        request_id_header=config.request_id_header,
        credentials=credentials,
        security=api_security(model),
        secret_headers=sorted({c.header.lower() for c in credentials} | {"authorization"}),
        resources=resources,
        resource_modules=resource_modules,
        placement=placement,
        requests=requests,
        exports={name: ".".join(module) for name, module in placement.exports().items()},
        operations=[
            OperationIndexEntry(op.method.upper(), op.path, op.operation_id or op.name, ".".join(op.call_path),
                                op.summary or "")  # fmt: skip
            for op in sorted(model.operations, key=lambda o: o.call_path)
        ],
    )
