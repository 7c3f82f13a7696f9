"""Model fields are named as the API spells them, and wire names round-trip."""

from __future__ import annotations

import importlib
import inspect
import datetime
import keyword
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pydantic
import pytest
import yaml

from tests.support.packages import generated_package, model_classes
from tests.support.spec_server import SpecServer, synthesize

# Where Python or pydantic does not allow the API's name, the field is renamed (and aliased).
PYDANTIC_NAMES = frozenset(n for n in dir(pydantic.BaseModel) if not n.startswith("_")) | {
    "to_dict", "to_json", "construct_lenient",
}  # fmt: skip


@pytest.fixture(scope="module")
def raw_spec(full_spec: Path) -> dict[str, Any]:
    return yaml.load(full_spec.read_text(), Loader=yaml.CSafeLoader)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def models(full_client: ModuleType) -> dict[str, type[pydantic.BaseModel]]:
    return model_classes(full_client.__name__)


def _renaming_allowed(wire: str) -> bool:
    return not (wire.isascii() and wire.isidentifier()) or keyword.iskeyword(wire) or wire.startswith("_") or wire in PYDANTIC_NAMES


def test_fields_keep_the_api_spelling_where_python_allows_it(models: dict[str, type[pydantic.BaseModel]]) -> None:
    renamed = []
    kept = 0
    for name, model in models.items():
        for field_name, info in model.model_fields.items():
            wire = info.alias or field_name
            if field_name != wire and not _renaming_allowed(wire):
                renamed.append(f"{name}.{field_name} (the API says {wire!r})")
            kept += field_name == wire
    assert renamed == []
    assert kept > 2500  # of the ~2,900 fields of every model class (request-only inline objects are TypedDicts only)


def test_object_field_is_reachable_as_object_at_run_time(full_client: ModuleType, full_spec: Path) -> None:
    with SpecServer(full_spec) as server:
        with full_client.Portkey(api_key="pk", virtual_key="vk", base_url=server.url) as client:
            completion = client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
            )
    assert completion.object == "chat.completion"
    assert completion.to_dict()["object"] == "chat.completion"


def _instants(value: Any) -> Any:
    """JSON with every date-time text read as the instant it names (`.000Z` and `Z` are one instant)."""
    if isinstance(value, dict):
        return {k: _instants(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_instants(v) for v in value]
    if isinstance(value, str) and len(value) >= 19 and value[4:5] == "-" and value[10:11] == "T":
        try:
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    return value


def test_wire_names_of_every_field_round_trip(full_client: ModuleType, raw_spec: dict[str, Any]) -> None:
    """Every component's model built from wire JSON (all optional fields present) dumps back to the same
    JSON (a date-time may come back written another way: the same instant)."""
    schemas = raw_spec["components"]["schemas"]
    types = importlib.import_module(f"{full_client.__name__}.types")
    failures = []
    checked = 0
    for name in dir(types):
        model = getattr(types, name)
        if name not in schemas or not (inspect.isclass(model) and issubclass(model, pydantic.BaseModel)):
            continue
        if not model.model_fields:
            continue
        data = synthesize({"$ref": f"#/components/schemas/{name}"}, raw_spec, optional=True)
        if not isinstance(data, dict) or not data:
            continue
        try:
            parsed = model.model_validate(data)
        except pydantic.ValidationError as error:
            failures.append(f"{name}: does not validate: {str(error)[:200]}")
            continue
        checked += 1
        dumped = parsed.to_dict()  # type: ignore[attr-defined]
        if _instants(dumped) != _instants(data):
            failures.append(f"{name}: {data!r:.200} dumped as {dumped!r:.200}")
    assert checked > 400
    assert failures == [], "\n".join(failures[:30])


def test_small_spec_keeps_builtin_names_and_aliases_forbidden_ones(write_spec: Any, tmp_path: Path) -> None:
    """`object`, `type`, `bytes`, `id` stay as they are on models and as arguments; `json`, `not` are aliased."""
    import sys

    from generator.pipeline import Options, generate, write

    spec = write_spec(
        """
        openapi: 3.0.3
        info: {title: Names, version: "1"}
        servers: [{url: "http://127.0.0.1:9"}]
        paths:
          /things:
            get:
              operationId: listThings
              parameters:
                - {name: type, in: query, schema: {type: string}}
                - {name: object, in: query, schema: {type: string}}
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
              required: [object, id]
              properties:
                object: {type: string, enum: [thing]}
                id: {type: string}
                type: {type: string}
                bytes: {type: integer}
                format: {type: string}
                json: {type: string}
                not: {type: boolean}
                apiVersion: {type: string}
        """
    )
    with generated_package(spec, tmp_path / "out", "names_client", package_name="names_client") as client:
        thing_module = importlib.import_module("names_client.types")
        wire = {"object": "thing", "id": "t1", "type": "a", "bytes": 3, "format": "f", "json": "j", "not": True,
                "apiVersion": "v1"}  # fmt: skip
        thing = thing_module.Thing.model_validate(wire)
        assert (thing.object, thing.id, thing.type, thing.bytes, thing.format, thing.apiVersion) == (
            "thing", "t1", "a", 3, "f", "v1"
        )
        assert thing.json_ == "j" and thing.not_ is True
        assert thing.to_dict() == wire
        method = client.Names(base_url="http://127.0.0.1:9").things.list
        assert {"type", "object"} <= set(inspect.signature(method).parameters)
