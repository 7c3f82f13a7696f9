"""Inputs typed as TypedDicts with wire-name keys, Sequence/Mapping
arguments, docstrings on every overload, and the wire JSON those dicts make."""

from __future__ import annotations

import ast
import importlib
import json
import sys
import typing

import typing_extensions
from pathlib import Path
from types import ModuleType
from typing import Any, Iterator

import pytest

from generator.pipeline import Options, generate, write
from tests.support.packages import generated_package
from tests.support.spec_server import SpecServer

SPEC = """
openapi: 3.1.0
info: {title: Orders API, version: "1.0"}
servers: [{url: "https://orders.example"}]
paths:
  /orders:
    post:
      operationId: createOrder
      summary: Orders
      description: Places an order for the items given. The order is billed at once.
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/OrderRequest"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
components:
  schemas:
    OrderRequest:
      type: object
      required: [items, shipping]
      properties:
        items:
          type: array
          items: {$ref: "#/components/schemas/Item"}
        shipping:
          description: Where the order goes.
          oneOf:
            - $ref: "#/components/schemas/Pickup"
            - $ref: "#/components/schemas/Delivery"
        tags:
          type: object
          additionalProperties: {type: string}
        priority: {type: string, enum: [low, normal, high, urgent, whenever-you-can, right-now]}
    Item:
      type: object
      required: [sku, x-quantity]
      properties:
        sku: {type: string, description: The stock keeping unit.}
        x-quantity: {type: integer}
        class: {type: string, enum: [standard, fragile]}
    Pickup:
      type: object
      additionalProperties: false
      required: [kind, store]
      properties:
        kind: {type: string, enum: [pickup]}
        store: {type: string}
    Delivery:
      type: object
      required: [kind, address]
      properties:
        kind: {type: string, enum: [delivery]}
        address:
          type: object
          required: [street]
          properties:
            street: {type: string}
            floor: {type: [integer, "null"]}
"""


@pytest.fixture(scope="module")
def orders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path, SpecServer]]:
    root = tmp_path_factory.mktemp("orders")
    (root / "spec.yaml").write_text(SPEC)
    (root / "config.yaml").write_text("package_name: orders_client\nclient_class: Orders\nasync_client_class: AsyncOrders\n")
    with generated_package(root / "spec.yaml", root / "out", "orders_client", config=root / "config.yaml") as module:
        with SpecServer(root / "spec.yaml") as server:
            yield module, root / "out" / "orders_client", server


def test_request_objects_are_typeddicts_keyed_by_wire_names(orders: tuple[ModuleType, Path, SpecServer]) -> None:
    item = importlib.import_module("orders_client.types.item_param").ItemParam
    assert typing_extensions.is_typeddict(item)
    # Keys that are not identifiers (x-quantity) or are keywords (class) keep their wire names.
    assert set(item.__annotations__) == {"sku", "x-quantity", "class"}
    # The inline address of Delivery is a TypedDict in Delivery's module, named by its path there.
    assert typing_extensions.is_typeddict(importlib.import_module("orders_client.types.delivery_param").Address)
    types = orders[1] / "types"
    item_source = (types / "item_param.py").read_text()
    delivery, pickup = ((types / f"{name}_param.py").read_text() for name in ("delivery", "pickup"))
    assert 'ItemParam = TypedDict(' in item_source and '"x-quantity": "Required[int]"' in item_source
    # Delivery allows keys it does not name (PEP 728); Pickup forbids them.
    assert "class DeliveryParam(TypedDict, total=False, extra_items=object):  # type: ignore[" in delivery
    assert "class PickupParam(TypedDict, total=False):" in pickup
    assert "kind: Required[Literal[\"delivery\"]]" in delivery
    assert "floor: Optional[int]" in delivery
    # Docs of keys the class syntax cannot hold go into the docstring after the assignment.
    assert "`sku`: The stock keeping unit." in item_source


def test_method_takes_sequences_mappings_and_named_aliases(orders: tuple[ModuleType, Path, SpecServer]) -> None:
    source = (orders[1] / "resources" / "orders.py").read_text()
    tree = ast.parse(source)
    create = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "create")
    annotations = {a.arg: ast.unparse(a.annotation) for a in create.args.kwonlyargs if a.annotation}
    assert annotations["items"] == "Sequence[ItemParam]"
    # The oneOf of two objects is a union of their TypedDicts, not of models or Dict[str, Any].
    assert annotations["shipping"] == "Union[PickupParam, DeliveryParam]"
    assert annotations["tags"] == "Union[Mapping[str, str], NotGiven]"
    # A long inline enum gets one name, defined once in the module of the body's schema.
    assert annotations["priority"] == "Union[order_request_param.Priority, NotGiven]"
    assert "from ..types import order_request_param\n" in source
    assert "Dict[str, Any]" not in "".join(annotations.values())


def test_dicts_and_tuples_reach_the_wire_as_the_same_json(orders: tuple[ModuleType, Path, SpecServer]) -> None:
    package, _, server = orders
    item_param = importlib.import_module("orders_client.types.item_param")
    client = package.Orders(base_url=server.url)
    item = item_param.ItemParam({"sku": "A-1", "x-quantity": 2, "class": "fragile"})  # a TypedDict is a dict
    server.clear()
    client.orders.create(
        items=(item, {"sku": "B-2", "x-quantity": 1}),  # any Sequence, here a tuple
        shipping={"kind": "delivery", "address": {"street": "Main St 1", "floor": None}},
        tags={"gift": "yes"},
        priority="whenever-you-can",
    )
    (request,) = server.requests
    assert request.errors == []
    assert json.loads(request.body) == {
        "items": [{"sku": "A-1", "x-quantity": 2, "class": "fragile"}, {"sku": "B-2", "x-quantity": 1}],
        "shipping": {"kind": "delivery", "address": {"street": "Main St 1", "floor": None}},
        "tags": {"gift": "yes"},
        "priority": "whenever-you-can",
    }


def test_every_overload_carries_the_docstring(orders: tuple[ModuleType, Path, SpecServer]) -> None:
    module = importlib.import_module("orders_client.resources.orders")
    doc = module.OrdersResource.create.__doc__ or ""  # `Orders` is the client's name
    first, _, rest = doc.partition("\n")
    assert first == "Places an order for the items given."  # the summary "Orders" says too little
    assert "The order is billed at once." in rest
    for name in ("items", "shipping", "tags", "priority"):
        assert f"    {name}: " in doc, name
    assert "shipping: Where the order goes." in doc
    assert "tags: The request body's `tags` field." in doc  # undocumented: where it goes


def _functions(path: Path) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def test_full_spec_inputs_have_no_dict_any_arm_and_overloads_have_docs(full_client: ModuleType) -> None:
    resources = Path(full_client.__file__).parent / "resources"
    untyped: list[str] = []
    overloads = documented = 0
    for path in sorted(resources.rglob("*.py")):
        for function in _functions(path):
            arguments = [*function.args.args, *function.args.kwonlyargs]
            for argument in arguments:
                text = ast.unparse(argument.annotation) if argument.annotation else ""
                if "Dict[" in text or "List[" in text or text == "Any":
                    untyped.append(f"{path.name}:{function.name}({argument.arg}: {text})")
            if any(ast.unparse(d) == "overload" for d in function.decorator_list):
                overloads += 1
                docstring = ast.get_docstring(function) or ""
                documented += bool(docstring)
                names = [a.arg for a in arguments if a.arg != "self"][:-5]  # the operation's own arguments
                missing = [n for n in names if f"    {n}: " not in docstring]
                assert missing == [], f"{path.name}:{function.name} leaves {missing} out of Args"
    assert untyped == []
    assert overloads > 0 and documented == overloads


def test_full_spec_chat_messages_are_typed_dicts(full_client: ModuleType) -> None:
    types = f"{full_client.__name__}.types"
    user = importlib.import_module(f"{types}.chat_completion_request_user_message_param").ChatCompletionRequestUserMessageParam
    assert typing_extensions.is_typeddict(user)
    hints = typing_extensions.get_type_hints(user, include_extras=True)
    assert hints["role"] == typing_extensions.Required[typing.Literal["user"]]
    assert typing.get_origin(hints["content"]) is typing_extensions.Required
    message = importlib.import_module(f"{types}.chat_completion_request_message_param").ChatCompletionRequestMessageParam
    message_kinds = typing.get_args(message)
    assert user in message_kinds and all(typing_extensions.is_typeddict(k) for k in message_kinds)


def test_a_model_instance_is_still_sent_as_its_json(orders: tuple[ModuleType, Path, SpecServer]) -> None:
    """Inputs are typed as the dicts only (as openai-python), but a model passed anyway is sent as its JSON."""
    package, _, server = orders
    from orders_client.types import Item

    client = package.Orders(base_url=server.url)
    server.clear()
    model: Any = Item.model_validate({"sku": "C-3", "x-quantity": 5})
    client.orders.create(items=[model], shipping={"kind": "pickup", "store": "north"})
    (request,) = server.requests
    assert request.errors == []
    assert json.loads(request.body)["items"] == [{"sku": "C-3", "x-quantity": 5}]
