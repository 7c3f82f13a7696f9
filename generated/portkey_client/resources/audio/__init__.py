"""The `audio` resources of the Portkey API; each module is imported on first use."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .audio import AsyncAudio as AsyncAudio
    from .audio import AsyncAudioWithRawResponse as AsyncAudioWithRawResponse
    from .audio import AsyncAudioWithStreamingResponse as AsyncAudioWithStreamingResponse
    from .speech import AsyncSpeech as AsyncSpeech
    from .speech import AsyncSpeechWithRawResponse as AsyncSpeechWithRawResponse
    from .speech import AsyncSpeechWithStreamingResponse as AsyncSpeechWithStreamingResponse
    from .audio import Audio as Audio
    from .audio import AudioWithRawResponse as AudioWithRawResponse
    from .audio import AudioWithStreamingResponse as AudioWithStreamingResponse
    from .speech import Speech as Speech
    from .speech import SpeechWithRawResponse as SpeechWithRawResponse
    from .speech import SpeechWithStreamingResponse as SpeechWithStreamingResponse

_INDEX = (
    "AsyncAudio:audio AsyncAudioWithRawResponse:audio AsyncAudioWithStreamingResponse:audio "
    "AsyncSpeech:speech AsyncSpeechWithRawResponse:speech AsyncSpeechWithStreamingResponse:speech "
    "Audio:audio AudioWithRawResponse:audio AudioWithStreamingResponse:audio Speech:speech "
    "SpeechWithRawResponse:speech SpeechWithStreamingResponse:speech"
)
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
