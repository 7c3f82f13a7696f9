"""Hostile and broken specs. Generated code never runs spec text; bad input is one line."""

from __future__ import annotations

import difflib
import json
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.config import GeneratorConfig
from generator.load import load_spec
from generator.model import build_model
from generator.pipeline import Options, generate, write
from generator.format.formatter import format_source, needs_black
from generator.render import render_package
from generator.write import write_output

from tests.support.cli import run, snapshot
from tests.support.packages import imported_package, submodules
from tests.support.paths import ROOT, SEED_SPEC
from tests.support.cache import built_once, generator_key, mypy_strict

CANARY_DIR = ROOT / ".cache" / "canary"
CANARY = CANARY_DIR / "pwned"
NASTY = [
    '"', "'", '"""', "'''", "\\", "\\n", "\n", "\r\n", "\r", "\x00", "\x0b", "\x0c", "\u2028", "\u2029", "\x85",
    "\ufeff", "\t", "{{ 7 * 7 }}", "{% for x in range(3) %}x{% endfor %}", "{#", "#}", "${HOME}", "%s", "`",
    f"__import__('os').system('touch {CANARY}')",
    f"'); open('{CANARY}', 'w'); ('",
    f'"""); open("{CANARY}", "w"); ("""',
    f"\\'); open('{CANARY}', 'w') #",
    f"\n\nopen('{CANARY}', 'w')\n",
    "class", "def", "None", "True", "import", "lambda", "async", "await", "match", "type", "list", "self",
    "BaseModel", "Field", "Any", "cast", "NotGiven", "__init__", "__class__", "model_config", "json", "dict",
    "../../../etc/passwd", "/absolute", "..", "a" * 300, "ünïcödé", "😀", "# comment", "user-id", "user_id", "userId",
    "1starts_with_digit", "", " ", "-", "_",
]  # fmt: skip
nasty = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.lists(st.sampled_from(NASTY), min_size=1, max_size=3).map("".join),
)


def _ref(name: str) -> str:
    return "#/components/schemas/" + quote(name.replace("~", "~0").replace("/", "~1"), safe="")


@st.composite
def hostile_specs(draw: st.DrawFn) -> dict[str, Any]:
    schema_names = draw(st.lists(nasty, min_size=1, max_size=3, unique=True))
    schemas: dict[str, Any] = {}
    for name in schema_names:
        props = draw(st.lists(nasty, min_size=1, max_size=4, unique=True))
        schemas[name] = {
            "type": "object", "title": draw(nasty), "description": draw(nasty), "required": props[:1],
            "properties": {prop: draw(st.sampled_from([
                {"type": "string", "description": draw(nasty), "default": draw(nasty), "example": draw(nasty)},
                {"type": "string", "enum": draw(st.lists(nasty, min_size=1, max_size=3, unique=True))},
                {"$ref": _ref(draw(st.sampled_from(schema_names)))},
                {"type": "array", "items": {"$ref": _ref(draw(st.sampled_from(schema_names)))}},
                {"type": "integer", "default": draw(st.integers())},
                {"type": "object", "properties": {draw(nasty): {"type": "string", "const": draw(nasty)}}},
            ])) for prop in props},
        }  # fmt: skip
    schemes = draw(st.lists(nasty, min_size=1, max_size=2, unique=True))
    variable = "".join(c for c in draw(nasty) if c not in "{}") or "v"
    server = {"url": draw(st.sampled_from([draw(nasty), f"https://{{{variable}}}.test/{draw(nasty)}", f"/{{{variable}}}"])),
              "variables": {variable: {"default": draw(nasty), "enum": draw(st.lists(nasty, max_size=3, unique=True)),
                                       "description": draw(nasty)}}}  # fmt: skip
    paths: dict[str, Any] = {}
    for segment in draw(st.lists(nasty, min_size=1, max_size=2, unique=True)):
        clean = "".join(c for c in segment if c not in "/{}?#\x00\r\n") or "x"
        paths[f"/{clean}/{{item_id}}"] = {
            draw(st.sampled_from(["get", "post", "put", "delete"])): {
                "operationId": draw(nasty), "summary": draw(nasty), "description": draw(nasty),
                "tags": [draw(nasty)],
                "parameters": [
                    {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": draw(nasty), "in": draw(st.sampled_from(["query", "header"])), "description": draw(nasty),
                     "schema": {"type": "string", "enum": [draw(nasty)]}},
                ],
                "requestBody": {"required": True, "description": draw(nasty),
                                "content": {"application/json": {"schema": {"$ref": _ref(schema_names[0])}}}},
                "responses": {"200": {"description": draw(nasty),
                                      "content": {"application/json": {"schema": {"$ref": _ref(schema_names[-1])}}}},
                              draw(st.sampled_from(["4XX", "404", "default"])): {"description": draw(nasty),
                                      "content": {"application/json": {"schema": {"$ref": _ref(schema_names[0])}}}}},
                "security": draw(st.sampled_from([[], [{}], [{name: [] for name in schemes}], [{schemes[0]: []}, {}]])),
                "servers": draw(st.sampled_from([[], [server], [{"url": draw(nasty)}]])),
                "x-code-samples": [{"lang": "python", "source": draw(nasty)}],
            }
        }  # fmt: skip
    return {
        "openapi": "3.0.3",
        "info": {"title": draw(nasty), "version": draw(nasty), "description": draw(nasty)},
        "servers": [draw(st.sampled_from([server, {"url": draw(nasty)}]))],
        "security": [{schemes[-1]: []}],
        "paths": paths,
        "components": {"schemas": schemas,
                       "securitySchemes": {name: {"type": "apiKey", "in": draw(st.sampled_from(["header", "query", "cookie"])),
                                                  "name": draw(nasty)} for name in schemes}},
    }  # fmt: skip


class Counter:
    value = 0


@given(spec=hostile_specs())
def test_hostile_specs_generate_inert_importable_code(spec: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> None:
    Counter.value += 1
    root = tmp_path_factory.mktemp("hostile")
    CANARY_DIR.mkdir(parents=True, exist_ok=True)
    path = root / "spec.json"
    path.write_text(json.dumps(spec))
    package = f"hostile_{Counter.value}"
    config = GeneratorConfig(package_name=package, client_class="Client", async_client_class="AsyncClient")
    files = render_package(build_model(load_spec(path), config), config)
    for file in files:
        if file.is_python:
            compile(file.content, file.path, "exec")
            # Where the layout claims black's format, black must agree (the runtime modules other
            # than these hold no spec text; the full-spec and nastiest-corpus tests check them).
            spec_text = file.path.endswith(("_client.py", "_constants.py", "_operations.py", "__init__.py")) or "/_" not in file.path
            if spec_text and not needs_black(file.content):
                formatted = format_source(file.content)
                assert formatted == file.content, file.path + "\n" + "".join(
                    difflib.unified_diff(file.content.splitlines(True), formatted.splitlines(True), n=1))
    out = root / "out"
    write_output(files, out)
    written = [p.resolve() for p in out.rglob("*") if p.is_file()]
    assert all(out.resolve() in p.parents for p in written), "nothing is written outside the output directory"
    with imported_package(out, package) as module:
        for sub in ("resources", "types"):
            assert list(submodules(package, sub)) or sub == "resources"
        for name in dir(module.types):
            getattr(module.types, name)
        module.Client(base_url="http://127.0.0.1:9")
    assert not CANARY.exists(), "spec text was executed"


def test_nastiest_corpus_passes_black_and_mypy_strict(tmp_path: Path) -> None:
    schemas = {name: {"type": "object", "description": name, "properties": {
        prop: {"type": "string", "description": prop, "enum": [prop, name]} for prop in NASTY[:30]}}
        for name in NASTY[25:60]}  # fmt: skip
    variables = [n for n in NASTY if n and "{" not in n and "}" not in n and all(c.isprintable() and not c.isspace() for c in n)]
    paths = {f"/{i}-{''.join(c for c in name if c.isalnum()) or 'x'}/{{id}}": {"post": {
        "operationId": name, "summary": name, "description": name, "tags": [name],
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": name, "in": "query", "schema": {"type": "string"}, "description": name}],
        "requestBody": {"content": {"application/json": {"schema": {"$ref": _ref(list(schemas)[i % len(schemas)])}}}},
        "responses": {"200": {"description": name, "content": {"application/json": {"schema": {"$ref": _ref(list(schemas)[0])}}}},
                      "4XX": {"description": name, "content": {"application/json": {"schema": {"$ref": _ref(list(schemas)[i % 7])}}}}},
        "security": [{NASTY[i % 12]: [], NASTY[(i + 1) % 12]: []}, {}],
        "servers": [{"url": f"https://{{{variables[i % len(variables)]}}}.test/{i}"}] if i % 3 else [],
    }} for i, name in enumerate(NASTY)}  # fmt: skip
    server = {"url": "https://api.test/" + "/".join(f"{{{n}}}" for n in variables[:20]),
              "variables": {n: {"default": n, "enum": [n, NASTY[0]], "description": n} for n in variables}}
    spec = {"openapi": "3.0.3", "info": {"title": NASTY[25], "version": '1"', "description": "\n".join(NASTY)},
            "servers": [server], "security": [{NASTY[12]: []}], "paths": paths,
            "components": {"schemas": schemas, "securitySchemes": {
                n: {"type": "apiKey", "in": ("header", "query", "cookie")[i % 3], "name": n} for i, n in enumerate(NASTY[:13])}}}  # fmt: skip
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    config = tmp_path / "config.yaml"
    config.write_text("package_name: nastiest\n")

    def build(out: Path) -> None:
        write(generate(Options(spec=tmp_path / "spec.json", config=config, output=out)), out)

    # Built once per generator version, in one place, so mypy's cache knows the files from the last run.
    out = built_once("nastiest", generator_key(tmp_path / "spec.json", config), build)
    result = mypy_strict("nastiest", out, "nastiest")
    assert result.returncode == 0, result.stdout[-3000:]
    probe = subprocess.run([sys.executable, "-c", "import nastiest, nastiest.types as t; [getattr(t, n) for n in dir(t)]; "
                            "print(getattr(nastiest, nastiest.__all__[0])().base_url)"],  # the client class
                           cwd=out, capture_output=True, text=True)  # fmt: skip
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.startswith("https://api.test/%22/'/%22%22%22/"), "every server variable takes its default"
    assert not CANARY.exists()
    from tests.support.black_check import files_black_would_change

    assert files_black_would_change(out) == []


BROKEN: dict[str, tuple[str, str, str]] = {
    "bad YAML": ("spec.yaml", "openapi: 3.0.0\ninfo: [unclosed\n", "invalid YAML"),
    "bad JSON": ("spec.json", '{"openapi": "3.0.0",\n "info": {"title": }\n}', "invalid JSON"),
    "missing $ref target": ("spec.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
                            "      responses:\n        '200': {$ref: '#/components/responses/Gone'}\n", "points to nothing"),
    "$ref cycle": ("spec.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                   "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n", "cycle"),
    "remote $ref": ("spec.yaml", "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                    "    A: {$ref: 'https://example.com/schemas.yaml#/A'}\n", "remote $ref"),
    "unknown OpenAPI version": ("spec.yaml", "openapi: 4.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n", "not supported"),
    "Swagger 2.0": ("spec.yaml", "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n", "Swagger 2.0"),
    "empty file": ("spec.yaml", "", "empty"),
}  # fmt: skip


@pytest.mark.parametrize("case", [*BROKEN, "50 MB file"])
def test_broken_input_is_one_line_exit_2_output_untouched(case: str, tmp_path: Path, write_spec: Callable[..., Path]) -> None:
    out = tmp_path / "out"
    assert run("generate", str(SEED_SPEC), "--output", str(out)).returncode == 0
    before = snapshot(out)
    if case == "50 MB file":
        spec = tmp_path / "huge.yaml"
        with spec.open("wb") as handle:
            handle.write(b"openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n")
            handle.write(b"#" * (50 * 1024 * 1024) + b"\n")
        expected = "MB are refused"
    else:
        name, text, expected = BROKEN[case]
        spec = write_spec(text, name)
    result = run("generate", str(spec), "--output", str(out))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, result.stderr
    assert len(lines) == 1 and expected in lines[0] and spec.name in lines[0], result.stderr
    assert ":" in lines[0].split(spec.name, 1)[1][:2] or case in ("empty file", "50 MB file"), "file:line"
    assert snapshot(out) == before


def test_openapi_31_generates_like_30(tmp_path: Path) -> None:
    spec = {
        "openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "servers": [{"url": "http://api.test"}],
        "paths": {"/things": {"post": {"operationId": "createThing",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
        "components": {"schemas": {"Thing": {
            "type": "object", "required": ["kind", "name"], "examples": [{"kind": "thing", "name": "n"}],
            "properties": {"kind": {"const": "thing"}, "name": {"type": "string"}, "note": {"type": ["string", "null"]},
                           "part": {"$ref": "#/components/schemas/Thing/$defs/Part"}},
            "$defs": {"Part": {"type": "object", "properties": {"size": {"type": "integer"}}}}}}},
    }  # fmt: skip
    (tmp_path / "spec.json").write_text(json.dumps(spec))
    (tmp_path / "config.yaml").write_text("package_name: thing31\nclient_class: Things\n")
    out = tmp_path / "out"
    write(generate(Options(spec=tmp_path / "spec.json", config=tmp_path / "config.yaml", output=out)), out)
    program = """
import httpx, json, thing31, thing31.types.thing
seen = []
def handler(request):
    seen.append(json.loads(request.content))
    return httpx.Response(200, json={"kind": "thing", "name": "n", "note": None, "part": {"size": 3}})
client = thing31.Things(http_client=httpx.Client(transport=httpx.MockTransport(handler)))
thing = client.things.create(kind="thing", name="n", note=None)
assert seen == [{"kind": "thing", "name": "n", "note": None}], seen
assert thing.part.size == 3 and type(thing.part) is thing31.types.thing.Part, type(thing.part)  # named in its owner's module
print("ok")
"""
    result = subprocess.run([sys.executable, "-c", program], cwd=out, capture_output=True, text=True)
    assert result.stdout.strip() == "ok", result.stderr


def test_tls_is_verified_by_default(generated_on_path: Path) -> None:
    import portkey_client

    client = portkey_client.Portkey(api_key="k", base_url="https://api.test")
    pool = client._client._transport._pool  # noqa: SLF001 - the httpx client the SDK made for itself
    assert pool._ssl_context.verify_mode == ssl.CERT_REQUIRED and pool._ssl_context.check_hostname
    own = httpx.Client(verify=False)
    assert portkey_client.Portkey(api_key="k", http_client=own)._client is own


def test_remote_refs_are_fetched_only_when_allowed(tmp_path: Path) -> None:
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "common.yaml").write_text("Pet:\n  type: object\n  properties:\n    owner: {$ref: 'people.yaml#/Person'}\n")
    (tmp_path / "site" / "people.yaml").write_text("Person:\n  type: object\n  properties:\n    name: {type: string}\n")

    class Quiet(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(tmp_path / "site"), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/common.yaml#/Pet"
        spec = tmp_path / "spec.yaml"
        spec.write_text("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n"
                        f"        '200':\n          description: ok\n          content:\n            application/json:\n"
                        f"              schema: {{$ref: '{url}'}}\n")  # fmt: skip
        refused = run("generate", str(spec), "--output", str(tmp_path / "a"))
        assert refused.returncode == 2 and "--allow-remote-refs" in refused.stderr and ":11:" in refused.stderr
        assert not (tmp_path / "a").exists()
        allowed = run("generate", str(spec), "--output", str(tmp_path / "b"), "--allow-remote-refs")
        assert allowed.returncode == 0, allowed.stderr
        pet = (tmp_path / "b" / "t_client" / "types" / "pet.py").read_text()
        assert "owner: Optional[Person]" in pet, "relative refs inside a remote document resolve against its URL"
        again = run("check", str(spec), "--output", str(tmp_path / "b"), "--allow-remote-refs")
        assert again.returncode == 0 and "full regeneration" in again.stdout, "remote inputs are always compared in full"
    finally:
        httpd.shutdown()
