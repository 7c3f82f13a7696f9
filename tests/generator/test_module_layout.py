"""Where generated classes live: an inline model written inside one schema sits in that schema's module."""

from __future__ import annotations

from pathlib import Path

from tests.support.packages import generated_package


def test_inline_models_of_a_component_live_in_its_module(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(
        """
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
        """
    )
    with generated_package(spec, tmp_path / "out", "shop_client", package_name="shop_client") as client:
        modules = sorted(p.name for p in (tmp_path / "out" / "shop_client" / "types").glob("*.py"))
        assert modules == ["__init__.py", "order.py"]
        from shop_client.types import Order, OrderAddress, OrderAddressGeo, OrderLinesItem

        assert {m.__module__ for m in (Order, OrderAddress, OrderAddressGeo, OrderLinesItem)} == {"shop_client.types.order"}
        assert client.types.OrderAddressGeo is OrderAddressGeo
