"""Models: CreateSpeechRequest."""

from __future__ import annotations

from typing import Literal, Optional, Union

from .._models import BaseModel

__all__ = ["CreateSpeechRequest"]


class CreateSpeechRequest(BaseModel):
    model: Union[str, Literal["tts-1", "tts-1-hd"]]
    """One of the available [TTS models](https://platform.openai.com/docs/models/tts): `tts-1` or `tts-1-hd`"""
    input: str
    """The text to generate audio for. The maximum length is 4096 characters."""
    voice: Literal["alloy", "echo", "fable", "onyx", "nova", "shimmer"]
    """The voice to use when generating the audio. Supported voices are `alloy`, `echo`, `fable`, `onyx`, `nova`, and `shimmer`. Previews of the voices are available in the [Text to speech guide](https://platform.openai.com/docs/guides/text-to-speech/voice-options)."""
    response_format: Optional[Literal["mp3", "opus", "aac", "flac", "wav", "pcm"]] = None
    """The format to audio in. Supported formats are `mp3`, `opus`, `aac`, `flac`, `wav`, and `pcm`."""
    speed: Optional[float] = None
    """The speed of the generated audio. Select a value from `0.25` to `4.0`. `1.0` is the default."""
