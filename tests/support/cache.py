"""Expensive test inputs built once and shared: across pytest-xdist workers and across runs.

Each lives in a directory under `.cache/` named by a hash of what it is built from, so a
change to any of those inputs builds a fresh one; a file lock makes concurrent workers wait
for the one that is building instead of building it twice.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"


@contextlib.contextmanager
def locked(name: str) -> Iterator[None]:
    """Hold an exclusive lock named `name` (a file under .cache/locks) for the block."""
    locks = CACHE / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    with open(locks / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def digest(paths: Iterable[Path], *extra: str) -> str:
    """A short hash of the files' names and bytes and of `extra` strings."""
    hasher = hashlib.sha256()
    for text in extra:
        hasher.update(text.encode() + b"\0")
    for path in sorted(paths):
        hasher.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).encode() + b"\0")
        hasher.update(path.read_bytes())
    return hasher.hexdigest()[:16]


def built_once(kind: str, key: str, build: Callable[[Path], None]) -> Path:
    """`.cache/<kind>/<key>`, made by `build(directory)` unless an earlier run or worker made it.

    The directory appears complete or not at all (built aside, then renamed); older keys of the
    same kind are removed so the cache does not grow.
    """
    home = CACHE / kind
    target = home / key
    with locked(kind):
        if target.is_dir():
            return target
        home.mkdir(parents=True, exist_ok=True)
        for stale in home.iterdir():
            shutil.rmtree(stale, ignore_errors=True)
        scratch = Path(tempfile.mkdtemp(prefix=".building-", dir=home))
        try:
            build(scratch)
            scratch.rename(target)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    return target
