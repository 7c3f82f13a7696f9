"""Decisions about the Python output, as plain views the templates only lay out.

Everything from the spec that lands in code is escaped here (docstrings, literals)
or turned into a safe identifier; templates never see raw spec text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from generator import __version__
from generator.config import GeneratorConfig
from generator.model.ir import (
    AliasSchema,
    ApiModel,
    ArrayType,
    ObjectSchema,
    Operation,
    Parameter,
    PrimitiveType,
    Property,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
    is_nullable,
    references,
    schema_references,
)
from generator.diagnostics import GeneratorError, SourceLocation
from generator.names import KEYWORDS, RESERVED, RUNTIME_NAMES, class_identifier, module_name, pascal_case, python_identifier
from generator.render.annotations import Annotator
from generator.render.escape import docstring_text, string_literal
from generator.render.graph import strongly_connected_components
from generator.render.layout import Display, Layout, bracketed, collection, defaulted, fits, split_brackets

# Types annotations use by name: a field or argument of that name would shadow them.
_ANNOTATION_NAMES = frozenset({"str", "int", "float", "bool", "bytes", "object", "None", "_types"})
# Names a generated model field may not take: pydantic's own attributes and our helpers.
MODEL_RESERVED = KEYWORDS | RUNTIME_NAMES | _ANNOTATION_NAMES | frozenset(
    {"model_config", "model_fields", "model_dump", "model_validate", "model_construct", "dict", "json",
     "copy", "schema", "schema_json", "validate", "construct", "fields", "to_dict", "to_json",
     "construct_lenient", "parse_obj", "parse_raw", "from_orm", "update_forward_refs"}
)  # fmt: skip
# Keyword arguments every method has; operation arguments may not take them.
METHOD_RESERVED = KEYWORDS | RUNTIME_NAMES | _ANNOTATION_NAMES | frozenset(
    {"self", "extra_headers", "extra_query", "extra_body", "timeout", "max_retries", "body_fields", "locals"}
)  # fmt: skip
JSON_TYPES = ("application/json", "text/json")


@dataclass
class FieldView:
    name: str
    annotation: str
    default: str | None
    alias: str | None
    doc: str

    @property
    def layout(self) -> Layout:
        """The field's line in its class."""
        target = f"{self.name}: {self.annotation}"
        if self.alias:
            default = "" if self.default is None else f"default={self.default}, "
            return defaulted(target, f"Field({default}alias={self.alias})", 4)
        if self.default is not None:
            return defaulted(target, self.default, 4)
        return bracketed(f"{self.name}: ", self.annotation, "", 4)


@dataclass
class ModelView:
    name: str
    kind: Literal["object", "alias"]
    doc: str
    bases: list[str] = field(default_factory=list)
    fields: list[FieldView] = field(default_factory=list)
    annotation: str = ""

    @property
    def layout(self) -> Layout:
        """An alias's assignment, or a class's first line."""
        if self.kind == "alias":
            return bracketed(f"{self.name} = ", self.annotation, "", 0)
        return bracketed("class ", f"{self.name}({', '.join(self.bases)})", ":", 0)


@dataclass
class ImportView:
    """`from .source import names`, on one line when it fits."""

    source: str
    names: list[str]
    indent: int = 0

    @property
    def one_line(self) -> bool:
        return fits(f"from .{self.source} import {', '.join(self.names)}", self.indent)


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


@dataclass
class ArgumentView:
    name: str
    wire_name: str
    location: Literal["path", "query", "header", "body", "file", "whole_body"]
    annotation: str
    required: bool
    doc: str

    @cached_property  # a signature is rendered up to eight times (stream overloads, sync and async)
    def layout(self) -> Layout:
        """The parameter's line in a method signature."""
        keyword = self.location != "path"
        default = " = NOT_GIVEN" if keyword and not self.required else ""
        return bracketed(f"{self.name}: ", self.annotation, default + ",", 8)


@dataclass
class PageView:
    """How a list operation pages: by cursor (`after` = last item's id) or by page number."""

    kind: Literal["cursor", "page"]
    item_annotation: str
    page_parameter: str
    size_parameter: str | None = None


@dataclass
class MethodView:
    name: str
    http_method: str
    path: str
    arguments: list[ArgumentView]
    body_kind: Literal["none", "json", "multipart", "json_value"]
    response_kind: Literal["json", "binary", "stream", "none"]
    return_annotation: str
    cast_to: str | None
    accept: str | None
    doc: str
    query_styles: list[tuple[str, str, bool]]
    operation_id: str
    open_body: bool = False
    stream_argument: str | None = None
    stream_cast: str | None = None
    page: PageView | None = None
    endpoint: EndpointView | None = None

    @property
    def streams(self) -> bool:
        return self.stream_argument is not None and self.stream_cast is not None
    @property
    def path_arguments(self) -> list[ArgumentView]:
        """Path parameters, in path order: positional, the way the OpenAI SDK takes them."""
        return [a for a in self.arguments if a.location == "path"]

    @property
    def keyword_arguments(self) -> list[ArgumentView]:
        return [a for a in self.arguments if a.location != "path"]

    def located(self, location: str) -> list[ArgumentView]:
        return [a for a in self.arguments if a.location == location]

    def returns(self, prefix: str) -> str:
        """The return annotation of the sync (prefix "") or async ("Async") method."""
        if self.page:
            return f"{prefix or 'Sync'}Page[{self.page.item_annotation}]"
        if self.response_kind == "binary":
            return f"{prefix}BinaryResponse"
        if self.response_kind == "stream":
            return f"{prefix}Stream[Any]"
        if self.streams:
            return f"Union[{self.return_annotation}, {prefix}Stream[{self.stream_cast}]]"
        return self.return_annotation

    def closing(self, returns: str, body: str = "") -> Layout:
        """The signature's last line, `) -> ReturnType:` (an overload's ends in ` ...`)."""
        return bracketed(") -> ", returns, ":" + body, 4)

    def call(self, prefix: str) -> str:
        """The method's call of its Endpoint (awaited in the async method)."""
        assert self.endpoint is not None
        return f"{'await ' if prefix else ''}self._client.call({self.endpoint.name}, locals())"

    def call_fits(self, prefix: str) -> bool:
        """Whether `return cast(..., <call>)` fits on one line."""
        return fits(f"return cast({string_literal(self.returns(prefix))}, {self.call(prefix)})", 8)


@dataclass
class EndpointView:
    """The module-level `Endpoint(...)` a method calls: its constant and constructor arguments.

    Each argument is a (keyword prefix, value) pair.
    """

    name: str
    arguments: list[tuple[str, str | Display]]

    @property
    def line(self) -> str:
        return f"{self.name} = Endpoint({', '.join(prefix + _flat(value) for prefix, value in self.arguments)})"

    @property
    def one_line(self) -> bool:
        return fits(self.line)

    @property
    def argument_layouts(self) -> list[Layout]:
        return [
            bracketed(prefix, value, ",", 4) if isinstance(value, str) else collection(prefix, value, ",", 4)
            for prefix, value in self.arguments
        ]


def _flat(value: str | Display) -> str:
    return value if isinstance(value, str) else value.flat


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


@dataclass
class CredentialView:
    argument: str
    header: str
    location: Literal["header", "query", "cookie"]
    kind: Literal["api_key", "bearer", "basic"]
    env: str | None
    json: bool
    doc: str


@dataclass
class OperationIndexEntry:
    method: str
    path: str
    operation_id: str
    call_path: str
    summary: str = ""

    @property
    def layout(self) -> Layout:
        """The entry's line in the OPERATIONS tuple."""
        fields = ", ".join(string_literal(v) for v in (self.method, self.path, self.operation_id, self.call_path))
        return bracketed("", f"Operation({fields})", ",", 4)

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
    default_base_url: str | None
    base_url_env: str | None
    log_env: str | None
    extra_header_prefix: str | None
    credentials: list[CredentialView]
    secret_headers: list[str]
    resources: list[ResourceModuleView]
    model_modules: list[ModelModuleView]
    exports: dict[str, str]
    operations: list[OperationIndexEntry]

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
        base_url = "base_url: The API's base URL."
        if self.base_url_env:
            default = docstring_text(self.default_base_url or "none")
            base_url += f" Defaults to ${docstring_text(self.base_url_env)}, then {default}."
        return "\n".join([*lines, "    " + base_url, *_CONSTRUCTOR_ARGS])

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

    @property
    def type_checking_imports(self) -> list[ImportView]:
        """`from .module import Name as Name` for each model, inside `if TYPE_CHECKING:`."""
        return [ImportView(module, [f"{name} as {name}"], 4) for name, module in self.exports.items()]


def build_package_view(model: ApiModel, config: GeneratorConfig) -> PackageView:
    """All decisions about the generated package, ready for the templates."""
    model_modules, exports = _model_modules(model.schemas)
    credentials = _credentials(model, config)
    return PackageView(
        name=config.package_name,
        distribution_name=config.distribution_name or config.package_name.replace("_", "-"),
        version=model.version or "0.0.0",
        generator_version=__version__,
        title=docstring_text(model.title),
        doc=docstring_text(model.description),
        client_class=config.client_class,
        async_client_class=config.async_client_class,
        default_base_url=config.base_url_default or (model.servers[0].url if model.servers else None),
        base_url_env=config.base_url_env,
        log_env=config.log_env,
        extra_header_prefix=config.extra_header_prefix,
        credentials=credentials,
        secret_headers=sorted({c.header.lower() for c in credentials} | {"authorization"}),
        resources=_resource_modules(model, credentials, config),
        model_modules=model_modules,
        exports=exports,
        operations=[
            OperationIndexEntry(op.method.upper(), op.path, op.operation_id or op.name, ".".join(op.call_path),
                                op.summary or "")  # fmt: skip
            for op in sorted(model.operations, key=lambda o: o.call_path)
        ],
    )


# -- models ------------------------------------------------------------------------------


def _model_modules(schemas: dict[str, SchemaDef]) -> tuple[list[ModelModuleView], dict[str, str]]:
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
    uses_discriminator = False
    for component in components:  # dependencies first, so most names exist before they are used
        local = set(component)
        cyclic = len(component) > 1 or _self_referencing(component[0], schemas)
        for name in _definition_order(component, schemas):
            view, used, discriminated = _model_view(schemas[name], schemas, local)
            models.append(view)
            uses_discriminator |= discriminated
            for other in used:
                if module_of[other] != module:
                    imports[module_of[other]].add(other)
            if cyclic and view.kind == "object":
                rebuild.append(view.name)
    annotations = [f.annotation for m in models for f in m.fields] + [m.annotation for m in models]
    return ModelModuleView(
        module=module,
        models=models,
        imports=[ImportView(source, sorted(names)) for source, names in sorted(imports.items())],
        rebuild=rebuild,
        uses_discriminator=uses_discriminator,
        typing_names=_typing_names(annotations),
        uses_field=any(f.alias for m in models for f in m.fields),
        uses_base_model=any("BaseModel" in m.bases for m in models),
        exports=ExportsView([m.name for m in models]),
    )


_TYPING_NAMES = ("Any", "Dict", "List", "Literal", "Optional", "Union")
_STRING_LITERAL = re.compile(r""""(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'""")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _typing_names(annotations: Iterable[str]) -> list[str]:
    """The `typing` names annotations use (quoted forward references included)."""
    used: set[str] = set()
    for annotation in annotations:
        unquoted = annotation[1:-1] if annotation[:1] in "'\"" and annotation[-1:] == annotation[:1] else annotation
        used.update(_IDENTIFIER.findall(_STRING_LITERAL.sub("", unquoted)))
    return [name for name in _TYPING_NAMES if name in used]


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
    schema: SchemaDef, schemas: dict[str, SchemaDef], local: set[str]
) -> tuple[ModelView, set[str], bool]:
    """The view of one model, the schema names it uses, and whether it needs the discriminator helpers."""
    annotator = Annotator(schemas, discriminate=True)
    if isinstance(schema, AliasSchema):
        annotation = annotator.annotate(schema.type)
        view = ModelView(schema.name, "alias", docstring_text(schema.description), annotation=annotation)
        return view, annotator.used, annotator.uses_discriminator
    fields: list[FieldView] = []
    taken: set[str] = set()
    for prop in schema.properties:
        name = _unique(python_identifier(prop.name, "field", MODEL_RESERVED), taken)
        annotation = annotator.annotate(prop.type)
        if not prop.required and not is_nullable(prop.type):
            annotation = f"Optional[{annotation}]"
        if references(prop.type) & local:  # defined later in this module, or recursive
            annotation = string_literal(annotation)
        fields.append(
            FieldView(
                name=name,
                annotation=annotation,
                default=None if prop.required else "None",
                alias=string_literal(prop.name) if name != prop.name else None,
                doc=docstring_text(prop.description),
            )
        )
    bases = schema.bases or ["BaseModel"]
    annotator.used |= set(schema.bases)
    return (
        ModelView(schema.name, "object", docstring_text(schema.description), bases=bases, fields=fields),
        annotator.used,
        annotator.uses_discriminator,
    )


def _unique(name: str, taken: set[str]) -> str:
    candidate, counter = name, 2
    while candidate in taken:
        candidate = f"{name}_{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


# -- credentials -------------------------------------------------------------------------

# Names the client constructor and its helpers use: a credential argument may not take them.
CONSTRUCTOR_RESERVED = RESERVED | frozenset(
    {"self", "base_url", "timeout", "max_retries", "default_headers", "http_client", "kwargs", "extra",
     "found", "custom", "json", "os", "httpx", "bearer", "header_text", "Credential",
     "DEFAULT_BASE_URL", "DEFAULT_MAX_RETRIES", "RawResponses", "SyncAPIClient", "AsyncAPIClient"}
)  # fmt: skip


def _credentials(model: ApiModel, config: GeneratorConfig) -> list[CredentialView]:
    views: list[CredentialView] = []
    taken: set[str] = set()
    for name, scheme in model.security_schemes.items():
        setting = config.credentials.get(name)
        if setting and (setting.argument in CONSTRUCTOR_RESERVED or setting.argument in taken):
            raise GeneratorError(f"credential argument {setting.argument!r} (for {name!r}) clashes with another "
                                 "constructor argument; choose another name", SourceLocation(str(config.source)))  # fmt: skip
        argument = setting.argument if setting else _unique(python_identifier(name, "credential", CONSTRUCTOR_RESERVED), taken)
        taken.add(argument)
        doc = docstring_text((setting.description if setting else None) or scheme.description or name)
        env = setting.env if setting else None
        as_json = setting.json if setting else False
        if scheme.type == "http" and scheme.scheme in ("bearer", "basic"):
            kind: Literal["api_key", "bearer", "basic"] = "bearer" if scheme.scheme == "bearer" else "basic"
            views.append(CredentialView(argument, "Authorization", "header", kind, env, as_json, doc))
        elif scheme.type == "apiKey" and scheme.location and scheme.parameter_name:
            views.append(
                CredentialView(argument, scheme.parameter_name, scheme.location, "api_key", env, as_json, doc)
            )
    return views


# -- resources and methods ---------------------------------------------------------------


def _resource_modules(model: ApiModel, credentials: list[CredentialView], config: GeneratorConfig) -> list[ResourceModuleView]:
    by_scheme = {c_scheme: c for c_scheme, c in zip(model.security_schemes, credentials)}
    roots: dict[str, ResourceView] = {}
    module_annotators: dict[str, tuple[Annotator, Annotator]] = {}
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
            top, (Annotator(model.schemas, for_input=True, qualifier="_types."), Annotator(model.schemas, qualifier="_types."))
        )
        keys = (operation.operation_id, f"{operation.method.upper()} {operation.path}")
        binary = any(k in config.binary_responses for k in keys)
        method = _method_view(operation, method_name, model, annotators, by_scheme, binary)
        method.open_body = method.body_kind == "json" and any(k in config.open_bodies for k in keys)
        _add_streaming(method, operation, model, annotators[1], next((config.streams[k] for k in keys if k in config.streams), None))
        paging = next((config.pagination[k] for k in keys if k in config.pagination), None)
        method.page = None if paging == "none" else _pagination(operation, model, annotators[1], paging)
        method.endpoint = _endpoint_view(method, operation)
        node.methods.append(method)
    modules = []
    taken: set[str] = set()
    for top, root in sorted(roots.items()):
        inputs, outputs = module_annotators[top]
        name = module_name(top, "resource")
        while name in taken:
            name += "_"
        taken.add(name)
        modules.append(ResourceModuleView(name, root, inputs.needs_file_types))
    return modules


def _endpoint_view(method: MethodView, operation: Operation) -> EndpointView:
    """The Endpoint arguments that route the method's arguments (everything else takes its default)."""
    rest = {"none": "query", "json": "json", "multipart": "form", "json_value": "value"}[method.body_kind]
    path = method.path
    for argument in method.path_arguments:
        path = path.replace("{" + argument.wire_name + "}", "{" + argument.name + "}")
    arguments: list[tuple[str, str | Display]] = [("", string_literal(method.http_method)), ("", string_literal(path))]
    if method.cast_to:
        arguments.append(("lambda: ", method.cast_to))
    if method.response_kind != "json":
        arguments.append(("response=", string_literal(method.response_kind)))
    if rest != "query":
        arguments.append(("rest=", string_literal(rest)))
        query = [a.name for a in method.located("query")]
        if query:
            arguments.append(("query=", Display("(", ")", [string_literal(n) for n in query])))
    headers = [a.name for a in method.located("header")]
    if headers:
        arguments.append(("headers=", Display("(", ")", [string_literal(n) for n in headers])))
    renamed = {a.name: a.wire_name for a in method.keyword_arguments if a.location != "whole_body"}
    renamed = {name: wire for name, wire in renamed.items() if name != wire}
    if renamed:
        arguments.append(("wire=", Display("{", "}", [f"{string_literal(k)}: {string_literal(v)}" for k, v in renamed.items()])))
    body_argument = next((a.name for a in method.arguments if a.location == "whole_body"), None)
    if rest == "value":
        body_argument = method.located("body")[0].name
    if body_argument:
        arguments.append(("body_argument=", string_literal(body_argument)))
    if method.accept:
        arguments.append(("accept=", method.accept))
    if method.query_styles:
        arguments.append(("styles=", Display("{", "}", [f"{name}: ({style}, {explode})" for name, style, explode in method.query_styles])))
    if method.streams:
        arguments.append(("stream=", f"({string_literal(method.stream_argument or '')}, lambda: {method.stream_cast})"))
    if method.page:
        size = string_literal(method.page.size_parameter) if method.page.size_parameter else "None"
        arguments.append(("page=", f"({string_literal(method.page.kind)}, {string_literal(method.page.page_parameter)}, {size})"))
    return EndpointView("_" + "_".join(operation.call_path).upper(), arguments)


def _method_view(
    operation: Operation,
    method_name: str,
    model: ApiModel,
    annotators: tuple[Annotator, Annotator],
    credentials: dict[str, CredentialView],
    binary: bool = False,
) -> MethodView:
    inputs, outputs = annotators
    taken: set[str] = set()
    arguments: list[ArgumentView] = []
    query_styles: list[tuple[str, str, bool]] = []
    for parameter in operation.parameters:
        if parameter.location == "cookie":
            continue
        arguments.append(_parameter_argument(parameter, inputs, taken))
        if parameter.location == "query" and (parameter.style not in (None, "form") or parameter.explode is False):
            query_styles.append((string_literal(parameter.name), string_literal(parameter.style or "form"),
                                 parameter.explode if parameter.explode is not None else parameter.style in (None, "form")))  # fmt: skip
    body_kind, body_arguments = _body_arguments(operation, model, inputs, taken)
    arguments.extend(body_arguments)
    path_order = {name: operation.path.find("{" + name + "}") for name in (p.name for p in operation.parameters)}
    arguments.sort(key=lambda a: (a.location != "path", not a.required,
                                  path_order.get(a.wire_name, 0) if a.location == "path" else 0))  # fmt: skip
    response_kind, return_annotation, cast_to, accept = _response(operation, outputs)
    if binary:
        response_kind, return_annotation, cast_to, accept = "binary", "BinaryResponse", None, "application/octet-stream"
    return MethodView(
        name=method_name,
        http_method=operation.method.lower(),
        path=operation.path,
        arguments=arguments,
        body_kind=body_kind,
        response_kind=response_kind,
        return_annotation=return_annotation,
        cast_to=cast_to,
        accept=string_literal(accept) if accept else None,
        doc=_method_doc(operation, arguments, credentials),
        query_styles=query_styles,
        operation_id=string_literal(operation.operation_id or operation.name),
    )


def _add_streaming(
    method: MethodView, operation: Operation, model: ApiModel, outputs: Annotator, configured: str | None
) -> None:
    """`stream=True` returns a Stream of event models: the config names the model, or the spec's event stream."""
    stream_argument = next((a.name for a in method.arguments if a.location == "body" and a.wire_name == "stream"), None)
    event_type: TypeExpr | None = RefType(configured) if configured and configured in model.schemas else None
    if event_type is None:
        event_type = next((m.type for r in operation.responses if r.status.startswith("2") for m in r.contents
                           if m.content_type.startswith("text/event-stream")), None)  # fmt: skip
    if stream_argument is None or event_type is None or method.response_kind != "json":
        return
    method.stream_argument = stream_argument
    method.stream_cast = outputs.annotate(event_type)


def _pagination(operation: Operation, model: ApiModel, outputs: Annotator, forced: str | None) -> PageView | None:
    """Recognise the paging scheme from the query parameters and the response's shape."""
    query = {p.name for p in operation.parameters if p.location == "query"}
    response = next((m.type for r in operation.responses if r.status.startswith("2") for m in r.contents
                     if m.content_type == "application/json"), None)  # fmt: skip
    schema = model.schemas.get(response.name) if isinstance(response, RefType) else None
    if operation.method != "get" or not isinstance(schema, ObjectSchema):
        return None
    fields = {p.name: p.type for p in _all_properties(schema, model.schemas)}
    data = fields.get("data")
    if not isinstance(data, ArrayType):
        return None
    items = outputs.annotate(data.items)
    cursor = "after" in query and "has_more" in fields
    page_parameter = next((p for p in ("current_page", "page") if p in query), None)
    numbered = page_parameter is not None and "page_size" in query and "total" in fields
    if forced == "cursor" or (forced is None and cursor):
        return PageView("cursor", items, "after")
    if page_parameter and (forced == "page" or (forced is None and numbered)):
        return PageView("page", items, page_parameter, "page_size")
    return None


def _or_not_given(annotation: str) -> str:
    """`Union[annotation, NotGiven]`, with a union's members listed once rather than nested."""
    parts = split_brackets(annotation) if annotation.startswith("Union[") else None
    members = parts[2] if parts else [annotation]
    return "Union[" + ", ".join([*members, "NotGiven"]) + "]"


def _parameter_argument(parameter: Parameter, inputs: Annotator, taken: set[str]) -> ArgumentView:
    annotation = inputs.annotate(parameter.type)
    if not parameter.required:
        annotation = _or_not_given(annotation)
    return ArgumentView(
        name=_unique(python_identifier(parameter.name, "param", METHOD_RESERVED), taken),
        wire_name=parameter.name,
        location=parameter.location if parameter.location != "cookie" else "header",
        annotation=annotation,
        required=parameter.required,
        doc=docstring_text(parameter.description),
    )


def _body_arguments(
    operation: Operation, model: ApiModel, inputs: Annotator, taken: set[str]
) -> tuple[Literal["none", "json", "multipart", "json_value"], list[ArgumentView]]:
    body = operation.request_body
    if body is None or not body.contents:
        return "none", []
    media = next((m for m in body.contents if m.content_type in JSON_TYPES), None)
    kind: Literal["json", "multipart"] = "json"
    if media is None:
        media = next((m for m in body.contents if m.content_type.startswith("multipart/")), None)
        kind = "multipart"
    if media is None:
        media = body.contents[0]
        kind = "json"
    properties = _body_properties(media.type, model.schemas)
    whole_body: list[ArgumentView] = []
    if properties is None and isinstance(media.type, UnionType):
        # An object or something else (say, a list of them): the object's fields as keywords,
        # and `body` for the other shapes.
        objects = UnionType(tuple(v for v in media.type.variants if _body_properties(v, model.schemas) is not None))
        if objects.variants:
            properties = [(Property(**{**p.__dict__, "required": False}), t)
                          for p, t in _body_properties(objects, model.schemas) or []]  # fmt: skip
            whole_body = [ArgumentView(_unique("body", taken), "body", "whole_body",
                                       _or_not_given(inputs.annotate(media.type)), False,
                                       "The whole request body, instead of the keyword arguments above.")]  # fmt: skip
    if properties is None:
        annotation = inputs.annotate(media.type)
        if not body.required:
            annotation = _or_not_given(annotation)
        argument = ArgumentView(_unique("body", taken), "body", "body", annotation, body.required,
                                docstring_text(body.description))  # fmt: skip
        return "json_value", [argument]
    arguments = []
    for prop, types in properties:
        if prop.read_only:
            continue
        annotation = _input_union([inputs.annotate(t) for t in types])
        required = prop.required and body.required
        if not required:
            annotation = _or_not_given(annotation)
        is_file = kind == "multipart" and _is_binary(prop.type)
        arguments.append(
            ArgumentView(
                name=_unique(python_identifier(prop.name, "field", METHOD_RESERVED), taken),
                wire_name=prop.name,
                location="file" if is_file else "body",
                annotation=annotation,
                required=required,
                doc=docstring_text(prop.description),
            )
        )
    return kind, arguments + whole_body


def _body_properties(
    type_: TypeExpr, schemas: dict[str, SchemaDef]
) -> list[tuple[Property, list[TypeExpr]]] | None:
    """Keyword arguments for an object body, or a union of object bodies (None: not objects).

    For a union, every variant's properties become arguments; one is required only
    when every variant requires it, and takes any of the variants' types.
    """
    variants = type_.variants if isinstance(type_, UnionType) else (type_,)
    objects = [s for v in variants if isinstance(v, RefType) and isinstance(s := schemas.get(v.name), ObjectSchema)]
    if len(objects) != len(variants):
        return None
    merged: dict[str, tuple[Property, list[TypeExpr]]] = {}
    required_in: list[set[str]] = []
    for schema in objects:
        properties = _all_properties(schema, schemas)
        required_in.append({p.name for p in properties if p.required})
        for prop in properties:
            if prop.name not in merged:
                merged[prop.name] = (prop, [prop.type])
            elif prop.type not in merged[prop.name][1]:
                merged[prop.name][1].append(prop.type)
    for name, (prop, types) in merged.items():
        required = all(name in names for names in required_in)
        if required != prop.required:
            merged[name] = (Property(**{**prop.__dict__, "required": required}), types)
    return list(merged.values())


def _input_union(annotations: list[str]) -> str:
    unique = list(dict.fromkeys(annotations))
    return unique[0] if len(unique) == 1 else "Union[" + ", ".join(unique) + "]"


def _all_properties(schema: ObjectSchema, schemas: dict[str, SchemaDef]) -> list[Property]:
    inherited: list[Property] = []
    for base in schema.bases:
        base_schema = schemas.get(base)
        if isinstance(base_schema, ObjectSchema):
            inherited.extend(_all_properties(base_schema, schemas))
    own = {p.name for p in schema.properties}
    return [p for p in inherited if p.name not in own] + list(schema.properties)


def _is_binary(type_: TypeExpr) -> bool:
    if isinstance(type_, PrimitiveType):
        return type_.name == "string" and type_.format == "binary"
    if isinstance(type_, ArrayType):
        return _is_binary(type_.items)
    if isinstance(type_, UnionType):
        return any(_is_binary(v) for v in type_.variants)
    return False


def _response(
    operation: Operation, outputs: Annotator
) -> tuple[Literal["json", "binary", "stream", "none"], str, str | None, str | None]:
    """How the method returns: (kind, return annotation, cast_to expression, Accept header)."""
    successes = [r for r in operation.responses if r.status.startswith("2")] or [
        r for r in operation.responses if r.status == "default"
    ]
    for response in successes:
        for media in response.contents:
            content_type = media.content_type.split(";")[0].strip().lower()
            if content_type in JSON_TYPES or content_type.endswith("+json"):
                annotation = outputs.annotate(media.type)
                return "json", annotation, annotation, None
            if content_type == "text/event-stream":
                return "stream", "Stream[Any]", "Any", media.content_type
            if content_type.startswith(("application/octet-stream", "audio/", "image/", "video/")) or (
                isinstance(media.type, PrimitiveType) and media.type.format == "binary"
            ):
                return "binary", "BinaryResponse", None, media.content_type
    if successes and any(r.contents for r in successes):
        return "json", "Any", None, None
    return "none", "None", None, None


def _method_doc(operation: Operation, arguments: list[ArgumentView], credentials: dict[str, CredentialView]) -> str:
    lines = [docstring_text(operation.summary or operation.name)]
    description = docstring_text(operation.description)
    if description and description != lines[0]:
        lines += ["", description]
    lines += ["", f"{operation.method.upper()} {docstring_text(operation.path)}"]
    if operation.security:
        lines += ["", "Credentials (any one of these combinations):"]
        for requirement in operation.security:
            names = [credentials[s].argument if s in credentials else docstring_text(s) for s in requirement]
            lines.append("    - " + (" + ".join(names) if names else "none"))
    documented = [a for a in arguments if a.doc]
    if documented:
        lines += ["", "Args:"]
        for argument in documented:
            first, *rest = argument.doc.split("\n")
            lines.append(f"    {argument.name}: {first}")
            lines.extend(f"        {line}" if line else "" for line in rest)
    return "\n".join(lines)

