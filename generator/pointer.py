"""JSON pointer helpers (RFC 6901)."""

from __future__ import annotations

from typing import Any, Iterable


def escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~") if "~" in token else token


def join(pointer: str, *tokens: str | int) -> str:
    return pointer + "".join("/" + escape(str(token)) for token in tokens)


def split(pointer: str) -> list[str]:
    if pointer in ("", "/"):
        return []
    tokens = pointer.lstrip("/").split("/")
    return [unescape(token) for token in tokens] if "~" in pointer else tokens


def from_tokens(tokens: Iterable[str | int]) -> str:
    return join("", *tokens)


def lookup(document: Any, pointer: str) -> Any:
    """The value at pointer; KeyError when there is none."""
    node = document
    for token in split(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            raise KeyError(pointer)
    return node
