"""Layout decisions that make rendered code come out the way black would format it.

Where every code line of a file fits the line length, the file is exactly what black
would make of it, and the format stage does not run black on it (format/formatter.py).
Where a decision here cannot promise black's result, it leaves a line too long, and
black lays that file out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

LINE_LENGTH = 100
"""The line length black formats the output to."""


def fits(line: str, indent: int = 0) -> bool:
    """Whether line, at indent, is short enough for black to leave it on one line."""
    return indent + width(line) <= LINE_LENGTH


def width(text: str) -> int:
    """Columns text takes, never more than black counts (non-ASCII characters count 0).

    An underestimate is safe: a line black finds too long stays too long for the format
    stage, which then runs black; an overestimate would split what black keeps whole.
    """
    return len(text) if text.isascii() else sum(1 for char in text if char.isascii())


def docstring_layout(text: str, indent: int) -> str:
    """An escaped docstring (from docstring_text) as a literal at indent, laid out as black does.

    Continuation lines get the docstring's indentation, a closing quote that would overflow
    the line goes on its own line, and a trailing quote or backslash is padded with a space.
    """
    prefix = " " * indent
    lines = text.split("\n")
    body = "\n".join([lines[0]] + [prefix + line if line else "" for line in lines[1:]])
    padded = body + " " if body.endswith('"') or (len(body) - len(body.rstrip("\\"))) % 2 else body
    if len(lines) > 1 and len(padded.rsplit("\n", 1)[-1]) + 3 > LINE_LENGTH:
        # Closing quotes on their own line; black's second pass drops the padding there.
        return f'"""{body}\n{prefix}"""'
    return f'"""{padded}"""'


@dataclass(frozen=True)
class Layout:
    """A line of code, or one split at its last bracket pair the way black splits it.

    `hug` keeps the bracket's contents on one indented line (itself split further when it
    is a single item that does not fit); `exploded` puts each item on its own line with a
    trailing comma, which black then keeps as it is.
    """

    kind: Literal["line", "hug", "exploded"]
    head: str
    items: tuple[Layout, ...] = ()
    tail: str = ""


def bracketed(prefix: str, expression: str, suffix: str, indent: int) -> Layout:
    """`prefix + expression + suffix` as black lays it out when expression ends in brackets."""
    if fits(prefix + expression + suffix, indent):
        return Layout("line", prefix + expression + suffix)
    parts = split_brackets(expression)
    if parts is None:
        return Layout("line", prefix + expression + suffix)  # black decides; it may take two passes
    callee, opening, items, closing = parts
    head, tail = prefix + callee + opening, closing + suffix
    if len(items) == 1:  # a trailing comma would make it a tuple: never exploded
        return Layout("hug", head, (bracketed("", items[0], "", indent + 4),), tail)
    if fits(", ".join(items), indent + 4):
        return Layout("hug", head, (Layout("line", ", ".join(items)),), tail)
    return Layout("exploded", head, tuple(bracketed("", item, ",", indent + 4) for item in items), tail)


def accessor_def(name: str, returns: str, indent: int) -> Layout:
    """`def name(self) -> returns:` as black lays it out (`self,` on its own line when too long)."""
    line = f"def {name}(self) -> {returns}:"
    if fits(line, indent):
        return Layout("line", line)
    return Layout("exploded", f"def {name}(", (Layout("line", "self,"),), f") -> {returns}:")


@dataclass(frozen=True)
class Display:
    """A tuple, list or dict display: its brackets and item texts."""

    opening: str
    closing: str
    items: list[str]

    @property
    def flat(self) -> str:
        single_tuple = self.opening == "(" and len(self.items) == 1
        return self.opening + ", ".join(self.items) + ("," if single_tuple else "") + self.closing


def collection(prefix: str, display: Display, suffix: str, indent: int) -> Layout:
    """A display after prefix: black puts each item on its own line when it does not fit."""
    line = prefix + display.flat + suffix
    if fits(line, indent):
        return Layout("line", line)
    items = tuple(Layout("line", item + ",") for item in display.items)
    return Layout("exploded", prefix + display.opening, items, display.closing + suffix)


def defaulted(target: str, default: str, indent: int) -> Layout:
    """`name: annotation = default` (a model field) as black lays it out."""
    line = f"{target} = {default}"
    if fits(line, indent):
        return Layout("line", line)
    name, _, annotation = target.partition(": ")
    call = split_brackets(default)
    if call is not None and fits(f"{target} = {call[0]}{call[1]}", indent):
        return bracketed(f"{target} = ", default, "", indent)
    if fits(f"{target} = (", indent) and fits(default, indent + 4):  # black wraps the default in parentheses
        return Layout("hug", f"{target} = (", (Layout("line", default),), ")")
    return bracketed(f"{name}: ", annotation, f" = {default}", indent)


def split_brackets(expression: str) -> tuple[str, str, list[str], str] | None:
    """`Union[A, B[C]]` -> ("Union", "[", ["A", "B[C]"], "]"); None unless it ends in a bracket pair."""
    if not expression or expression[-1] not in ")]":
        return None
    opening = expression.find("(" if expression[-1] == ")" else "[")
    if opening <= 0 or not expression[:opening].replace(".", "").replace("_", "").isalnum():
        return None
    items: list[str] = []
    depth, start, quote = 0, opening + 1, ""
    body_end = len(expression) - 1
    index = opening + 1
    while index < body_end:
        char = expression[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
            if depth < 0:
                return None  # the last bracket does not close the first one
        elif char == "," and depth == 0:
            items.append(expression[start:index].strip())
            start = index + 1
        index += 1
    if depth != 0 or quote:
        return None
    last = expression[start:body_end].strip()
    if last:
        items.append(last)
    return (expression[:opening], expression[opening], items, expression[-1]) if items else None
