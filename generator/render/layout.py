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

    def text(self, indent: int) -> str:
        """Its lines at indent (the first indented too), without the last line's end."""
        pad = " " * indent
        if self.kind == "line":
            return pad + self.head
        return "\n".join([pad + self.head, *(item.text(indent + 4) for item in self.items), pad + self.tail])


@dataclass(frozen=True)
class Expr:
    """Code whose last bracket pair is known, so it can be laid out the way black splits it.

    `Expr("Union", "[", (a, b))` is `Union[a, b]`, `Expr("f", "(", (x,))` is `f(x)`, and an
    `Expr` without an opening bracket is text that is never split. Code is built as these
    trees by the views; nothing here reads generated text back.
    """

    head: str
    opening: str = ""
    items: tuple[Expr, ...] = ()

    @property
    def closing(self) -> str:
        return _CLOSING.get(self.opening, "")

    @property
    def text(self) -> str:
        # Kept once made, without functools.cached_property: its lock costs more than the join.
        found: str | None = self.__dict__.get("_text")
        if found is None:
            found = self.head + self.opening + ", ".join(i.text for i in self.items) + self.closing if self.opening else self.head
            object.__setattr__(self, "_text", found)
        return found

    def __str__(self) -> str:
        return self.text


_CLOSING = {"[": "]", "(": ")", "{": "}"}


def atom(text: str) -> Expr:
    """Text that is laid out as it is."""
    return Expr(text)


def call(callee: str, *arguments: Expr | str) -> Expr:
    """`callee(arguments...)`."""
    return Expr(callee, "(", tuple(a if isinstance(a, Expr) else Expr(a) for a in arguments))


def subscript(name: str, *items: Expr | str) -> Expr:
    """`name[items...]`."""
    return Expr(name, "[", tuple(i if isinstance(i, Expr) else Expr(i) for i in items))


def bracketed(prefix: str, expression: Expr, suffix: str, indent: int) -> Layout:
    """`prefix + expression + suffix` as black lays it out when expression ends in brackets."""
    if fits(prefix + expression.text + suffix, indent):
        return Layout("line", prefix + expression.text + suffix)
    if not expression.opening or not expression.items:
        return Layout("line", prefix + expression.text + suffix)  # black decides; it may take two passes
    items = expression.items
    head, tail = prefix + expression.head + expression.opening, expression.closing + suffix
    if len(items) == 1:  # a trailing comma would make it a tuple: never exploded
        return Layout("hug", head, (bracketed("", items[0], "", indent + 4),), tail)
    if fits(", ".join(item.text for item in items), indent + 4):
        return Layout("hug", head, (Layout("line", ", ".join(item.text for item in items)),), tail)
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


def defaulted(name: str, annotation: Expr, default: Expr, indent: int) -> Layout:
    """`name: annotation = default` (a model field) as black lays it out."""
    target = f"{name}: {annotation.text}"
    line = f"{target} = {default.text}"
    if fits(line, indent):
        return Layout("line", line)
    if default.opening and default.items and fits(f"{target} = {default.head}{default.opening}", indent):
        return bracketed(f"{target} = ", default, "", indent)
    if fits(f"{target} = (", indent) and fits(default.text, indent + 4):  # black wraps the default in parentheses
        return Layout("hug", f"{target} = (", (Layout("line", default.text),), ")")
    return bracketed(f"{name}: ", annotation, f" = {default.text}", indent)
