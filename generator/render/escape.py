"""The one escaping layer: every spec string reaches generated code through here."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from typing import Any

_ESCAPED_SINGLE_QUOTE = re.compile(r"\\'")

# Characters Python or editors may treat as line breaks, and other invisible controls.
_SPECIAL = {"\\": "\\\\", '"': '\\"', "\r": "\\r", "\t": "    ", "\x0b": "\\x0b", "\x0c": "\\x0c", "\x85": "\\x85",
            "\u2028": "\\u2028", "\u2029": "\\u2029", "\ufeff": "\\ufeff"}  # fmt: skip


@functools.lru_cache(maxsize=4096)
def docstring_text(text: str | None, max_length: int = 4000) -> str:
    """Text safe inside a triple-double-quoted (non-raw) docstring (kept for the texts a spec repeats)."""
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
        elif unicodedata.category(char) == "Cs":
            # A lone surrogate cannot be UTF-8 encoded, and a class docstring must be: replace it.
            out.append("\ufffd")
        elif unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn", "Zl", "Zp"):
            out.append(_escape_code_point(ord(char)))
        else:
            out.append(char)
    # Every quote and backslash is escaped above, so no run of quotes can end the docstring.
    return _dedent_continuation("\n".join(line.rstrip() for line in "".join(out).split("\n")).strip())


def _dedent_continuation(text: str) -> str:
    """PEP 257 trimming: the common indentation of the lines after the first is removed."""
    lines = text.split("\n")
    widths = [len(line) - len(line.lstrip(" ")) for line in lines[1:] if line.strip()]
    common = min(widths, default=0)
    return "\n".join([lines[0].strip()] + [line[common:] for line in lines[1:]])


def _escape_code_point(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def string_literal(text: str) -> str:
    """A Python string literal for text, quoted the way black would quote it.

    repr always yields a valid, inert literal; it is requoted with double quotes unless
    that needs more backslashes, so black has nothing to change.
    """
    single = repr(str(text))
    if single.startswith('"'):
        return single
    double = '"' + _ESCAPED_SINGLE_QUOTE.sub("'", single[1:-1]).replace('"', '\\"') + '"'
    return double if double.count("\\") <= single.count("\\") else single


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
