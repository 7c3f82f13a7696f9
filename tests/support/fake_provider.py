"""A small fake OpenAI-compatible LLM provider for gateway tests.

It runs a threaded :mod:`http.server` on ``127.0.0.1`` (random free port),
records every request it receives and answers a handful of OpenAI routes with
deterministic, realistic-looking payloads::

    with FakeProvider() as provider:
        provider.url            # "http://127.0.0.1:PORT/v1"
        ...                     # point the gateway's custom host at it
        provider.requests       # [RecordedRequest(method, path, headers, body), ...]

Routes (everything else answers 404 with an OpenAI-style error body):

* ``POST /v1/chat/completions`` -- echoes the last user message; with
  ``"stream": true`` sends one SSE ``chat.completion.chunk`` per word, each
  flushed separately after :attr:`FakeProvider.stream_delay` seconds (or, with
  a :class:`ChunkGate` set, once the client has read the chunk before), then
  ``data: [DONE]``.
* ``POST /v1/completions`` -- echoes the prompt (also streamable).
* ``POST /v1/embeddings`` -- deterministic vectors (:func:`embedding_vector`).
* ``POST /v1/audio/speech`` -- deterministic bytes (:func:`speech_bytes`),
  sent with chunked transfer encoding.
* ``POST /v1/audio/transcriptions`` -- parses multipart/form-data and answers
  ``{"text": ...}`` naming the uploaded file's name and size.

A model named ``error-400``, ``error-429`` or ``error-500`` makes any of the
POST routes fail with that status and an OpenAI-style error JSON.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Any

from tests.support.local_server import LocalRequestHandler

__all__ = [
    "ChunkGate",
    "FakeProvider",
    "RecordedRequest",
    "UploadedFile",
    "chat_reply",
    "embedding_vector",
    "parse_multipart",
    "speech_bytes",
    "ERROR_MODELS",
]

#: Model names that trigger an error response, mapped to (status, type, code).
ERROR_MODELS: dict[str, tuple[int, str, str | None]] = {
    "error-400": (400, "invalid_request_error", "invalid_value"),
    "error-429": (429, "rate_limit_error", "rate_limit_exceeded"),
    "error-500": (500, "server_error", None),
}

DEFAULT_SPEECH_SIZE = 100 * 1024
DEFAULT_EMBEDDING_DIMENSIONS = 8
_SPEECH_CHUNK = 16 * 1024
_SPEECH_CONTENT_TYPES = {
    "mp3": "audio/mpeg",
    "opus": "audio/opus",
    "aac": "audio/aac",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "pcm": "audio/pcm",
}


@dataclass(frozen=True)
class UploadedFile:
    """One file part of a multipart/form-data body."""

    field: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """A request as the fake provider received it (headers lower-cased)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    form: dict[str, str] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)

    def json(self) -> Any:
        """The body decoded as JSON."""
        return json.loads(self.body)


# ---------------------------------------------------------------------------
# Deterministic payload helpers (public so tests can compute expected values)
# ---------------------------------------------------------------------------


def chat_reply(user_message: str) -> str:
    """The assistant reply the fake gives to ``user_message``."""
    return f"Echo: {user_message}"


def speech_bytes(text: str, size: int = DEFAULT_SPEECH_SIZE) -> bytes:
    """Deterministic pseudo-audio of ``size`` bytes derived from ``text``."""
    out = bytearray()
    counter = 0
    seed = text.encode("utf-8")
    while len(out) < size:
        out += hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:size])


def embedding_vector(
    text: str, dimensions: int = DEFAULT_EMBEDDING_DIMENSIONS
) -> list[float]:
    """Deterministic unit-ish vector in [-1, 1) derived from ``text``."""
    raw = speech_bytes("embedding:" + text, 2 * dimensions)
    return [
        round(int.from_bytes(raw[i : i + 2], "big") / 32768.0 - 1.0, 6)
        for i in range(0, 2 * dimensions, 2)
    ]


_PARAM_RE = re.compile(r';\s*([\w*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')


def _header_params(value: str) -> tuple[str, dict[str, str]]:
    """Split ``'form-data; name="a"; filename="b"'`` into main value and params."""
    main = value.split(";", 1)[0].strip().lower()
    params: dict[str, str] = {}
    for key, raw in _PARAM_RE.findall(value):
        raw = raw.strip()
        if raw.startswith('"') and raw.endswith('"'):
            raw = raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        params[key.lower()] = raw
    return main, params


def parse_multipart(
    body: bytes, content_type: str
) -> tuple[dict[str, str], dict[str, UploadedFile]]:
    """Parse a multipart/form-data body into (text fields, files by field name)."""
    _, params = _header_params(content_type)
    boundary = params.get("boundary")
    if not boundary:
        raise ValueError("multipart body without boundary")
    delimiter = b"--" + boundary.encode("latin-1")
    form: dict[str, str] = {}
    files: dict[str, UploadedFile] = {}
    segments = body.split(delimiter)
    for segment in segments[1:]:
        if segment.startswith(b"--"):
            break  # closing delimiter
        if segment.startswith(b"\r\n"):
            segment = segment[2:]
        if segment.endswith(b"\r\n"):
            segment = segment[:-2]
        head, sep, data = segment.partition(b"\r\n\r\n")
        if not sep:
            continue
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        _, disposition = _header_params(headers.get("content-disposition", ""))
        name = disposition.get("name", "")
        if "filename" in disposition:
            files[name] = UploadedFile(
                name, disposition["filename"], headers.get("content-type"), data
            )
        else:
            form[name] = data.decode("utf-8", "replace")
    return form, files


# ---------------------------------------------------------------------------
# HTTP handler
# ---------------------------------------------------------------------------


class _ProviderError(Exception):
    def __init__(
        self, status: int, message: str, type_: str, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.status, self.message, self.type, self.code = status, message, type_, code


def _content_text(content: Any) -> str:
    """Text of an OpenAI message ``content`` (string or list of parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(
            str(p.get("text", ""))
            for p in content
            if isinstance(p, dict) and p.get("type") == "text"
        )
    return ""


def _words(text: str) -> list[str]:
    """Split into word tokens that concatenate back to ``text`` (OpenAI-like)."""
    return re.findall(r"\s*\S+", text) or [text]


def _usage(prompt: str, completion: str) -> dict[str, int]:
    p, c = len(prompt.split()), len(completion.split())
    return {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c}


class _Handler(LocalRequestHandler):
    server: "_Server"
    protocol_version = "HTTP/1.1"
    server_version = "FakeOpenAI/1.0"

    # -- plumbing ----------------------------------------------------------
    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _send_json(
        self, status: int, payload: Any, headers: dict[str, str] | None = None
    ) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _start_chunked(self, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _end_chunked(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _sse(self, payload: Any) -> None:
        data = payload if isinstance(payload, str) else json.dumps(payload)
        self._write_chunk(f"data: {data}\n\n".encode())

    def _handle(self) -> None:
        body = self._read_body()
        path = self.path.split("?", 1)[0]
        record = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        content_type = record.headers.get("content-type", "")
        try:
            if content_type.lower().startswith("multipart/form-data"):
                record.form, record.files = parse_multipart(body, content_type)
        except ValueError:
            pass
        self.server.provider._record(record)

        routes = {
            "/v1/chat/completions": self._chat,
            "/v1/completions": self._completions,
            "/v1/embeddings": self._embeddings,
            "/v1/audio/speech": self._speech,
            "/v1/audio/transcriptions": self._transcription,
        }
        route = routes.get(path) if self.command == "POST" else None
        try:
            if route is None:
                raise _ProviderError(
                    404,
                    f"Unknown route: {self.command} {path}",
                    "invalid_request_error",
                    "unknown_url",
                )
            route(record)
        except _ProviderError as exc:
            error = {
                "message": exc.message,
                "type": exc.type,
                "param": None,
                "code": exc.code,
            }
            self._send_json(exc.status, {"error": error})

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _handle

    # -- routes --------------------------------------------------------------
    @staticmethod
    def _json_body(record: RecordedRequest) -> dict[str, Any]:
        try:
            body = record.json()
        except ValueError as exc:
            raise _ProviderError(
                400, f"Invalid JSON body: {exc}", "invalid_request_error"
            ) from None
        if not isinstance(body, dict):
            raise _ProviderError(
                400, "Request body must be a JSON object", "invalid_request_error"
            )
        _check_error_model(body.get("model"))
        return body

    def _chat(self, record: RecordedRequest) -> None:
        body = self._json_body(record)
        model = str(body.get("model", "gpt-fake"))
        messages = body.get("messages") or []
        user_text = ""
        for message in reversed(messages):
            if isinstance(message, dict) and message.get("role") == "user":
                user_text = _content_text(message.get("content"))
                break
        prompt_text = " ".join(
            _content_text(m.get("content")) for m in messages if isinstance(m, dict)
        )
        reply = chat_reply(user_text)
        ident, created = f"chatcmpl-fake{self.server.provider._next_id()}", int(
            time.time()
        )
        if body.get("stream"):
            base = {
                "id": ident,
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_fake",
            }
            self._start_chunked("text/event-stream")
            first = {
                "index": 0,
                "delta": {"role": "assistant", "content": ""},
                "logprobs": None,
                "finish_reason": None,
            }
            self._sse({**base, "choices": [first]})
            gate = self.server.provider.stream_gate
            for number, word in enumerate(_words(reply), start=1):
                if gate is None:
                    time.sleep(self.server.provider.stream_delay)
                else:
                    gate.wait_until_read(number)
                choice = {
                    "index": 0,
                    "delta": {"content": word},
                    "logprobs": None,
                    "finish_reason": None,
                }
                self._sse({**base, "choices": [choice]})
            last = {"index": 0, "delta": {}, "logprobs": None, "finish_reason": "stop"}
            self._sse({**base, "choices": [last]})
            if (body.get("stream_options") or {}).get("include_usage"):
                self._sse({**base, "choices": [], "usage": _usage(prompt_text, reply)})
            self._sse("[DONE]")
            self._end_chunked()
            return
        message = {"role": "assistant", "content": reply, "refusal": None}
        self._send_json(
            200,
            {
                "id": ident,
                "object": "chat.completion",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_fake",
                "choices": [
                    {
                        "index": 0,
                        "message": message,
                        "logprobs": None,
                        "finish_reason": "stop",
                    }
                ],
                "usage": _usage(prompt_text, reply),
            },
        )

    def _completions(self, record: RecordedRequest) -> None:
        body = self._json_body(record)
        model = str(body.get("model", "gpt-fake-instruct"))
        prompt = body.get("prompt", "")
        prompt_text = prompt if isinstance(prompt, str) else " ".join(map(str, prompt))
        reply = chat_reply(prompt_text)
        ident, created = f"cmpl-fake{self.server.provider._next_id()}", int(time.time())
        base = {
            "id": ident,
            "object": "text_completion",
            "created": created,
            "model": model,
        }
        if body.get("stream"):
            self._start_chunked("text/event-stream")
            for word in _words(reply):
                time.sleep(self.server.provider.stream_delay)
                self._sse(
                    {
                        **base,
                        "choices": [
                            {
                                "text": word,
                                "index": 0,
                                "logprobs": None,
                                "finish_reason": None,
                            }
                        ],
                    }
                )
            self._sse(
                {
                    **base,
                    "choices": [
                        {
                            "text": "",
                            "index": 0,
                            "logprobs": None,
                            "finish_reason": "stop",
                        }
                    ],
                }
            )
            self._sse("[DONE]")
            self._end_chunked()
            return
        choice = {"text": reply, "index": 0, "logprobs": None, "finish_reason": "stop"}
        self._send_json(
            200, {**base, "choices": [choice], "usage": _usage(prompt_text, reply)}
        )

    def _embeddings(self, record: RecordedRequest) -> None:
        body = self._json_body(record)
        inputs = body.get("input", "")
        if isinstance(inputs, str) or (
            isinstance(inputs, list) and inputs and isinstance(inputs[0], int)
        ):
            inputs = [inputs]
        dims = int(body.get("dimensions") or DEFAULT_EMBEDDING_DIMENSIONS)
        base64_format = body.get("encoding_format") == "base64"
        data = []
        for index, item in enumerate(inputs):
            vector = embedding_vector(
                item if isinstance(item, str) else json.dumps(item), dims
            )
            embedding: Any = vector
            if base64_format:
                embedding = base64.b64encode(struct.pack(f"<{dims}f", *vector)).decode()
            data.append({"object": "embedding", "index": index, "embedding": embedding})
        tokens = sum(len(str(i).split()) for i in inputs)
        self._send_json(
            200,
            {
                "object": "list",
                "data": data,
                "model": str(body.get("model", "text-embedding-fake")),
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            },
        )

    def _speech(self, record: RecordedRequest) -> None:
        body = self._json_body(record)
        audio = speech_bytes(
            str(body.get("input", "")), self.server.provider.speech_size
        )
        self._start_chunked(
            _SPEECH_CONTENT_TYPES.get(
                str(body.get("response_format", "mp3")), "audio/mpeg"
            )
        )
        for start in range(0, len(audio), _SPEECH_CHUNK):
            self._write_chunk(audio[start : start + _SPEECH_CHUNK])
        self._end_chunked()

    def _transcription(self, record: RecordedRequest) -> None:
        if (
            not record.headers.get("content-type", "")
            .lower()
            .startswith("multipart/form-data")
        ):
            raise _ProviderError(
                400, "Expected multipart/form-data", "invalid_request_error"
            )
        _check_error_model(record.form.get("model"))
        upload = record.files.get("file")
        if upload is None:
            raise _ProviderError(
                400,
                "Missing required parameter: 'file'",
                "invalid_request_error",
                "missing",
            )
        text = f"Transcribed {len(upload.data)} bytes from {upload.filename}"
        if record.form.get("response_format") == "text":
            data = text.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        self._send_json(200, {"text": text})


def _check_error_model(model: Any) -> None:
    if isinstance(model, str) and model in ERROR_MODELS:
        status, type_, code = ERROR_MODELS[model]
        raise _ProviderError(
            status,
            f"Simulated provider error {status} for model '{model}'",
            type_,
            code,
        )


class ChunkGate:
    """Holds a streamed reply back so each chunk is sent only after the client read the one before.

    Set it as :attr:`FakeProvider.stream_gate`; the test calls :meth:`client_read` each time it
    has a chunk in hand. A client that buffers the stream never reads chunk n before the end, so
    the provider waits for it in vain: after ``timeout`` seconds it sends the rest anyway and
    records the chunk it waited for in :attr:`waited_in_vain` (empty for a client that streams).
    """

    def __init__(self, timeout: float = 10.0) -> None:
        self.timeout = timeout
        self.read = 0
        self.waited_in_vain: list[int] = []
        self._changed = threading.Condition()

    def client_read(self) -> None:
        """The client has one more chunk in hand."""
        with self._changed:
            self.read += 1
            self._changed.notify_all()

    def wait_until_read(self, count: int) -> None:
        """Block the provider until the client has read ``count`` chunks (or gave up once)."""
        with self._changed:
            if self.waited_in_vain:
                return
            if not self._changed.wait_for(lambda: self.read >= count, timeout=self.timeout):
                self.waited_in_vain.append(count)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    provider: "FakeProvider"


# ---------------------------------------------------------------------------
# Public context manager
# ---------------------------------------------------------------------------


class FakeProvider:
    """Fake OpenAI-compatible provider on ``127.0.0.1:<free port>``.

    ``stream_delay`` (seconds between SSE chunks) and ``speech_size`` (bytes of
    pseudo-audio) may be changed while the server runs.
    """

    def __init__(
        self, *, stream_delay: float = 0.05, speech_size: int = DEFAULT_SPEECH_SIZE
    ) -> None:
        self.stream_delay = stream_delay
        #: When set, streamed chat replies are paced by the client's reading, not by stream_delay.
        self.stream_gate: ChunkGate | None = None
        self.speech_size = speech_size
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._counter = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------
    def start(self) -> "FakeProvider":
        """Bind to a free port on 127.0.0.1 and serve in a daemon thread."""
        if self._server is not None:
            return self
        server = _Server(("127.0.0.1", 0), _Handler)
        server.provider = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="fake-openai-provider",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = self._thread = None

    def __enter__(self) -> "FakeProvider":
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- addresses -----------------------------------------------------------
    @property
    def port(self) -> int:
        """The bound TCP port."""
        if self._server is None:
            raise RuntimeError("FakeProvider is not running")
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT`` (no path)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """OpenAI-style base URL, ``http://127.0.0.1:PORT/v1``."""
        return f"{self.origin}/v1"

    # -- recorded requests ---------------------------------------------------
    @property
    def requests(self) -> list[RecordedRequest]:
        """A snapshot of all requests received so far (oldest first)."""
        with self._lock:
            return list(self._requests)

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """Recorded requests whose path (without query) equals ``path``."""
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def last_request(self, path: str | None = None) -> RecordedRequest:
        """The most recent request (optionally: to ``path``); raises if none."""
        found = self.requests_to(path) if path is not None else self.requests
        if not found:
            raise LookupError(f"no request recorded{' for ' + path if path else ''}")
        return found[-1]

    def clear(self) -> None:
        """Forget all recorded requests."""
        with self._lock:
            self._requests.clear()

    def _record(self, record: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(record)

    def _next_id(self) -> int:
        with self._lock:
            self._counter += 1
            return self._counter
