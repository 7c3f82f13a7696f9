"""The threaded HTTP server the test servers run on."""

from __future__ import annotations

import sys
from http.server import ThreadingHTTPServer
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
