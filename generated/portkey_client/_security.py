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

from typing import Dict, Literal, Mapping, Optional, Sequence, Tuple

__all__ = ["Credential", "Requirements", "Credentials"]

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


class Credentials:
    """The credentials a client was given, one per security scheme."""

    __slots__ = ("_by_scheme", "_chosen")

    def __init__(self, given: Sequence[Credential]) -> None:
        self._by_scheme: Dict[str, Credential] = {c.scheme: c for c in given}
        self._chosen: Dict[Optional[Requirements], Tuple[Credential, ...]] = {}

    def for_requirements(self, requirements: Optional[Requirements]) -> Tuple[Credential, ...]:
        """The credentials a request with this security carries (None: every one configured)."""
        chosen = self._chosen.get(requirements)
        if chosen is None:
            chosen = self._chosen[requirements] = self._choose(requirements)
        return chosen

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


def by_location(
    credentials: Sequence[Credential], location: Literal["header", "query", "cookie"]
) -> Mapping[str, str]:
    """The credentials that go in one place, by the header, query or cookie name they take."""
    return {c.name: c.value for c in credentials if c.location == location}
