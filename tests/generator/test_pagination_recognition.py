"""A list method pages only where the operation's shape says so: never on a shape that is not a list."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from tests.support.packages import write_package

NOT_LISTS = """
openapi: 3.0.3
info: {title: Shapes, version: "1"}
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: after, in: query, description: Logins after this time., schema: {type: string, format: date-time}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/User"}}}}
  /stats:
    get:
      operationId: getStats
      parameters: [{name: offset, in: query, schema: {type: integer}}, {name: page, in: query, schema: {type: integer}}]
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: object, properties: {total: {type: integer}}}}}
  /report:
    get:
      operationId: getReport
      parameters: [{name: page, in: query, schema: {type: integer}}]
      responses:
        "200": {description: ok, content: {text/csv: {schema: {type: string}}}}
  /events:
    get:
      operationId: listEvents
      parameters: [{name: cursor, in: query, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Events"}}}}
  /tasks/{id}:
    put:
      operationId: replaceTasks
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content: {application/json: {schema: {type: object, properties: {cursor: {type: string}}}}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {data: {type: array, items: {type: string}}, next_cursor: {type: string}}}
  /search:
    post:
      operationId: search
      requestBody:
        content: {application/json: {schema: {type: object, properties: {page: {type: integer}, q: {type: string}}}}}
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {type: object, properties: {results: {type: array, items: {type: string}}}}}}
components:
  schemas:
    User:
      type: object
      properties: {id: {type: string}, logins: {type: array, items: {$ref: "#/components/schemas/Login"}}}
    Login:
      type: object
      properties: {id: {type: string}, at: {type: string, format: date-time}}
    Events:
      type: object
      properties: {data: {type: array, items: {type: string}}}
"""


def test_operations_that_do_not_list_pages_return_their_response(
    write_spec: Callable[..., Path], tmp_path: Path
) -> None:
    """A dated `after`, no items, a text response, no next cursor, a PUT, a POST with nothing to say where
    the list ends: each method returns its response, not a page."""
    write_package(write_spec(NOT_LISTS), tmp_path / "out", package_name="shapes_client")
    resources = "".join(p.read_text() for p in (tmp_path / "out" / "shapes_client" / "resources").glob("*.py"))
    assert resources.count(" = Endpoint(") == 6
    assert "page=" not in resources and "SyncPage" not in resources
