"""Rules of generator/diff/request_bodies.py: request bodies added, removed, required, content types."""

from __future__ import annotations

from pathlib import Path

from tests.generator.diff.pairs import compare, found

FEED = """
paths:
  /pets/{id}/feed:
    post:
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Meal'}}}
      responses: {'204': {description: ok}}
components:
  schemas:
    Meal: {type: object, properties: {food: {type: string}}}
"""
NO_BODY = FEED.replace("""      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Meal'}}}
""", "")
METHOD = "client.pets.feed.create"


def without_meal(changes: list) -> set:  # type: ignore[type-arg]
    return {f for f in found(changes) if f[0]}


def test_request_body_added_required(tmp_path: Path) -> None:
    new = FEED.replace("      requestBody:\n", "      requestBody:\n        required: true\n")
    assert without_meal(compare(tmp_path, NO_BODY, new)) == {(METHOD, "request-body-added-required", "breaking")}


def test_request_body_added_optional(tmp_path: Path) -> None:
    assert without_meal(compare(tmp_path, NO_BODY, FEED)) == {(METHOD, "request-body-added-optional", "non-breaking")}


def test_request_body_removed(tmp_path: Path) -> None:
    assert without_meal(compare(tmp_path, FEED, NO_BODY)) == {(METHOD, "request-body-removed", "breaking")}


def test_request_body_became_required(tmp_path: Path) -> None:
    new = FEED.replace("      requestBody:\n", "      requestBody:\n        required: true\n")
    assert found(compare(tmp_path, FEED, new)) == {(METHOD, "request-body-became-required", "breaking")}


def test_request_body_became_optional(tmp_path: Path) -> None:
    old = FEED.replace("      requestBody:\n", "      requestBody:\n        required: true\n")
    assert found(compare(tmp_path, old, FEED)) == {(METHOD, "request-body-became-optional", "non-breaking")}


def test_request_media_type_removed(tmp_path: Path) -> None:
    old = FEED.replace("content: {application/json: {schema: {$ref: '#/components/schemas/Meal'}}}",
                       "content: {application/json: {schema: {$ref: '#/components/schemas/Meal'}}, "
                       "application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Meal'}}}")
    assert found(compare(tmp_path, old, FEED)) == {(METHOD, "request-media-type-removed", "breaking")}


def test_request_media_type_added(tmp_path: Path) -> None:
    new = FEED.replace("content: {application/json: {schema: {$ref: '#/components/schemas/Meal'}}}",
                       "content: {application/json: {schema: {$ref: '#/components/schemas/Meal'}}, "
                       "application/x-www-form-urlencoded: {schema: {$ref: '#/components/schemas/Meal'}}}")
    assert found(compare(tmp_path, FEED, new)) == {(METHOD, "request-media-type-added", "non-breaking")}


def test_object_body_that_becomes_an_any_of_schemas(tmp_path: Path) -> None:
    old = """
    paths:
      /batches:
        post:
          requestBody:
            required: true
            content: {application/json: {schema: {type: object, required: [input_file_id], properties: {input_file_id: {type: string}}}}}
          responses: {'200': {description: ok}}
    components:
      schemas:
        FileBatch: {type: object, properties: {input_file_id: {type: string}}}
        InlineBatch: {type: object, properties: {requests: {type: array, items: {type: string}}}}
    """
    new = old.replace("schema: {type: object, required: [input_file_id], properties: {input_file_id: {type: string}}}",
                      "schema: {anyOf: [{$ref: '#/components/schemas/FileBatch'}, {$ref: '#/components/schemas/InlineBatch'}]}")
    changes = [c for c in compare(tmp_path, old, new) if c.method]
    assert found(changes) == {("client.batches.create", "request-body-became-union", "breaking")}
    assert "FileBatch" in changes[0].detail and "InlineBatch" in changes[0].detail
