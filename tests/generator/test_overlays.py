"""OpenAPI Overlays fix upstream spec defects, applied by every command, located in messages."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Callable

import pytest

from generator.config import load_config
from generator.diagnostics import GeneratorError
from generator.load import load_spec
from generator.load.overlay import apply_overlays
from generator.pipeline import build_model_only

from tests.support.paths import CONFIG, SEED_SPEC
from tests.support.cli import cli as run

SPEC = """
openapi: 3.0.3
info: {title: Pets, version: '1'}
paths:
  /pets:
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/CreatePet'}
      responses:
        '204': {description: created}
components:
  schemas:
    CreatePet:
      type: object
      additionalProperties: false
      required: [name, owner_id]
      properties:
        name: {type: string}
        tags: {type: array, items: {type: string}}
"""
OVERLAY = """
overlay: 1.0.0
info: {title: fixes, version: 1.0.0}
actions:
  - target: $.components.schemas.CreatePet.required[?@ == 'owner_id']
    remove: true
  - target: $.components.schemas.CreatePet.properties
    update:
      age:
        type: integer
        default: not a number
  - target: $.components.schemas.CreatePet.properties.name
    update: {description: The pet's name.}
"""


def config_with(write_spec: Callable[..., Path], overlays: list[str]) -> Path:
    listed = "".join(f"\n  - {name}" for name in overlays)
    return write_spec(f"package_name: pets_client\noverlays:{listed}\n", name="config.yaml")


def test_update_and_remove_actions_apply_in_order(write_spec: Callable[..., Path]) -> None:
    spec = load_spec(write_spec(SPEC))
    overlay = write_spec(OVERLAY, name="fixes.overlay.yaml")
    assert apply_overlays(spec, [overlay]) == []
    schema = spec.root.data["components"]["schemas"]["CreatePet"]
    assert schema["required"] == ["name"]
    assert schema["properties"]["name"] == {"type": "string", "description": "The pet's name."}
    assert schema["properties"]["age"]["type"] == "integer"


def test_messages_point_at_the_file_and_line_the_text_came_from(write_spec: Callable[..., Path]) -> None:
    spec_path = write_spec(SPEC)
    write_spec(OVERLAY, name="fixes.overlay.yaml")
    config = config_with(write_spec, ["fixes.overlay.yaml"])
    result = run("generate", str(spec_path), "--config", str(config), "--output", str(spec_path.parent / "out"))
    assert result.returncode == 0, result.stderr
    # The bad default was written by the overlay (line 10 there); the spec's own nodes keep their lines.
    assert "fixes.overlay.yaml:10: warning: default value \"not a number\" does not fit its schema" in result.stderr
    spec = load_spec(spec_path)
    apply_overlays(spec, [spec_path.parent / "fixes.overlay.yaml"])
    assert spec.locate("/components/schemas/CreatePet/properties/tags").line == 22
    assert spec.locate("/components/schemas/CreatePet/properties/age").file.endswith("fixes.overlay.yaml")


def test_a_target_that_matches_nothing_is_a_located_warning(write_spec: Callable[..., Path]) -> None:
    spec_path = write_spec(SPEC)
    write_spec("""
        overlay: 1.0.0
        info: {title: fixes, version: 1.0.0}
        actions:
          - target: $.components.schemas.CreatePet.required
            remove: true
          - target: $.components.schemas.CreatePetRequest.required
            remove: true
    """, name="broken.overlay.yaml")  # fmt: skip
    config = config_with(write_spec, ["broken.overlay.yaml"])
    result = run("generate", str(spec_path), "--config", str(config), "--output", str(spec_path.parent / "out"))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "overlay" in line]
    assert warnings == [
        f"{spec_path.parent / 'broken.overlay.yaml'}:6: warning: overlay target "
        "$.components.schemas.CreatePetRequest.required matches nothing in the spec (at /actions/1/target)"
    ]


def test_a_filter_that_finds_nothing_is_no_warning(write_spec: Callable[..., Path]) -> None:
    spec = load_spec(write_spec(SPEC))
    overlay = write_spec("""
        overlay: 1.0.0
        info: {title: fixes, version: 1.0.0}
        actions:
          - target: $.components.schemas[?@.required[?@ == 'thread_id']].required[?@ == 'thread_id']
            remove: true
    """, name="filter.overlay.yaml")  # fmt: skip
    assert apply_overlays(spec, [overlay]) == []


def test_the_shipped_overlay_gives_the_seed_spec_no_warning(tmp_path: Path) -> None:
    """The seed spec lacks the run operations: the shipped overlay's filter finds nothing there, silently.

    (The config's own entries for operations of the published spec are warned about: the seed has none of them.)
    """
    assert load_config(CONFIG).overlays
    assert build_model_only(SEED_SPEC, load_config(CONFIG)).diagnostics == []
    result = run("generate", str(SEED_SPEC), "--output", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "overlay" not in result.stderr and "portkey.yaml" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("overlay", "message", "line"),
    [
        ("info: {title: x}\n", "not an OpenAPI Overlay: no 'overlay' version field", 1),
        ("overlay: 2.0.0\nactions: []\n", "Overlay version '2.0.0' is not supported (1.0.x is)", 1),
        ("overlay: 1.0.0\nactions:\n  - target: $.paths[\n    remove: true\n", "invalid JSONPath '$.paths['", 3),
        ("overlay: 1.0.0\nactions:\n  - target: $.paths\n", "an overlay action needs 'update' or 'remove: true'", 3),
    ],
)
def test_a_bad_overlay_is_one_located_error(write_spec: Callable[..., Path], overlay: str, message: str, line: int) -> None:
    spec_path = write_spec(SPEC)
    write_spec(overlay, name="bad.overlay.yaml")
    config = config_with(write_spec, ["bad.overlay.yaml"])
    out = spec_path.parent / "out"
    result = run("generate", str(spec_path), "--config", str(config), "--output", str(out))
    assert result.returncode == 2 and not out.exists()
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{spec_path.parent / 'bad.overlay.yaml'}:{line}: error: {message}")


def test_an_overlay_ref_must_lead_somewhere(write_spec: Callable[..., Path]) -> None:
    spec = load_spec(write_spec(SPEC))
    overlay = write_spec("""
        overlay: 1.0.0
        info: {title: fixes, version: 1.0.0}
        actions:
          - target: $.components.schemas.CreatePet.properties
            update:
              owner: {$ref: '#/components/schemas/Owner'}
    """, name="ref.overlay.yaml")  # fmt: skip
    with pytest.raises(GeneratorError) as error:
        apply_overlays(spec, [overlay])
    assert str(error.value) == (f"{overlay}:6: error: $ref '#/components/schemas/Owner' points to nothing "
                                "(at /components/schemas/CreatePet/properties/owner/$ref)")  # fmt: skip


def test_overlays_are_inputs_of_the_drift_check(write_spec: Callable[..., Path]) -> None:
    spec_path = write_spec(SPEC)
    overlay = write_spec(OVERLAY, name="fixes.overlay.yaml")
    config = config_with(write_spec, ["fixes.overlay.yaml"])
    out = spec_path.parent / "out"
    assert run("generate", str(spec_path), "--config", str(config), "--output", str(out)).returncode == 0
    assert run("check", str(spec_path), "--config", str(config), "--output", str(out)).returncode == 0
    overlay.write_text(overlay.read_text().replace("The pet's name.", "What the pet is called."))
    result = run("check", str(spec_path), "--config", str(config), "--output", str(out))
    assert result.returncode == 1 and "stale    pets_client/types/create_pet.py" in result.stdout


def test_diff_compares_the_overlaid_specs(write_spec: Callable[..., Path]) -> None:
    old = write_spec(SPEC, name="old.yaml")
    new = write_spec(SPEC.replace("required: [name, owner_id]", "required: [name, owner_id, tags]"), name="new.yaml")
    write_spec(textwrap.dedent("""
        overlay: 1.0.0
        info: {title: fixes, version: 1.0.0}
        actions:
          - target: $.components.schemas.CreatePet
            update: {required: [name]}
    """), name="fixes.overlay.yaml")  # fmt: skip
    config = config_with(write_spec, ["fixes.overlay.yaml"])
    assert run("diff", str(old), str(new), "--config", str(config)).stdout == "No changes.\n"
    assert "request-field-became-required" in run("diff", str(old), str(new)).stdout


def test_diff_reports_a_broken_target_once(write_spec: Callable[..., Path]) -> None:
    spec_path = write_spec(SPEC)
    write_spec("overlay: 1.0.0\ninfo: {title: f, version: '1'}\nactions:\n  - target: $.nowhere\n    remove: true\n",
               name="broken.overlay.yaml")  # fmt: skip
    config = config_with(write_spec, ["broken.overlay.yaml"])
    result = run("diff", str(spec_path), str(spec_path), "--config", str(config))
    assert result.stdout == "No changes.\n"
    assert result.stderr == (f"{spec_path.parent / 'broken.overlay.yaml'}:4: warning: overlay target $.nowhere "
                             "matches nothing in the spec (at /actions/0/target)\n")  # fmt: skip
