"""Read a newer spec for `update-spec`: a local path, a file:// URL or an http(s) URL."""

from __future__ import annotations

import contextlib
import tempfile
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from generator.diagnostics import GeneratorError, SourceLocation


def read_source(source: str) -> bytes:
    """The bytes of the spec at source; GeneratorError when it cannot be read."""
    parts = urlsplit(source)
    if parts.scheme in ("http", "https"):
        try:
            with urllib.request.urlopen(source, timeout=60) as response:  # noqa: S310 - URL from the user's config
                data: bytes = response.read()
                return data
        except OSError as error:
            raise GeneratorError(f"cannot fetch it: {error}", SourceLocation(source)) from None
    path = Path(unquote(parts.path)) if parts.scheme == "file" else Path(source)
    try:
        return path.read_bytes()
    except OSError as error:
        raise GeneratorError(f"cannot read {path}: {error.strerror}", SourceLocation(str(path))) from None


@contextlib.contextmanager
def fetched_spec(source: str, name: str) -> Iterator[tuple[Path, str]]:
    """(a local file with the spec at source, how to name it to the user) for the block.

    A local path or file:// URL is used where it is (its relative `$ref`s work); a URL is
    downloaded into a temporary file called `name`, and any error located in that file is
    reported at the URL instead.
    """
    parts = urlsplit(source)
    if parts.scheme not in ("http", "https"):
        path = Path(unquote(parts.path)) if parts.scheme == "file" else Path(source)
        if not path.is_file():
            read_source(source)  # the OS's words for what is wrong with it
        yield path, source
        return
    with tempfile.TemporaryDirectory() as folder:
        fetched = Path(folder) / name
        fetched.write_bytes(read_source(source))
        try:
            yield fetched, source
        except GeneratorError as error:
            location = error.location
            if location is None or not Path(location.file).resolve().is_relative_to(Path(folder).resolve()):
                raise
            raise GeneratorError(error.message, replace(location, file=source)) from None
