"""One async client used from one event loop after another."""

from __future__ import annotations

import asyncio
from types import ModuleType
from typing import Any

import httpx

from tests.support.fault_server import Answer, FaultServer
from tests.runtime.calls import CHAT, COMPLETION, sse_chunk


def test_async_client_works_from_one_event_loop_after_another(full_client: ModuleType, server: FaultServer) -> None:
    server.script(*[Answer(200, COMPLETION)] * 3, Answer(sse_events=[sse_chunk("x"), "data: [DONE]\n\n"]))
    client = full_client.AsyncPortkey(api_key="k", base_url=server.url, max_retries=0)
    for _ in range(3):
        assert asyncio.run(client.chat.completions.create(**CHAT)).id == "c1"

    async def stream() -> list[Any]:
        return [chunk async for chunk in await client.chat.completions.create(**CHAT, stream=True)]

    assert [c.choices[0].delta.content for c in asyncio.run(stream())] == ["x"]
    assert len(server.requests) == 4, "a stale connection is dropped before anything is sent"
    asyncio.run(client.close())


def test_async_client_with_its_own_http_client_across_event_loops(full_client: ModuleType, server: FaultServer) -> None:
    server.script(*[Answer(200, COMPLETION)] * 4)
    client = full_client.AsyncPortkey(api_key="k", base_url=server.url, max_retries=0, http_client=httpx.AsyncClient())
    for _ in range(2):
        assert asyncio.run(client.chat.completions.create(**CHAT)).id == "c1", "not a retry: max_retries=0"
