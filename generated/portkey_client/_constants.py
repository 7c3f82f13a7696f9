"""What differs from one generated package to the next; the runtime modules read it from here."""

from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Tuple

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

SECURITY: Optional[Tuple[Tuple[str, ...], ...]] = (
    ("Portkey-Key", "Virtual-Key"),
    ("Portkey-Key", "Provider-Auth", "Provider-Name"),
    ("Config", "Portkey-Key"),
    ("Custom-Host", "Portkey-Key", "Provider-Auth", "Provider-Name"),
)
"""The security requirements most operations have; an operation's Endpoint names its own where they
differ (`_security`). None: the API description names none, so every credential configured is
sent."""

SERVER_URL: Optional[str] = "https://api.portkey.ai/v1"
"""The API's server, where requests go unless a base URL is given (`{name}`: a server variable);
None: the API names none."""

SERVER_VARIABLES: Dict[str, Optional[str]] = {}
"""The default of each server variable of the API's server and of operations' own servers, by
its name in their URLs (None: it has none)."""
