"""What this repository gives another one besides the tool: the pre-commit hook, and a .gitignore that
covers what the documented commands leave behind."""

from __future__ import annotations

import re
import subprocess
import textwrap
from pathlib import Path

import pytest
import yaml

from tests.support.paths import ROOT
from tests.support.gitignore import ignored_by_this_repository, leftovers_are_ignored
from tests.support.installed_tool import GROUP, PETSTORE, InstalledTool


@GROUP
def test_what_building_the_wheel_leaves_behind_is_ignored(installed_tool: InstalledTool) -> None:
    """`pip wheel .` (and `pip install git+...`) build in the source tree: build/, *.egg-info."""
    leftovers_are_ignored(list(installed_tool.build_leftovers))


def test_the_readmes_output_folders_are_ignored() -> None:
    """The README's examples write into out/: a folder of the user's choice, not to be committed here."""
    named = re.findall(r"--output ([a-z][\w.-]*)/?", (ROOT / "README.md").read_text())
    outputs = sorted(set(named) - {"generated"})
    assert outputs == ["out"]
    assert ignored_by_this_repository([f"{o}/x.py" for o in outputs]) == [f"{o}/x.py" for o in outputs]


def _hook_args() -> tuple[str, list[str]]:
    """The hook's entry and the arguments its comment tells users to give."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    (hook,) = yaml.safe_load(text)
    match = re.search(r"^#\s+args: (\[.*\])$", text, re.M)
    assert match, "the hook's comment shows the arguments to give"
    return hook["entry"], yaml.safe_load(match.group(1))


@GROUP
def test_the_pre_commit_hook_checks_the_client_with_the_arguments_it_documents(
    installed_tool: InstalledTool, tmp_path: Path
) -> None:
    entry, args = _hook_args()
    assert entry == "openapi-client-gen check" and "--config" in args
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    (repo / "specs" / "openapi.yaml").write_text(PETSTORE)
    (repo / "specs" / "client.config.yaml").write_text(textwrap.dedent("""\
        package_name: pets
        client_class: Pets
    """))
    generate = ["generate", *args]
    assert installed_tool.run(*generate, cwd=repo).returncode == 0

    def hook(arguments: list[str]) -> int:
        command = entry.split() + arguments
        return subprocess.run(command, cwd=repo, env=installed_tool.env(), capture_output=True).returncode

    assert hook(args) == 0
    index = args.index("--config")
    assert hook(args[:index] + args[index + 2:]) == 1, "without the config the hook would compare with another client"
    (repo / "specs" / "openapi.yaml").write_text(PETSTORE.replace("version: 1.0.0", "version: 1.0.1"))
    assert hook(args) == 1, "a spec edited without regenerating is drift"


@pytest.mark.parametrize("name", ["Any", "TYPE_CHECKING", "annotations", "importlib"])
def test_dir_of_the_generated_package_shows_its_api_not_its_imports(generated_on_path: Path, name: str) -> None:
    import portkey_client

    assert name not in dir(portkey_client)
    assert {"Portkey", "AsyncPortkey", "APIError", "types", "resources"} <= set(dir(portkey_client))
