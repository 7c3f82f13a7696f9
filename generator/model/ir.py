"""The intermediate model: what the API offers, free of YAML and of Python syntax.

Types are small immutable trees (`TypeExpr`); every object schema, including the
inline ones, becomes a named `ObjectSchema` so each has a class in the output.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Literal, Union

from generator.diagnostics import Diagnostic, SourceLocation


@dataclass(frozen=True)
class AnyType:
    """Any JSON value."""


@dataclass(frozen=True)
class NullType:
    """JSON null."""


@dataclass(frozen=True)
class PrimitiveType:
    """string, integer, number or boolean, with the format when one is given."""

    name: Literal["string", "integer", "number", "boolean"]
    format: str | None = None


@dataclass(frozen=True)
class ArrayType:
    items: TypeExpr


@dataclass(frozen=True)
class MapType:
    """An object with arbitrary keys (`additionalProperties`), or a free-form object."""

    values: TypeExpr


@dataclass(frozen=True)
class EnumType:
    """Allowed values; `kind` the primitive type the schema declares for them, if one."""

    values: tuple[Any, ...]
    kind: Literal["string", "integer", "number", "boolean"] | None = None


@dataclass(frozen=True)
class ConstType:
    value: Any


@dataclass(frozen=True)
class Discriminator:
    """The property whose value picks the variant, and value -> schema name."""

    property: str
    mapping: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class UnionType:
    variants: tuple[TypeExpr, ...]
    discriminator: Discriminator | None = None


@dataclass(frozen=True)
class RefType:
    """A reference to a named schema of `ApiModel.schemas`."""

    name: str


TypeExpr = Union[AnyType, NullType, PrimitiveType, ArrayType, MapType, EnumType, ConstType, UnionType, RefType]


def is_nullable(type_: TypeExpr) -> bool:
    return isinstance(type_, NullType) or (
        isinstance(type_, UnionType) and any(isinstance(v, NullType) for v in type_.variants)
    )


@dataclass(frozen=True)
class Origin:
    """Where a schema is written, which its public class name and module come from.

    `owner` is the component schema it belongs to (a component's own name; a schema of another
    file is its own owner too) or the operation (`METHOD /path`) whose parameters, request body or
    responses hold it; `path` the parts of the way from the owner, each a PascalCase word group:
    `("Address", "Geo")`, `("Request", "Items", "Item")`, `("Response404",)`. A component's is empty.
    """

    owner: str
    kind: Literal["schema", "operation"]
    path: tuple[str, ...] = ()

    def child(self, part: str) -> Origin:
        return Origin(self.owner, self.kind, self.path + ((part,) if part else ()))


@dataclass
class Property:
    name: str
    type: TypeExpr
    required: bool
    description: str | None = None
    has_default: bool = False
    default: Any = None
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False


@dataclass
class ObjectSchema:
    """An object with known properties; `bases` are the named schemas it extends (allOf)."""

    name: str
    properties: list[Property]
    description: str | None = None
    additional: TypeExpr | None = None
    closed: bool = False
    bases: list[str] = field(default_factory=list)
    location: SourceLocation | None = None
    inline: bool = False
    required_inherited: list[str] = field(default_factory=list)
    """Names its `required` lists (its own and every allOf part's) give that it does not declare itself:
    a base's properties, or names no schema declares. `effective_properties` applies them."""
    origin: Origin | None = field(default=None, compare=False)
    """Where it is written (None: a schema made outside the builder, its own owner)."""


@dataclass
class AliasSchema:
    """A named schema that is not an object with properties: an enum, union, array, ..."""

    name: str
    type: TypeExpr
    description: str | None = None
    location: SourceLocation | None = None
    inline: bool = False
    origin: Origin | None = field(default=None, compare=False)
    """Where it is written (None: a schema made outside the builder, its own owner)."""


SchemaDef = Union[ObjectSchema, AliasSchema]


# OpenAPI's default `style` of a parameter in each location (its `explode` defaults to true for `form` only).
DEFAULT_STYLES = {"query": "form", "cookie": "form", "path": "simple", "header": "simple"}


@dataclass
class Parameter:
    """A path, query, header or cookie parameter; `style` and `explode` as the spec gives them or
    OpenAPI's defaults for the location (`json_content`: a `content` parameter sent as JSON text)."""

    name: str
    location: Literal["path", "query", "header", "cookie"]
    type: TypeExpr
    required: bool
    description: str | None = None
    style: str = "form"
    explode: bool = True
    json_content: bool = False
    deprecated: bool = False
    has_default: bool = False
    default: Any = None
    minimum: Any = None
    maximum: Any = None
    """The schema's bounds, where it declares them (a page number's first value, a page size's largest)."""


@dataclass(frozen=True)
class Encoding:
    """How one property of a form or multipart body is written (OpenAPI's Encoding object)."""

    content_type: str | None = None
    style: str | None = None
    explode: bool | None = None


@dataclass
class MediaType:
    content_type: str
    type: TypeExpr
    encoding: dict[str, Encoding] = field(default_factory=dict)


@dataclass
class RequestBody:
    required: bool
    contents: list[MediaType]
    description: str | None = None


@dataclass
class Response:
    status: str
    contents: list[MediaType]
    description: str | None = None
    headers: tuple[str, ...] = ()
    """The names of the headers it declares (`Link`, ...)."""


@dataclass
class CodeSample:
    lang: str
    label: str | None
    source: str


def route(method: str, path: str) -> str:
    """`POST /pets`: how the config and messages name an operation, and its schemas' `Origin.owner`."""
    return f"{method.upper()} {path}"


@dataclass
class Operation:
    """One HTTP operation and where it lives in the client (`call_path`)."""

    name: str
    method: str
    path: str
    operation_id: str | None
    call_path: tuple[str, ...] = ()
    summary: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    parameters: list[Parameter] = field(default_factory=list)
    request_body: RequestBody | None = None
    responses: list[Response] = field(default_factory=list)
    security: list[tuple[str, ...]] = field(default_factory=list)
    code_samples: list[CodeSample] = field(default_factory=list)
    deprecated: bool = False
    location: SourceLocation | None = None
    servers: list[Server] = field(default_factory=list)
    """The operation's or its path's own `servers` (empty: the API's)."""
    preset_headers: dict[str, str] = field(default_factory=dict)
    """`accept` / `content-type` -> the value the spec's (otherwise ignored) header parameter gives
    ("" where it is required and gives none: the client's own value is sent)."""

    @property
    def route(self) -> str:
        return route(self.method, self.path)


@dataclass
class SecurityScheme:
    name: str
    type: str
    location: Literal["header", "query", "cookie"] | None
    parameter_name: str | None
    scheme: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class ServerVariable:
    """A `{name}` of a server URL: its default, the values it may take (none: any), what it is."""

    name: str
    default: str
    enum: tuple[str, ...] = ()
    description: str | None = None


@dataclass
class Server:
    url: str
    description: str | None = None
    variables: tuple[ServerVariable, ...] = ()


@dataclass
class ApiModel:
    """Everything later stages need, with the diagnostics found while building it."""

    title: str
    version: str
    description: str | None
    servers: list[Server]
    operations: list[Operation]
    schemas: dict[str, SchemaDef]
    security_schemes: dict[str, SecurityScheme]
    diagnostics: list[Diagnostic] = field(default_factory=list)


def references(type_: TypeExpr) -> set[str]:
    """Names of the schemas a type refers to directly."""
    if isinstance(type_, RefType):
        return {type_.name}
    if isinstance(type_, UnionType):
        return set().union(*(references(v) for v in type_.variants))
    if isinstance(type_, ArrayType):
        return references(type_.items)
    if isinstance(type_, MapType):
        return references(type_.values)
    return set()


def schema_references(schema: SchemaDef) -> set[str]:
    """Names of the schemas a named schema refers to directly (bases included)."""
    if isinstance(schema, AliasSchema):
        return references(schema.type)
    found = set(schema.bases)
    for prop in schema.properties:
        found |= references(prop.type)
    if schema.additional is not None:
        found |= references(schema.additional)
    return found


def effective_properties(schema: ObjectSchema, schemas: dict[str, SchemaDef]) -> list[Property]:
    """Every property an object has, as its users meet it (the one answer render and diff share).

    Its bases' properties first (a base's base before the base), then its own, which replace a
    base's property of the same name; a property its `required` lists make required is required
    (a base's included); a required name that no schema declares is a property of any type.
    """
    return _effective(schema, schemas, frozenset())


def _effective(schema: ObjectSchema, schemas: dict[str, SchemaDef], seen: frozenset[str]) -> list[Property]:
    seen = seen | {schema.name}
    inherited: dict[str, Property] = {}
    for base in schema.bases:
        base_schema = schemas.get(base)
        if isinstance(base_schema, ObjectSchema) and base not in seen:
            for prop in _effective(base_schema, schemas, seen):
                inherited.pop(prop.name, None)
                inherited[prop.name] = prop
    own = {p.name for p in schema.properties}
    found = [p for p in inherited.values() if p.name not in own] + list(schema.properties)
    names = {p.name for p in found}
    required = set(schema.required_inherited)
    found = [replace(p, required=True) if p.name in required and not p.required else p for p in found]
    found += [Property(name, AnyType(), required=True) for name in schema.required_inherited if name not in names]
    return found


def reachable(types: Iterable[TypeExpr], schemas: dict[str, SchemaDef]) -> set[str]:
    """Names of every schema the types lead to, directly or through other schemas."""
    seen: set[str] = set()
    pending = [name for type_ in types for name in references(type_)]
    while pending:
        name = pending.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        pending.extend(schema_references(schemas[name]))
    return seen
