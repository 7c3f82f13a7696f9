"""Enums, open enums (`str | Literal[...]`), unions, and types that changed outright.

A union is compared as the set of its alternatives: each enum value, each named model and
each other kind of type. Adding alternatives widens what a caller may send (fine) and what
the API may return (old code may not expect it); removing them narrows.
"""

from __future__ import annotations

from typing import Any

from generator.diff.core import Context, Place, strip_null, type_text, unalias
from generator.diff.rules import declarer
from generator.model.ir import ConstType, EnumType, PrimitiveType, RefType, TypeExpr, UnionType

rule = declarer("unions")

REQUEST_ENUM_VALUE_REMOVED = rule(
    "request-enum-value-removed", "breaking", "a value the API accepted is no longer allowed",
    "voice no longer accepts 'fable': client.audio.speech.create(voice='fable') is rejected")  # fmt: skip
REQUEST_ENUM_VALUE_ADDED = rule(
    "request-enum-value-added", "non-breaking", "the API accepts a new value",
    "voice now accepts 'sage'")  # fmt: skip
RESPONSE_ENUM_VALUE_ADDED = rule(
    "response-enum-value-added", "warning", "the API may return a value older code does not expect",
    "Batch.status may now be 'expired'")  # fmt: skip
RESPONSE_ENUM_VALUE_REMOVED = rule(
    "response-enum-value-removed", "non-breaking", "the API no longer returns a value",
    "Batch.status no longer returns 'validating'")  # fmt: skip
OPEN_ENUM_VALUE_REMOVED = rule(
    "open-enum-value-removed", "non-breaking", "a suggested value of an open enum (str | Literal) was dropped; any string is still valid",
    "model: 'gpt-4-0314' no longer suggested")  # fmt: skip
REQUEST_UNION_WIDENED = rule(
    "request-union-widened", "non-breaking", "a request type accepts more alternatives (a union variant, an open enum value)",
    "model: str | Literal['gpt-4o'] now also suggests 'gpt-5'; input: str now also takes List[str]")  # fmt: skip
RESPONSE_UNION_WIDENED = rule(
    "response-union-widened", "warning", "a response type has more alternatives: older code may not expect them",
    "content: str may now also be List[ContentPart]")  # fmt: skip
REQUEST_UNION_NARROWED = rule(
    "request-union-narrowed", "breaking", "a request type accepts fewer alternatives",
    "input: str | List[str] no longer takes List[str]")  # fmt: skip
RESPONSE_UNION_NARROWED = rule(
    "response-union-narrowed", "non-breaking", "a response type has fewer alternatives",
    "content: str | List[ContentPart] is now always str")  # fmt: skip
REQUEST_TYPE_CHANGED = rule(
    "request-type-changed", "breaking", "a request field's or body's type changed",
    "CreatePet.age: str -> int")  # fmt: skip
RESPONSE_TYPE_CHANGED = rule(
    "response-type-changed", "breaking", "a response field's or body's type changed",
    "Pet.age: str -> int")  # fmt: skip


def compare_enums(ctx: Context, place: Place, was: EnumType, now: EnumType) -> None:
    """A closed enum: every value removed or added."""
    removed = [v for v in was.values if v not in now.values]
    added = [v for v in now.values if v not in was.values]
    if place.direction == "request":
        if removed:
            ctx.report.at(REQUEST_ENUM_VALUE_REMOVED, place, f"{_label(place)} no longer accepts {_values(removed)}")
        if added:
            ctx.report.at(REQUEST_ENUM_VALUE_ADDED, place, f"{_label(place)} now accepts {_values(added)}")
    else:
        if added:
            ctx.report.at(RESPONSE_ENUM_VALUE_ADDED, place, f"{_label(place)} may now be {_values(added)}")
        if removed:
            ctx.report.at(RESPONSE_ENUM_VALUE_REMOVED, place, f"{_label(place)} is no longer {_values(removed)}")


def compare_unions(ctx: Context, place: Place, was: TypeExpr, now: TypeExpr) -> None:
    """Two types at least one of which is a union: alternatives added, removed, and changed."""
    old_parts, new_parts = _alternatives(ctx, was, old=True), _alternatives(ctx, now, old=False)
    old_values, new_values = _enum_values(old_parts), _enum_values(new_parts)
    open_enum = "str" in old_parts and "str" in new_parts
    if open_enum:
        added_values = [v for v in new_values if v not in old_values]
        removed_values = [v for v in old_values if v not in new_values]
        if added_values:
            _widened(ctx, place, f"now also suggests {_values(added_values)}")
        if removed_values:
            ctx.report.at(OPEN_ENUM_VALUE_REMOVED, place, f"{_label(place)} no longer suggests {_values(removed_values)}")
    elif old_values or new_values:
        compare_enums(ctx, place, EnumType(tuple(old_values)), EnumType(tuple(new_values)))
    old_kinds = {k: t for k, t in old_parts.items() if k != "enum"}
    new_kinds = {k: t for k, t in new_parts.items() if k != "enum"}
    added = [new_kinds[k] for k in new_kinds if k not in old_kinds]
    removed = [old_kinds[k] for k in old_kinds if k not in new_kinds]
    if added:
        _widened(ctx, place, "may now also be " + " | ".join(type_text(t) for t in added))
    if removed:
        rule_ = REQUEST_UNION_NARROWED if place.direction == "request" else RESPONSE_UNION_NARROWED
        ctx.report.at(rule_, place, f"{_label(place)} no longer takes " + " | ".join(type_text(t) for t in removed))
    for key in old_kinds.keys() & new_kinds.keys():
        ctx.compare_types(place, old_kinds[key], new_kinds[key])


def type_changed(ctx: Context, place: Place, was: TypeExpr, now: TypeExpr) -> None:
    """A type replaced by another one (not a union widened or narrowed)."""
    if place.type_rule is not None:
        rule_ = place.type_rule
    elif place.direction == "request":
        rule_ = REQUEST_TYPE_CHANGED
    else:
        rule_ = RESPONSE_TYPE_CHANGED
    ctx.report.at(rule_, place, f"{_label(place)}: {type_text(was, place.direction)} -> {type_text(now, place.direction)}")


def _widened(ctx: Context, place: Place, what: str) -> None:
    rule_ = REQUEST_UNION_WIDENED if place.direction == "request" else RESPONSE_UNION_WIDENED
    ctx.report.at(rule_, place, f"{_label(place)} {what}")


def _alternatives(ctx: Context, type_: TypeExpr, old: bool) -> dict[str, Any]:
    """The alternatives of a type by kind: `enum` (a list of values), `ref:Name`, `array`, `str`, ..."""
    model = ctx.old if old else ctx.new
    found: dict[str, Any] = {}
    pending = [strip_null(type_)]
    while pending:
        current = pending.pop(0)
        if isinstance(current, RefType) and not isinstance(unalias(model, current), RefType):
            current = unalias(model, current)
        if isinstance(current, UnionType):
            pending[:0] = [strip_null(v) for v in current.variants]
        elif isinstance(current, EnumType):
            found.setdefault("enum", []).extend(v for v in current.values if v not in found.get("enum", []))
        elif isinstance(current, ConstType):
            found.setdefault("enum", []).append(current.value)
        elif isinstance(current, RefType):
            name = ctx.renamed.get(current.name, current.name) if old else current.name
            found[f"ref:{name}"] = current
        elif isinstance(current, PrimitiveType):
            found["str" if current.name == "string" else current.name] = current
        else:  # arrays, maps, any: one alternative of each kind, compared inside
            found[type(current).__name__] = current
    return found


def _enum_values(parts: dict[str, Any]) -> list[Any]:
    values: list[Any] = parts.get("enum", [])
    return values


def _label(place: Place) -> str:
    return place.where or "body"


def _values(values: list[Any]) -> str:
    return ", ".join(repr(v) for v in values)
