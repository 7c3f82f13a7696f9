"""Stage 3: the intermediate model, on small specs and on the complete Portkey spec."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import yaml

from generator.config import load_config
from generator.load import load_spec
from generator.model import build_model
from generator.model.ir import (
    AliasSchema,
    AnyType,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    NullType,
    ObjectSchema,
    PrimitiveType,
    RefType,
    UnionType,
)
from generator.model.naming import derive_call_path

from tests.support.paths import CONFIG

SPEC = """
openapi: 3.0.0
info: {title: Shapes, version: "2"}
servers: [{url: "https://example.test/v1"}]
security: [{Key: []}]
paths:
  /pets/{petId}:
    parameters:
      - {name: petId, in: path, required: true, schema: {type: string}}
    get:
      operationId: getPet
      parameters:
        - {name: x-trace, in: header, schema: {type: object, additionalProperties: true}}
        - {name: tags, in: query, style: form, explode: false, schema: {type: array, items: {type: string}}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
        default:
          description: error
          content:
            application/json:
              schema: {type: object, properties: {message: {type: string}}}
      security:
        - {Key: [], Other: []}
        - {Token: []}
  /pets/{petId}/upload:
    post:
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file: {type: string, format: binary}
                note: {type: string}
      responses:
        "204": {description: none}
components:
  securitySchemes:
    Key: {type: apiKey, in: header, name: x-key}
    Other: {type: apiKey, in: query, name: other}
    Token: {type: http, scheme: bearer}
  schemas:
    Pet:
      type: object
      required: [id, kind]
      properties:
        id: {type: string, format: uuid}
        kind: {$ref: "#/components/schemas/Kind"}
        born: {type: string, format: date-time, nullable: true}
        weight: {type: number, default: 1.5}
        labels: {type: object, additionalProperties: {type: integer}}
        extra: {type: object}
        owner:
          type: object
          properties:
            name: {type: string}
        parent: {$ref: "#/components/schemas/Pet"}
        shape:
          oneOf:
            - {$ref: "#/components/schemas/Circle"}
            - {$ref: "#/components/schemas/Square"}
          discriminator:
            propertyName: type
            mapping:
              circle: "#/components/schemas/Circle"
              square: "#/components/schemas/Square"
        version: {type: string, enum: [v1], x-stainless-const: true}
        anything: {}
        model:
          anyOf:
            - {type: string}
            - {type: string, enum: [a, b]}
    Kind: {type: string, enum: [cat, dog]}
    Circle:
      type: object
      properties:
        type: {type: string, enum: [circle]}
        radius: {type: number}
    Square:
      allOf:
        - {$ref: "#/components/schemas/Shape"}
        - type: object
          properties:
            side: {type: number}
    Shape:
      type: object
      required: [type]
      properties:
        type: {type: string}
"""


def _model(path: Path):  # type: ignore[no-untyped-def]
    return build_model(load_spec(path), load_config(CONFIG))


def test_schemas_are_typed(write_spec: Callable[..., Path]) -> None:
    model = _model(write_spec(SPEC))
    pet = model.schemas["Pet"]
    assert isinstance(pet, ObjectSchema)
    props = {p.name: p for p in pet.properties}
    assert props["id"].required and props["id"].type == PrimitiveType("string", "uuid")
    assert props["kind"].type == RefType("Kind")
    assert model.schemas["Kind"] == AliasSchema("Kind", EnumType(("cat", "dog"), "string"), None, model.schemas["Kind"].location)
    assert props["born"].type == UnionType((PrimitiveType("string", "date-time"), NullType()))
    assert not props["born"].required
    assert props["weight"].has_default and props["weight"].default == 1.5
    assert props["labels"].type == MapType(PrimitiveType("integer"))
    assert props["extra"].type == MapType(AnyType())
    assert props["owner"].type == RefType("PetOwner"), "inline objects are named from their place"
    assert isinstance(model.schemas["PetOwner"], ObjectSchema)
    assert props["parent"].type == RefType("Pet"), "recursion is a reference, not an expansion"
    assert props["version"].type == ConstType("v1")
    assert props["anything"].type == AnyType()
    assert props["model"].type == UnionType((PrimitiveType("string"), EnumType(("a", "b"), "string")))
    shape = props["shape"].type
    assert isinstance(shape, UnionType) and shape.discriminator is not None
    assert shape.discriminator.property == "type"
    assert dict(shape.discriminator.mapping) == {"circle": "Circle", "square": "Square"}


def test_all_of_with_one_object_ref_is_inheritance(write_spec: Callable[..., Path]) -> None:
    square = _model(write_spec(SPEC)).schemas["Square"]
    assert isinstance(square, ObjectSchema)
    assert square.bases == ["Shape"]
    assert [p.name for p in square.properties] == ["side"]


def test_operations(write_spec: Callable[..., Path]) -> None:
    model = _model(write_spec(SPEC))
    get_pet, upload = model.operations
    assert (get_pet.method, get_pet.path, get_pet.operation_id) == ("get", "/pets/{petId}", "getPet")
    assert get_pet.call_path == ("pets", "retrieve")
    assert [(p.location, p.name) for p in get_pet.parameters] == [("path", "petId"), ("header", "x-trace"), ("query", "tags")]
    tags = get_pet.parameters[2]
    assert tags.style == "form" and tags.explode is False and tags.type == ArrayType(PrimitiveType("string"))
    assert [r.status for r in get_pet.responses] == ["200", "default"]
    assert get_pet.responses[1].contents[0].type == RefType("GetPetResponseDefault")
    assert get_pet.security == [("Key", "Other"), ("Token",)]
    assert upload.operation_id is None and upload.name == "post_pets_pet_id_upload"
    assert upload.security == [("Key",)], "operations without security inherit the global requirement"
    assert upload.request_body is not None and upload.request_body.contents[0].content_type == "multipart/form-data"
    assert upload.call_path == ("pets", "upload")
    schemes = model.security_schemes
    assert (schemes["Key"].location, schemes["Key"].parameter_name) == ("header", "x-key")
    assert (schemes["Token"].type, schemes["Token"].scheme) == ("http", "bearer")
    assert model.servers[0].url == "https://example.test/v1"


def test_path_derived_names() -> None:
    actions = load_config(CONFIG).action_segments
    assert derive_call_path("post", "/chat/completions", actions) == ("chat", "completions", "create")
    assert derive_call_path("get", "/files", actions) == ("files", "list")
    assert derive_call_path("get", "/files/{file_id}", actions) == ("files", "retrieve")
    assert derive_call_path("put", "/x/{id}", actions) == ("x", "update")
    assert derive_call_path("delete", "/x/{id}", actions) == ("x", "delete")
    assert derive_call_path("post", "/batches/{id}/cancel", actions) == ("batches", "cancel")
    assert derive_call_path("post", "/admin/users/invites/{inviteId}/resend", actions) == ("admin", "users", "invites", "resend")
    assert derive_call_path("get", "/virtual-keys", actions) == ("virtual_keys", "list")


def test_full_spec_is_modelled_completely(full_spec: Path) -> None:
    raw = yaml.load(full_spec.read_text(), Loader=yaml.CSafeLoader)
    model = _model(full_spec)
    methods = {"get", "put", "post", "delete", "patch", "options", "head", "trace"}
    expected = {(m.upper(), p) for p, item in raw["paths"].items() for m in item if m in methods}
    assert {(op.method.upper(), op.path) for op in model.operations} == expected
    assert len(model.operations) == len(expected)
    assert set(raw["components"]["schemas"]) <= set(model.schemas), "every component schema has a model"
    call_paths = [op.call_path for op in model.operations]
    assert len(set(call_paths)) == len(call_paths), "no two operations share a method"
    without_id = [op for op in model.operations if op.operation_id is None]
    assert len(without_id) == sum(1 for p, item in raw["paths"].items() for m, op in item.items()
                                  if m in methods and "operationId" not in op)
    assert all(op.call_path and all(part.isidentifier() for part in op.call_path) for op in model.operations)
    renamed = [d.message for d in model.diagnostics if "is taken" in d.message]
    assert renamed == [], "no schema needed a numbered name"
    chat = next(op for op in model.operations if op.operation_id == "createChatCompletion")
    assert chat.call_path == ("chat", "completions", "create")
    stream = [op for op in model.operations if any(m.content_type == "text/event-stream" for r in op.responses for m in r.contents)]
    assert stream, "the event-stream response is modelled"
    multipart = [op for op in model.operations if op.request_body and any(m.content_type == "multipart/form-data" for m in op.request_body.contents)]
    assert len(multipart) == 5
    assert any(len(op.security) > 1 for op in model.operations), "alternative security requirements are kept"
