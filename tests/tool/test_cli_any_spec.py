"""The command line on specs other than Portkey's: neutral names, bad arguments, --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from tests.support.cli import run, snapshot
from tests.support.paths import SEED_SPEC
from tests.support.cli import Result

PETSTORE = """\
openapi: 3.0.3
info: {title: Swagger Petstore - OpenAPI 3.0, version: 1.0.0}
servers: [{url: 'https://petstore.example.com/v1'}]
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
  securitySchemes:
    api_key: {type: apiKey, in: header, name: api_key}
security: [{api_key: []}]
"""


def test_a_spec_without_config_gets_names_from_its_title_and_no_portkey_word(
    tmp_path: Path, write_spec: Callable[..., Path]
) -> None:
    out = tmp_path / "out"
    result = run("generate", str(write_spec(PETSTORE)), "--output", str(out))
    assert result.returncode == 0, result.stderr
    files = snapshot(out)
    assert "petstore_client/_client.py" in files
    leaks = [name for name, content in files.items() if b"portkey" in content.lower() or "portkey" in name.lower()]
    assert leaks == [], f"Portkey words in a petstore client: {leaks}"
    client = files["petstore_client/_client.py"].decode()
    assert "class Petstore(" in client and "class AsyncPetstore(" in client
    assert '"PETSTORE_BASE_URL"' in client and '"PETSTORE_API_KEY"' in client
    probe = subprocess.run(
        [sys.executable, "-c", "import petstore_client as p; c = p.Petstore(); print(c.api_key, c.base_url)"],
        cwd=out, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "PETSTORE_API_KEY": "k-1", "PETSTORE_BASE_URL": "http://local.test/"},
    )  # fmt: skip
    assert probe.stdout.split() == ["k-1", "http://local.test/"], probe.stderr


@pytest.mark.parametrize(
    ("title", "package", "client_class"),
    [
        ("Swagger Petstore - OpenAPI 3.0", "petstore_client", "Petstore"),
        ("GitHub v3 REST API", "github_client", "GitHub"),
        ("OpenAI API", "openai_client", "OpenAI"),
        ("NASA Open APIs", "nasa_open_client", "NasaOpen"),
        ("acme widgets", "acme_widgets_client", "AcmeWidgets"),
    ],
)
def test_names_from_the_title_keep_a_name_written_in_mixed_case(title: str, package: str, client_class: str) -> None:
    """The package is the title's telling words in lower case; the class keeps a brand's own capitals
    (`GitHub`, not `Github`), as the SDKs users know are named."""
    from generator.config import resolve_config

    config = resolve_config(None, title)
    assert (config.package_name, config.client_class, config.async_client_class) == (
        package, client_class, f"Async{client_class}")  # fmt: skip


def test_a_config_beside_the_spec_is_used(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec(PETSTORE, "pets.yaml")
    write_spec("package_name: zoo\nclient_class: Zoo\nasync_client_class: AsyncZoo\n", "pets.config.yaml")
    out = tmp_path / "out"
    assert run("generate", str(spec), "--output", str(out)).returncode == 0
    assert "class Zoo(" in (out / "zoo/_client.py").read_text()
    assert run("check", str(spec), "--output", str(out)).returncode == 0


def test_the_projects_own_spec_still_gets_the_portkey_config(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", str(SEED_SPEC), "--output", str(out)).returncode == 0
    assert "class Portkey(" in (out / "portkey_client/_client.py").read_text()


def _one_line_exit_2(result: Result, *expected: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stdout + result.stderr
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for text in expected:
        assert text in lines[0], lines[0]


def test_an_output_path_that_is_a_file(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    target = tmp_path / "client.txt"
    target.write_text("mine")
    for command in ("generate", "check"):
        _one_line_exit_2(run(command, str(write_spec(PETSTORE)), "--output", str(target)), "client.txt", "is a file")
    assert target.read_text() == "mine"


def test_a_spec_given_as_a_url(tmp_path: Path) -> None:
    url = "https://raw.githubusercontent.com/example/api/main/openapi.yaml"
    for args in (("generate", url, "--output", str(tmp_path / "out")), ("diff", url, url)):
        _one_line_exit_2(run(*args), url, "URL", "--allow-remote-refs")
    assert not (tmp_path / "out").exists()


def test_a_missing_config_file(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = str(write_spec(PETSTORE))
    for args in (("generate", spec, "--output", str(tmp_path / "out")), ("check", spec), ("diff", spec, spec)):
        _one_line_exit_2(run(*args, "--config", str(tmp_path / "nope.yaml")), "config file not found", "nope.yaml")


INVALID = """\
openapi: 3.0.0
info: {title: Invalid, version: '1'}
paths: {}
components:
  schemas:
    L: {type: integer, default: null}
"""


@pytest.mark.parametrize("command", ["generate", "check"])
def test_strict_validates_even_when_the_output_is_up_to_date(
    tmp_path: Path, write_spec: Callable[..., Path], command: str
) -> None:
    spec, out = str(write_spec(INVALID)), str(tmp_path / "out")
    assert run("generate", spec, "--output", out).returncode == 0
    assert run(command, spec, "--output", out).returncode == 0
    before = snapshot(tmp_path / "out")
    strict = run(command, spec, "--output", out, "--strict")
    _one_line_exit_2(strict, "spec.yaml:6", "/components/schemas/L/default")
    assert "up to date" not in strict.stdout
    assert snapshot(tmp_path / "out") == before
