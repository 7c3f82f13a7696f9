"""List methods walk every page, sync and async."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any, Callable


from tests.support.fault_server import Answer, FaultServer


def test_cursor_pagination_walks_every_page(call: Callable[..., Any], server: FaultServer) -> None:
    def batch(i: int) -> dict[str, Any]:
        return {"id": f"b{i}", "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "f",
                "completion_window": "24h", "status": "completed", "created_at": 1}  # fmt: skip

    server.script(
        Answer(200, {"object": "list", "data": [batch(1), batch(2)], "has_more": True, "first_id": "b1", "last_id": "b2"}),
        Answer(200, {"object": "list", "data": [batch(3)], "has_more": False, "first_id": "b3", "last_id": "b3"}),
    )

    def action(client: Any) -> Any:
        page = client.batches.list(limit=2)
        if hasattr(page, "__await__"):
            async def go() -> Any:
                return [b.id async for b in await page]
            return go()
        return [b.id for b in page]

    assert call(action) == ["b1", "b2", "b3"]
    query = server.requests[1][1].split("?", 1)[1].split("&")
    assert sorted(query) == ["after=b2", "limit=2"], "the next page keeps the caller's parameters"


def test_async_list_iterates_without_await_and_awaits_to_its_first_page(
    full_client: ModuleType, server: FaultServer
) -> None:
    def batch(i: int) -> dict[str, Any]:
        return {"id": f"b{i}", "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "f",
                "completion_window": "24h", "status": "completed", "created_at": 1}  # fmt: skip

    first = {"object": "list", "data": [batch(1), batch(2)], "has_more": True, "first_id": "b1", "last_id": "b2"}
    last = {"object": "list", "data": [batch(3)], "has_more": False, "first_id": "b3", "last_id": "b3"}
    server.script(Answer(200, first), Answer(200, last), Answer(200, first))

    async def main() -> Any:
        async with full_client.AsyncPortkey(api_key="pk", base_url=server.url, max_retries=0) as client:
            every = [b.id async for b in client.batches.list(limit=2)]  # no await: openai-python's idiom
            page = await client.batches.list(limit=2)
            return every, page

    every, page = asyncio.run(main())
    assert every == ["b1", "b2", "b3"]
    assert [type(b).__name__ for b in page.data] == ["Batch", "Batch"]
    assert page.page.has_more is True and page.has_next_page()


def test_page_number_pagination(call: Callable[..., Any], server: FaultServer) -> None:
    def label(i: int) -> dict[str, Any]:
        return {"id": f"l{i}", "name": f"L{i}"}

    server.script(Answer(200, {"data": [label(1), label(2)], "total": 3}), Answer(200, {"data": [label(3)], "total": 3}))

    def action(client: Any) -> Any:
        page = client.labels.list(current_page=0, page_size=2)
        if hasattr(page, "__await__"):
            async def go() -> Any:
                first = await page
                pages = [p async for p in first.iter_pages()]
                return [[item.id for item in p.items] for p in pages]
            return go()
        return [[item.id for item in p.items] for p in page.iter_pages()]

    assert call(action) == [["l1", "l2"], ["l3"]]
    assert "current_page=1" in server.requests[1][1]
