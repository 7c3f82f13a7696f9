"""Where generated classes live and what they are called: a module per owner, short names in it.

A component's inline models sit in its module, named by their path below it; an operation's own
inline types in modules named after its call path; request types per component and per operation;
a resource per module, nested resources in subpackages, each class named after its own segment.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import typing
from pathlib import Path

import typing_extensions

from tests.support.packages import generated_package, model_classes

SHOP = """
openapi: 3.0.3
info: {title: Shop, version: "1"}
servers: [{url: "https://shop.test"}]
paths:
  /orders:
    get:
      operationId: listOrders
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Order"}}}
    post:
      operationId: postOrdersCreateAnOrderWithAVeryLongOperationId
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [shipping]
              properties:
                shipping:
                  type: object
                  properties:
                    address:
                      type: object
                      properties:
                        street: {type: string}
                        country: {type: string, enum: [at, be, ch, de, dk, es, fi, fr, gb, ie, it, nl, no, pt, se]}
                item: {$ref: "#/components/schemas/Item"}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  id: {type: string}
                  receipt: {type: object, properties: {url: {type: string}}}
components:
  schemas:
    Order:
      type: object
      properties:
        id: {type: string}
        address:
          type: object
          properties:
            street: {type: string}
            geo: {type: object, properties: {lat: {type: number}}}
        lines:
          type: array
          items: {type: object, properties: {sku: {type: string}}}
        item:
          type: object
          description: The order's own item, beside the Item component it also names.
          properties: {note: {type: string}}
        featured: {$ref: "#/components/schemas/Item"}
        tag:
          type: object
          properties: {label: {type: string}}
    Item:
      type: object
      properties:
        sku: {type: string}
        order: {$ref: "#/components/schemas/Order"}
"""


def test_inline_models_of_a_component_live_in_its_module_named_by_their_path(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SHOP)
    with generated_package(spec, tmp_path / "out", "shop_client", package_name="shop_client") as client:
        order = importlib.import_module("shop_client.types.order")
        assert {"Order", "Address", "AddressGeo", "Line"} <= set(order.__all__)
        assert {c.__module__ for c in (order.Order, order.Address, order.AddressGeo, order.Line)} == {"shop_client.types.order"}
        # The component is exported from `types`; its inline parts are imported from its module.
        assert client.types.Order is order.Order and "Address" not in dir(client.types)
        # `Item` is the component's name: the inline `item` takes the next candidate, the component's
        # name and its path; `Tag` is a name the module uses itself (pydantic's): so is it.
        assert order.OrderItem.__doc__ == "The order's own item, beside the Item component it also names."
        assert hasattr(order, "OrderTag") and not isinstance(getattr(order, "Tag", None), type(order.Order))
        parsed = order.Order.model_validate({"item": {"note": "n"}, "featured": {"sku": "s"}, "tag": {"label": "l"},
                                             "lines": [{"sku": "a"}], "address": {"geo": {"lat": 1.5}}})  # fmt: skip
        assert type(parsed.item) is order.OrderItem and type(parsed.featured) is client.types.Item
        assert parsed.lines[0].sku == "a" and parsed.address.geo.lat == 1.5


def test_an_operations_own_types_are_in_modules_named_after_its_call_path(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SHOP)
    with generated_package(spec, tmp_path / "out", "shop_client", package_name="shop_client"):
        types = tmp_path / "out" / "shop_client" / "types"
        response = importlib.import_module("shop_client.types.order_create_response")
        assert response.OrderCreateResponse.model_validate({"receipt": {"url": "u"}}).receipt.url == "u"
        assert set(response.__all__) == {"OrderCreateResponse", "Receipt"}
        params = importlib.import_module("shop_client.types.order_create_params")
        # The body's inline objects by their path below it; a long inline enum by its key.
        assert typing_extensions.is_typeddict(params.Shipping) and typing_extensions.is_typeddict(params.ShippingAddress)
        assert typing.get_args(params.ShippingAddressCountry)[0] == "at"
        # The Item component's request type is a module of its own; no module holds every request type.
        assert typing_extensions.is_typeddict(importlib.import_module("shop_client.types.item_param").ItemParam)
        assert not (types / "params.py").exists()
        source = (tmp_path / "out" / "shop_client" / "resources" / "orders.py").read_text()
        assert "shipping: order_create_params.Shipping," in source and "item: Union[ItemParam, NotGiven]" in source


def test_components_that_refer_to_each_other_keep_a_module_each(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Order and Item refer to each other: each keeps its module, and either may be imported first."""
    spec = write_spec(SHOP)
    with generated_package(spec, tmp_path / "out", "shop_client", package_name="shop_client"):
        out = tmp_path / "out"
        for first in ("item", "order"):
            probe = (f"import shop_client.types.{first}\nfrom shop_client.types import Order, Item\n"
                     "item = Item.model_validate({'order': {'featured': {'sku': 'x', 'order': {}}}})\n"
                     "assert type(item.order) is Order and type(item.order.featured) is Item\n"
                     "assert Order.__module__ == 'shop_client.types.order' and Item.__module__ == 'shop_client.types.item'\n")  # fmt: skip
            result = subprocess.run([sys.executable, "-c", probe], cwd=out, capture_output=True, text=True)
            assert result.returncode == 0, result.stderr


BASE_IN_A_CYCLE = """
openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      responses:
        "200":
          description: ok
          content: {application/json: {schema: {$ref: "#/components/schemas/Cat"}}}
components:
  schemas:
    Pet:
      type: object
      properties:
        owner: {$ref: "#/components/schemas/Owner"}
    Owner:
      type: object
      properties:
        pets: {type: array, items: {$ref: "#/components/schemas/Pet"}}
    Cat:
      allOf:
        - $ref: "#/components/schemas/Pet"
        - type: object
          properties:
            lives: {type: integer}
"""


def test_a_subclass_of_a_class_in_an_import_cycle_shares_its_module(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A class needs its base complete when it is made: it cannot come from the end of a module in a
    cycle. Cat joins Pet's module (Pet and Owner import each other); it still parses either way."""
    spec = write_spec(BASE_IN_A_CYCLE)
    with generated_package(spec, tmp_path / "out", "pets_client", package_name="pets_client"):
        types = importlib.import_module("pets_client.types")
        cat = types.Cat.model_validate({"lives": 9, "owner": {"pets": [{"owner": {}}]}})
        assert cat.lives == 9 and type(cat.owner) is types.Owner
        assert types.Cat.__module__ == types.Pet.__module__ != types.Owner.__module__


NESTED = """
openapi: 3.0.3
info: {title: Nest, version: "1"}
servers: [{url: "https://nest.test"}]
paths:
  /chat/completions:
    post: {operationId: createChatCompletion, responses: {"200": {description: ok}}}
  /chat/completions/{id}/messages:
    get:
      operationId: listMessages
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses: {"200": {description: ok}}
  /beta/threads/{thread_id}/runs/{run_id}/steps:
    get:
      operationId: listRunSteps
      parameters:
        - {name: thread_id, in: path, required: true, schema: {type: string}}
        - {name: run_id, in: path, required: true, schema: {type: string}}
      responses: {"200": {description: ok}}
  /files:
    get: {operationId: listFiles, responses: {"200": {description: ok}}}
"""


def test_nested_resources_are_subpackages_loaded_on_first_use(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(NESTED)
    with generated_package(spec, tmp_path / "out", "nest_client", package_name="nest_client"):
        resources = tmp_path / "out" / "nest_client" / "resources"
        files = sorted(str(p.relative_to(resources)) for p in resources.rglob("*.py"))
        assert files == [
            "__init__.py", "beta/__init__.py", "beta/beta.py", "beta/threads/__init__.py",
            "beta/threads/runs/__init__.py", "beta/threads/runs/runs.py", "beta/threads/runs/steps.py",
            "beta/threads/threads.py", "chat/__init__.py", "chat/chat.py", "chat/completions/__init__.py",
            "chat/completions/completions.py", "chat/completions/messages.py", "files.py",
        ]  # fmt: skip
        probe = """
import sys
import nest_client
client = nest_client.Nest()
loaded = lambda: sorted(m for m in sys.modules if ".resources." in m)
assert loaded() == [], loaded()
completions = client.chat.completions
assert loaded() == ["nest_client.resources.chat", "nest_client.resources.chat.chat",
                    "nest_client.resources.chat.completions", "nest_client.resources.chat.completions.completions"], loaded()
assert type(completions).__name__ == "Completions" and type(completions.messages).__name__ == "Messages"
assert type(client.with_raw_response.chat.completions).__name__ == "CompletionsWithRawResponse"
steps = nest_client.AsyncNest().with_streaming_response.beta.threads.runs.steps
assert type(steps).__name__ == "AsyncStepsWithStreamingResponse", type(steps)
from nest_client.resources.chat import AsyncCompletions, Chat
from nest_client.resources.beta.threads.runs import Steps
assert Steps.__module__ == "nest_client.resources.beta.threads.runs.steps"
print("ok")
"""
        result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path / "out", capture_output=True, text=True)
        assert result.stdout.strip() == "ok", result.stderr


def test_a_resource_named_like_its_parent_or_the_client_takes_the_next_name(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec("""
        openapi: 3.0.3
        info: {title: Nest, version: "1"}
        paths:
          /nest:
            get: {operationId: listNests, responses: {"200": {description: ok}}}
          /files/{id}/files:
            get:
              operationId: listFileFiles
              parameters: [{name: id, in: path, required: true, schema: {type: string}}]
              responses: {"200": {description: ok}}
          /files:
            get: {operationId: listFiles, responses: {"200": {description: ok}}}
    """)
    with generated_package(spec, tmp_path / "out", "nest_client", package_name="nest_client") as client:
        nest = client.Nest(base_url="https://nest.test")
        assert type(nest.nest).__name__ == "NestResource"  # `Nest` is the client
        assert type(nest.files).__name__ == "Files" and type(nest.files.files).__name__ == "FilesFiles"
        assert type(nest.files.files).__module__ == "nest_client.resources.files.files_2"


def test_every_model_class_of_the_full_spec_is_importable_from_its_module(full_client) -> None:  # type: ignore[no-untyped-def]
    """Every class is imported from its module (`types.<module>.<Name>`); the component ones, and only
    they, from `types` as well."""
    classes = model_classes(full_client.__name__)
    assert len(classes) > 700
    types = importlib.import_module(f"{full_client.__name__}.types")
    exported = [getattr(types, name) for name in dir(types)]  # each found in its module on first use
    prefix = f"{full_client.__name__}.types."
    exported_classes = [value for value in exported if value in classes.values()]
    assert len(exported_classes) > 400  # of 580 names: the rest are aliases (unions, enums)
    # The inline classes are not: their short names would collide there (`Choice`, `Data`, ...).
    assert len(classes) - len(exported_classes) > 200
    assert all(classes[f"{c.__module__.removeprefix(prefix)}.{c.__name__}"] is c for c in exported_classes)
    assert classes["create_chat_completion_response.CreateChatCompletionResponse"] is types.CreateChatCompletionResponse
