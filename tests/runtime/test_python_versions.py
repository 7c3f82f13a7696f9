"""The generated client under the oldest and newest Python that pyenv has here."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from tests.support.paths import GENERATED, ROOT, SEED_SPEC
from tests.support.pythons import MINORS, VenvFailed, interpreter, venv_with
from tests.support.spec_server import SpecServer

VENVS = ROOT / ".cache" / "python-versions"
RUNTIME_DEPENDENCIES = ["httpx", "pydantic>=2.5", "typing_extensions"]

PROGRAM = """
import sys
from pathlib import Path
from portkey_client import Portkey, AsyncPortkey
import asyncio

client = Portkey(api_key="pk", virtual_key="vk", base_url=sys.argv[1])
client.audio.speech.create(model="tts-1", voice="alloy", input="hello").stream_to_file(Path(sys.argv[2]))

async def main():
    async with AsyncPortkey(api_key="pk", virtual_key="vk", base_url=sys.argv[1]) as aclient:
        response = await aclient.audio.speech.create(model="tts-1", voice="alloy", input="hello")
        return await response.read()

assert asyncio.run(main()) == Path(sys.argv[2]).read_bytes()
print(sys.version_info[:2])
"""


def _venv(minor: str) -> Path:
    """A venv of Python 3.<minor> with the client's runtime dependencies: its python."""
    try:
        return venv_with(VENVS / f"3.{minor}", minor, RUNTIME_DEPENDENCIES) / "bin" / "python"
    except VenvFailed as failed:
        pytest.skip(f"cannot install the runtime dependencies for Python 3.{minor}: {failed}")


def prepare_venvs() -> None:
    """Both virtualenvs, ahead of the tests (the suite starts this in the background)."""
    for minor in MINORS:
        if interpreter(minor) is not None:
            _venv(minor)


@pytest.fixture(scope="module")
def server() -> Iterator[SpecServer]:
    with SpecServer(SEED_SPEC) as running:
        yield running


@pytest.mark.parametrize("minor", ["10", "13"], ids=["oldest-3.10", "newest-3.13"])
def test_generated_client_runs(minor: str, server: SpecServer, tmp_path: Path) -> None:
    venv_python = _venv(minor)
    script = tmp_path / "probe.py"
    script.write_text(PROGRAM)
    result = subprocess.run([str(venv_python), str(script), server.url, str(tmp_path / "out.mp3")],
                            env={"PYTHONPATH": str(GENERATED), "PATH": os.environ["PATH"]},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"(3, {minor})"
    assert (tmp_path / "out.mp3").read_bytes() == server.binary_body
    assert server.rejected() == []
