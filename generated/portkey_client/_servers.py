"""Where requests go: the API's server with its variables filled in, an operation's own server,
or the base URL given to the client, which then takes every request."""

from __future__ import annotations

import re
from typing import Any, Dict, Mapping, Optional, Union
from urllib.parse import quote

import httpx

from ._constants import SERVER_URL, SERVER_VARIABLES

__all__ = ["base_url_settings", "operation_base_url"]

_VARIABLE = re.compile(r"\{([^{}]+)\}")


def base_url_settings(
    given: Union[str, httpx.URL, None], chosen: Mapping[str, Optional[str]]
) -> Dict[str, Any]:
    """The base client's `base_url` and `server_variables` for a new client.

    `given` is the base URL passed to the client (or read from the environment): every request
    goes there, and a relative server of the API is placed on it. `chosen` holds the server
    variables passed, by their names in the server URLs (None: the variable's default).
    Raises ValueError when no usable base URL results.
    """
    values = {
        name: default if chosen.get(name) is None else chosen[name]
        for name, default in SERVER_VARIABLES.items()
    }
    if given:
        return {"base_url": _placed_on(str(given), values), "server_variables": None}
    if SERVER_URL is None:
        raise ValueError("base_url is required: this API description names no server")
    missing = [name for name, value in values.items() if value is None]
    if missing:
        raise ValueError(
            f"base_url is required, or a value for the server variable {missing[0]!r}: "
            "the API description gives it no default"
        )
    url = expand(SERVER_URL, values)
    if not _absolute(url):
        raise ValueError(
            f"base_url is required: the API's server {url!r} is relative; give the scheme and host "
            "it is on (base_url='https://api.example.com'), or the whole base URL"
        )
    return {"base_url": url, "server_variables": values}


def operation_base_url(server: str, values: Mapping[str, Optional[str]], base_url: str) -> str:
    """The base URL of an operation with a server of its own; a relative one is on `base_url`."""
    url = expand(server, values)
    return url if _absolute(url) else str(httpx.URL(base_url).join(url))


def expand(url: str, values: Mapping[str, Optional[str]]) -> str:
    """The server URL with each `{variable}` replaced by its value."""

    def value(match: re.Match[str]) -> str:
        found = values.get(match.group(1))
        if found is None:
            raise ValueError(f"the server variable {match.group(1)!r} of {url!r} has no value")
        # A value is put in as it is (a host, a port, a path), but spaces and control characters
        # cannot be in a URL: they are percent-encoded.
        return "".join(c if c.isprintable() and not c.isspace() else quote(c) for c in found)

    return _VARIABLE.sub(value, url)


def _absolute(url: str) -> bool:
    return "://" in url


def _placed_on(given: str, values: Mapping[str, Optional[str]]) -> str:
    """The base URL given, with the API's server path added where that server is relative and
    the URL given is a bare origin (`https://api.example.com` + `/api/v3`)."""
    if SERVER_URL is None or _absolute(SERVER_URL) or httpx.URL(given).path not in ("", "/"):
        return given
    return given.rstrip("/") + "/" + expand(SERVER_URL, values).lstrip("/")
