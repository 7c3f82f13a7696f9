"""Run the command line in the test process (no interpreter start-up): exit code, stdout, stderr."""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass

from generator.cli import main


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str) -> Result:
    """`python -m generator ARGS`, in process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return Result(code, out.getvalue(), err.getvalue())
