"""Server-sent event streams, parsed into models chunk by chunk."""

from __future__ import annotations

import json
from types import TracebackType
from typing import (
    Any,
    AsyncGenerator,
    AsyncIterator,
    Generator,
    Generic,
    Iterator,
    List,
    Optional,
    Type,
    TypeVar,
)

import httpx

from ._exceptions import APIError, APIResponseValidationError

__all__ = ["Stream", "AsyncStream", "ServerSentEvent"]

_T = TypeVar("_T")


class ServerSentEvent:
    __slots__ = ("event", "data", "id", "retry")

    def __init__(
        self, event: Optional[str], data: str, id: Optional[str], retry: Optional[int]
    ) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r})"


class _Decoder:
    """Incremental SSE decoder (https://html.spec.whatwg.org/multipage/server-sent-events.html)."""

    def __init__(self) -> None:
        self._event: Optional[str] = None
        self._data: List[str] = []
        self._id: Optional[str] = None
        self._retry: Optional[int] = None

    def decode(self, line: str) -> Optional[ServerSentEvent]:
        if not line:
            if self._event is None and not self._data and self._id is None:
                return None
            event = ServerSentEvent(self._event, "\n".join(self._data), self._id, self._retry)
            self._event, self._data, self._retry = None, [], None
            return event
        if line.startswith(":"):
            return None
        field, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if field == "event":
            self._event = value
        elif field == "data":
            self._data.append(value)
        elif field == "id" and "\0" not in value:
            self._id = value
        elif field == "retry" and value.isdigit():
            self._retry = int(value)
        return None

    def pending(self) -> bool:
        return bool(self._data) or self._event is not None


def _parse_event(cast_to: Any, event: ServerSentEvent, response: httpx.Response) -> Any:
    try:
        data = json.loads(event.data)
    except json.JSONDecodeError:
        raise APIResponseValidationError(
            response, event.data, f"stream event is not JSON: {event.data[:200]!r}"
        ) from None
    if event.event == "error" or (isinstance(data, dict) and "error" in data and len(data) <= 2):
        error = data.get("error", data) if isinstance(data, dict) else data
        message = error.get("message") if isinstance(error, dict) else None
        raise APIError(f"stream error: {message or error}", response.request, body=data)
    from ._models import parse_as  # pydantic's model machinery loads on first use, not at import

    return parse_as(cast_to, data)


class Stream(Generic[_T]):
    """Iterate to get each event parsed; `[DONE]` ends it. Closes its connection when done."""

    def __init__(self, cast_to: Any, response: httpx.Response) -> None:
        self.response = response
        self._cast_to = cast_to
        self._iterator = self._events()

    def _events(self) -> Generator[_T, None, None]:
        decoder = _Decoder()
        try:
            for line in self.response.iter_lines():
                event = decoder.decode(line)
                if event is None:
                    continue
                if event.data.startswith("[DONE]"):
                    break
                if event.data or event.event == "error":
                    yield _parse_event(self._cast_to, event, self.response)
            else:
                if decoder.pending():
                    raise APIError(
                        "the stream ended in the middle of an event", self.response.request
                    )
        except httpx.TransportError as error:
            raise APIError(f"the stream was cut off: {error}", self.response.request) from error
        finally:
            self.response.close()

    def __iter__(self) -> Iterator[_T]:
        return self._iterator

    def __next__(self) -> _T:
        return next(self._iterator)

    def close(self) -> None:
        self._iterator.close()
        self.response.close()

    def __enter__(self) -> Stream[_T]:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncStream(Generic[_T]):
    """The async twin of `Stream`: `async for chunk in stream`."""

    def __init__(self, cast_to: Any, response: httpx.Response) -> None:
        self.response = response
        self._cast_to = cast_to
        self._iterator = self._events()

    async def _events(self) -> AsyncGenerator[_T, None]:
        decoder = _Decoder()
        try:
            async for line in self.response.aiter_lines():
                event = decoder.decode(line)
                if event is None:
                    continue
                if event.data.startswith("[DONE]"):
                    break
                if event.data or event.event == "error":
                    yield _parse_event(self._cast_to, event, self.response)
            else:
                if decoder.pending():
                    raise APIError(
                        "the stream ended in the middle of an event", self.response.request
                    )
        except httpx.TransportError as error:
            raise APIError(f"the stream was cut off: {error}", self.response.request) from error
        finally:
            await self.response.aclose()

    def __aiter__(self) -> AsyncIterator[_T]:
        return self._iterator

    async def __anext__(self) -> _T:
        return await self._iterator.__anext__()

    async def close(self) -> None:
        await self._iterator.aclose()
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[_T]:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        traceback: Optional[TracebackType],
    ) -> None:
        await self.close()
