"""Format rendered Python files with black, in parallel, caching by content hash.

The render stage lays code out the way black does (render/layout.py) wherever it fits in
the line length, so black would leave such a file unchanged. Black runs on the files with a
code line too long: there the renderer leaves the split to black. `format_all` runs it on
every file; the tests check that both ways give the same bytes.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from generator.diagnostics import GeneratorError, SourceLocation
from generator.render import RenderedFile
from generator.render.layout import LINE_LENGTH

if TYPE_CHECKING:
    import black

_PARALLEL_THRESHOLD = 40


@functools.lru_cache(maxsize=1)
def _black() -> tuple[ModuleType, black.Mode]:
    """black and its mode, imported when a file needs it (a run where none does never loads it)."""
    import black

    return black, black.Mode(line_length=LINE_LENGTH, target_versions={black.TargetVersion.PY310})


def format_source(source: str) -> str:
    black, mode = _black()
    try:
        return black.format_str(source, mode=mode)
    except black.InvalidInput as error:
        raise GeneratorError(f"the rendered code does not parse (a template bug): {error}") from None


def _cache_key(source: str) -> str:
    return hashlib.sha256(f"{_black()[0].__version__}\0{LINE_LENGTH}\0{source}".encode()).hexdigest()


# A long line black cannot split either: a name (an import item), a string, a `"key": "value"`
# dict item, the `class Name(` of a class line split already, or a class line ending in a type: ignore.
_STRING = r'"(?:[^"\\]|\\.)*"'
_UNSPLITTABLE = re.compile(rf"\s*(?:[\w.]+(?: as [\w.]+)?,?|{_STRING}(?:: {_STRING})?,?|class \w+\((?:.*\):  # type: ignore\[[\w, -]+\])?)")


_LONG_LINE = re.compile(rf"^.{{{LINE_LENGTH + 1},}}$", re.MULTILINE)


def needs_black(source: str) -> bool:
    """Whether a rendered file has a code line (not docstring text, nor a line marked `# fmt: skip`)
    black would split.

    Rendered docstrings start their first line with three double quotes and end their last line
    with them; spec text inside has every quote escaped, so no other line can look like either.
    """
    if source.isascii() and not _LONG_LINE.search(source):
        return False  # every line fits (the common case: one scan in C instead of a loop over lines)
    in_docstring = False
    for line in source.splitlines():
        stripped = line.strip()
        if in_docstring:
            in_docstring = not stripped.endswith('"""')
            continue
        if stripped.startswith('"""'):
            in_docstring = len(stripped) < 6 or not stripped.endswith('"""')
            continue
        too_long = len(line) > LINE_LENGTH or (not line.isascii() and _black()[0].strings.str_width(line) > LINE_LENGTH)
        if too_long and not (_UNSPLITTABLE.fullmatch(line) or _long_string_assignment(line)
                             or stripped.endswith("# fmt: skip")):  # fmt: skip
            return True
    return False


_STRING_ASSIGNMENT = re.compile(rf"(\s*)\w+ = ({_STRING})")


def _long_string_assignment(line: str) -> bool:
    """`name = "..."` whose string would not fit the line in parentheses either: black leaves it."""
    found = _STRING_ASSIGNMENT.fullmatch(line)
    return found is not None and len(found[1]) + 4 + len(found[2]) > LINE_LENGTH


def format_files(
    files: list[RenderedFile], cache_dir: Path | None = None, format_all: bool = False
) -> list[RenderedFile]:
    """The files with every Python file in black's format; unchanged sources come from the cache."""
    results: dict[str, str] = {}
    pending: list[RenderedFile] = []
    for file in files:
        if file.verbatim or not file.is_python or not (format_all or needs_black(file.content)):
            results[file.path] = file.content
            continue
        cached = _cache_read(cache_dir, file.content)
        if cached is None:
            pending.append(file)
        else:
            results[file.path] = cached
    if len(pending) >= _PARALLEL_THRESHOLD and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor() as pool:
            formatted = list(pool.map(_format_entry, [f.content for f in pending], chunksize=8))
    else:
        formatted = [_format_entry(f.content) for f in pending]
    for file, text in zip(pending, formatted):
        if text.startswith("\0error\0"):
            raise GeneratorError(f"{file.path}: {text[7:]}", SourceLocation(file.path))
        results[file.path] = text
        _cache_write(cache_dir, file.content, text)
    return [RenderedFile(f.path, results[f.path], f.verbatim) for f in files]


def _format_entry(source: str) -> str:
    try:
        return format_source(source)
    except GeneratorError as error:
        return "\0error\0" + error.message


def _cache_read(cache_dir: Path | None, source: str) -> str | None:
    if cache_dir is None:
        return None
    try:
        return (cache_dir / _cache_key(source)).read_text(encoding="utf-8")
    except OSError:
        return None


def _cache_write(cache_dir: Path | None, source: str, text: str) -> None:
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = cache_dir / _cache_key(source)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        pass  # the cache only saves time
