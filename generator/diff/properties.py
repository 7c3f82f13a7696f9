"""Schemas and their properties: fields added, removed, made required, optional or nullable.

Properties are compared as the generated class has them: inherited ones (`allOf` bases)
included, and `required` lists of an `allOf` member applied to the base's properties.
"""

from __future__ import annotations

from generator.diff.core import Context, Place
from generator.diff.rules import declarer
from generator.model.ir import ObjectSchema, is_nullable

rule = declarer("properties")

REQUEST_FIELD_REMOVED = rule(
    "request-field-removed", "breaking", "a request field was removed: its keyword argument is gone",
    "CreatePet.tag removed: client.pets.create(tag=...) fails")  # fmt: skip
REQUEST_FIELD_ADDED_REQUIRED = rule(
    "request-field-added-required", "breaking", "a new required request field: existing calls miss it",
    "new required CreateApiKey.scopes: client.api_keys.create() needs scopes=")  # fmt: skip
REQUEST_FIELD_ADDED_OPTIONAL = rule(
    "request-field-added-optional", "non-breaking", "a new optional request field",
    "new optional CreatePet.tag: client.pets.create(tag=...) may pass it")  # fmt: skip
REQUEST_FIELD_BECAME_REQUIRED = rule(
    "request-field-became-required", "breaking", "an optional request field became required (also through allOf)",
    "CreatePet.tag now required: client.pets.create(name=...) without tag= is rejected")  # fmt: skip
REQUEST_FIELD_BECAME_OPTIONAL = rule(
    "request-field-became-optional", "non-breaking", "a required request field became optional",
    "CreatePet.name now optional: client.pets.create() may omit name=")  # fmt: skip
RESPONSE_FIELD_REMOVED = rule(
    "response-field-removed", "breaking", "a response field was removed (also when the response switches model)",
    "Pet.tag removed: client.pets.retrieve(...).tag is gone")  # fmt: skip
RESPONSE_FIELD_ADDED = rule(
    "response-field-added", "non-breaking", "a new response field",
    "new Pet.owner: client.pets.retrieve(...).owner")  # fmt: skip
RESPONSE_FIELD_BECAME_OPTIONAL = rule(
    "response-field-became-optional", "breaking", "a response field may now be missing",
    "Pet.name no longer required: client.pets.retrieve(...).name may be None")  # fmt: skip
RESPONSE_FIELD_BECAME_NULLABLE = rule(
    "response-field-became-nullable", "breaking", "a response field may now be null",
    "Pet.name nullable: client.pets.retrieve(...).name may be None")  # fmt: skip


def compare_objects(ctx: Context, place: Place, before: ObjectSchema, after: ObjectSchema) -> None:
    """Compare two object schemas field by field, in the direction of place."""
    old_props, new_props = ctx.properties(ctx.old, before), ctx.properties(ctx.new, after)
    request = place.direction == "request"
    for name in sorted(old_props.keys() - new_props.keys()):
        prop = old_props[name]
        here = place.field(name, before.name)
        if request and not prop.read_only:
            ctx.report.at(REQUEST_FIELD_REMOVED, here, f"{place.field_label(name)} was removed")
        elif not request and not prop.write_only:
            ctx.report.at(RESPONSE_FIELD_REMOVED, here, f"{place.field_label(name)} was removed")
    for name in sorted(new_props.keys() - old_props.keys()):
        prop = new_props[name]
        here = place.field(name, after.name)
        if request and not prop.read_only:
            if prop.required:
                ctx.report.at(REQUEST_FIELD_ADDED_REQUIRED, here, f"new required {place.field_label(name)}")
            else:
                ctx.report.at(REQUEST_FIELD_ADDED_OPTIONAL, here, f"new optional {place.field_label(name)}")
        elif not request and not prop.write_only:
            ctx.report.at(RESPONSE_FIELD_ADDED, here, f"new {place.field_label(name)}")
    for name in sorted(old_props.keys() & new_props.keys()):
        was, now = old_props[name], new_props[name]
        here = place.field(name, after.name)
        label = place.field_label(name)
        if request and not now.read_only and was.required != now.required:
            if now.required:
                ctx.report.at(REQUEST_FIELD_BECAME_REQUIRED, here, f"{label} is now required")
            else:
                ctx.report.at(REQUEST_FIELD_BECAME_OPTIONAL, here, f"{label} is now optional")
        if not request and was.required and not now.required:
            ctx.report.at(RESPONSE_FIELD_BECAME_OPTIONAL, here, f"{label} may now be missing")
        if not request and not is_nullable(was.type) and is_nullable(now.type):
            ctx.report.at(RESPONSE_FIELD_BECAME_NULLABLE, here, f"{label} may now be null")
        ctx.compare_types(here, was.type, now.type)
