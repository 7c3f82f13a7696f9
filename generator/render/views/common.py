"""What several view modules share: reserved names, JSON media types and small helpers.

Nothing here decides a part of the output on its own; it keeps the decisions the
other modules make consistent (the same reserved names, the same idea of JSON).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.ir import ObjectSchema, Property, SchemaDef
from generator.names import KEYWORDS, RUNTIME_NAMES
from generator.render.layout import fits

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
class ImportView:
    """`from .source import names`, on one line when it fits."""

    source: str
    names: list[str]
    indent: int = 0

    @property
    def one_line(self) -> bool:
        return fits(f"from .{self.source} import {', '.join(self.names)}", self.indent)


def unique(name: str, taken: set[str]) -> str:
    """`name`, or `name_2`, `name_3`... the first not yet taken; recorded as taken."""
    candidate, counter = name, 2
    while candidate in taken:
        candidate = f"{name}_{counter}"
        counter += 1
    taken.add(candidate)
    return candidate


def all_properties(schema: ObjectSchema, schemas: dict[str, SchemaDef]) -> list[Property]:
    """The schema's properties with its bases' (inherited first; its own override them)."""
    inherited: list[Property] = []
    for base in schema.bases:
        base_schema = schemas.get(base)
        if isinstance(base_schema, ObjectSchema):
            inherited.extend(all_properties(base_schema, schemas))
    own = {p.name for p in schema.properties}
    return [p for p in inherited if p.name not in own] + list(schema.properties)
