"""Calls the runtime tests make through the full-spec client, and the data they send and expect."""

from __future__ import annotations

import inspect
import json
from typing import Any, Callable




CHAT = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}


COMPLETION = {"id": "c1", "object": "chat.completion", "created": 1, "model": "gpt-4o",
              "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None,
                           "message": {"role": "assistant", "content": "hello", "refusal": None}}]}  # fmt: skip


FAST_RETRY = {"retry-after-ms": "10"}


def chat(client: Any) -> Any:
    return client.chat.completions.create(**CHAT)


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


def sse_chunk(content: str, line_end: str = "\n") -> str:
    data = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}]}  # fmt: skip
    return f"data: {json.dumps(data, ensure_ascii=False)}{line_end}{line_end}"
