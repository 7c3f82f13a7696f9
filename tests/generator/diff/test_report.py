"""The report a user reads: grouped by method, once per change, in text, markdown and JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from generator import diff
from generator.diff import RULES

from tests.support.cli import cli as run

from tests.generator.diff.pairs import compare, spec

# One named schema behind two methods; a new required field in it, and an operation removed.
OLD = """
paths:
  /api-keys:
    post:
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/CreateApiKeyObject'}}}
      responses: {'200': {description: ok}}
  /api-keys/{id}:
    put:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/CreateApiKeyObject'}}}
      responses: {'200': {description: ok}}
    delete:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: ok}}
components:
  schemas:
    CreateApiKeyObject:
      type: object
      properties:
        name: {type: string}
"""
NEW = (OLD.replace("        name: {type: string}", "        name: {type: string}\n        scopes: {type: array, items: {type: string}}")
       .replace("      properties:\n        name", "      required: [scopes]\n      properties:\n        name")
       .replace("    delete:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n"
                "      responses: {'204': {description: ok}}\n", ""))  # fmt: skip


def write_pair(tmp_path: Path) -> tuple[Path, Path]:
    paths = []
    for name, text in (("old", OLD), ("new", NEW)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(spec(text), sort_keys=False))
        paths.append(path)
    return paths[0], paths[1]


def test_text_groups_changes_by_method(tmp_path: Path) -> None:
    text = diff.render_text(compare(tmp_path, OLD, NEW))
    groups = [block.splitlines() for block in text.split("\n\n")]
    assert groups[0] == ["3 breaking, 0 warnings, 0 non-breaking changes"]
    headings = {block[0]: block[1:] for block in groups[1:]}
    line = "  breaking     request-field-added-required   new required argument scopes=  [CreateApiKeyObject.scopes]"
    assert headings["client.api_keys.create  (POST /api-keys)"] == [line]
    assert headings["client.api_keys.update  (PUT /api-keys/{id})"] == [line]
    assert [r.strip() for r in headings["client.api_keys.delete  (DELETE /api-keys/{id})"]] == [
        "breaking     operation-removed              client.api_keys.delete is gone"]


def test_json_has_one_entry_per_method_and_change(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path)
    result = run("diff", str(old), str(new), "--format", "json")
    report = json.loads(result.stdout)
    assert report["summary"] == {"breaking": 3, "warning": 0, "non-breaking": 0}
    entries = {(e["method"], e["rule"], e["severity"], e["where"], e["schema"]) for e in report["changes"]}
    assert entries == {
        ("client.api_keys.create", "request-field-added-required", "breaking", "scopes", "CreateApiKeyObject.scopes"),
        ("client.api_keys.update", "request-field-added-required", "breaking", "scopes", "CreateApiKeyObject.scopes"),
        ("client.api_keys.delete", "operation-removed", "breaking", "", ""),
    }
    assert len(report["changes"]) == 3


def test_markdown_has_a_section_per_method(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path)
    markdown = run("diff", str(old), str(new), "--format", "markdown").stdout
    assert "### `client.api_keys.create` (POST /api-keys)" in markdown
    section = markdown.split("### `client.api_keys.create`")[1].split("###")[0]
    assert "| breaking | `request-field-added-required` | new required argument scopes= | `CreateApiKeyObject.scopes` |" in section


def test_changelog_has_the_same_grouping(tmp_path: Path) -> None:
    old, new = write_pair(tmp_path)
    out = tmp_path / "out"
    assert run("generate", str(new), "--output", str(out), "--changelog", str(old)).returncode == 0
    report = run("diff", str(old), str(new), "--format", "markdown").stdout
    assert report.startswith("## API changes\n\n")
    assert report.removeprefix("## API changes\n\n") in (out / "CHANGELOG.md").read_text()


def test_severity_override_from_the_config(tmp_path: Path) -> None:
    changes = compare(tmp_path, OLD, NEW, {"request-field-added-required": "warning"})
    assert {c.severity for c in changes if c.rule == "request-field-added-required"} == {"warning"}


def test_rules_need_no_specs_and_show_an_example_each() -> None:
    result = run("diff", "--rules")
    assert result.returncode == 0
    rows = [line for line in result.stdout.splitlines() if line.startswith("| `")]
    assert len(rows) == len(RULES)
    assert "| `model-renamed` | breaking | sdk |" in result.stdout
    assert all(row.rstrip(" |").rsplit("|", 1)[1].strip() for row in rows)  # an example in each row


def test_diff_without_specs_is_one_line_error() -> None:
    result = run("diff")
    assert result.returncode == 2
    assert result.stderr.strip() == "error: diff needs two specs: diff OLD NEW (only --rules needs none)"


def test_every_rule_is_named_by_a_test_of_its_kind() -> None:
    """Each rule's id is asserted in tests/generator/diff/test_<kind>.py, beside the other rules of its kind."""
    here = Path(__file__).parent
    missing = []
    for rule in RULES.values():
        source = (here / f"test_{rule.kind}.py").read_text()
        if not re.search(rf"\"{re.escape(rule.id)}\", \"{rule.severity}\"", source):
            missing.append(f"{rule.id} ({rule.severity}) in test_{rule.kind}.py")
    assert missing == []
