"""The one escaping layer: every spec string reaches generated code through here."""

from __future__ import annotations

import math
import unicodedata
from typing import Any

# Characters Python or editors may treat as line breaks, and other invisible controls.
_SPECIAL = {"\\": "\\\\", "\r": "\\r", "\t": "    ", "\x0b": "\\x0b", "\x0c": "\\x0c", "\x85": "\\x85",
            "\u2028": "\\u2028", "\u2029": "\\u2029", "\ufeff": "\\ufeff"}  # fmt: skip


def docstring_text(text: str | None, max_length: int = 4000) -> str:
    """Text safe inside a triple-double-quoted (non-raw) docstring."""
    if not text:
        return ""
    if len(text) > max_length:
        text = text[: max_length - 1] + "…"
    out: list[str] = []
    for char in text:
        if char in _SPECIAL:
            out.append(_SPECIAL[char])
        elif char == "\n":
            out.append("\n")
        elif unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    escaped = "".join(out).replace('"""', '\\"\\"\\"')
    escaped = "\n".join(line.rstrip() for line in escaped.split("\n")).strip()
    if escaped.endswith('"'):
        escaped = escaped[:-1] + '\\"'
    return escaped


def string_literal(text: str) -> str:
    """A Python string literal for text (repr always yields a valid, inert literal)."""
    return repr(str(text))


def value_literal(value: Any) -> str:
    """A Python literal for a JSON value."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "None"
    if isinstance(value, str):
        return string_literal(value)
    if isinstance(value, list):
        return "[" + ", ".join(value_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{string_literal(str(k))}: {value_literal(v)}" for k, v in value.items()) + "}"
    return string_literal(str(value))
