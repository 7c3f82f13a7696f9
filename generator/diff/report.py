"""The change report as text, markdown or JSON, grouped by the method each change reaches."""

from __future__ import annotations

import json
from dataclasses import asdict
from itertools import groupby

from generator.diff.core import MODELS_SITE, Change
from generator.diff.rules import RULES, SEVERITIES

_ORDER = {severity: index for index, severity in enumerate(SEVERITIES)}
KIND_ORDER = ("operations", "parameters", "request_bodies", "responses", "properties", "unions", "sdk")


def _groups(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """(heading, changes) per method: the worst first, then by method; model classes last."""

    def heading(change: Change) -> str:
        return f"{change.method}  ({change.subject})" if change.method else change.subject

    ordered = sorted(changes, key=lambda c: (heading(c), _ORDER[c.severity], c.where, c.rule))
    groups = [(name, list(items)) for name, items in groupby(ordered, key=heading)]
    return sorted(groups, key=lambda g: (g[0] == MODELS_SITE, min(_ORDER[c.severity] for c in g[1]), g[0]))


def render_text(changes: list[Change], about: str | None = None) -> str:
    """The summary and each method's changes; `about` is a first line (what was compared with what)."""
    lines = [about] if about else []
    if not changes:
        return "\n".join([*lines, "No changes."]) + "\n"
    lines.append(_summary(changes))
    for heading, items in _groups(changes):
        lines += ["", heading]
        for change in items:
            schema = f"  [{change.schema}]" if change.schema else ""
            lines.append(f"  {change.severity:12} {change.rule:30} {change.detail}{schema}")
    return "\n".join(lines) + "\n"


def render_json(changes: list[Change], about: dict[str, object] | None = None) -> str:
    """One entry per (method, change), with its rule id and severity; `about`'s keys come first."""
    entries = [asdict(change) for _, items in _groups(changes) for change in items]
    return json.dumps({**(about or {}), "summary": _counts(changes), "changes": entries}, indent=2) + "\n"


def render_markdown(changes: list[Change], title: str | None = "API changes", about: str | None = None) -> str:
    """`## title`, then a `###` section per method; without a title (a changelog's section) the sections only.

    `about` is a line under the title (what was compared with what).
    """
    lines = [f"## {title}", ""] if title else []
    lines += [about, ""] if about else []
    if not changes:
        return "\n".join([*lines, "No changes."]) + "\n"
    lines.append(_summary(changes))
    for heading, items in _groups(changes):
        method = f"`{items[0].method}` ({items[0].subject})" if items[0].method else heading
        lines += ["", f"### {method}", "", "| severity | rule | what | schema |", "| --- | --- | --- | --- |"]
        for change in items:
            cells = [change.severity, f"`{change.rule}`", change.detail, f"`{change.schema}`" if change.schema else ""]
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def rules_table() -> str:
    """Every rule, its default severity, kind, meaning and an example."""
    lines = ["| rule | default severity | kind | meaning | example |", "| --- | --- | --- | --- | --- |"]
    lines += [
        "| " + " | ".join(c.replace("|", "\\|") for c in (f"`{r.id}`", r.severity, r.kind, r.description, r.example)) + " |"
        for r in sorted(RULES.values(), key=lambda r: KIND_ORDER.index(r.kind))
    ]
    return "\n".join(lines) + "\n"


def _counts(changes: list[Change]) -> dict[str, int]:
    return {severity: sum(1 for c in changes if c.severity == severity) for severity in SEVERITIES}


def _summary(changes: list[Change]) -> str:
    counts = _counts(changes)
    return f"{counts['breaking']} breaking, {counts['warning']} warnings, {counts['non-breaking']} non-breaking changes"
