"""Server-sent events: parsed into models by the WHATWG event-stream rules, cut-offs and error events raised."""

from __future__ import annotations

import json
import time
from types import ModuleType
from typing import Any, Callable

import pytest

from tests.support.fault_server import Answer, FaultServer
from tests.runtime.calls import chunk, sse_chunk, streamed_chunks


def test_streamed_chunks_are_parsed_models(call: Callable[..., Any], server: FaultServer) -> None:
    server.script(Answer(sse_events=[chunk("Hel"), ": keep-alive\n\n", chunk("lo"), "data: [DONE]\n\n", chunk("after")]))

    chunks = call(streamed_chunks)
    assert [c.choices[0].delta.content for c in chunks] == ["Hel", "lo"]
    assert type(chunks[0]).__name__ == "CreateChatCompletionStreamResponse"
    assert json.loads(server.requests[0][3])["stream"] is True


def test_stream_cut_off_mid_event_raises(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(sse_events=[chunk("a"), 'data: {"id": "c", "choi'], cut_stream=True))

    started = time.monotonic()
    with pytest.raises(full_client.APIError):
        call(streamed_chunks)
    assert time.monotonic() - started < 5


def test_error_event_raises(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(sse_events=[chunk("a"), 'event: error\ndata: {"error": {"message": "provider fell over"}}\n\n']))

    with pytest.raises(full_client.APIError, match="provider fell over"):
        call(streamed_chunks)


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
