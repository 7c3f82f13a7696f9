"""What several view modules share: reserved names, JSON media types and small helpers.

Nothing here decides a part of the output on its own; it keeps the decisions the
other modules make consistent (the same reserved names, the same idea of JSON).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.names import KEYWORDS, RUNTIME_NAMES, python_identifier
from generator.render.layout import fits
from generator.render.views.method_options import OPTION_NAMES

# Names a model's annotations use (and the names its module imports): a field may not shadow them.
_MODEL_ANNOTATION_NAMES = frozenset(
    {"str", "int", "float", "bool", "Annotated", "Discriminator", "Tag", "discriminate"}
)
# pydantic's BaseModel attributes (a field of that name shadows them) and our helpers.
_PYDANTIC_NAMES = frozenset(
    {"construct", "copy", "dict", "from_orm", "json", "model_computed_fields", "model_config", "model_construct",
     "model_copy", "model_dump", "model_dump_json", "model_extra", "model_fields", "model_fields_set",
     "model_json_schema", "model_parametrized_name", "model_post_init", "model_rebuild", "model_validate",
     "model_validate_json", "model_validate_strings", "parse_file", "parse_obj", "parse_raw", "schema",
     "schema_json", "update_forward_refs", "validate", "to_dict", "to_json", "construct_lenient"}
)  # fmt: skip
# Names a generated model field may not take. `object`, `type`, `id`, `bytes`, `format` are allowed:
# model annotations never use them, so the API's own spelling stays.
MODEL_RESERVED = KEYWORDS | (RUNTIME_NAMES - {"annotations"}) | _MODEL_ANNOTATION_NAMES | _PYDANTIC_NAMES
# Keyword arguments every method has, and the names its body uses; operation arguments may not take
# them. Builtins are allowed (`type`, `id`, `object`): a parameter's annotation is evaluated outside
# the function. Arguments are snake_case (`workspace_id` for `workspaceId`), as the spec's own Python
# samples (the Portkey SDK) spell them.
METHOD_RESERVED = KEYWORDS | RUNTIME_NAMES | OPTION_NAMES | frozenset({"self", "locals"})


def argument_name(wire_name: str, kind: Literal["param", "field"]) -> str:
    """The keyword a method takes for a parameter or body field of this wire name (before de-duplication)."""
    return python_identifier(wire_name, kind, METHOD_RESERVED)


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
