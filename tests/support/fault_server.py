"""A local HTTP server that misbehaves on purpose, one scripted answer per request."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from tests.support.local_server import LocalHTTPServer, LocalRequestHandler


@dataclass
class Answer:
    """What to do with one request: a status and body, a stall, or a stream cut off midway."""

    status: int = 200
    body: Any = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    stall: float = 0.0
    raw: bytes | None = None
    sse_events: list[str | bytes] | None = None  # bytes go out as they are, split anywhere
    cut_stream: bool = False
    event_delay: float = 0.0
    raw_chunks: list[bytes] | None = None
    """A binary body sent in these chunks (chunked transfer encoding), each flushed on its own."""
    before_chunk: Callable[[int], None] | None = None
    """Called with a chunk's index before chunks 1, 2, ... are sent: it may hold the chunk back."""


class FaultServer:
    """`with FaultServer() as server: server.script(Answer(503), Answer(200, {...}))`."""

    def __init__(self) -> None:
        self._answers: list[Answer] = []
        self._lock = threading.Lock()
        self.requests: list[tuple[str, str, dict[str, str], bytes, float]] = []
        self.client_ports: list[int] = []  # the client's port per request: one port, one connection
        owner = self

        class Handler(LocalRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with owner._lock:
                    owner.requests.append((self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body, time.monotonic()))
                    owner.client_ports.append(self.client_address[1])
                    answer = owner._answers.pop(0) if owner._answers else Answer(200, {})
                if answer.stall:
                    time.sleep(answer.stall)
                if answer.sse_events is not None:
                    self._stream(answer)
                    return
                if answer.raw_chunks is not None:
                    self._chunks(answer)
                    return
                payload = answer.raw if answer.raw is not None else json.dumps(answer.body).encode()
                self.send_response(answer.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def _stream(self, answer: Answer) -> None:
                self.send_response(answer.status)
                self.send_header("content-type", "text/event-stream")
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                for event in answer.sse_events or []:
                    chunk = event if isinstance(event, bytes) else event.encode()
                    self.wfile.write(b"%X\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
                    time.sleep(answer.event_delay)
                if answer.cut_stream:
                    self.close_connection = True
                    self.connection.shutdown(2)  # mid-event, no final chunk
                    return
                self.wfile.write(b"0\r\n\r\n")

            def _chunks(self, answer: Answer) -> None:
                self.send_response(answer.status)
                self.send_header("content-type", "application/octet-stream")
                self.send_header("transfer-encoding", "chunked")
                self.end_headers()
                for index, chunk in enumerate(answer.raw_chunks or []):
                    if index and answer.before_chunk is not None:
                        answer.before_chunk(index)
                    self.wfile.write(b"%X\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.flush()
                self.wfile.write(b"0\r\n\r\n")

            def _handle(self) -> None:
                try:
                    self._answer()
                except (BrokenPipeError, ConnectionResetError, OSError):
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

        self._server = LocalHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def script(self, *answers: Answer) -> None:
        with self._lock:
            self._answers = list(answers)
            self.requests.clear()
            self.client_ports.clear()

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *args: object) -> None:
        self._server.shutdown()
        self._server.server_close()
