"""Credentials by security scheme, and which of them each request carries.

An operation's security is a list of requirements, any one of which the API accepts; each names
the security schemes sent together. A request carries the credentials of the first requirement
whose every scheme has one configured, widened to a larger requirement that contains it where
that one is configured too (a key, or a key with a host of your own). An empty requirement makes
the credentials optional. When no requirement is met, the request carries what is configured of
the one closest to being met (possibly nothing) and the server answers as it will; a credential
the operation does not name is never sent. A request that is no operation's (`client.get(path)`
for a path the API description does not have) carries every credential configured, as do all
requests where the API description names no security at all.
"""

from __future__ import annotations

from typing import Dict, Literal, NamedTuple, Optional, Sequence, Tuple
from urllib.parse import quote

__all__ = ["Credential", "Requirements", "Credentials", "Placed"]

Requirements = Tuple[Tuple[str, ...], ...]


class Credential:
    """One configured credential: its security scheme, and the header, query or cookie it goes in."""

    __slots__ = ("scheme", "name", "location", "value")

    def __init__(
        self, scheme: str, name: str, location: Literal["header", "query", "cookie"], value: str
    ) -> None:
        self.scheme = scheme
        self.name = name
        self.location = location
        self.value = value


class Placed(NamedTuple):
    """Where a request's credentials go: headers, query parameters and the `Cookie` header."""

    headers: Dict[str, str]
    query: Tuple[Tuple[str, str], ...]
    cookie: Optional[str]


class Credentials:
    """The credentials a client was given, one per security scheme."""

    __slots__ = ("_by_scheme", "_placed")

    def __init__(self, given: Sequence[Credential]) -> None:
        self._by_scheme: Dict[str, Credential] = {c.scheme: c for c in given}
        self._placed: Dict[Optional[Requirements], Placed] = {}

    def for_requirements(self, requirements: Optional[Requirements]) -> Placed:
        """The credentials a request with this security carries (None: every one configured)."""
        placed = self._placed.get(requirements)
        if placed is None:
            chosen = self._choose(requirements)
            cookies = [f"{c.name}={quote(c.value)}" for c in chosen if c.location == "cookie"]
            placed = self._placed[requirements] = Placed(
                {c.name: c.value for c in chosen if c.location == "header"},
                tuple((c.name, c.value) for c in chosen if c.location == "query"),
                "; ".join(cookies) or None,
            )
        return placed

    def _choose(self, requirements: Optional[Requirements]) -> Tuple[Credential, ...]:
        configured = self._by_scheme
        if requirements is None:
            return tuple(configured.values())
        met = [r for r in requirements if all(scheme in configured for scheme in r)]
        first = next((r for r in met if r), None)
        if first is not None:
            widest = max((r for r in met if set(first) <= set(r)), key=len)
            return tuple(configured[scheme] for scheme in widest)
        if met:  # only the empty requirement: credentials are optional and none is complete
            return ()
        nearest = max(requirements, key=lambda r: sum(s in configured for s in r), default=())
        return tuple(configured[scheme] for scheme in nearest if scheme in configured)
