"""Prism reached through the server variables alone: `{protocol}://{hostname}:{port}` with no base URL."""

from __future__ import annotations

import asyncio
from typing import Any, Iterator

import pytest

from tests.support.prism import Prism, prism_and_client

SPEC = """
openapi: 3.0.3
info: {title: Catalog, version: "1"}
servers:
  - url: "{protocol}://{hostname}:{port}"
    variables:
      protocol: {default: https, enum: [http, https]}
      hostname: {default: catalog.example.test}
      port: {default: "8443"}
paths:
  /items/{item_id}:
    get:
      operationId: getItem
      parameters: [{name: item_id, in: path, required: true, schema: {type: integer}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, required: [id], properties: {id: {type: integer}}}
"""


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Prism]]:
    with prism_and_client(SPEC, tmp_path_factory.mktemp("catalog"), "catalog_client") as served:
        yield served


@pytest.mark.xdist_group("prism")
def test_the_server_variables_place_every_request_sync_and_async(catalog: tuple[Any, Prism]) -> None:
    package, prism = catalog
    assert str(package.Catalog().base_url) == "https://catalog.example.test:8443/", "each variable takes its default"
    host, port = prism.url.removeprefix("http://").split(":")
    place = {"protocol": "http", "hostname": host, "port": port}
    client = package.Catalog(max_retries=0, **place)
    assert isinstance(client.items.retrieve(7)["id"], int)
    assert isinstance(package.Catalog(max_retries=0).with_options(**place).items.retrieve(7)["id"], int)

    async def main() -> Any:
        async with package.AsyncCatalog(max_retries=0, **place) as async_client:
            return await async_client.items.retrieve(7)

    assert isinstance(asyncio.run(main())["id"], int)
