"""The generator as other repositories use it: a wheel installed into a fresh virtualenv.

The wheel is built from a copy of the source tree (as `pip install git+...` builds from a
clone) and installed, not in editable mode, into a virtualenv of its own; the tool runs from a
directory outside the repository with only that virtualenv on PATH. Then the GitHub Actions
steps of docs/ci.md run as plain shell in a temporary git repository.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import yaml

from tests.support.installed_tool import GROUP, PETSTORE, InstalledTool
from tests.support.paths import ROOT

# Both tests use one built-and-installed wheel: on one xdist worker it is built once, not twice.
pytestmark = GROUP


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
    requirement = re.search(r'pip install "([A-Za-z0-9_.-]+) @ git\+<this repository>@(\S+)"', install)
    assert requirement, install
    assert installed_tool.wheel.name.startswith(requirement.group(1).replace("-", "_") + "-"), (
        f"docs/ci.md installs {requirement.group(1)!r}, the wheel is {installed_tool.wheel.name}"
    )
    assert requirement.group(2) == "<commit>", "the repository has no tags: the install line pins a commit"
    check_step, report_step, breaking_step = steps
    assert "if" in breaking_step and "breaking-api" in breaking_step["if"]

    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    (repo / "specs/openapi.yaml").write_text(PETSTORE)
    (repo / "specs/client.config.yaml").write_text(textwrap.dedent("""\
        package_name: pets
        client_class: Pets
        async_client_class: AsyncPets
        change_severities:
          parameter-removed: warning
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

    # A pull request that removes a query parameter, which this team's config calls a warning: it
    # passes, and only because the steps pass the config (without it, the same change blocks).
    _git(repo, "checkout", "-q", "main")
    _git(repo, "checkout", "-q", "-b", "drop-limit")
    spec.write_text(PETSTORE.replace("      parameters:\n        - {name: limit, in: query, schema: {type: integer}}\n", ""))
    assert _shell(report_step, repo, installed_tool, summary) == 0
    assert "| warning | `parameter-removed` |" in (repo / "api-changes.md").read_text()
    assert _shell(breaking_step, repo, installed_tool, summary) == 0
    without_config = {"run": breaking_step["run"].replace(" --config specs/client.config.yaml", "")}
    assert without_config != {"run": breaking_step["run"]}
    assert _shell(without_config, repo, installed_tool, summary) == 1
    # (The drift check's own need of --config: tests/tool/test_repository_files.py's pre-commit hook test.)
