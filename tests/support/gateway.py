"""Run the real open-source Portkey gateway (npm ``@portkey-ai/gateway``) locally.

The gateway version is pinned in ``tests/gateway/package.json`` /
``package-lock.json``; ``tests/gateway/start-gateway.mjs`` runs its CLI bound to
127.0.0.1 only::

    ensure_gateway_installed()              # npm ci when node_modules is stale
    with run_gateway() as gateway:
        gateway.url                         # "http://127.0.0.1:PORT/v1"

Route requests to a provider with the headers ``x-portkey-provider`` and, for a
local fake, ``x-portkey-custom-host: http://127.0.0.1:PORT/v1`` (localhost and
127.0.0.1 are on the gateway's custom-host allowlist).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterator, Mapping

try:  # POSIX only; serialises concurrent installs (e.g. pytest-xdist workers)
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "GATEWAY_DIR",
    "Gateway",
    "GatewayStartError",
    "GatewayUnavailable",
    "ensure_gateway_installed",
    "gateway_command",
    "run_gateway",
]

#: Directory holding package.json, package-lock.json and start-gateway.mjs.
GATEWAY_DIR = Path(__file__).resolve().parent.parent / "gateway"
START_SCRIPT = GATEWAY_DIR / "start-gateway.mjs"
GATEWAY_PACKAGE = GATEWAY_DIR / "node_modules" / "@portkey-ai" / "gateway"
_STAMP = GATEWAY_DIR / "node_modules" / ".portkey-test-install.sha256"
MIN_NODE_MAJOR = 18
#: Environment variables never passed to the gateway (it would honour them).
_DROPPED_ENV = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "REDIS_CONNECTION_STRING",
    "TRUSTED_CUSTOM_HOSTS",
    "PORT",
)


class GatewayUnavailable(RuntimeError):
    """The gateway cannot be used here (no node/npm, or installing it failed)."""


class GatewayStartError(RuntimeError):
    """The gateway was installed but did not start / become ready."""


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise GatewayUnavailable(
            f"'{name}' not found on PATH (Node.js >= {MIN_NODE_MAJOR} with npm is required)"
        )
    return path


def _node() -> str:
    """Path of a usable ``node`` binary (raises :class:`GatewayUnavailable`)."""
    node = _require_tool("node")
    try:
        version = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        raise GatewayUnavailable(f"cannot run '{node} --version': {exc}") from exc
    match = re.match(r"v(\d+)\.", version)
    if not match or int(match.group(1)) < MIN_NODE_MAJOR:
        raise GatewayUnavailable(
            f"Node.js >= {MIN_NODE_MAJOR} required, found {version or 'unknown'!r} at {node}"
        )
    return node


def _lock_digest() -> str:
    digest = hashlib.sha256()
    for name in ("package.json", "package-lock.json"):
        digest.update((GATEWAY_DIR / name).read_bytes())
    return digest.hexdigest()


def _is_installed(digest: str) -> bool:
    return (
        (GATEWAY_PACKAGE / "build" / "start-server.js").is_file()
        and _STAMP.is_file()
        and _STAMP.read_text().strip() == digest
    )


@contextlib.contextmanager
def _install_lock() -> Iterator[None]:
    if fcntl is None:  # pragma: no cover
        yield
        return
    key = hashlib.sha256(str(GATEWAY_DIR).encode()).hexdigest()[:16]
    with open(
        Path(tempfile.gettempdir()) / f"portkey-gateway-install-{key}.lock", "w"
    ) as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_gateway_installed(*, timeout: float = 600.0) -> Path:
    """Make sure the pinned gateway is installed; return :data:`GATEWAY_DIR`.

    Runs ``npm ci --no-audit --no-fund --ignore-scripts`` in ``tests/gateway``
    when ``node_modules`` is missing or was installed from a different
    package.json / package-lock.json. (The only install script in the tree is
    the gateway's no-op ``patch-package`` postinstall.) Raises
    :class:`GatewayUnavailable` with the reason if node/npm are missing or the
    install fails.
    """
    _node()
    if not (GATEWAY_DIR / "package-lock.json").is_file():
        raise GatewayUnavailable(f"{GATEWAY_DIR / 'package-lock.json'} is missing")
    digest = _lock_digest()
    if _is_installed(digest):
        return GATEWAY_DIR
    npm = _require_tool("npm")
    with _install_lock():
        if _is_installed(digest):  # another process installed it meanwhile
            return GATEWAY_DIR
        command = [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
        try:
            result = subprocess.run(
                command,
                cwd=GATEWAY_DIR,
                capture_output=True,
                text=True,
                timeout=timeout,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise GatewayUnavailable(
                f"`{' '.join(command)}` timed out after {timeout:.0f} s"
            ) from exc
        except OSError as exc:
            raise GatewayUnavailable(
                f"cannot run `{' '.join(command)}`: {exc}"
            ) from exc
        if result.returncode != 0:
            output = _tail(result.stdout + "\n" + result.stderr)
            raise GatewayUnavailable(
                f"`{' '.join(command)}` failed in {GATEWAY_DIR} (exit {result.returncode}):\n{output}"
            )
        if not (GATEWAY_PACKAGE / "build" / "start-server.js").is_file():
            raise GatewayUnavailable(
                f"npm ci succeeded but {GATEWAY_PACKAGE}/build/start-server.js is missing"
            )
        _STAMP.write_text(digest + "\n")
    return GATEWAY_DIR


def gateway_command(port: int, *, node: str = "node") -> list[str]:
    """The command line that starts the gateway headless on ``port`` (run in GATEWAY_DIR)."""
    return [node, str(START_SCRIPT), f"--port={port}", "--headless"]


@dataclass
class Gateway:
    """A running local gateway process."""

    port: int
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """OpenAI-style base URL, ``http://127.0.0.1:PORT/v1``."""
        return f"{self.origin}/v1"

    def output(self) -> str:
        """Everything the gateway wrote to stdout/stderr so far."""
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def output_tail(self, lines: int = 40) -> str:
        """The last ``lines`` lines of the gateway's output."""
        return _tail(self.output(), lines)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        conn.request("GET", "/")
        return conn.getresponse().status < 500
    except (OSError, http.client.HTTPException):
        return False
    finally:
        conn.close()


def _stop(process: subprocess.Popen[bytes], timeout: float = 5.0) -> None:
    """SIGTERM the gateway's process group, then SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
            return
        except subprocess.TimeoutExpired:
            continue


def _gateway_env(extra: Mapping[str, str] | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED_ENV}
    env.update(
        GATEWAY_HOSTNAME="127.0.0.1",  # read by start-gateway.mjs
        TRUSTED_CUSTOM_HOSTS="localhost,127.0.0.1",  # the gateway's default allowlist, made explicit
    )
    env.update(extra or {})
    return env


@contextlib.contextmanager
def run_gateway(
    *,
    port: int | None = None,
    startup_timeout: float = 30.0,
    env: Mapping[str, str] | None = None,
    install: bool = True,
) -> Iterator[Gateway]:
    """Start the gateway headless on 127.0.0.1 and yield a :class:`Gateway`.

    Picks a free port unless ``port`` is given, waits until ``GET /`` answers
    (raising :class:`GatewayStartError` with the output tail after
    ``startup_timeout`` seconds or if the process dies), and kills the
    gateway's process group on exit. ``env`` adds/overrides environment
    variables. With ``install`` (default) :func:`ensure_gateway_installed` runs
    first and may raise :class:`GatewayUnavailable`.
    """
    if install:
        ensure_gateway_installed()
    node = _node()
    attempts = (
        1 if port is not None else 3
    )  # retry if a picked port got taken meanwhile
    for attempt in range(attempts):
        chosen = port if port is not None else _free_port()
        log: IO[bytes]
        fd, log_name = tempfile.mkstemp(
            prefix=f"portkey-gateway-{chosen}-", suffix=".log"
        )
        log = os.fdopen(fd, "wb")
        log_path = Path(log_name)
        process = subprocess.Popen(
            gateway_command(chosen, node=node),
            cwd=GATEWAY_DIR,
            env=_gateway_env(env),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group, killed as a whole
        )
        log.close()
        gateway = Gateway(port=chosen, process=process, log_path=log_path)
        try:
            deadline = time.monotonic() + startup_timeout
            while not _answers(chosen):
                if process.poll() is not None:
                    output = gateway.output_tail()
                    if "EADDRINUSE" in output and attempt + 1 < attempts:
                        break
                    raise GatewayStartError(
                        f"gateway exited with code {process.returncode} before answering on port {chosen}:\n{output}"
                    )
                if time.monotonic() > deadline:
                    raise GatewayStartError(
                        f"gateway did not answer GET / on 127.0.0.1:{chosen} within {startup_timeout:.0f} s:\n"
                        f"{gateway.output_tail()}"
                    )
                time.sleep(0.05)
            else:
                yield gateway
                return
        finally:
            _stop(process)
            with contextlib.suppress(OSError):
                log_path.unlink()
    raise AssertionError("unreachable")  # pragma: no cover
