"""The validate stage in words: one located sentence per defect, the fix where it is obvious, and the
validator's own failure as one warning instead of the end of the run."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Callable

import pytest

from generator.diagnostics import GeneratorBug
from generator.load import load_spec
from generator.validate import messages, validate_spec

HEAD = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\n"


def findings(write_spec: Callable[..., Path], text: str) -> list[str]:
    """Each finding as `line: message (at pointer)`."""
    found = validate_spec(load_spec(write_spec(HEAD + textwrap.dedent(text))))
    return [f"{d.location.line}: {d.message} (at {d.location.pointer})" for d in found if d.location]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("""\
         paths:
           /items:
             get:
               parameters:
                 - {name: limit, in: qurey, schema: {type: integer}}
               responses: {'200': {description: ok}}
         """, "7: in: 'qurey' is not one of path, query, header, cookie (did you mean 'query'?) "
              "(at /paths/~1items/get/parameters/0/in)"),
        ("""\
         paths:
           /items:
             get:
               parameters:
                 - {name: limit, in: query, schema: {type: intger}}
               responses: {'200': {description: ok}}
         """, "7: unknown type 'intger' (did you mean 'integer'?) (at /paths/~1items/get/parameters/0/schema/type)"),
        ("""\
         paths:
           /items:
             post:
               summary: no responses
         """, "5: missing required field 'responses' (at /paths/~1items/post)"),
        ("""\
         paths:
           /items:
             get:
               description: 12
               responses: {'200': {description: ok}}
         """, "6: description must be a string, not a number (12) (at /paths/~1items/get/description)"),
        ("""\
         paths: {}
         components:
           schemas:
             A: {type: object, propertys: {}}
         """, "6: unknown field 'propertys' (did you mean 'properties'?) (at /components/schemas/A/propertys)"),
        ("""\
         paths:
           /a:
             get:
               operationId: same
               responses: {'200': {description: ok}}
           /b:
             get:
               operationId: same
               responses: {'200': {description: ok}}
         """, "10: operationId 'same' is not unique: an earlier operation has it too (at /paths/~1b/get/operationId)"),
        ("""\
         paths: {}
         components:
           schemas:
             L: {type: integer, default: null}
         """, "6: default value null does not fit its schema, which is not nullable (add `nullable: true`, or remove "
              "the default) (at /components/schemas/L/default)"),
    ],
)
def test_each_defect_is_one_located_sentence(write_spec: Callable[..., Path], text: str, expected: str) -> None:
    assert findings(write_spec, text) == [expected]


def test_openapi_3_1_gets_its_own_fix_for_a_null_default(write_spec: Callable[..., Path]) -> None:
    spec = write_spec("openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                      "    L: {type: integer, default: null}\n")  # fmt: skip
    (finding,) = validate_spec(load_spec(spec))
    assert "add 'null' to its type, or remove the default" in finding.message


def test_a_validator_crash_is_one_warning_and_not_the_end(write_spec: Callable[..., Path]) -> None:
    write_spec("type: object\nproperties:\n  name: string\n", "schemas/pet.yaml")
    write_spec("type: object\nproperties:\n  message: {type: string}\n", "schemas/error.yaml")
    spec = write_spec(HEAD.replace("3.0.3", "3.1.0") + textwrap.dedent("""\
        paths:
          /pets:
            get:
              responses:
                '200': {description: ok, content: {application/json: {schema: {$ref: 'schemas/pet.yaml'}}}}
                '404': {description: no, content: {application/json: {schema: {$ref: 'schemas/error.yaml'}}}}
        """))
    found = validate_spec(load_spec(spec))
    crashes = [d for d in found if "openapi-spec-validator failed" in d.message]
    assert len(crashes) == 1 and "AttributeError" in crashes[0].message
    assert crashes[0].location and crashes[0].location.file == str(spec)
    assert any(d.location and d.location.file.endswith("pet.yaml") for d in found), "what it found before stays"


def test_a_failure_in_the_generators_own_code_is_a_bug_not_advice(
    write_spec: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(error: object) -> None:
        raise KeyError("planted")

    monkeypatch.setattr("generator.validate.validator.explain", broken)
    spec = write_spec(HEAD + "paths:\n  /a:\n    get:\n      description: 12\n      responses: {'200': {description: ok}}\n")
    with pytest.raises(GeneratorBug, match="the validate stage failed: KeyError"):
        validate_spec(load_spec(spec))


def test_did_you_mean_only_when_a_word_is_near() -> None:
    assert messages.did_you_mean("strng", ["string", "integer"]) == " (did you mean 'string'?)"
    assert messages.did_you_mean("uuid", ["string", "integer"]) == ""
