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
from ._types import as_dict, models

__all__ = ["Stream", "AsyncStream", "ServerSentEvent", "SSEDecoder"]

_T = TypeVar("_T")


class ServerSentEvent:
    """One dispatched event: its type (`event:`), data lines joined with LF, last id and retry."""

    __slots__ = ("event", "data", "id", "retry")

    def __init__(
        self, event: Optional[str], data: str, id: Optional[str], retry: Optional[int]
    ) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, data={self.data!r}, id={self.id!r})"


class SSEDecoder:
    """Incremental event-stream parser over raw bytes, as the WHATWG rules say
    (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).

    Lines end at CR, LF or CRLF only (never at U+2028, U+2029 or U+0085, which may appear in
    JSON text); one leading BOM is dropped; chunks may split anywhere, even inside a UTF-8
    sequence or between the CR and LF of one line ending. `feed` returns the events completed
    by a chunk.
    """

    __slots__ = ("_partial", "_skip_lf", "_started", "_event", "_data", "last_event_id", "retry")

    def __init__(self) -> None:
        self._partial: List[bytes] = []  # bytes of a line whose end has not arrived yet
        # The last chunk ended with CR: an LF opening the next one is the rest of that line end.
        self._skip_lf = False
        self._started = False
        self._event: Optional[str] = None
        self._data: List[str] = []
        self.last_event_id: Optional[str] = None
        self.retry: Optional[int] = None

    def feed(self, chunk: bytes) -> List[ServerSentEvent]:
        if self._skip_lf and chunk:
            self._skip_lf = False
            if chunk[0] == 10:  # b"\n"
                chunk = chunk[1:]
        end = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
        if end < 0:
            if chunk:
                self._partial.append(chunk)
            return []
        if self._partial:
            self._partial.append(chunk[: end + 1])
            complete = b"".join(self._partial)
        else:
            complete = chunk if end == len(chunk) - 1 else chunk[: end + 1]
        rest = chunk[end + 1 :]
        self._partial = [rest] if rest else []
        self._skip_lf = not rest and chunk[end] == 13  # b"\r"
        text = self._text(complete)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return self._lines(text.split("\n")[:-1])

    def pending(self) -> bool:
        """Whether an event (or a line) has begun that no blank line has completed."""
        return bool(self._partial) or bool(self._data) or self._event is not None

    def _text(self, raw: bytes) -> str:
        text = raw.decode("utf-8", "replace")
        if not self._started:
            self._started = True
            if text.startswith("\ufeff"):
                text = text[1:]
        return text

    def _lines(self, lines: List[str]) -> List[ServerSentEvent]:
        events: List[ServerSentEvent] = []
        for line in lines:
            if not line:
                if self._data:
                    events.append(
                        ServerSentEvent(
                            self._event, "\n".join(self._data), self.last_event_id, self.retry
                        )
                    )
                    self._data = []
                self._event = None
                continue
            if line[0] == ":":
                continue
            field, _, value = line.partition(":")
            if value[:1] == " ":
                value = value[1:]
            if field == "data":
                self._data.append(value)
            elif field == "event":
                self._event = value
            elif field == "id":
                if "\0" not in value:
                    self.last_event_id = value
            elif field == "retry" and value.isascii() and value.isdigit():
                self.retry = int(value)
        return events


def _parse_event(cast_to: Any, event: ServerSentEvent, response: httpx.Response) -> Any:
    try:
        if event.event != "error" and '"error"' not in event.data:  # the common case, quickly
            return models().parse_json_as(cast_to, event.data)
        data = json.loads(event.data)
    except json.JSONDecodeError:
        raise APIResponseValidationError(
            response, event.data, f"stream event is not JSON: {event.data[:200]!r}"
        ) from None
    fields = as_dict(data)
    if event.event == "error" or (fields is not None and "error" in fields and len(fields) <= 2):
        error: Any = data if fields is None else fields.get("error", fields)
        details = as_dict(error)
        message = None if details is None else details.get("message")
        raise APIError(f"stream error: {message or error}", response.request, body=data)
    return models().parse_as(cast_to, data)


class Stream(Generic[_T]):
    """Iterate to get each event parsed; `[DONE]` ends it. Closes its connection when done."""

    def __init__(self, cast_to: Any, response: httpx.Response) -> None:
        self.response = response
        self._cast_to = cast_to
        self._iterator = self._events()

    def _events(self) -> Generator[_T, None, None]:
        decoder = SSEDecoder()
        try:
            for chunk in self.response.iter_bytes():
                for event in decoder.feed(chunk):
                    if event.data.startswith("[DONE]"):
                        return
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
        decoder = SSEDecoder()
        try:
            async for chunk in self.response.aiter_bytes():
                for event in decoder.feed(chunk):
                    if event.data.startswith("[DONE]"):
                        return
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
