"""Rules of generator/diff/responses.py: success statuses and response content types."""

from __future__ import annotations

from pathlib import Path

from tests.generator.diff.pairs import compare, found

REPORT = """
paths:
  /report:
    get:
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}
        '202': {description: later}
"""


def test_success_status_removed(tmp_path: Path) -> None:
    new = REPORT.replace("        '202': {description: later}\n", "")
    changes = compare(tmp_path, REPORT, new)
    assert found(changes) == {("client.report.retrieve", "success-status-removed", "breaking")}
    assert changes[0].where == "response 202"


def test_response_media_type_removed(tmp_path: Path) -> None:
    old = REPORT.replace("'202': {description: later}", "'202': {description: later, content: {text/csv: {schema: {type: string}}}}")
    assert found(compare(tmp_path, old, REPORT)) == {("client.report.retrieve", "response-media-type-removed", "breaking")}


def test_response_media_type_added(tmp_path: Path) -> None:
    new = REPORT.replace("'202': {description: later}", "'202': {description: later, content: {text/csv: {schema: {type: string}}}}")
    assert found(compare(tmp_path, REPORT, new)) == {("client.report.retrieve", "response-media-type-added", "non-breaking")}
