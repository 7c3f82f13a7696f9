"""Every Portkey operation is callable and correct, proven by an independent validator."""

from __future__ import annotations

import ast
import json
import asyncio
import inspect
import subprocess
import sys
import typing
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pydantic
import pytest
import yaml

from generator.config import load_config
from generator.load import load_spec
from generator.load.overlay import apply_overlays
from generator.model import build_model
from generator.render.views import MethodView, build_package_view

from tests.support.paths import CONFIG
from tests.support.cache import mypy_strict
from tests.support.spec_server import SpecServer, resolve_ref, synthesize

# The spec as the client is generated from it: with the config's overlays applied, which fix
# createRun and createThreadAndRun (their bodies required a thread_id their schemas forbid).


@pytest.fixture(scope="module")
def client_package(full_client: ModuleType) -> ModuleType:
    return full_client


@pytest.fixture(scope="module")
def overlaid_spec(full_spec: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = load_spec(full_spec)
    assert apply_overlays(spec, load_config(CONFIG).overlays) == []
    path = tmp_path_factory.mktemp("overlaid") / "portkey-openapi.json"
    path.write_text(json.dumps(spec.root.data), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def raw_spec(overlaid_spec: Path) -> dict[str, Any]:
    return json.loads(overlaid_spec.read_text())  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def methods(full_spec: Path) -> dict[str, MethodView]:
    """The generator's own view of each method (names and wire names of its arguments)."""
    config = load_config(CONFIG)
    view = build_package_view(build_model(load_spec(full_spec), config), config)
    found: dict[str, MethodView] = {}
    for root in view.resources:
        for resource in root.walk():
            for method in resource.methods:
                found[ast.literal_eval(method.operation_id)] = method
    return found


@pytest.fixture(scope="module")
def server(overlaid_spec: Path) -> Iterator[SpecServer]:
    with SpecServer(overlaid_spec) as running:
        yield running


def _operation_node(raw: dict[str, Any], method: str, path: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    item = raw["paths"][path]
    operation = item[method.lower()]
    parameters: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in [*item.get("parameters", []), *operation.get("parameters", [])]:
        if "$ref" in entry:
            entry = resolve_ref(raw, entry["$ref"])
        parameters[(entry["in"], entry["name"])] = entry
    return operation, list(parameters.values())


def _resolve(raw: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        node = resolve_ref(raw, node["$ref"])
    return node


def _arguments(raw: dict[str, Any], view: MethodView, op: Any, optional: bool) -> dict[str, Any]:
    operation, parameters = _operation_node(raw, op.method, op.path)
    by_wire = {(a.location, a.wire_name): a for a in view.arguments}
    kwargs: dict[str, Any] = {}
    for parameter in parameters:
        argument = by_wire.get((parameter["in"], parameter["name"]))
        if argument is None or not (argument.required or optional):
            continue
        schema = parameter.get("schema") or next(iter(parameter.get("content", {}).values()), {}).get("schema", {})
        kwargs[argument.name] = synthesize(schema, raw, optional=optional)
    body = _resolve(raw, operation.get("requestBody"))
    if not body:
        return kwargs
    content = body["content"]
    media = "application/json" if "application/json" in content else next(iter(content))
    schema = content[media]["schema"]
    value = synthesize(schema, raw, optional=optional)
    if view.body_kind == "json_value":
        kwargs[view.arguments[-1].name if view.arguments[-1].location == "body" else "body"] = value
        return kwargs
    for location in ("body", "file"):
        for (where, wire), argument in by_wire.items():
            if where == location and isinstance(value, dict) and wire in value:
                kwargs[argument.name] = b"file-bytes" if location == "file" else value[wire]
            elif where == "file" and location == "file" and argument.required:
                kwargs[argument.name] = ("data.jsonl", b'{"a": 1}\n', "application/jsonl")
    return kwargs


def test_every_operation_is_generated_and_reachable(client_package: ModuleType, raw_spec: dict[str, Any]) -> None:
    operations = client_package.OPERATIONS
    spec_operations = {(m.upper(), p) for p, item in raw_spec["paths"].items() for m in item
                       if m in ("get", "put", "post", "delete", "patch")}
    assert {(op.method, op.path) for op in operations} == spec_operations
    assert len(operations) == 231
    sync = client_package.Portkey(api_key="k", base_url="http://127.0.0.1:9")
    async_client = client_package.AsyncPortkey(api_key="k", base_url="http://127.0.0.1:9")
    for op in operations:
        for client in (sync, async_client):
            target: Any = client
            for part in op.call_path.split("."):
                target = getattr(target, part)
            assert callable(target), op.call_path
        # Async methods are coroutines, except lists: they return an AsyncPaginator (async for, or await).
        paginates = str(inspect.signature(target).return_annotation).startswith("AsyncPaginator[")
        assert inspect.iscoroutinefunction(target) or paginates, op.call_path


def test_every_component_schema_has_a_model(client_package: ModuleType, raw_spec: dict[str, Any]) -> None:
    types = importlib_types(client_package)
    missing = [name for name in raw_spec["components"]["schemas"] if name not in dir(types)]
    assert missing == []
    for name in raw_spec["components"]["schemas"]:
        getattr(types, name)


def importlib_types(package: ModuleType) -> ModuleType:
    import importlib

    return importlib.import_module(f"{package.__name__}.types")


@pytest.mark.parametrize("optional", [False, True], ids=["required-only", "all-arguments"])
def test_every_request_is_accepted_by_an_independent_validator(
    client_package: ModuleType, raw_spec: dict[str, Any], methods: dict[str, MethodView], server: SpecServer,
    optional: bool,
) -> None:
    client = client_package.Portkey(api_key="pk", virtual_key="vk", base_url=server.url, max_retries=0)
    failures: list[str] = []
    for op in client_package.OPERATIONS:
        view = methods[op.operation_id]
        kwargs = _arguments(raw_spec, view, op, optional)
        target: Any = client
        for part in op.call_path.split("."):
            target = getattr(target, part)
        server.clear()
        try:
            result = target(**kwargs)
            if isinstance(result, client_package.BinaryResponse):
                result.read()
            elif isinstance(result, client_package.Stream):
                list(result)
        except client_package.APIStatusError as error:
            failures.append(f"{op.call_path}: {error}")
            continue
        except Exception as error:  # noqa: BLE001 - collect every failure, then report them all
            failures.append(f"{op.call_path}: {type(error).__name__}: {error}")
            continue
        rejected = [r.errors for r in server.rejected()]
        if rejected:
            failures.append(f"{op.call_path}: {rejected}")
    assert failures == [], "\n".join(failures)


def test_every_documented_response_parses_into_the_declared_type(
    client_package: ModuleType, raw_spec: dict[str, Any], methods: dict[str, MethodView]
) -> None:
    client = client_package.Portkey(api_key="k", base_url="http://127.0.0.1:9")
    failures: list[str] = []
    checked = 0
    for op in client_package.OPERATIONS:
        target: Any = client
        for part in op.call_path.split("."):
            target = getattr(target, part)
        view = methods[op.operation_id]
        if view.cast_to is None:
            continue
        # The type the method parses its response into at run time (for a page: the page's response).
        declared = eval(view.cast_to.text, vars(sys.modules[target.__module__]))  # noqa: S307 - generated, trusted text
        operation, _ = _operation_node(raw_spec, op.method, op.path)
        for status, response in operation.get("responses", {}).items():
            response = _resolve(raw_spec, response)
            media = (response.get("content") or {}).get("application/json")
            if not str(status).startswith("2") or not media or "schema" not in media:
                continue
            for optional in (False, True):
                data = synthesize(media["schema"], raw_spec, optional=optional)
                checked += 1
                try:
                    pydantic.TypeAdapter(declared).validate_python(data)
                except pydantic.ValidationError as error:
                    failures.append(f"{op.call_path} {status} optional={optional}: {str(error)[:300]}")
    assert checked > 200
    assert failures == [], "\n".join(failures)


def test_responses_are_lenient(client_package: ModuleType) -> None:
    models = importlib_types(client_package)
    parse_as = importlib_module(client_package, "_models").parse_as
    data = {"id": "c1", "object": "chat.completion", "created": "not-a-number", "model": "m",
            "choices": [{"index": 0, "finish_reason": "brand_new_reason", "message": {"role": "assistant", "content": None, "new": 1}}],
            "surprise": {"x": 1}}  # fmt: skip
    parsed = parse_as(models.CreateChatCompletionResponse, data)
    assert parsed.created == "not-a-number"
    assert parsed.surprise == {"x": 1} and parsed["surprise"] == {"x": 1}
    assert parsed.choices[0].finish_reason == "brand_new_reason"
    assert parsed.to_dict()["choices"][0]["message"]["new"] == 1
    assert parse_as(models.CreateChatCompletionResponse, {}).to_dict() == {}


def importlib_module(package: ModuleType, name: str) -> ModuleType:
    import importlib

    return importlib.import_module(f"{package.__name__}.{name}")


def test_async_client_sends_the_same_requests(client_package: ModuleType, server: SpecServer) -> None:
    async def main() -> Any:
        async with client_package.AsyncPortkey(api_key="pk", virtual_key="vk", base_url=server.url) as client:
            return await client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": "hi"}])

    server.clear()
    completion = asyncio.run(main())
    assert server.rejected() == []
    assert completion.choices is not None


def test_discriminated_unions_pick_by_their_property(client_package: ModuleType) -> None:
    models = importlib_types(client_package)
    parse_as = importlib_module(client_package, "_models").parse_as
    event = parse_as(models.ResponseStreamEvent, {"type": "response.audio.done", "sequence_number": 3})
    assert type(event).__name__ == "ResponseAudioDoneEvent"
    item = parse_as(models.OutputItem, {"type": "function_call", "call_id": "c", "name": "f", "arguments": "{}"})
    assert type(item).__name__ == "FunctionToolCall"


def test_full_client_passes_mypy_strict(client_package: ModuleType) -> None:
    root = Path(client_package.__file__).parents[1]
    result = mypy_strict(client_package.__name__, root, "full-client")
    assert result.returncode == 0, result.stdout[-3000:]


def test_full_client_is_exactly_what_black_makes_of_it(client_package: ModuleType) -> None:
    """Black runs only where the rendered layout defers to it; every file must still be black's format."""
    from tests.support.black_check import files_black_would_change

    root = Path(client_package.__file__).parent
    assert files_black_would_change(root) == []


def test_black_runs_on_no_file_of_the_full_client(full_spec: Path) -> None:
    """The render stage lays out every line of the full client itself (long discriminator mappings and
    class names made it leave four to black): the format stage runs black on nothing."""
    from generator.format.formatter import needs_black
    from generator.render import render_package

    config = load_config(CONFIG)
    files = render_package(build_model(load_spec(full_spec), config), config)
    assert [f.path for f in files if f.is_python and not f.verbatim and needs_black(f.content)] == []


def test_import_is_lazy(client_package: ModuleType) -> None:
    """Constructing a client loads no resource or model module; first use loads only what it needs."""
    root = Path(client_package.__file__).parents[1]
    probe = f"""
import sys
import {client_package.__name__} as package
client = package.Portkey(api_key="k")
before = sorted(m for m in sys.modules if m.startswith("{client_package.__name__}.") and (".types." in m or ".resources." in m))
client.chat.completions
after = sorted(m for m in sys.modules if m.startswith("{client_package.__name__}.") and (".types." in m or ".resources." in m))
print(before, after)
"""
    result = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    chat = f"{client_package.__name__}.resources.chat"
    assert result.stdout.strip() == f"[] ['{chat}', '{chat}.chat', '{chat}.completions']"
