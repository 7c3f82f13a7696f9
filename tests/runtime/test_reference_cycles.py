"""A large cycle of models that refer to each other (Stripe's objects all reach each other through
their expandable fields): every module imports, and a response parses through the whole cycle.

Both failed with RecursionError once the cycle was long: the modules imported each other at their
ends, one import nested in the next, and pydantic built one model's validator through the whole
cycle. Now a cycle's modules are loaded one after another by `types/_cycle_<n>.py`, and a field
referring to a class of its own model's cycle is `Annotated[X, Lazy]`, validated at first use.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.support.packages import generated_package, write_package

RING = 150
"""Models in the cycle: each its own module (a component schema), each referring to the next."""


def _spec(ring: int = RING) -> dict[str, Any]:
    schemas: dict[str, Any] = {
        # A module named like the helper that links a cycle's modules (`link`), on the cycle too.
        "Link": {"type": "object", "properties": {"node": {"$ref": "#/components/schemas/Node0"}}},
    }
    for index in range(ring):
        following, previous = f"Node{(index + 1) % ring}", f"Node{(index - 1) % ring}"
        schemas[f"Node{index}"] = {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "next": {"$ref": f"#/components/schemas/{following}"},
                "previous": {"anyOf": [{"type": "string"}, {"$ref": f"#/components/schemas/{previous}"}]},
                "children": {"type": "array", "items": {"$ref": f"#/components/schemas/{following}"}},
                "createdAt": {"type": "integer"},
                "link": {"$ref": "#/components/schemas/Link"},
            },
        }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Graph", "version": "1"},
        "servers": [{"url": "https://graph.test"}],
        "paths": {
            "/nodes/{id}": {
                "get": {
                    "operationId": "getNode",
                    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Node0"}}},
                        }
                    },
                }
            }
        },
        "components": {"schemas": schemas},
    }


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    root = tmp_path_factory.mktemp("graph")
    spec = root / "graph.json"
    spec.write_text(json.dumps(_spec()), encoding="utf-8")
    with generated_package(spec, root / "out", "graph_client", package_name="graph_client") as package:
        yield package


@pytest.fixture(scope="module")
def small_graph() -> Path:
    """The same constructs on a cycle of 4 (what the checkers read does not change with its length),
    kept under .cache while the generator is unchanged, so the checkers' answers are reused."""
    from tests.support.cache import built_once, generator_key

    text = json.dumps(_spec(4))

    def build(directory: Path) -> None:
        spec = directory / "graph.json"
        spec.write_text(text, encoding="utf-8")
        write_package(spec, directory / "out", package_name="small_graph_client")

    return built_once("reference-cycles", generator_key(extra=text), build) / "out"


def test_every_module_of_a_long_cycle_imports(graph: Any) -> None:
    types = importlib.import_module("graph_client.types")
    names = [info.name for info in pkgutil.iter_modules(types.__path__)]
    assert len([n for n in names if n.startswith("node")]) == RING and "link" in names
    for name in names:
        importlib.import_module(f"graph_client.types.{name}")  # RecursionError here before


def test_a_response_parses_through_the_whole_cycle(graph: Any) -> None:
    import httpx

    depth = RING + 5  # once around the cycle, and on

    def node(index: int) -> dict[str, Any]:
        value: dict[str, Any] = {"id": f"n{index}", "createdAt": index, "previous": f"n{index - 1}"}
        if index < depth:
            value["next"] = node(index + 1)
        return value

    body = node(0)
    body["children"] = [{"id": "c1", "previous": {"id": "p"}}]
    client = graph.Graph(base_url="http://graph.test", http_client=httpx.Client(
        transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body))))  # fmt: skip
    found = client.nodes.retrieve("n0")
    current: Any = found
    for index in range(depth):
        assert type(current).__name__ == f"Node{index % RING}" and current.createdAt == index
        current = current.next
    assert current.id == f"n{depth}" and current.next is None
    assert type(found.children[0]).__name__ == "Node1"
    assert type(found.children[0].previous).__name__ == "Node0", "the model, not the string, of the anyOf"
    assert found.next.previous == "n0"
    assert found.to_dict()["next"]["next"]["createdAt"] == 2, "dumped with the API's field names"


def test_the_cycle_modules_pass_mypy_and_pyright_strict(small_graph: Path) -> None:
    """The names a module takes from its cycle are imports for type checkers (`if TYPE_CHECKING:`),
    the cycle's modules give them at run time: both checkers see every class, and `Lazy` is invisible
    to them (`Annotated[Node1, Lazy]` is `Node1`)."""
    from tests.support.cache import mypy_strict
    from tests.support.typed_client import Unavailable, run_pyright

    out = small_graph
    assert (out / "small_graph_client" / "types" / "_cycle_0.py").is_file()
    checked = mypy_strict("small_graph_client", out, "reference-cycles")
    assert checked.returncode == 0, checked.stdout[-3000:]
    try:
        report = run_pyright([out / "small_graph_client"], out, strict=True)
    except Unavailable as exc:
        pytest.skip(f"pyright unavailable: {exc}")
    errors = [f"{f.file.name}:{f.line}: {f.message.splitlines()[0]}" for f in report.findings if f.severity == "error"]
    assert errors == [], "\n".join(errors[:20])
