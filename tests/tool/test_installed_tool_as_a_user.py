"""The installed wheel, run from a project of the user's outside this repository, against the mistakes and
habits of someone who did not build it: their files in the output, no arguments, a misspelt config key or
flag, an impossible path, a package name Python cannot import, a validator that crashes, a changelog kept
over releases, update-spec as a merge gate.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest

from tests.support.cli import cli, one_line_error, snapshot
from tests.support.installed_tool import GROUP, PETSTORE, InstalledTool

pytestmark = GROUP


def test_generate_never_overwrites_files_it_did_not_write(installed_tool: InstalledTool, project: Path) -> None:
    client = project / "client"
    client.mkdir()
    mine = {"README.md": b"# my project\n", "pyproject.toml": b"[project]\nname = 'mine'\n", "notes.txt": b"mine\n"}
    for name, content in mine.items():
        (client / name).write_bytes(content)

    refused = installed_tool.run("generate", "api.yaml", "--output", "client", cwd=project)
    one_line_error(refused, "client", "README.md", "pyproject.toml", "--force", "another --output")
    assert snapshot(client) == mine, "nothing is written when a file of the user's is in the way"

    forced = installed_tool.run("generate", "api.yaml", "--output", "client", "--force", cwd=project)
    assert forced.returncode == 0, forced.stderr
    assert (client / "README.md").read_bytes() != mine["README.md"]
    assert (client / "notes.txt").read_bytes() == mine["notes.txt"], "a file the run does not write stays"


def test_paths_and_the_cache_are_the_users_not_the_installed_packages(
    installed_tool: InstalledTool, project: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    result = installed_tool.run("generate", "api.yaml", "--format-all", cwd=project, home=home)
    assert result.returncode == 0, result.stderr
    assert (project / "generated" / "petstore_client" / "_client.py").is_file(), "--output defaults to ./generated"
    assert result.stdout.rstrip().endswith("-> generated"), result.stdout
    assert any((home / ".cache" / "openapi-client-gen" / "black").iterdir()), "the formatting cache is the user's"
    (site_packages,) = (installed_tool.venv / "lib").glob("python*/site-packages")
    assert [p.name for p in site_packages.iterdir() if p.name in ("generated", "specs", ".cache")] == []

    bare = installed_tool.run("generate", cwd=project, home=home)
    assert bare.returncode == 2 and "the following arguments are required: SPEC" in bare.stderr, bare.stderr
    assert bare.stderr.startswith("usage: openapi-client-gen generate "), bare.stderr


CONFIG_WITH_MISTAKES = """\
package_nme: pets
client_class: Acme
credentials:
  Bearer: {argument: token}
pagination:
  listPets: cursr
operations:
  listPet: pets.all
change_severities:
  operation-removd: warning
  operation-removed: fatal
"""


def test_config_mistakes_are_located_warnings_and_unset_keys_keep_the_derived_names(
    installed_tool: InstalledTool, project: Path
) -> None:
    (project / "api.config.yaml").write_text(CONFIG_WITH_MISTAKES)
    result = installed_tool.run("generate", "api.yaml", "--output", "client", cwd=project)
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    for expected in (
        "api.config.yaml:1: warning: unknown key 'package_nme' (did you mean 'package_name'?)",
        "api.config.yaml:4: warning: credentials: no security scheme 'Bearer' in the spec (the spec's are ApiKey)",
        "api.config.yaml:6: warning: 'cursr' is not one of cursor, offset, page, url, link, none (did you mean 'cursor'?)",
        "api.config.yaml:8: warning: operations: no operation 'listPet' in the spec",
        "api.config.yaml:10: warning: unknown change rule 'operation-removd' (did you mean 'operation-removed'?)",
        "api.config.yaml:11: warning: 'fatal' is not one of breaking, warning, non-breaking",
    ):
        assert any(line.startswith(expected) for line in warnings), f"{expected!r} not in:\n{result.stderr}"
    assert "(did you mean 'listPets'?)" in result.stderr
    client = (project / "client" / "petstore_client" / "_client.py").read_text()
    assert "class Acme(" in client and "class AsyncAcme(" in client, "client_class is what the config changes"
    assert '"PETSTORE_API_KEY"' in client, "everything else keeps the names derived from the spec"

    strict = installed_tool.run("generate", "api.yaml", "--output", "strict", "--strict", cwd=project)
    one_line_error(strict, "api.config.yaml:1: error: unknown key 'package_nme'", "(--strict)")
    assert not (project / "strict").exists()


def test_init_writes_a_starter_config_that_changes_nothing_until_edited(
    installed_tool: InstalledTool, project: Path
) -> None:
    bare = project / "bare"
    bare.mkdir()
    (bare / "api.yaml").write_text(PETSTORE)
    assert cli("generate", "api.yaml", "--output", "client", cwd=bare).returncode == 0  # the same code, in process

    written = installed_tool.run("init", "api.yaml", cwd=project)
    assert written.returncode == 0, written.stderr
    from generator.config_schema import KEYS
    assert written.stdout.startswith("wrote api.config.yaml: package petstore_client, classes Petstore/AsyncPetstore")
    config = (project / "api.config.yaml").read_text()
    for key in KEYS:
        assert re.search(rf"^(# )?{key.name}:", config, re.M), f"{key.name} is not in the starter config"
    assert "  ApiKey:\n    argument: api_key\n    env: PETSTORE_API_KEY\n" in config
    assert installed_tool.run("generate", "api.yaml", "--output", "client", cwd=project).returncode == 0
    generated = snapshot(project / "client")
    without = snapshot(bare / "client")
    assert generated.keys() == without.keys()
    assert [p for p in generated if generated[p] != without[p]] == [".generator-manifest.json"]

    one_line_error(installed_tool.run("init", "api.yaml", cwd=project), "api.config.yaml", "exists", "--force")


def test_user_mistakes_are_one_located_line_and_exit_2(installed_tool: InstalledTool, project: Path) -> None:
    line = one_line_error(installed_tool.run("generate", "api.yaml", "--output", "/proc/no-such/dir", cwd=project),
                          "/proc/no-such", "No such file or directory")  # fmt: skip
    assert "bug" not in line
    refused = installed_tool.run("generate", "api.yaml", "--output", "client", "--package-name", "class", cwd=project)
    one_line_error(refused, "--package-name: 'class' is a Python keyword")
    assert not (project / "client").exists()
    one_line_error(installed_tool.run("check", "api.yaml", "--output", "no-such-dir", cwd=project),
                   "no-such-dir: error: no such directory")  # fmt: skip


def test_validation_findings_in_words_and_a_validator_crash_is_one_warning(
    installed_tool: InstalledTool, project: Path
) -> None:
    (project / "typo.yaml").write_text(PETSTORE.replace("schema: {type: integer}}", "schema: {type: intger}}"))
    result = installed_tool.run("generate", "typo.yaml", "--output", "typo", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "typo.yaml:9: warning: unknown type 'intger' (did you mean 'integer'?) "
        "(at /paths/~1pets/get/parameters/0/schema/type)"
    ]

    crashing = project / "multi"
    crashing.mkdir()
    for name, text in CRASHING_SPEC.items():
        (crashing / name).parent.mkdir(exist_ok=True)
        (crashing / name).write_text(textwrap.dedent(text))
    generated = installed_tool.run("generate", "api.yaml", "--output", "client", cwd=crashing)
    assert generated.returncode == 0, generated.stderr
    crash = [line for line in generated.stderr.splitlines() if "openapi-spec-validator failed" in line]
    assert crash == ["api.yaml: warning: openapi-spec-validator failed on this spec (AttributeError: 'str' object has "
                     "no attribute 'get'); the spec was not fully validated"], generated.stderr  # fmt: skip
    assert (crashing / "client" / "pets_client" / "_client.py").is_file()
    one_line_error(installed_tool.run("generate", "api.yaml", "--output", "strict", "--strict", cwd=crashing),
                   "(--strict)")  # fmt: skip


# A spec kept in several files: the tags' descriptions in description.yml, the schemas in files of their
# own. One schema writes a property as a bare type name (`name: string`); the validator's reference library
# crawls the string as a schema and fails with AttributeError, which used to stop generation.
CRASHING_SPEC = {
    "api.yaml": """\
        openapi: 3.1.0
        info: {title: Pets, version: 1.0.0}
        tags:
          - name: Pets
            description: {$ref: 'description.yml#/introduction'}
        paths:
          /pets:
            get:
              operationId: listPets
              tags: [Pets]
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: 'schemas/pet.yaml'}
                '404':
                  description: missing
                  content:
                    application/json:
                      schema: {$ref: 'schemas/error.yaml'}
        """,
    "description.yml": """\
        introduction: |
          The pets API, described at length in a file of its own.
        """,
    "schemas/pet.yaml": """\
        type: object
        properties:
          name: string
        """,
    "schemas/error.yaml": """\
        type: object
        properties:
          message: {type: string}
        """,
}


def test_help_describes_every_option_and_the_exit_codes(installed_tool: InstalledTool, project: Path) -> None:
    top = installed_tool.run("--help", cwd=project)
    assert top.returncode == 0 and "exit codes:" in top.stdout and "130" in top.stdout
    for command in ("generate", "check", "diff", "update-spec", "init"):
        assert command in top.stdout
        page = cli(command, "--help").stdout  # the same parser, in process
        assert "exit codes:" in page
        options = re.findall(r"^  (-[-\w]+)(?: [A-Z_]+| \{[\w,]+\})?(.*)$", page, re.M)
        assert options, page
        undocumented = [name for name, rest in options if not rest.strip() and not _next_line_describes(page, name)]
        assert undocumented == [], f"{command}: options without help: {undocumented}"

    misspelt = installed_tool.run("generate", "--outptu", "x", "api.yaml", cwd=project)
    assert misspelt.returncode == 2
    assert misspelt.stderr.startswith("usage: openapi-client-gen generate "), misspelt.stderr
    assert "unrecognized arguments: --outptu" in misspelt.stderr and "(did you mean --output?)" in misspelt.stderr


def _next_line_describes(page: str, option: str) -> bool:
    """argparse puts the help on the next line when the option's own text is long."""
    lines = page.splitlines()
    index = next(i for i, line in enumerate(lines) if line.lstrip().startswith(option))
    return index + 1 < len(lines) and lines[index + 1].startswith(" " * 10) and bool(lines[index + 1].strip())


def _release(version: str, *, removed: bool = False, tag: bool = False) -> str:
    spec = PETSTORE.replace("version: 1.0.0", f"version: {version}")
    if tag:
        spec = spec.replace("        name: {type: string}\n", "        name: {type: string}\n        tag: {type: string}\n")
    if removed:
        spec = spec.replace(spec[spec.index("    post:"):spec.index("  /pets/{petId}:")], "")
    return spec


def test_the_changelog_keeps_every_release_newest_first(installed_tool: InstalledTool, project: Path) -> None:
    for name, text in (("v1.yaml", _release("1.0.0")), ("v2.yaml", _release("1.1.0", tag=True)),
                       ("v3.yaml", _release("2.0.0", tag=True, removed=True))):  # fmt: skip
        (project / name).write_text(text)
    assert installed_tool.run("generate", "v2.yaml", "--output", "c", "--changelog", "v1.yaml", cwd=project).returncode == 0
    assert installed_tool.run("generate", "v3.yaml", "--output", "c", "--changelog", "v2.yaml", cwd=project).returncode == 0
    changelog = (project / "c" / "CHANGELOG.md").read_text()
    headings = re.findall(r"^## (.*)$", changelog, re.M)
    assert [h.split(" (")[0] for h in headings] == ["2.0.0", "1.1.0"], changelog
    assert re.fullmatch(r"2\.0\.0 \(\d{4}-\d\d-\d\d\)", headings[0])
    newest = changelog.split("## 2.0.0")[1].split("## 1.1.0")[0]
    assert "Changes since 1.1.0." in newest and "`operation-removed`" in newest
    assert "`response-field-added`" in changelog.split("## 1.1.0")[1]

    again = installed_tool.run("generate", "v3.yaml", "--output", "c", "--changelog", "v2.yaml", cwd=project)
    assert again.returncode == 0 and (project / "c" / "CHANGELOG.md").read_text() == changelog, "no duplicate"


def test_update_spec_gates_a_merge(installed_tool: InstalledTool, project: Path) -> None:
    (project / "api.yaml").write_text(_release("1.0.0"))
    (project / "next.yaml").write_text(_release("2.0.0", removed=True))
    assert installed_tool.run("generate", "api.yaml", "--output", "client", cwd=project).returncode == 0

    def state() -> tuple[bytes, dict[str, bytes]]:
        return (project / "api.yaml").read_bytes(), snapshot(project / "client")

    before = state()

    gate = installed_tool.run("update-spec", "api.yaml", "--from", "next.yaml", "--output", "client",
                              "--fail-on-breaking", "--format", "markdown", cwd=project)  # fmt: skip
    assert gate.returncode == 1, gate.stdout + gate.stderr
    assert gate.stdout.startswith("## API changes: version 1.0.0 -> version 2.0.0\n\napi.yaml (version 1.0.0) -> "
                                  "next.yaml (version 2.0.0)\n"), gate.stdout  # fmt: skip
    assert "| breaking | `operation-removed` |" in gate.stdout
    assert "1 breaking change: api.yaml not replaced (--fail-on-breaking)" in gate.stderr
    assert state() == before

    report = json.loads(cli("update-spec", "api.yaml", "--from", "next.yaml", "--output", "client",
                            "--dry-run", "--format", "json", cwd=project).stdout)  # fmt: skip
    assert report["old"] == {"source": "api.yaml", "version": "1.0.0"}
    assert report["new"] == {"source": "next.yaml", "version": "2.0.0"}
    assert report["summary"]["breaking"] == 1 and state() == before

    (project / "broken.yaml").write_text("openapi: 3.0.3\ninfo: {title: T\npaths: {}\n")
    one_line_error(installed_tool.run("update-spec", "api.yaml", "--from", "broken.yaml", cwd=project),
                   "broken.yaml:3: error: invalid YAML")  # fmt: skip
    (project / "empty.yaml").write_text(_release("3.0.0").split("paths:")[0] + "paths: {}\n")
    one_line_error(installed_tool.run("update-spec", "api.yaml", "--from", "empty.yaml", "--output", "client", cwd=project),
                   "empty.yaml: error: the fetched spec has no operations", "--force")  # fmt: skip
    assert state() == before

    same = cli("update-spec", "api.yaml", "--from", "api.yaml", "--output", "client", cwd=project)
    assert same.returncode == 0 and "already the published spec: nothing to replace" in same.stderr
    assert "would" not in same.stdout + same.stderr and state() == before

    applied = installed_tool.run("update-spec", "api.yaml", "--from", "next.yaml", "--output", "client", cwd=project)
    assert applied.returncode == 0, applied.stderr
    assert (project / "api.yaml").read_text() == (project / "next.yaml").read_text()
    assert installed_tool.run("check", "api.yaml", "--output", "client", cwd=project).returncode == 0
