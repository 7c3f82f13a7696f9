"""Every generated module imports what its code uses and nothing else, whatever the spec's names."""

from __future__ import annotations

from pathlib import Path

from tests.support.imports import unused_imports
from tests.support.packages import write_package

# Models named like what the generated modules import (typing, the runtime): an import decided by
# reading annotation text would take `_types.Sequence` for typing's Sequence.
SPEC = """
openapi: 3.0.3
info: {title: Names, version: "1"}
servers: [{url: "https://names.test"}]
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Sequence"}}}}
    post:
      operationId: createThing
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/Stream"}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/SyncPage"}}}}
  /things/{id}:
    put:
      operationId: putThing
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content: {application/json: {schema: {$ref: "#/components/schemas/Mapping"}}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/overload"}}}}
components:
  schemas:
    Sequence: {type: object, properties: {Literal: {type: string}}}
    Stream:
      type: object
      properties:
        Iterable: {type: string}
        AsyncStream: {type: integer}
        # Values that read like annotations: the request types' imports are not found in their text.
        kind: {type: string, enum: ["Sequence[int]", "Mapping[str, Optional[int]]", "Union[a, b]"]}
    SyncPage: {type: object, properties: {BinaryResponse: {type: string}}}
    Mapping: {type: object, properties: {Dict: {type: string}}}
    overload: {type: object, properties: {cast: {type: string}}}
"""


def test_no_generated_module_imports_a_name_it_does_not_use(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    write_package(write_spec(SPEC), out, package_name="names_client")
    unused = {str(p.relative_to(out)): unused_imports(p) for p in sorted(out.rglob("*.py"))}
    assert {path: names for path, names in unused.items() if names} == {}
