"""Rules of generator/diff/operations.py: operations removed, added, moved, renamed."""

from __future__ import annotations

from pathlib import Path

from tests.generator.diff.pairs import compare, found

PETS = """
paths:
  /pets:
    get:
      operationId: listPets
      responses: {'200': {description: ok}}
"""
PET = """
  /pets/{id}:
    delete:
      operationId: deletePet
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {'204': {description: gone}}
"""


def test_operation_removed(tmp_path: Path) -> None:
    changes = compare(tmp_path, PETS + PET, PETS)
    assert found(changes) == {("client.pets.delete", "operation-removed", "breaking")}
    assert changes[0].subject == "DELETE /pets/{id}"


def test_operation_added(tmp_path: Path) -> None:
    assert found(compare(tmp_path, PETS, PETS + PET)) == {("client.pets.delete", "operation-added", "non-breaking")}


def test_method_moved(tmp_path: Path) -> None:
    new = PETS.replace("operationId: listPets", "operationId: listPets\n      x-code-samples: "
                       '[{lang: python, source: "client = Pets()\\nclient.animals.list()"}]')
    changes = compare(tmp_path, PETS, new)
    assert found(changes) == {("client.animals.list", "method-moved", "breaking")}
    assert "client.pets.list is now client.animals.list" in changes[0].detail


def test_operation_id_changed(tmp_path: Path) -> None:
    changes = compare(tmp_path, PETS, PETS.replace("listPets", "getPets"))
    assert found(changes) == {("client.pets.list", "operation-id-changed", "non-breaking")}


def test_renamed_path_variable_is_one_operation(tmp_path: Path) -> None:
    new = PET.replace("{id}", "{pet_id}").replace("name: id", "name: pet_id")
    changes = compare(tmp_path, PETS + PET, PETS + new)
    assert found(changes) == {("client.pets.delete", "path-parameter-renamed", "warning")}
    assert "argument id= is now pet_id=" in changes[0].detail
