"""The command line on specs other than Portkey's: neutral names, bad arguments, --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT

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


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})  # fmt: skip


def snapshot(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


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


def test_a_config_beside_the_spec_is_used(tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    spec = write_spec(PETSTORE, "pets.yaml")
    write_spec("package_name: zoo\nclient_class: Zoo\nasync_client_class: AsyncZoo\n", "pets.config.yaml")
    out = tmp_path / "out"
    assert run("generate", str(spec), "--output", str(out)).returncode == 0
    assert "class Zoo(" in (out / "zoo/_client.py").read_text()
    assert run("check", str(spec), "--output", str(out)).returncode == 0


def test_the_projects_own_spec_still_gets_the_portkey_config(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("generate", "--output", str(out)).returncode == 0
    assert "class Portkey(" in (out / "portkey_client/_client.py").read_text()
