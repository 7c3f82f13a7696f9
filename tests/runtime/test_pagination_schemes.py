"""Every paging scheme real APIs use: a list method walks every page, in order, and stops after the last.

Each scheme of paging_schemes.py is generated from its own small spec (with its config, where it
has one) and walked against a server that pages by the scheme's rules, sync and async.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pytest

from tests.runtime.paging_schemes import (
    CLIENT_NAMES,
    IDS,
    PACKAGE,
    SCHEMES,
    Scheme,
    list_method,
    sent,
    walk_async,
    walk_sync,
    write_scheme_package,
)
from tests.support.cache import built_once, generator_key
from tests.support.packages import imported_package
from tests.support.paging_server import PagingServer


def scheme_packages() -> Path:
    """Every scheme's client, generated once into .cache/paging-schemes/<key>/<index> and reused
    until the generator or a scheme changes."""

    def build(output: Path) -> None:
        for index, scheme in enumerate(SCHEMES):
            write_scheme_package(scheme, output / str(index))

    inputs = "".join(f"{s.spec}{s.config}" for s in SCHEMES)
    return built_once("paging-schemes", generator_key(extra=CLIENT_NAMES + inputs), build)


@pytest.fixture(scope="module", params=range(len(SCHEMES)), ids=[s.name for s in SCHEMES])
def scheme(request: pytest.FixtureRequest) -> Iterator[tuple[Scheme, ModuleType, PagingServer]]:
    chosen: Scheme = SCHEMES[request.param]
    with imported_package(scheme_packages() / str(request.param) / "out", PACKAGE) as package:
        with PagingServer(chosen.serve) as server:
            yield chosen, package, server


@pytest.mark.parametrize("walk", [walk_sync, walk_async], ids=["sync", "async"])
def test_a_list_method_walks_every_page_and_stops_after_the_last(
    scheme: tuple[Scheme, ModuleType, PagingServer], walk: Any
) -> None:
    chosen, package, server = scheme
    server.requests.clear()
    items = walk(package, chosen, server)
    assert [type(item).__name__ for item in items] == ["Item"] * len(IDS), "items, not (field, value) pairs"
    assert [item.id for item in items] == IDS
    assert sent(server) == chosen.requests


def scheme_index(name: str) -> int:
    return next(index for index, s in enumerate(SCHEMES) if s.name == name)


@pytest.mark.parametrize("scheme", [scheme_index("page + total")], indirect=True, ids=["page + total"])
def test_a_page_gives_its_items_its_response_and_the_next_page(scheme: tuple[Scheme, ModuleType, PagingServer]) -> None:
    chosen, package, server = scheme
    client = package.Client(base_url=server.url, max_retries=0)
    first = list_method(client, package, chosen)(page_size=2)
    assert [item.id for item in first.data] == ["i1", "i2"] and first.items == first.data
    assert type(first.page).__name__ == "LabelListResponse" and first.page.total == 5, "the page's typed response"
    assert first.has_next_page()
    second = first.next_page()
    assert [item.id for item in second.data] == ["i3", "i4"]
    third = second.get_next_page()
    assert [item.id for item in third.data] == ["i5"] and not third.has_next_page()
    assert [[i.id for i in p.data] for p in first.iter_pages()] == [["i1", "i2"], ["i3", "i4"], ["i5"]]
    with pytest.raises(StopIteration):
        third.next_page()


@pytest.mark.parametrize("scheme", [scheme_index("page, short page")], indirect=True, ids=["page, short page"])
def test_a_bare_array_response_is_a_page_of_its_items(scheme: tuple[Scheme, ModuleType, PagingServer]) -> None:
    chosen, package, server = scheme

    async def main() -> tuple[Any, Any]:
        async with package.AsyncClient(base_url=server.url, max_retries=0) as client:
            first = await list_method(client, package, chosen)(per_page=2)
            return first, await first.next_page()

    first, second = asyncio.run(main())
    assert isinstance(first.page, list) and [item.id for item in first.page] == ["i1", "i2"]
    assert [item.id for item in second.data] == ["i3", "i4"] and second.has_next_page()
