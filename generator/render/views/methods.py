"""One method per operation: its signature, docstring, return and the Endpoint that routes its call.

Puts together the arguments (arguments.py) and the return (returns.py) with the config's
per-operation choices, and decides the module-level Endpoint constant the method calls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.config import GeneratorConfig
from generator.model.ir import ApiModel, MediaType, Operation
from generator.names import words
from generator.render.annotations import Annotation, Annotator, plain
from generator.render.escape import docstring_text, string_literal
from generator.render.layout import Display, Expr, Layout, atom, bracketed, call, collection, fits
from generator.render.placement import TypeName
from generator.render.views.arguments import ArgumentView, BodyKind, OperationArguments
from generator.render.views.credentials import (
    CredentialView, Requirements, api_security, operation_security, requirements_display,
)
from generator.render.views.errors import error_types
from generator.render.views.pagination import PageView, page_view
from generator.render.views.returns import ResponseKind, choose_response, streaming
from generator.render.views.servers import operation_server

@dataclass
class MethodView:
    name: str
    http_method: str
    path: str
    arguments: list[ArgumentView]
    body_kind: BodyKind
    body_media: MediaType | None
    files_as_multipart: bool
    response_kind: ResponseKind
    return_annotation: Annotation
    cast_to: Annotation | None
    accept: str | None
    doc: str
    operation_id: str
    open_body: bool = False
    stream_argument: str | None = None
    stream_cast: Annotation | None = None
    page: PageView | None = None
    endpoint: EndpointView | None = None
    security: Requirements | None = None
    """The operation's security where it is not the client's usual one."""
    server: str | None = None
    """The operation's own server, where it has one."""
    errors: list[tuple[str, Annotation]] = field(default_factory=list)
    """The type of the body of each error status the API describes."""

    @property
    def streams(self) -> bool:
        return self.stream_argument is not None and self.stream_cast is not None

    @property
    def path_arguments(self) -> list[ArgumentView]:
        """Path parameters, in path order: positional, the way the OpenAI SDK takes them."""
        return [a for a in self.arguments if a.location == "path"]

    @property
    def keyword_arguments(self) -> list[ArgumentView]:
        return [a for a in self.arguments if a.location != "path"]

    def located(self, location: str) -> list[ArgumentView]:
        return [a for a in self.arguments if a.location == location]

    def returns(self, prefix: str) -> Annotation:
        """The return annotation of the sync (prefix "") or async ("Async") method."""
        if self.page:
            kind = f"{prefix or 'Sync'}{'Paginator' if prefix else 'Page'}"
            return self.page.item_annotation.wrap(kind, self.return_annotation)
        if self.response_kind == "binary":
            return plain(f"{prefix}BinaryResponse")
        if self.response_kind == "stream":
            return plain("Any").wrap(f"{prefix}Stream")
        if self.streams:
            return self.return_annotation.wrap("Union", self.stream_returns(prefix))
        return self.return_annotation

    def stream_returns(self, prefix: str) -> Annotation:
        """What the method returns with `stream=True`: a Stream of its events."""
        assert self.stream_cast is not None
        return self.stream_cast.wrap(f"{prefix}Stream")

    def closing(self, returns: Annotation, body: str = "") -> Layout:
        """The signature's last line, `) -> ReturnType:` (an overload's ends in ` ...`)."""
        return bracketed(") -> ", returns.expr, ":" + body, 4)

    def is_coroutine(self, prefix: str) -> bool:
        """Whether the method is `async def`: every async one except lists, which return an AsyncPaginator."""
        return bool(prefix) and self.page is None

    def call(self, prefix: str) -> Expr:
        """The method's call of its Endpoint (awaited in a coroutine; an async list paginates)."""
        assert self.endpoint is not None
        if prefix and self.page:
            return Expr("self._client.paginate", "(", (atom(self.endpoint.name), atom("locals()")))
        return Expr(f"{'await ' if prefix else ''}self._client.call", "(", (atom(self.endpoint.name), atom("locals()")))

    def return_statement(self, prefix: str) -> Layout:
        """`return cast("<returns>", <call>)`, as black lays it out."""
        return bracketed("return ", call("cast", string_literal(self.returns(prefix).text), self.call(prefix)), "", 8)

    def _annotations(self) -> list[Annotation]:
        annotations = [a.annotation for a in self.arguments] + [self.returns(p) for p in ("", "Async")]
        if self.cast_to is not None:
            annotations.append(self.cast_to)
        if self.streams:
            annotations += [self.stream_returns(p) for p in ("", "Async")]
        annotations += [annotation for _, annotation in self.errors]
        return annotations

    def needs(self) -> frozenset[str]:
        """The module-level names the method's signatures, returns and Endpoint use."""
        paging = frozenset({"Paging"}) if self.page else frozenset()
        return paging.union(*(a.names for a in self._annotations()))

    def refs(self) -> frozenset[TypeName]:
        """The generated classes the method's signatures, returns and Endpoint refer to."""
        return frozenset().union(*(a.refs for a in self._annotations()))


@dataclass
class EndpointView:
    """The module-level `Endpoint(...)` a method calls: its constant and constructor arguments.

    Each argument is a (keyword prefix, value) pair.
    """

    name: str
    arguments: list[tuple[str, Expr | Display]]

    @property
    def line(self) -> str:
        return f"{self.name} = Endpoint({', '.join(prefix + _flat(value) for prefix, value in self.arguments)})"

    @property
    def one_line(self) -> bool:
        return fits(self.line)

    @property
    def argument_layouts(self) -> list[Layout]:
        return [
            bracketed(prefix, value, ",", 4) if isinstance(value, Expr) else collection(prefix, value, ",", 4)
            for prefix, value in self.arguments
        ]


def _flat(value: Expr | Display) -> str:
    return value.text if isinstance(value, Expr) else value.flat


def method_view(
    operation: Operation,
    method_name: str,
    model: ApiModel,
    arguments: OperationArguments,
    annotators: tuple[Annotator, Annotator],
    credentials: list[CredentialView],
    config: GeneratorConfig,
) -> MethodView:
    """The method for one operation, with the config's choices for it (keyed by id or `METHOD /path`).

    `annotators` are the resource module's (requests, responses).
    """
    inputs, outputs = annotators
    keys = (operation.operation_id, f"{operation.method.upper()} {operation.path}")
    views = arguments.annotated(inputs, operation.path)
    response_kind, return_annotation, cast_to, accept = choose_response(operation, outputs)
    if any(k in config.binary_responses for k in keys):
        response_kind, return_annotation, cast_to, accept = "binary", plain("BinaryResponse"), None, "application/octet-stream"
    configured = next((config.streams[k] for k in keys if k in config.streams), None)
    stream_argument, stream_cast = streaming(views, response_kind, operation, model, outputs, configured) or (None, None)
    method = MethodView(
        name=method_name,
        http_method=operation.method.lower(),
        path=operation.path,
        arguments=views,
        body_kind=arguments.body_kind,
        body_media=arguments.body_media,
        files_as_multipart=arguments.files_as_multipart,
        response_kind=response_kind,
        return_annotation=return_annotation,
        cast_to=cast_to,
        accept=string_literal(wanted) if (wanted := operation.preset_headers.get("accept") or accept) else None,
        doc=_method_doc(operation, views, credentials),
        operation_id=string_literal(operation.operation_id or operation.name),
        open_body=arguments.body_kind == "json" and any(k in config.open_bodies for k in keys),
        stream_argument=stream_argument,
        stream_cast=stream_cast,
        security=operation_security(operation, api_security(model)),
        server=operation_server(operation, model),
        errors=error_types(operation, outputs),
    )
    method.page = page_view(operation, views, model, outputs, config, parsed=response_kind == "json" and not method.streams)
    method.endpoint = _endpoint_view(method, operation)
    return method


def _endpoint_view(method: MethodView, operation: Operation) -> EndpointView:
    """The Endpoint arguments that route the method's arguments (everything else takes its default)."""
    rest = _REST[method.body_kind]
    path = method.path
    for argument in method.path_arguments:
        path = path.replace("{" + argument.wire_name + "}", "{" + argument.name + "}")
    arguments: list[tuple[str, Expr | Display]] = [("", atom(string_literal(method.http_method))),
                                                   ("", atom(string_literal(path)))]  # fmt: skip
    if method.cast_to:
        arguments.append(("lambda: ", method.cast_to.expr))
    if method.response_kind != "json":
        arguments.append(("response=", atom(string_literal(method.response_kind))))
    if rest != "query":
        arguments.append(("rest=", atom(string_literal(rest))))
        query = [a.name for a in method.located("query")]
        if query:
            arguments.append(("query=", Display("(", ")", [string_literal(n) for n in query])))
    for location in ("headers", "cookies"):
        names = [a.name for a in method.located(location[:-1])]
        if names:
            arguments.append((f"{location}=", Display("(", ")", [string_literal(n) for n in names])))
    renamed = {a.name: a.wire_name for a in method.keyword_arguments if a.location != "whole_body"}
    renamed = {name: wire for name, wire in renamed.items() if name != wire}
    if renamed:
        arguments.append(("wire=", Display("{", "}", [f"{string_literal(k)}: {string_literal(v)}" for k, v in renamed.items()])))
    body_argument = next((a.name for a in method.arguments if a.location == "whole_body"), None)
    if rest in ("value", "raw"):
        body_argument = method.located("body")[0].name
    if body_argument:
        arguments.append(("body_argument=", atom(string_literal(body_argument))))
    media = method.body_media
    declared = operation.preset_headers.get("content-type")
    if media is not None and (_declared_content_type(rest, media.content_type) or (declared and rest in ("json", "value"))):
        arguments.append(("content_type=", atom(string_literal(declared or media.content_type))))
    if media is None and declared is not None:  # a Content-Type the API wants even without a body
        arguments.append(("fixed_headers=", Display("{", "}", [f'"Content-Type": {string_literal(declared or "application/json")}'])))
    if media is not None and media.encoding and rest in ("multipart", "urlencoded"):
        arguments.append(("encodings=", Display("{", "}", [
            f"{string_literal(name)}: ({_optional(e.style)}, {e.explode if e.explode is not None else e.style in (None, 'form')}, "
            f"{_optional(e.content_type)})"
            for name, e in media.encoding.items()
        ])))  # fmt: skip
    if method.files_as_multipart:
        arguments.append(("files_rest=", atom(string_literal("multipart"))))
    if method.accept:
        arguments.append(("accept=", atom(method.accept)))
    styles = [(a.name, a.style) for a in method.arguments if a.style is not None]
    if styles:
        arguments.append(("styles=", Display("{", "}", [f"{string_literal(name)}: ({string_literal(style[0])}, {style[1]})"
                                                        for name, style in styles])))  # fmt: skip
    if method.streams and method.stream_cast is not None:
        arguments.append(("stream=", atom(f"({string_literal(method.stream_argument or '')}, lambda: {method.stream_cast.text})")))
    if method.page:
        arguments.append(("page=", method.page.expr))
    if method.security is not None:
        arguments.append(("security=", requirements_display(method.security)))
    if method.server is not None:
        arguments.append(("server=", atom(string_literal(method.server))))
    if method.errors:
        arguments.append(("errors=", Display("{", "}", [f"{string_literal(s)}: lambda: {a.text}" for s, a in method.errors])))
    return EndpointView("_" + method.name.upper(), arguments)  # one resource's methods a module


# Where a method's arguments not placed elsewhere go, by the kind of its body (the runtime's `rest`).
_REST = {"none": "query", "json": "json", "multipart": "multipart", "urlencoded": "urlencoded", "json_value": "value",
         "raw": "raw"}  # fmt: skip


def _declared_content_type(rest: str, content_type: str) -> bool:
    """Whether the Endpoint must name the body's media type: a raw body's, a JSON one other than plain JSON."""
    base = content_type.split(";")[0].strip().lower()
    return rest == "raw" or (rest in ("json", "value") and base != "application/json")


def _optional(text: str | None) -> str:
    return "None" if text is None else string_literal(text)


def _method_doc(operation: Operation, arguments: list[ArgumentView], credentials: list[CredentialView]) -> str:
    first, rest = _opening_sentence(operation)
    lines = [docstring_text(first)]
    if rest:
        lines += ["", docstring_text(rest)]
    lines += ["", f"{operation.method.upper()} {docstring_text(operation.path)}"]
    if operation.security:
        lines += ["", "Credentials (any one of these combinations):"]
        for requirement in operation.security:
            names = [name for scheme in requirement for name in _credential_arguments(scheme, credentials)]
            lines.append("    - " + (" + ".join(names) if names else "none"))
    if arguments:
        lines += ["", "Args:"]
        for argument in arguments:
            first_line, *more = (argument.doc or _argument_fallback(argument)).split("\n")
            lines.append(f"    {argument.name}: {first_line}")
            lines.extend(f"        {line}" if line else "" for line in more)
    return "\n".join(lines)


def _credential_arguments(scheme: str, credentials: list[CredentialView]) -> list[str]:
    """The constructor arguments that carry a security scheme (its name where the client has none)."""
    return [c.argument for c in credentials if c.scheme == scheme] or [docstring_text(scheme)]


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\[`(*]|\s*$)")


def _opening_sentence(operation: Operation) -> tuple[str, str]:
    """The docstring's first line, a sentence, and the text after it (raw spec text).

    A summary of two words or fewer ("Chat") gives way to the description's first sentence,
    or else to the operation id's words when they say more ("Create chat completion.").
    """
    summary = (operation.summary or "").strip()
    description = (operation.description or "").strip()
    if len(summary.split()) <= 2:
        if description:
            sentence, rest = _split_sentence(description)
            return sentence, rest
        id_words = words(operation.operation_id or operation.name)
        if len(id_words) > len(summary.split()):
            text = " ".join(id_words)
            return _sentence(text[:1].upper() + text[1:]), ""
    sentence, rest = _split_sentence(summary or operation.name)
    if description and description != summary:
        rest = f"{rest}\n\n{description}" if rest else description
    return sentence, rest


def _split_sentence(text: str) -> tuple[str, str]:
    """The first sentence of text's first paragraph (on one line, ending in a stop) and the rest."""
    paragraph, _, after = text.partition("\n\n")
    found = _SENTENCE_END.search(paragraph)
    if found is None or found.end() == len(paragraph.rstrip()):
        return _sentence(paragraph), after.strip()
    rest = paragraph[found.end():].strip() + ("\n\n" + after.strip() if after.strip() else "")
    return _sentence(paragraph[: found.end()]), rest


def _sentence(text: str) -> str:
    line = " ".join(text.split())
    return line if line[-1:] in ".!?:" else line + "."


def _argument_fallback(argument: ArgumentView) -> str:
    """What an argument the spec does not describe is: where its value goes on the wire."""
    wire = docstring_text(argument.wire_name)
    return {
        "path": f"The `{wire}` path parameter.",
        "query": f"The `{wire}` query parameter.",
        "header": f"Sent as the `{wire}` header.",
        "cookie": f"Sent as the `{wire}` cookie.",
        "body": f"The request body's `{wire}` field." if argument.wire_name != "body" else "The request body.",
        "file": f"The file sent as the `{wire}` form field.",
        "whole_body": "The whole request body.",
    }[argument.location]
