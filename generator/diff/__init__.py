"""Compare two API models and classify every change for users of the generated client.

Wire-level rules in the spirit of oasdiff plus SDK-level ones, one module per kind of
change, each rule declared beside the code that finds it (id, severity, example):

- `operations`: operations removed, added, moved; `parameters`; `request_bodies`;
  `responses`; `properties` (fields of schemas); `unions` (enums, unions, types);
  `sdk` (model classes).
- `core` holds the walk's shared parts; `report` the text, markdown and JSON renderers.

Every change is reported under each operation and Python method it reaches, once.
"""

from __future__ import annotations

from generator.diff import operations, parameters, properties, request_bodies, responses, sdk, unions, walk
from generator.diff.core import Change, Context, Report
from generator.diff.report import render_json, render_markdown, render_text, rules_table
from generator.diff.rules import RULES, Rule, Severity
from generator.model.ir import ApiModel

KINDS = (operations, parameters, request_bodies, responses, properties, unions, sdk)

__all__ = ["RULES", "Change", "Rule", "Severity", "compare", "render_json", "render_markdown", "render_text",
           "rules_table"]  # fmt: skip


def compare(old: ApiModel, new: ApiModel, severities: dict[str, str] | None = None) -> list[Change]:
    """Every change from old to new, classified; `severities` overrides a rule's default."""
    report = Report(severities or {})
    ctx = Context(old, new, sdk.renamed_models(old, new), report, walk.compare_types)
    kept = operations.compare_operations(ctx)
    sdk.compare_models(ctx, kept)
    return list(report.changes.values())
