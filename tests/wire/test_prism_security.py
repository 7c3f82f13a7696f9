"""Prism judges each operation's credentials: a request carries what its operation's security asks for.

Basic auth and a bearer token both go in `Authorization`; a client given both must send basic
where an operation allows only basic, and both parts of an AND requirement. Prism answers 401
when no requirement of the operation is met.
"""

from __future__ import annotations

import asyncio
from typing import Any, Iterator

import pytest

from tests.support.prism import Prism, prism_and_client

SPEC = """
openapi: 3.0.3
info: {title: Vault, version: "1"}
servers: [{url: "https://vault.test"}]
security: [{basic: []}]
paths:
  /basic:
    get:
      operationId: getBasic
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /bearer:
    get:
      operationId: getBearer
      security: [{bearerAuth: []}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /pair:
    get:
      operationId: getPair
      security: [{basic: [], key: []}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /keys:
    get:
      operationId: getKeys
      security: [{key: [], token: []}, {bearerAuth: []}]
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
  /public:
    get:
      operationId: getPublic
      security: []
      responses: {"200": {description: ok, content: {application/json: {schema: {type: object}}}}}
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    bearerAuth: {type: http, scheme: bearer}
    key: {type: apiKey, in: header, name: X-Key}
    token: {type: apiKey, in: query, name: token}
"""

EVERY_CREDENTIAL = {"username": "u", "password": "p", "bearer_auth": "t", "key": "k", "token": "q"}


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Prism]]:
    with prism_and_client(SPEC, tmp_path_factory.mktemp("vault"), "vault_client") as served:
        yield served


def _calls(client: Any) -> list[Any]:
    return [client.basic.retrieve(), client.bearer.retrieve(), client.pair.retrieve(), client.keys.retrieve(),
            client.public.retrieve()]  # fmt: skip


@pytest.mark.xdist_group("prism")
def test_each_operation_gets_the_credentials_its_security_asks_for_sync_and_async(vault: tuple[Any, Prism]) -> None:
    package, prism = vault
    client = package.Vault(base_url=prism.url, max_retries=0, **EVERY_CREDENTIAL)
    assert _calls(client) == [{}] * 5, "Prism accepted every call"

    async def main() -> list[Any]:
        async with package.AsyncVault(base_url=prism.url, max_retries=0, **EVERY_CREDENTIAL) as async_client:
            return await asyncio.gather(*_calls(async_client))

    assert asyncio.run(main()) == [{}] * 5
    # Only a bearer token: the basic-only operation is the server's to refuse; the others go through.
    bearer_only = package.Vault(base_url=prism.url, max_retries=0, bearer_auth="t")
    assert (bearer_only.bearer.retrieve(), bearer_only.keys.retrieve(), bearer_only.public.retrieve()) == ({}, {}, {})
    with pytest.raises(package.AuthenticationError) as refused:
        bearer_only.basic.retrieve()
    assert refused.value.status_code == 401 and "security" in str(refused.value).lower()
