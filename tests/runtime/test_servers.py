"""Where requests go: the API's server with its variables, an operation's own server, a relative
server placed on the base URL given, and the base URL given, which takes every request."""

from __future__ import annotations

import contextlib
import inspect
import typing
from typing import Any, Callable, Iterator, Literal, Optional

import pytest

from tests.support.fault_server import FaultServer
from tests.support.packages import package_of_spec_text, run_on_client

OK = '{"200": {description: ok, content: {application/json: {schema: {type: object}}}}}'

PLACES = """
openapi: 3.0.3
info: {title: Places, version: "1"}
servers:
  - url: "http://127.0.0.1:{port}/{version}"
    variables:
      port: {default: "%(main_port)s"}
      version: {default: v1, enum: [v1, v2], description: The API version.}
paths:
  /pets: {get: {operationId: listPets, responses: %(ok)s}}
  /files:
    servers: [{url: "http://127.0.0.1:%(upload_port)s/upload "}]  # the space is the spec's slip
    get: {operationId: listFiles, responses: %(ok)s}
  /reports:
    get:
      operationId: listReports
      servers: [{url: /reports-api}]
      responses: %(ok)s
"""

RELATIVE = """
openapi: 3.0.3
info: {title: Relative, version: "1"}
servers: [{url: /api/v3}]
paths:
  /pets: {get: {operationId: listPets, responses: %(ok)s}}
"""

NO_SERVER = """
openapi: 3.0.3
info: {title: Serverless, version: "1"}
paths:
  /pets: {get: {operationId: listPets, responses: %(ok)s}}
"""

UNDECLARED = """
openapi: 3.0.3
info: {title: Tenants, version: "1"}
servers: [{url: "http://127.0.0.1:%(main_port)s/{tenant}"}]
paths:
  /pets: {get: {operationId: listPets, responses: %(ok)s}}
"""


@pytest.fixture(scope="module")
def upload_server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory, server: FaultServer,
             upload_server: FaultServer) -> Iterator[dict[str, Any]]:  # fmt: skip
    """Each spec's client package, by title (the specs name the test servers' ports)."""
    root = tmp_path_factory.mktemp("servers")
    ports = {"main_port": server.url.rsplit(":", 1)[1], "upload_port": upload_server.url.rsplit(":", 1)[1], "ok": OK}
    found: dict[str, Any] = {}
    with contextlib.ExitStack() as stack:
        for title, text in (("Places", PLACES), ("Relative", RELATIVE), ("Serverless", NO_SERVER), ("Tenants", UNDECLARED)):
            name = f"{title.lower()}_client"  # its base URL variable: PLACES_BASE_URL, ...
            found[title] = stack.enter_context(package_of_spec_text(text % ports, root / name, name))
        yield found


@pytest.fixture(params=["sync", "async"])
def paths(request: pytest.FixtureRequest, server: FaultServer, upload_server: FaultServer) -> Callable[..., list[str]]:
    """paths(package, title, calls, **options): the `server:path` each call reached, sync or async."""

    def run(package: Any, title: str, calls: Callable[[Any], list[Any]], **options: Any) -> list[str]:
        server.script()
        upload_server.script()
        run_on_client(request.param, package, title, calls, max_retries=0, **options)
        return [f"main:{r[1]}" for r in server.requests] + [f"upload:{r[1]}" for r in upload_server.requests]

    return run


def _every_operation(client: Any) -> list[Any]:
    return [client.pets.list(), client.files.list(), client.reports.list()]


def test_server_variables_are_expanded_with_their_defaults_or_the_keywords_given(
    packages: dict[str, Any], paths: Callable[..., list[str]]
) -> None:
    places = packages["Places"]
    assert "{" not in str(places.Places().base_url)
    assert paths(places, "Places", lambda c: [c.pets.list()]) == ["main:/v1/pets"]
    assert paths(places, "Places", lambda c: [c.pets.list()], version="v2") == ["main:/v2/pets"]
    assert paths(places, "Places", lambda c: [c.copy(version="v2").pets.list()]) == ["main:/v2/pets"]
    assert paths(places, "Places", lambda c: [c.with_options(max_retries=1).pets.list()], version="v2") == ["main:/v2/pets"]
    hints = typing.get_type_hints(places.Places.__init__)
    assert hints["version"] == Optional[Literal["v1", "v2"]] and hints["port"] == Optional[str]
    assert "version: The API version. One of `v1`, `v2`. Defaults to `v1`." in inspect.getdoc(places.Places.__init__)


def test_an_operation_with_a_server_of_its_own_goes_there(packages: dict[str, Any], paths: Callable[..., list[str]]) -> None:
    """`/files` has its path's server, `/reports` a relative one of its own, placed on the API's."""
    places = packages["Places"]
    expected = ["main:/v1/pets", "main:/reports-api/reports", "upload:/upload/files"]
    assert sorted(paths(places, "Places", _every_operation)) == sorted(expected)
    assert sorted(paths(places, "Places", lambda c: _every_operation(c.copy()))) == sorted(expected)


def test_a_base_url_given_takes_every_request(packages: dict[str, Any], paths: Callable[..., list[str]],
                                              server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    places = packages["Places"]
    everything_on_main = ["main:/given/pets", "main:/given/files", "main:/given/reports"]
    given = server.url + "/given"
    assert paths(places, "Places", _every_operation, base_url=given) == everything_on_main
    assert paths(places, "Places", lambda c: _every_operation(c.copy(version="v2")), base_url=given) == everything_on_main
    monkeypatch.setenv("PLACES_BASE_URL", given)
    assert paths(places, "Places", _every_operation) == everything_on_main


def test_a_relative_server_is_placed_on_the_base_url_given(packages: dict[str, Any], paths: Callable[..., list[str]],
                                                           server: FaultServer) -> None:  # fmt: skip
    relative = packages["Relative"]
    with pytest.raises(ValueError, match=r"base_url is required: the API's server '/api/v3' is relative"):
        relative.Relative()
    assert paths(relative, "Relative", lambda c: [c.pets.list()], base_url=server.url) == ["main:/api/v3/pets"]
    on_a_path = server.url + "/mirror"
    assert paths(relative, "Relative", lambda c: [c.pets.list()], base_url=on_a_path) == ["main:/mirror/pets"]


def test_no_usable_base_url_is_an_error_at_construction(packages: dict[str, Any], paths: Callable[..., list[str]]) -> None:
    with pytest.raises(ValueError, match="base_url is required: this API description names no server"):
        packages["Serverless"].Serverless()
    tenants = packages["Tenants"]
    with pytest.raises(ValueError, match="base_url is required, or a value for the server variable 'tenant'"):
        tenants.Tenants()
    assert paths(tenants, "Tenants", lambda c: [c.pets.list()], tenant="acme") == ["main:/acme/pets"]
