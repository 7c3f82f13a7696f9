"""What differs from one generated package to the next; the runtime modules read it from here."""

from __future__ import annotations

from typing import FrozenSet, Optional, Tuple

PACKAGE_NAME: str = "portkey_client"
"""The package's import name: the name of its logger and the start of its User-Agent."""

VERSION: str = "2.0.0"
"""The version of the API description the package was generated from."""

SECRET_HEADERS: FrozenSet[str] = frozenset(
    [
        "authorization",
        "x-portkey-api-key",
        "x-portkey-config",
        "x-portkey-custom-host",
        "x-portkey-provider",
        "x-portkey-virtual-key",
    ]
)
"""Headers that carry credentials (lower case)."""

LOG_ENV: Optional[str] = "PORTKEY_LOG"
"""The environment variable that turns on the client's log (`debug` or `info`), if any."""

REQUEST_ID_HEADERS: Tuple[str, ...] = tuple(
    [
        "x-portkey-trace-id",
        "x-request-id",
    ]
)
"""The response headers holding the request id, in the order they are tried."""

EXTRA_HEADER_PREFIX: Optional[str] = "x-portkey-"
"""The prefix of headers made from further client keywords (`trace_id="t"`); None: no such keywords."""

METHOD_OPTIONS: FrozenSet[str] = frozenset(
    [
        "body_fields",
        "extra_body",
        "extra_headers",
        "extra_query",
        "max_retries",
        "timeout",
    ]
)
"""A method's own keywords (`timeout`, `extra_headers`, ...): never sent as operation arguments."""
