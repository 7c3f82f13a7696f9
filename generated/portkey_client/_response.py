"""Binary responses (audio, file downloads) that stream to disk in chunks."""

from __future__ import annotations

import contextvars
import inspect
import os
from pathlib import Path
from types import TracebackType
from typing import Any, AsyncIterator, Callable, Iterator, Optional, Type, Union

import httpx

__all__ = ["BinaryResponse", "AsyncBinaryResponse", "APIResponse", "RawResponses"]

PathLike = Union[str, "os.PathLike[str]"]


class BinaryResponse:
    """A binary body not yet read: read it whole, iterate it, or stream it to a file.

    The connection is released once the body has been consumed or `close()` is called;
    use it as a context manager when you may not consume it.
    """

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    @property
    def content(self) -> bytes:
        """The whole body (read on first use)."""
        return self.read()

    def read(self) -> bytes:
        try:
            return self.response.read()
        finally:
            self.response.close()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        """The body in chunks as they arrive, never held whole in memory."""
        try:
            yield from self.response.iter_bytes(chunk_size)
        finally:
            self.response.close()

    def write_to_file(self, file: PathLike) -> None:
        """Write the whole body to file (reading it into memory first)."""
        Path(file).write_bytes(self.read())

    def stream_to_file(self, file: PathLike, *, chunk_size: Optional[int] = None) -> None:
        """Write the body to file chunk by chunk as it arrives."""
        with open(file, "wb") as out:
            for chunk in self.iter_bytes(chunk_size):
                out.write(chunk)

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> BinaryResponse:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} [{self.status_code}] {self.headers.get('content-type', '')}>"
        )


class AsyncBinaryResponse:
    """The async twin of `BinaryResponse`."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.response.headers

    async def read(self) -> bytes:
        try:
            return await self.response.aread()
        finally:
            await self.response.aclose()

    @property
    def content(self) -> bytes:
        """The body, once `await read()` (or a full iteration) has fetched it."""
        return self.response.content

    async def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        try:
            async for chunk in self.response.aiter_bytes(chunk_size):
                yield chunk
        finally:
            await self.response.aclose()

    async def write_to_file(self, file: PathLike) -> None:
        Path(file).write_bytes(await self.read())

    async def stream_to_file(self, file: PathLike, *, chunk_size: Optional[int] = None) -> None:
        with open(file, "wb") as out:
            async for chunk in self.iter_bytes(chunk_size):
                out.write(chunk)

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> AsyncBinaryResponse:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} [{self.status_code}] {self.headers.get('content-type', '')}>"
        )


RAW_RESPONSE = contextvars.ContextVar("raw_response", default=False)


class APIResponse:
    """A response as it came: status, headers and the httpx response; `parse()` gives the result."""

    def __init__(self, response: httpx.Response, parse: Callable[[], Any]) -> None:
        self.http_response = response
        self._parse = parse

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> Optional[str]:
        found = self.headers.get("x-request-id")
        found = self.headers.get("x-portkey-trace-id", found)
        return None if found is None else str(found)

    def parse(self) -> Any:
        """What the method returns without `with_raw_response`: a model, a stream, bytes or a page."""
        return self._parse()

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.request.url}>"


class RawResponses:
    """`client.with_raw_response.<resource>.<method>(...)` returns an `APIResponse`."""

    def __init__(self, target: Any) -> None:
        self._target = target

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not inspect.ismethod(value):
            return RawResponses(value)
        if inspect.iscoroutinefunction(value):

            async def call_async(*args: Any, **kwargs: Any) -> Any:
                token = RAW_RESPONSE.set(True)
                try:
                    return await value(*args, **kwargs)
                finally:
                    RAW_RESPONSE.reset(token)

            return call_async

        def call(*args: Any, **kwargs: Any) -> Any:
            token = RAW_RESPONSE.set(True)
            try:
                return value(*args, **kwargs)
            finally:
                RAW_RESPONSE.reset(token)

        return call
