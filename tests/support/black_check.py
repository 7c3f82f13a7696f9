"""Which generated files black would change: the output must be black's format as it stands."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from generator.format.formatter import format_source


def _changed(path: Path) -> str | None:
    source = path.read_text(encoding="utf-8")
    return None if format_source(source) == source else str(path)


def files_black_would_change(root: Path) -> list[str]:
    """Python files under root that black reformats (run over two processes)."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        return [p for p in pool.map(_changed, sorted(root.rglob("*.py")), chunksize=16) if p]
