"""Rules of generator/diff/unions.py: enums, open enums, unions widened or narrowed, retyped fields."""

from __future__ import annotations

from pathlib import Path

from tests.generator.diff.pairs import compare, found

# Chat is both the request and the response, so each change shows in both directions.
CHAT = """
paths:
  /chat:
    post:
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Chat'}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Chat'}}}}}
components:
  schemas:
    Chat:
      type: object
      properties:
        voice: {type: string, enum: [alloy, echo]}
        model: {anyOf: [{type: string}, {type: string, enum: [gpt-4o, gpt-4]}]}
        input: {anyOf: [{type: string}, {type: array, items: {type: string}}]}
        age: {type: integer}
"""
METHOD = "client.chat.create"


def directions(changes: list) -> set:  # type: ignore[type-arg]
    return {(c.rule, c.severity, c.where) for c in changes}


def test_enum_value_added(tmp_path: Path) -> None:
    changes = compare(tmp_path, CHAT, CHAT.replace("enum: [alloy, echo]", "enum: [alloy, echo, sage]"))
    assert directions(changes) == {("request-enum-value-added", "non-breaking", "voice"),
                                   ("response-enum-value-added", "warning", "response.voice")}  # fmt: skip
    assert {c.method for c in changes} == {METHOD}


def test_enum_value_removed(tmp_path: Path) -> None:
    changes = compare(tmp_path, CHAT, CHAT.replace("enum: [alloy, echo]", "enum: [alloy]"))
    assert directions(changes) == {("request-enum-value-removed", "breaking", "voice"),
                                   ("response-enum-value-removed", "non-breaking", "response.voice")}  # fmt: skip


def test_open_enum_widened_is_fine_for_requests_and_a_warning_for_responses(tmp_path: Path) -> None:
    changes = compare(tmp_path, CHAT, CHAT.replace("enum: [gpt-4o, gpt-4]", "enum: [gpt-4o, gpt-4, gpt-5]"))
    assert directions(changes) == {("request-union-widened", "non-breaking", "model"),
                                   ("response-union-widened", "warning", "response.model")}  # fmt: skip


def test_open_enum_value_removed(tmp_path: Path) -> None:
    changes = compare(tmp_path, CHAT, CHAT.replace("enum: [gpt-4o, gpt-4]", "enum: [gpt-4o]"))
    assert directions(changes) == {("open-enum-value-removed", "non-breaking", "model"),
                                   ("open-enum-value-removed", "non-breaking", "response.model")}  # fmt: skip


def test_union_widened(tmp_path: Path) -> None:
    new = CHAT.replace("{type: array, items: {type: string}}]}", "{type: array, items: {type: string}}, {type: integer}]}")
    assert directions(compare(tmp_path, CHAT, new)) == {("request-union-widened", "non-breaking", "input"),
                                                        ("response-union-widened", "warning", "response.input")}  # fmt: skip


def test_plain_type_that_becomes_a_union_is_widened(tmp_path: Path) -> None:
    new = CHAT.replace("age: {type: integer}", "age: {anyOf: [{type: integer}, {type: string}]}")
    assert directions(compare(tmp_path, CHAT, new)) == {("request-union-widened", "non-breaking", "age"),
                                                        ("response-union-widened", "warning", "response.age")}  # fmt: skip


def test_union_narrowed(tmp_path: Path) -> None:
    new = CHAT.replace("input: {anyOf: [{type: string}, {type: array, items: {type: string}}]}", "input: {type: string}")
    assert directions(compare(tmp_path, CHAT, new)) == {("request-union-narrowed", "breaking", "input"),
                                                        ("response-union-narrowed", "non-breaking", "response.input")}  # fmt: skip


def test_type_changed(tmp_path: Path) -> None:
    new = CHAT.replace("age: {type: integer}", "age: {type: boolean}")
    changes = compare(tmp_path, CHAT, new)
    assert directions(changes) == {("request-type-changed", "breaking", "age"),
                                   ("response-type-changed", "breaking", "response.age")}  # fmt: skip
    assert {c.detail for c in changes} == {"age: int -> bool", "response.age: int -> bool"}


def test_a_format_the_client_does_not_type_is_no_change(tmp_path: Path) -> None:
    old = CHAT.replace("age: {type: integer}", "age: {type: integer}\n        id: {type: string, format: uuid}")
    assert compare(tmp_path, old, old.replace(", format: uuid", "")) == []


def test_a_format_that_changes_the_type_a_caller_passes_is_a_change(tmp_path: Path) -> None:
    old = CHAT.replace("age: {type: integer}", "age: {type: integer}\n        photo: {type: string, format: binary}")
    changes = compare(tmp_path, old, old.replace(", format: binary", ""))
    assert directions(changes) == {("request-type-changed", "breaking", "photo")}
    assert {c.detail for c in changes} == {"photo: FileTypes -> str"}


def test_request_union_variant_added_in_a_named_union(tmp_path: Path) -> None:
    old = """
    paths:
      /tools:
        post:
          requestBody:
            content: {application/json: {schema: {type: object, properties: {tool: {$ref: '#/components/schemas/Tool'}}}}}
          responses: {'204': {description: ok}}
    components:
      schemas:
        Tool: {oneOf: [{$ref: '#/components/schemas/Code'}]}
        Code: {type: object, properties: {type: {type: string}}}
        Search: {type: object, properties: {query: {type: string}}}
    """
    new = old.replace("oneOf: [{$ref: '#/components/schemas/Code'}]", "oneOf: [{$ref: '#/components/schemas/Code'}, {$ref: '#/components/schemas/Search'}]")
    assert found(compare(tmp_path, old, new)) == {("client.tools.create", "request-union-widened", "non-breaking")}
