"""The walk through two versions of a type: references, arrays, maps, enums and unions."""

from __future__ import annotations

from generator.diff import properties, unions
from generator.diff.core import Context, Place, strip_null, unalias
from generator.model.ir import ArrayType, EnumType, MapType, ObjectSchema, RefType, TypeExpr, UnionType

MAX_DEPTH = 64


def compare_types(ctx: Context, place: Place, was: TypeExpr, now: TypeExpr) -> None:
    """Report every change between two versions of the type found at place."""
    if place.depth > MAX_DEPTH:
        return
    was, now = strip_null(was), strip_null(now)
    if isinstance(was, RefType) and isinstance(now, RefType):
        key = (was.name, now.name)
        if key in place.visited:
            return
        place.visited.add(key)
        before, after = ctx.old.schemas.get(was.name), ctx.new.schemas.get(now.name)
        if isinstance(before, ObjectSchema) and isinstance(after, ObjectSchema):
            # The same model, a renamed one or another one altogether: field by field.
            properties.compare_objects(ctx, place, before, after)
            return
    was, now = unalias(ctx.old, was), unalias(ctx.new, now)
    if isinstance(was, EnumType) and isinstance(now, EnumType):
        unions.compare_enums(ctx, place, was, now)
    elif isinstance(was, UnionType) or isinstance(now, UnionType):
        unions.compare_unions(ctx, place, was, now)
    elif isinstance(was, ArrayType) and isinstance(now, ArrayType):
        compare_types(ctx, place.item("[]"), was.items, now.items)
    elif isinstance(was, MapType) and isinstance(now, MapType):
        compare_types(ctx, place.item("{}"), was.values, now.values)
    elif not ctx.same_type(was, now, place.direction):
        unions.type_changed(ctx, place, was, now)
