"""The threaded HTTP server and the request handler base the test servers run on."""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class LocalHTTPServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that does not print a traceback when a client hangs up.

    Clients under test close kept-alive connections whenever they like (a closed event loop, a
    stream left early); the stdlib server reports each as an error on stderr, which buries real
    failures in the test output. Any other error is still printed.
    """

    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


class LocalRequestHandler(BaseHTTPRequestHandler):
    """A request handler that answers without Nagle's delay and logs nothing.

    The stdlib handler writes the headers and the body separately; with Nagle's algorithm the body
    waits for the client's delayed ACK, about 40 ms a request, which was most of a full-spec
    test's run time. Its log line per request would bury real failures in the test output.
    """

    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        """Keep test output quiet."""
