"""Retries: which answers are retried, how long the client waits (Retry-After, backoff), when it gives up."""

from __future__ import annotations

import datetime
import email.utils
from types import ModuleType
from typing import Any, Callable

import httpx
import pytest

from tests.support.fault_server import Answer, FaultServer
from tests.runtime.calls import COMPLETION, FAST_RETRY, chat


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
