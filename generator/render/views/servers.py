"""Servers: the client's default server, the constructor keyword of each server variable, and the
operations that have a server of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.config import GeneratorConfig
from generator.model.ir import ApiModel, Operation, ServerVariable
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
    return _usable(config.base_url_default or (model.servers[0].url if model.servers else ""))


def operation_server(operation: Operation, model: ApiModel) -> str | None:
    """The operation's own server (its or its path's first), where it is a usable one other than the API's."""
    url = _usable(operation.servers[0].url) if operation.servers else None
    return None if url is None or (model.servers and url == _usable(model.servers[0].url)) else url


def _usable(url: str) -> str | None:
    """The URL without surrounding spaces, where it is an absolute URL or a path (not a placeholder
    such as `SELF_HOSTED_URL`, or text with spaces in it)."""
    url = url.strip()
    usable = ("://" in url or url.startswith("/")) and all(c.isprintable() and not c.isspace() for c in url)
    return url if usable else None


def server_variable_views(model: ApiModel, config: GeneratorConfig, taken: set[str]) -> list[ServerVariableView]:
    """One keyword per variable named in the servers requests may go to, the API's first.

    A variable several servers name is one keyword; its first declaration (by the API's first server
    or an operation's) gives its default and values; a `{name}` none declares has no default.
    `taken` holds the constructor's other argument names; the keywords are added to it.
    """
    urls = [client_server_url(model, config), *(operation_server(op, model) for op in model.operations)]
    declared: dict[str, ServerVariable] = {}
    for server in [*model.servers[:1], *(op.servers[0] for op in model.operations if op.servers)]:
        for variable in server.variables:
            declared.setdefault(variable.name, variable)
    views: dict[str, ServerVariableView] = {}
    for url in urls:
        for name in _VARIABLE.findall(url or ""):
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
