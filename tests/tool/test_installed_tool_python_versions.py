"""The installed generator under the oldest and newest Python that pyenv has here.

pip resolves the generator's dependencies per interpreter: a range that lets a newer Python get
another major version of a dependency (jsonpath-rfc9535 2.x is for Python 3.12+, and the tool
failed to import with it) passes on the Python the suite runs on and breaks users on the next one.
"""

from __future__ import annotations

import hashlib
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.support.cache import CACHE
from tests.support.installed_tool import GROUP, PETSTORE, InstalledTool
from tests.support.paths import ROOT
from tests.support.pythons import MINORS, VenvFailed, interpreter, venv_lock, venv_with

pytestmark = GROUP

OVERLAY = """\
overlay: 1.0.0
info: {title: fixes, version: 1.0.0}
actions:
  - target: "$.paths.*.*.parameters[?@.name == 'limit']"
    update: {description: "How many pets, at most 100."}
"""


def _tool_venv(minor: str) -> Path:
    """A venv of Python 3.<minor> with the generator's dependencies as pip resolves them there."""
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    try:
        return venv_with(CACHE / "installed-tool-pythons" / f"3.{minor}", minor, dependencies)
    except VenvFailed as failed:
        raise AssertionError(f"pip cannot install the dependencies on 3.{minor}: {failed}") from None


def prepare_tool_venvs() -> None:
    for minor in MINORS:
        if interpreter(minor) is not None:
            _tool_venv(minor)


def _venv_with_the_tool(minor: str, tool: InstalledTool) -> Path:
    """The venv with the wheel installed as pip resolves it there (the dependencies kept; the wheel's
    own files alone are reinstalled when the source changes)."""
    venv = _tool_venv(minor)
    with venv_lock(venv):
        installed = venv / "installed-wheel.txt"
        wheel = f"{tool.wheel.name} {hashlib.sha256(tool.wheel.read_bytes()).hexdigest()}"
        if not installed.exists() or installed.read_text() != wheel:
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps"]
            subprocess.run([*pip, str(tool.wheel)], check=True, capture_output=True)
            check = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(tool.wheel)],
                                   capture_output=True, text=True)  # fmt: skip
            assert check.returncode == 0, f"pip cannot install the wheel on Python 3.{minor}: {check.stderr[-500:]}"
            installed.write_text(wheel)
    return venv


@pytest.mark.parametrize("minor", ["10", "13"], ids=["oldest-3.10", "newest-3.13"])
def test_the_installed_tool_generates_and_checks_on_every_supported_python(
    minor: str, installed_tool: InstalledTool, tmp_path: Path
) -> None:
    venv = _venv_with_the_tool(minor, installed_tool)
    (tmp_path / "petstore.yaml").write_text(PETSTORE)
    (tmp_path / "fixes.overlay.yaml").write_text(OVERLAY)
    (tmp_path / "petstore.config.yaml").write_text("overlays: [fixes.overlay.yaml]\n")
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path)}

    def tool(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(venv / "bin" / "openapi-client-gen"), *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True)  # fmt: skip

    generated = tool("generate", "petstore.yaml")
    assert generated.returncode == 0, generated.stderr
    assert "limit: How many pets, at most 100." in (tmp_path / "generated/petstore_client/resources/pets.py").read_text()
    checked = tool("check", "petstore.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
