"""Locations, warnings and errors shared by every pipeline stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


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


def unexpected(stage: str, error: BaseException, location: SourceLocation) -> GeneratorError:
    """An exception no stage expected, as one located line (the traceback helps nobody but us)."""
    detail = " ".join(str(error).split())[:200]
    message = f"the {stage} stage failed: {type(error).__name__}: {detail} (a generator bug; please report it)"
    return GeneratorError(message, location)
