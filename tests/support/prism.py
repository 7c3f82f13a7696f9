"""Stoplight Prism from npm, serving a spec and judging every request the generated client sends.

Prism (pinned in `tests/wire/prism/package.json`, installed with `npm ci` on first use) is the mock
server Stainless-generated SDKs such as openai-python run their own tests against. Started with
`--errors`, it answers a request that breaks the spec with a 4xx whose body says why (a
`https://stoplight.io/prism/errors#...` type and the validation errors), so a rejected call
surfaces in the client as an `APIStatusError` carrying Prism's reason.

    with running_prism(spec) as prism:
        client = Client(base_url=prism.url)

`prism_and_client` adds the client package generated from the spec, for a test module's fixture.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Iterator

from tests.support.cache import locked

PRISM_DIR = Path(__file__).resolve().parents[1] / "wire" / "prism"
PRISM = PRISM_DIR / "node_modules" / ".bin" / "prism"
_STAMP = PRISM_DIR / "node_modules" / ".installed-from.sha256"
STARTUP_SECONDS = 60.0


class PrismUnavailable(Exception):
    """Node, npm or the Prism install is missing; the message says which."""


def _lock_digest() -> str:
    return hashlib.sha256((PRISM_DIR / "package-lock.json").read_bytes()).hexdigest()


def ensure_prism_installed() -> Path:
    """The pinned Prism, installed into tests/wire/prism/node_modules when missing or stale."""
    npm = shutil.which("npm")
    if shutil.which("node") is None or npm is None:
        raise PrismUnavailable("node and npm are needed to install Stoplight Prism")
    digest = _lock_digest()
    with locked("prism-install"):
        if PRISM.is_file() and _STAMP.is_file() and _STAMP.read_text().strip() == digest:
            return PRISM
        command = [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
        done = subprocess.run(command, cwd=PRISM_DIR, capture_output=True, text=True, timeout=600,
                              stdin=subprocess.DEVNULL)  # fmt: skip
        if done.returncode != 0 or not PRISM.is_file():
            raise PrismUnavailable(f"`npm ci` for Prism failed: {(done.stdout + done.stderr).strip()[-400:]}")
        _STAMP.write_text(digest + "\n")
    return PRISM


@dataclass
class Prism:
    """A running Prism mock of one spec."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.is_file() else ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_prism(spec: Path, log_dir: Path) -> Iterator[Prism]:
    """`prism mock SPEC --errors` on a free local port, stopped after the block."""
    prism = ensure_prism_installed()
    port = _free_port()
    log = log_dir / f"prism-{spec.stem}-{port}.log"
    env = {key: value for key, value in os.environ.items() if not key.lower().endswith("_proxy")}
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [str(prism), "mock", str(spec), "--errors", "--host", "127.0.0.1", "--port", str(port)],
            stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, start_new_session=True,
        )  # fmt: skip
    running = Prism(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while "Prism is listening" not in running.output():
            if process.poll() is not None or time.monotonic() > deadline:
                raise PrismUnavailable(f"Prism did not start for {spec.name}:\n{running.output()[-2000:]}")
            time.sleep(0.05)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def prism_and_client(spec_text: str, root: Path, package_name: str) -> Iterator[tuple[ModuleType, Prism]]:
    """Prism serving the spec, and the client package generated from it (a pytest skip when Prism
    cannot run here)."""
    import pytest

    from tests.support.packages import package_of_spec_text

    try:
        with package_of_spec_text(spec_text, root, package_name) as package, \
                running_prism(root / f"{package_name}.yaml", root) as prism:  # fmt: skip
            yield package, prism
    except PrismUnavailable as exc:
        pytest.skip(f"Prism unavailable: {exc}")
