"""The `audio.speech` resource of the Portkey API."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Literal, Optional, Union, cast

from ..._base_client import Endpoint
from ..._response import (
    AsyncBinaryResponse,
    BinaryResponse,
    async_raw_response_method,
    async_streamed_response_method,
    raw_response_method,
    streamed_response_method,
)
from ..._types import NOT_GIVEN, Body, Headers, NotGiven, Query, Timeout

if TYPE_CHECKING:
    from ..._client import AsyncPortkey, Portkey

_CREATE = Endpoint(
    "post",
    "/audio/speech",
    response="binary",
    rest="json",
    accept="application/octet-stream",
)


class Speech:
    """Operations under `speech`."""

    def __init__(self, client: Portkey) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> SpeechWithRawResponse:
        """The same methods, each returning the raw response (status, headers, then `parse()`)."""
        return SpeechWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> SpeechWithStreamingResponse:
        """The same methods as context managers; the response body is read only when asked."""
        return SpeechWithStreamingResponse(self)

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
        return cast("BinaryResponse", self._client.call(_CREATE, locals()))


class AsyncSpeech:
    """Operations under `speech`."""

    def __init__(self, client: AsyncPortkey) -> None:
        self._client = client

    @cached_property
    def with_raw_response(self) -> AsyncSpeechWithRawResponse:
        """The same methods, each returning the raw response (status, headers, then `parse()`)."""
        return AsyncSpeechWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncSpeechWithStreamingResponse:
        """The same methods as context managers; the response body is read only when asked."""
        return AsyncSpeechWithStreamingResponse(self)

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
        return cast("AsyncBinaryResponse", await self._client.call(_CREATE, locals()))


class SpeechWithRawResponse:
    """`Speech.with_raw_response`."""

    def __init__(self, resource: Speech) -> None:
        self._resource = resource

    @raw_response_method(Speech.create)
    def create(self) -> None: ...


class SpeechWithStreamingResponse:
    """`Speech.with_streaming_response`."""

    def __init__(self, resource: Speech) -> None:
        self._resource = resource

    @streamed_response_method(Speech.create)
    def create(self) -> None: ...


class AsyncSpeechWithRawResponse:
    """`AsyncSpeech.with_raw_response`."""

    def __init__(self, resource: AsyncSpeech) -> None:
        self._resource = resource

    @async_raw_response_method(AsyncSpeech.create)
    def create(self) -> None: ...


class AsyncSpeechWithStreamingResponse:
    """`AsyncSpeech.with_streaming_response`."""

    def __init__(self, resource: AsyncSpeech) -> None:
        self._resource = resource

    @async_streamed_response_method(AsyncSpeech.create)
    def create(self) -> None: ...
