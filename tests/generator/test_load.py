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


JSON_SPEC = """{
  "openapi": "3.1.0",
  "info": {"title": "T", "version": "1"},
  "paths": {
    "/a~b/{id}": {"get": {
      "parameters": [{"name": "id", "in": "path", "required": true,
                      "schema": {"enum": [1, 2.5, "x", null, true, {"k": []}]}}],
      "responses": {"200": {"description": "\\u00e9 \\"q\\" / ", "content": {}}}}}
  },
  "x-nested": [[], [[1]], {"": 1, "a/b": 2}],
  "": {"": ""}
}
"""


def test_a_json_spec_says_where_each_node_is_as_yaml_would(write_spec: Callable[..., Path]) -> None:
    """JSON is YAML: the same text read as each gives every node the same line and column (a mapping
    entry where its key is written), so a finding in a JSON spec points where a reader looks."""
    as_json = load_spec(write_spec(JSON_SPEC, "spec.json")).root
    as_yaml = load_spec(write_spec(JSON_SPEC, "spec.yaml")).root
    assert as_json.data == as_yaml.data
    assert as_json.positions == as_yaml.positions
    assert as_json.positions["/paths/~1a~0b~1{id}/get/parameters/0/schema/enum/5/k"] == (7, 69)  # where "k" is written
    assert as_json.positions["/x-nested/2/a~1b"] == (10, 35)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('{"openapi": "3.1.0",\n "info": {},\n "info": {}}', 3, "the key 'info' appears twice in this mapping (first on line 2)"),
        ('{"openapi": "3.1.0",\n "x": ' + '{"a": ' * 501 + "1" + "}" * 501 + "}", 2, "nesting deeper than 500 levels"),
    ],
    ids=["duplicate-key", "deep-nesting"],
)  # fmt: skip
def test_a_json_spec_json_reads_silently_is_still_refused(
    write_spec: Callable[..., Path], text: str, line: int, message: str
) -> None:
    """json.loads keeps the last of two equal keys and reads deep nesting: the loader says both, located."""
    with pytest.raises(GeneratorError) as caught:
        load_spec(write_spec(text, "spec.json"))
    assert caught.value.message == message
    assert caught.value.location is not None and caught.value.location.line == line


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
