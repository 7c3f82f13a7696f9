"""What each request carries of the credentials configured: what its operation's security asks for."""

from __future__ import annotations

import base64
from typing import Any, Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.fault_server import FaultServer
from tests.support.packages import package_of_spec_text, run_on_client

SPEC = """
openapi: 3.0.3
info: {title: Vault, version: "1"}
servers: [{url: "https://vault.test"}]
security: [{basic: []}]
x-ok: &ok {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
paths:
  /basic: {get: {operationId: getBasic, responses: *ok}}
  /pair: {get: {operationId: getPair, security: [{basic: [], key: []}], responses: *ok}}
  /public: {get: {operationId: getPublic, security: [], responses: *ok}}
  /maybe: {get: {operationId: getMaybe, security: [{}, {key: []}], responses: *ok}}
  /host: {get: {operationId: getHost, security: [{key: []}, {key: [], token: []}], responses: *ok}}
  /login: {get: {operationId: getLogin, security: [{session: [], device: []}], responses: *ok}}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    bearerAuth: {type: http, scheme: bearer}
    key: {type: apiKey, in: header, name: X-Key}
    token: {type: apiKey, in: query, name: token}
    session: {type: apiKey, in: cookie, name: session}
    device: {type: apiKey, in: cookie, name: device}
"""

BASIC = "Basic " + base64.b64encode(b"u:p").decode()
EVERY_CREDENTIAL = {"username": "u", "password": "p", "bearer_auth": "t", "key": "k", "token": "q", "session": "s",
                    "device": "d"}  # fmt: skip
CREDENTIAL_HEADERS = ("authorization", "x-key", "cookie")  # and the query string (token)


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with package_of_spec_text(SPEC, tmp_path_factory.mktemp("vault"), "vault_client") as package:
        yield package


@pytest.fixture(params=["sync", "async"])
def sent(request: pytest.FixtureRequest, vault: Any, server: FaultServer) -> Callable[..., dict[str, Any]]:
    """sent(call, **credentials): the credentials one call carried (headers and query), sync or async."""

    def run(call: Callable[[Any], Any], **credentials: Any) -> dict[str, Any]:
        server.script()
        run_on_client(request.param, vault, "Vault", call, base_url=server.url, max_retries=0, **credentials)
        (_, path, headers, _, _) = server.requests[-1]
        found: dict[str, Any] = {name: headers[name] for name in CREDENTIAL_HEADERS if name in headers}
        if "cookie" in found:
            found["cookie"] = dict(pair.split("=", 1) for pair in found["cookie"].split("; "))
        query = parse_qs(urlsplit(path).query)
        if query:
            found["query"] = query
        return found

    return run


def test_basic_and_a_bearer_token_on_one_header_each_go_where_asked(sent: Callable[..., dict[str, Any]]) -> None:
    assert sent(lambda c: c.basic.retrieve(), **EVERY_CREDENTIAL) == {"authorization": BASIC}


def test_an_and_requirement_sends_every_scheme_of_it(sent: Callable[..., dict[str, Any]]) -> None:
    assert sent(lambda c: c.pair.retrieve(), **EVERY_CREDENTIAL) == {"authorization": BASIC, "x-key": "k"}
    assert sent(lambda c: c.login.retrieve(), **EVERY_CREDENTIAL) == {"cookie": {"session": "s", "device": "d"}}


def test_an_operation_without_security_sends_no_credential_but_the_default_headers(
    sent: Callable[..., dict[str, Any]], server: FaultServer
) -> None:
    assert sent(lambda c: c.public.retrieve(), default_headers={"X-App": "demo"}, **EVERY_CREDENTIAL) == {}
    assert server.requests[-1][2]["x-app"] == "demo"


def test_an_empty_requirement_makes_credentials_optional(sent: Callable[..., dict[str, Any]]) -> None:
    assert sent(lambda c: c.maybe.retrieve(), **EVERY_CREDENTIAL) == {"x-key": "k"}
    assert sent(lambda c: c.maybe.retrieve(), username="u", password="p") == {}


def test_a_larger_requirement_containing_the_first_met_is_sent_when_configured(sent: Callable[..., dict[str, Any]]) -> None:
    """`[{key}, {key, token}]`: a key alone, or with a token too (Portkey's custom host works so)."""
    assert sent(lambda c: c.host.retrieve(), **EVERY_CREDENTIAL) == {"x-key": "k", "query": {"token": ["q"]}}
    assert sent(lambda c: c.host.retrieve(), key="k", bearer_auth="t") == {"x-key": "k"}


def test_an_unmet_requirement_sends_what_is_configured_of_it_and_nothing_else(sent: Callable[..., dict[str, Any]]) -> None:
    """No requirement met: the server answers (here 200); no credential the operation does not name goes."""
    assert sent(lambda c: c.pair.retrieve(), key="k", bearer_auth="t", token="q") == {"x-key": "k"}
    assert sent(lambda c: c.basic.retrieve(), bearer_auth="t", key="k") == {}


def test_a_path_the_api_does_not_describe_gets_every_credential_an_operation_its_own(
    sent: Callable[..., dict[str, Any]]
) -> None:
    """`client.get(path)` names no operation, so it cannot know the security: all configured go."""
    every = {"x-key": "k", "cookie": {"session": "s"}, "query": {"token": ["q"]}}
    assert sent(lambda c: c.get("/elsewhere"), key="k", token="q", session="s") == every
    assert sent(lambda c: c.host.retrieve(), key="k", token="q", session="s") == {"x-key": "k", "query": {"token": ["q"]}}
