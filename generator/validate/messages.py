"""openapi-spec-validator's findings in words: one sentence per defect, with the fix where it is obvious.

The validator's messages are jsonschema's (`{...} is not valid under any of the schemas listed in
the 'oneOf' keyword`, with the schema that failed). Here each error is followed down to the
alternative and the key that failed, and said the way a reader fixes it:
`unknown type 'intger' (did you mean 'integer'?)`, `missing required field 'responses'`,
`description must be a string, not a number (12)`.
"""

from __future__ import annotations

import difflib
import json
from typing import Any, Sequence

_COMBINATORS = ("oneOf", "anyOf")
_TYPE_WORDS = {"string": "a string", "object": "a mapping", "array": "a list", "integer": "an integer",
               "number": "a number", "boolean": "true or false", "null": "null"}  # fmt: skip


def did_you_mean(word: Any, candidates: Sequence[Any]) -> str:
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, [c for c in candidates if isinstance(c, str)], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _shown(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, default=str) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _value_word(value: Any) -> str:
    if isinstance(value, dict) and "$ref" in value:
        return "a $ref"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    for python_type, word in ((dict, "a mapping"), (list, "a list"), (str, "a string"), (int, "a number"),
                              (float, "a number")):  # fmt: skip
        if isinstance(value, python_type):
            return word if python_type in (dict, list) else f"{word} ({_shown(value)})"
    return "null" if value is None else type(value).__name__


Path = list[Any]


def _leaves(error: Any, path: Path) -> list[tuple[Path, Any]]:
    """(path, error) for the errors that say what is wrong, below any oneOf/anyOf.

    The alternative `{$ref: ...}` is left out: it fails on every object that is not a reference,
    which says nothing. A sub-error's path is relative to the error it explains.
    """
    if error.validator not in _COMBINATORS or not error.context:
        return [(path, error)]
    found: list[tuple[Path, Any]] = []
    for sub in error.context:
        if sub.validator == "required" and list(sub.validator_value) == ["$ref"]:
            continue
        found += _leaves(sub, [*path, *sub.relative_path])
    return found or [(path, error)]


def explain(error: Any) -> tuple[Path, str]:
    """(the path of the defect, what it is in one sentence) for a jsonschema ValidationError."""
    leaves = _leaves(error, list(error.path))
    deepest = max(len(path) for path, _ in leaves)
    at_deepest = [(path, leaf) for path, leaf in leaves if len(path) == deepest]
    enums = [(path, leaf) for path, leaf in at_deepest if leaf.validator == "enum"]
    if enums and len({tuple(path) for path, _ in enums}) == 1:
        # Alternatives told apart by one key's value (a parameter's `in`): every allowed value, once.
        allowed = list(dict.fromkeys(v for _, e in enums for v in e.validator_value))
        path, leaf = enums[0]
        return path, _enum_message(path, leaf.instance, allowed)
    path, leaf = sorted(at_deepest, key=lambda entry: _preference(entry[1]))[0]
    return _leaf_message(path, leaf)


def _preference(error: Any) -> int:
    """Among errors at the same depth, the one that tells the most."""
    order = ("additionalProperties", "required", "enum", "type")
    return order.index(error.validator) if error.validator in order else len(order)


def _key(path: Sequence[Any]) -> str:
    return str(path[-1]) if path and isinstance(path[-1], str) and not path[-1].startswith("\x00") else "the value"


def _enum_message(path: Sequence[Any], value: Any, allowed: list[Any]) -> str:
    if _key(path) == "type":
        return f"unknown type {_shown(value)}{did_you_mean(value, allowed)}"
    listed = ", ".join(str(a) for a in allowed)
    return f"{_key(path)}: {_shown(value)} is not one of {listed}{did_you_mean(value, allowed)}"


def _leaf_message(path: Path, error: Any) -> tuple[Path, str]:
    validator, expected, value = error.validator, error.validator_value, error.instance
    if validator == "enum":
        return path, _enum_message(path, value, list(expected))
    if validator == "const":
        return path, f"{_key(path)} must be {_shown(expected)}, not {_shown(value)}"
    if validator == "required" and isinstance(value, dict):
        missing = [name for name in expected if name not in value]
        fields = ", ".join(repr(m) for m in missing) or repr(expected)
        return path, f"missing required field{'s' if len(missing) > 1 else ''} {fields}"
    if validator == "type":
        types = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in types)
        return path, f"{_key(path)} must be {wanted}, not {_value_word(value)}"
    if validator == "additionalProperties" and isinstance(value, dict):
        known = list((error.schema or {}).get("properties", {}))
        unexpected = [k for k in value if k not in known and not str(k).startswith("x-")]
        if unexpected:
            name = unexpected[0]
            return [*path, name], f"unknown field {name!r}{did_you_mean(name, known)}"
    if validator in _COMBINATORS:
        return path, f"{_key(path)} ({_value_word(value)}) is not any of the forms OpenAPI allows here"
    return path, " ".join(str(error.message).split())[:240]
