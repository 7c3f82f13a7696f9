"""The first hover in pyright's language server, cold: the full-spec client against openai-python.

For each package a fresh `pyright-langserver --stdio` (no cache survives the process) opens a
`main.py` that calls `client.chat.completions.create(..., temperature=0.5)` and hovers over
`temperature`. The time is from `didOpen` to the first hover reply with content; the hover is
re-sent until it has some, as an editor does. Both projects use the same interpreter (the openai
venv under .cache/bench, which has httpx and pydantic), ours on `extraPaths`, so only the package
differs. Rounds alternate ours and openai's.

    .venv/bin/python bench/hover.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from queue import Empty, Queue
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.typed_client import PYRIGHT_PREFIX, PYRIGHT_VERSION, Unavailable, pyright  # noqa: E402

LANGSERVER = PYRIGHT_PREFIX / "node_modules" / ".bin" / "pyright-langserver"
CALL = 'client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}], temperature=0.5)\n'
MAIN = {
    "ours": 'from portkey_client import Portkey\nclient = Portkey(api_key="k")\n' + CALL,
    "openai": 'from openai import OpenAI\nclient = OpenAI(api_key="k")\n' + CALL,
}
TIMEOUT = 300.0


class LanguageServer:
    """A pyright-langserver over stdio: JSON-RPC with Content-Length framing, replies by id."""

    def __init__(self, cwd: Path) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        self.process = subprocess.Popen([str(LANGSERVER), "--stdio"], cwd=cwd, env=env, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # fmt: skip
        self.replies: Queue[dict[str, Any]] = Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline().strip()) != b"":
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not length:
                return  # the server has gone
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:  # a request from the server
                result: Any = [{} for _ in message["params"]["items"]] if message["method"] == "workspace/configuration" else None
                self._send({"id": message["id"], "result": result})
            elif "id" in message:
                self.replies.put(message)

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        while True:
            reply = self.replies.get(timeout=TIMEOUT)
            if reply.get("id") == self.next_id:
                return reply.get("result")

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.process.wait(timeout=10)
        except (Empty, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()


def hover_text(result: Any) -> str:
    contents = (result or {}).get("contents") or ""
    if isinstance(contents, dict):
        return str(contents.get("value", ""))
    if isinstance(contents, list):
        return "\n".join(c if isinstance(c, str) else str(c.get("value", "")) for c in contents)
    return str(contents)


def first_hover(package: str, extra_path: Path | None, venv: Path) -> tuple[float, str]:
    """Seconds from didOpen to the first hover with content on `temperature`, and that content."""
    project = Path(tempfile.mkdtemp(prefix=f"bench-hover-{package}-"))
    source = MAIN[package]
    (project / "main.py").write_text(source)
    config = {"venvPath": str(venv.parent), "venv": venv.name, "extraPaths": [str(extra_path)] if extra_path else []}
    (project / "pyrightconfig.json").write_text(json.dumps(config))
    line = source.count("\n", 0, source.index("temperature="))
    character = source.splitlines()[line].index("temperature=") + 2
    uri = project.joinpath("main.py").as_uri()
    server = LanguageServer(project)
    try:
        server.request("initialize", {"processId": os.getpid(), "rootUri": project.as_uri(),
                                      "workspaceFolders": [{"uri": project.as_uri(), "name": "bench"}],
                                      "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}},
                                                       "workspace": {"configuration": True}}})  # fmt: skip
        server.notify("initialized", {})
        started = time.perf_counter()
        server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": source}})
        while not (text := hover_text(server.request("textDocument/hover", {
                "textDocument": {"uri": uri}, "position": {"line": line, "character": character}}))):  # fmt: skip
            if time.perf_counter() - started > TIMEOUT:
                raise TimeoutError(f"no hover content for {package} after {TIMEOUT:.0f} s")
            time.sleep(0.05)
        return time.perf_counter() - started, text
    finally:
        server.close()
        shutil.rmtree(project, ignore_errors=True)


def measure(rounds: int, client_dir: Path, openai_venv: Path) -> dict[str, Any]:
    """Alternate ours and openai's (order flipped every round); seconds per run and the hover texts."""
    seconds: dict[str, list[float]] = {"ours": [], "openai": []}
    texts: dict[str, str] = {}
    for round_ in range(rounds):
        for package in ("ours", "openai") if round_ % 2 == 0 else ("openai", "ours"):
            took, texts[package] = first_hover(package, client_dir if package == "ours" else None, openai_venv)
            seconds[package].append(took)
    return {"seconds": seconds, "texts": texts, "pyright": PYRIGHT_VERSION}


def available() -> str:
    """"" when the language server can run, else why it cannot."""
    try:
        pyright()
    except Unavailable as missing:
        return str(missing)
    return "" if LANGSERVER.is_file() else f"{LANGSERVER} is missing"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from run import CONFIG, FULL_SPEC, _openai, generator

    if why := available():
        print(f"skipped: {why}")
        return 0
    python, note = _openai()
    if python is None:
        print(f"skipped: {note}")
        return 0
    client_dir = Path(tempfile.mkdtemp(prefix="bench-hover-client-"))
    try:
        subprocess.run(generator("generate", str(FULL_SPEC), "--config", str(CONFIG), "--output", str(client_dir)),
                       check=True, capture_output=True)  # fmt: skip
        result = measure(args.rounds, client_dir, python.parent.parent)
    finally:
        shutil.rmtree(client_dir, ignore_errors=True)
    ours, theirs = (statistics.median(result["seconds"][p]) for p in ("ours", "openai"))
    print(json.dumps(result, indent=1))
    print(f"first hover, cold: ours {ours:.2f} s, openai {theirs:.2f} s, ratio {ours / theirs:.2f} ({args.rounds} rounds each)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
