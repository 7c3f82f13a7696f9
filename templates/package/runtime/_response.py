"""Binary responses that stream to disk in chunks, and raw responses (`with_raw_response`, `with_streaming_response`)."""

from __future__ import annotations

import contextvars
import datetime
import functools
import os
from pathlib import Path
from types import TracebackType
from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Generic,
    Iterator,
    Literal,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
    cast,
)

import httpx
from typing_extensions import Concatenate, ParamSpec

from ._constants import REQUEST_ID_HEADERS

__all__ = [
    "BinaryResponse",
    "AsyncBinaryResponse",
    "APIResponse",
    "AsyncAPIResponse",
    "ResponseContextManager",
    "AsyncResponseContextManager",
]

_T = TypeVar("_T")
_R = TypeVar("_R")
_P = ParamSpec("_P")

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


ResponseMode = Literal["parsed", "raw", "streamed"]
RESPONSE_MODE: contextvars.ContextVar[ResponseMode] = contextvars.ContextVar(
    "response_mode", default="parsed"
)
"""How a call in this context returns: its result, an `APIResponse` read whole, or one not yet read."""


def request_id_of(headers: httpx.Headers) -> Optional[str]:
    """The id the server gave the request, from its response headers."""
    for name in REQUEST_ID_HEADERS:
        found = headers.get(name)
        if found is not None:
            return str(found)
    return None


class _ResponseMetadata:
    """What both response wrappers tell before any body is read: status, headers, request id."""

    def __init__(self, response: httpx.Response, retries_taken: int = 0) -> None:
        self.http_response = response
        self.retries_taken = retries_taken
        """How often the request was retried before this response came."""

    @property
    def http_request(self) -> httpx.Request:
        """The request as it was sent."""
        return self.http_response.request

    @property
    def url(self) -> httpx.URL:
        return self.http_response.url

    @property
    def method(self) -> str:
        return self.http_request.method

    @property
    def http_version(self) -> str:
        return self.http_response.http_version

    @property
    def elapsed(self) -> datetime.timedelta:
        """From sending the request to the end of the response (once its body is read or closed)."""
        return self.http_response.elapsed

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> Optional[str]:
        return request_id_of(self.headers)

    @property
    def is_closed(self) -> bool:
        return self.http_response.is_closed


class APIResponse(_ResponseMetadata, Generic[_T]):
    """A response as it came: status, headers and body; `parse()` gives what the method returns.

    From `with_raw_response` the body has been read; from `with_streaming_response` it is read
    only when asked (`read()`, `iter_bytes()`, `iter_lines()`, `parse()`).
    """

    def __init__(
        self, response: httpx.Response, parse: Callable[[], _T], retries_taken: int = 0
    ) -> None:
        super().__init__(response, retries_taken)
        self._parse = parse
        self._parsed: Optional[Tuple[_T]] = None

    def parse(self) -> _T:
        """What the method returns without the wrapper: a model, a stream, bytes or a page."""
        if self._parsed is None:
            self._parsed = (self._parse(),)
        return self._parsed[0]

    def read(self) -> bytes:
        """The whole body."""
        return self.http_response.read()

    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> Any:
        self.read()
        return self.http_response.json()

    def iter_bytes(self, chunk_size: Optional[int] = None) -> Iterator[bytes]:
        yield from self.http_response.iter_bytes(chunk_size)

    def iter_text(self, chunk_size: Optional[int] = None) -> Iterator[str]:
        yield from self.http_response.iter_text(chunk_size)

    def iter_lines(self) -> Iterator[str]:
        yield from self.http_response.iter_lines()

    def close(self) -> None:
        self.http_response.close()

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.request.url}>"


class AsyncAPIResponse(_ResponseMetadata, Generic[_T]):
    """The async twin of `APIResponse`: `await parse()`, `await read()`, `async for` over the body."""

    def __init__(
        self, response: httpx.Response, parse: Callable[[], Awaitable[_T]], retries_taken: int = 0
    ) -> None:
        super().__init__(response, retries_taken)
        self._parse = parse
        self._parsed: Optional[Tuple[_T]] = None

    async def parse(self) -> _T:
        """What the method returns without the wrapper: a model, a stream, bytes or a page."""
        if self._parsed is None:
            self._parsed = (await self._parse(),)
        return self._parsed[0]

    async def read(self) -> bytes:
        return await self.http_response.aread()

    async def text(self) -> str:
        await self.read()
        return self.http_response.text

    async def json(self) -> Any:
        await self.read()
        return self.http_response.json()

    async def iter_bytes(self, chunk_size: Optional[int] = None) -> AsyncIterator[bytes]:
        async for chunk in self.http_response.aiter_bytes(chunk_size):
            yield chunk

    async def iter_text(self, chunk_size: Optional[int] = None) -> AsyncIterator[str]:
        async for chunk in self.http_response.aiter_text(chunk_size):
            yield chunk

    async def iter_lines(self) -> AsyncIterator[str]:
        async for line in self.http_response.aiter_lines():
            yield line

    async def close(self) -> None:
        await self.http_response.aclose()

    def __repr__(self) -> str:
        return f"<AsyncAPIResponse [{self.status_code}] {self.http_response.request.url}>"


class ResponseContextManager(Generic[_R]):
    """`with resource.with_streaming_response.method(...) as response:`; closed on exit."""

    def __init__(self, send: Callable[[], _R]) -> None:
        self._send = send
        self._response: Optional[_R] = None

    def __enter__(self) -> _R:
        self._response = self._send()
        return self._response

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        response: object = self._response
        if isinstance(response, APIResponse):
            cast("APIResponse[object]", response).close()


class AsyncResponseContextManager(Generic[_R]):
    """`async with resource.with_streaming_response.method(...) as response:`; closed on exit."""

    def __init__(self, send: Callable[[], Awaitable[_R]]) -> None:
        self._send = send
        self._response: Optional[_R] = None

    async def __aenter__(self) -> _R:
        self._response = await self._send()
        return self._response

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        response: object = self._response
        if isinstance(response, AsyncAPIResponse):
            await cast("AsyncAPIResponse[object]", response).close()


def _in_mode(mode: ResponseMode, send: Callable[[], _R]) -> _R:
    token = RESPONSE_MODE.set(mode)
    try:
        return send()
    finally:
        RESPONSE_MODE.reset(token)


async def _in_mode_async(mode: ResponseMode, send: Callable[[], Awaitable[_R]]) -> _R:
    token = RESPONSE_MODE.set(mode)
    try:
        return await send()
    finally:
        RESPONSE_MODE.reset(token)


def to_raw_response_wrapper(func: Callable[_P, _T]) -> Callable[_P, APIResponse[_T]]:
    """The method, returning an `APIResponse` (body read) instead of its result."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> APIResponse[_T]:
        return cast("APIResponse[_T]", _in_mode("raw", lambda: func(*args, **kwargs)))

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[_P, Awaitable[_T]],
) -> Callable[_P, Awaitable[AsyncAPIResponse[_T]]]:
    """The async method, returning an `AsyncAPIResponse` (body read) instead of its result."""

    @functools.wraps(func)
    async def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> AsyncAPIResponse[_T]:
        found = await _in_mode_async("raw", lambda: func(*args, **kwargs))
        return cast("AsyncAPIResponse[_T]", found)

    return wrapped


def to_streamed_response_wrapper(
    func: Callable[_P, _T],
) -> Callable[_P, ResponseContextManager[APIResponse[_T]]]:
    """The method, returning a context manager around an `APIResponse` whose body is not read yet."""

    @functools.wraps(func)
    def wrapped(*args: _P.args, **kwargs: _P.kwargs) -> ResponseContextManager[APIResponse[_T]]:
        def send() -> APIResponse[_T]:
            return cast("APIResponse[_T]", _in_mode("streamed", lambda: func(*args, **kwargs)))

        return ResponseContextManager(send)

    return wrapped


def async_to_streamed_response_wrapper(
    func: Callable[_P, Awaitable[_T]],
) -> Callable[_P, AsyncResponseContextManager[AsyncAPIResponse[_T]]]:
    """The async method, returning an async context manager around an unread `AsyncAPIResponse`."""

    @functools.wraps(func)
    def wrapped(
        *args: _P.args, **kwargs: _P.kwargs
    ) -> AsyncResponseContextManager[AsyncAPIResponse[_T]]:
        async def send() -> AsyncAPIResponse[_T]:
            found = await _in_mode_async("streamed", lambda: func(*args, **kwargs))
            return cast("AsyncAPIResponse[_T]", found)

        return AsyncResponseContextManager(send)

    return wrapped


def raw_response_method(
    method: Callable[Concatenate[Any, _P], _T],
) -> Callable[[Callable[..., object]], Callable[Concatenate[Any, _P], APIResponse[_T]]]:
    """Declares a `with_raw_response` method: the resource's method of that name, returning an `APIResponse`.

    The decorated function is only a placeholder; the wrapper calls `self._resource.<name>`.
    """
    return _method_of(method, to_raw_response_wrapper)


def async_raw_response_method(
    method: Callable[Concatenate[Any, _P], Awaitable[_T]],
) -> Callable[
    [Callable[..., object]], Callable[Concatenate[Any, _P], Awaitable[AsyncAPIResponse[_T]]]
]:
    """The async twin of `raw_response_method`."""
    return _method_of(method, async_to_raw_response_wrapper)


def streamed_response_method(
    method: Callable[Concatenate[Any, _P], _T],
) -> Callable[
    [Callable[..., object]], Callable[Concatenate[Any, _P], ResponseContextManager[APIResponse[_T]]]
]:
    """Declares a `with_streaming_response` method: the resource's method, in a response context manager."""
    return _method_of(method, to_streamed_response_wrapper)


def async_streamed_response_method(
    method: Callable[Concatenate[Any, _P], Awaitable[_T]],
) -> Callable[
    [Callable[..., object]],
    Callable[Concatenate[Any, _P], AsyncResponseContextManager[AsyncAPIResponse[_T]]],
]:
    """The async twin of `streamed_response_method`."""
    return _method_of(method, async_to_streamed_response_wrapper)


def _method_of(
    method: Callable[..., Any], wrap: Callable[[Any], Any]
) -> Callable[[Callable[..., object]], Any]:
    name = method.__name__

    def decorate(_placeholder: Callable[..., object]) -> Any:
        @functools.wraps(method)
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            return wrap(getattr(self._resource, name))(*args, **kwargs)

        return call

    return decorate
