"""Servers: the client's default server, the constructor keyword of each server variable, and the
operations that have a server of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.config import GeneratorConfig
from generator.model.ir import ApiModel, Operation, Server, ServerVariable
from generator.names import python_identifier
from generator.render.annotations import Annotation, literal, plain
from generator.render.escape import docstring_text
from generator.render.views.common import unique
from generator.render.views.credentials import CONSTRUCTOR_RESERVED

_VARIABLE = re.compile(r"\{([^{}]+)\}")


@dataclass
class ServerVariableView:
    """A `{name}` of a server URL, as a keyword of the client constructor and of copy()."""

    name: str
    argument: str
    annotation: Annotation
    default: str | None
    doc: str

    @property
    def keyword_annotation(self) -> str:
        """The keyword's annotation: None takes the default."""
        return self.annotation.wrap("Optional").text


def client_server_url(model: ApiModel, config: GeneratorConfig) -> str | None:
    """The server a client sends to unless given a base URL: the config's, else the API's first
    (None: neither names a usable one)."""
    url = config.base_url_default or (model.servers[0].url if model.servers else None)
    return url if url is not None and _usable(url) else None


def operation_server(operation: Operation, model: ApiModel) -> str | None:
    """The operation's own server (its or its path's first), where it is a usable one other than the API's."""
    if not operation.servers:
        return None
    url = operation.servers[0].url
    return None if (model.servers and url == model.servers[0].url) or not _usable(url) else url


def _usable(url: str) -> bool:
    """An absolute URL or a path, not a placeholder (`SELF_HOSTED_URL`) or text with spaces in it."""
    return ("://" in url or url.startswith("/")) and all(c.isprintable() and not c.isspace() for c in url)


def server_variable_views(model: ApiModel, config: GeneratorConfig, taken: set[str]) -> list[ServerVariableView]:
    """One keyword per variable named in the servers requests may go to, the API's first.

    A variable several servers name is one keyword; its first declaration (in any of these servers)
    gives its default and values. A `{name}` none of them declares has no default. `taken` holds the constructor's other
    argument names; the keywords are added to it.
    """
    servers: list[Server] = []
    url = client_server_url(model, config)
    if url is not None:
        servers.append(model.servers[0] if model.servers and model.servers[0].url == url else Server(url))
    servers += [op.servers[0] for op in model.operations if operation_server(op, model) is not None]
    declared: dict[str, ServerVariable] = {}
    for server in servers:
        for variable in server.variables:
            declared.setdefault(variable.name, variable)
    views: dict[str, ServerVariableView] = {}
    for server in servers:
        for name in _VARIABLE.findall(server.url):
            if name not in views:
                views[name] = _variable_view(name, declared.get(name), taken)
    return list(views.values())


def _variable_view(name: str, variable: ServerVariable | None, taken: set[str]) -> ServerVariableView:
    argument = unique(python_identifier(name, "server_variable", CONSTRUCTOR_RESERVED), taken)
    doc = docstring_text((variable.description if variable else None) or f"The `{name}` of the server URL.").rstrip()
    if variable is None:
        return ServerVariableView(name, argument, plain("str"), None, doc + " Required unless base_url is given.")
    if variable.enum:
        doc += " One of " + ", ".join(f"`{docstring_text(value)}`" for value in variable.enum) + "."
    doc += f" Defaults to `{docstring_text(variable.default)}`."
    return ServerVariableView(name, argument, literal(variable.enum) if variable.enum else plain("str"), variable.default, doc)
