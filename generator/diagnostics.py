"""Locations, warnings and errors shared by every pipeline stage."""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from typing import Literal


IGNORED = "; ignored"
"""How a warning about a setting ends: the entry is left out (under --strict the warning is an error instead)."""


@dataclass(frozen=True)
class SourceLocation:
    """A place in a spec file: path, 1-based line and column, and the JSON pointer."""

    file: str
    line: int | None = None
    column: int | None = None
    pointer: str = ""

    @property
    def place(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.place} (at {self.pointer})" if self.pointer else self.place


@dataclass(frozen=True)
class Diagnostic:
    """A warning or error about the input, with where it was found."""

    severity: Literal["warning", "error"]
    message: str
    location: SourceLocation | None = None

    def __str__(self) -> str:
        """`file:line: severity: message (at /json/pointer)`, the way compilers say it."""
        if self.location is None:
            return f"{self.severity}: {self.message}"
        pointer = f" (at {self.location.pointer})" if self.location.pointer else ""
        return f"{self.location.place}: {self.severity}: {self.message}{pointer}"


class GeneratorError(Exception):
    """Bad input: reported as one line with file, line and JSON pointer, exit code 2."""

    def __init__(self, message: str, location: SourceLocation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        return str(Diagnostic("error", self.message, self.location))

    def __reduce__(self) -> tuple[type[GeneratorError], tuple[str, SourceLocation | None]]:
        # Raised in the validation process: the location must survive the trip back.
        return GeneratorError, (self.message, self.location)


class GeneratorBug(GeneratorError):
    """An exception no stage expected: a bug in the generator. It keeps the traceback for the report."""

    def __init__(self, message: str, location: SourceLocation | None = None, details: str = "") -> None:
        super().__init__(message, location)
        self.details = details

    def __reduce__(self) -> tuple[type[GeneratorBug], tuple[str, SourceLocation | None, str]]:  # type: ignore[override]
        return GeneratorBug, (self.message, self.location, self.details)


def user_path_error(what: str, error: OSError, fallback: os.PathLike[str] | str) -> GeneratorError:
    """An OSError on a path the user gave (a missing parent, no permission): one line, the path and the OS's words."""
    path = error.filename if error.filename is not None else fallback
    reason = error.strerror or type(error).__name__
    return GeneratorError(f"{what}: {reason}", SourceLocation(os.fsdecode(path)))


def unexpected(stage: str, error: BaseException, location: SourceLocation) -> GeneratorError:
    """An exception no stage expected, as one located line.

    An OSError naming a path is about the user's files (the output's parent is missing, a
    directory is not writable): said as such. Anything else is a generator bug; its traceback
    goes with it so the command line can save it for the report.
    """
    if isinstance(error, OSError) and error.filename is not None:
        return user_path_error("cannot use this path", error, location.file)
    detail = " ".join(str(error).split())[:200]
    message = f"the {stage} stage failed: {type(error).__name__}: {detail} (a generator bug)"
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return GeneratorBug(message, location, details)
