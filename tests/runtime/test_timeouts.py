"""Timeouts: a stalled server, per-call and per-client timeouts, and an http client's own timeout."""

from __future__ import annotations

import time
from types import ModuleType
from typing import Any, Callable

import httpx
import pytest

from tests.support.fault_server import Answer, FaultServer
from tests.runtime.calls import CHAT, COMPLETION, chat


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


def test_with_options_timeout(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(200, COMPLETION, stall=2.0))
    started = time.monotonic()
    with pytest.raises(full_client.APITimeoutError):
        call(lambda client: client.with_options(timeout=0.3, max_retries=0).chat.completions.create(**CHAT))
    assert time.monotonic() - started < 1.5


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
