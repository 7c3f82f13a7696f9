"""The `audio` resource of the Portkey API."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..._client import AsyncPortkey, Portkey
    from .speech import (
        AsyncSpeech,
        AsyncSpeechWithRawResponse,
        AsyncSpeechWithStreamingResponse,
        Speech,
        SpeechWithRawResponse,
        SpeechWithStreamingResponse,
    )


class Audio:
    """Operations under `audio`."""

    def __init__(self, client: Portkey) -> None:
        self._client = client

    @cached_property
    def speech(self) -> Speech:
        from .speech import Speech

        return Speech(self._client)

    @cached_property
    def with_raw_response(self) -> AudioWithRawResponse:
        """The same methods, each returning the raw response (status, headers, then `parse()`)."""
        return AudioWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AudioWithStreamingResponse:
        """The same methods as context managers; the response body is read only when asked."""
        return AudioWithStreamingResponse(self)


class AsyncAudio:
    """Operations under `audio`."""

    def __init__(self, client: AsyncPortkey) -> None:
        self._client = client

    @cached_property
    def speech(self) -> AsyncSpeech:
        from .speech import AsyncSpeech

        return AsyncSpeech(self._client)

    @cached_property
    def with_raw_response(self) -> AsyncAudioWithRawResponse:
        """The same methods, each returning the raw response (status, headers, then `parse()`)."""
        return AsyncAudioWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncAudioWithStreamingResponse:
        """The same methods as context managers; the response body is read only when asked."""
        return AsyncAudioWithStreamingResponse(self)


class AudioWithRawResponse:
    """`Audio.with_raw_response`."""

    def __init__(self, resource: Audio) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> SpeechWithRawResponse:
        return self._resource.speech.with_raw_response


class AudioWithStreamingResponse:
    """`Audio.with_streaming_response`."""

    def __init__(self, resource: Audio) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> SpeechWithStreamingResponse:
        return self._resource.speech.with_streaming_response


class AsyncAudioWithRawResponse:
    """`AsyncAudio.with_raw_response`."""

    def __init__(self, resource: AsyncAudio) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AsyncSpeechWithRawResponse:
        return self._resource.speech.with_raw_response


class AsyncAudioWithStreamingResponse:
    """`AsyncAudio.with_streaming_response`."""

    def __init__(self, resource: AsyncAudio) -> None:
        self._resource = resource

    @cached_property
    def speech(self) -> AsyncSpeechWithStreamingResponse:
        return self._resource.speech.with_streaming_response
