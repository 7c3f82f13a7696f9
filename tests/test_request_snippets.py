"""Typed user snippets of the request side, checked with pyright and mypy (the shared format).

A minimal runner for `tests/typed_snippets/`: the client generated from the complete spec
(as `portkey_client`, cached by a hash of the generator, templates and spec), then both
checkers over the snippets. `valid/` must give no error, and each `reveal_type(...)  #
expect-type: Name` must reveal a type containing Name; in `wrong/` each checker must report
an error on each line marked `# expect-error`, and on no other line.
Once tests/test_typed_snippets.py (the shared harness) is present it checks them instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import Options, generate, write

from conftest import CONFIG, ROOT

SNIPPETS = ROOT / "tests" / "typed_snippets"
CACHE = ROOT / ".cache"
PYRIGHT_VERSION = "1.1.414"
_EXPECT_TYPE = re.compile(r"#\s*expect-type:\s*(\S+)")
_EXPECT_ERROR = re.compile(r"#\s*expect-error\b")


def _client(full_spec: Path) -> Path:
    digest = hashlib.sha256()
    for path in sorted([*(ROOT / "generator").rglob("*.py"), *(ROOT / "templates").rglob("*"), full_spec, CONFIG]):
        if path.is_file():
            digest.update(path.read_bytes())
    target = CACHE / "typed-client-request" / digest.hexdigest()[:16]
    if not (target / "portkey_client" / "py.typed").is_file():
        shutil.rmtree(target, ignore_errors=True)
        write(generate(Options(spec=full_spec, config=CONFIG, output=target, package_name="portkey_client")), target)
    return target


def _pyright() -> Path:
    binary = CACHE / "pyright" / "node_modules" / ".bin" / "pyright"
    if not binary.is_file():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed: pyright cannot be fetched")
        installed = subprocess.run(["npm", "install", "--prefix", str(CACHE / "pyright"), f"pyright@{PYRIGHT_VERSION}"],
                                   capture_output=True, text=True)  # fmt: skip
        if installed.returncode != 0:
            pytest.skip(f"pyright could not be installed from npm: {installed.stderr.strip()[-200:]}")
    return binary


def _expectations() -> tuple[dict[Path, dict[int, str]], dict[Path, set[int]]]:
    """Per valid file: line -> expected type name; per wrong file: the lines an error must be on."""
    types: dict[Path, dict[int, str]] = {}
    errors: dict[Path, set[int]] = {}
    for path in sorted(SNIPPETS.rglob("*.py")):
        lines = path.read_text().splitlines()
        if path.parent.name == "valid":
            types[path] = {n: m.group(1) for n, line in enumerate(lines, 1) if (m := _EXPECT_TYPE.search(line))}
        else:
            errors[path] = {n for n, line in enumerate(lines, 1) if _EXPECT_ERROR.search(line)}
    return types, errors


def _check(found: dict[Path, set[int]], revealed: dict[tuple[Path, int], str], checker: str) -> list[str]:
    types, errors = _expectations()
    problems = []
    for path, expected in types.items():
        if found.get(path):
            problems.append(f"{checker}: errors in valid {path.name} on lines {sorted(found[path])}")
        for line, name in expected.items():
            if name not in revealed.get((path, line), ""):
                problems.append(f"{checker}: {path.name}:{line} revealed {revealed.get((path, line))!r}, not {name}")
    for path, expected in errors.items():
        if found.get(path, set()) != expected:
            problems.append(f"{checker}: {path.name} errors on {sorted(found.get(path, set()))}, marked {sorted(expected)}")
    return problems


def _pyright_problems(output: str) -> list[str]:
    found: dict[Path, set[int]] = {}
    revealed: dict[tuple[Path, int], str] = {}
    for diagnostic in json.loads(output)["generalDiagnostics"]:
        path, line = Path(diagnostic["file"]), diagnostic["range"]["start"]["line"] + 1
        if diagnostic["severity"] == "error":
            found.setdefault(path, set()).add(line)
        elif diagnostic["message"].startswith("Type of "):
            revealed[(path, line)] = diagnostic["message"]
    return _check(found, revealed, "pyright")


def _mypy_problems(output: str) -> list[str]:
    found: dict[Path, set[int]] = {}
    revealed: dict[tuple[Path, int], str] = {}
    for match in re.finditer(r"^(.+?\.py):(\d+): (error|note): (.*)$", output, re.M):
        path, line = Path(match.group(1)).resolve(), int(match.group(2))
        if match.group(3) == "error":
            found.setdefault(path, set()).add(line)
        elif match.group(4).startswith("Revealed type is"):
            revealed[(path, line)] = match.group(4)
    return _check(found, revealed, "mypy")


def test_request_snippets_under_pyright_and_mypy(full_spec: Path, tmp_path: Path) -> None:
    if (ROOT / "tests" / "test_typed_snippets.py").is_file():
        pytest.skip("tests/test_typed_snippets.py, the shared harness, checks these snippets")
    client = _client(full_spec)
    pyright = _pyright()
    config = tmp_path / "pyrightconfig.json"
    config.write_text(json.dumps({"extraPaths": [str(client)], "typeCheckingMode": "standard"}))
    folders = [str(SNIPPETS / "valid"), str(SNIPPETS / "wrong")]
    env = {**os.environ, "MYPYPATH": str(client)}
    mypy = subprocess.Popen([sys.executable, "-m", "mypy", "--cache-dir", str(CACHE / "mypy-request-snippets"),
                             "--no-error-summary", "--show-absolute-path", *folders],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    checked = subprocess.run([str(pyright), "-p", str(config), "--pythonpath", sys.executable, "--outputjson", *folders],
                             capture_output=True, text=True)  # fmt: skip
    mypy_output, _ = mypy.communicate()
    problems = _pyright_problems(checked.stdout) + _mypy_problems(mypy_output)
    assert problems == []
