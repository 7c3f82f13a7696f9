"""Every model of the Portkey API; each module is imported on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._exports_1 import *

_INDEX = "CreateSpeechRequest:create_speech_request"
"""Each class the package exports and its module: `Name:module`, loaded on first use."""
_MODULES: dict[str, str] = {n: m for n, _, m in (p.partition(":") for p in _INDEX.split())}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(_MODULES)
