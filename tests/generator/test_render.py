"""Rendering and the type mapping, seen through a package generated from a small spec."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

import httpx
import pytest

from generator.pipeline import Options, generate, write
from tests.generator.test_model import SPEC
from tests.support.packages import generated_package

CONFIG_TEXT = """
package_name: shapes_client
client_class: Shapes
async_client_class: AsyncShapes
credentials:
  Key: {argument: key}
  Token: {argument: token}
"""


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("shapes")
    (root / "spec.yaml").write_text(SPEC)
    (root / "config.yaml").write_text(CONFIG_TEXT)
    with generated_package(root / "spec.yaml", root / "out", "shapes_client", config=root / "config.yaml") as module:
        yield module


def recording_client(shapes: ModuleType, seen: list[httpx.Request], body: Any = None) -> Any:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=body if body is not None else {"id": "p", "kind": "cat"})

    return shapes.Shapes(key="k", http_client=httpx.Client(transport=httpx.MockTransport(handler)))


def test_discriminator_mapping_picks_the_model(shapes: ModuleType) -> None:
    from shapes_client.types import Pet, Square

    pet = Pet.model_validate({"id": "1", "kind": "cat", "shape": {"type": "square", "side": 2, "radius": 1}})
    assert isinstance(pet.shape, Square), "Circle would accept these fields too; the mapping decides"
    assert pet.shape.side == 2


def test_inheritance_from_all_of(shapes: ModuleType) -> None:
    from shapes_client.types import Shape, Square

    assert issubclass(Square, Shape)


def test_omitted_arguments_are_not_sent_and_none_is_sent_as_null(shapes: ModuleType) -> None:
    seen: list[httpx.Request] = []
    client = recording_client(shapes, seen)
    pet = client.pets.retrieve("a/../b c")
    assert pet.kind == "cat" and type(pet).__name__ == "Pet"
    assert seen[0].url.raw_path == b"/v1/pets/a%2F..%2Fb%20c", "path parameters stay one segment"
    assert seen[0].url.query == b""
    client.pets.retrieve("p", x_trace=None)
    assert "x-trace" not in seen[1].headers, "a header of None is not sent"
    assert seen[1].headers["x-key"] == "k"


def test_multipart_upload_accepts_every_file_form(shapes: ModuleType, tmp_path: Path) -> None:
    seen: list[httpx.Request] = []
    client = recording_client(shapes, seen)
    path = tmp_path / "photo.png"
    path.write_bytes(b"\x89PNG")
    for file in (b"\x89PNG", path, path.open("rb"), ("photo.png", b"\x89PNG", "image/png")):
        assert client.pets.upload("p", file=file, note="n") is None
    for request in seen:
        body = request.read()
        assert request.headers["content-type"].startswith("multipart/form-data")
        assert b"\x89PNG" in body and b'name="note"' in body


def test_unknown_enum_values_and_fields_are_kept(shapes: ModuleType) -> None:
    seen: list[httpx.Request] = []
    client = recording_client(shapes, seen, body={"id": "p", "kind": "hamster", "born": None, "new": {"a": 1}})
    pet = client.pets.retrieve("p")
    assert pet.kind == "hamster" and pet.born is None
    assert pet.new == {"a": 1} and pet["new"] == {"a": 1} and pet.to_dict()["new"] == {"a": 1}


def test_operation_index(shapes: ModuleType) -> None:
    assert [(o.method, o.path, o.operation_id, o.call_path) for o in shapes.OPERATIONS] == [
        ("GET", "/pets/{petId}", "getPet", "pets.retrieve"),
        ("POST", "/pets/{petId}/upload", "post_pets_pet_id_upload", "pets.upload"),
    ]


def test_docstrings_name_the_credentials(shapes: ModuleType) -> None:
    doc = shapes.Shapes(key="k").pets.retrieve.__doc__
    assert "key + Other" not in doc
    assert "Credentials (any one of these combinations):" in doc and "- token" in doc


def test_escape_hatch(shapes: ModuleType, write_spec: Callable[..., Path]) -> None:
    seen: list[httpx.Request] = []
    client = recording_client(shapes, seen, body={"results": []})
    assert client.post("/rerank", model="m", query="q") == {"results": []}
    assert json.loads(seen[0].content) == {"model": "m", "query": "q"}


def test_output_is_blacks_with_or_without_running_black_on_every_file(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    """Black runs only where the layout leaves a long line to it; running it everywhere changes nothing."""
    values = [f"value_number_{i}" for i in range(12)]
    spec = write_spec(f"""
        openapi: 3.0.3
        info: {{title: Layouts, version: '1'}}
        paths:
          /things/{{thing_identifier}}:
            post:
              operationId: updateThingWithAVeryLongOperationNameIndeed
              parameters:
                - {{name: thing_identifier, in: path, required: true, schema: {{type: string}}}}
                - {{name: some-header, in: header, schema: {{type: string}}}}
                - {{name: filter, in: query, schema: {{type: string, enum: {json.dumps(values)}}}}}
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        mode: {{type: string, enum: {json.dumps(values)}}}
                        nested: {{type: array, items: {{type: array, items: {{type: string, enum: {json.dumps(values)}}}}}}}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          camelCaseFieldWithAVeryLongNameThatNeedsAnAliasBecauseOfItsCase: {{type: string}}
                          choice: {{type: string, enum: {json.dumps(values)}}}
    """)
    fast = generate(Options(spec=spec, config=None, output=tmp_path / "a", cache_dir=None))
    full = generate(Options(spec=spec, config=None, output=tmp_path / "b", cache_dir=None, format_all=True))
    assert {f.path: f.content for f in fast.files} == {f.path: f.content for f in full.files}
    from generator.format.formatter import needs_black

    laid_out = [f.path for f in fast.files if "/resources/" in f.path or "/types/" in f.path]
    assert laid_out and not [p for p in laid_out if needs_black(next(f.content for f in fast.files if f.path == p))]


def test_black_runs_where_a_code_line_is_too_long() -> None:
    from generator.format.formatter import needs_black

    assert needs_black("x = f(" + ", ".join(["argument"] * 12) + ")\n")
    assert not needs_black('def f() -> None:\n    """' + "word " * 40 + '"""\n')  # docstring text is never split
    assert not needs_black('NAMES = [\n    "' + "n" * 120 + '",\n]\n')  # nor is a lone string


def test_runtime_modules_and_long_class_lines_are_rendered_in_blacks_format(write_spec: Callable[..., Path]) -> None:
    """Black is the slow part of a cold run: the runtime modules and a TypedDict named longer than a
    line must come out of the render stage in black's layout, so the format stage skips them."""
    from generator.config import GeneratorConfig
    from generator.format.formatter import format_source, needs_black
    from generator.load import load_spec
    from generator.model import build_model
    from generator.render import render_package

    long_name = "CreateAssistantRequestToolResourcesFileSearchVectorStoresItemChunkingStrategyStatic"
    spec = write_spec(f"""
        openapi: 3.0.3
        info: {{title: Long, version: '1'}}
        paths:
          /things:
            post:
              operationId: createThing
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        strategy: {{$ref: '#/components/schemas/{long_name}'}}
              responses:
                '200': {{description: ok}}
        components:
          schemas:
            {long_name}:
              type: object
              properties:
                size: {{type: integer}}
    """)
    config = GeneratorConfig(package_name="long_client", client_class="Long", async_client_class="AsyncLong")
    files = render_package(build_model(load_spec(spec), config), config)
    checked = [f for f in files if f.path.rsplit("/", 1)[-1].startswith("_") or "/types/" in f.path]
    assert any(f"class {long_name}Param(" in f.content for f in checked)
    assert [f.path for f in checked if f.is_python and needs_black(f.content)] == []
    assert [f.path for f in checked if f.is_python and format_source(f.content) != f.content] == []
