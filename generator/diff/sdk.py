"""SDK-level changes to the model classes users import: from `types` (a component's) or from
their module below it (an inline one's: `from client.types.order import Address`).

Each class is named by the import path placement.py gives it (the one place render and diff
share): a class that disappears breaks import sites; one that disappears while one of the same
shape appears, or whose name or module changes, is a rename.
"""

from __future__ import annotations

import json

from generator.diff.core import MODELS_SITE, Context, Site
from generator.diff.rules import declarer
from generator.model.ir import ApiModel, ObjectSchema, Operation, SchemaDef, reachable
from generator.render.placement import TypeName, model_placement

rule = declarer("sdk")

MODEL_RENAMED = rule(
    "model-renamed", "breaking", "a model class has a new name or module (same shape): imports of the old one fail",
    "from client.types import PetRequest fails: it is now CreatePetRequest")  # fmt: skip
MODEL_REMOVED = rule(
    "model-removed", "breaking", "a model class users may import was removed (or folded into a union)",
    "from client.types import PetStatus fails")  # fmt: skip
MODEL_ADDED = rule(
    "model-added", "non-breaking", "a new model class (from components/schemas)",
    "new client.types.Toy")  # fmt: skip


def _shape(schema: SchemaDef) -> str:
    if isinstance(schema, ObjectSchema):
        return json.dumps(sorted((p.name, p.required, repr(p.type)) for p in schema.properties) + sorted(schema.bases))
    return repr(schema.type)


def renamed_models(old: ApiModel, new: ApiModel) -> dict[str, str]:
    """old name -> new name for schemas that vanished while one of the same shape appeared."""
    gone = {n: _shape(s) for n, s in old.schemas.items() if n not in new.schemas}
    came: dict[str, str] = {}
    for name, schema in sorted(new.schemas.items()):
        if name not in old.schemas:
            came.setdefault(_shape(schema), name)
    return {name: came[shape] for name, shape in sorted(gone.items()) if shape in came}


def _used_by(model: ApiModel, operations: list[Operation]) -> set[str]:
    types = [p.type for op in operations for p in op.parameters]
    types += [m.type for op in operations if op.request_body for m in op.request_body.contents]
    types += [m.type for op in operations for r in op.responses for m in r.contents]
    return reachable(types, model.schemas)


def compare_models(ctx: Context, kept: list[Operation]) -> None:
    """`kept`: the old operations that still exist (an inline class of a removed one goes with it)."""
    old, new = model_placement(ctx.old).names, model_placement(ctx.new).names
    moved = {name: name for name in old.keys() & new.keys() if old[name].import_path != new[name].import_path}
    renamed = {name: ctx.renamed[name] for name in old if ctx.renamed.get(name) in new} | moved
    for old_name, new_name in sorted(renamed.items()):
        was, now = old[old_name], new[new_name]
        if was.import_path != now.import_path:
            ctx.report.add(MODEL_RENAMED, Site(MODELS_SITE), f"{_shown(was)} is now {_shown(now)}", was.import_path)
    still_used = _used_by(ctx.old, kept)
    for name in sorted(old.keys() - new.keys() - renamed.keys()):
        if ctx.old.schemas[name].inline and name not in still_used:
            continue
        ctx.report.add(MODEL_REMOVED, Site(MODELS_SITE), f"{_shown(old[name])} no longer exists", old[name].import_path)
    for name in sorted(new.keys() - old.keys() - set(renamed.values())):
        if new[name].shared:
            ctx.report.add(MODEL_ADDED, Site(MODELS_SITE), f"new model {_shown(new[name])}", new[name].import_path)


def _shown(name: TypeName) -> str:
    """How a class is imported: `types.Pet`, `types.pet_create_response.Status`."""
    return f"types.{name.import_path}"
