"""The command line as a user meets it, in process (the installed wheel runs the same code in
tests/tool/test_installed_tool_as_a_user.py): whose files the output holds, paths relative to the
user, the config checked against its declaration, user errors against generator bugs, help that
stands alone, the changelog, update-spec from a URL.
"""

from __future__ import annotations

import argparse
import json
import re
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from generator import cli as cli_module
from generator import pipeline
from generator.config import read_config, resolve_config
from generator.config_schema import KEYS, reference_markdown
from tests.support.cli import cli, one_line_error, snapshot
from tests.support.installed_tool import PETSTORE
from tests.support.local_server import LocalHTTPServer, LocalRequestHandler

from tests.support.paths import CONFIG, ROOT


# --- 1. the output is the generator's only where it wrote before ------------------------------


def test_many_files_in_the_way_are_named_a_few_and_counted(project: Path) -> None:
    for name in ("README.md", "pyproject.toml", "petstore_client/__init__.py", "petstore_client/_client.py",
                 "petstore_client/py.typed"):  # fmt: skip
        (project / "out" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "out" / name).write_text("mine")
    before = snapshot(project / "out")
    line = one_line_error(cli("generate", "api.yaml", "--output", "out", cwd=project), "out: error:")
    shown = re.search(r"would overwrite: (.*) and 2 more \(", line)
    assert shown and len(shown.group(1).split(", ")) == 3, line
    assert snapshot(project / "out") == before


def test_files_beside_the_output_that_do_not_collide_are_left_alone(project: Path) -> None:
    (project / "out").mkdir()
    (project / "out" / "Makefile").write_text("mine")
    assert cli("generate", "api.yaml", "--output", "out", cwd=project).returncode == 0
    assert (project / "out" / "Makefile").read_text() == "mine"


def test_files_the_manifest_lists_are_regenerated_even_when_edited(project: Path) -> None:
    assert cli("generate", "api.yaml", "--output", "out", "--force", cwd=project).returncode == 0
    (project / "out" / "README.md").write_text("edited by hand\n")
    drift = cli("check", "api.yaml", "--output", "out", cwd=project)
    assert drift.returncode == 1 and "edited   README.md" in drift.stdout
    assert cli("generate", "api.yaml", "--output", "out", cwd=project).returncode == 0
    assert (project / "out" / "README.md").read_text() != "edited by hand\n"


def test_a_changelog_of_the_users_is_not_overwritten(project: Path) -> None:
    (project / "old.yaml").write_text(PETSTORE.replace("version: 1.0.0", "version: 0.9.0"))
    (project / "out").mkdir()
    (project / "out" / "CHANGELOG.md").write_text("# My changes\n\n- hand-written entry\n")
    args = ("generate", "api.yaml", "--output", "out", "--changelog", "old.yaml")
    one_line_error(cli(*args, cwd=project), "CHANGELOG.md", "--force")
    assert not (project / "out" / "petstore_client").exists()
    assert cli(*args, "--force", cwd=project).returncode == 0
    text = (project / "out" / "CHANGELOG.md").read_text()
    assert text.startswith("# Changelog\n") and text.index("## 1.0.0 (") < text.index("- hand-written entry")


# --- 2. defaults relative to the user ------------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "update-spec", "init"])
def test_every_command_that_reads_a_spec_asks_for_it(command: str, project: Path) -> None:
    result = cli(command, cwd=project)
    assert result.returncode == 2 and "the following arguments are required: SPEC" in result.stderr
    assert f"generator {command} [-h]" in result.stderr  # the command's own usage


def test_the_formatting_cache_follows_xdg_cache_home(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cli("generate", "api.yaml", "--format-all", cwd=project).returncode == 0
    assert any((tmp_path / "xdg" / "openapi-client-gen" / "black").iterdir())
    assert (project / "generated" / ".generator-manifest.json").is_file()
    assert pipeline.Options(spec=Path("api.yaml")).output == Path("generated")


# --- 3. the config ---------------------------------------------------------------------------------


def test_docs_config_md_is_the_declaration_rendered() -> None:
    assert (ROOT / "docs" / "config.md").read_text() == reference_markdown(), (
        "docs/config.md is stale: run `make docs`"
    )


def test_every_declared_key_reaches_the_settings(tmp_path: Path) -> None:
    """A config that sets every key: each one changes the resolved settings (none is read and dropped)."""
    config = tmp_path / "all.config.yaml"
    config.write_text("""\
package_name: acme
distribution_name: acme-sdk
client_class: Acme
async_client_class: AcmeAsync
env_prefix: ACME_X
log_env: ACME_DEBUG
base_url: {env: ACME_URL, default: 'https://acme.test'}
extra_header_prefix: x-acme-
request_id_header: x-acme-id
credentials: {ApiKey: {argument: key, env: ACME_KEY, json: true, description: The key.}}
operations: {listPets: pets.all}
action_segments: [hide]
open_bodies: [createPet]
streams: {listPets: Pet}
binary_responses: [showPetById]
pagination: {listPets: page}
change_severities: {operation-removed: warning}
spec_url: https://acme.test/openapi.yaml
overlays: [fix.overlay.yaml]
""")
    file = read_config(config)
    assert file.warnings == () and set(file.settings) == {key.name for key in KEYS}
    derived, configured = resolve_config(None, "Swagger Petstore"), resolve_config(file, "Swagger Petstore")
    unchanged = [name for name, value in derived.settings().items() if configured.settings()[name] == value]
    assert unchanged == [], f"settings the config did not change: {unchanged}"


def test_a_partial_config_changes_only_what_it_names(project: Path) -> None:
    assert cli("generate", "api.yaml", "--output", "plain", cwd=project).returncode == 0
    (project / "acme.yaml").write_text("client_class: Acme\n")
    assert cli("generate", "api.yaml", "--config", "acme.yaml", "--output", "acme", cwd=project).returncode == 0
    plain, acme = snapshot(project / "plain"), snapshot(project / "acme")
    assert plain.keys() == acme.keys(), "the package keeps its derived name"

    def renamed(line: bytes) -> bytes:
        return re.sub(rb"(?<!Swagger )\b(Async)?Petstore", rb"\1Acme", line)  # the class names, not the title

    differing = {
        path for path in plain if path != ".generator-manifest.json"
        and any(new not in (old, renamed(old)) for old, new in zip(plain[path].splitlines(), acme[path].splitlines()))
    }  # fmt: skip
    assert differing == set(), f"files that differ by more than the class name: {differing}"
    assert b"class Acme(" in acme["petstore_client/_client.py"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("client_class: 12\n", "cfg.yaml:1: error: 12 is not a Python identifier"),
        ("client_class: None\n", "cfg.yaml:1: error: 'None' is a Python keyword"),
        ("package_name: typing\n", "cfg.yaml:1: error: 'typing' is the name of a standard-library module"),
        ("credentials:\n  ApiKey: {env: X}\n", "cfg.yaml:2: error: 'argument' is required here"),
        ("- a\n- b\n", "cfg.yaml:1: error: the config must be a mapping of keys, not a list"),
        ("package_name: [\n", "cfg.yaml:2: error: invalid YAML"),
    ],
)
def test_config_values_python_cannot_use_are_errors(project: Path, text: str, expected: str) -> None:
    (project / "cfg.yaml").write_text(text)
    one_line_error(cli("generate", "api.yaml", "--config", "cfg.yaml", "--output", "out", cwd=project), expected)
    assert not (project / "out").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("open_bodies: createPet\n", "cfg.yaml:1: warning: expected a list, not a string; ignored (at /open_bodies)"),
        ("streams: {listPets: Pets}\n", "cfg.yaml:1: warning: streams: no model 'Pets' in the spec's schemas "
                                        "(did you mean 'Pet'?); ignored (at /streams/listPets)"),
        ("binary_responses: ['GET /pets/{id}']\n", "cfg.yaml:1: warning: binary_responses: no operation 'GET /pets/{id}'"),
        ("credentials:\n  ApiKey: {argument: key, jsn: true}\n",
         "cfg.yaml:2: warning: unknown key 'jsn' (did you mean 'json'?); ignored (at /credentials/ApiKey/jsn)"),
        ("base_url: {dflt: 'https://x'}\n", "cfg.yaml:1: warning: unknown key 'dflt' (did you mean 'default'?)"),
        ("pagination: {listPets: {scheme: none, itms: data}}\n",
         "cfg.yaml:1: warning: unknown key 'itms' (did you mean 'items'?); ignored (at /pagination/listPets/itms)"),
    ],
)
def test_other_config_mistakes_are_located_warnings(project: Path, text: str, expected: str) -> None:
    (project / "cfg.yaml").write_text(text)
    result = cli("generate", "api.yaml", "--config", "cfg.yaml", "--output", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    assert any(line.startswith(expected) for line in result.stderr.splitlines()), result.stderr


def test_operations_are_named_by_id_or_method_and_path(project: Path) -> None:
    (project / "cfg.yaml").write_text("operations:\n  GET /pets/{petId}: pets.fetch\n  listPets: pets.every\n")
    result = cli("generate", "api.yaml", "--config", "cfg.yaml", "--output", "out", cwd=project)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    resources = (project / "out" / "petstore_client" / "resources" / "pets.py").read_text()
    assert "def fetch(" in resources and "def every(" in resources


def test_the_projects_own_config_has_no_mistakes() -> None:
    assert read_config(CONFIG).warnings == ()


# --- 4. user errors and generator bugs --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "why"),
    [("match", "is a Python keyword"), ("json", "standard-library module"), ("sys", "standard-library module"),
     ("pydantic", "depends on"), ("typing_extensions", "depends on"), ("my-client", "not a Python identifier"),
     ("2fast", "not a Python identifier"), ("café", "not a Python identifier")],
)  # fmt: skip
def test_package_names_that_cannot_be_imported_are_refused(project: Path, name: str, why: str) -> None:
    one_line_error(cli("generate", "api.yaml", "--output", "out", "--package-name", name, cwd=project), repr(name), why)
    assert not (project / "out").exists()


def test_check_of_a_directory_the_generator_did_not_write(project: Path) -> None:
    (project / "src").mkdir()
    one_line_error(cli("check", "api.yaml", "--output", "src", cwd=project), "src: error: not a directory the generator wrote")


def test_an_output_the_system_refuses_is_the_users_path_not_a_bug(project: Path) -> None:
    """/sys refuses new entries even to root (Operation not permitted, or a read-only file system)."""
    line = one_line_error(cli("generate", "api.yaml", "--output", "/sys/client-out", cwd=project),
                          "/sys/client-out: error: cannot create the output directory: ")  # fmt: skip
    assert "bug" not in line


def test_a_generator_bug_saves_its_traceback(project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ValueError("a bug planted by the test")

    monkeypatch.setattr(pipeline, "render_package", broken)
    line = one_line_error(cli("generate", "api.yaml", "--output", "out", cwd=project),
                          "the render stage failed: ValueError: a bug planted by the test (a generator bug)")  # fmt: skip
    saved = Path(re.search(r"traceback saved in (\S+)$", line).group(1))  # type: ignore[union-attr]
    assert saved.is_relative_to(tmp_path / "cache" / "openapi-client-gen")
    report = saved.read_text()
    assert "Traceback (most recent call last)" in report and "def broken" not in report and "in broken" in report
    debug = cli("generate", "api.yaml", "--output", "out", "--debug", cwd=project)
    assert debug.returncode == 2 and "Traceback (most recent call last)" in debug.stderr
    assert debug.stderr.strip().splitlines()[-1].startswith("api.yaml: error: the render stage failed")
    assert not (project / "out").exists()


# --- 6. help ------------------------------------------------------------------------------------


def test_every_command_and_option_has_help() -> None:
    parser, commands = cli_module._parser()
    assert parser.epilog and "exit codes:" in parser.epilog
    missing = [
        f"{name} {action.option_strings or action.dest}"
        for name, command in commands.items()
        for action in command._actions
        if not isinstance(action, argparse._HelpAction) and not action.help
    ]
    assert missing == []
    assert set(commands) == {"generate", "check", "diff", "update-spec", "init"}


@pytest.mark.parametrize(("args", "hint"), [(("diff", "a", "b", "--fromat", "json"), "--format"),
                                            (("check", "api.yaml", "--confg", "x"), "--config"),
                                            (("update-spec", "api.yaml", "--dryrun"), "--dry-run")])  # fmt: skip
def test_a_misspelt_option_gets_the_commands_usage_and_the_nearest_option(args: tuple[str, ...], hint: str) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert f"generator {args[0]} [-h]" in result.stderr and f"(did you mean {hint}?)" in result.stderr


# --- 7. the changelog ------------------------------------------------------------------------------


def test_the_changelog_replaces_a_release_it_has_and_keeps_its_date() -> None:
    import datetime

    from generator.write.changelog import updated

    day1, day2 = datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)
    first = updated(None, "1.0.0", "1.1.0", "change A", day1)
    second = updated(first, "1.1.0", "2.0.0", "change B", day2)
    assert re.findall(r"^## .*$", second, re.M) == ["## 2.0.0 (2026-02-01)", "## 1.1.0 (2026-01-01)"]
    assert updated(second, "1.1.0", "2.0.0", "change B", datetime.date(2026, 3, 1)) == second
    corrected = updated(second, "1.1.0", "2.0.0", "change B, corrected", day2)
    assert corrected.count("## 2.0.0") == 1 and "change B, corrected" in corrected and "change A" in corrected


# --- 8. update-spec --------------------------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Callable[[str, str], str]]:
    """Serve text at a path on a local HTTP server: `url = serve('/openapi.yaml', text)`."""
    pages: dict[str, bytes] = {}

    class Handler(LocalRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            body = pages.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

    server = LocalHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(path: str, text: str) -> str:
        pages[path] = text.encode()
        return f"http://127.0.0.1:{server.server_address[1]}{path}"

    yield serve
    server.shutdown()
    server.server_close()


def test_update_spec_locates_errors_at_the_url_it_fetched(project: Path, served: Callable[[str, str], str]) -> None:
    url = served("/openapi.yaml", "openapi: 3.0.3\ninfo: {title: T\npaths: {}\n")
    one_line_error(cli("update-spec", "api.yaml", "--from", url, cwd=project), f"{url}:3: error: invalid YAML")
    missing = served("/gone.yaml", "")[:-len("gone.yaml")] + "nothing.yaml"
    one_line_error(cli("update-spec", "api.yaml", "--from", missing, cwd=project), missing, "404")
    assert (project / "api.yaml").read_text() == PETSTORE


def test_update_spec_from_the_configs_url_names_both_versions(project: Path, served: Callable[[str, str], str]) -> None:
    url = served("/openapi.yaml", PETSTORE.replace("version: 1.0.0", "version: 1.0.1"))
    (project / "api.config.yaml").write_text(f"spec_url: {url}\n")
    result = cli("update-spec", "api.yaml", "--output", "out", "--dry-run", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [f"api.yaml (version 1.0.0) -> {url} (version 1.0.1)", "No changes."]
    assert f"would replace api.yaml with {url} (no API changes: only the text differs" in result.stderr
    assert not (project / "out").exists()


def test_update_spec_leaves_the_spec_when_the_output_holds_the_users_files(project: Path) -> None:
    (project / "next.yaml").write_text(PETSTORE.replace("version: 1.0.0", "version: 1.1.0"))
    (project / "out").mkdir()
    (project / "out" / "README.md").write_text("mine")
    one_line_error(cli("update-spec", "api.yaml", "--from", "next.yaml", "--output", "out", cwd=project), "README.md")
    assert (project / "api.yaml").read_text() == PETSTORE, "the spec is not replaced when nothing can be written"


def test_update_spec_json_report_is_json_only(project: Path) -> None:
    (project / "next.yaml").write_text(PETSTORE.replace("version: 1.0.0", "version: 1.1.0"))
    result = cli("update-spec", "api.yaml", "--from", "next.yaml", "--dry-run", "--format", "json", cwd=project)
    report = json.loads(result.stdout)
    assert report["old"]["version"] == "1.0.0" and report["new"]["version"] == "1.1.0" and report["changes"] == []
