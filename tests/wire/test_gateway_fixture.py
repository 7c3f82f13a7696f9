"""End-to-end check of the test harness: real Portkey gateway -> fake OpenAI provider.

Uses plain httpx (no generated client). The whole module is skipped when
Node.js/npm are missing or the pinned gateway cannot be installed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import httpx
import pytest

from tests.support.fake_provider import (
    ChunkGate,
    FakeProvider,
    chat_reply,
    embedding_vector,
    speech_bytes,
)
from tests.support.gateway import (
    Gateway,
)

# One gateway process per session: every test that talks to it runs on the same xdist worker.
pytestmark = pytest.mark.xdist_group("gateway")


@pytest.fixture
def client(gateway: Gateway, provider: FakeProvider) -> Iterator[httpx.Client]:
    """httpx client aimed at the gateway, routing to the fake provider."""
    provider.clear()
    headers = {
        "x-portkey-provider": "openai",
        "x-portkey-custom-host": provider.url,
        "Authorization": "Bearer sk-test",
    }
    # trust_env=False: never go through a proxy from the environment.
    with httpx.Client(
        base_url=gateway.url, headers=headers, timeout=30.0, trust_env=False
    ) as http:
        yield http


def _skip_if_gateway_failed(
    response: httpx.Response, provider: FakeProvider, path: str
) -> None:
    """Skip (with the concrete cause) when the gateway itself turns a good upstream answer into 5xx."""
    if response.status_code >= 500 and provider.requests_to(path):
        pytest.skip(
            f"gateway answered {response.status_code} for {path}: {response.text[:500]}"
        )


def test_gateway_listens_on_loopback_only(gateway: Gateway) -> None:
    """The gateway socket is bound to 127.0.0.1, not 0.0.0.0 / ::."""
    table = Path("/proc/net/tcp")
    if not table.exists():
        pytest.skip("no /proc/net/tcp on this platform")
    port_hex = f"{gateway.port:04X}"
    listening = [
        line.split()[1]
        for path in (table, Path("/proc/net/tcp6"))
        if path.exists()
        for line in path.read_text().splitlines()[1:]
        if line.split()[1].endswith(":" + port_hex)
        and line.split()[3] == "0A"  # 0A = LISTEN
    ]
    assert listening == [f"0100007F:{port_hex}"]


def test_chat_completion(client: httpx.Client, provider: FakeProvider) -> None:
    response = client.post(
        "/chat/completions",
        json={
            "model": "gpt-4o-mini",
            "messages": [{"role": "user", "content": "Hello gateway"}],
        },
    )
    _skip_if_gateway_failed(response, provider, "/v1/chat/completions")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["object"] == "chat.completion"
    assert body["choices"][0]["message"]["content"] == chat_reply("Hello gateway")
    seen = provider.last_request("/v1/chat/completions")
    assert seen.method == "POST"
    assert seen.headers["authorization"] == "Bearer sk-test"
    assert seen.json()["messages"][-1]["content"] == "Hello gateway"


def test_streamed_chat_completion_arrives_incrementally(
    client: httpx.Client, provider: FakeProvider
) -> None:
    """The gateway passes each chunk on before the provider sends the next (no buffering)."""
    message = "one two three four five six seven eight"
    expected = chat_reply(message)
    request = {
        "model": "gpt-4o-mini",
        "stream": True,
        "messages": [{"role": "user", "content": message}],
    }
    pieces: list[str] = []
    done = False
    gate = ChunkGate()
    provider.stream_gate = gate
    try:
        with client.stream("POST", "/chat/completions", json=request) as response:
            if response.status_code != 200:
                response.read()
                _skip_if_gateway_failed(response, provider, "/v1/chat/completions")
            assert response.status_code == 200, response.text
            assert response.headers["content-type"].startswith("text/event-stream")
            for line in response.iter_lines():
                if not line.startswith("data:"):
                    continue
                data = line[len("data:") :].strip()
                if data == "[DONE]":
                    done = True
                    continue
                chunk = httpx.Response(200, content=data).json()
                assert chunk["object"] == "chat.completion.chunk"
                gate.client_read()
                for choice in chunk["choices"]:
                    content = choice["delta"].get("content")
                    if content:
                        pieces.append(content)
    finally:
        provider.stream_gate = None
    assert done
    assert "".join(pieces) == expected
    assert len(pieces) == len(expected.split())
    assert gate.waited_in_vain == [], "a chunk was held back until the provider sent more"


def test_embeddings(client: httpx.Client, provider: FakeProvider) -> None:
    texts = ["hello", "world"]
    response = client.post(
        "/embeddings",
        json={
            "model": "text-embedding-3-small",
            "input": texts,
            "encoding_format": "float",
        },
    )
    _skip_if_gateway_failed(response, provider, "/v1/embeddings")
    assert response.status_code == 200, response.text
    body = response.json()
    assert [item["embedding"] for item in body["data"]] == [
        embedding_vector(t) for t in texts
    ]
    assert provider.last_request("/v1/embeddings").json()["input"] == texts


def test_speech_bytes_pass_through(
    client: httpx.Client, provider: FakeProvider
) -> None:
    text = "The quick brown fox"
    response = client.post(
        "/audio/speech", json={"model": "tts-1", "input": text, "voice": "alloy"}
    )
    _skip_if_gateway_failed(response, provider, "/v1/audio/speech")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("audio/mpeg")
    expected = speech_bytes(text, provider.speech_size)
    assert len(response.content) == len(expected)
    assert response.content == expected


def test_transcription_multipart_upload(
    client: httpx.Client, provider: FakeProvider
) -> None:
    audio = (
        bytes(range(256)) * 40 + b"\r\n--not-a-boundary\r\n" + b"\x00\xff" * 100
    )  # binary, 10,460 bytes
    response = client.post(
        "/audio/transcriptions",
        data={"model": "whisper-1"},
        files={"file": ("clip.mp3", audio, "audio/mpeg")},
    )
    _skip_if_gateway_failed(response, provider, "/v1/audio/transcriptions")
    assert response.status_code == 200, response.text
    text = response.json()["text"]
    assert str(len(audio)) in text and "clip.mp3" in text
    seen = provider.last_request("/v1/audio/transcriptions")
    assert seen.headers["content-type"].startswith("multipart/form-data")
    assert seen.form["model"] == "whisper-1"
    assert seen.files["file"].filename == "clip.mp3"
    assert seen.files["file"].data == audio


def test_provider_429_is_passed_through(
    client: httpx.Client, provider: FakeProvider
) -> None:
    response = client.post(
        "/chat/completions",
        json={"model": "error-429", "messages": [{"role": "user", "content": "hi"}]},
    )
    assert response.status_code == 429, response.text
    assert "Simulated provider error 429" in response.text
    assert (
        len(provider.requests_to("/v1/chat/completions")) == 1
    )  # no retries by default


def test_fake_provider_unknown_route_is_404(provider: FakeProvider) -> None:
    """Direct check of the fake (no gateway): unknown routes answer an OpenAI-style 404."""
    with httpx.Client(trust_env=False, timeout=10.0) as http:
        response = http.get(f"{provider.url}/models")
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "invalid_request_error"
