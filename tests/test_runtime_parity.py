"""Issue 12: what openai-python users rely on, each for the sync and the async client:
with_options()/copy(), an http client's own timeout, malformed Retry-After headers, SSE parsed by
the WHATWG event-stream rules, and an async client used from one event loop after another."""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import gc
import inspect
import json
import time
from types import ModuleType
from typing import Any, Callable, Iterator

import httpx
import pytest

from tests.support.fault_server import Answer, FaultServer
from tests.test_runtime import CHAT, COMPLETION, FAST_RETRY, call, chat, server, streamed_chunks  # noqa: F401



@pytest.fixture(autouse=True)
def collect_garbage() -> Iterator[None]:
    """Finalize the http clients and connections a test leaves behind (some of closed event loops)
    right after it: collected later, whenever the cyclic collector runs, their `__del__` can land
    inside an `ast.parse` and trip a CPython 3.11 bug ("AST constructor recursion depth mismatch").
    What existed before the test is frozen meanwhile, so the collection looks at the test's own objects."""
    gc.freeze()
    yield
    gc.collect()
    gc.unfreeze()


# -- 1. with_options() / copy() ---------------------------------------------------------------


def both(call: Callable[..., Any], *steps: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An action running each step on the client in turn (awaiting each with an async client)."""

    def action(client: Any) -> Any:
        if call.kind == "sync":  # type: ignore[attr-defined]
            return [step(client) for step in steps]

        async def run() -> list[Any]:
            results = []
            for step in steps:
                result = step(client)
                results.append(await result if inspect.isawaitable(result) else result)
            return results

        return run()

    return action


def test_with_options_changes_retries_for_that_use_only(call: Callable[..., Any], server: FaultServer,
                                                       full_client: ModuleType) -> None:  # fmt: skip
    server.script(Answer(503, {"error": {"message": "busy"}}, FAST_RETRY), Answer(200, COMPLETION))
    with pytest.raises(full_client.InternalServerError):
        call(lambda client: client.with_options(max_retries=0).chat.completions.create(**CHAT))
    assert len(server.requests) == 1

    server.script(Answer(503, {"error": {"message": "busy"}}, FAST_RETRY), Answer(200, COMPLETION))
    results = call(both(call, lambda client: client.with_options(max_retries=0), chat))
    assert results[1].choices[0].message.content == "hello" and len(server.requests) == 2, "the original still retries"


def test_with_options_timeout(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(200, COMPLETION, stall=2.0))
    started = time.monotonic()
    with pytest.raises(full_client.APITimeoutError):
        call(lambda client: client.with_options(timeout=0.3, max_retries=0).chat.completions.create(**CHAT))
    assert time.monotonic() - started < 1.5


def test_copy_overrides_some_options_and_keeps_the_rest(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(Answer(200, COMPLETION))

    def copied(client: Any) -> Any:
        return chat(client.copy(api_key="pk-other", base_url=server.url + "/v2",
                                default_headers={"x-team": "a"}, default_query={"tenant": "t1"}))  # fmt: skip

    call(copied, virtual_key="vk-1", default_headers={"x-app": "demo"}, default_query={"region": "eu"}, trace_id="tr-1")
    _, path, headers, _, _ = server.requests[0]
    assert path.split("?")[0] == "/v2/chat/completions"
    assert sorted(path.split("?")[1].split("&")) == ["region=eu", "tenant=t1"]
    assert headers["x-portkey-api-key"] == "pk-other", "a credential given to copy() replaces the original's"
    assert headers["x-portkey-virtual-key"] == "vk-1", "one not given is kept"
    assert (headers["x-app"], headers["x-team"], headers["x-portkey-trace-id"]) == ("demo", "a", "tr-1")


def test_copy_set_default_headers_and_query_replace_them(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(Answer(200, COMPLETION))
    call(lambda client: chat(client.copy(set_default_headers={"x-only": "1"}, set_default_query={"q": "2"})),
         default_headers={"x-app": "demo"}, default_query={"region": "eu"})  # fmt: skip
    _, path, headers, _, _ = server.requests[0]
    assert path.endswith("/chat/completions?q=2")
    assert headers["x-only"] == "1" and "x-app" not in headers
    assert headers["x-portkey-api-key"] == "pk-secret-123", "credentials are not default headers"


def test_copy_shares_the_connection_pool(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(*[Answer(200, COMPLETION)] * 3)

    async def closed_copy(client: Any) -> None:
        async with client.copy(timeout=30) as copied:
            await chat(copied)

    def sync_closed_copy(client: Any) -> None:
        with client.copy(timeout=30) as copied:
            chat(copied)

    step = sync_closed_copy if call.kind == "sync" else closed_copy  # type: ignore[attr-defined]
    call(both(call, chat, lambda client: chat(client.with_options(max_retries=1)), step))
    assert len(set(server.client_ports)) == 1, "one kept-alive connection for the client and its copies"

    server.script(*[Answer(200, COMPLETION)] * 3)
    own = httpx.Client() if call.kind == "sync" else httpx.AsyncClient()  # type: ignore[attr-defined]
    call(both(call, chat, lambda client: chat(client.copy(http_client=own)), chat))
    first, other, again = server.client_ports
    assert first == again != other, "a copy given its own http client uses it; closing a copy leaves the pool open"


def test_copy_takes_every_constructor_option_as_a_typed_keyword(full_client: ModuleType) -> None:
    for client_class in (full_client.Portkey, full_client.AsyncPortkey):
        constructor = inspect.signature(client_class.__init__).parameters
        copy = inspect.signature(client_class.copy).parameters
        assert all(p.kind is not p.VAR_KEYWORD for p in copy.values()), "no **kwargs: type checkers see every option"
        options = {name for name, p in constructor.items() if p.kind is p.KEYWORD_ONLY}
        assert options <= set(copy), f"copy() lacks {options - set(copy)}"
        assert client_class.with_options is client_class.copy
        with pytest.raises(TypeError):
            client_class(api_key="k", base_url="http://x.test").copy(not_an_option=1)


# -- 2. timeouts --------------------------------------------------------------------------------


def user_client(call: Callable[..., Any], **options: Any) -> Any:
    return httpx.Client(**options) if call.kind == "sync" else httpx.AsyncClient(**options)  # type: ignore[attr-defined]


def test_a_user_http_client_keeps_its_timeout(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(200, COMPLETION, stall=2.0))
    started = time.monotonic()
    with pytest.raises(full_client.APITimeoutError):
        call(chat, http_client=user_client(call, timeout=0.3), max_retries=0)
    assert time.monotonic() - started < 1.5


def test_an_explicit_timeout_wins_over_the_http_clients(call: Callable[..., Any], server: FaultServer,
                                                        full_client: ModuleType) -> None:  # fmt: skip
    server.script(Answer(200, COMPLETION, stall=0.6))
    assert call(chat, http_client=user_client(call, timeout=0.2), timeout=10, max_retries=0).id == "c1"

    server.script(Answer(200, COMPLETION, stall=2.0))
    with pytest.raises(full_client.APITimeoutError):
        call(lambda client: client.chat.completions.create(**CHAT, timeout=0.3),
             http_client=user_client(call, timeout=10), max_retries=0)  # fmt: skip


def test_an_http_client_with_httpx_default_timeout_gets_ours(call: Callable[..., Any], full_client: ModuleType) -> None:
    default = full_client._base_client.DEFAULT_TIMEOUT
    assert call(lambda client: client.timeout, http_client=user_client(call)) == default
    assert call(lambda client: client.timeout) == default
    assert call(lambda client: client.timeout, http_client=user_client(call, timeout=None)) == httpx.Timeout(None)


# -- 3. Retry-After -----------------------------------------------------------------------------

MALFORMED_RETRY_AFTER = [
    {"retry-after": "soon"},
    {"retry-after": "Sat, 01 Jan 10000 00:00:00 GMT"},  # past year 9999
    {"retry-after": "Mon, 32 Foo 2026 99:99:99 GMT"},
    {"retry-after": "-5"},
    {"retry-after": "nan"},
    {"retry-after": "inf"},
    {"retry-after": "1e400"},
    {"retry-after": "99999999"},
    {"retry-after": " "},
    {"retry-after-ms": "abc"},
    {"retry-after-ms": "nan"},
    {"retry-after-ms": "-1"},
    {"retry-after-ms": "1e999", "retry-after": "later"},
]


@pytest.mark.parametrize("headers", [MALFORMED_RETRY_AFTER[0], MALFORMED_RETRY_AFTER[1]], ids=["soon", "year-10000"])
def test_a_malformed_retry_after_falls_back_to_backoff(call: Callable[..., Any], server: FaultServer,
                                                       headers: dict[str, str]) -> None:  # fmt: skip
    server.script(Answer(429, {"error": {"message": "slow down"}}, headers), Answer(200, COMPLETION))
    assert call(chat).choices[0].message.content == "hello"
    assert len(server.requests) == 2
    assert server.requests[1][4] - server.requests[0][4] >= 0.3, "waited the exponential backoff"


@pytest.mark.parametrize("headers", MALFORMED_RETRY_AFTER, ids=lambda h: "+".join(f"{k}={v}" for k, v in h.items()))
def test_retry_delay_of_malformed_values_is_the_jittered_backoff(full_client: ModuleType, headers: dict[str, str]) -> None:
    retry_delay = full_client._base_client._BaseClient._retry_delay
    for attempt, (low, high) in enumerate([(0.375, 0.5), (0.75, 1.0), (1.5, 2.0)]):
        assert low <= retry_delay(attempt, httpx.Response(429, headers=headers)) <= high


def test_retry_delay_of_sane_values(full_client: ModuleType) -> None:
    retry_delay = full_client._base_client._BaseClient._retry_delay
    assert retry_delay(0, httpx.Response(429, headers={"retry-after": "2"})) == 2.0
    assert retry_delay(0, httpx.Response(429, headers={"retry-after": "1.5"})) == 1.5
    assert retry_delay(0, httpx.Response(429, headers={"retry-after-ms": "250", "retry-after": "9"})) == 0.25
    soon = email.utils.format_datetime(datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=30), usegmt=True)
    assert 27 <= retry_delay(0, httpx.Response(429, headers={"retry-after": soon})) <= 31


# -- 4. server-sent events ----------------------------------------------------------------------


def sse_chunk(content: str, line_end: str = "\n") -> str:
    data = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}]}  # fmt: skip
    return f"data: {json.dumps(data, ensure_ascii=False)}{line_end}{line_end}"


def test_unicode_line_separators_stay_inside_an_event(call: Callable[..., Any], server: FaultServer) -> None:
    text = "one\u2028two\u2029three\u0085four\x0bfive\x0csix\x1cseven"
    server.script(Answer(sse_events=[sse_chunk(text), "data: [DONE]\n\n"]))
    assert [c.choices[0].delta.content for c in call(streamed_chunks)] == [text]


def test_every_line_ending_bom_and_split_bytes(call: Callable[..., Any], server: FaultServer) -> None:
    first = json.dumps({"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
                        "choices": [{"index": 0, "delta": {"content": "A"}, "finish_reason": None}]})  # fmt: skip
    cut = first.index('"object"')  # between two members: the LF that joins the lines is whitespace
    body = ("\ufeff: a comment\r\nid: 7\r\nevent: message\r\nretry: 1000\r\n"
            f"data: {first[:cut]}\r\ndata:{first[cut:]}\r\n\r\n"  # two data lines, joined with LF
            + sse_chunk("B", "\r") + sse_chunk("é€\u2028!", "\n") + "data: [DONE]\r\n\r\n").encode()  # fmt: skip
    euro = body.index("€".encode()) + 1  # inside a UTF-8 sequence
    crlf = body.index(b"\r\n", body.index(b"data: ")) + 1  # between CR and LF, inside an event
    bom = 2  # inside the BOM
    cuts = sorted({bom, crlf, euro, body.index(b"\r\r") + 1, len(body) // 2})
    pieces = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)])]
    server.script(Answer(sse_events=pieces, event_delay=0.01))  # type: ignore[arg-type]
    assert [c.choices[0].delta.content for c in call(streamed_chunks)] == ["A", "B", "é€\u2028!"]


def decode(full_client: ModuleType, pieces: list[bytes]) -> list[tuple[Any, ...]]:
    decoder = full_client._streaming.SSEDecoder()
    return [(e.event, e.data, e.id, e.retry) for piece in pieces for e in decoder.feed(piece)]


SPEC_STREAMS = [  # (stream, events as (event, data, id, retry)) from the WHATWG text and its rules
    (b"data: YHOO\ndata: +2\ndata: 10\n\n", [(None, "YHOO\n+2\n10", None, None)]),
    (b": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n",
     [(None, "first event", "1", None), (None, "second event", "", None)]),  # the last has no blank line
    (b"data\n\ndata\ndata\n\ndata:\n", [(None, "", None, None), (None, "\n", None, None)]),
    (b"data:test\n\ndata: test\n\n", [(None, "test", None, None), (None, "test", None, None)]),
    (b"event: add\ndata: 1\n\nevent: only-a-type\n\ndata: 2\n\n", [("add", "1", None, None), (None, "2", None, None)]),
    (b"retry: 12a\ndata: a\n\nretry: \xd9\xa3\ndata: b\n\nretry: 3000\ndata: c\n\n",
     [(None, "a", None, None), (None, "b", None, None), (None, "c", None, 3000)]),
    (b"id: x\x00y\ndata: a\n\nid: 5\nunknown: z\ndata\n\n", [(None, "a", None, None), (None, "", "5", None)]),
    (b"\xef\xbb\xbfdata: a\n\n\xef\xbb\xbfdata: b\n\n", [(None, "a", None, None)]),  # only one leading BOM
    (b"data: a\rdata: b\r\ndata: c\n\r\n\r", [(None, "a\nb\nc", None, None)]),
    (b"data: \xe2\x80\xa8 \xc2\x85 \xff\n\n", [(None, "\u2028 \x85 \ufffd", None, None)]),
]  # fmt: skip


@pytest.mark.parametrize(("stream", "events"), SPEC_STREAMS)
def test_sse_decoder_follows_the_event_stream_rules(full_client: ModuleType, stream: bytes, events: list[Any]) -> None:
    assert decode(full_client, [stream]) == events
    assert decode(full_client, [stream[i : i + 1] for i in range(len(stream))]) == events, "one byte at a time"
    for cut in range(1, len(stream)):
        assert decode(full_client, [stream[:cut], b"", stream[cut:]]) == events, f"split at byte {cut}"


# -- 5. one async client, several event loops ---------------------------------------------------


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


def test_copy_merges_or_replaces_default_headers_and_query(full_client: ModuleType) -> None:
    for client_class in (full_client.Portkey, full_client.AsyncPortkey):
        client = client_class(api_key="k", base_url="http://x.test", default_headers={"X-Foo": "bar"}, default_query={"foo": "bar"})
        assert client.default_headers["X-Foo"] == "bar" and client.default_query == {"foo": "bar"}
        assert client.copy().default_headers["X-Foo"] == "bar"
        merged = client.copy(default_headers={"X-Bar": "baz"}, default_query={"foo": "new", "bar": "1"})
        assert (merged.default_headers["X-Foo"], merged.default_headers["X-Bar"]) == ("bar", "baz")
        assert merged.default_query == {"foo": "new", "bar": "1"}
        replaced = client.copy(set_default_headers={}, set_default_query={"bar": "2"})
        assert "X-Foo" not in replaced.default_headers and replaced.default_query == {"bar": "2"}
        assert replaced.default_headers["x-portkey-api-key"] == "k"
        assert client.copy(max_retries=7).copy(timeout=None).max_retries == 7 and client.max_retries == 2
        assert client.copy(timeout=None).timeout is None and isinstance(client.timeout, httpx.Timeout)
        with pytest.raises(ValueError, match="mutually exclusive"):
            client.copy(default_headers={"X-Foo": "1"}, set_default_headers={})
        with pytest.raises(ValueError, match="mutually exclusive"):
            client.copy(default_query={"a": "1"}, set_default_query={})


def test_closing_a_client_and_a_copy(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(*[Answer(200, COMPLETION)] * 2)

    def action(client: Any) -> Any:
        copied = client.copy()
        if call.kind == "sync":  # type: ignore[attr-defined]
            chat(copied)
            copied.close()
            opened = (client.is_closed(), copied.is_closed())
            client.close()
            return opened, client.is_closed()

        async def run() -> Any:
            await chat(copied)
            await copied.close()
            opened = (client.is_closed(), copied.is_closed())
            await client.close()
            return opened, client.is_closed()

        return run()

    assert call(action) == ((False, False), True), "closing a copy leaves the shared pool open"


def test_async_client_with_its_own_http_client_across_event_loops(full_client: ModuleType, server: FaultServer) -> None:
    server.script(*[Answer(200, COMPLETION)] * 4)
    client = full_client.AsyncPortkey(api_key="k", base_url=server.url, max_retries=0, http_client=httpx.AsyncClient())
    for _ in range(2):
        assert asyncio.run(client.chat.completions.create(**CHAT)).id == "c1", "not a retry: max_retries=0"


# -- Client construction ----------------------------------------------------------------------


def test_clients_share_one_tls_context(call: Callable[..., Any], server: FaultServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the CA bundle costs ~40 ms; a script making a client per task pays it once, not per client."""
    import ssl

    bundles_read: list[object] = []
    read_bundle = ssl.SSLContext.load_verify_locations

    def counted(context: ssl.SSLContext, *args: Any, **kwargs: Any) -> None:
        bundles_read.append(context)
        read_bundle(context, *args, **kwargs)

    monkeypatch.setattr(ssl.SSLContext, "load_verify_locations", counted)
    server.script(*[Answer(200, COMPLETION)] * 3)
    for _ in range(3):
        assert call(chat).choices[0].message.content == "hello"
    assert len(server.requests) == 3
    assert len(bundles_read) <= 1, f"three clients read the CA bundle {len(bundles_read)} times"
