"""`with_raw_response` and `with_streaming_response` on the client and every resource."""

from __future__ import annotations

import asyncio
import json
import threading
from types import ModuleType
from typing import Any, Callable, Iterator, List

import pytest

from tests.runtime.calls import CHAT, COMPLETION
from tests.support.fault_server import Answer, FaultServer
from tests.support.local_server import LocalHTTPServer, LocalRequestHandler

BATCH = {"id": "batch_1", "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "f",
         "completion_window": "24h", "status": "completed", "created_at": 1}  # fmt: skip


class HeldBodyServer:
    """Sends the headers at once and the JSON body only when `release()` is called (or after 5 s).

    `events` records when the body went out, so a test can tell whether the client read it earlier.
    """

    def __init__(self) -> None:
        self.events: List[str] = []
        self._release = threading.Event()
        owner = self

        class Handler(LocalRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                body = json.dumps(BATCH).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.send_header("x-request-id", "req-7")
                self.end_headers()
                self.wfile.flush()
                owner._release.wait(5)
                owner.events.append("body sent")
                self.wfile.write(body)
                self.wfile.flush()

        self._server = LocalHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def release(self) -> None:
        self._release.set()

    def __enter__(self) -> HeldBodyServer:
        self._thread.start()
        return self

    def __exit__(self, *args: object) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def held() -> Iterator[HeldBodyServer]:
    with HeldBodyServer() as server:
        yield server


def test_streaming_response_reads_the_body_only_when_asked(full_client: ModuleType, held: HeldBodyServer) -> None:
    client = full_client.Portkey(api_key="pk", base_url=held.url, max_retries=0)
    with client.batches.with_streaming_response.retrieve("batch_1") as response:
        held.events.append("entered")
        assert response.status_code == 200 and response.headers["x-request-id"] == "req-7"
        held.release()
        batch = response.parse()
    assert held.events == ["entered", "body sent"]
    assert type(batch).__name__ == "Batch" and batch.id == "batch_1" and batch.object == "batch"
    assert response.is_closed


def test_async_streaming_response_reads_the_body_only_when_asked(
    full_client: ModuleType, held: HeldBodyServer
) -> None:
    async def main() -> Any:
        async with full_client.AsyncPortkey(api_key="pk", base_url=held.url, max_retries=0) as client:
            async with client.with_streaming_response.batches.retrieve("batch_1") as response:
                held.events.append("entered")
                held.release()
                return await response.parse()

    batch = asyncio.run(main())
    assert held.events == ["entered", "body sent"]
    assert batch.status == "completed"


def test_raw_response_has_read_the_body(full_client: ModuleType, held: HeldBodyServer) -> None:
    held.release()
    client = full_client.Portkey(api_key="pk", base_url=held.url, max_retries=0)
    for raw in (client.batches.with_raw_response.retrieve("batch_1"), client.with_raw_response.batches.retrieve("batch_1")):
        assert raw.is_closed and raw.status_code == 200 and raw.request_id == "req-7"
        assert raw.json() == BATCH
        assert raw.parse().id == "batch_1" and raw.parse() is raw.parse()


def test_async_raw_response(full_client: ModuleType, held: HeldBodyServer) -> None:
    held.release()

    async def main() -> Any:
        async with full_client.AsyncPortkey(api_key="pk", base_url=held.url, max_retries=0) as client:
            raw = await client.batches.with_raw_response.retrieve("batch_1")
            assert raw.is_closed and raw.status_code == 200
            return await raw.parse()

    assert asyncio.run(main()).id == "batch_1"


def test_every_resource_has_both_wrappers(full_client: ModuleType) -> None:
    client = full_client.Portkey(api_key="pk", base_url="http://127.0.0.1:9")
    missing = []
    for op in full_client.OPERATIONS:
        *path, method = op.call_path.split(".")
        for wrapper in ("with_raw_response", "with_streaming_response"):
            target: Any = getattr(client, wrapper)
            for part in path:
                target = getattr(target, part)
            if not callable(getattr(target, method, None)):
                missing.append(f"{wrapper}.{op.call_path}")
    assert missing == []


def test_raw_response(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(Answer(200, COMPLETION, {"x-request-id": "req-9"}))

    def action(client: Any) -> Any:
        raw = client.with_raw_response.chat.completions.create(**CHAT)
        if hasattr(raw, "__await__"):
            async def go() -> Any:
                response = await raw
                return response.status_code, response.headers["x-request-id"], await response.parse()
            return go()
        return raw.status_code, raw.headers["x-request-id"], raw.parse()

    status, request_id, parsed = call(action)
    assert (status, request_id) == (200, "req-9") and parsed.choices[0].message.content == "hello"


def test_raw_response_tells_the_request_and_the_retries_it_took(call: Callable[..., Any], server: FaultServer) -> None:
    """What openai-python's raw responses tell as well: the request sent, its URL and method, the
    HTTP version, the time it took and how often it was retried."""
    from tests.runtime.calls import FAST_RETRY

    server.script(Answer(503, {"error": {"message": "busy"}}, FAST_RETRY), Answer(200, COMPLETION))

    def action(client: Any) -> Any:
        raw = client.with_raw_response.chat.completions.create(**CHAT)

        def facts(response: Any) -> Any:
            return (response.retries_taken, response.method, response.url.path, response.http_request.headers["content-type"],
                    response.http_version, response.elapsed.total_seconds() >= 0)  # fmt: skip

        if hasattr(raw, "__await__"):
            async def go() -> Any:
                return facts(await raw)
            return go()
        return facts(raw)

    assert call(action) == (1, "POST", "/chat/completions", "application/json", "HTTP/1.1", True)
