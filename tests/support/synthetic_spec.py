"""A synthetic API description shaped like Stripe's, of any size (no real spec is copied).

What it has, as Stripe's does: versioned paths (`/v1/...`) nested up to three resources deep with
ids between them; operation ids made of the whole path (`PostCustomersCustomerSourcesSourceVerify`);
list, create, retrieve, update, delete and action operations; form-encoded request bodies whose
fields are deep inline objects (four levels), arrays of inline objects and long enums; list
responses as inline `{object, data, has_more, url}` objects; component schemas with many fields,
inline objects and enums, and "expandable" fields (`anyOf: [string, $ref]`) that make most of the
objects refer to each other in a cycle; query parameters with inline objects (`created[gt]`).

`synthetic_spec(operations, schemas)` is deterministic for its arguments.
"""

from __future__ import annotations

import random
from typing import Any

_NOUNS = ("account", "application", "authorization", "balance", "bank", "billing", "capability", "card", "charge",
          "checkout", "climate", "coupon", "credit", "customer", "discount", "dispute", "event", "fee", "file",
          "financial", "identity", "invoice", "issuing", "item", "line", "mandate", "order", "payment", "payout",
          "person", "plan", "price", "product", "promotion", "quote", "radar", "refund", "report", "review",
          "schedule", "session", "setup", "shipping", "source", "subscription", "tax", "terminal", "token",
          "topup", "transfer", "treasury", "usage", "verification", "webhook")  # fmt: skip
_QUALIFIERS = ("intent", "method", "link", "record", "settings", "details", "configuration", "reader", "location",
               "transaction", "summary", "reversal", "attempt", "option", "rule", "threshold", "receipt")  # fmt: skip
_FIELDS = ("amount", "currency", "description", "metadata", "status", "created", "livemode", "email", "name",
           "phone", "address", "country", "city", "line1", "line2", "postal_code", "state", "type", "brand",
           "last4", "exp_month", "exp_year", "fingerprint", "funding", "network", "reason", "interval",
           "quantity", "unit_amount", "tax_behavior", "statement_descriptor", "expires_at", "url",
           "return_url", "capture_method", "confirmation_method", "setup_future_usage", "mandate_options",
           "payment_method_options", "billing_details", "shipping_details", "transfer_data", "automatic_tax",
           "collection_method", "days_until_due", "default_settings", "invoice_settings", "recurring",
           "preferred_locales", "tax_ids", "verification", "requirements", "settings", "controller")  # fmt: skip
_VALUES = ("ach_credit_transfer", "ach_debit", "acss_debit", "affirm", "afterpay_clearpay", "alipay", "au_becs_debit",
           "bacs_debit", "bancontact", "blik", "boleto", "card", "card_present", "cashapp", "customer_balance",
           "eps", "fpx", "giropay", "grabpay", "ideal", "interac_present", "klarna", "konbini", "link",
           "mobilepay", "multibanco", "oxxo", "p24", "paynow", "paypal", "pix", "promptpay", "revolut_pay",
           "sepa_debit", "sofort", "swish", "twint", "us_bank_account", "wechat_pay", "zip")  # fmt: skip
_ACTIONS = ("cancel", "capture", "confirm", "finalize", "pay", "void", "send", "verify", "approve", "decline",
            "reject", "close", "reopen", "expire", "attach", "detach")  # fmt: skip


def _operation_id(method: str, path: str) -> str:
    """Stripe's way: the method and every segment of the path but the version (`PostCustomersCustomerSources`)."""
    words = path.removeprefix("/v1").replace("{", "").replace("}", "").replace("/", "_").split("_")
    return method + "".join(word[:1].upper() + word[1:] for word in words if word)


class _Maker:
    def __init__(self, seed: int, components: list[str]) -> None:
        self.random = random.Random(seed)
        self.components = components

    def enum(self, low: int = 2, high: int = 20) -> dict[str, Any]:
        count = self.random.randint(low, high)
        return {"type": "string", "enum": self.random.sample(_VALUES, min(count, len(_VALUES)))}

    def scalar(self) -> dict[str, Any]:
        kind = self.random.random()
        if kind < 0.45:
            return {"type": "string", "maxLength": 5000, "description": "A string the API keeps as it is given."}
        if kind < 0.65:
            return {"type": "integer", "description": "A count, or an amount in the smallest currency unit."}
        if kind < 0.75:
            return {"type": "boolean"}
        return {**self.enum(), "description": "One of the values the API knows; others may come later."}

    def inline_object(self, depth: int, fields: int = 5) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        for name in self.random.sample(_FIELDS, self.random.randint(2, fields)):
            if depth > 0 and self.random.random() < 0.3:
                properties[name] = self.inline_object(depth - 1, fields)
            elif depth > 0 and self.random.random() < 0.08:
                properties[name] = {"type": "array", "items": self.inline_object(depth - 1, fields)}
            else:
                properties[name] = self.scalar()
        return {"type": "object", "description": "Settings of one part of the object.", "properties": properties}

    def component(self, index: int, main: int) -> dict[str, Any]:
        """Component `index`; the first `main` are the objects operations are about, which expand each other."""
        properties: dict[str, Any] = {"id": {"type": "string", "maxLength": 5000},
                                      "object": {"type": "string", "enum": [self.components[index]]}}  # fmt: skip
        for name in self.random.sample(_FIELDS, self.random.randint(3, 14)):
            roll = self.random.random()
            if roll < 0.15 and index < main:
                other = self.components[self.random.randrange(main)]
                properties[name] = {"anyOf": [{"type": "string", "maxLength": 5000}, {"$ref": f"#/components/schemas/{other}"}],
                                    "nullable": True, "description": "The object's id, or the object when expanded."}  # fmt: skip
            elif roll < 0.25:
                other = self.components[self.random.randrange(len(self.components))]
                properties[name] = {"$ref": f"#/components/schemas/{other}"}
            elif roll < 0.3:  # most parts of an object are components of their own, as in Stripe's
                properties[name] = self.inline_object(1)
            else:
                properties[name] = self.scalar()
        return {"type": "object", "title": self.components[index], "description": "An object of the API.",
                "required": ["id", "object"], "properties": properties}  # fmt: skip

    def form_body(self) -> dict[str, Any]:
        properties = {"expand": {"type": "array", "items": {"type": "string", "maxLength": 5000}},
                      "metadata": {"anyOf": [{"type": "object", "additionalProperties": {"type": "string"}},
                                             {"type": "string", "enum": [""]}]}}  # fmt: skip
        for name in self.random.sample(_FIELDS, self.random.randint(3, 10)):
            properties[name] = self.inline_object(3) if self.random.random() < 0.4 else self.scalar()
        encoding = {name: {"style": "deepObject", "explode": True} for name, value in properties.items()
                    if isinstance(value, dict) and value.get("type") in ("object", "array")}  # fmt: skip
        return {"content": {"application/x-www-form-urlencoded": {"encoding": encoding,
                "schema": {"type": "object", "additionalProperties": False, "properties": properties}}}}  # fmt: skip


def _plural(name: str) -> str:
    if name.endswith("y"):
        return name[:-1] + "ies"
    return name + "es" if name.endswith(("s", "x", "ch", "sh")) else name + "s"


def _response(schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "Successful response.", "content": {"application/json": {"schema": schema}}},
            "default": {"description": "Error response.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/error"}}}}}  # fmt: skip


def synthetic_spec(operations: int = 500, schemas: int = 2500, seed: int = 0) -> dict[str, Any]:
    """A Stripe-shaped spec with about `operations` operations and `schemas` component schemas."""
    rng = random.Random(seed)
    # The objects operations are about have names of one or two words (`customer`, `payment_intent`);
    # the rest two to five (`payment_method_details_card_present`).
    owners = sorted({*_NOUNS, *(f"{noun}_{qualifier}" for noun in _NOUNS for qualifier in _QUALIFIERS)})
    owners = rng.sample(owners, min(len(owners), schemas // 5, max(operations // 5, 1)))
    found = set(owners)
    while len(found) < schemas - 1:
        words = [rng.choice(_NOUNS)] + [rng.choice(_QUALIFIERS + _NOUNS) for _ in range(rng.randint(1, 4))]
        found.add("_".join(words))
    names = owners + sorted(found - set(owners))
    maker = _Maker(seed, names)
    components: dict[str, Any] = {name: maker.component(i, len(owners)) for i, name in enumerate(names)}
    components["error"] = {"type": "object", "properties": {"error": maker.inline_object(1)}}
    paths: dict[str, Any] = {}
    count = 0
    resource = 0
    while count < operations:
        owner = owners[resource % len(owners)]
        plural = _plural(owner)
        depth = resource % 3
        prefix = "/v1"
        above = {owner}
        for level in range(depth):  # nested below other resources, with their ids
            parent = owners[(resource * 7 + level * 13) % len(owners)]
            if parent not in above:
                above.add(parent)
                prefix += f"/{_plural(parent)}/{{{parent}}}"
        collection, item = f"{prefix}/{plural}", f"{prefix}/{plural}/{{{owner}}}"
        listing = {"type": "object", "required": ["object", "data", "has_more", "url"], "properties": {
            "object": {"type": "string", "enum": ["list"]}, "data": {"type": "array", "items": {"$ref": f"#/components/schemas/{owner}"}},
            "has_more": {"type": "boolean"}, "url": {"type": "string", "maxLength": 5000}}}  # fmt: skip
        ids = [{"name": p.strip("{}"), "in": "path", "required": True, "schema": {"type": "string", "maxLength": 5000}}
               for p in item.split("/") if p.startswith("{")]  # fmt: skip
        created = {"name": "created", "in": "query", "style": "deepObject", "explode": True, "schema": {"anyOf": [
            {"type": "object", "properties": {k: {"type": "integer"} for k in ("gt", "gte", "lt", "lte")}}, {"type": "integer"}]}}  # fmt: skip
        paging = [{"name": n, "in": "query", "schema": {"type": "string", "maxLength": 5000}} for n in ("starting_after", "ending_before")]
        paging.append({"name": "limit", "in": "query", "schema": {"type": "integer"}})
        own = {"$ref": f"#/components/schemas/{owner}"}
        paths[collection] = {
            "get": {"operationId": _operation_id("Get", collection), "description": f"Lists {plural}.",
                    "parameters": ids[:-1] + paging + [created], "responses": _response(listing)},
            "post": {"operationId": _operation_id("Post", collection), "description": f"Creates a {owner}.",
                     "parameters": ids[:-1], "requestBody": maker.form_body(), "responses": _response(own)},
        }  # fmt: skip
        paths[item] = {
            "get": {"operationId": _operation_id("Get", item), "description": f"Retrieves a {owner}.", "parameters": ids,
                    "responses": _response(own)},
            "post": {"operationId": _operation_id("Post", item), "description": f"Updates a {owner}.", "parameters": ids,
                     "requestBody": maker.form_body(), "responses": _response(own)},
            "delete": {"operationId": _operation_id("Delete", item), "description": f"Deletes a {owner}.", "parameters": ids,
                       "responses": _response({"type": "object", "properties": {"id": {"type": "string"}, "deleted": {"type": "boolean"}}})},
        }  # fmt: skip
        count += 5
        for action in rng.sample(_ACTIONS, rng.randint(0, 3)):
            if count >= operations:
                break
            path = f"{item}/{action}"
            paths[path] = {"post": {"operationId": _operation_id("Post", path), "description": f"Does {action} to a {owner}.",
                                    "parameters": ids, "requestBody": maker.form_body(), "responses": _response(own)}}  # fmt: skip
            count += 1
        resource += 1
    return {
        "openapi": "3.0.0",
        "info": {"title": "Synthetic Payments API", "version": "2024-01-01",
                 "description": "A synthetic description shaped like a large payments API."},
        "servers": [{"url": "https://api.payments.test/"}],
        "security": [{"basicAuth": []}, {"bearerAuth": []}],
        "paths": paths,
        "components": {"schemas": components, "securitySchemes": {
            "basicAuth": {"type": "http", "scheme": "basic"}, "bearerAuth": {"type": "http", "scheme": "bearer"}}},
    }  # fmt: skip
