"""SDK-level changes to the model classes users import from `types`.

Every schema becomes a class (inline ones too), so one that disappears breaks import
sites; one that disappears while one of the same shape appears is a rename.
"""

from __future__ import annotations

import json

from generator.diff.core import MODELS_SITE, Context, Site
from generator.diff.rules import declarer
from generator.model.ir import ApiModel, ObjectSchema, Operation, SchemaDef, reachable

rule = declarer("sdk")

MODEL_RENAMED = rule(
    "model-renamed", "breaking", "a model class has a new name (same shape): imports of the old name fail",
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
    """old name -> new name for models that vanished while one of the same shape appeared."""
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
    old, new = ctx.old, ctx.new
    for old_name, new_name in ctx.renamed.items():
        ctx.report.add(MODEL_RENAMED, Site(MODELS_SITE), f"{old_name} is now {new_name}", old_name)
    still_used = _used_by(old, kept)
    for name in sorted(old.schemas.keys() - new.schemas.keys() - ctx.renamed.keys()):
        if old.schemas[name].inline and name not in still_used:
            continue
        ctx.report.add(MODEL_REMOVED, Site(MODELS_SITE), f"{name} no longer exists", name)
    for name in sorted(new.schemas.keys() - old.schemas.keys() - set(ctx.renamed.values())):
        if not new.schemas[name].inline:
            ctx.report.add(MODEL_ADDED, Site(MODELS_SITE), f"new model {name}", name)
