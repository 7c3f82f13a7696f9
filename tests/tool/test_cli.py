"""The command line: generate, check, determinism, and bad input that touches nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from tests.support.paths import GENERATED, ROOT, SEED_SPEC
from tests.support.cli import Result, run, snapshot


def run_process(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in a new interpreter, as `make` and CI start it."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_committed_client_is_up_to_date() -> None:
    result = run_process("check", "specs/portkey.yaml", "--config", "specs/portkey.config.yaml", "--output", "generated")
    assert result.returncode == 0, result.stdout + result.stderr


def test_generation_is_deterministic(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("generate", str(SEED_SPEC), "--output", str(first), "--no-cache").returncode == 0
    assert run("generate", str(SEED_SPEC), "--output", str(second)).returncode == 0
    assert snapshot(first) == snapshot(second)
    committed = snapshot(GENERATED)
    for name, content in snapshot(first).items():
        if name != ".generator-manifest.json":
            assert committed[name] == content, name


def test_generate_prints_a_summary_in_words(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec(SEED_SPEC.read_text(), "seed.yaml")  # no config beside it: one warning fewer to count
    result = run("generate", str(spec), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    summary = result.stdout.strip().splitlines()[-1]
    assert re.match(r"portkey_client: 1 operation, 1 model, 0 warnings, \d+ files written \(0 unchanged, 0 removed\) in ", summary), summary
    assert summary.endswith(f" s -> {tmp_path / 'out'}")


def test_check_reports_stale_missing_and_extra(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", str(SEED_SPEC), "--output", str(out)).returncode == 0
    assert run("check", str(SEED_SPEC), "--output", str(out)).returncode == 0
    (out / "portkey_client/_client.py").write_text("# edited by hand\n")
    (out / "portkey_client/types/__init__.py").unlink()
    result = run("check", str(SEED_SPEC), "--output", str(out))
    assert result.returncode == 1
    assert "edited   portkey_client/_client.py" in result.stdout
    assert "missing  portkey_client/types/__init__.py" in result.stdout


def test_files_of_removed_operations_are_extra_then_removed(tmp_path: Path) -> None:
    """A spec that loses an operation: check lists its module as extra; generate removes it."""
    bigger = tmp_path / "bigger.yaml"
    bigger.write_text(SEED_SPEC.read_text().replace(
        "paths:\n", "paths:\n  /models:\n    get:\n      responses:\n        '200': {description: ok}\n", 1))
    out = tmp_path / "out"
    assert run("generate", str(bigger), "--output", str(out)).returncode == 0
    assert (out / "portkey_client/resources/models.py").is_file()
    (out / "portkey_client/notes.txt").write_text("mine")
    result = run("check", str(SEED_SPEC), "--output", str(out))
    assert result.returncode == 1
    assert "extra    portkey_client/resources/models.py" in result.stdout
    assert "stale    portkey_client/_client.py" in result.stdout
    assert run("generate", str(SEED_SPEC), "--output", str(out)).returncode == 0
    assert not (out / "portkey_client/resources/models.py").exists()
    assert (out / "portkey_client/notes.txt").read_text() == "mine", "files the generator did not write stay"
    assert run("check", str(SEED_SPEC), "--output", str(out)).returncode == 0


def test_package_name_option(tmp_path: Path) -> None:
    """--package-name renames everything a user sees: the import, the distribution, the README, the User-Agent."""
    out = tmp_path / "out"
    assert run("generate", str(SEED_SPEC), "--output", str(out), "--package-name", "my_portkey").returncode == 0
    assert (out / "my_portkey" / "_client.py").is_file() and not (out / "portkey_client").exists()
    assert 'name = "my-portkey"' in (out / "pyproject.toml").read_text()
    assert "from my_portkey import Portkey" in (out / "README.md").read_text()
    left = [str(p.relative_to(out)) for p in sorted(out.rglob("*")) if p.is_file() and b"portkey_client" in p.read_bytes()]
    assert left == [], "the default package name is still in these files"
    program = """
import httpx, my_portkey
agents = []
def handler(request):
    agents.append(request.headers["user-agent"])
    return httpx.Response(200, content=b"audio")
client = my_portkey.Portkey(api_key="k", base_url="http://api.test", http_client=httpx.Client(transport=httpx.MockTransport(handler)))
assert client.audio.speech.create(model="tts-1", voice="alloy", input="x").read() == b"audio"
print(my_portkey.Portkey.__module__, agents[0].split("/")[0])
"""
    probe = subprocess.run([sys.executable, "-c", program], cwd=out, capture_output=True, text=True)
    assert probe.stdout.split() == ["my_portkey._client", "my_portkey"], probe.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("openapi: 3.0.0\ninfo: {title: T\n", ":3: error: invalid YAML"),
        ("openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n"
         "        '200': {$ref: '#/components/responses/Nope'}\n", ":7: error: $ref '#/components/responses/Nope' points to nothing"),
    ],
)
def test_bad_input_exit_2_one_line_output_untouched(
    tmp_path: Path, write_spec: Callable[..., Path], text: str, expected: str
) -> None:
    out = tmp_path / "out"
    assert run("generate", str(SEED_SPEC), "--output", str(out)).returncode == 0
    before = snapshot(out)
    result = run_process("generate", str(write_spec(text)), "--output", str(out))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and "spec.yaml" in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


@pytest.mark.parametrize("command", ["generate", "check", "init", "diff"])
def test_a_spec_that_is_a_directory_is_the_users_mistake(tmp_path: Path, command: str) -> None:
    """`generate .` names a folder, not a spec: one line saying so, exit 2, not "a generator bug"."""
    folder, out = tmp_path / "project", tmp_path / "out"
    folder.mkdir()
    arguments = {"generate": [".", "--output", str(out)], "check": [".", "--output", str(out)], "init": ["."],
                 "diff": [".", "."]}[command]  # fmt: skip
    result = run_process(command, *arguments, cwd=folder)
    assert result.returncode == 2, result.stderr
    assert result.stderr == ".: error: the spec is a directory: give the OpenAPI file in it (YAML or JSON)\n"
    assert list(folder.iterdir()) == [] and not out.exists()


def test_strict_makes_validation_errors_fatal(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec(
        "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    L: {type: integer, default: null}\n"
    )
    lenient = run("generate", str(spec), "--output", str(tmp_path / "a"))
    assert lenient.returncode == 0 and "warning: default value null does not fit its schema" in lenient.stderr
    strict = run("generate", str(spec), "--output", str(tmp_path / "b"), "--strict")
    assert strict.returncode == 2 and ":6" in strict.stderr and "/components/schemas/L/default" in strict.stderr
    assert not (tmp_path / "b").exists()
