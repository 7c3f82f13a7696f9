"""Issue 4: retries, timeouts, errors, streaming, pagination, raw responses and logging,
each for the sync and the async client, against a server that misbehaves on purpose."""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

import pytest

from tests.support.fault_server import Answer, FaultServer

CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}
COMPLETION = {"id": "c1", "object": "chat.completion", "created": 1, "model": "gpt-4o",
              "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                           "message": {"role": "assistant", "content": "hello", "refusal": None}}]}  # fmt: skip
FAST_RETRY = {"retry-after-ms": "10"}


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest, full_client: ModuleType, server: FaultServer) -> Callable[..., Any]:
    """call(action, **client_options): runs action(client) on a sync or an async client."""

    def run(action: Callable[[Any], Any], **options: Any) -> Any:
        options = {"api_key": "pk-secret-123", "base_url": server.url, **options}
        if request.param == "sync":
            return action(full_client.Portkey(**options))

        async def main() -> Any:
            async with full_client.AsyncPortkey(**options) as client:
                result = action(client)
                return await result if inspect.isawaitable(result) else result

        return asyncio.run(main())

    run.kind = request.param  # type: ignore[attr-defined]
    return run


def chat(client: Any) -> Any:
    return client.chat.completions.create(**CHAT)


def test_503_then_200_retries_once(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(Answer(503, {"error": {"message": "busy"}}, FAST_RETRY), Answer(200, COMPLETION))
    assert call(chat).choices[0].message.content == "hello"
    assert len(server.requests) == 2


def test_429_with_retry_after_waits(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(Answer(429, {"error": {"message": "slow down"}}, {"retry-after": "1"}), Answer(200, COMPLETION))
    assert call(chat).choices[0].message.content == "hello", "the retry after the 429 succeeds"
    first_sent, retry_sent = (request[4] for request in server.requests)
    waited = retry_sent - first_sent
    # Without the header the first retry comes after at most 0.5 s of backoff; a sleep never ends
    # early, so the lower bound is exact. The upper one only rules out a much longer wait.
    assert waited >= 1.0, f"the client retried {waited:.2f} s after a 429 that said Retry-After: 1"
    assert waited < 5.0, f"the client waited {waited:.2f} s, far beyond the 1 s the server asked for"


def test_repeated_500_raises_after_all_attempts(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(*[Answer(500, {"error": {"message": "boom"}}, FAST_RETRY)] * 5)
    with pytest.raises(full_client.InternalServerError) as caught:
        call(chat, max_retries=2)
    assert len(server.requests) == 3
    error = caught.value
    assert error.status_code == 500 and "boom" in str(error) and error.body == {"error": {"message": "boom"}}
    assert isinstance(error, full_client.APIStatusError) and isinstance(error, full_client.APIError)


def test_x_should_retry_false_is_honoured(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(503, {}, {"x-should-retry": "false"}), Answer(200, COMPLETION))
    with pytest.raises(full_client.InternalServerError):
        call(chat)
    assert len(server.requests) == 1


@pytest.mark.parametrize(("status", "name"), [(400, "BadRequestError"), (401, "AuthenticationError"),
                         (403, "PermissionDeniedError"), (404, "NotFoundError"), (422, "UnprocessableEntityError")])  # fmt: skip
def test_status_errors_have_their_class(call: Callable[..., Any], server: FaultServer, full_client: ModuleType,
                                        status: int, name: str) -> None:  # fmt: skip
    server.script(Answer(status, {"error": {"message": f"said {status}"}}, {"x-request-id": "req-1"}))
    with pytest.raises(getattr(full_client, name)) as caught:
        call(chat)
    assert caught.value.request_id == "req-1" and f"said {status}" in str(caught.value)
    assert "pk-secret-123" not in str(caught.value) and "pk-secret-123" not in repr(caught.value)


def test_stall_raises_timeout_near_the_limit(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(200, COMPLETION, stall=30.0))
    started = time.monotonic()
    with pytest.raises(full_client.APITimeoutError):
        call(chat, timeout=0.5, max_retries=0)
    # Not before the limit, and long before the stalled server would have answered (30 s).
    assert 0.4 <= time.monotonic() - started < 10
    assert issubclass(full_client.APITimeoutError, full_client.APIConnectionError)


def test_per_call_timeout_and_retries(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(200, COMPLETION, stall=30.0))
    started = time.monotonic()
    with pytest.raises(full_client.APITimeoutError):
        call(lambda client: client.chat.completions.create(**CHAT, timeout=0.3, max_retries=0))
    assert time.monotonic() - started < 10, "the call's own timeout, not the client's default (600 s)"


def test_invalid_json_in_a_200(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(200, raw=b"<html>oops</html>"))
    with pytest.raises(full_client.APIResponseValidationError) as caught:
        call(chat)
    assert caught.value.body == "<html>oops</html>" and "not valid JSON" in str(caught.value)


def chunk(content: str) -> str:
    data = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}]}  # fmt: skip
    return f"data: {json.dumps(data)}\n\n"


def consume(stream: Any) -> Any:
    if hasattr(stream, "__aiter__"):

        async def collect() -> list[Any]:
            return [item async for item in stream]

        return collect()
    return list(stream)


def streamed_chunks(client: Any) -> Any:
    """Every chunk of a streamed chat completion, from a sync or an async client."""
    stream = client.chat.completions.create(**CHAT, stream=True)
    if hasattr(stream, "__await__"):

        async def collect() -> Any:
            return await consume(await stream)

        return collect()
    return consume(stream)


def test_streamed_chunks_are_parsed_models(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(Answer(sse_events=[chunk("Hel"), ": keep-alive\n\n", chunk("lo"), "data: [DONE]\n\n", chunk("after")]))

    chunks = call(streamed_chunks)
    assert [c.choices[0].delta.content for c in chunks] == ["Hel", "lo"]
    assert type(chunks[0]).__name__ == "CreateChatCompletionStreamResponse"
    assert json.loads(server.requests[0][3])["stream"] is True


def test_stream_cut_off_mid_event_raises(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(sse_events=[chunk("a"), 'data: {"id": "c", "choi'], cut_stream=True))

    started = time.monotonic()
    with pytest.raises(full_client.APIError):
        call(streamed_chunks)
    assert time.monotonic() - started < 5


def test_error_event_raises(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(sse_events=[chunk("a"), 'event: error\ndata: {"error": {"message": "provider fell over"}}\n\n']))

    with pytest.raises(full_client.APIError, match="provider fell over"):
        call(streamed_chunks)


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


def test_extra_headers_query_and_body(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(Answer(200, COMPLETION))
    call(lambda client: client.chat.completions.create(
        **CHAT, extra_headers={"x-extra": "1"}, extra_query={"debug": "yes"}, extra_body={"custom": True}))
    _, path, headers, body, _ = server.requests[0]
    assert headers["x-extra"] == "1" and path.endswith("?debug=yes") and json.loads(body)["custom"] is True


def test_header_values_with_newlines_are_refused(call: Callable[..., Any]) -> None:
    with pytest.raises(ValueError, match="CR, LF"):
        call(lambda client: client.chat.completions.create(**CHAT, extra_headers={"x-a": "v\r\nx-injected: 1"}))


def test_secrets_stay_out_of_logs_and_repr(full_client: ModuleType, server: FaultServer, tmp_path: Path) -> None:
    server.script(Answer(200, COMPLETION), Answer(401, {"error": {"message": "bad key"}}))
    program = f"""
import {full_client.__name__} as p
client = p.Portkey(api_key="pk-secret-123", Authorization="sk-provider-456", base_url={server.url!r})
print(repr(client))
client.chat.completions.create(model="m", messages=[{{"role": "user", "content": "x"}}])
try:
    client.chat.completions.create(model="m", messages=[])
except p.AuthenticationError as error:
    print(str(error), repr(error))
"""
    env = {**os.environ, "PORTKEY_LOG": "debug", "PYTHONPATH": str(Path(full_client.__file__).parents[1])}
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "POST" in result.stderr and "/chat/completions -> 200" in result.stderr and "ms" in result.stderr
    output = result.stdout + result.stderr
    assert "pk-secret-123" not in output and "sk-provider-456" not in output


def test_file_download_is_written_to_disk_as_it_arrives(call: Callable[..., Any], server: FaultServer, tmp_path: Path,
                                                        full_client: ModuleType) -> None:  # fmt: skip
    """stream_to_file writes each chunk as it comes: the server sends chunk n only once chunk n-1 is on disk."""
    pieces = [bytes([index]) * (256 * 1024) for index in range(3)]  # 768 KiB in three chunks
    target = tmp_path / "download.jsonl"
    on_disk_first: list[int] = []

    def hold_until_the_previous_chunks_are_on_disk(index: int) -> None:
        # What stream_to_file was given must reach the file (less what its 8 KiB write buffer may hold)
        # before the server sends more. A client that reads the whole body first, or writes once at the
        # end, leaves the file empty: the server gives up after 10 s and sends the rest anyway.
        sent = sum(len(piece) for piece in pieces[:index])
        deadline = time.monotonic() + 10
        while len(on_disk_first) == index - 1 and time.monotonic() < deadline:
            if target.exists() and target.stat().st_size >= sent - 64 * 1024:
                on_disk_first.append(index)
                return
            time.sleep(0.005)

    server.script(Answer(200, raw_chunks=pieces, before_chunk=hold_until_the_previous_chunks_are_on_disk))

    def action(client: Any) -> Any:
        response = client.files.content("file-1")
        if hasattr(response, "__await__"):
            async def go() -> Any:
                downloaded = await response
                await downloaded.stream_to_file(target)
                return downloaded
            return go()
        response.stream_to_file(target)
        return response

    response = call(action)
    assert isinstance(response, (full_client.BinaryResponse, full_client.AsyncBinaryResponse))
    assert on_disk_first == [1, 2], "a chunk reached the file only after the server had sent the next one"
    assert target.read_bytes() == b"".join(pieces)
    assert server.requests[0][1] == "/files/file-1/content"
    assert server.requests[0][2]["accept"] == "application/octet-stream"
