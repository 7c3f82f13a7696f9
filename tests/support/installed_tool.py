"""The generator as other repositories use it: a wheel built from this source tree, installed into a venv of its own.

The wheel is built from a copy of the source tree (as `pip install git+...` builds from a
clone) and installed, not in editable mode, into a virtualenv of its own; tests run the tool
from a directory outside the repository with only that virtualenv on PATH. `installed_tool`
(tests/conftest.py) is the session fixture; tests using it carry the xdist group
`installed-tool`, so one worker builds it once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.cache import CACHE, digest, locked
from tests.support.paths import ROOT

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
    build_leftovers: tuple[str, ...] = ()
    """What `pip wheel SOURCE` left in the source tree (paths relative to it)."""

    @property
    def command(self) -> Path:
        return self.venv / "bin" / "openapi-client-gen"

    def env(self, home: Path | None = None) -> dict[str, str]:
        """A shell environment where only the virtualenv's commands come first (no PYTHONPATH, no XDG_*)."""
        return {"PATH": f"{self.venv / 'bin'}:/usr/bin:/bin", "HOME": str(home or os.environ.get("HOME", "/tmp"))}

    def run(self, *args: str, cwd: Path, home: Path | None = None) -> subprocess.CompletedProcess[str]:
        """The tool in cwd; with `home`, as a user whose home directory that is."""
        return subprocess.run([str(self.command), *args], cwd=cwd, env=self.env(home), capture_output=True, text=True)


GROUP = pytest.mark.xdist_group("installed-tool")
"""The mark of every test that uses the installed tool: on one xdist worker it is built once."""


def build_installed_tool(tmp_path_factory: pytest.TempPathFactory) -> InstalledTool:
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
            before = {p.relative_to(source) for p in source.rglob("*")}
            _build_and_install(source, target)
            left = sorted(str(p.relative_to(source)) for p in source.rglob("*") if p.relative_to(source) not in before)
            (target / "leftovers.txt").write_text("".join(f"{path}\n" for path in left))
            (target / "complete").touch()
    (wheel,) = (target / "wheels").glob("*.whl")
    leftovers = tuple((target / "leftovers.txt").read_text().splitlines())
    return InstalledTool(target / "venv", wheel, leftovers)


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
