"""Rules of generator/diff/properties.py: fields of request and response schemas.

A change inside a named schema is reported under every method whose request or response
reaches it, with the argument or response path and the schema path.
"""

from __future__ import annotations

from pathlib import Path

from tests.generator.diff.pairs import compare, found

# CreatePet is the body of two operations; Pet is the response of two.
PETS = """
paths:
  /pets:
    post:
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/CreatePet'}}}
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
  /pets/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
    put:
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/CreatePet'}}}
      responses: {'204': {description: ok}}
components:
  schemas:
    CreatePet:
      type: object
      required: [name]
      properties:
        name: {type: string}
        tag: {type: string}
        owner: {type: object, properties: {email: {type: string}}}
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: string}
        name: {type: string}
        tag: {type: string}
"""
BOTH_BODIES = {"client.pets.create", "client.pets.update"}


def test_request_field_removed(tmp_path: Path) -> None:
    changes = compare(tmp_path, PETS, PETS.replace("        tag: {type: string}\n        owner", "        owner"))
    assert found(changes) == {(m, "request-field-removed", "breaking") for m in BOTH_BODIES}
    assert {(c.where, c.schema) for c in changes} == {("tag", "CreatePet.tag")}


def test_request_field_added_required_names_the_argument_of_each_method(tmp_path: Path) -> None:
    new = PETS.replace("required: [name]", "required: [name, scopes]").replace(
        "        tag: {type: string}\n        owner", "        tag: {type: string}\n        scopes: {type: string}\n        owner")
    changes = compare(tmp_path, PETS, new)
    assert found(changes) == {(m, "request-field-added-required", "breaking") for m in BOTH_BODIES}
    assert {c.detail for c in changes} == {"new required argument scopes="}
    assert {c.subject for c in changes} == {"POST /pets", "PUT /pets/{id}"}


def test_request_field_added_optional(tmp_path: Path) -> None:
    new = PETS.replace("        owner:", "        age: {type: integer}\n        owner:")
    assert found(compare(tmp_path, PETS, new)) == {(m, "request-field-added-optional", "non-breaking") for m in BOTH_BODIES}


def test_request_field_became_required(tmp_path: Path) -> None:
    new = PETS.replace("required: [name]", "required: [name, tag]")
    assert found(compare(tmp_path, PETS, new)) == {(m, "request-field-became-required", "breaking") for m in BOTH_BODIES}


def test_request_field_became_optional(tmp_path: Path) -> None:
    new = PETS.replace("      required: [name]\n", "")
    assert found(compare(tmp_path, PETS, new)) == {(m, "request-field-became-optional", "non-breaking") for m in BOTH_BODIES}


def test_nested_request_field_is_named_by_its_path(tmp_path: Path) -> None:
    new = PETS.replace("properties: {email: {type: string}}", "required: [email], properties: {email: {type: string}}")
    changes = compare(tmp_path, PETS, new)
    assert found(changes) == {(m, "request-field-became-required", "breaking") for m in BOTH_BODIES}
    assert {c.where for c in changes} == {"owner.email"}
    assert {c.detail for c in changes} == {"field owner.email is now required"}


def test_request_field_made_required_through_all_of(tmp_path: Path) -> None:
    old = """
    paths:
      /pets:
        post:
          requestBody:
            required: true
            content: {application/json: {schema: {$ref: '#/components/schemas/CreateDog'}}}
          responses: {'204': {description: ok}}
    components:
      schemas:
        Base: {type: object, properties: {name: {type: string}, tag: {type: string}}}
        CreateDog:
          allOf:
            - $ref: '#/components/schemas/Base'
            - {type: object, properties: {bark: {type: boolean}}}
    """
    new = old.replace("properties: {bark: {type: boolean}}}", "required: [tag], properties: {bark: {type: boolean}}}")
    changes = compare(tmp_path, old, new)
    assert found(changes) == {("client.pets.create", "request-field-became-required", "breaking")}
    assert changes[0].where == "tag"


def test_response_field_removed(tmp_path: Path) -> None:
    new = PETS.replace("      required: [id, name]\n      properties:\n        id: {type: string}\n        name: {type: string}\n        tag: {type: string}",
                       "      required: [id, name]\n      properties:\n        id: {type: string}\n        name: {type: string}")
    changes = compare(tmp_path, PETS, new)
    assert found(changes) == {(m, "response-field-removed", "breaking") for m in ("client.pets.create", "client.pets.retrieve")}
    assert {(c.where, c.schema) for c in changes} == {("response.tag", "Pet.tag")}


def test_response_field_added(tmp_path: Path) -> None:
    new = PETS + "        age: {type: integer}\n"
    changes = compare(tmp_path, PETS, new)
    assert found(changes) == {(m, "response-field-added", "non-breaking") for m in ("client.pets.create", "client.pets.retrieve")}


def test_response_field_became_optional(tmp_path: Path) -> None:
    new = PETS.replace("required: [id, name]", "required: [id]")
    changes = compare(tmp_path, PETS, new)
    assert found(changes) == {(m, "response-field-became-optional", "breaking")
                              for m in ("client.pets.create", "client.pets.retrieve")}  # fmt: skip


def test_response_field_became_nullable(tmp_path: Path) -> None:
    new = PETS[: PETS.rindex("        tag: {type: string}")] + "        tag: {type: string, nullable: true}\n"
    changes = compare(tmp_path, PETS, new)
    assert found(changes) == {(m, "response-field-became-nullable", "breaking")
                              for m in ("client.pets.create", "client.pets.retrieve")}  # fmt: skip


def test_response_that_switches_model_lists_the_fields_gone(tmp_path: Path) -> None:
    old = """
    paths:
      /virtual-keys/{slug}:
        get:
          parameters: [{name: slug, in: path, required: true, schema: {type: string}}]
          responses:
            '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/GetVirtualKeysSlugResponse'}}}}
    components:
      schemas:
        GetVirtualKeysSlugResponse:
          type: object
          properties: {success: {type: boolean}, data: {type: object, properties: {slug: {type: string}}}, slug: {type: string}}
        VirtualKeys: {type: object, properties: {slug: {type: string}, name: {type: string}}}
    """
    new = old.replace("schema: {$ref: '#/components/schemas/GetVirtualKeysSlugResponse'}", "schema: {$ref: '#/components/schemas/VirtualKeys'}")
    changes = [c for c in compare(tmp_path, old, new) if c.method]
    assert {(c.rule, c.severity, c.where) for c in changes} == {
        ("response-field-removed", "breaking", "response.success"),
        ("response-field-removed", "breaking", "response.data"),
        ("response-field-added", "non-breaking", "response.name"),
    }
    assert {c.method for c in changes} == {"client.virtual_keys.retrieve"}


def test_inline_body_change_is_reported_once(tmp_path: Path) -> None:
    old = """
    paths:
      /prompts:
        post:
          requestBody:
            content: {application/json: {schema: {type: object, properties: {name: {type: string}}}}}
          responses: {'204': {description: ok}}
    """
    new = old.replace("properties: {name: {type: string}}", "properties: {name: {type: string}, virtual_key: {type: string}}")
    changes = compare(tmp_path, old, new)
    assert [(c.method, c.rule, c.where) for c in changes] == [("client.prompts.create", "request-field-added-optional", "virtual_key")]
