"""The index of every operation: HTTP method, path, operation id and Python call path."""

from __future__ import annotations

from typing import NamedTuple, Tuple

__all__ = ["Operation", "OPERATIONS"]


class Operation(NamedTuple):
    method: str
    path: str
    operation_id: str
    call_path: str
    """Where the method lives on a client, e.g. "chat.completions.create"."""


OPERATIONS: Tuple[Operation, ...] = (
    Operation("POST", "/audio/speech", "createSpeech", "audio.speech.create"),
)
