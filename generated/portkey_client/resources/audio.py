"""The `audio` resources of the Portkey API."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Literal, Optional, Union, cast

from .._base_client import Endpoint
from .._response import (
    AsyncBinaryResponse,
    BinaryResponse,
    async_raw_response_method,
    async_streamed_response_method,
    raw_response_method,
    streamed_response_method,
)
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

    @cached_property
    def with_raw_response(self) -> AudioSpeechResourceWithRawResponse:
        """The same methods, each returning the raw response (status, headers, then `parse()`)."""
        return AudioSpeechResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AudioSpeechResourceWithStreamingResponse:
        """The same methods as context managers; the response body is read only when asked."""
        return AudioSpeechResourceWithStreamingResponse(self)

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

    @cached_property
    def with_raw_response(self) -> AsyncAudioSpeechResourceWithRawResponse:
        """The same methods, each returning the raw response (status, headers, then `parse()`)."""
        return AsyncAudioSpeechResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncAudioSpeechResourceWithStreamingResponse:
        """The same methods as context managers; the response body is read only when asked."""
        return AsyncAudioSpeechResourceWithStreamingResponse(self)

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


class AudioSpeechResourceWithRawResponse:
    """`AudioSpeechResource.with_raw_response`."""

    def __init__(self, resource: AudioSpeechResource) -> None:
        self._resource = resource

    @raw_response_method(AudioSpeechResource.create)
    def create(self) -> None: ...


class AudioSpeechResourceWithStreamingResponse:
    """`AudioSpeechResource.with_streaming_response`."""

    def __init__(self, resource: AudioSpeechResource) -> None:
        self._resource = resource

    @streamed_response_method(AudioSpeechResource.create)
    def create(self) -> None: ...


class AsyncAudioSpeechResourceWithRawResponse:
    """`AsyncAudioSpeechResource.with_raw_response`."""

    def __init__(self, resource: AsyncAudioSpeechResource) -> None:
        self._resource = resource

    @async_raw_response_method(AsyncAudioSpeechResource.create)
    def create(self) -> None: ...


class AsyncAudioSpeechResourceWithStreamingResponse:
    """`AsyncAudioSpeechResource.with_streaming_response`."""

    def __init__(self, resource: AsyncAudioSpeechResource) -> None:
        self._resource = resource

    @async_streamed_response_method(AsyncAudioSpeechResource.create)
    def create(self) -> None: ...


class AudioResource:
    """Operations under `audio`."""

    def __init__(self, client: Portkey) -> None:
        self._client = client

    @cached_property
    def speech(self) -> AudioSpeechResource:
        return AudioSpeechResource(self._client)

    @cached_property
    def with_raw_response(self) -> AudioResourceWithRawResponse:
        """The same methods, each returning the raw response (status, headers, then `parse()`)."""
        return AudioResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AudioResourceWithStreamingResponse:
        """The same methods as context managers; the response body is read only when asked."""
        return AudioResourceWithStreamingResponse(self)


class AsyncAudioResource:
    """Operations under `audio`."""

    def __init__(self, client: AsyncPortkey) -> None:
        self._client = client

    @cached_property
    def speech(self) -> AsyncAudioSpeechResource:
        return AsyncAudioSpeechResource(self._client)

    @cached_property
    def with_raw_response(self) -> AsyncAudioResourceWithRawResponse:
        """The same methods, each returning the raw response (status, headers, then `parse()`)."""
        return AsyncAudioResourceWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncAudioResourceWithStreamingResponse:
        """The same methods as context managers; the response body is read only when asked."""
        return AsyncAudioResourceWithStreamingResponse(self)


class AudioResourceWithRawResponse:
    """`AudioResource.with_raw_response`."""

    def __init__(self, resource: AudioResource) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AudioSpeechResourceWithRawResponse:
        return AudioSpeechResourceWithRawResponse(self._resource.speech)


class AudioResourceWithStreamingResponse:
    """`AudioResource.with_streaming_response`."""

    def __init__(self, resource: AudioResource) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AudioSpeechResourceWithStreamingResponse:
        return AudioSpeechResourceWithStreamingResponse(self._resource.speech)


class AsyncAudioResourceWithRawResponse:
    """`AsyncAudioResource.with_raw_response`."""

    def __init__(self, resource: AsyncAudioResource) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AsyncAudioSpeechResourceWithRawResponse:
        return AsyncAudioSpeechResourceWithRawResponse(self._resource.speech)


class AsyncAudioResourceWithStreamingResponse:
    """`AsyncAudioResource.with_streaming_response`."""

    def __init__(self, resource: AsyncAudioResource) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AsyncAudioSpeechResourceWithStreamingResponse:
        return AsyncAudioSpeechResourceWithStreamingResponse(self._resource.speech)
