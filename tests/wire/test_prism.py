"""Stoplight Prism as the judge: it rejects a request that breaks the spec, and accepts the client's."""

from __future__ import annotations

import asyncio
from typing import Any, Iterator

import httpx
import pytest

from tests.support.prism import Prism, prism_and_client

SPEC = """
openapi: 3.0.3
info: {title: Notes, version: "1"}
servers: [{url: "https://notes.test/v1"}]
paths:
  /notes:
    post:
      operationId: createNote
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [title]
              properties:
                title: {type: string}
                tags: {type: array, items: {type: string}}
      responses:
        "201":
          description: created
          content: {application/json: {schema: {$ref: "#/components/schemas/Note"}}}
  /notes/{note_id}:
    get:
      operationId: getNote
      parameters:
        - {name: note_id, in: path, required: true, schema: {type: integer}}
        - {name: fields, in: query, schema: {type: array, items: {type: string}}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Note"}}}
components:
  schemas:
    Note:
      type: object
      required: [id, title]
      properties:
        id: {type: integer}
        title: {type: string}
"""


@pytest.fixture(scope="module")
def notes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Prism]]:
    with prism_and_client(SPEC, tmp_path_factory.mktemp("notes"), "notes_client") as served:
        yield served


@pytest.mark.xdist_group("prism")
def test_prism_rejects_a_request_that_breaks_the_spec(notes: tuple[Any, Prism]) -> None:
    _, prism = notes
    answer = httpx.post(f"{prism.url}/notes", json={"tags": "not-a-list"})
    assert answer.status_code == 422
    assert "prism/errors#UNPROCESSABLE_ENTITY" in answer.json()["type"]


@pytest.mark.xdist_group("prism")
def test_prism_accepts_every_call_of_the_client_sync_and_async(notes: tuple[Any, Prism]) -> None:
    package, prism = notes
    client = package.Notes(base_url=prism.url, max_retries=0)
    assert client.notes.create(title="t", tags=["a", "b"]).title
    assert isinstance(client.notes.retrieve(7, fields=["id", "title"]).id, int)

    async def main() -> Any:
        async with package.AsyncNotes(base_url=prism.url, max_retries=0) as async_client:
            return await async_client.notes.create(title="t")

    assert asyncio.run(main()).title
