"""Shared types of the portkey_client runtime."""

from __future__ import annotations

import os
from typing import IO, Any, Dict, Literal, Mapping, Optional, Tuple, Union

import httpx
from typing_extensions import TypeAlias, final


@final
class NotGiven:
    """The default of an argument the caller left out: it is not sent at all.

    `None` is different: it is sent as JSON `null` where the API allows it.
    """

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()

FileContent: TypeAlias = Union[bytes, IO[bytes], os.PathLike[str]]
FileTypes: TypeAlias = Union[
    FileContent,
    Tuple[Optional[str], FileContent],
    Tuple[Optional[str], FileContent, Optional[str]],
]
"""A file to upload: bytes, a binary file object, a path, or (filename, content[, content_type])."""

Headers: TypeAlias = Mapping[str, Union[str, NotGiven]]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = Mapping[str, object]
Timeout: TypeAlias = Union[float, httpx.Timeout, None]
JSON: TypeAlias = Union[Dict[str, Any], Any]
