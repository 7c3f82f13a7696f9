"""Read a newer spec for `update-spec`: a local path, a file:// URL or an http(s) URL."""

from __future__ import annotations

import urllib.request
from pathlib import Path
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
            raise GeneratorError(f"cannot fetch {source}: {error}") from None
    path = Path(unquote(parts.path)) if parts.scheme == "file" else Path(source)
    try:
        return path.read_bytes()
    except OSError as error:
        raise GeneratorError(f"cannot read {path}: {error.strerror}", SourceLocation(str(path))) from None
