"""An error response's body is the model the API describes for its status, parsed leniently; else
the JSON (or text) as it came. The exception's class still follows the status."""

from __future__ import annotations

import importlib
from typing import Any, Callable, Iterator

import pytest

from tests.support.fault_server import Answer, FaultServer
from tests.support.packages import package_of_spec_text, run_on_client

SPEC = """
openapi: 3.0.3
info: {title: Shelter, version: "1"}
servers: [{url: "https://shelter.test"}]
paths:
  /pets/{pet_id}:
    get:
      operationId: getPet
      parameters: [{name: pet_id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
        "404": {description: none, content: {application/json: {schema: {$ref: "#/components/schemas/Missing"}}}}
        "4XX": {description: refused, content: {application/problem+json: {schema: {$ref: "#/components/schemas/Problem"}}}}
        default: {description: failed, content: {application/json: {schema: {$ref: "#/components/schemas/Failure"}}}}
  /plain:
    get:
      operationId: getPlain
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: object}}}}
components:
  schemas:
    Missing:
      type: object
      required: [resource]
      properties: {resource: {type: string}, message: {type: string}}
    Problem:
      type: object
      required: [title, status]
      properties: {title: {type: string}, status: {type: integer}, detail: {type: string}}
    Failure:
      type: object
      properties: {message: {type: string}, retry_in: {type: integer}}
"""


@pytest.fixture(scope="module")
def shelter(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with package_of_spec_text(SPEC, tmp_path_factory.mktemp("shelter"), "shelter_client") as package:
        importlib.import_module("shelter_client.types")  # the models, as `package.types`
        yield package


@pytest.fixture(params=["sync", "async"])
def raised(request: pytest.FixtureRequest, shelter: Any, server: FaultServer) -> Callable[..., Any]:
    """raised(answer, call): the error a call raises when the server gives this answer, sync or async."""

    def run(answer: Answer, call: Callable[[Any], Any]) -> Any:
        server.script(answer)
        with pytest.raises(shelter.APIStatusError) as caught:
            run_on_client(request.param, shelter, "Shelter", call, base_url=server.url, max_retries=0)
        return caught.value

    return run


def test_a_status_with_its_own_model(shelter: Any, raised: Callable[..., Any]) -> None:
    error = raised(Answer(404, {"resource": "pet", "message": "no pet 7"}), lambda c: c.pets.retrieve(7))
    assert isinstance(error, shelter.NotFoundError) and "no pet 7" in str(error)
    assert isinstance(error.body, shelter.types.Missing) and error.body.resource == "pet"


def test_a_status_range_and_the_default_and_what_they_do_not_cover(shelter: Any, raised: Callable[..., Any]) -> None:
    problem = {"title": "Gone fishing", "status": 409, "detail": "try later"}
    error = raised(Answer(409, problem), lambda c: c.pets.retrieve(7))
    assert isinstance(error, shelter.ConflictError) and isinstance(error.body, shelter.types.Problem)
    assert (error.body.title, error.body.detail) == ("Gone fishing", "try later")
    error = raised(Answer(503, {"message": "down", "retry_in": 30}), lambda c: c.pets.retrieve(7))
    assert isinstance(error, shelter.InternalServerError) and isinstance(error.body, shelter.types.Failure)
    assert error.body.retry_in == 30 and "down" in str(error)
    # A body that is not JSON, and an operation that describes no error, keep the body as it came.
    error = raised(Answer(502, raw=b"<html>bad gateway</html>"), lambda c: c.pets.retrieve(7))
    assert error.body == "<html>bad gateway</html>"
    error = raised(Answer(404, {"error": {"message": "nothing here"}}), lambda c: c.plain.retrieve())
    assert error.body == {"error": {"message": "nothing here"}} and "nothing here" in str(error)


def test_a_body_that_does_not_fit_is_parsed_leniently(shelter: Any, raised: Callable[..., Any]) -> None:
    error = raised(Answer(422, {"title": "Bad", "status": "unprocessable", "hint": "x"}), lambda c: c.pets.retrieve(7))
    assert isinstance(error, shelter.UnprocessableEntityError) and isinstance(error.body, shelter.types.Problem)
    assert (error.body.title, error.body.status) == ("Bad", "unprocessable"), "every value is kept"
