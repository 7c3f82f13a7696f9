"""Compare two API models and classify every change for users of the generated client.

Wire-level rules in the spirit of oasdiff, plus SDK-level ones (a method moved, a
keyword argument renamed, a model class renamed). Operations are matched by method and
path; models by name, and a model that disappears while one of the same shape appears
is a rename.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from generator.model.ir import (
    AliasSchema,
    ApiModel,
    EnumType,
    ObjectSchema,
    Operation,
    Property,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
    is_nullable,
    reachable,
)
from generator.render.annotations import Annotator

Severity = Literal["breaking", "warning", "non-breaking"]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    description: str


RULES: dict[str, Rule] = {rule.id: rule for rule in (
    Rule("operation-removed", "breaking", "an operation was removed: its method no longer exists"),
    Rule("operation-added", "non-breaking", "a new operation (and method)"),
    Rule("method-moved", "breaking", "the operation's method has a new name or place in the client"),
    Rule("operation-id-changed", "non-breaking", "the operationId changed, the method did not"),
    Rule("parameter-removed", "breaking", "a parameter was removed: its keyword argument is gone"),
    Rule("parameter-added-required", "breaking", "a new required parameter: existing calls miss it"),
    Rule("parameter-added-optional", "non-breaking", "a new optional parameter"),
    Rule("argument-renamed", "breaking", "a parameter was renamed: its keyword argument has a new name"),
    Rule("parameter-became-required", "breaking", "an optional parameter became required"),
    Rule("parameter-became-optional", "non-breaking", "a required parameter became optional"),
    Rule("parameter-type-changed", "breaking", "a parameter's type changed"),
    Rule("request-body-added-required", "breaking", "the operation now requires a request body"),
    Rule("request-field-removed", "breaking", "a request body field was removed: its keyword argument is gone"),
    Rule("request-field-added-required", "breaking", "a new required request field: existing calls miss it"),
    Rule("request-field-added-optional", "non-breaking", "a new optional request field"),
    Rule("request-field-became-required", "breaking", "an optional request field became required"),
    Rule("request-field-became-optional", "non-breaking", "a required request field became optional"),
    Rule("request-type-changed", "breaking", "a request field's type changed or narrowed"),
    Rule("request-enum-value-removed", "breaking", "a value the API accepted is no longer allowed"),
    Rule("request-enum-value-added", "non-breaking", "the API accepts a new value"),
    Rule("response-enum-value-added", "warning", "the API may return a value older code does not expect"),
    Rule("response-enum-value-removed", "non-breaking", "the API no longer returns a value"),
    Rule("success-status-removed", "breaking", "a success status is no longer documented"),
    Rule("media-type-removed", "breaking", "a request or response content type was removed"),
    Rule("media-type-added", "non-breaking", "a new request or response content type"),
    Rule("response-field-removed", "breaking", "a response field was removed"),
    Rule("response-field-became-optional", "breaking", "a response field may now be missing"),
    Rule("response-field-became-nullable", "breaking", "a response field may now be null"),
    Rule("response-field-added", "non-breaking", "a new response field"),
    Rule("response-type-changed", "breaking", "a response field's or body's type changed"),
    Rule("model-renamed", "breaking", "a model class has a new name (same shape)"),
    Rule("model-removed", "breaking", "a model class was removed"),
    Rule("model-added", "non-breaking", "a new model class"),
)}  # fmt: skip


@dataclass(frozen=True)
class Change:
    rule: str
    severity: Severity
    subject: str
    detail: str


def compare(old: ApiModel, new: ApiModel, severities: dict[str, str] | None = None) -> list[Change]:
    """Every change from old to new, classified; `severities` overrides a rule's default."""
    changes: list[tuple[str, str, str]] = []
    renamed = _renamed_models(old, new)
    _compare_models(old, new, renamed, changes)
    old_ops = {(op.method, op.path): op for op in old.operations}
    new_ops = {(op.method, op.path): op for op in new.operations}
    for key in sorted(old_ops.keys() - new_ops.keys()):
        op = old_ops[key]
        changes.append(("operation-removed", _op_subject(op), f"{'.'.join(op.call_path)} is gone"))
    for key in sorted(new_ops.keys() - old_ops.keys()):
        op = new_ops[key]
        changes.append(("operation-added", _op_subject(op), f"new method {'.'.join(op.call_path)}"))
    for key in sorted(old_ops.keys() & new_ops.keys()):
        _compare_operations(old_ops[key], new_ops[key], old, new, renamed, changes)
    overrides = severities or {}
    return [
        Change(rule, _severity(rule, overrides), subject, detail)
        for rule, subject, detail in changes
    ]


def _severity(rule: str, overrides: dict[str, str]) -> Severity:
    severities: dict[str, Severity] = {"breaking": "breaking", "warning": "warning", "non-breaking": "non-breaking"}
    return severities.get(overrides.get(rule, ""), RULES[rule].severity)


def _op_subject(op: Operation) -> str:
    return f"{op.method.upper()} {op.path}"


# -- models ------------------------------------------------------------------------------


def _shape(schema: SchemaDef) -> str:
    if isinstance(schema, ObjectSchema):
        return json.dumps(sorted((p.name, p.required, repr(p.type)) for p in schema.properties) + sorted(schema.bases))
    return repr(schema.type)


def _renamed_models(old: ApiModel, new: ApiModel) -> dict[str, str]:
    """old name -> new name for models that vanished while one of the same shape appeared."""
    gone = {n: _shape(s) for n, s in old.schemas.items() if n not in new.schemas and not s.inline}
    came = {_shape(s): n for n, s in new.schemas.items() if n not in old.schemas and not s.inline}
    return {name: came[shape] for name, shape in sorted(gone.items()) if shape in came}


def _usage(model: ApiModel) -> tuple[set[str], set[str]]:
    """Names of schemas reachable from requests, and from responses."""

    requests = [p.type for op in model.operations for p in op.parameters]
    requests += [m.type for op in model.operations if op.request_body for m in op.request_body.contents]
    responses = [m.type for op in model.operations for r in op.responses for m in r.contents]
    return reachable(requests, model.schemas), reachable(responses, model.schemas)


def _compare_models(old: ApiModel, new: ApiModel, renamed: dict[str, str], changes: list[tuple[str, str, str]]) -> None:
    for old_name, new_name in renamed.items():
        changes.append(("model-renamed", old_name, f"{old_name} is now {new_name}"))
    for name in sorted(old.schemas.keys() - new.schemas.keys() - renamed.keys()):
        if not old.schemas[name].inline:
            changes.append(("model-removed", name, f"{name} no longer exists"))
    for name in sorted(new.schemas.keys() - old.schemas.keys() - set(renamed.values())):
        if not new.schemas[name].inline:
            changes.append(("model-added", name, f"new model {name}"))
    old_requests, old_responses = _usage(old)
    for name in sorted(old.schemas.keys() & new.schemas.keys()):
        before, after = old.schemas[name], new.schemas[name]
        in_request, in_response = name in old_requests, name in old_responses
        if isinstance(before, ObjectSchema) and isinstance(after, ObjectSchema):
            _compare_properties(name, before.properties, after.properties, in_request, in_response, renamed, changes)
        elif isinstance(before, AliasSchema) and isinstance(after, AliasSchema):
            _compare_types(name, before.type, after.type, in_request, in_response, renamed, changes)


def _compare_properties(
    owner: str, before: list[Property], after: list[Property], in_request: bool, in_response: bool,
    renamed: dict[str, str], changes: list[tuple[str, str, str]],
) -> None:  # fmt: skip
    old_props = {p.name: p for p in before}
    new_props = {p.name: p for p in after}
    for name in sorted(old_props.keys() - new_props.keys()):
        if in_request:
            changes.append(("request-field-removed", f"{owner}.{name}", f"{owner}.{name} was removed"))
        if in_response:
            changes.append(("response-field-removed", f"{owner}.{name}", f"{owner}.{name} was removed"))
    for name in sorted(new_props.keys() - old_props.keys()):
        prop = new_props[name]
        if in_request:
            rule = "request-field-added-required" if prop.required else "request-field-added-optional"
            changes.append((rule, f"{owner}.{name}", f"new {'required' if prop.required else 'optional'} field {name}"))
        if in_response:
            changes.append(("response-field-added", f"{owner}.{name}", f"new field {name}"))
    for name in sorted(old_props.keys() & new_props.keys()):
        was, now = old_props[name], new_props[name]
        subject = f"{owner}.{name}"
        if in_request and was.required != now.required:
            rule = "request-field-became-required" if now.required else "request-field-became-optional"
            changes.append((rule, subject, f"{name} is now {'required' if now.required else 'optional'}"))
        if in_response and was.required and not now.required:
            changes.append(("response-field-became-optional", subject, f"{name} may now be missing"))
        if in_response and not is_nullable(was.type) and is_nullable(now.type):
            changes.append(("response-field-became-nullable", subject, f"{name} may now be null"))
        _compare_types(subject, was.type, now.type, in_request, in_response, renamed, changes)


def _strip_null(type_: TypeExpr) -> TypeExpr:
    if isinstance(type_, UnionType):
        variants = tuple(v for v in type_.variants if not repr(v).startswith("NullType"))
        return variants[0] if len(variants) == 1 else UnionType(variants, type_.discriminator)
    return type_


def _rename(type_: TypeExpr, renamed: dict[str, str]) -> str:
    text = repr(_strip_null(type_))
    for old_name, new_name in renamed.items():
        text = text.replace(f"RefType(name='{old_name}')", f"RefType(name='{new_name}')")
    return text


def _compare_types(
    subject: str, before: TypeExpr, after: TypeExpr, in_request: bool, in_response: bool,
    renamed: dict[str, str], changes: list[tuple[str, str, str]],
) -> None:  # fmt: skip
    was, now = _strip_null(before), _strip_null(after)
    if isinstance(was, EnumType) and isinstance(now, EnumType):
        removed = [v for v in was.values if v not in now.values]
        added = [v for v in now.values if v not in was.values]
        if removed and in_request:
            changes.append(("request-enum-value-removed", subject, f"no longer accepts {removed}"))
        if added and in_request:
            changes.append(("request-enum-value-added", subject, f"now accepts {added}"))
        if added and in_response:
            changes.append(("response-enum-value-added", subject, f"may now return {added}"))
        if removed and in_response:
            changes.append(("response-enum-value-removed", subject, f"no longer returns {removed}"))
        return
    if _rename(was, renamed) == repr(now):
        return
    if in_request:
        changes.append(("request-type-changed", subject, f"type changed: {_type_text(was)} -> {_type_text(now)}"))
    if in_response:
        changes.append(("response-type-changed", subject, f"type changed: {_type_text(was)} -> {_type_text(now)}"))


def _type_text(type_: TypeExpr) -> str:
    """A type as a reader of the generated code would write it: `List[Pet]`, `Optional[str]`."""
    return Annotator({}).annotate(type_)


# -- operations --------------------------------------------------------------------------


def _compare_operations(
    was: Operation, now: Operation, old: ApiModel, new: ApiModel, renamed: dict[str, str],
    changes: list[tuple[str, str, str]],
) -> None:  # fmt: skip
    subject = _op_subject(was)
    if was.call_path != now.call_path:
        changes.append(("method-moved", subject, f"{'.'.join(was.call_path)} is now {'.'.join(now.call_path)}"))
    elif was.operation_id != now.operation_id:
        changes.append(("operation-id-changed", subject, f"operationId {was.operation_id} -> {now.operation_id}"))
    old_params = {(p.location, p.name): p for p in was.parameters}
    new_params = {(p.location, p.name): p for p in now.parameters}
    removed = sorted(old_params.keys() - new_params.keys())
    added = sorted(new_params.keys() - old_params.keys())
    for key in list(removed):
        twin = next((k for k in added if k[0] == key[0] and repr(new_params[k].type) == repr(old_params[key].type)
                     and new_params[k].required == old_params[key].required), None)  # fmt: skip
        if twin is not None:
            changes.append(("argument-renamed", subject, f"{key[0]} parameter {key[1]} is now {twin[1]}"))
            removed.remove(key)
            added.remove(twin)
    for location, name in removed:
        changes.append(("parameter-removed", subject, f"{location} parameter {name} was removed"))
    for location, name in added:
        required = new_params[(location, name)].required
        rule = "parameter-added-required" if required else "parameter-added-optional"
        changes.append((rule, subject, f"new {'required' if required else 'optional'} {location} parameter {name}"))
    for key in sorted(old_params.keys() & new_params.keys()):
        before, after = old_params[key], new_params[key]
        if before.required != after.required:
            rule = "parameter-became-required" if after.required else "parameter-became-optional"
            changes.append((rule, subject, f"{key[0]} parameter {key[1]} is now {'required' if after.required else 'optional'}"))
        if isinstance(before.type, EnumType) or isinstance(after.type, EnumType):
            _compare_types(f"{subject} {key[1]}", before.type, after.type, True, False, renamed, changes)
        elif _rename(before.type, renamed) != repr(_strip_null(after.type)):
            changes.append(("parameter-type-changed", subject, f"{key[0]} parameter {key[1]}: "
                            f"{_type_text(before.type)} -> {_type_text(after.type)}"))  # fmt: skip
    _compare_bodies(was, now, old, new, renamed, subject, changes)
    _compare_responses(was, now, renamed, subject, changes)


def _compare_bodies(
    was: Operation, now: Operation, old: ApiModel, new: ApiModel, renamed: dict[str, str], subject: str,
    changes: list[tuple[str, str, str]],
) -> None:  # fmt: skip
    before = {m.content_type: m.type for m in was.request_body.contents} if was.request_body else {}
    after = {m.content_type: m.type for m in now.request_body.contents} if now.request_body else {}
    if not before and now.request_body and now.request_body.required:
        changes.append(("request-body-added-required", subject, "a request body is now required"))
    for content_type in sorted(before.keys() - after.keys()):
        if after:
            changes.append(("media-type-removed", subject, f"request content type {content_type} was removed"))
    for content_type in sorted(after.keys() - before.keys()):
        if before:
            changes.append(("media-type-added", subject, f"request content type {content_type} was added"))
    for content_type in sorted(before.keys() & after.keys()):
        old_type, new_type = before[content_type], after[content_type]
        old_schema = old.schemas.get(old_type.name) if isinstance(old_type, RefType) else None
        new_schema = new.schemas.get(new_type.name) if isinstance(new_type, RefType) else None
        if isinstance(old_schema, ObjectSchema) and isinstance(new_schema, ObjectSchema) and old_schema.inline:
            # An inline body is compared here; named ones are compared as models.
            _compare_properties(f"{subject} body", old_schema.properties, new_schema.properties, True, False,
                                renamed, changes)  # fmt: skip
        elif not isinstance(old_schema, ObjectSchema) and _rename(old_type, renamed) != repr(_strip_null(new_type)):
            changes.append(("request-type-changed", subject, f"body: {_type_text(old_type)} -> {_type_text(new_type)}"))


def _compare_responses(
    was: Operation, now: Operation, renamed: dict[str, str], subject: str, changes: list[tuple[str, str, str]]
) -> None:
    before = {r.status: r for r in was.responses}
    after = {r.status: r for r in now.responses}
    for status in sorted(before.keys() - after.keys()):
        if status.startswith("2"):
            changes.append(("success-status-removed", subject, f"status {status} is no longer documented"))
    for status in sorted(before.keys() & after.keys()):
        old_media = {m.content_type: m.type for m in before[status].contents}
        new_media = {m.content_type: m.type for m in after[status].contents}
        for content_type in sorted(old_media.keys() - new_media.keys()):
            changes.append(("media-type-removed", subject, f"{status} response content type {content_type} was removed"))
        for content_type in sorted(new_media.keys() - old_media.keys()):
            changes.append(("media-type-added", subject, f"{status} response content type {content_type} was added"))
        for content_type in sorted(old_media.keys() & new_media.keys()):
            old_type, new_type = old_media[content_type], new_media[content_type]
            if isinstance(old_type, RefType) and isinstance(new_type, RefType):
                if renamed.get(old_type.name, old_type.name) != new_type.name:
                    changes.append(("response-type-changed", subject,
                                    f"{status} body: {old_type.name} -> {new_type.name}"))  # fmt: skip
            elif _rename(old_type, renamed) != repr(_strip_null(new_type)):
                changes.append(("response-type-changed", subject,
                                f"{status} body: {_type_text(old_type)} -> {_type_text(new_type)}"))  # fmt: skip


# -- reports -----------------------------------------------------------------------------

_ORDER = {"breaking": 0, "warning": 1, "non-breaking": 2}


def render_text(changes: list[Change]) -> str:
    if not changes:
        return "No changes.\n"
    lines = [_summary(changes)]
    for change in sorted(changes, key=lambda c: (_ORDER[c.severity], c.subject, c.rule)):
        lines.append(f"{change.severity:12} {change.rule:30} {change.subject}: {change.detail}")
    return "\n".join(lines) + "\n"


def render_json(changes: list[Change]) -> str:
    return json.dumps({"summary": _counts(changes), "changes": [asdict(c) for c in changes]}, indent=2) + "\n"


def render_markdown(changes: list[Change]) -> str:
    if not changes:
        return "## API changes\n\nNo changes.\n"
    lines = ["## API changes", "", _summary(changes), "", "| severity | rule | where | what |", "| --- | --- | --- | --- |"]
    for change in sorted(changes, key=lambda c: (_ORDER[c.severity], c.subject, c.rule)):
        cells = [change.severity, f"`{change.rule}`", f"`{change.subject}`", change.detail]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def rules_table() -> str:
    lines = ["| rule | default severity | meaning |", "| --- | --- | --- |"]
    lines += [f"| `{r.id}` | {r.severity} | {r.description} |" for r in RULES.values()]
    return "\n".join(lines) + "\n"


def _counts(changes: list[Change]) -> dict[str, int]:
    return {severity: sum(1 for c in changes if c.severity == severity) for severity in _ORDER}


def _summary(changes: list[Change]) -> str:
    counts = _counts(changes)
    return f"{counts['breaking']} breaking, {counts['warning']} warnings, {counts['non-breaking']} non-breaking changes"
