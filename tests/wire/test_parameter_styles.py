"""Parameters in OpenAPI's styles, sent the way the spec says and accepted by an independent
validator (openapi-core): query form (explode on and off), spaceDelimited, pipeDelimited and
deepObject, path simple, header simple, cookie form, JSON content. (Label and matrix paths, which
openapi-core reads only from RFC 6570 templates, are judged by Prism in test_prism_constructs.)"""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote_plus

import pytest

from tests.support.packages import generated_package
from tests.support.spec_server import SpecServer

ARRAY = "{type: array, items: {type: integer}}"
OBJECT = "{type: object, properties: {role: {type: string}, size: {type: integer}}}"
SPEC = f"""
openapi: 3.0.3
info: {{title: Styles, version: "1"}}
servers: [{{url: "https://styles.test"}}]
paths:
  /query:
    get:
      operationId: queryStyles
      parameters:
        - {{name: exploded, in: query, schema: {ARRAY}}}
        - {{name: joined, in: query, explode: false, schema: {ARRAY}}}
        - {{name: spaced, in: query, style: spaceDelimited, explode: false, schema: {ARRAY}}}
        - {{name: piped, in: query, style: pipeDelimited, explode: false, schema: {ARRAY}}}
        - {{name: deep, in: query, style: deepObject, explode: true, schema: {OBJECT}}}
        - {{name: flat, in: query, explode: false, schema: {OBJECT}}}
        - name: filter
          in: query
          content: {{application/json: {{schema: {OBJECT}}}}}
      responses: {{"204": {{description: none}}}}
  /path/{{simple}}/{{shape}}:
    get:
      operationId: pathStyles
      parameters:
        - {{name: simple, in: path, required: true, schema: {ARRAY}}}
        - {{name: shape, in: path, required: true, explode: true, schema: {OBJECT}}}
      responses: {{"204": {{description: none}}}}
  /headers:
    get:
      operationId: headerStyles
      parameters:
        - {{name: X-Ids, in: header, schema: {ARRAY}}}
        - {{name: X-Shape, in: header, explode: true, schema: {OBJECT}}}
        - {{name: session, in: cookie, schema: {{type: string}}}}
        - {{name: Accept, in: header, required: true, schema: {{type: string}}}}
      responses: {{"204": {{description: none}}}}
"""


@pytest.fixture(scope="module")
def styles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, SpecServer]]:
    root = tmp_path_factory.mktemp("styles")
    (root / "styles.yaml").write_text(SPEC)
    with generated_package(root / "styles.yaml", root / "out", "styles_client", package_name="styles_client") as package:
        with SpecServer(root / "styles.yaml") as server:
            yield package, server


def _calls(client: Any) -> list[Any]:
    return [
        client.query.list(exploded=[1, 2], joined=[3, 4], spaced=[5, 6], piped=[7, 8],
                              deep={"role": "admin", "size": 2}, flat={"role": "x", "size": 1},
                              filter={"role": "r", "size": 3}),  # fmt: skip
        client.path.retrieve([1, 2], {"role": "a b", "size": 3}),
        client.headers.list(x_ids=[1, 2], x_shape={"role": "a", "size": 9}, session="s 1"),
    ]


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_every_style_is_sent_as_the_spec_says_and_accepted(styles: tuple[Any, SpecServer], kind: str) -> None:
    package, server = styles
    server.clear()
    if kind == "sync":
        _calls(package.Styles(base_url=server.url))
    else:

        async def main() -> None:
            async with package.AsyncStyles(base_url=server.url) as client:
                for call in _calls(client):
                    await call

        asyncio.run(main())
    query, path, headers = server.requests
    assert [r.errors for r in server.requests] == [[], [], []]
    assert [unquote_plus(pair) for pair in query.query.split("&")] == [
        "exploded=1", "exploded=2", "joined=3,4", "spaced=5 6", "piped=7|8",
        "deep[role]=admin", "deep[size]=2", "flat=role,x,size,1", 'filter={"role":"r","size":3}',
    ]  # fmt: skip
    assert path.path == "/path/1,2/role=a%20b,size=3"
    assert headers.headers["x-ids"] == "1,2" and headers.headers["x-shape"] == "role=a,size=9"
    assert headers.headers["cookie"] == "session=s%201"
    # OpenAPI ignores a header parameter named Accept: the client sets it, the caller does not.
    assert "accept" not in inspect.signature(package.Styles(base_url=server.url).headers.list).parameters
