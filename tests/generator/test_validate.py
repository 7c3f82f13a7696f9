"""Stage 2: validator findings become warnings with a pointer and a line."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from generator.load import load_spec
from generator.validate import validate_spec

SPEC = """
openapi: 3.0.0
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Limits:
      type: object
      properties:
        credit_limit:
          type: integer
          default: null
"""


def test_default_null_on_non_nullable_integer_is_located(write_spec: Callable[..., Path]) -> None:
    diagnostics = validate_spec(load_spec(write_spec(SPEC)))
    assert diagnostics, "a default of null on a non-nullable integer is invalid"
    for diagnostic in diagnostics:
        assert diagnostic.severity == "warning"
        assert diagnostic.location is not None
        assert diagnostic.location.pointer == "/components/schemas/Limits/properties/credit_limit/default"
        assert diagnostic.location.line == 11
        assert "default" in diagnostic.message


def test_schema_violations_are_located_at_the_key_that_is_wrong(write_spec: Callable[..., Path]) -> None:
    diagnostics = validate_spec(load_spec(write_spec(SPEC.replace("type: integer", "type: 12"))))
    assert [(d.message, d.location and d.location.line, d.location and d.location.pointer) for d in diagnostics] == [
        ("unknown type 12", 10, "/components/schemas/Limits/properties/credit_limit/type")
    ]


def test_valid_spec_has_no_warnings(write_spec: Callable[..., Path]) -> None:
    assert validate_spec(load_spec(write_spec(SPEC.replace("default: null", "default: 5")))) == []


def test_full_spec_has_its_two_known_defects_each_said_once(full_spec: Path) -> None:
    """Two `default: null` on integers that are not nullable: the validator finds each twice (two rules)."""
    diagnostics = validate_spec(load_spec(full_spec))
    pointers = [d.location.pointer for d in diagnostics if d.location]
    assert pointers == [
        "/components/schemas/UsageLimits/properties/credit_limit/default",
        "/components/schemas/UsageLimits/properties/alert_threshold/default",
    ]
    assert all(d.location and d.location.line for d in diagnostics)
    assert all("add `nullable: true`, or remove the default" in d.message for d in diagnostics)
