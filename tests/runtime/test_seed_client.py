"""The generated seed client, end to end, against a server that validates every request."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest
import yaml

from tests.support.paths import GENERATED, SEED_SPEC
from tests.support.cache import mypy_strict
from tests.support.spec_server import SpecServer


@pytest.fixture(scope="module")
def server() -> Iterator[SpecServer]:
    audio = bytes(range(256)) * 1024 + b"\r\n\x00end"  # 256 KiB of every byte value, then some
    with SpecServer(SEED_SPEC, binary_body=audio) as running:
        yield running


@pytest.fixture(autouse=True)
def _clear(server: SpecServer) -> None:
    server.clear()


@pytest.fixture(scope="module")
def client_module(generated_on_path: Path) -> Any:
    import portkey_client

    return portkey_client


def python_samples() -> list[tuple[str, str]]:
    spec = yaml.safe_load(SEED_SPEC.read_text())
    samples = spec["paths"]["/audio/speech"]["post"]["x-code-samples"]
    return [(s["label"], s["source"]) for s in samples if s["lang"] == "python"]


@pytest.mark.parametrize(("label", "source"), python_samples(), ids=[label for label, _ in python_samples()])
def test_seed_samples_run_with_only_the_import_changed(
    server: SpecServer, tmp_path: Path, label: str, source: str
) -> None:
    program = source.replace("from portkey_ai import Portkey", "from portkey_client import Portkey")
    assert program.count("portkey_client") == 1
    program = program.replace("SELF_HOSTED_GATEWAY_URL", server.url)
    sample = tmp_path / "sample.py"
    sample.write_text(program)
    # The Default sample names no base URL: PORTKEY_BASE_URL points the client at the test server.
    env = {"PATH": os.environ["PATH"], "PYTHONPATH": str(GENERATED), "PORTKEY_BASE_URL": server.url}
    result = subprocess.run([sys.executable, str(sample)], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "speech.mp3").read_bytes() == server.binary_body
    assert server.rejected() == []
    (request,) = server.requests
    assert request.operation == "createSpeech"
    assert request.headers["x-portkey-api-key"] == "PORTKEY_API_KEY"
    assert request.headers["x-portkey-virtual-key"] == "PROVIDER_VIRTUAL_KEY"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["accept"] == "application/octet-stream"
    assert request.json() == {"model": "tts-1", "voice": "alloy", "input": "The quick brown fox jumped over the lazy dog."}


def test_every_argument_is_sent_and_accepted(server: SpecServer, client_module: Any) -> None:
    client = client_module.Portkey(api_key="pk", Authorization="sk-provider", provider="openai", base_url=server.url + "/")
    response = client.audio.speech.create(model="tts-1-hd", voice="nova", input="hi", response_format="wav", speed=1.25)
    assert response.content == server.binary_body
    assert server.rejected() == []
    (request,) = server.requests
    assert request.headers["authorization"] == "Bearer sk-provider"
    assert request.headers["x-portkey-provider"] == "openai"
    assert request.json() == {"model": "tts-1-hd", "voice": "nova", "input": "hi", "response_format": "wav", "speed": 1.25}


def test_model_accepts_any_string(server: SpecServer, client_module: Any) -> None:
    client = client_module.Portkey(api_key="pk", config={"retry": {"attempts": 2}}, base_url=server.url)
    client.audio.speech.create(model="my-own-tts", voice="alloy", input="x").read()
    assert server.rejected() == []
    assert json.loads(server.requests[0].headers["x-portkey-config"]) == {"retry": {"attempts": 2}}


def test_the_server_rejects_what_the_spec_forbids(server: SpecServer, client_module: Any) -> None:
    """The validator is real: a credential-less call is refused, and the client raises."""
    client = client_module.Portkey(base_url=server.url, max_retries=0)
    with pytest.raises(client_module.BadRequestError) as caught:
        client.audio.speech.create(model="tts-1", voice="alloy", input="x")
    assert caught.value.status_code == 400
    assert server.rejected(), "a request without credentials must fail validation"


def test_missing_required_argument_is_a_type_error(client_module: Any) -> None:
    client = client_module.Portkey(api_key="pk", base_url="http://127.0.0.1:9")
    with pytest.raises(TypeError, match="voice"):
        client.audio.speech.create(model="tts-1", input="x")  # type: ignore[call-arg]


def test_constructor_headers_and_environment(server: SpecServer, client_module: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTKEY_API_KEY", "from-env")
    monkeypatch.setenv("PORTKEY_BASE_URL", server.url)
    client = client_module.Portkey(
        virtual_key="vk", trace_id="t-1", cache_force_refresh=True, metadata={"user": "u"}, debug=None,
        default_headers={"x-custom": "1"},
    )
    assert client.api_key == "from-env"
    client.audio.speech.create(model="tts-1", voice="alloy", input="x").close()
    headers = server.requests[0].headers
    assert headers["x-portkey-api-key"] == "from-env"
    assert headers["x-portkey-trace-id"] == "t-1"
    assert headers["x-portkey-cache-force-refresh"] == "true"
    assert json.loads(headers["x-portkey-metadata"]) == {"user": "u"}
    assert "x-portkey-debug" not in headers
    assert headers["x-custom"] == "1"
    assert "from-env" not in repr(client)


def test_default_base_url_comes_from_servers(client_module: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PORTKEY_BASE_URL", raising=False)
    assert str(client_module.Portkey(api_key="k").base_url) == "https://api.portkey.ai/v1/"


def test_base_url_join_keeps_the_path_prefix(client_module: Any) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, content=b"ok")

    for base in ("http://gw.test/v1", "http://gw.test/v1/"):
        client = client_module.Portkey(api_key="k", base_url=base, http_client=httpx.Client(transport=httpx.MockTransport(handler)))
        client.audio.speech.create(model="tts-1", voice="alloy", input="x").read()
    assert seen == ["http://gw.test/v1/audio/speech"] * 2


class _SlowAudio(BaseHTTPRequestHandler):
    """Sends the first half of the body, then waits until the client says it has it."""

    first_chunk_seen = threading.Event()
    half = b"a" * 65536

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers["content-length"]))
        self.send_response(200)
        self.send_header("content-type", "application/octet-stream")
        self.send_header("content-length", str(2 * len(self.half)))
        self.end_headers()
        self.wfile.write(self.half)
        self.wfile.flush()
        released = self.first_chunk_seen.wait(timeout=10)
        self.wfile.write((b"b" if released else b"x") * len(self.half))

    def log_message(self, *args: Any) -> None:
        pass


def test_stream_to_file_streams_in_chunks(client_module: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first bytes reach the file before the server has sent the rest."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _SlowAudio)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        client = client_module.Portkey(api_key="k", base_url=f"http://127.0.0.1:{httpd.server_address[1]}")
        response = client.audio.speech.create(model="tts-1", voice="alloy", input="x")
        target = tmp_path / "speech.mp3"
        original_iter = response.iter_bytes

        def watching(chunk_size: Any = None) -> Iterator[bytes]:
            for chunk in original_iter(chunk_size):
                yield chunk
                _SlowAudio.first_chunk_seen.set()  # a buffering client would never get here in time

        monkeypatch.setattr(response, "iter_bytes", watching)
        response.stream_to_file(target)
        assert target.read_bytes() == _SlowAudio.half + b"b" * len(_SlowAudio.half)
    finally:
        httpd.shutdown()


def test_async_client(server: SpecServer, client_module: Any, tmp_path: Path) -> None:
    async def main() -> bytes:
        async with client_module.AsyncPortkey(api_key="pk", virtual_key="vk", base_url=server.url) as client:
            response = await client.audio.speech.create(model="tts-1", voice="alloy", input="x")
            await response.stream_to_file(tmp_path / "a.mp3")
            again = await client.audio.speech.create(model="tts-1", voice="echo", input="y")
            return await again.read()

    assert asyncio.run(main()) == server.binary_body
    assert (tmp_path / "a.mp3").read_bytes() == server.binary_body
    assert server.rejected() == [] and len(server.requests) == 2


def test_request_model_is_exported(client_module: Any) -> None:
    from portkey_client import CreateSpeechRequest
    from portkey_client.types import CreateSpeechRequest as same

    assert CreateSpeechRequest is same
    request = CreateSpeechRequest(model="tts-1", input="x", voice="alloy")
    assert request.to_dict() == {"model": "tts-1", "input": "x", "voice": "alloy"}


def test_response_models_keep_unknown_fields(client_module: Any) -> None:
    from portkey_client.types import CreateSpeechRequest

    lenient = client_module._models.parse_as(CreateSpeechRequest, {"model": "tts-1", "voice": "robot", "brand_new": [1]})
    assert lenient.voice == "robot"
    assert lenient.brand_new == [1] and lenient["brand_new"] == [1]
    assert lenient.to_dict()["brand_new"] == [1]


def test_generated_package_passes_mypy_strict_and_black(generated_on_path: Path) -> None:
    mypy = mypy_strict("portkey_client", GENERATED, "seed-client")
    assert mypy.returncode == 0, mypy.stdout
    black = subprocess.run([sys.executable, "-m", "black", "--check", "-q", "-l", "100", "portkey_client"],
                           cwd=GENERATED, capture_output=True, text=True)
    assert black.returncode == 0, black.stderr


def test_generated_package_imports_only_its_three_dependencies(generated_on_path: Path) -> None:
    """httpx, pydantic and typing_extensions; and pydantic_core, which pydantic installs at the one
    version it was built with (`Lazy` in _models.py writes a core schema)."""
    sources = "\n".join(p.read_text() for p in (GENERATED / "portkey_client").rglob("*.py"))
    imported = set(re.findall(r"^\s*(?:from|import) ([a-z_][a-z0-9_]*)", sources, re.M))
    stdlib = set(sys.stdlib_module_names)
    assert imported - stdlib - {"portkey_client"} <= {"httpx", "pydantic", "pydantic_core", "typing_extensions"}
    assert "generator" not in imported
