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
import subprocess
import sys
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
    """A short hash of the files' bytes and names (project-relative, else the bare name) and of `extra`."""
    hasher = hashlib.sha256()
    for text in extra:
        hasher.update(text.encode() + b"\0")
    for path in sorted(paths):
        hasher.update(str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name).encode() + b"\0")
        hasher.update(path.read_bytes())
    return hasher.hexdigest()[:16]


def generator_key(*inputs: Path, extra: str = "") -> str:
    """A key for output made by this generator from `inputs`: its code, its templates, black and Python too."""
    import platform

    import black

    sources = [*(ROOT / "generator").rglob("*.py"), *(p for p in (ROOT / "templates").rglob("*") if p.is_file())]
    return digest([*sources, *(p.resolve() for p in inputs)], extra, black.__version__, platform.python_version())


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


def mypy_strict(package: str, cwd: Path, cache: str) -> subprocess.CompletedProcess[str]:
    """`mypy --strict package` in cwd, with mypy's incremental cache kept in .cache/mypy/<cache>.

    mypy re-checks what changed since the cache was written (it compares each file's hash), so
    the answer is the same as with --no-incremental; the typeshed, httpx and pydantic modules are
    not checked again on every run. Each caller names its own cache: no two processes share one.
    """
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(CACHE / "mypy" / cache), package],
        cwd=cwd, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
