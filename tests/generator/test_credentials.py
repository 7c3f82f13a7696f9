"""Each method's docstring names the constructor arguments its operation's security asks for."""

from __future__ import annotations

import inspect
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.packages import generated_package

SPEC = """
openapi: 3.0.3
info: {title: Vault, version: "1"}
servers: [{url: "https://vault.test"}]
security: [{basicAuth: []}]
paths:
  /secrets:
    get:
      operationId: listSecrets
      security: [{apiKeyAuth: []}]
      responses: {"200": {description: ok}}
  /admin:
    get:
      operationId: getAdmin
      responses: {"200": {description: ok}}
  /either:
    get:
      operationId: getEither
      security: [{apiKeyAuth: []}, {basicAuth: [], oauth: []}]
      responses: {"200": {description: ok}}
components:
  securitySchemes:
    basicAuth: {type: http, scheme: basic}
    apiKeyAuth: {type: apiKey, in: header, name: X-API-Key}
    oauth: {type: oauth2, flows: {}}
"""


def _method(package: ModuleType, client: Any, operation_id: str) -> Any:
    operation = next(o for o in package.OPERATIONS if o.operation_id == operation_id)
    target = client
    for part in operation.call_path.split("."):
        target = getattr(target, part)
    return target


def _credentials_section(method: Any) -> list[str]:
    lines = (inspect.getdoc(method) or "").split("\n")
    start = lines.index("Credentials (any one of these combinations):")
    return [line.strip() for line in lines[start + 1 :] if line.strip().startswith("- ")]


def test_the_docstring_names_the_arguments_of_the_operations_own_schemes(write_spec, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = write_spec(SPEC)
    with generated_package(spec, tmp_path / "out", "vault_client", package_name="vault_client") as package:
        client = package.Vault(base_url="http://127.0.0.1:9")
        assert _credentials_section(_method(package, client, "listSecrets")) == ["- api_key_auth"]
        assert _credentials_section(_method(package, client, "getAdmin")) == ["- username + password"]
        assert _credentials_section(_method(package, client, "getEither")) == [
            "- api_key_auth",
            "- username + password + oauth",
        ]
