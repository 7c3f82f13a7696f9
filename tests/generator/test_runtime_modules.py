"""The runtime modules: real Python files under templates/package/runtime, copied into every package
as they are; what differs per package comes from the generated `_constants.py`."""

from __future__ import annotations

import ast
import inspect
import shutil
from pathlib import Path
from typing import Callable, Dict

import pytest

from generator.config import GeneratorConfig
from generator.load import load_spec
from generator.model import build_model
from generator.render import render_package
from generator.render.renderer import RUNTIME_FOLDER, TEMPLATES
from generator.render.views.method_options import BODY_FIELDS, METHOD_OPTIONS, OPTION_NAMES
from tests.support.black_check import files_black_would_change
from tests.support.packages import generated_package

RUNTIME = TEMPLATES / RUNTIME_FOLDER
RUNTIME_MODULES = sorted(p for p in RUNTIME.glob("*.py") if p.name != "__init__.py")

SPEC = """
    openapi: 3.0.3
    info: {title: Notes, version: '4.5'}
    servers: [{url: 'https://notes.example.test/v1'}]
    paths:
      /notes:
        post:
          operationId: createNote
          parameters:
            - {name: timeout, in: query, schema: {type: integer}}
          requestBody:
            content:
              application/json:
                schema:
                  type: object
                  properties:
                    text: {type: string}
          responses:
            '200': {description: ok}
"""


def _rendered(spec: Path, config: GeneratorConfig) -> Dict[str, str]:
    return {f.path: f.content for f in render_package(build_model(load_spec(spec), config), config)}


def _declared(source: str) -> Dict[str, str]:
    """name -> annotation of each annotated module-level name."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found[node.target.id] = ast.unparse(node.annotation)
    return found


def test_runtime_modules_are_copied_into_a_package_as_they_are(write_spec: Callable[..., Path]) -> None:
    config = GeneratorConfig(package_name="notes_client", client_class="Notes", async_client_class="AsyncNotes")
    files = _rendered(write_spec(SPEC), config)
    assert len(RUNTIME_MODULES) >= 8
    for module in RUNTIME_MODULES:
        assert files[f"notes_client/{module.name}"] == module.read_text(encoding="utf-8"), module.name
    assert "{{" not in "".join(m.read_text() for m in RUNTIME_MODULES), "no Jinja in the runtime"
    assert files["notes_client/__init__.py"] != (RUNTIME / "__init__.py").read_text(), "the folder's own __init__ stays"
    assert not [p for p in files if p.endswith(".pyi")], "the constants stand-in stays"


def test_runtime_modules_are_in_blacks_format() -> None:
    assert files_black_would_change(RUNTIME) == []


@pytest.mark.parametrize("settings", [{}, {"extra_header_prefix": "x-n-", "log_env": "NOTES_LOG", "request_id_header": "x-n-id"}])
def test_the_constants_stand_in_declares_what_the_template_defines(write_spec: Callable[..., Path], settings: Dict[str, str]) -> None:
    config = GeneratorConfig(package_name="notes_client", client_class="Notes", async_client_class="AsyncNotes", **settings)
    constants = _rendered(write_spec(SPEC), config)["notes_client/_constants.py"]
    stand_in = (RUNTIME / "_constants.pyi").read_text(encoding="utf-8")
    assert _declared(constants) == _declared(stand_in)
    namespace: Dict[str, object] = {}
    exec(constants, namespace)
    assert namespace["METHOD_OPTIONS"] == OPTION_NAMES


def test_a_package_takes_its_names_and_headers_from_its_constants(write_spec: Callable[..., Path], tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("package_name: notes_client\nclient_class: Notes\nasync_client_class: AsyncNotes\n"
                      "request_id_header: x-notes-request\nlog_env: NOTES_LOG\n")  # fmt: skip
    with generated_package(write_spec(SPEC), tmp_path / "out", "notes_client", config=config) as package:
        import httpx

        seen = []

        def answer(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(409, json={"message": "taken"}, headers={"x-notes-request": "r-1", "x-request-id": "r-0"})

        client = package.Notes(http_client=httpx.Client(transport=httpx.MockTransport(answer)), max_retries=0)
        with pytest.raises(package.ConflictError) as raised:
            client.notes.create(text="hi")
        assert raised.value.request_id == "r-1", "the configured request-id header comes first"
        assert seen[0].headers["user-agent"].startswith("notes_client/4.5 ")
        from notes_client._base_client import log

        assert log.name == "notes_client"


def test_method_options_are_declared_once(write_spec: Callable[..., Path], tmp_path: Path) -> None:
    """The signature's options, the names an operation argument may not take, and the runtime's set
    come from one list: a query parameter called `timeout` gets another keyword, and is sent."""
    config = tmp_path / "config.yaml"
    config.write_text("package_name: notes_client\nclient_class: Notes\nopen_bodies: [createNote]\n")
    with generated_package(write_spec(SPEC), tmp_path / "out", "notes_client", config=config) as package:
        import httpx

        signature = inspect.signature(package.Notes(base_url="http://x.test").notes.create)
        names = list(signature.parameters)
        options = [o.name for o in METHOD_OPTIONS] + [BODY_FIELDS.name]
        assert names[-len(options):] == options
        assert str(signature.parameters["extra_headers"].annotation) == METHOD_OPTIONS[0].annotation
        assert signature.parameters[BODY_FIELDS.name].kind is inspect.Parameter.VAR_KEYWORD
        assert package._constants.METHOD_OPTIONS == OPTION_NAMES
        (renamed,) = [n for n in names if n.startswith("timeout") and n != "timeout"]

        seen = []

        def answer(request: httpx.Request) -> httpx.Response:
            seen.append(request)
            return httpx.Response(200, json={})

        client = package.Notes(base_url="http://x.test", http_client=httpx.Client(transport=httpx.MockTransport(answer)))
        client.notes.create(text="t", **{renamed: 5}, timeout=9, colour="red")
        assert seen[0].url.params["timeout"] == "5"
        assert b'"colour":"red"' in seen[0].content and b"9" not in seen[0].content


def test_the_inputs_digest_covers_the_runtime_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import pipeline
    from generator.render import renderer

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    monkeypatch.setattr(pipeline, "TEMPLATES", templates)
    config = GeneratorConfig(package_name="notes_client")
    before = pipeline.inputs_digest([], config)
    module = templates / RUNTIME_FOLDER / "_streaming.py"
    module.write_text(module.read_text() + "\n# changed\n")
    renderer.runtime_modules.cache_clear()
    try:
        assert pipeline.inputs_digest([], config) != before
    finally:
        renderer.runtime_modules.cache_clear()


def test_an_installation_without_the_runtime_modules_is_an_error(write_spec: Callable[..., Path], tmp_path: Path) -> None:
    from generator.diagnostics import GeneratorError

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates, ignore=shutil.ignore_patterns("runtime"))
    config = GeneratorConfig(package_name="notes_client")
    with pytest.raises(GeneratorError, match="runtime modules are missing"):
        render_package(build_model(load_spec(write_spec(SPEC)), config), config, templates)
