"""What several view modules share: reserved names, JSON media types and small helpers.

Nothing here decides a part of the output on its own; it keeps the decisions the
other modules make consistent (the same reserved names, the same idea of JSON).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.names import KEYWORDS, RUNTIME_NAMES, python_identifier
from generator.names import unique as unique  # where the view modules have always found it
from generator.render.escape import string_literal
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
    """`from source import names` (source as written: `typing`, `.order`, `..`), on one line when it fits."""

    source: str
    names: list[str]
    indent: int = 0

    @property
    def one_line(self) -> bool:
        return fits(f"from {self.source} import {', '.join(self.names)}", self.indent)



EXPORTS_PER_MODULE = 1000
"""How many classes one module re-exports for type checkers (`types/_exports_1.py`, ...): a few lines
each, so that no module grows with the number of component schemas."""


@dataclass
class LazyExports:
    """A package `__init__.py` that exports classes of its modules, each module imported on first use:
    `exports` maps each class to its module, relative to the package (`order`, `threads.threads`).

    Type checkers read the classes from its imports under `TYPE_CHECKING`: one per class, or, where
    the classes are `chunked`, star imports of modules that each re-export `EXPORTS_PER_MODULE`."""

    doc: str
    exports: dict[str, str]
    chunked: bool = False

    @property
    def checking_imports(self) -> list[ImportView]:
        """What `if TYPE_CHECKING:` imports: `from .module import Name as Name` for each class, or
        `from ._exports_1 import *` for each chunk."""
        if self.chunked:
            return [ImportView(f".{name}", ["*"], 4) for name, _ in self.chunks]
        return [ImportView("." + module, [f"{name} as {name}"], 4) for name, module in self.exports.items()]

    @property
    def chunks(self) -> list[tuple[str, list[ImportView]]]:
        """The modules that re-export the classes, with their imports (none unless chunked)."""
        items = list(self.exports.items())
        if not self.chunked:
            return []
        return [
            (f"_exports_{number}", [ImportView("." + module, [f"{name} as {name}"]) for name, module in part])
            for number, part in enumerate((items[i : i + EXPORTS_PER_MODULE] for i in range(0, len(items), EXPORTS_PER_MODULE)), 1)
        ]

    @property
    def index(self) -> tuple[list[str], bool]:
        """`Name:module` pairs as string literals, as many to a line as fit, and whether they go in
        parentheses, a line each (as black lays them out: one line when they fit on it, or when
        one string alone would not fit in parentheses either)."""
        pairs = [f"{name}:{module}" for name, module in self.exports.items()]
        whole = string_literal(" ".join(pairs))
        if fits(f"_INDEX = {whole}"):
            return [whole], False
        lines: list[str] = []
        for pair in pairs:
            if lines and fits(f'"{lines[-1]} {pair} "', 4):
                lines[-1] += " " + pair
            else:
                lines.append(pair)
        literals = [string_literal(line + " ") for line in lines[:-1]] + [string_literal(lines[-1])]
        return literals, len(literals) > 1 or fits(literals[0], 4)
