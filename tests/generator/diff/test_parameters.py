"""Rules of generator/diff/parameters.py: parameters removed, added, renamed, required, retyped."""

from __future__ import annotations

from pathlib import Path

from tests.generator.diff.pairs import compare, found

LIST = """
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: X-Trace, in: header, schema: {type: string}}
      responses: {'200': {description: ok}}
"""


def test_parameter_removed(tmp_path: Path) -> None:
    new = LIST.replace("        - {name: limit, in: query, schema: {type: integer}}\n", "")
    assert found(compare(tmp_path, LIST, new)) == {("client.pets.list", "parameter-removed", "breaking")}


def test_parameter_added_required(tmp_path: Path) -> None:
    new = LIST.replace("parameters:\n", "parameters:\n        - {name: owner, in: query, required: true, schema: {type: string}}\n")
    changes = compare(tmp_path, LIST, new)
    assert found(changes) == {("client.pets.list", "parameter-added-required", "breaking")}
    assert changes[0].where == "owner"


def test_parameter_added_optional(tmp_path: Path) -> None:
    new = LIST.replace("parameters:\n", "parameters:\n        - {name: order, in: query, schema: {type: string}}\n")
    assert found(compare(tmp_path, LIST, new)) == {("client.pets.list", "parameter-added-optional", "non-breaking")}


def test_argument_renamed(tmp_path: Path) -> None:
    changes = compare(tmp_path, LIST, LIST.replace("name: limit", "name: max_items"))
    assert found(changes) == {("client.pets.list", "argument-renamed", "breaking")}
    assert "argument limit= is now max_items=" in changes[0].detail


def test_parameter_became_required(tmp_path: Path) -> None:
    new = LIST.replace("in: query, schema", "in: query, required: true, schema")
    assert found(compare(tmp_path, LIST, new)) == {("client.pets.list", "parameter-became-required", "breaking")}


def test_parameter_became_optional(tmp_path: Path) -> None:
    old = LIST.replace("in: query, schema", "in: query, required: true, schema")
    assert found(compare(tmp_path, old, LIST)) == {("client.pets.list", "parameter-became-optional", "non-breaking")}


def test_parameter_type_changed(tmp_path: Path) -> None:
    new = LIST.replace("limit, in: query, schema: {type: integer}", "limit, in: query, schema: {type: boolean}")
    assert found(compare(tmp_path, LIST, new)) == {("client.pets.list", "parameter-type-changed", "breaking")}


def test_header_renamed_only_in_case_is_no_change(tmp_path: Path) -> None:
    assert compare(tmp_path, LIST, LIST.replace("X-Trace", "x-trace")) == []


def test_path_parameter_renamed(tmp_path: Path) -> None:
    old = """
    paths:
      /pets/{id}:
        get:
          parameters: [{name: id, in: path, required: true, schema: {type: string}}]
          responses: {'200': {description: ok}}
    """
    new = old.replace("{id}", "{pet_id}").replace("name: id", "name: pet_id")
    changes = compare(tmp_path, old, new)
    assert found(changes) == {("client.pets.retrieve", "path-parameter-renamed", "warning")}
    assert changes[0].subject == "GET /pets/{pet_id}" and changes[0].where == "pet_id"


def test_a_parameter_renamed_on_the_wire_only_is_a_warning_naming_both_wire_names(tmp_path: Path) -> None:
    old = LIST.replace("name: limit", "name: currentPage")
    changes = compare(tmp_path, old, LIST.replace("name: limit", "name: current_page"))
    assert found(changes) == {("client.pets.list", "parameter-wire-name-changed", "warning")}
    assert "currentPage is now sent as current_page" in changes[0].detail
    assert "current_page= is unchanged" in changes[0].detail
