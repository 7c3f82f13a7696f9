"""Run the command line in the test process (no interpreter start-up): exit code, stdout, stderr.

A new interpreter costs half a second before the generator does anything; the suite runs the
command line over a hundred times, so it calls `main()` directly. The few tests about the
process itself (the `python -m generator` entry point, Ctrl-C, the installed console script)
start a real one.
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
import subprocess
from typing import Iterator, Optional, Union

from generator.cli import main
from tests.support.paths import ROOT


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _working_directory(path: Optional[Path]) -> Iterator[None]:
    if path is None:
        yield
        return
    before = os.getcwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def cli(*args: str, cwd: Optional[Path] = None) -> Result:
    """`python -m generator ARGS` (in cwd, if given), in process."""
    out, err = io.StringIO(), io.StringIO()
    with _working_directory(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
    return Result(code, out.getvalue(), err.getvalue())


def run(*args: str, cwd: Path = ROOT) -> Result:
    """`cli`, run from the repository root unless told otherwise."""
    return cli(*args, cwd=cwd)


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under directory and its bytes, to tell whether a command touched any."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def one_line_error(result: Union[Result, "subprocess.CompletedProcess[str]"], *expected: str) -> str:
    """The single line of a user error (exit 2, no traceback), which says each of `expected`."""
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]
