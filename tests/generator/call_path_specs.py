"""Small specs, one naming construct each, and the call paths a person would write for them.

Each `Construct` is the `paths:` of a spec (the header is filled in) and, per `METHOD /path`, the
call path the generator gives it with no config. `tests/generator/test_call_paths.py` checks
them; `bench/call_paths.py` measures naming over all of them.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HEADER = {
    "openapi": "3.0.3",
    "info": {"title": "Constructs", "version": "1"},
    "servers": [{"url": "https://api.test"}],
}


@dataclass(frozen=True)
class Construct:
    name: str
    paths: str
    expected: dict[str, str]
    components: str = ""
    tags: list[str] = field(default_factory=list)


def write_spec(directory: Path, construct: Construct) -> Path:
    """The construct as a complete spec file in `directory`."""
    body = {**HEADER, "paths": yaml.safe_load(textwrap.dedent(construct.paths))}
    if construct.components:
        body["components"] = yaml.safe_load(textwrap.dedent(construct.components))
    path = directory / f"{construct.name}.yaml"
    path.write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
    return path


OK = "{'200': {description: ok}}"
OBJECT = "{'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}}"
ARRAY = (
    "{'200': {description: ok, content: {application/json: "
    "{schema: {type: array, items: {$ref: '#/components/schemas/Thing'}}}}}}"
)
PAGE = "{'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/ThingPage'}}}}}"
THINGS = """
schemas:
  Thing:
    type: object
    properties: {id: {type: string}, name: {type: string}}
  ThingPage:
    type: object
    properties:
      data: {type: array, items: {$ref: '#/components/schemas/Thing'}}
      has_more: {type: boolean}
"""


def _id(name: str) -> str:
    return f"[{{name: {name}, in: path, required: true, schema: {{type: string}}}}]"


CONSTRUCTS = [
    Construct(
        "version_prefix",
        f"""
        /v1/parcels:
          get: {{responses: {PAGE}}}
          post: {{responses: {OBJECT}}}
        /v1/parcels/{{parcel}}:
          parameters: {_id("parcel")}
          get: {{responses: {OBJECT}}}
          post: {{responses: {OBJECT}}}
          delete: {{responses: {OK}}}
        /v1/depots:
          get: {{responses: {ARRAY}}}
        """,
        {
            "GET /v1/parcels": "parcels.list",
            "POST /v1/parcels": "parcels.create",
            "GET /v1/parcels/{parcel}": "parcels.retrieve",
            "POST /v1/parcels/{parcel}": "parcels.update",
            "DELETE /v1/parcels/{parcel}": "parcels.delete",
            "GET /v1/depots": "depots.list",
        },
        THINGS,
    ),
    Construct(
        "date_version_and_format_suffix",
        f"""
        /2015-06-30/Teams.json:
          get: {{responses: {PAGE}}}
          post: {{responses: {OBJECT}}}
        /2015-06-30/Teams/{{TeamSid}}.json:
          parameters: {_id("TeamSid")}
          get: {{responses: {OBJECT}}}
        /2015-06-30/Teams/{{TeamSid}}/Rooms.json:
          parameters: {_id("TeamSid")}
          get: {{responses: {PAGE}}}
          post: {{responses: {OBJECT}}}
        /2015-06-30/Teams/{{TeamSid}}/Rooms/{{Sid}}.json:
          parameters: [{{name: TeamSid, in: path, required: true, schema: {{type: string}}}},
                       {{name: Sid, in: path, required: true, schema: {{type: string}}}}]
          get: {{responses: {OBJECT}}}
          post: {{responses: {OBJECT}}}
          delete: {{responses: {OK}}}
        """,
        {
            "GET /2015-06-30/Teams.json": "teams.list",
            "POST /2015-06-30/Teams.json": "teams.create",
            "GET /2015-06-30/Teams/{TeamSid}.json": "teams.retrieve",
            "GET /2015-06-30/Teams/{TeamSid}/Rooms.json": "teams.rooms.list",
            "POST /2015-06-30/Teams/{TeamSid}/Rooms.json": "teams.rooms.create",
            "GET /2015-06-30/Teams/{TeamSid}/Rooms/{Sid}.json": "teams.rooms.retrieve",
            "POST /2015-06-30/Teams/{TeamSid}/Rooms/{Sid}.json": "teams.rooms.update",
            "DELETE /2015-06-30/Teams/{TeamSid}/Rooms/{Sid}.json": "teams.rooms.delete",
        },
        THINGS,
    ),
    Construct(
        "generic_root_and_bare_version",
        f"""
        /rest/api/2/board:
          get: {{responses: {ARRAY}}}
          post: {{responses: {OBJECT}}}
        /rest/api/2/board/search:
          get: {{responses: {PAGE}}}
        /rest/api/2/board/{{boardKey}}:
          parameters: {_id("boardKey")}
          get: {{responses: {OBJECT}}}
        /rest/api/2/sprint/{{sprintId}}:
          parameters: {_id("sprintId")}
          put: {{responses: {OBJECT}}}
        """,
        {
            "GET /rest/api/2/board": "board.list",
            "POST /rest/api/2/board": "board.create",
            "GET /rest/api/2/board/search": "board.search",
            "GET /rest/api/2/board/{boardKey}": "board.retrieve",
            "PUT /rest/api/2/sprint/{sprintId}": "sprint.update",
        },
        THINGS,
    ),
    Construct(
        "cluster_api_groups",
        f"""
        /api/v1/namespaces/{{namespace}}/widgets:
          parameters: {_id("namespace")}
          get: {{operationId: listCoreV1NamespacedWidget, responses: {PAGE}}}
          post: {{operationId: createCoreV1NamespacedWidget, responses: {OBJECT}}}
          delete: {{operationId: deleteCoreV1CollectionNamespacedWidget, responses: {OK}}}
        /api/v1/namespaces/{{namespace}}/widgets/{{name}}:
          parameters: [{{name: namespace, in: path, required: true, schema: {{type: string}}}},
                       {{name: name, in: path, required: true, schema: {{type: string}}}}]
          get: {{operationId: readCoreV1NamespacedWidget, responses: {OBJECT}}}
          put: {{operationId: replaceCoreV1NamespacedWidget, responses: {OBJECT}}}
          patch: {{operationId: patchCoreV1NamespacedWidget, responses: {OBJECT}}}
          delete: {{operationId: deleteCoreV1NamespacedWidget, responses: {OBJECT}}}
        /api/v1/widgets:
          get: {{operationId: listCoreV1WidgetForAllNamespaces, responses: {PAGE}}}
        /api/v1/namespaces/{{namespace}}/gadgetmaps:
          parameters: {_id("namespace")}
          delete: {{operationId: deleteCoreV1CollectionNamespacedGadgetMap, responses: {OK}}}
        /api/v1/namespaces/{{namespace}}/gadgetmaps/{{name}}:
          parameters: [{{name: namespace, in: path, required: true, schema: {{type: string}}}},
                       {{name: name, in: path, required: true, schema: {{type: string}}}}]
          delete: {{operationId: deleteCoreV1NamespacedGadgetMap, responses: {OK}}}
        /apis/fleet/v2beta1/namespaces/{{namespace}}/drones:
          parameters: {_id("namespace")}
          get: {{operationId: listFleetV2beta1NamespacedDrone, responses: {PAGE}}}
        """,
        {
            "GET /api/v1/namespaces/{namespace}/widgets": "namespaces.widgets.list",
            "POST /api/v1/namespaces/{namespace}/widgets": "namespaces.widgets.create",
            "DELETE /api/v1/namespaces/{namespace}/widgets": "namespaces.widgets.delete_collection",
            "GET /api/v1/namespaces/{namespace}/widgets/{name}": "namespaces.widgets.retrieve",
            "PUT /api/v1/namespaces/{namespace}/widgets/{name}": "namespaces.widgets.replace",
            "PATCH /api/v1/namespaces/{namespace}/widgets/{name}": "namespaces.widgets.update",
            "DELETE /api/v1/namespaces/{namespace}/widgets/{name}": "namespaces.widgets.delete",
            "GET /api/v1/widgets": "widgets.list",
            "DELETE /api/v1/namespaces/{namespace}/gadgetmaps": "namespaces.gadgetmaps.delete_collection",
            "DELETE /api/v1/namespaces/{namespace}/gadgetmaps/{name}": "namespaces.gadgetmaps.delete",
            "GET /apis/fleet/v2beta1/namespaces/{namespace}/drones": "fleet.namespaces.drones.list",
        },
        THINGS,
    ),
    Construct(
        "trailing_verb_segment",
        f"""
        /v1/studio/agents:
          get: {{responses: {PAGE}}}
        /v1/studio/agents/create:
          post: {{responses: {OBJECT}}}
        /v1/studio/agents/search:
          get: {{responses: {PAGE}}}
        /v1/studio/agents/{{agent_id}}:
          parameters: {_id("agent_id")}
          get: {{responses: {OBJECT}}}
        /v1/studio/agents/{{agent_id}}/duplicate:
          parameters: {_id("agent_id")}
          post: {{responses: {OBJECT}}}
        /v1/ledgers/get:
          post: {{responses: {OBJECT}}}
        /v1/jobs/{{job}}:cancel:
          parameters: {_id("job")}
          post: {{responses: {OBJECT}}}
        """,
        {
            "GET /v1/studio/agents": "studio.agents.list",
            "POST /v1/studio/agents/create": "studio.agents.create",
            "GET /v1/studio/agents/search": "studio.agents.search",
            "GET /v1/studio/agents/{agent_id}": "studio.agents.retrieve",
            "POST /v1/studio/agents/{agent_id}/duplicate": "studio.agents.duplicate",
            "POST /v1/ledgers/get": "ledgers.get",
            "POST /v1/jobs/{job}:cancel": "jobs.cancel",
        },
        THINGS,
    ),
    Construct(
        "single_object_get",
        f"""
        /v1/account:
          get: {{responses: {OBJECT}}}
        /users/me:
          get: {{responses: {OBJECT}}}
        /users:
          get: {{responses: {ARRAY}}}
        /reports:
          get: {{responses: {PAGE}}}
        /stock:
          get:
            responses:
              '200':
                description: ok
                content: {{application/json: {{schema: {{type: object, additionalProperties: {{type: integer}}}}}}}}
        /stock-levels:
          get:
            operationId: listStockLevels
            responses:
              '200':
                description: ok
                content: {{application/json: {{schema: {{type: object, additionalProperties: {{type: integer}}}}}}}}
        """,
        {
            "GET /v1/account": "account.retrieve",
            "GET /users/me": "users.me.retrieve",
            "GET /users": "users.list",
            "GET /reports": "reports.list",
            "GET /stock": "stock.retrieve",
            "GET /stock-levels": "stock_levels.list",
        },
        THINGS,
    ),
    Construct(
        "post_to_an_item_that_is_not_a_resource",
        f"""
        /v1/speech-synthesis/{{voice_id}}:
          parameters: {_id("voice_id")}
          post: {{responses: {OBJECT}}}
        /v1/voices/{{voice_id}}:
          parameters: {_id("voice_id")}
          get: {{responses: {OBJECT}}}
          post: {{responses: {OBJECT}}}
        """,
        {
            "POST /v1/speech-synthesis/{voice_id}": "speech_synthesis.create",
            "GET /v1/voices/{voice_id}": "voices.retrieve",
            "POST /v1/voices/{voice_id}": "voices.update",
        },
        THINGS,
    ),
    Construct(
        "operation_id_verb",
        f"""
        /v1/projects/{{project_id}}/archive:
          parameters: {_id("project_id")}
          post: {{operationId: archiveProject, responses: {OBJECT}}}
          delete: {{operationId: unarchiveProject, responses: {OBJECT}}}
        /v1/tuning/models/{{model_id}}/archive:
          parameters: {_id("model_id")}
          post: {{operationId: routes_tuning_archive_tuned_model, responses: {OBJECT}}}
          delete: {{operationId: routes_tuning_unarchive_tuned_model, responses: {OBJECT}}}
        /v1/documents/{{document_id}}:
          parameters: {_id("document_id")}
          post: {{operationId: convertDocument, responses: {OBJECT}}}
        /v1/projects:
          get: {{operationId: searchProjects, responses: {PAGE}}}
        /v1/orders/{{order_id}}:
          parameters: {_id("order_id")}
          get: {{operationId: fetchOrder, responses: {OBJECT}}}
        /v1/export-jobs:
          get: {{operationId: ExportJobs_list, responses: {PAGE}}}
        /v1/invoices/{{invoice_id}}/send:
          parameters: {_id("invoice_id")}
          post: {{operationId: finalizeAndSendInvoice, responses: {OBJECT}}}
        """,
        {
            "POST /v1/projects/{project_id}/archive": "projects.archive",
            "DELETE /v1/projects/{project_id}/archive": "projects.unarchive",
            "POST /v1/tuning/models/{model_id}/archive": "tuning.models.archive",
            "DELETE /v1/tuning/models/{model_id}/archive": "tuning.models.unarchive",
            "POST /v1/documents/{document_id}": "documents.convert",
            "GET /v1/projects": "projects.search",
            "GET /v1/orders/{order_id}": "orders.retrieve",
            "GET /v1/export-jobs": "export_jobs.list",
            "POST /v1/invoices/{invoice_id}/send": "invoices.send",
        },
        THINGS,
    ),
    Construct(
        "rpc_names_grouped_by_tag",
        f"""
        /getUser:
          post: {{tags: [Users], responses: {OBJECT}}}
        /listUsers:
          post: {{tags: [Users], responses: {PAGE}}}
        /createUser:
          post: {{tags: [Users], responses: {OBJECT}}}
        /getInvoice:
          post: {{tags: [Billing > Invoices], responses: {OBJECT}}}
        /cancelSubscription:
          post: {{responses: {OBJECT}}}
        """,
        {
            "POST /getUser": "users.get",
            "POST /listUsers": "users.list",
            "POST /createUser": "users.create",
            "POST /getInvoice": "billing.invoices.get",
            "POST /cancelSubscription": "subscription.cancel",
        },
        THINGS,
    ),
    Construct(
        "every_operation_under_one_literal",
        f"""
        /rpc/getUser:
          post: {{tags: [Users], responses: {OBJECT}}}
        /rpc/deleteUser:
          post: {{tags: [Users], responses: {OBJECT}}}
        /rpc/listTeams:
          post: {{tags: [Teams], responses: {PAGE}}}
        """,
        {
            "POST /rpc/getUser": "users.get",
            "POST /rpc/deleteUser": "users.delete",
            "POST /rpc/listTeams": "teams.list",
        },
        THINGS,
    ),
    Construct(
        "shared_literal_prefix",
        f"""
        /shop/carts:
          get: {{responses: {PAGE}}}
        /shop/carts/{{cart_id}}:
          parameters: {_id("cart_id")}
          get: {{responses: {OBJECT}}}
        /shop/orders:
          post: {{responses: {OBJECT}}}
        """,
        {
            "GET /shop/carts": "carts.list",
            "GET /shop/carts/{cart_id}": "carts.retrieve",
            "POST /shop/orders": "orders.create",
        },
        THINGS,
    ),
    Construct(
        "one_resource_keeps_its_name",
        f"""
        /chat/completions:
          post: {{responses: {OBJECT}}}
        /chat/completions/{{completion_id}}:
          parameters: {_id("completion_id")}
          get: {{responses: {OBJECT}}}
        """,
        {
            "POST /chat/completions": "chat.completions.create",
            "GET /chat/completions/{completion_id}": "chat.completions.retrieve",
        },
        THINGS,
    ),
    Construct(
        "one_resource_under_a_prefix",
        f"""
        /garden/pets:
          get: {{responses: {ARRAY}}}
        /garden/pets/{{pet_id}}:
          parameters: {_id("pet_id")}
          get: {{responses: {OBJECT}}}
        """,
        {"GET /garden/pets": "garden.pets.list", "GET /garden/pets/{pet_id}": "garden.pets.retrieve"},
        THINGS,
    ),
]
