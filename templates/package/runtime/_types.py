"""Shared types of the client runtime."""

from __future__ import annotations

import importlib
import os
import sys
from typing import IO, Any, Dict, List, Literal, Mapping, Optional, Tuple, Union, cast

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

Headers: TypeAlias = Mapping[str, Union[str, NotGiven, None]]
"""Extra headers of a call; `None` removes a header the client would send."""
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = Mapping[str, object]
Timeout: TypeAlias = Union[float, httpx.Timeout, None]
JSON: TypeAlias = Union[Dict[str, Any], Any]


def as_dict(value: object) -> Optional[Dict[str, Any]]:
    """value when it is a dict (typed as one), else None; type checkers see no unknown types."""
    return cast("Dict[str, Any]", value) if isinstance(value, dict) else None


def as_list(value: object) -> Optional[List[object]]:
    """value when it is a list (typed as one), else None."""
    return cast("List[object]", value) if isinstance(value, list) else None


def models() -> Any:
    """The `_models` module, imported on first use: pydantic's model machinery costs import time."""
    return sys.modules.get(_MODELS) or importlib.import_module(_MODELS)


_MODELS = __name__.rpartition(".")[0] + "._models"
