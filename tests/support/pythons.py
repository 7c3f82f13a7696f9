"""The oldest and newest Python that pyenv has here, and venvs of them kept under .cache.

The generated client (tests/runtime/test_python_versions.py) and the installed generator
(tests/tool/test_installed_tool_python_versions.py) each run under both; the suite starts their
venvs in the background (tests/support/prefetch.py).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path
from typing import Iterator, Sequence

import pytest

from tests.support.cache import locked

PYENV_ROOT = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
MINORS = ("10", "13")
"""The oldest and newest Python 3 the client and the generator support."""


class VenvFailed(Exception):
    """pip could not install the packages (its error's end is the message)."""


def interpreter(minor: str) -> Path | None:
    """pyenv's newest Python 3.<minor>, if it has one."""
    candidates = sorted((PYENV_ROOT / "versions").glob(f"3.{minor}.*"))
    found = candidates[-1] / "bin" / "python" if candidates else None
    return found if found is not None and found.exists() else None


@contextlib.contextmanager
def venv_lock(venv: Path) -> Iterator[None]:
    """The lock that pytest-xdist workers (and the background start) take to change `venv`."""
    with locked("venv-" + "-".join(venv.parts[-2:])):
        yield


def venv_with(venv: Path, minor: str, packages: Sequence[str]) -> Path:
    """`venv`, a venv of Python 3.<minor> with `packages` installed by pip, made once and again when
    the packages change; a test skips where pyenv has no such Python. Raises VenvFailed."""
    python = interpreter(minor)
    if python is None:
        pytest.skip(f"Python 3.{minor} is not installed under {PYENV_ROOT}")
    wanted = "\n".join(packages)
    ready = venv / ".ready"
    with venv_lock(venv):
        if not ready.exists() or ready.read_text() != wanted:
            subprocess.run([str(python), "-m", "venv", "--clear", str(venv)], check=True, capture_output=True)
            install = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *packages],
                                     capture_output=True, text=True)  # fmt: skip
            if install.returncode != 0:
                raise VenvFailed(install.stderr[-500:])
            ready.write_text(wanted)
    return venv
