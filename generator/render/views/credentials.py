"""Credentials: the client constructor's argument for each security scheme, and where it is sent."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Literal

from generator.config import GeneratorConfig
from generator.diagnostics import GeneratorError, SourceLocation
from generator.model.ir import ApiModel, Operation
from generator.names import RESERVED, python_identifier
from generator.render.escape import docstring_text, string_literal
from generator.render.layout import Display
from generator.render.views.common import unique

@dataclass
class CredentialView:
    scheme: str
    """The security scheme it is for (basic auth has two views, username and password)."""
    argument: str
    header: str
    location: Literal["header", "query", "cookie"]
    kind: Literal["api_key", "bearer", "basic", "password"]
    env: str | None
    json: bool
    doc: str
    partner: str | None = None
    """For `basic`: the argument holding the password (sent together as `Basic base64(user:password)`)."""


# Names the client constructor, copy() and their helpers use: a credential argument may not take them.
CONSTRUCTOR_RESERVED = RESERVED | frozenset(
    {"self", "base_url", "timeout", "max_retries", "default_headers", "default_query", "set_default_headers",
     "set_default_query", "http_client", "kwargs", "keywords", "client", "found", "custom", "json", "os",
     "httpx", "bearer", "keyword_headers", "Credential", "DEFAULT_BASE_URL", "DEFAULT_MAX_RETRIES",
     "RawResponses", "SyncAPIClient", "AsyncAPIClient", "base64", "basic_auth", "base_url_settings", "given",
     "servers"}
)  # fmt: skip

Requirements = tuple[tuple[str, ...], ...]


def api_security(model: ApiModel) -> Requirements | None:
    """The security most operations ask for (the first of equals): the client's usual security,
    which an Endpoint does not repeat; None where no operation asks for any."""
    counts = Counter(tuple(op.security) for op in model.operations)
    if not any(counts):
        return None
    return max(counts, key=lambda security: counts[security])


def requirements_display(requirements: Requirements) -> Display:
    """The requirements as code: a tuple of tuples of scheme names."""
    return Display("(", ")", [Display("(", ")", [string_literal(s) for s in r]).flat for r in requirements])


def operation_security(operation: Operation, usual: Requirements | None) -> Requirements | None:
    """The operation's security where its Endpoint must name it (None: the client's usual one)."""
    own = tuple(operation.security)
    return None if usual is None or own == usual else own


def credential_views(model: ApiModel, config: GeneratorConfig) -> list[CredentialView]:
    """One constructor argument per security scheme, named by the config or after the scheme."""
    views: list[CredentialView] = []
    taken: set[str] = set()
    for name, scheme in model.security_schemes.items():
        setting = config.credentials.get(name)
        if setting and (setting.argument in CONSTRUCTOR_RESERVED or setting.argument in taken):
            raise GeneratorError(f"credential argument {setting.argument!r} (for {name!r}) clashes with another "
                                 "constructor argument; choose another name", SourceLocation(str(config.source)))  # fmt: skip
        argument = setting.argument if setting else unique(python_identifier(name, "credential", CONSTRUCTOR_RESERVED), taken)
        taken.add(argument)
        doc = docstring_text((setting.description if setting else None) or scheme.description or name)
        env = setting.env if setting else _env_name(config, argument)
        as_json = setting.json if setting else False
        http_scheme = (scheme.scheme or "").lower()
        if scheme.type == "http" and http_scheme == "basic":
            # Two arguments: `username` and `password`, or the config's argument and `<argument>_password`.
            username = argument if setting else unique("username", taken)
            password = unique(f"{argument}_password" if setting else "password", taken | {username})
            taken |= {username, password}
            env = env if setting else _env_name(config, username)
            views.append(
                CredentialView(name, username, "Authorization", "header", "basic", env, False, doc, partner=password)
            )
            views.append(CredentialView(name, password, "Authorization", "header", "password",
                                        _env_name(config, password), False, f"The password sent with {username}."))  # fmt: skip
        elif scheme.type in ("oauth2", "openIdConnect") or (scheme.type == "http" and http_scheme == "bearer"):
            views.append(CredentialView(name, argument, "Authorization", "header", "bearer", env, as_json, doc))
        elif scheme.type == "apiKey" and scheme.location and scheme.parameter_name:
            views.append(
                CredentialView(name, argument, scheme.parameter_name, scheme.location, "api_key", env, as_json, doc)
            )
    return views


def _env_name(config: GeneratorConfig, argument: str) -> str | None:
    """The fallback variable of a credential the config does not name: PREFIX_ARGUMENT."""
    return f"{config.env_prefix}_{argument.upper()}" if config.env_prefix else None
