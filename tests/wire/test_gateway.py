"""The generated client through the real Portkey gateway (npm), in front of a fake provider.

Skipped, with the reason, when node/npm are missing or the gateway cannot be installed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.fake_provider import ChunkGate, FakeProvider, chat_reply, embedding_vector, speech_bytes
from tests.support.gateway import Gateway

# One gateway process per session: every test that talks to it runs on the same xdist worker.
pytestmark = pytest.mark.xdist_group("gateway")


@pytest.fixture
def client(full_client: ModuleType, gateway: Gateway, provider: FakeProvider) -> Any:
    provider.clear()
    return full_client.Portkey(
        api_key="pk-local", provider="openai", custom_host=provider.url, Authorization="sk-test",
        base_url=gateway.url, max_retries=0,
    )  # fmt: skip


def test_chat_completion(client: Any, provider: FakeProvider) -> None:
    completion = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hello gateway"}])
    assert completion.choices[0].message.content == chat_reply("hello gateway")
    assert type(completion).__name__ == "CreateChatCompletionResponse"
    assert provider.last_request("/v1/chat/completions").headers["authorization"] == "Bearer sk-test"


def test_streamed_chat_arrives_chunk_by_chunk(client: Any, provider: FakeProvider) -> None:
    """Each chunk reaches the caller before the provider has even sent the next one."""
    gate = ChunkGate()
    provider.stream_gate = gate
    words = []
    try:
        with client.chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "tell me a story"}], stream=True
        ) as stream:
            for chunk in stream:
                gate.client_read()
                if chunk.choices and chunk.choices[0].delta.content:
                    words.append(chunk.choices[0].delta.content)
    finally:
        provider.stream_gate = None
    assert "".join(words).strip() == chat_reply("tell me a story").strip()
    assert len(words) == len(chat_reply("tell me a story").split())
    assert gate.waited_in_vain == [], "the provider waited for the client to read a chunk it had already sent"


def test_embeddings(client: Any) -> None:
    result = client.embeddings.create(model="text-embedding-3-small", input="vector me")
    assert result.data[0].embedding == pytest.approx(embedding_vector("vector me"))


def test_speech_bytes_intact(client: Any, tmp_path: Path) -> None:
    target = tmp_path / "speech.mp3"
    client.audio.speech.create(model="tts-1", voice="alloy", input="say this").stream_to_file(target)
    assert target.read_bytes() == speech_bytes("say this")


def test_multipart_transcription_upload(client: Any, provider: FakeProvider, tmp_path: Path) -> None:
    audio = tmp_path / "clip.wav"
    audio.write_bytes(b"RIFF\r\n--not-a-boundary\r\n" + bytes(range(256)) * 40)
    result = client.audio.transcriptions.create(file=audio, model="whisper-1")
    upload = provider.last_request("/v1/audio/transcriptions").files["file"]
    assert upload.data == audio.read_bytes() and upload.filename == "clip.wav"
    assert "clip.wav" in result.text


def test_provider_error_becomes_the_right_exception(client: Any, full_client: ModuleType) -> None:
    with pytest.raises(full_client.RateLimitError) as caught:
        client.chat.completions.create(model="error-429", messages=[{"role": "user", "content": "x"}])
    assert caught.value.status_code == 429
    assert "Simulated provider error 429" in str(caught.value), "the message says what the provider said"


def test_async_client_through_the_gateway(full_client: ModuleType, gateway: Gateway, provider: FakeProvider) -> None:
    async def main() -> tuple[str, list[str]]:
        async with full_client.AsyncPortkey(
            api_key="pk-local", provider="openai", custom_host=provider.url, Authorization="sk-test", base_url=gateway.url
        ) as client:
            completion = await client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "async"}])
            stream = await client.chat.completions.create(
                model="gpt-4o", messages=[{"role": "user", "content": "async stream"}], stream=True)
            words = [c.choices[0].delta.content async for c in stream if c.choices and c.choices[0].delta.content]
            return completion.choices[0].message.content, words

    content, words = asyncio.run(main())
    assert content == chat_reply("async") and "".join(words).strip() == chat_reply("async stream").strip()
