"""The spec changed — check, diff, incremental and atomic regeneration, vendoring."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from generator import diff, pipeline
from generator.config import load_config
from generator.load import load_spec
from generator.model import build_model
from generator.pipeline import Options, generate, write
from generator.write import Drift, writer

from tests.support.paths import CONFIG, ROOT, SEED_SPEC
from tests.support.cli import run, snapshot
from tests.support.gitignore import leftovers_are_ignored
from tests.support.spec_server import SpecServer

LIST_MODELS = {
    "get": {
        "operationId": "listModels",
        "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {
            "type": "object", "required": ["data"],
            "properties": {"data": {"type": "array", "items": {"type": "string"}}}}}}}},
    }
}  # fmt: skip


def base_spec() -> dict:  # type: ignore[type-arg]
    spec = yaml.safe_load(SEED_SPEC.read_text())
    spec["paths"]["/models"] = LIST_MODELS
    return spec  # type: ignore[no-any-return]


def edited(tmp_path: Path, name: str, spec: dict) -> Path:  # type: ignore[type-arg]
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def changes(old: Path, new: Path) -> list[tuple[str, str]]:
    config = load_config(CONFIG)
    found = diff.compare(build_model(load_spec(old), config), build_model(load_spec(new), config))
    return sorted((c.rule, c.severity) for c in found)


@pytest.fixture
def old(tmp_path: Path) -> Path:
    return edited(tmp_path, "old", base_spec())


def test_add_an_operation(tmp_path: Path, old: Path) -> None:
    spec = base_spec()
    spec["paths"]["/files"] = {"get": {"operationId": "listFiles", "responses": {"200": {"description": "ok"}}}}
    new = edited(tmp_path, "new", spec)
    assert changes(old, new) == [("operation-added", "non-breaking")]
    out = tmp_path / "out"
    assert run("generate", str(old), "--output", str(out)).returncode == 0
    result = run("check", str(new), "--output", str(out))
    assert result.returncode == 1
    assert "missing  portkey_client/resources/files.py" in result.stdout
    assert "stale    portkey_client/_client.py" in result.stdout


def test_remove_an_operation(tmp_path: Path, old: Path) -> None:
    spec = base_spec()
    del spec["paths"]["/models"]
    new = edited(tmp_path, "new", spec)
    assert changes(old, new) == [("operation-removed", "breaking")]
    out = tmp_path / "out"
    assert run("generate", str(old), "--output", str(out)).returncode == 0
    result = run("check", str(new), "--output", str(out))
    assert result.returncode == 1 and "extra    portkey_client/resources/models.py" in result.stdout


def test_add_a_required_request_field(tmp_path: Path, old: Path) -> None:
    spec = base_spec()
    request = spec["components"]["schemas"]["CreateSpeechRequest"]
    request["properties"]["language"] = {"type": "string"}
    request["required"].append("language")
    new = edited(tmp_path, "new", spec)
    assert changes(old, new) == [("request-field-added-required", "breaking")]
    result = run("diff", str(old), str(new), "--fail-on-breaking")
    assert result.returncode == 1 and "CreateSpeechRequest.language" in result.stdout


def test_rename_a_parameter(tmp_path: Path, old: Path) -> None:
    spec = base_spec()
    spec["paths"]["/models"]["get"]["parameters"][0]["name"] = "max_items"
    new = edited(tmp_path, "new", spec)
    assert changes(old, new) == [("argument-renamed", "breaking")]


def test_widen_an_enum_rewrites_only_the_affected_files(tmp_path: Path, old: Path) -> None:
    spec = base_spec()
    spec["components"]["schemas"]["CreateSpeechRequest"]["properties"]["voice"]["enum"].append("sage")
    new = edited(tmp_path, "new", spec)
    assert changes(old, new) == [("request-enum-value-added", "non-breaking")]
    assert run("diff", str(old), str(new), "--fail-on-breaking").returncode == 0
    out = tmp_path / "out"
    assert run("generate", str(old), "--output", str(out)).returncode == 0
    before = {p: os.stat(out / p).st_mtime_ns for p in snapshot(out)}
    os.utime(out, None)
    result = run("generate", str(new), "--output", str(out))
    assert result.returncode == 0
    after = {p: os.stat(out / p).st_mtime_ns for p in snapshot(out)}
    rewritten = sorted(p for p in before if before[p] != after[p])
    assert rewritten == [".generator-manifest.json", "portkey_client/resources/audio/speech.py",
                         "portkey_client/types/create_speech_request.py"]  # fmt: skip


def test_diff_formats(tmp_path: Path, old: Path) -> None:
    spec = base_spec()
    del spec["paths"]["/models"]
    new = edited(tmp_path, "new", spec)
    as_json = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    assert as_json["summary"] == {"breaking": 1, "warning": 0, "non-breaking": 0}
    assert as_json["changes"][0]["rule"] == "operation-removed"
    markdown = run("diff", str(old), str(new), "--format", "markdown").stdout
    assert "### `client.models.list` (GET /models)" in markdown
    assert "| breaking | `operation-removed` | client.models.list is gone |  |" in markdown
    rules = run("diff", "--rules").stdout
    assert "| `model-renamed` | breaking |" in rules


def test_severities_are_overridable(tmp_path: Path, old: Path) -> None:
    spec = base_spec()
    del spec["paths"]["/models"]
    new = edited(tmp_path, "new", spec)
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG.read_text() + "\nchange_severities:\n  operation-removed: warning\n")
    (tmp_path / "portkey.overlay.yaml").write_bytes((CONFIG.parent / "portkey.overlay.yaml").read_bytes())
    result = run("diff", str(old), str(new), "--config", str(config), "--fail-on-breaking")
    assert result.returncode == 0 and "warning      operation-removed" in result.stdout


def test_model_rename_is_detected(tmp_path: Path) -> None:
    old_spec = base_spec()
    new_spec = base_spec()
    schemas = new_spec["components"]["schemas"]
    schemas["SpeechRequest"] = schemas.pop("CreateSpeechRequest")
    body = new_spec["paths"]["/audio/speech"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    body["$ref"] = "#/components/schemas/SpeechRequest"
    assert changes(edited(tmp_path, "old", old_spec), edited(tmp_path, "new", new_spec)) == [("model-renamed", "breaking")]


def test_changelog_is_written_into_the_output(tmp_path: Path, old: Path) -> None:
    spec = base_spec()
    del spec["paths"]["/models"]
    new = edited(tmp_path, "new", spec)
    out = tmp_path / "out"
    assert run("generate", str(new), "--output", str(out), "--changelog", str(old)).returncode == 0
    assert "`operation-removed`" in (out / "CHANGELOG.md").read_text()
    assert run("check", str(new), "--output", str(out)).returncode == 0


def test_failure_half_way_leaves_the_previous_output(tmp_path: Path, old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    write(generate(Options(spec=old, config=CONFIG, output=out)), out)
    before = snapshot(out)
    spec = base_spec()
    spec["components"]["schemas"]["CreateSpeechRequest"]["properties"]["voice"]["enum"].append("sage")
    spec["paths"]["/files"] = {"get": {"operationId": "listFiles", "responses": {"200": {"description": "ok"}}}}
    generation = generate(Options(spec=edited(tmp_path, "new", spec), config=CONFIG, output=out))
    written = 0
    real_write = Path.write_bytes

    def failing_write(self: Path, data: bytes) -> int:
        nonlocal written
        written += 1
        if written == 3:
            raise KeyboardInterrupt  # Ctrl-C while the new files are being written
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(KeyboardInterrupt):
        writer.write_output(generation.files, out)
    monkeypatch.undo()
    assert snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".generator-staging")]


def test_check_is_fast_and_needs_no_formatting(tmp_path: Path, old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With unchanged inputs, check compares file hashes only: it neither parses the spec nor renders nor formats."""
    out = tmp_path / "out"
    assert run("generate", str(old), "--config", str(CONFIG), "--output", str(out)).returncode == 0
    result = run("check", str(old), "--config", str(CONFIG), "--output", str(out))
    assert result.returncode == 0 and "hash check" in result.stdout

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the hash check did work it should not need")

    for stage in ("load_spec", "render_package", "format_files"):
        monkeypatch.setattr(pipeline, stage, must_not_run)
    options = Options(spec=old, config=CONFIG, output=out)
    assert pipeline.check(options) == (Drift(), True)
    (out / "portkey_client" / "_client.py").write_text("# edited by hand\n")
    assert pipeline.check(options) == (Drift(edited=["portkey_client/_client.py"]), True)
    monkeypatch.undo()
    changed = edited(tmp_path, "changed", {**base_spec(), "info": {"title": "Changed", "version": "2"}})
    drift, fast = pipeline.check(Options(spec=changed, config=CONFIG, output=out))
    assert not fast and not drift.clean, "a changed spec is regenerated in full and compared"


@pytest.fixture(scope="module")
def server() -> Iterator[SpecServer]:
    with SpecServer(SEED_SPEC) as running:
        yield running


def test_vendored_package_installs_with_pip_and_works(tmp_path: Path, server: SpecServer) -> None:
    out = tmp_path / "vendor"
    assert run("generate", str(SEED_SPEC), "--output", str(out), "--package-name", "acme_portkey").returncode == 0
    readme = (out / "README.md").read_text()
    assert "audio.speech.create" in readme and "POST /audio/speech" in readme
    venv = tmp_path / "venv"
    # A bare venv, installed into by this venv's pip (`pip --python`): seeding pip into it would
    # triple the test's time and prove nothing about the package.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    before = {p.relative_to(out) for p in out.rglob("*")}
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                              str(out)], capture_output=True, text=True)  # fmt: skip
    assert install.returncode == 0, install.stderr
    # `pip install ./generated` builds in the folder: what it leaves there is ignored by git.
    leftovers_are_ignored([f"generated/{p.relative_to(out)}" for p in out.rglob("*") if p.relative_to(out) not in before])
    program = f"""
from pathlib import Path
import acme_portkey
from acme_portkey import Portkey, OPERATIONS
client = Portkey(api_key="pk", virtual_key="vk", base_url={server.url!r})
data = client.audio.speech.create(model="tts-1", voice="alloy", input="vendored").read()
package = Path(acme_portkey.__file__).parent
print(len(data), OPERATIONS[0].call_path, package.parent.name, (package / "py.typed").is_file())
"""
    result = subprocess.run([str(venv / "bin" / "python"), "-c", program], capture_output=True, text=True,
                            cwd=tmp_path, env={"PATH": os.environ["PATH"]})  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The bytes the server sent, through the installed copy (site-packages, with its py.typed marker).
    assert result.stdout.split() == [str(len(server.binary_body)), "audio.speech.create", "site-packages", "True"]
    assert server.rejected() == []


def test_update_spec_dry_run_prints_the_grouped_report(tmp_path: Path) -> None:
    spec = base_spec()
    spec["components"]["schemas"]["CreateSpeechRequest"]["required"].append("speed")
    newer = edited(tmp_path, "newer", spec)
    before = SEED_SPEC.read_bytes()
    for source in (str(newer), newer.as_uri()):
        result = subprocess.run(["make", "-s", "update-spec", "DRY_RUN=1", f"SPEC_URL={source}"], cwd=ROOT,
                                capture_output=True, text=True)  # fmt: skip
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == f"specs/portkey.yaml (version 2.0.0) -> {source} (version 2.0.0)"
        method = lines.index("client.audio.speech.create  (POST /audio/speech)")
        assert "request-field-became-required" in lines[method + 1] and "speed= is now required" in lines[method + 1]
        assert "client.models.list  (GET /models)" in lines  # in the newer spec's base, not in the seed: added
        assert f"would replace specs/portkey.yaml with {source}" in result.stderr.splitlines()
    assert SEED_SPEC.read_bytes() == before


def test_update_spec_from_a_local_file_replaces_the_spec_and_regenerates(tmp_path: Path, old: Path) -> None:
    from tests.support.cli import cli

    spec = base_spec()
    spec["components"]["schemas"]["CreateSpeechRequest"]["required"].append("speed")
    newer = edited(tmp_path, "newer", spec)
    out = tmp_path / "out"
    result = cli("update-spec", str(old), "--from", str(newer), "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "client.audio.speech.create  (POST /audio/speech)" in result.stdout
    assert old.read_bytes() == newer.read_bytes()
    assert "speed: float," in (out / "portkey_client" / "resources" / "audio" / "speech.py").read_text()
    assert cli("check", str(old), "--output", str(out)).returncode == 0
