"""Rules of generator/diff/sdk.py: the model classes users import from `types`."""

from __future__ import annotations

from pathlib import Path

from tests.generator.diff.pairs import compare

PETS = """
paths:
  /pets:
    post:
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/PetRequest'}}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: object, properties: {status: {$ref: '#/components/schemas/PetStatus'}}}}}
components:
  schemas:
    PetRequest: {type: object, properties: {name: {type: string}}}
    PetStatus: {type: object, properties: {state: {type: string}}}
"""


def models(changes: list) -> set:  # type: ignore[type-arg]
    """(rule, severity, class) of the changes to the model classes."""
    return {(c.rule, c.severity, c.where) for c in changes if c.subject == "model classes"}


def test_model_renamed(tmp_path: Path) -> None:
    new = PETS.replace("PetRequest", "CreatePetRequest")
    changes = compare(tmp_path, PETS, new)
    assert models(changes) == {("model-renamed", "breaking", "PetRequest")}
    assert [c for c in changes if c.method] == []  # the method's arguments are the same


def test_model_removed(tmp_path: Path) -> None:
    new = PETS.replace("{status: {$ref: '#/components/schemas/PetStatus'}}", "{status: {type: string}}")
    new = new.replace("    PetStatus: {type: object, properties: {state: {type: string}}}\n", "")
    changes = compare(tmp_path, PETS, new)
    assert models(changes) == {("model-removed", "breaking", "PetStatus")}


def test_component_moved_inline_is_a_rename(tmp_path: Path) -> None:
    new = PETS.replace("{status: {$ref: '#/components/schemas/PetStatus'}}", "{status: {type: object, properties: {state: {type: string}}}}")
    new = new.replace("    PetStatus: {type: object, properties: {state: {type: string}}}\n", "")
    # PetStatus is gone from components: its shape lives on as an inline class of a new name.
    assert models(compare(tmp_path, PETS, new)) == {("model-renamed", "breaking", "PetStatus")}


def test_exported_inline_class_removed(tmp_path: Path) -> None:
    # The inline response class (imported as types.CreatePetResponse, say) is folded into a union.
    new = PETS.replace("schema: {type: object, properties: {status: {$ref: '#/components/schemas/PetStatus'}}}",
                       "schema: {oneOf: [{$ref: '#/components/schemas/PetStatus'}, {$ref: '#/components/schemas/PetRequest'}]}")
    changes = compare(tmp_path, PETS, new)
    removed = {c for c in models(changes) if c[0] == "model-removed"}
    assert len(removed) == 1 and next(iter(removed))[1] == "breaking"


def test_model_added(tmp_path: Path) -> None:
    new = PETS + "    Toy: {type: object, properties: {name: {type: string}}}\n"
    assert models(compare(tmp_path, PETS, new)) == {("model-added", "non-breaking", "Toy")}


def test_an_inline_class_renamed_is_reported_by_the_path_users_import_it_by(tmp_path: Path) -> None:
    old = PETS.replace("PetRequest: {type: object, properties: {name: {type: string}}}",
                       "PetRequest: {type: object, properties: {owner: {type: object, properties: {name: {type: string}}}}}")
    new = old.replace("properties: {owner:", "properties: {keeper:")
    changes = [c for c in compare(tmp_path, old, new) if c.subject == "model classes"]
    assert [(c.rule, c.where, c.detail) for c in changes] == [
        ("model-renamed", "pet_request.Owner", "types.pet_request.Owner is now types.pet_request.Keeper")
    ]


def test_an_operations_own_class_moves_with_its_call_path(tmp_path: Path) -> None:
    """The response of POST /pets is `types.pet_create_response.PetCreateResponse`; at POST /animals it
    is `types.animal_create_response.AnimalCreateResponse`: users' imports of it break."""
    changes = compare(tmp_path, PETS, PETS.replace("/pets:", "/animals:"))
    renamed = [c for c in changes if c.subject == "model classes"]
    assert [(c.rule, c.where) for c in renamed] == [("model-renamed", "pet_create_response.PetCreateResponse")]
    assert renamed[0].detail.endswith("is now types.animal_create_response.AnimalCreateResponse")
