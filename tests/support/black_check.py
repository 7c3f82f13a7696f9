"""Which generated files black would change: the output must be black's format as it stands."""

from __future__ import annotations

import hashlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import black

from generator.format.formatter import LINE_LENGTH, format_source

# Sources black left unchanged, by hash of black's version, the line length and the text: the
# same text under the same black gets the same answer, so it is not formatted again (black's own
# `--check` skips unchanged files from its cache the same way). Only "unchanged" is remembered.
STABLE = Path(__file__).resolve().parents[2] / ".cache" / "black-stable"


def _key(source: str) -> str:
    return hashlib.sha256(f"{black.__version__}\0{LINE_LENGTH}\0{source}".encode()).hexdigest()


def _changed(path: Path) -> str | None:
    source = path.read_text(encoding="utf-8")
    marker = STABLE / _key(source)
    if marker.exists():
        return None
    if format_source(source) != source:
        return str(path)
    marker.touch()
    return None


def files_black_would_change(root: Path) -> list[str]:
    """Python files under root that black reformats (run over two processes)."""
    STABLE.mkdir(parents=True, exist_ok=True)
    with ProcessPoolExecutor(max_workers=2) as pool:
        return [p for p in pool.map(_changed, sorted(root.rglob("*.py")), chunksize=16) if p]
