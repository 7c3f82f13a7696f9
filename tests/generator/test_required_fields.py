"""A field the API requires is a required keyword argument, decided once: the signature and the
diff agree, whether `required` sits beside the property or in an `allOf` part that inherits it."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Optional

import yaml

from generator import diff
from generator.config import GeneratorConfig
from generator.load import load_spec
from generator.model import build_model
from tests.support.packages import generated_package

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Pets", "version": "1"},
    "servers": [{"url": "https://pets.test"}],
    "paths": {
        "/pets": {
            "post": {
                "operationId": "createPet",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CreatePet"}}},
                },
                "responses": {"200": {"description": "ok"}},
            }
        }
    },
    "components": {
        "schemas": {
            "PetFields": {"type": "object", "properties": {"name": {"type": "string"}, "tag": {"type": "string"}}},
            "CreatePet": {
                "allOf": [{"$ref": "#/components/schemas/PetFields"}, {"type": "object", "required": ["name", "owner"]}]
            },
        }
    },
}


def _write(path: Path, spec: dict) -> Path:  # type: ignore[type-arg]
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return path


def test_a_name_an_allof_part_requires_is_required_in_the_signature_and_in_the_diff(tmp_path: Path) -> None:
    new = _write(tmp_path / "new.yaml", SPEC)
    with generated_package(new, tmp_path / "out", "pets_client", package_name="pets_client") as client:
        create = inspect.signature(client.Pets(base_url="http://127.0.0.1:9").pets.create).parameters
        assert create["name"].default is inspect.Parameter.empty, "required by the allOf part"
        assert create["tag"].default is not inspect.Parameter.empty
        # `owner` is required but declared nowhere: still a keyword, taking any value.
        assert create["owner"].default is inspect.Parameter.empty
        assert create["owner"].annotation == "object"
    old_spec = yaml.safe_load(yaml.safe_dump(SPEC))
    old_spec["components"]["schemas"]["CreatePet"]["allOf"][1]["required"] = []
    old = _write(tmp_path / "old.yaml", old_spec)
    config = GeneratorConfig()
    changes = diff.compare(build_model(load_spec(old), config), build_model(load_spec(new), config))
    became_required = {c.where for c in changes if c.rule == "request-field-became-required"}
    added_required = {c.where for c in changes if c.rule == "request-field-added-required"}
    assert became_required == {"name"} and added_required == {"owner"}


ACCOUNTS = {
    "openapi": "3.1.0",
    "info": {"title": "Accounts", "version": "1"},
    "servers": [{"url": "https://accounts.test"}],
    "paths": {
        "/accounts": {
            "post": {
                "operationId": "createAccount",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Account"}}},
                },
                "responses": {
                    "201": {
                        "description": "ok",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Account"}}},
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Account": {
                "type": "object",
                "required": ["id", "email", "password"],
                "properties": {
                    "id": {"type": "string", "readOnly": True},
                    "email": {"type": "string"},
                    "password": {"type": "string", "writeOnly": True},
                },
            }
        }
    },
}


def test_read_only_fields_are_answered_and_write_only_ones_sent(tmp_path: Path) -> None:
    """A required `readOnly` field is no argument but a required field of the answer; a required
    `writeOnly` one is a required argument, and optional in the answer, which never holds it."""
    spec = _write(tmp_path / "accounts.yaml", ACCOUNTS)
    with generated_package(spec, tmp_path / "out", "accounts_client", package_name="accounts_client") as client:
        create = inspect.signature(client.Accounts(base_url="http://127.0.0.1:9").accounts.create).parameters
        assert "id" not in create
        assert create["password"].default is inspect.Parameter.empty
        from accounts_client.types import Account

        fields = Account.model_fields
        assert fields["id"].is_required() and not fields["password"].is_required()
        assert fields["password"].annotation == Optional[str]
        answer = Account.model_validate({"id": "acc_1", "email": "a@b.test"})
        assert answer.password is None
