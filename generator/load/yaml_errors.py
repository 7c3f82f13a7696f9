"""YAML syntax errors in words: what is wrong, where, and where it started.

PyYAML (libyaml above all) says `second occurrence` for a duplicate anchor and `found
character that cannot start any token` for a tab; a reader wants `the anchor &x is
defined twice (first on line 3)` and `a tab in the indentation`.
"""

from __future__ import annotations

import re

import yaml

_NAME = re.compile(r"[^\s,\[\]{}]+")


def describe(error: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None, int | None]:
    """(message, line, column) for a YAML error, lines and columns 1-based."""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = error.problem or ""
    context = error.context or ""
    first = error.context_mark.line + 1 if error.context_mark else None
    if "duplicate anchor" in context:
        name = _word_at(text, error.problem_mark, "&")
        return f"the anchor {name or 'here'} is defined twice (first on line {first})", line, column
    if "undefined alias" in problem:
        name = _word_at(text, error.problem_mark, "*")
        return f"the alias {name or 'here'} names no anchor defined before it", line, column
    if "tab" in problem or _char_at(text, error.problem_mark) == "\t":
        return "a tab in the indentation: YAML indents with spaces only", line, column
    if "end of stream" in problem and "quoted scalar" in context:
        return f"the quoted text that starts on line {first} is never closed", first, None
    if "flow sequence" in context or "flow mapping" in context:
        brackets = "[ ... ]" if "sequence" in context else "{ ... }"
        return f"the {brackets} that starts on line {first} is not closed where expected", line, column
    if "mapping values are not allowed" in problem:
        return "a ': ' inside a plain value (put the value in quotes)", line, column
    if "block mapping" in context or "block sequence" in context or "expected key" in problem:
        return (f"a line is indented wrongly: it does not fit the block that starts on line {first}"
                if first else "a line is indented wrongly"), line, column  # fmt: skip
    if "escape" in problem:
        return f"{problem} in the quoted text on line {first or line} (write a backslash as \\\\)", line, column
    words = f"{problem} ({context} on line {first})" if context and first else problem or context or "invalid YAML"
    return words, line, column


def _line_text(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    return lines[mark.line] if mark.line < len(lines) else ""


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    line = _line_text(text, mark)
    return line[mark.column] if mark is not None and mark.column < len(line) else ""


def _word_at(text: str, mark: yaml.Mark | None, sigil: str) -> str:
    """`&name` or `*name` written at (or just after) mark."""
    line = _line_text(text, mark)
    start = line.find(sigil, mark.column if mark else 0)
    if start < 0:
        start = line.rfind(sigil, 0, (mark.column if mark else 0) + 1)
    match = _NAME.match(line, start + 1) if start >= 0 else None
    return sigil + match.group(0) if match else ""
