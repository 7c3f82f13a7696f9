"""Tests for the openapi-core backed test server in ``tests/support/spec_server.py``."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any, Iterator, Mapping, cast

import httpx
import pytest
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.support.spec_server import (
    DEFAULT_BINARY_BODY,
    SpecServer,
    load_spec,
    synthesize,
)

from tests.support.paths import FULL_SPEC, SEED_SPEC
SPEC_URI = "urn:test-spec"

AUTH = {"x-portkey-api-key": "pk-test", "x-portkey-virtual-key": "vk-test"}
SPEECH = {"model": "tts-1", "input": "The quick brown fox.", "voice": "alloy"}

_DISCRIMINATOR = (
    "discriminator without mapping: the implicit value must be a schema name, but every "
    "variant pins `type` to an enum value that is not its schema name"
)
_NEEDS_OUTPUT_ITEM = "requires `item: OutputItem` (" + _DISCRIMINATOR + ")"
_THREAD_ID = (
    "`thread_id` is required but not among the properties while "
    "additionalProperties is false"
)
#: Component schemas no value can satisfy under openapi-schema-validator's OAS 3.0 rules.
KNOWN_IMPOSSIBLE: dict[str, str] = {
    "OutputItem": _DISCRIMINATOR,
    "InputItem": _DISCRIMINATOR + " (its `Item` variant even recurses forever)",
    "Item": _DISCRIMINATOR,
    "ItemResource": _DISCRIMINATOR,
    "ResponseStreamEvent": _DISCRIMINATOR,
    "ResponseOutputItemAddedEvent": _NEEDS_OUTPUT_ITEM,
    "ResponseOutputItemDoneEvent": _NEEDS_OUTPUT_ITEM,
    "CreateRunRequest": _THREAD_ID,
    "CreateThreadAndRunRequest": _THREAD_ID,
}


def _registry(spec: Mapping[str, Any]) -> Registry[Any]:
    """A registry holding ``spec`` at ``SPEC_URI``."""
    resource = Resource.from_contents(spec, default_specification=DRAFT4)
    return cast("Registry[Any]", Registry().with_resource(SPEC_URI, resource))


def _errors(registry: Registry[Any], pointer: str, value: Any) -> list[str]:
    """Validation errors of ``value`` against the schema at ``#pointer``."""
    validator = OAS30Validator({"$ref": f"{SPEC_URI}#{pointer}"}, registry=registry)
    try:
        return [
            f"{list(e.absolute_path)}: {e.message}"[:300]
            for e in validator.iter_errors(value)
        ]
    except RecursionError:
        return ["RecursionError while validating"]


# --------------------------------------------------------------------------- #
# Seed spec: one operation (createSpeech)
# --------------------------------------------------------------------------- #


@pytest.fixture
def seed_server() -> Iterator[SpecServer]:
    with SpecServer(SEED_SPEC) as server:
        yield server


def test_valid_request_is_accepted_and_gets_binary(seed_server: SpecServer) -> None:
    assert seed_server.url.startswith("http://127.0.0.1:")
    assert not seed_server.url.endswith("/")
    response = httpx.post(f"{seed_server.url}/audio/speech", json=SPEECH, headers=AUTH)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["transfer-encoding"] == "chunked"
    assert response.content == DEFAULT_BINARY_BODY
    (recorded,) = seed_server.requests
    assert recorded.operation == "createSpeech"
    assert recorded.method == "POST"
    assert recorded.path == "/audio/speech"
    assert recorded.headers["x-portkey-api-key"] == "pk-test"
    assert recorded.json() == SPEECH
    assert recorded.errors == []
    assert recorded.status == 200
    assert seed_server.rejected() == []


def test_binary_body_is_configurable_and_streams(seed_server: SpecServer) -> None:
    seed_server.binary_body = b"abc" * 50_000
    received = b""
    with httpx.stream(
        "POST", f"{seed_server.url}/audio/speech", json=SPEECH, headers=AUTH
    ) as response:
        chunks = list(response.iter_raw())
        received = b"".join(chunks)
    assert received == b"abc" * 50_000
    assert seed_server.rejected() == []


def test_missing_api_key_is_rejected(seed_server: SpecServer) -> None:
    headers = {"x-portkey-virtual-key": "vk-test"}
    response = httpx.post(
        f"{seed_server.url}/audio/speech", json=SPEECH, headers=headers
    )
    assert response.status_code == 400
    body = response.json()
    assert body["error"]["type"] == "invalid_request_error"
    assert "security" in body["error"]["message"].lower()
    (rejected,) = seed_server.rejected()
    assert any(
        "security" in e.lower() and "x-portkey-api-key" in e for e in rejected.errors
    )


def test_bearer_alternative_is_accepted(seed_server: SpecServer) -> None:
    headers = {
        "x-portkey-api-key": "pk-test",
        "Authorization": "Bearer sk-test",
        "x-portkey-provider": "openai",
    }
    response = httpx.post(
        f"{seed_server.url}/audio/speech", json=SPEECH, headers=headers
    )
    assert response.status_code == 200, response.text
    assert seed_server.rejected() == []


@pytest.mark.parametrize(
    "body",
    [
        {"model": "tts-1", "input": "hi"},
        {"model": "tts-1", "input": "hi", "voice": "robot"},
    ],
    ids=["missing-voice", "bad-voice"],
)
def test_invalid_body_is_rejected_naming_the_field(
    seed_server: SpecServer, body: dict[str, Any]
) -> None:
    response = httpx.post(f"{seed_server.url}/audio/speech", json=body, headers=AUTH)
    assert response.status_code == 400
    assert "voice" in response.json()["error"]["message"]
    (rejected,) = seed_server.rejected()
    assert rejected.operation == "createSpeech"
    assert any("voice" in e for e in rejected.errors)


def test_all_errors_are_collected(seed_server: SpecServer) -> None:
    body = {"model": "tts-1", "input": "hi", "voice": "robot", "speed": 9}
    response = httpx.post(f"{seed_server.url}/audio/speech", json=body)
    assert response.status_code == 400
    errors = seed_server.rejected()[0].errors
    assert any(e.startswith("security:") for e in errors)
    assert any("voice" in e for e in errors)
    assert any("speed" in e for e in errors)


def test_unmatched_requests(seed_server: SpecServer) -> None:
    missing = httpx.get(f"{seed_server.url}/nope", headers=AUTH)
    assert missing.status_code == 404
    assert missing.json()["error"]["message"]
    wrong_method = httpx.delete(f"{seed_server.url}/audio/speech", headers=AUTH)
    assert wrong_method.status_code == 405
    assert [r.operation for r in seed_server.rejected()] == [None, None]


def test_canned_responses_are_used_first_in_order(seed_server: SpecServer) -> None:
    seed_server.respond_with(
        429, {"error": {"message": "slow down"}}, headers={"Retry-After": "1"}
    )
    seed_server.respond_with(500, b"boom", headers={"Content-Type": "text/plain"})
    url = f"{seed_server.url}/audio/speech"
    first = httpx.post(url, json=SPEECH, headers=AUTH)
    assert (first.status_code, first.json(), first.headers["retry-after"]) == (
        429,
        {"error": {"message": "slow down"}},
        "1",
    )
    second = httpx.post(url, json=SPEECH, headers=AUTH)
    assert (second.status_code, second.text) == (500, "boom")
    third = httpx.post(url, json=SPEECH, headers=AUTH)
    assert third.status_code == 200
    assert [r.status for r in seed_server.requests] == [429, 500, 200]


def test_keep_alive_client_and_clean_stop() -> None:
    server = SpecServer(SEED_SPEC)
    with server, httpx.Client(base_url=server.url, headers=AUTH) as client:
        for _ in range(3):
            assert client.post("/audio/speech", json=SPEECH).status_code == 200
    assert len(server.requests) == 3
    with pytest.raises(RuntimeError):
        server.url


def test_spec_is_loaded_once_per_path() -> None:
    assert load_spec(SEED_SPEC) is load_spec(
        SEED_SPEC.parent / ".." / "specs" / "portkey.yaml"
    )


# --------------------------------------------------------------------------- #
# A small spec exercising parameters, JSON/SSE/empty responses
# --------------------------------------------------------------------------- #

MINI_SPEC = textwrap.dedent("""
    openapi: 3.0.3
    info: {title: mini, version: "1"}
    servers: [{url: "https://api.example.com/v1"}]
    security: [{Bearer: []}]
    paths:
      /things:
        servers: [{url: "https://other.example.com/v2"}]
        get:
          operationId: listThings
          parameters:
            - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/ThingList"}
      /things/{thing_id}:
        delete:
          servers: [{url: "https://delete.example.com"}]
          parameters:
            - {name: thing_id, in: path, required: true, schema: {type: integer}}
          responses:
            "204": {description: deleted}
      /events:
        post:
          operationId: streamEvents
          security: []
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties: {stream: {type: boolean}}
          responses:
            "200":
              description: ok
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Pet"}
                text/event-stream:
                  schema: {$ref: "#/components/schemas/Pet"}
    components:
      securitySchemes:
        Bearer: {type: http, scheme: bearer}
      schemas:
        Thing:
          type: object
          required: [id, kind, created]
          properties:
            id: {type: string, format: uuid}
            kind: {type: string, enum: [a, b]}
            created: {type: string, format: date-time}
            parent: {$ref: "#/components/schemas/Thing"}
        ThingList:
          type: object
          required: [data]
          properties:
            data: {type: array, items: {$ref: "#/components/schemas/Thing"}}
        Pet:
          oneOf:
            - {$ref: "#/components/schemas/Cat"}
            - {$ref: "#/components/schemas/Dog"}
          discriminator:
            propertyName: pet_type
            mapping: {cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog"}
        Cat:
          type: object
          required: [pet_type, name]
          properties:
            pet_type: {type: string, enum: [cat]}
            name: {type: string, minLength: 8}
        Dog:
          type: object
          required: [pet_type]
          properties:
            pet_type: {type: string, enum: [dog]}
    """)


@pytest.fixture
def mini_server(tmp_path: Path) -> Iterator[SpecServer]:
    path = tmp_path / "mini.yaml"
    path.write_text(MINI_SPEC)
    with SpecServer(path) as server:
        yield server


def test_json_response_is_synthesized_and_valid(mini_server: SpecServer) -> None:
    bearer = {"Authorization": "Bearer t"}
    response = httpx.get(
        f"{mini_server.url}/things", params={"limit": 5}, headers=bearer
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    assert data["data"] and data["data"][0]["kind"] == "a"
    assert (
        _errors(_registry(mini_server.spec), "/components/schemas/ThingList", data)
        == []
    )
    (recorded,) = mini_server.requests
    assert (recorded.operation, recorded.query_params) == (
        "listThings",
        {"limit": ["5"]},
    )


def test_parameters_and_security_are_validated(mini_server: SpecServer) -> None:
    response = httpx.get(f"{mini_server.url}/things", params={"limit": 0})
    assert response.status_code == 400
    errors = mini_server.rejected()[0].errors
    assert any(
        e.startswith("security:") and "Authorization: Bearer" in e for e in errors
    )
    assert any("limit" in e and "minimum" in e for e in errors)


def test_path_parameters_and_empty_responses(mini_server: SpecServer) -> None:
    bearer = {"Authorization": "Bearer t"}
    assert (
        httpx.delete(f"{mini_server.url}/things/12", headers=bearer).status_code == 204
    )
    bad = httpx.delete(f"{mini_server.url}/things/twelve", headers=bearer)
    assert bad.status_code == 400
    assert "thing_id" in bad.json()["error"]["message"]
    operations = [r.operation for r in mini_server.requests]
    assert operations == ["DELETE /things/{thing_id}"] * 2


def test_server_sent_events_when_streaming(mini_server: SpecServer) -> None:
    plain = httpx.post(f"{mini_server.url}/events", json={})
    assert plain.status_code == 200
    assert plain.json()["pet_type"] == "cat"
    with httpx.stream(
        "POST", f"{mini_server.url}/events", json={"stream": True}
    ) as response:
        assert response.headers["content-type"] == "text/event-stream"
        lines = [line for line in response.iter_lines() if line]
    assert lines[-1] == "data: [DONE]"
    events = [json.loads(line.removeprefix("data: ")) for line in lines[:-1]]
    assert len(events) == mini_server.sse_events
    assert all(event["pet_type"] == "cat" for event in events)
    assert mini_server.rejected() == []


# --------------------------------------------------------------------------- #
# synthesize() on hand-written schemas
# --------------------------------------------------------------------------- #

SYNTH_SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "components": {
        "schemas": {
            "Node": {
                "type": "object",
                "required": ["name", "children"],
                "properties": {
                    "name": {"type": "string", "minLength": 10, "maxLength": 12},
                    "children": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Node"},
                    },
                    "parent": {
                        "allOf": [{"$ref": "#/components/schemas/Node"}],
                        "nullable": True,
                    },
                },
            },
            "Mixed": {
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {
                        "type": "object",
                        "required": ["count", "ratio", "when", "mail", "site", "file"],
                        "properties": {
                            "count": {"type": "integer", "minimum": 5, "maximum": 7},
                            "ratio": {
                                "type": "number",
                                "minimum": 0,
                                "exclusiveMinimum": True,
                                "maximum": 1,
                                "multipleOf": 0.01,
                            },
                            "when": {"type": "string", "format": "date-time"},
                            "mail": {"type": "string", "format": "email"},
                            "site": {"type": "string", "format": "uri"},
                            "file": {"type": "string", "format": "binary"},
                            "slug": {"type": "string", "pattern": "^[a-z]+-[0-9]+$"},
                            "obj": {"type": "object", "const": {"a": 1}},
                            "kind": {
                                "type": "string",
                                "enum": ["only"],
                                "x-stainless-const": True,
                            },
                            "labels": {
                                "type": "object",
                                "additionalProperties": {
                                    "type": "integer",
                                    "minimum": 3,
                                },
                                "minProperties": 2,
                            },
                            "tags": {
                                "type": "array",
                                "items": {"type": "string", "enum": ["x", "y", "z"]},
                                "minItems": 2,
                                "uniqueItems": True,
                            },
                            "maybe": {"type": "string", "nullable": True},
                            "model": {
                                "oneOf": [
                                    {"type": "string"},
                                    {"type": "string", "enum": ["m1"]},
                                ]
                            },
                        },
                    },
                ]
            },
            "Base": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string", "format": "uuid"}},
            },
            "Shape": {
                "oneOf": [
                    {
                        "type": "object",
                        "nullable": True,
                        "properties": {"k": {"type": "string"}},
                    },
                    {"$ref": "#/components/schemas/Circle"},
                    {"$ref": "#/components/schemas/Square"},
                ],
                "discriminator": {"propertyName": "shape"},
            },
            "Circle": {
                "type": "object",
                "required": ["shape", "radius"],
                "properties": {
                    "shape": {"type": "string"},
                    "radius": {"type": "number"},
                },
            },
            "Square": {
                "type": "object",
                "required": ["shape"],
                "properties": {"shape": {"type": "string", "enum": ["square"]}},
            },
        }
    },
}


@pytest.mark.parametrize("optional", [False, True])
@pytest.mark.parametrize("name", ["Node", "Mixed", "Shape"])
def test_synthesize_hand_written_schemas(name: str, optional: bool) -> None:
    schema = {"$ref": f"#/components/schemas/{name}"}
    value = synthesize(schema, SYNTH_SPEC, optional=optional, depth_limit=3)
    assert _errors(_registry(SYNTH_SPEC), f"/components/schemas/{name}", value) == []


def test_synthesize_details() -> None:
    mixed = synthesize(
        {"$ref": "#/components/schemas/Mixed"}, SYNTH_SPEC, optional=True
    )
    assert mixed["when"] == "2024-01-01T00:00:00Z"
    assert mixed["site"] == "https://example.com"
    assert mixed["file"] == "data"
    assert mixed["kind"] == "only"
    assert mixed["obj"] == {"a": 1}
    assert 5 <= mixed["count"] <= 7
    assert len(mixed["labels"]) == 2 and len(set(mixed["tags"])) == 2
    required_only = synthesize(
        {"$ref": "#/components/schemas/Mixed"}, SYNTH_SPEC, optional=False
    )
    assert set(required_only) == {
        "id",
        "count",
        "ratio",
        "when",
        "mail",
        "site",
        "file",
    }
    shape = synthesize(
        {"$ref": "#/components/schemas/Shape"}, SYNTH_SPEC, optional=False
    )
    assert shape == {"shape": "Circle", "radius": 1.5}
    assert synthesize({"type": ["null", "integer"], "minimum": 3}, SYNTH_SPEC) == 3


# --------------------------------------------------------------------------- #
# The full Portkey spec
# --------------------------------------------------------------------------- #


@pytest.fixture(scope="module")
def portkey_spec() -> dict[str, Any]:
    if not FULL_SPEC.is_file():
        pytest.skip(f"full Portkey spec not available at {FULL_SPEC}")
    return load_spec(FULL_SPEC).data


@pytest.mark.parametrize(
    "optional", [False, True], ids=["required-only", "all-properties"]
)
def test_synthesize_every_component_schema(
    portkey_spec: dict[str, Any], optional: bool
) -> None:
    registry = _registry(portkey_spec)
    schemas = portkey_spec["components"]["schemas"]
    assert len(schemas) == 517
    failures: dict[str, list[str]] = {}
    for name, schema in schemas.items():
        value = synthesize(schema, portkey_spec, optional=optional)
        json.dumps(value)
        errors = _errors(registry, f"/components/schemas/{name}", value)
        if errors:
            failures[name] = errors
    unexpected = {n: e[:3] for n, e in failures.items() if n not in KNOWN_IMPOSSIBLE}
    assert not unexpected, "synthesized values rejected:\n" + json.dumps(
        unexpected, indent=1
    )
    now_passing = sorted(set(KNOWN_IMPOSSIBLE) - set(failures))
    assert not now_passing, f"listed as impossible but now valid: {now_passing}"


def test_full_spec_request_and_response(portkey_spec: dict[str, Any]) -> None:
    with SpecServer(FULL_SPEC) as server, httpx.Client(base_url=server.url) as client:
        chat = client.post(
            "/chat/completions",
            json={
                "model": "gpt-4o-mini",
                "messages": [{"role": "user", "content": "hi"}],
            },
            headers=AUTH,
        )
        assert chat.status_code == 200, chat.text
        pointer = "/components/schemas/CreateChatCompletionResponse"
        assert _errors(_registry(portkey_spec), pointer, chat.json()) == []
        # operation-level `servers` in the spec must not prevent matching
        config = client.get("/configs/my-config", headers={"x-portkey-api-key": "pk"})
        assert config.status_code == 200, config.text
        bad = client.post("/chat/completions", json={"messages": []}, headers=AUTH)
        assert bad.status_code == 400
        assert "model" in bad.json()["error"]["message"]
        assert [r.operation for r in server.requests] == [
            "createChatCompletion",
            "getConfig",
            "createChatCompletion",
        ]
        assert len(server.rejected()) == 1
