"""The full-spec client as `portkey_client` in `.cache/typed-client/`, and pinned pyright from npm.

Both are made once and reused across sessions: the client directory is keyed by a hash of the
generator's sources, the templates, the spec and the config; pyright is installed with
`npm install --prefix .cache/pyright`. The type-checking tests (`test_typed_snippets.py`,
`test_type_completeness.py`) share them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"
PYRIGHT_VERSION = "1.1.414"
PYRIGHT_PREFIX = CACHE / "pyright"
PYRIGHT = PYRIGHT_PREFIX / "node_modules" / ".bin" / "pyright"
PACKAGE = "portkey_client"


class Unavailable(Exception):
    """A tool or input the type checks need is missing; the message says which."""


def client_digest(spec: Path, config: Path) -> str:
    digest = hashlib.sha256()
    sources = [spec, config]
    sources += sorted((ROOT / "templates").rglob("*")) + sorted((ROOT / "generator").rglob("*.py"))
    for path in sources:
        if path.is_file():
            digest.update(str(path.relative_to(ROOT) if ROOT in path.parents else path.name).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def typed_client(spec: Path, config: Path) -> Path:
    """The directory holding `portkey_client` generated from spec (made once per input hash)."""
    from generator.pipeline import Options, generate, write

    target = CACHE / "typed-client" / client_digest(spec, config)
    if (target / PACKAGE / "__init__.py").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="staging-", dir=target.parent))
    generation = generate(Options(spec=spec, config=config, output=staging, package_name=PACKAGE))
    write(generation, staging)
    try:
        staging.rename(target)
    except OSError:  # another worker made it first
        shutil.rmtree(staging, ignore_errors=True)
    return target


def pyright() -> Path:
    """The pinned pyright, installed from npm into .cache/pyright on first use.

    Workers wait for each other: two `npm install`s into one prefix break each other's files.
    """
    from tests.support.cache import locked

    with locked("pyright-install"):
        if PYRIGHT.is_file():
            return PYRIGHT
        npm = shutil.which("npm")
        if npm is None:
            raise Unavailable("npm is not installed, so pyright cannot be installed")
        PYRIGHT_PREFIX.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--prefix", str(PYRIGHT_PREFIX), f"pyright@{PYRIGHT_VERSION}"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0 or not PYRIGHT.is_file():
            raise Unavailable(f"npm install pyright@{PYRIGHT_VERSION} failed: {done.stderr.strip()[-300:]}")
        return PYRIGHT


@dataclass
class Finding:
    """One message of a checker: file, 1-based line, severity and text."""

    file: Path
    line: int
    severity: str  # "error", "warning", "information"/"note"
    message: str
    rule: str = ""


@dataclass
class Report:
    findings: List[Finding] = field(default_factory=list)
    raw: Dict[str, Any] = field(default_factory=dict)

    def for_file(self, path: Path) -> List[Finding]:
        resolved = path.resolve()
        return [f for f in self.findings if f.file.resolve() == resolved]


def cached_json(client_dir: Path, name: str, key: str, produce: Any) -> Any:
    """produce() once per client and key: checker results depend only on the client and their inputs."""
    path = client_dir / f".result-{name}-{hashlib.sha256(key.encode()).hexdigest()[:12]}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    value = produce()
    path.write_text(json.dumps(value), encoding="utf-8")
    return value


def files_digest(paths: List[Path]) -> str:
    """A hash of the Python files under paths, and of this harness."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for folder in paths:
        for path in sorted(folder.rglob("*.py")) if folder.is_dir() else [folder]:
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _pyright_env() -> Dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["PYRIGHT_PYTHON_FORCE_VERSION"] = PYRIGHT_VERSION
    return env


def run_pyright(paths: List[Path], client_dir: Path, *, strict: bool = False) -> Report:
    """One pyright run over paths, with the generated client and the project venv importable."""
    key = f"{PYRIGHT_VERSION} strict={strict} {files_digest(paths)}"
    data = cached_json(client_dir, "pyright", key, lambda: _pyright_json(paths, client_dir, strict, []))
    return _pyright_report(data)


def pyright_stdout(args: List[str], client_dir: Path, *, include: List[Path], cwd: Path) -> str:
    """pyright's output for args, with client_dir importable (PYTHONPATH, as an installed package)."""
    env = _pyright_env()
    env["PYTHONPATH"] = str(client_dir)
    configs = CACHE / "pyright-configs"
    configs.mkdir(parents=True, exist_ok=True)
    config = {"include": [os.path.relpath(p, configs) for p in include], "extraPaths": [os.path.relpath(client_dir, configs)]}
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=configs, delete=False) as handle:
        json.dump(config, handle)
    try:
        command = [str(pyright()), "-p", handle.name, "--pythonpath", sys.executable, *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=900, env=env, cwd=cwd)
    finally:
        os.unlink(handle.name)
    return done.stdout


def _pyright_json(paths: List[Path], client_dir: Path, strict: bool, extra_args: List[str]) -> Any:
    configs = CACHE / "pyright-configs"
    configs.mkdir(parents=True, exist_ok=True)
    config = {  # pyright takes only paths relative to the config file
        "include": [os.path.relpath(p, configs) for p in paths],
        "extraPaths": [os.path.relpath(client_dir, configs)],
        "typeCheckingMode": "strict" if strict else "standard",
        "pythonVersion": f"{sys.version_info.major}.{sys.version_info.minor}",
        "reportMissingModuleSource": False,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", dir=configs, delete=False) as handle:
        json.dump(config, handle)
    config_path = Path(handle.name)
    try:
        command = [str(pyright()), "--outputjson", "-p", str(config_path), "--pythonpath", sys.executable]
        done = subprocess.run(
            command + (extra_args or []), capture_output=True, text=True, timeout=600, env=_pyright_env()
        )
    finally:
        config_path.unlink()
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise AssertionError(f"pyright gave no JSON (exit {done.returncode}): {done.stdout[-500:]} {done.stderr[-500:]}")


def _pyright_report(data: Any) -> Report:
    findings = [
        Finding(
            Path(d["file"]),
            d["range"]["start"]["line"] + 1,
            d["severity"],
            d["message"],
            d.get("rule", ""),
        )
        for d in data.get("generalDiagnostics", [])
    ]
    return Report(findings, data)


def run_mypy(paths: List[Path], client_dir: Path, *, strict: bool = False) -> Report:
    """One mypy run over paths (its JSON output), with the generated client on MYPYPATH."""
    key = f"mypy strict={strict} {files_digest(paths)}"
    rows = cached_json(client_dir, "mypy", key, lambda: _mypy_rows(paths, client_dir, strict))
    return Report([Finding(Path(r[0]), r[1], r[2], r[3], r[4]) for r in rows])


def _mypy_rows(paths: List[Path], client_dir: Path, strict: bool) -> List[Any]:
    env = dict(os.environ)
    env["MYPYPATH"] = str(client_dir)
    cache = CACHE / "mypy-snippets" / client_dir.name
    command = [
        sys.executable, "-m", "mypy", "--output", "json", "--cache-dir", str(cache),
        "--no-error-summary", "--hide-error-context", "--no-pretty", "--show-absolute-path",
        "--python-version", f"{sys.version_info.major}.{sys.version_info.minor}",
        "--config-file", "",
    ]  # fmt: skip
    if strict:
        command.append("--strict")
    done = subprocess.run(
        command + [str(p) for p in paths], capture_output=True, text=True, timeout=900, env=env, cwd=client_dir
    )
    findings: List[Finding] = []
    for line in done.stdout.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        item = json.loads(line)
        findings.append(
            Finding(Path(item["file"]), int(item["line"]), item["severity"], item["message"], item.get("code") or "")
        )
    if done.returncode not in (0, 1) or (done.returncode == 1 and not findings):
        raise AssertionError(f"mypy failed (exit {done.returncode}): {done.stdout[-800:]} {done.stderr[-800:]}")
    return [[str(f.file), f.line, f.severity, f.message, f.rule] for f in findings]


def pyright_strict_in_place(folder: Path) -> Report:
    """`pyright --strict` over a folder of source (not a generated client), as it lives.

    The answer is kept in .cache/pyright-in-place by a hash of the folder's files.
    """
    from tests.support.cache import digest

    results = CACHE / "pyright-in-place"
    results.mkdir(parents=True, exist_ok=True)
    key = f"{PYRIGHT_VERSION} {digest([p for p in folder.rglob('*.py*') if p.is_file()], Path(__file__).read_text())}"
    return _pyright_report(cached_json(results, folder.name, key, lambda: _pyright_json([folder], folder, True, [])))
