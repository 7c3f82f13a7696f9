"""Client options: with_options()/copy(), default headers and query, extra_* per call, closing, TLS."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from types import ModuleType
from typing import Any, Callable

import httpx
import pytest

from tests.support.fault_server import Answer, FaultServer
from tests.runtime.calls import CHAT, COMPLETION, FAST_RETRY, both, chat


def test_with_options_changes_retries_for_that_use_only(call: Callable[..., Any], server: FaultServer,
                                                       full_client: ModuleType) -> None:  # fmt: skip
    server.script(Answer(503, {"error": {"message": "busy"}}, FAST_RETRY), Answer(200, COMPLETION))
    with pytest.raises(full_client.InternalServerError):
        call(lambda client: client.with_options(max_retries=0).chat.completions.create(**CHAT))
    assert len(server.requests) == 1

    server.script(Answer(503, {"error": {"message": "busy"}}, FAST_RETRY), Answer(200, COMPLETION))
    results = call(both(call, lambda client: client.with_options(max_retries=0), chat))
    assert results[1].choices[0].message.content == "hello" and len(server.requests) == 2, "the original still retries"


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


def test_copy_takes_every_constructor_keyword(full_client: ModuleType) -> None:
    """The credentials, base_url, timeout, max_retries, default headers and query, http_client, and
    the config's extra-header keywords (`**kwargs`): copy() and with_options() take each one."""
    for client_class in (full_client.Portkey, full_client.AsyncPortkey):
        constructor = inspect.signature(client_class.__init__).parameters
        copy = inspect.signature(client_class.copy).parameters
        for name, parameter in constructor.items():
            if name != "self":
                assert name in copy and copy[name].kind is parameter.kind, f"copy() lacks {parameter}"
                if name not in ("max_retries", "kwargs"):  # copy's max_retries defaults to NOT_GIVEN
                    assert copy[name].annotation == parameter.annotation, name
        assert client_class.with_options is client_class.copy


def test_with_options_and_copy_take_the_extra_header_keywords(call: Callable[..., Any], server: FaultServer) -> None:
    """`trace_id="t"` is the header x-portkey-trace-id in the constructor; copy() and with_options()
    take it too, merged over the client's (None keeps the client's value; default_headers win)."""
    server.script(*[Answer(200, COMPLETION)] * 4)
    call(both(call,
              lambda client: chat(client.with_options(trace_id="b")),
              lambda client: chat(client.copy(metadata={"user": "u2"}, trace_id=None)),
              lambda client: chat(client.copy(trace_id="c", default_headers={"x-portkey-trace-id": "d"})),
              chat),
         trace_id="a", metadata={"user": "u1"}, default_headers={"x-app": "demo"})  # fmt: skip
    headers = [request[2] for request in server.requests]
    assert [h["x-portkey-trace-id"] for h in headers] == ["b", "a", "d", "a"]
    assert [h["x-portkey-metadata"] for h in headers] == ['{"user":"u1"}', '{"user":"u2"}', '{"user":"u1"}', '{"user":"u1"}']
    assert all(h["x-app"] == "demo" and h["x-portkey-api-key"] == "pk-secret-123" for h in headers)


def test_a_client_without_extra_header_keywords_takes_none(write_spec: Callable[..., Path], tmp_path: Path) -> None:
    """Without `extra_header_prefix` in the config, neither the constructor nor copy() has `**kwargs`:
    a misspelt option is a type error and a TypeError, not a header."""
    from tests.support.packages import generated_package

    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Plain, version: '1'}
        servers: [{url: 'https://plain.example.test'}]
        paths:
          /ping:
            get:
              operationId: ping
              responses:
                '200': {description: ok}
    """)
    with generated_package(spec, tmp_path / "out", "plain_client") as package:
        for client_class in (package.Plain, package.AsyncPlain):
            for method in (client_class.__init__, client_class.copy):
                kinds = [p.kind for p in inspect.signature(method).parameters.values()]
                assert inspect.Parameter.VAR_KEYWORD not in kinds, method
            with pytest.raises(TypeError):
                client_class(max_retrys=1)
            with pytest.raises(TypeError):
                client_class().copy(max_retrys=1)


def test_base_url_is_a_string_or_an_httpx_url_and_can_be_changed(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(*[Answer(200, COMPLETION)] * 3)

    def moved(client: Any) -> Any:
        client.base_url = server.url + "/v2"
        return chat(client)

    call(both(call, chat, moved, lambda client: chat(client.copy(base_url=httpx.URL(server.url + "/v3/")))),
         base_url=httpx.URL(server.url + "/v1"))  # fmt: skip
    assert [request[1].split("?")[0] for request in server.requests] == [
        "/v1/chat/completions", "/v2/chat/completions", "/v3/chat/completions"]  # fmt: skip


def test_a_client_refuses_an_http_client_of_the_other_kind(full_client: ModuleType) -> None:
    """Said when the client is made, not as an AttributeError inside the first request."""
    wrong_for_sync, wrong_for_async = httpx.AsyncClient(), httpx.Client()
    with pytest.raises(TypeError, match="httpx.Client"):
        full_client.Portkey(api_key="k", http_client=wrong_for_sync)
    with pytest.raises(TypeError, match="httpx.AsyncClient"):
        full_client.AsyncPortkey(api_key="k", http_client=wrong_for_async)
    with pytest.raises(TypeError, match="httpx.Client"):
        full_client.Portkey(api_key="k").copy(http_client=wrong_for_sync)
    wrong_for_async.close()


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


def test_extra_headers_query_and_body(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(Answer(200, COMPLETION))
    call(lambda client: client.chat.completions.create(
        **CHAT, extra_headers={"x-extra": "1"}, extra_query={"debug": "yes"}, extra_body={"custom": True}))
    _, path, headers, body, _ = server.requests[0]
    assert headers["x-extra"] == "1" and path.endswith("?debug=yes") and json.loads(body)["custom"] is True


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
