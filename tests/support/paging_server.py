"""A local HTTP server that serves a list page by page, by the rules of one paging scheme.

The scheme is a function from the request (its query, its JSON body, the server's URL) to the
page's JSON and headers; the server records every request so a test can say which were made.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import parse_qsl, urlsplit

from tests.support.local_server import LocalHTTPServer, LocalRequestHandler


@dataclass(frozen=True)
class PageRequest:
    """One request as the server saw it: method, path, query (one value per name) and JSON body."""

    method: str
    path: str
    query: dict[str, str]
    body: Any = None
    base: str = ""
    """The server's URL (`http://127.0.0.1:PORT`), for answers that link to the next page."""


@dataclass
class Reply:
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


Serve = Callable[[PageRequest], Reply]


class PagingServer:
    """`with PagingServer(serve) as server:` answers each request with `serve(request)`."""

    def __init__(self, serve: Serve) -> None:
        self.requests: list[PageRequest] = []
        owner = self

        class Handler(LocalRequestHandler):
            protocol_version = "HTTP/1.1"

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                parts = urlsplit(self.path)
                request = PageRequest(self.command, parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)),
                                      json.loads(raw) if raw else None, owner.url)  # fmt: skip
                owner.requests.append(request)
                try:
                    reply = serve(request)
                    status, payload = 200, json.dumps(reply.body).encode()
                except Exception as error:  # noqa: BLE001 - a bad request is the client's fault: say so
                    reply, status, payload = Reply(None), 400, json.dumps({"error": repr(error)}).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = _answer

        self._server = LocalHTTPServer(("127.0.0.1", 0), Handler)
        # Polled often: a server per test would otherwise take half a second to shut down.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> PagingServer:
        self._thread.start()
        return self

    def __exit__(self, *args: object) -> None:
        self._server.shutdown()
        self._server.server_close()
