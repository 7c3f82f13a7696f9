"""Fixtures of the runtime tests: a server that misbehaves on purpose, and `call`, which runs
an action on a sync and on an async client."""

from __future__ import annotations

import asyncio
import gc
import inspect
from types import ModuleType
from typing import Any, Callable, Iterator

import pytest

from tests.support.fault_server import FaultServer


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
