"""Call paths a person would write, derived from the spec with no config (generator/model/naming.py).

Each construct of call_path_specs.py is one small spec; the config's `operations:` map and the
operation's Python x-code-samples still win over anything derived.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.config import GeneratorConfig, neutral_config
from generator.diagnostics import Diagnostic
from generator.pipeline import build_model_only
from tests.generator.call_path_specs import CONSTRUCTS, Construct, write_spec
from tests.generator.diff.pairs import compare, found
from tests.support.packages import generated_package
from tests.support.spec_server import SpecServer


def call_paths(spec: Path, config: GeneratorConfig | None = None) -> dict[str, str]:
    model = build_model_only(spec, config or neutral_config("Constructs"))
    return {f"{op.method.upper()} {op.path}": ".".join(op.call_path) for op in model.operations}


def warnings(spec: Path) -> list[Diagnostic]:
    return [d for d in build_model_only(spec, neutral_config("Constructs")).diagnostics if d.severity == "warning"]


@pytest.mark.parametrize("construct", CONSTRUCTS, ids=[c.name for c in CONSTRUCTS])
def test_call_paths_of_each_construct(construct: Construct, tmp_path: Path) -> None:
    assert call_paths(write_spec(tmp_path, construct)) == construct.expected


TIES = Construct(
    "ties",
    """
    /v1/things:
      get: {operationId: listThings, responses: {'200': {description: ok}}}
    /things:
      get: {operationId: listAllThings, responses: {'200': {description: ok}}}
    /api/things:
      get: {operationId: things, responses: {'200': {description: ok}}}
    """,
    {"GET /api/things": "things.list", "GET /things": "things.list_all", "GET /v1/things": "things.list_2"},
)
GENERATED_IDS = Construct(
    "generated_ids",
    """
    /v1/history:
      get: {responses: {'200': {description: ok}}}
    /v2/history:
      get: {operationId: get_history_page_v2_history_get, responses: {'200': {description: ok}}}
    """,
    {"GET /v1/history": "history.list", "GET /v2/history": "history.get_page"},
)


def test_an_operation_id_with_nothing_to_add_gets_a_numbered_name(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, TIES)
    assert call_paths(spec) == TIES.expected
    assert len(warnings(spec)) == 2


def test_a_generated_operation_id_gives_its_words_without_the_path_and_the_http_verb(tmp_path: Path) -> None:
    assert call_paths(write_spec(tmp_path, GENERATED_IDS)) == GENERATED_IDS.expected


CLUSTER = next(c for c in CONSTRUCTS if c.name == "cluster_api_groups")


@pytest.mark.parametrize("construct", [CLUSTER, TIES], ids=["cluster_api_groups", "ties"])
def test_the_order_of_the_operations_in_the_spec_changes_no_name(construct: Construct, tmp_path: Path) -> None:
    paths = yaml.safe_load(construct.paths)
    reversed_paths = yaml.safe_dump({p: dict(reversed(paths[p].items())) for p in reversed(paths)})
    reordered = Construct("reordered", reversed_paths, construct.expected, construct.components)
    in_order = call_paths(write_spec(tmp_path, construct))
    assert call_paths(write_spec(tmp_path, reordered)) == in_order == construct.expected


def test_each_collision_is_a_warning_at_the_operation_that_moved(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, CLUSTER)
    moved = {d.message for d in warnings(spec)}
    assert moved == {
        "DELETE /api/v1/namespaces/{namespace}/widgets would be namespaces.widgets.delete, which DELETE "
        "/api/v1/namespaces/{namespace}/widgets/{name} has; it is namespaces.widgets.delete_collection instead",
        "DELETE /api/v1/namespaces/{namespace}/gadgetmaps would be namespaces.gadgetmaps.delete, which DELETE "
        "/api/v1/namespaces/{namespace}/gadgetmaps/{name} has; it is namespaces.gadgetmaps.delete_collection instead",
        "PUT /api/v1/namespaces/{namespace}/widgets/{name} would be namespaces.widgets.update, which PATCH "
        "/api/v1/namespaces/{namespace}/widgets/{name} has; it is namespaces.widgets.replace instead",
    }
    lines = spec.read_text().splitlines()
    for diagnostic in warnings(spec):
        assert diagnostic.location is not None and diagnostic.location.line is not None
        method = diagnostic.message.split()[0].lower()
        assert lines[diagnostic.location.line - 1].strip().startswith(f"{method}:"), diagnostic


CONFIGURED = """
/v1/things/{thing_id}:
  parameters: [{name: thing_id, in: path, required: true, schema: {type: string}}]
  get:
    operationId: getThing
    responses: {'200': {description: ok}}
  delete:
    operationId: dropThing
    x-code-samples:
      - {lang: python, source: "client = Things()\\nclient.inventory.things.discard('t1')"}
    responses: {'200': {description: ok}}
/v1/things:
  post:
    operationId: makeThing
    x-code-samples:
      - {lang: python, source: "client = Things()\\nclient.inventory.things.make()"}
    responses: {'200': {description: ok}}
"""


def test_the_config_and_the_python_samples_still_win(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, Construct("configured", CONFIGURED, {}))
    assert call_paths(spec) == {
        "GET /v1/things/{thing_id}": "things.retrieve",
        "DELETE /v1/things/{thing_id}": "inventory.things.discard",
        "POST /v1/things": "inventory.things.make",
    }
    config = GeneratorConfig(operations={"getThing": "inventory.things.fetch", "POST /v1/things": "things.new"})
    assert call_paths(spec, config) == {
        "GET /v1/things/{thing_id}": "inventory.things.fetch",
        "DELETE /v1/things/{thing_id}": "inventory.things.discard",
        "POST /v1/things": "things.new",
    }


def test_the_generated_client_calls_the_versioned_url_under_the_short_name(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, next(c for c in CONSTRUCTS if c.name == "date_version_and_format_suffix"))
    with generated_package(spec, tmp_path / "out", "teams_rooms_client", package_name="teams_rooms_client") as package:
        with SpecServer(spec) as server:
            client = package.Constructs(base_url=server.url)
            client.teams.rooms.retrieve(team_sid="T1", sid="R1")
            client.teams.rooms.delete(team_sid="T1", sid="R2")
            client.teams.list()
            requests = [(r.method, r.path, r.errors) for r in server.requests]
    assert requests == [
        ("GET", "/2015-06-30/Teams/T1/Rooms/R1.json", []),
        ("DELETE", "/2015-06-30/Teams/T1/Rooms/R2.json", []),
        ("GET", "/2015-06-30/Teams.json", []),
    ]


LIST_OF_SHOPS = """
paths:
  /shop/carts:
    get: {operationId: listCarts, responses: {'200': {description: ok}}}
  /shop/orders:
    get: {operationId: listOrders, responses: {'200': {description: ok}}}
"""
ACCOUNT = """
paths:
  /account:
    get:
      operationId: getAccount
      responses:
        '200':
          description: ok
          content:
            application/json: {schema: {type: array, items: {type: object, properties: {id: {type: string}}}}}
"""


def test_a_spec_change_that_moves_a_method_is_reported(tmp_path: Path) -> None:
    one_account = ACCOUNT.replace("{type: array, items: {type: object, properties: {id: {type: string}}}}",
                                  "{type: object, properties: {id: {type: string}}}")
    changes = compare(tmp_path, ACCOUNT, one_account)
    assert ("client.account.retrieve", "method-moved", "breaking") in found(changes)
    assert any("client.account.list is now client.account.retrieve" in c.detail for c in changes)


def test_a_new_operation_outside_the_shared_prefix_moves_every_method_and_the_diff_says_so(tmp_path: Path) -> None:
    health = "  /health:\n    get: {operationId: health, responses: {'200': {description: ok}}}\n"
    with_health = LIST_OF_SHOPS + health
    assert found(compare(tmp_path, LIST_OF_SHOPS, with_health)) == {
        ("client.shop.carts.list", "method-moved", "breaking"),
        ("client.shop.orders.list", "method-moved", "breaking"),
        ("client.health.list", "operation-added", "non-breaking"),
    }
