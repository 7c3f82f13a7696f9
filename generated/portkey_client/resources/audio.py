"""The `audio` resources of the Portkey API."""

from __future__ import annotations

from functools import cached_property
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Union,
    cast,
    overload,
)

from .. import types as _types
from .._base_client import Endpoint
from .._pagination import AsyncPage, SyncPage
from .._response import AsyncBinaryResponse, BinaryResponse
from .._streaming import AsyncStream, Stream
from .._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

if TYPE_CHECKING:
    from .._client import AsyncPortkey, Portkey

_AUDIO_SPEECH_CREATE = Endpoint(
    "post",
    "/audio/speech",
    response="binary",
    rest="json",
    accept="application/octet-stream",
)


class AudioSpeechResource:
    """Operations under `speech`."""

    def __init__(self, client: Portkey) -> None:
        self._client = client

    def create(
        self,
        *,
        model: Union[str, Literal["tts-1", "tts-1-hd"]],
        input: str,
        voice: Literal["alloy", "echo", "fable", "onyx", "nova", "shimmer"],
        response_format: Union[
            Literal["mp3", "opus", "aac", "flac", "wav", "pcm"], NotGiven
        ] = NOT_GIVEN,
        speed: Union[float, NotGiven] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Union[int, NotGiven] = NOT_GIVEN,
    ) -> BinaryResponse:
        """Create Speech.

        POST /audio/speech

        Credentials (any one of these combinations):
            - api_key + virtual_key
            - api_key + Authorization + provider
            - config + api_key
            - custom_host + api_key + Authorization + provider

        Args:
            model: One of the available [TTS models](https://platform.openai.com/docs/models/tts): `tts-1` or `tts-1-hd`
            input: The text to generate audio for. The maximum length is 4096 characters.
            voice: The voice to use when generating the audio. Supported voices are `alloy`, `echo`, `fable`, `onyx`, `nova`, and `shimmer`. Previews of the voices are available in the [Text to speech guide](https://platform.openai.com/docs/guides/text-to-speech/voice-options).
            response_format: The format to audio in. Supported formats are `mp3`, `opus`, `aac`, `flac`, `wav`, and `pcm`.
            speed: The speed of the generated audio. Select a value from `0.25` to `4.0`. `1.0` is the default.
        """
        return cast("BinaryResponse", self._client.call(_AUDIO_SPEECH_CREATE, locals()))


class AsyncAudioSpeechResource:
    """Operations under `speech`."""

    def __init__(self, client: AsyncPortkey) -> None:
        self._client = client

    async def create(
        self,
        *,
        model: Union[str, Literal["tts-1", "tts-1-hd"]],
        input: str,
        voice: Literal["alloy", "echo", "fable", "onyx", "nova", "shimmer"],
        response_format: Union[
            Literal["mp3", "opus", "aac", "flac", "wav", "pcm"], NotGiven
        ] = NOT_GIVEN,
        speed: Union[float, NotGiven] = NOT_GIVEN,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Body] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Union[int, NotGiven] = NOT_GIVEN,
    ) -> AsyncBinaryResponse:
        """Create Speech.

        POST /audio/speech

        Credentials (any one of these combinations):
            - api_key + virtual_key
            - api_key + Authorization + provider
            - config + api_key
            - custom_host + api_key + Authorization + provider

        Args:
            model: One of the available [TTS models](https://platform.openai.com/docs/models/tts): `tts-1` or `tts-1-hd`
            input: The text to generate audio for. The maximum length is 4096 characters.
            voice: The voice to use when generating the audio. Supported voices are `alloy`, `echo`, `fable`, `onyx`, `nova`, and `shimmer`. Previews of the voices are available in the [Text to speech guide](https://platform.openai.com/docs/guides/text-to-speech/voice-options).
            response_format: The format to audio in. Supported formats are `mp3`, `opus`, `aac`, `flac`, `wav`, and `pcm`.
            speed: The speed of the generated audio. Select a value from `0.25` to `4.0`. `1.0` is the default.
        """
        return cast("AsyncBinaryResponse", await self._client.call(_AUDIO_SPEECH_CREATE, locals()))


class AudioResource:
    """Operations under `audio`."""

    def __init__(self, client: Portkey) -> None:
        self._client = client

    @cached_property
    def speech(self) -> AudioSpeechResource:
        return AudioSpeechResource(self._client)


class AsyncAudioResource:
    """Operations under `audio`."""

    def __init__(self, client: AsyncPortkey) -> None:
        self._client = client

    @cached_property
    def speech(self) -> AsyncAudioSpeechResource:
        return AsyncAudioSpeechResource(self._client)
