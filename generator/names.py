"""Case conversion and Python-safe identifiers, shared by the model and render stages."""

from __future__ import annotations

import builtins
import functools
import hashlib
import keyword
import re
import unicodedata

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
KEYWORDS = frozenset(keyword.kwlist)
# Names the generated modules use themselves; a class generated from the spec may not take them.
RUNTIME_NAMES = frozenset(
    {"annotations", "Any", "BaseModel", "Body", "Dict", "Field", "FileTypes", "Headers", "List",
     "Literal", "NOT_GIVEN", "NotGiven", "Optional", "Query", "TYPE_CHECKING", "Timeout", "Union",
     "cast", "cached_property", "encode_path"}
)  # fmt: skip
RESERVED = KEYWORDS | frozenset(keyword.softkwlist) | frozenset(dir(builtins)) | RUNTIME_NAMES


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def words(text: str) -> list[str]:
    """Split any spelling (camelCase, kebab-case, 'Two words') into lower-case words."""
    return [word.lower() for word in _WORD.findall(_ascii(text))]


@functools.lru_cache(maxsize=1 << 16)  # the same names come back many times in a large spec
def snake_case(text: str) -> str:
    return "_".join(words(text))


@functools.lru_cache(maxsize=1 << 16)
def pascal_case(text: str) -> str:
    """PascalCase, keeping the capitals a name already has (`CreateSpeechRequest` stays)."""
    parts = re.split(r"[^A-Za-z0-9]+", _ascii(text))
    return "".join(part[:1].upper() + part[1:] for part in parts if part)


def python_identifier(text: str, fallback: str = "value", reserved: frozenset[str] = RESERVED) -> str:
    """A valid identifier for text: snake_case, not a keyword, builtin or reserved name."""
    name = snake_case(text) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    while name in reserved or keyword.iskeyword(name):
        name += "_"
    return name


def api_identifier(text: str, fallback: str = "value", reserved: frozenset[str] = RESERVED) -> str:
    """The API's own spelling when Python allows it there (`object`, `apiVersion`), else `python_identifier`.

    A name is kept as it is when it is an ASCII identifier, does not start with `_` and is
    neither a keyword nor in `reserved`.
    """
    if text.isascii() and text.isidentifier() and not text.startswith("_"):
        if text not in reserved and not keyword.iskeyword(text):
            return text
    return python_identifier(text, fallback, reserved)


@functools.lru_cache(maxsize=1 << 16)
def class_identifier(text: str, fallback: str = "Model") -> str:
    name = pascal_case(text) or fallback
    if name[0].isdigit():
        name = f"{fallback}{name}"
    while name in RESERVED or keyword.iskeyword(name):
        name += "_"
    return name


def singular(name: str) -> str:
    """A snake_case name with its last word made singular, crudely (`api_keys` -> `api_key`,
    `batches` -> `batch`, `policies` -> `policy`); words that do not look plural stay."""
    head, _, last = name.rpartition("_")
    if len(last) > 4 and last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith(("sses", "xes", "zes", "ches", "shes")):
        last = last[:-2]
    elif len(last) > 3 and last.endswith("s") and not last.endswith(("ss", "us", "is", "ics")):
        last = last[:-1]
    return f"{head}_{last}" if head else last


MAX_MODULE_NAME = 60


def module_name(text: str, fallback: str = "module") -> str:
    """A short, valid module (file) name: snake_case, and a hash suffix when it had to be cut."""
    name = snake_case(text) or fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if len(name) > MAX_MODULE_NAME:
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        name = f"{name[:MAX_MODULE_NAME - 9].rstrip('_')}_{digest}"
    return name + "_" if keyword.iskeyword(name) else name


def unique(name: str, taken: set[str]) -> str:
    """`name`, or `name_2`, `name_3`... the first not yet taken; recorded as taken."""
    candidate, counter = name, 2
    while candidate in taken:
        candidate = f"{name}_{counter}"
        counter += 1
    taken.add(candidate)
    return candidate
