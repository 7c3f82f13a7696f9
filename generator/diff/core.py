"""What every rule module shares: a change, where it is reported, and the walk's context.

A change is reported at a *site*: an operation and its Python method, or the model classes
users import. Changes inside schemas are found by walking each operation's request and
response types, so a change to a schema used by ten operations is reported under each of
them, with the path from the method's argument (or response) down to the field as detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable, Literal

from generator.diff.rules import SEVERITIES, Rule, Severity
from generator.model.ir import (
    AliasSchema,
    ApiModel,
    NullType,
    ObjectSchema,
    Operation,
    PrimitiveType,
    Property,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
    effective_properties,
)
from generator.render.views.common import argument_name
from generator.render.annotations import Annotator

MODELS_SITE = "model classes"


@dataclass(frozen=True)
class Change:
    """One classified change, as a user of the generated client meets it."""

    rule: str
    severity: Severity
    subject: str
    """`POST /api-keys/{type}/{sub-type}`, or the model class for SDK-level model changes."""
    detail: str
    method: str = ""
    """`client.api_keys.create`; empty for a change to the model classes themselves."""
    where: str = ""
    """The argument or response path the change reaches: `scopes`, `response.data[].id`."""
    schema: str = ""
    """The schema path where the change was written: `CreateApiKeyObject.scopes`."""


@dataclass(frozen=True)
class Site:
    """Where changes are reported: an operation and its method, or the model classes."""

    subject: str
    method: str = ""

    @staticmethod
    def of(operation: Operation) -> Site:
        return Site(f"{operation.method.upper()} {operation.path}", "client." + ".".join(operation.call_path))


@dataclass
class Place:
    """A position in the walk of one operation's request or response types."""

    site: Site
    direction: Literal["request", "response"]
    where: str
    schema: str = ""
    arguments: bool = False
    """The fields here are the method's keyword arguments (the top of a JSON request body)."""
    type_rule: Rule | None = None
    """The rule for a type changed outright here, when it is not the direction's own."""
    visited: set[tuple[str, str]] = field(default_factory=set)
    depth: int = 0

    def field(self, name: str, owner: str) -> Place:
        where = name if self.arguments else f"{self.where}.{name}"
        return replace(self, where=where, schema=f"{owner}.{name}", arguments=False, depth=self.depth + 1)

    def item(self, suffix: str) -> Place:
        return replace(self, where=self.where + suffix, arguments=False, depth=self.depth + 1)

    def field_label(self, name: str) -> str:
        """How a field is named for a reader: `scopes=` (an argument) or `metadata.tags`."""
        return f"argument {argument_name(name, 'field')}=" if self.arguments else f"field {self.where}.{name}"


class Report:
    """Collects changes once per (rule, site, place) and applies severity overrides."""

    def __init__(self, overrides: dict[str, str]) -> None:
        self.overrides = overrides
        self.changes: dict[tuple[str, str, str], Change] = {}

    def add(self, rule: Rule, site: Site, detail: str, where: str = "", schema: str = "") -> None:
        key = (rule.id, site.subject, where or detail)
        if key in self.changes:
            return
        wanted = self.overrides.get(rule.id, "")
        severity: Severity = next((s for s in SEVERITIES if s == wanted), rule.severity)
        self.changes[key] = Change(rule.id, severity, site.subject, detail, site.method, where, schema)

    def at(self, rule: Rule, place: Place, detail: str) -> None:
        self.add(rule, place.site, detail, place.where, place.schema)


@dataclass
class Context:
    """The two models being compared, models renamed between them, the report, and the walk that
    compares two versions of a type (`walk.compare_types`; given here so the rule modules it calls
    can call it back without importing it)."""

    old: ApiModel
    new: ApiModel
    renamed: dict[str, str]
    report: Report
    walk: Callable[[Context, Place, TypeExpr, TypeExpr], None]
    _properties: dict[tuple[int, str], dict[str, Property]] = field(default_factory=dict)

    def compare_types(self, place: Place, was: TypeExpr, now: TypeExpr) -> None:
        """Report every change between two versions of the type found at place."""
        self.walk(self, place, was, now)

    def properties(self, model: ApiModel, schema: ObjectSchema) -> dict[str, Property]:
        """Every property of an object, inherited ones included, by name."""
        key = (id(model), schema.name)
        if key not in self._properties:
            self._properties[key] = {p.name: p for p in effective_properties(schema, model.schemas)}
        return self._properties[key]

    def same_type(self, was: TypeExpr, now: TypeExpr, direction: Literal["request", "response"]) -> bool:
        """The same type for a caller, once renamed models are taken into account (null ignored).

        Two primitive types are the same when the client types them alike: a string that lost
        its `format: uuid` is still a `str`, one that lost `format: binary` is no longer a file.
        """
        was, now = strip_null(was), strip_null(now)
        if isinstance(was, PrimitiveType) and isinstance(now, PrimitiveType):
            return type_text(was, direction) == type_text(now, direction)
        return renamed_text(was, self.renamed) == repr(now)


def strip_null(type_: TypeExpr) -> TypeExpr:
    if isinstance(type_, UnionType):
        variants = tuple(v for v in type_.variants if not isinstance(v, NullType))
        return variants[0] if len(variants) == 1 else UnionType(variants, type_.discriminator)
    return type_


def renamed_text(type_: TypeExpr, renamed: dict[str, str]) -> str:
    text = repr(type_)
    for old_name, new_name in renamed.items():
        text = text.replace(f"RefType(name='{old_name}')", f"RefType(name='{new_name}')")
    return text


def unalias(model: ApiModel, type_: TypeExpr) -> TypeExpr:
    """Follow references to alias schemas (enums, unions, arrays with a name) to their type."""
    seen: set[str] = set()
    while isinstance(type_, RefType) and type_.name not in seen:
        schema: SchemaDef | None = model.schemas.get(type_.name)
        if not isinstance(schema, AliasSchema):
            break
        seen.add(type_.name)
        type_ = strip_null(schema.type)
    return type_


def type_text(type_: TypeExpr, direction: Literal["request", "response"] = "response") -> str:
    """A type as a reader of the generated code would write it: `List[Pet]`, `Optional[str]`."""
    return Annotator({}, direction).text(type_)


def path_template(path: str) -> str:
    """`/pets/{id}` and `/pets/{pet_id}` are one path: variables are matched by position."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def path_variables(path: str) -> list[str]:
    return re.findall(r"\{([^}]*)\}", path)
