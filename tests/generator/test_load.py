"""Stage 1: loading keeps positions, resolves $ref, and rejects bad input with a location."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from generator.diagnostics import GeneratorError
from generator.load import load_spec

MINIMAL = """
openapi: 3.0.0
info: {title: T, version: "1"}
paths:
  /things:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
components:
  schemas:
    Thing:
      type: object
      properties:
        child: {$ref: "#/components/schemas/Thing"}
"""


def test_positions_point_at_lines(write_spec: Callable[..., Path]) -> None:
    spec = load_spec(write_spec(MINIMAL))
    location = spec.root.locate("/components/schemas/Thing/properties/child")
    assert location.line == 17
    assert location.pointer == "/components/schemas/Thing/properties/child"


def test_recursive_refs_resolve(write_spec: Callable[..., Path]) -> None:
    spec = load_spec(write_spec(MINIMAL))
    target = spec.resolve("#/components/schemas/Thing", spec.root)
    assert target.value["properties"]["child"] == {"$ref": "#/components/schemas/Thing"}


def test_relative_file_refs_are_loaded(write_spec: Callable[..., Path]) -> None:
    write_spec("Thing:\n  type: object\n  properties:\n    name: {type: string}\n", "schemas/common.yaml")
    path = write_spec(MINIMAL.replace('"#/components/schemas/Thing"}\ncomponents', '"schemas/common.yaml#/Thing"}\ncomponents'))
    spec = load_spec(path)
    assert len(spec.documents) == 2
    target = spec.resolve("schemas/common.yaml#/Thing", spec.root)
    assert target.value["properties"]["name"] == {"type": "string"}


def test_json_specs_load(write_spec: Callable[..., Path]) -> None:
    path = write_spec('{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}}', "spec.json")
    assert load_spec(path).root.data["info"]["title"] == "T"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("openapi: 3.0.0\ninfo: {title: T\npaths: {}\n", 3, "invalid YAML"),
        (MINIMAL.replace('"#/components/schemas/Thing"}\ncomponents', '"#/components/schemas/Nope"}\ncomponents'), 11, "points to nothing"),
        ("swagger: '2.0'\ninfo: {title: T, version: '1'}\n", 1, "Swagger 2.0 is not supported"),
        ("openapi: 4.0.0\ninfo: {title: T, version: '1'}\n", 1, "not supported"),
        ("\n\n", 1, "empty"),
        ("- just\n- a list\n", 1, "not a mapping"),
    ],
)
def test_bad_input_is_one_located_error(write_spec: Callable[..., Path], text: str, line: int, message: str) -> None:
    path = write_spec(text)
    with pytest.raises(GeneratorError) as caught:
        load_spec(path)
    error = caught.value
    assert message in error.message
    assert error.location is not None and error.location.line == line
    assert str(path) in str(error) and "\n" not in str(error)


def test_missing_ref_names_the_pointer(write_spec: Callable[..., Path]) -> None:
    path = write_spec(MINIMAL.replace('"#/components/schemas/Thing"}\ncomponents', '"#/components/schemas/Nope"}\ncomponents'))
    with pytest.raises(GeneratorError) as caught:
        load_spec(path)
    assert "/paths/~1things/get/responses/200/content/application~1json/schema/$ref" in str(caught.value)


def test_pure_ref_cycle_is_an_error(write_spec: Callable[..., Path]) -> None:
    text = MINIMAL + "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n"
    with pytest.raises(GeneratorError, match="cycle"):
        load_spec(write_spec(text))
