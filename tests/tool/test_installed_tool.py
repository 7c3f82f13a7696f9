"""The generator as other repositories use it: a wheel installed into a fresh virtualenv.

The wheel is built from a copy of the source tree (as `pip install git+...` builds from a
clone) and installed, not in editable mode, into a virtualenv of its own; the tool runs from a
directory outside the repository with only that virtualenv on PATH. Then the GitHub Actions
steps of docs/ci.md run as plain shell in a temporary git repository.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.paths import ROOT
from tests.support.cache import CACHE, digest, locked

# What a source checkout holds that the build does not need.
_NOT_BUILT = shutil.ignore_patterns(".venv", ".git", ".cache", "generated", "tests", "bench", "node_modules",
                                    "build", "*.egg-info", "__pycache__", ".pytest_cache", ".mypy_cache", ".hypothesis")  # fmt: skip

PETSTORE = """\
openapi: 3.0.3
info: {title: Swagger Petstore, version: 1.0.0}
servers: [{url: 'https://petstore.example.com/v1'}]
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Pet'}
      responses:
        '201': {description: created}
  /pets/{petId}:
    get:
      operationId: showPetById
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: {type: integer}
        name: {type: string}
  securitySchemes:
    ApiKey: {type: apiKey, in: header, name: X-API-Key}
security: [{ApiKey: []}]
"""


@dataclass(frozen=True)
class InstalledTool:
    venv: Path
    wheel: Path

    @property
    def command(self) -> Path:
        return self.venv / "bin" / "openapi-client-gen"

    def env(self) -> dict[str, str]:
        """A shell environment where only the virtualenv's commands come first (no PYTHONPATH)."""
        return {"PATH": f"{self.venv / 'bin'}:/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp")}

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.command), *args], cwd=cwd, env=self.env(), capture_output=True, text=True)


# Both tests use one built-and-installed wheel: on one xdist worker it is built once, not twice.
pytestmark = pytest.mark.xdist_group("installed-tool")


@pytest.fixture(scope="session")
def installed_tool(tmp_path_factory: pytest.TempPathFactory) -> InstalledTool:
    """The wheel built from this source tree, installed into a virtualenv of its own.

    Kept in `.cache/installed-tool/<hash of the source tree and this Python>` and reused while
    the sources are unchanged. It is built in place, because a virtualenv's scripts name their
    interpreter by absolute path and would break if renamed; a marker says the build finished.
    """
    source = tmp_path_factory.mktemp("installed-tool") / "source"
    shutil.copytree(ROOT, source, ignore=_NOT_BUILT)
    key = digest([p for p in source.rglob("*") if p.is_file()], sys.version, sys.executable)
    home = CACHE / "installed-tool"
    target = home / key
    with locked("installed-tool"):
        if not (target / "complete").is_file():
            shutil.rmtree(home, ignore_errors=True)
            _build_and_install(source, target)
            (target / "complete").touch()
    (wheel,) = (target / "wheels").glob("*.whl")
    return InstalledTool(target / "venv", wheel)


def _build_and_install(source: Path, target: Path) -> None:
    """`pip wheel` the source (isolated, as `pip install git+...` builds it); install it into a new venv."""
    wheels, venv = target / "wheels", target / "venv"
    pip = [sys.executable, "-m", "pip"]
    built = subprocess.run([*pip, "wheel", "--quiet", "--no-deps", "--wheel-dir", str(wheels), str(source)],
                           capture_output=True, text=True)  # fmt: skip
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("*.whl")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    installed = subprocess.run([*pip, "--python", str(venv / "bin" / "python"), "install", "--quiet", str(wheel)],
                               capture_output=True, text=True)  # fmt: skip
    assert installed.returncode == 0, installed.stderr


def test_installed_tool_generates_checks_and_diffs_from_any_directory(
    installed_tool: InstalledTool, tmp_path: Path
) -> None:
    project = tmp_path / "elsewhere"
    project.mkdir()
    (project / "petstore.yaml").write_text(PETSTORE)

    version = installed_tool.run("--version", cwd=project)
    from generator import __version__

    assert version.returncode == 0 and version.stdout.strip() == f"openapi-client-gen {__version__}"
    usage = installed_tool.run(cwd=project)
    assert usage.returncode == 2 and usage.stderr.startswith("usage: openapi-client-gen ")
    module = subprocess.run([str(installed_tool.venv / "bin" / "python"), "-m", "generator", "--version"],
                            cwd=project, env=installed_tool.env(), capture_output=True, text=True)  # fmt: skip
    assert module.stdout.strip() == f"python -m generator {__version__}", module.stderr

    generated = installed_tool.run("generate", "petstore.yaml", "--output", "client", cwd=project)
    assert generated.returncode == 0, generated.stderr
    assert (project / "client/petstore_client/_client.py").is_file()
    runtime = sorted(p for p in (ROOT / "templates/package/runtime").glob("*.py") if p.name != "__init__.py")
    for module in runtime:  # data of the wheel, copied as they are
        assert (project / "client/petstore_client" / module.name).read_bytes() == module.read_bytes(), module.name
    with zipfile.ZipFile(installed_tool.wheel) as wheel:
        shipped = sorted(n for n in wheel.namelist() if "/runtime/" in n)
    assert shipped == [f"generator/templates/package/runtime/{m.name}" for m in runtime], "only the modules"
    manifest = (project / "client/.generator-manifest.json").read_text()
    assert f'"generator": "{__version__}"' in manifest

    clean = installed_tool.run("check", "petstore.yaml", "--output", "client", cwd=project)
    assert clean.returncode == 0 and "up to date" in clean.stdout, clean.stdout + clean.stderr

    edited = project / "petstore-v2.yaml"
    edited.write_text(PETSTORE.replace("        name: {type: string}\n",
                                       "        name: {type: string}\n        tag: {type: string}\n"))  # fmt: skip
    shutil.copy(edited, project / "petstore.yaml")
    drift = installed_tool.run("check", "petstore.yaml", "--output", "client", cwd=project)
    assert drift.returncode == 1 and "stale" in drift.stdout, drift.stdout + drift.stderr

    (project / "petstore-v1.yaml").write_text(PETSTORE)
    diff = installed_tool.run("diff", "petstore-v1.yaml", "petstore-v2.yaml", cwd=project)
    assert diff.returncode == 0, diff.stderr
    assert "tag" in diff.stdout and "non-breaking" in diff.stdout, diff.stdout


def _ci_steps() -> tuple[str, list[dict[str, Any]]]:
    """The install line and the `run` steps of the workflow in docs/ci.md."""
    text = (ROOT / "docs" / "ci.md").read_text()
    (block,) = re.findall(r"```yaml\n(.*?)```", text, re.S)
    steps = yaml.safe_load(block)["jobs"]["drift"]["steps"]
    runs = [step for step in steps if "run" in step]
    (install,) = [step["run"] for step in runs if step["run"].startswith("pip install")]
    return install, [step for step in runs if not step["run"].startswith("pip install")]


def _shell(step: dict[str, Any], repo: Path, tool: InstalledTool, summary: Path) -> int:
    script = step["run"].replace("${{ github.base_ref }}", "main")
    assert "${{" not in script, f"a GitHub expression the test does not know: {script}"
    env = {**tool.env(), "GITHUB_STEP_SUMMARY": str(summary)}
    return subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True).returncode


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True,
                   capture_output=True)  # fmt: skip


def test_the_ci_document_steps_pass_and_fail_as_it_says(installed_tool: InstalledTool, tmp_path: Path) -> None:
    install, steps = _ci_steps()
    requirement = re.search(r'pip install "([A-Za-z0-9_.-]+) @ git\+', install)
    assert requirement, install
    assert installed_tool.wheel.name.startswith(requirement.group(1).replace("-", "_") + "-"), (
        f"docs/ci.md installs {requirement.group(1)!r}, the wheel is {installed_tool.wheel.name}"
    )
    check_step, report_step, breaking_step = steps
    assert "if" in breaking_step and "breaking-api" in breaking_step["if"]

    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    (repo / "specs/openapi.yaml").write_text(PETSTORE)
    (repo / "specs/client.config.yaml").write_text(textwrap.dedent("""\
        package_name: pets
        client_class: Pets
        async_client_class: AsyncPets
    """))
    _git(repo, "init", "-q", "-b", "main")
    assert installed_tool.run("generate", "specs/openapi.yaml", "--config", "specs/client.config.yaml",
                              "--output", "generated", cwd=repo).returncode == 0  # fmt: skip
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "client")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")  # what actions/checkout fetch-depth 0 gives
    summary = tmp_path / "summary.md"

    # A pull request that only adds a field, and regenerates: every step passes.
    _git(repo, "checkout", "-q", "-b", "add-tag")
    spec = repo / "specs/openapi.yaml"
    spec.write_text(PETSTORE.replace("        name: {type: string}\n",
                                     "        name: {type: string}\n        tag: {type: string}\n"))  # fmt: skip
    assert _shell(check_step, repo, installed_tool, summary) == 1, "a spec edit without regenerating is drift"
    assert installed_tool.run("generate", "specs/openapi.yaml", "--config", "specs/client.config.yaml",
                              "--output", "generated", cwd=repo).returncode == 0  # fmt: skip
    assert _shell(check_step, repo, installed_tool, summary) == 0
    assert _shell(report_step, repo, installed_tool, summary) == 0
    assert "tag" in (repo / "api-changes.md").read_text() and "tag" in summary.read_text()
    assert _shell(breaking_step, repo, installed_tool, summary) == 0

    # A pull request that removes an operation: the unlabelled breaking-change step fails.
    spec.write_text(PETSTORE.replace(PETSTORE[PETSTORE.index("    post:"):PETSTORE.index("  /pets/{petId}:")], ""))
    assert installed_tool.run("generate", "specs/openapi.yaml", "--config", "specs/client.config.yaml",
                              "--output", "generated", cwd=repo).returncode == 0  # fmt: skip
    assert _shell(check_step, repo, installed_tool, summary) == 0
    assert _shell(report_step, repo, installed_tool, summary) == 0
    report = (repo / "api-changes.md").read_text()
    assert "### `client.pets.create` (POST /pets)" in report
    assert "| breaking | `operation-removed` |" in report
    assert _shell(breaking_step, repo, installed_tool, summary) == 1
