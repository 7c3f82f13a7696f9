"""The rule registry: each kind-of-change module declares its rules with id, severity and example."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal

Severity = Literal["breaking", "warning", "non-breaking"]
SEVERITIES: tuple[Severity, ...] = ("breaking", "warning", "non-breaking")


@dataclass(frozen=True)
class Rule:
    """One kind of change: its id, default severity, what it means and a one-line example."""

    id: str
    severity: Severity
    description: str
    example: str
    kind: str


RULES: dict[str, Rule] = {}


def declarer(kind: str) -> Callable[[str, Severity, str, str], Rule]:
    """`rule = declarer("parameters")`, then `rule(id, severity, description, example)`."""

    def declare(id: str, severity: Severity, description: str, example: str) -> Rule:
        if id in RULES:
            raise ValueError(f"rule {id!r} is declared twice")
        RULES[id] = Rule(id, severity, description, example, kind)
        return RULES[id]

    return declare
