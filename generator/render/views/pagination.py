"""Which list operations page, and how: the `Paging` each list method's Endpoint carries.

Recognised from the operation's shape where it is unambiguous: the request parameter that
carries the cursor, offset or page number (a query parameter, or a JSON body field of a POST
search), the response fields that give the next one (a cursor, the next page's URL, `has_more`,
totals) or a declared `Link` header, and where the items are (`data`, `items`, `results`, the
only array field, or the whole response). The config's `pagination` entry for an operation names
its scheme and any of these parts, and a part the operation does not have is an error; the entry
`*` serves every operation it fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator, Literal, Union

from generator import pointer as jp
from generator.config import ALL_OPERATIONS, GeneratorConfig, Pagination
from generator.diagnostics import GeneratorError
from generator.model.ir import (
    AliasSchema,
    AnyType,
    ApiModel,
    ArrayType,
    ConstType,
    EnumType,
    MapType,
    NullType,
    ObjectSchema,
    Operation,
    PrimitiveType,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
    effective_properties,
)
from generator.model.media import media_kind
from generator.render.annotations import Annotation, Annotator
from generator.render.escape import string_literal
from generator.render.layout import Display, Expr, call
from generator.render.views.arguments import ArgumentView

PageKind = Literal["cursor", "item", "offset", "page", "url", "link"]
FieldPath = tuple[str, ...]


@dataclass(frozen=True)
class PageView:
    """How a list method pages (the runtime's `Paging`, see its docstring) and what one item is."""

    kind: PageKind
    item_annotation: Annotation
    parameter: str | None = None
    in_body: bool = False
    size: str | None = None
    size_limit: int | None = None
    items: FieldPath = ()
    next: FieldPath = ()
    cursor_field: FieldPath = ("id",)
    has_more: FieldPath = ()
    total: FieldPath = ()
    total_pages: FieldPath = ()
    first_page: int = 1

    @property
    def expr(self) -> Expr:
        """`Paging(...)`, with the parts that differ from the runtime's defaults."""
        positional = [string_literal(self.kind)] + ([string_literal(self.parameter)] if self.parameter else [])
        keywords = {
            "in_body": "True" if self.in_body else None,
            "size": string_literal(self.size) if self.size else None,
            "size_limit": str(self.size_limit) if self.size_limit is not None else None,
            "items": _tuple(self.items),
            "next": _tuple(self.next),
            "cursor_field": _tuple(self.cursor_field) if self.kind == "item" and self.cursor_field != ("id",) else None,
            "has_more": _tuple(self.has_more),
            "total": _tuple(self.total),
            "total_pages": _tuple(self.total_pages),
            "first_page": str(self.first_page) if self.kind == "page" and self.first_page != 1 else None,
        }
        return call("Paging", *positional, *(f"{name}={value}" for name, value in keywords.items() if value))


def _tuple(path: FieldPath) -> str | None:
    return Display("(", ")", [string_literal(name) for name in path]).flat if path else None


# --- the operation's shape -------------------------------------------------------------------

Kind = Literal["string", "integer", "number", "boolean", "array", "object", "any", "other"]


@dataclass(frozen=True)
class _Input:
    """A request parameter that may carry the paging state: its API name, where it goes, its type."""

    name: str
    in_body: bool
    kind: Kind
    default: Any = None
    minimum: Any = None
    maximum: Any = None
    dated: bool = False
    """A date or a time (`after=2024-01-01` filters; it is no cursor)."""


@dataclass(frozen=True)
class _Field:
    """A field of the response (not inside its arrays), by its path of API names."""

    path: FieldPath
    kind: Kind
    type: TypeExpr
    uri: bool = False


@dataclass
class _Shape:
    """What recognition reads of an operation: its inputs, its response's fields, a Link header."""

    operation: Operation
    inputs: list[_Input]
    response: TypeExpr
    fields: list[_Field]
    schemas: dict[str, SchemaDef]
    link_header: bool
    items: _Field | None = field(default=None)

    def input(self, name: str) -> _Input | None:
        return next((i for i in self.inputs if i.name == name), None)

    def lookup(self, path: FieldPath, start: TypeExpr | None = None) -> _Field | None:
        """The field at path (from the response, or from start), or None where the schemas declare none.

        A path through a value of any type, or an open map, is taken as there.
        """
        type_: TypeExpr = self.response if start is None else start
        for index, name in enumerate(path):
            resolved = _resolved(type_, self.schemas)
            if isinstance(resolved, (AnyType, MapType)):
                return _Field(path, "any", AnyType())
            if isinstance(resolved, UnionType):  # there when every variant has it
                found_in = [self.lookup(path[index:], variant) for variant in resolved.variants]
                return _Field(path, "any", AnyType()) if all(found_in) else None
            schema = self.schemas.get(resolved.name) if isinstance(resolved, RefType) else None
            if not isinstance(schema, ObjectSchema):
                return None
            found = next((p for p in effective_properties(schema, self.schemas) if p.name == name), None)
            if found is None:
                return None
            type_ = found.type
        resolved = _resolved(type_, self.schemas)
        return _Field(path, _kind(resolved, self.schemas), resolved, _is_uri(resolved))

    def described(self) -> str:
        """The response's top-level fields, for a message."""
        names = [f.path[0] for f in self.fields if len(f.path) == 1]
        return ", ".join(names) if names else "none"


def _resolved(type_: TypeExpr, schemas: dict[str, SchemaDef]) -> TypeExpr:
    """The type without aliases and without null (`Optional[X]` is X)."""
    for _ in range(20):  # alias chains are short; a cycle of aliases stops here
        if isinstance(type_, RefType) and isinstance(schemas.get(type_.name), AliasSchema):
            alias = schemas[type_.name]
            assert isinstance(alias, AliasSchema)
            type_ = alias.type
        elif isinstance(type_, UnionType):
            present = [v for v in type_.variants if not isinstance(v, NullType)]
            if len(present) != 1:
                return type_
            type_ = present[0]
        else:
            return type_
    return type_


def _kind(type_: TypeExpr, schemas: dict[str, SchemaDef]) -> Kind:
    if isinstance(type_, PrimitiveType):
        return type_.name
    if isinstance(type_, EnumType):
        return type_.kind or "string"
    if isinstance(type_, ConstType):
        value = type_.value
        return "boolean" if isinstance(value, bool) else "integer" if isinstance(value, int) else "string"
    if isinstance(type_, ArrayType):
        return "array"
    if isinstance(type_, MapType) or (isinstance(type_, RefType) and isinstance(schemas.get(type_.name), ObjectSchema)):
        return "object"
    if isinstance(type_, AnyType):
        return "any"
    return "other"


def _is_uri(type_: TypeExpr) -> bool:
    return isinstance(type_, PrimitiveType) and type_.format in ("uri", "url", "uri-reference", "iri", "iri-reference")


def _dated(type_: TypeExpr) -> bool:
    return isinstance(type_, PrimitiveType) and type_.format in ("date", "date-time", "time")


def _fields(type_: TypeExpr, schemas: dict[str, SchemaDef], prefix: FieldPath = (),
            seen: frozenset[str] = frozenset()) -> Iterator[_Field]:  # fmt: skip
    """Every field of an object response to three levels, outside its arrays."""
    resolved = _resolved(type_, schemas)
    schema = schemas.get(resolved.name) if isinstance(resolved, RefType) else None
    if not isinstance(schema, ObjectSchema) or len(prefix) >= 3 or schema.name in seen:
        return
    for prop in effective_properties(schema, schemas):
        value = _resolved(prop.type, schemas)
        path = (*prefix, prop.name)
        yield _Field(path, _kind(value, schemas), value, _is_uri(value))
        yield from _fields(value, schemas, path, seen | {schema.name})


def _shape(operation: Operation, arguments: list[ArgumentView], model: ApiModel) -> _Shape | None:
    """The operation's shape, or None when its success response is not JSON."""
    response = next((m.type for r in operation.responses if r.status.startswith("2") for m in r.contents
                     if media_kind(m.content_type, m.type) == "json"), None)  # fmt: skip
    if response is None:
        return None
    schemas = model.schemas
    sent = {(a.wire_name, a.location) for a in arguments}
    inputs = [
        _Input(p.name, False, _kind(_resolved(p.type, schemas), schemas), p.default, p.minimum, p.maximum,
               _dated(_resolved(p.type, schemas)))
        for p in operation.parameters if p.location == "query" and (p.name, "query") in sent
    ]  # fmt: skip
    body = next((m.type for m in (operation.request_body.contents if operation.request_body else [])
                 if media_kind(m.content_type, m.type) == "json"), None)  # fmt: skip
    body_schema = schemas.get(body.name) if isinstance(body, RefType) else None
    if isinstance(body_schema, ObjectSchema):
        inputs += [
            _Input(p.name, True, _kind(_resolved(p.type, schemas), schemas), p.default if p.has_default else None,
                   dated=_dated(_resolved(p.type, schemas)))
            for p in effective_properties(body_schema, schemas) if (p.name, "body") in sent
        ]  # fmt: skip
    link = any(h.lower() == "link" for r in operation.responses if r.status.startswith("2") for h in r.headers)
    return _Shape(operation, inputs, response, list(_fields(response, schemas)), schemas, link)


# --- names that say what a parameter or field is ---------------------------------------------


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_ITEM_FIELDS = ("data", "items", "results", "result", "records", "entries", "values", "elements", "objects", "list")
_NOT_ITEMS = frozenset({"errors", "warnings", "links"})  # arrays beside the items (`{"errors": [], "customers": [...]}`)
# Cursor parameters and the response fields of their next value, by what they are called alone.
_CURSORS = frozenset({"cursor", "pagetoken", "pagecursor", "startcursor", "nextcursor", "nexttoken", "nextpagetoken",
                      "continuationtoken", "continue", "marker", "token", "after", "aftercursor", "starttoken",
                      "paginationtoken"})  # fmt: skip
_NEXT_CURSORS = frozenset({"nextcursor", "nextpagetoken", "nexttoken", "nextmarker", "continuationtoken",
                           "nextcontinuationtoken", "continue"})  # fmt: skip
_BACKWARD = frozenset({"before", "endingbefore", "prev", "previous", "prevcursor", "previouscursor", "beforecursor",
                       "prevpagetoken", "previouspagetoken"})  # fmt: skip
_AFTER_ITEM = frozenset({"after", "startingafter", "afterid"})
_URL_PARTS = ("href", "url", "uri", "link")
_OFFSETS = frozenset({"offset", "skip", "startat", "startindex"})
_PAGES = frozenset({"page", "currentpage", "pagenumber", "pagenum", "pageno", "pageindex"})
_SIZES = ("limit", "pagesize", "perpage", "size", "count", "maxresults", "top", "pagelimit", "maxitems", "first",
          "take", "numresults", "batchsize")  # fmt: skip
_HAS_MORE = frozenset({"hasmore", "more", "hasnext", "hasnextpage", "hasmoreitems", "hasmoreresults"})
_TOTALS = frozenset({"total", "totalcount", "totalresults", "totalitems", "totalsize", "totalrecords", "totalentries"})
_TOTAL_PAGES = frozenset({"totalpages", "pagecount", "pages", "lastpage", "numpages", "pagestotal"})
_NUMBERS = ("integer", "number")


def _named(shape: _Shape, names: frozenset[str], kinds: tuple[str, ...]) -> _Field | None:
    """The shallowest response field (up to two levels) with one of these names and kinds."""
    found = [f for f in shape.fields if len(f.path) <= 2 and _norm(f.path[-1]) in names and f.kind in kinds]
    return min(found, key=lambda f: len(f.path), default=None)


def _items(shape: _Shape) -> _Field | None:
    """Where the items are: the response itself, `data`/`items`/`results`..., or its only array field."""
    response = _resolved(shape.response, shape.schemas)
    if isinstance(response, ArrayType):
        return _Field((), "array", response)
    arrays = [f for f in shape.fields if f.kind == "array" and len(f.path) <= 2 and _norm(f.path[-1]) not in _NOT_ITEMS]
    top = [f for f in arrays if len(f.path) == 1]
    for name in _ITEM_FIELDS:
        found = next((f for f in top if _norm(f.path[0]) == name), None)
        if found is not None:
            return found
    if len(top) == 1:
        return top[0]
    return arrays[0] if not top and len(arrays) == 1 else None


def _item_type(items: _Field) -> TypeExpr:
    return items.type.items if isinstance(items.type, ArrayType) else AnyType()


def _next_names(name: str) -> set[str]:
    """The response fields named as the next value of a parameter: `next_cursor` for `cursor` or
    `start_cursor`, `next_page_token` for `page_token`, `last_item_id` for `start_after_item_id`."""
    names = {"next" + name}
    for prefix in ("starting", "start", "page", "next"):
        if name.startswith(prefix) and len(name) > len(prefix):
            names.add("next" + name[len(prefix):])
    for prefix in ("startingafter", "startafter", "after"):
        if name.startswith(prefix) and len(name) > len(prefix):
            names.add("last" + name[len(prefix):])
    return names


def _cursor_match(parameter: _Input, found: _Field) -> int:
    """How surely the field gives the parameter's next value: 3 by its name, 2 nested, 1 by convention, 0 not."""
    if found.kind not in ("string", "integer", "any") or found.uri:
        return 0
    name, last = _norm(parameter.name), _norm(found.path[-1])
    if last in _next_names(name) or (last == name and name.startswith("next")):
        return 3
    if last == name and len(found.path) > 1 and (name in _CURSORS or any(_norm(p).startswith("next") for p in found.path)):
        return 2  # `metadata.continue`, `paging.cursors.after`, `next_page.offset`; not `meta.page`, this page's number
    cursor = name in _CURSORS or (name == "offset" and parameter.kind == found.kind == "string")  # Airtable's offset
    if cursor and (last == name or last in _NEXT_CURSORS or (last == "next" and len(found.path) == 1)):
        return 1  # a top-level `next` is a cursor beside a cursor parameter; `links.next` is a URL
    return 0


def _next_url(found: _Field) -> bool:
    """Whether the field is named as the next page's URL: `next`, `next_page_uri`, `nextRecordsUrl`,
    `@odata.nextLink`, `links.pages.next`, `_links.next.href`, `next_page.uri`."""
    last, parent = _norm(found.path[-1]), _norm(found.path[-2]) if len(found.path) > 1 else ""
    named = last in ("next", "nextpage") or (last.startswith(("next", "odatanext")) and last.endswith(_URL_PARTS))
    return found.kind in ("string", "any") and (named or (last in _URL_PARTS and parent.startswith("next")))


# --- each scheme: the parts it needs, recognised or as the config names them -------------------


@dataclass(frozen=True)
class _Problem:
    """Why a scheme does not fit: the config key that names the missing part (or None), and what is missing."""

    part: str | None
    message: str


Fit = Union[PageView, _Problem]


class _Fitter:
    """Fits one scheme to one operation, taking the parts the config names and recognising the rest."""

    def __init__(self, shape: _Shape, rule: Pagination, outputs: Annotator) -> None:
        self.shape, self.rule, self.outputs = shape, rule, outputs

    def field(self, part: str, names: frozenset[str], kinds: tuple[str, ...]) -> _Field | _Problem | None:
        """A response field the config names under `part` (a problem when absent), or the one named like it."""
        path: FieldPath | None = getattr(self.rule, part)
        if path is None:
            return _named(self.shape, names, kinds)
        found = self.shape.lookup(path)
        if found is None:
            return _Problem(part, f"its response has no field {'.'.join(path)!r} (its fields: {self.shape.described()})")
        return found

    def named_input(self, part: str) -> _Input | _Problem | None:
        """The request parameter the config names under `part` (a problem when absent), or None."""
        name: str | None = getattr(self.rule, part)
        if name is None:
            return None
        listed = ", ".join(i.name for i in self.shape.inputs) or "none"
        return self.shape.input(name) or _Problem(part, f"it has no parameter {name!r} (its parameters: {listed})")

    def parameter(self, recognise: Callable[[_Input], bool], what: str) -> _Input | _Problem:
        """The paging parameter the config names, or the only one recognised."""
        named = self.named_input("parameter")
        if named is not None:
            return named
        candidates = [i for i in self.shape.inputs if recognise(i)]
        if len(candidates) != 1:
            problem = "no parameter" if not candidates else f"{len(candidates)} parameters"
            return _Problem(None, f"{problem} of it looks like {what} (name it with `parameter:`)")
        return candidates[0]

    def view(self, kind: PageKind, parameter: _Input | None = None, **parts: Any) -> Fit:
        """The page view with the items, size and end-of-list fields (recognised, or as named)."""
        items: _Field | _Problem | None
        if self.rule.items is not None:
            items = self.field("items", frozenset(), ("array",))
            if isinstance(items, _Field) and items.kind not in ("array", "any"):
                items = _Problem("items", f"its response field {'.'.join(self.rule.items)!r} is not an array")
        else:
            items = _items(self.shape)
        if items is None:
            return _Problem(None, "its response has no list of items (name the field with `items:`)")
        if isinstance(items, _Problem):
            return items
        found: dict[str, FieldPath] = {}
        for part, names, kinds in (("has_more", _HAS_MORE, ("boolean", "any")), ("total", _TOTALS, _NUMBERS + ("any",)),
                                   ("total_pages", _TOTAL_PAGES, _NUMBERS + ("any",))):  # fmt: skip
            signal = self.field(part, names, kinds)
            if isinstance(signal, _Problem):
                return signal
            if signal is not None:
                found[part] = signal.path
        size = self.size()
        if isinstance(size, _Problem):
            return size
        return PageView(
            kind, self.outputs.annotate(_item_type(items)), parameter.name if parameter else None,
            parameter.in_body if parameter else False, size.name if size else None,
            size.maximum if size and isinstance(size.maximum, int) else None, items.path,
            has_more=found.get("has_more", ()), total=found.get("total", ()), total_pages=found.get("total_pages", ()),
            **parts,
        )  # fmt: skip

    def size(self) -> _Input | _Problem | None:
        named = self.named_input("size_parameter")
        if named is not None:
            return named
        return next((i for name in _SIZES for i in self.shape.inputs if _norm(i.name) == name and i.kind in _NUMBERS),
                    None)  # fmt: skip

    # -- the schemes --

    def cursor(self) -> Fit:
        """A cursor from a response field (`next`), or else from the last item (`cursor_item_field`)."""
        if self.rule.cursor_item_field is not None:
            return self.item()
        token = self.token()
        if isinstance(token, PageView) or self.rule.next is not None or token.part is not None:
            return token  # a cursor field, or a part the entry names that the operation lacks
        item = self.item()
        if isinstance(item, PageView):
            return item
        return _Problem(token.part or item.part, f"{token.message}; nor is the last item's id a cursor: {item.message}")

    def token(self) -> Fit:
        """The cursor a response field gives, sent back as the parameter."""
        named_parameter, next_field = self.named_input("parameter"), self.field("next", frozenset(), ())
        if isinstance(named_parameter, _Problem):
            return named_parameter
        if isinstance(next_field, _Problem):
            return next_field
        pairs: list[tuple[int, _Input, _Field]] = []
        for parameter in self.shape.inputs:
            if named_parameter not in (None, parameter) or _norm(parameter.name) in _BACKWARD or parameter.dated:
                continue
            if next_field is None:
                pairs += [(score, parameter, f) for f in self.shape.fields if (score := _cursor_match(parameter, f))]
                continue
            match = _cursor_match(parameter, next_field)
            score = 2 + match if match else 1 if named_parameter or _norm(parameter.name) in _CURSORS else 0
            pairs.append((score, parameter, next_field))
        best = max((score for score, _, _ in pairs), default=0)
        chosen = [(p, f) for score, p, f in pairs if score == best and best > 0]
        if not chosen:
            return _Problem(None, "no response field gives the next cursor (name it with `next:` and the parameter "
                                  "with `parameter:`)")  # fmt: skip
        if len(chosen) > 1:
            places = ", ".join(sorted({f"{p.name} <- {'.'.join(f.path)}" for p, f in chosen}))
            return _Problem(None, f"more than one parameter and field may carry the cursor ({places}); name them "
                                  "with `parameter:` and `next:`")  # fmt: skip
        parameter, next_field = chosen[0]
        return self.view("cursor", parameter, next=next_field.path)

    def item(self) -> Fit:
        """The cursor is a field of the page's last item (`after` = the last item's id)."""
        parameter = self.parameter(lambda i: _norm(i.name) in _AFTER_ITEM and not i.dated, "an `after` cursor")
        if isinstance(parameter, _Problem):
            return parameter
        view = self.view("item", parameter)
        if isinstance(view, _Problem):
            return view
        cursor_field = self.rule.cursor_item_field or ("id",)
        items = self.shape.lookup(view.items)
        if self.shape.lookup(cursor_field, _item_type(items) if items else AnyType()) is None:
            return _Problem("cursor_item_field" if self.rule.cursor_item_field else None,
                            f"its items have no field {'.'.join(cursor_field)!r}")  # fmt: skip
        return replace(view, cursor_field=cursor_field)

    def url(self) -> Fit:
        """The response field with the next page's URL (or a path)."""
        named = self.field("next", frozenset(), ())
        if named is not None:
            return named if isinstance(named, _Problem) else self.view("url", next=named.path)
        candidates = [f for f in self.shape.fields if _next_url(f)]
        if not candidates:
            return _Problem(None, "no response field gives the next page's URL (name it with `next:`)")
        chosen = min(candidates, key=lambda f: (not f.uri, len(f.path)))
        return self.view("url", next=chosen.path)

    def link(self) -> Fit:
        return self.view("link")

    def offset(self) -> Fit:
        parameter = self.parameter(lambda i: _norm(i.name) in _OFFSETS and i.kind in _NUMBERS, "an item offset")
        return parameter if isinstance(parameter, _Problem) else self.view("offset", parameter)

    def page(self) -> Fit:
        parameter = self.parameter(lambda i: _norm(i.name) in _PAGES and i.kind in _NUMBERS, "a page number")
        if isinstance(parameter, _Problem):
            return parameter
        first = self.rule.first_page
        if first is None:
            declared = [v for v in (parameter.default, parameter.minimum) if isinstance(v, int) and not isinstance(v, bool)]
            first = declared[0] if declared else 1
        return self.view("page", parameter, first_page=first)


def _strong(view: PageView) -> bool:
    """Whether the response itself says where the list ends (not only an empty or short page)."""
    return bool(view.next or view.has_more or view.total or view.total_pages) or view.kind == "link"


def _recognised(shape: _Shape, outputs: Annotator) -> PageView | None:
    """The scheme the operation's shape shows, the surest first; None for a shape that is not a list.

    A GET pages by any scheme; a POST (a search) only by a parameter of its own and a response that
    says where the list ends; other methods never.
    """
    method = shape.operation.method.lower()
    if method not in ("get", "post"):
        return None
    fitter = _Fitter(shape, Pagination("recognised"), outputs)
    schemes = [fitter.token, fitter.url, *([fitter.link] if shape.link_header else []), fitter.item, fitter.offset,
               fitter.page]  # fmt: skip
    for scheme in schemes:
        view = scheme()
        if isinstance(view, PageView) and (method == "get" or (view.parameter and _strong(view))):
            return view
    return None


def _configured(shape: _Shape, rule: Pagination, outputs: Annotator) -> Fit:
    fitter = _Fitter(shape, rule, outputs)
    schemes = {"cursor": fitter.cursor, "offset": fitter.offset, "page": fitter.page, "url": fitter.url,
               "link": fitter.link}  # fmt: skip
    return schemes[rule.scheme]()


def page_view(
    operation: Operation, arguments: list[ArgumentView], model: ApiModel, outputs: Annotator, config: GeneratorConfig,
    parsed: bool,
) -> PageView | None:
    """How the operation's method pages, or None when it returns no list of pages.

    The config's entry for the operation decides (an error when the operation lacks a part it
    needs); else the `*` entry where it fits; else the operation's shape. `parsed`: the method
    returns its parsed JSON (not a download, a stream of events or text).
    """
    keys = (operation.operation_id, f"{operation.method.upper()} {operation.path}")
    rule = next((config.pagination[k] for k in keys if k in config.pagination), None)
    shape = _shape(operation, arguments, model) if parsed else None
    if rule is not None:
        if rule.scheme == "none":
            return None
        fit = _configured(shape, rule, outputs) if shape else _Problem(None, "it does not return parsed JSON")
        if isinstance(fit, _Problem):
            raise _error(config, rule, fit)
        return fit
    every = config.pagination.get(ALL_OPERATIONS)
    if shape is None or (every is not None and every.scheme == "none"):
        return None
    if every is not None:
        fit = _configured(shape, every, outputs)
        if isinstance(fit, PageView):
            return fit
    return _recognised(shape, outputs)


def _error(config: GeneratorConfig, rule: Pagination, problem: _Problem) -> GeneratorError:
    """The config entry's problem, located at the part it names (or at the entry)."""
    pointer = jp.join("", "pagination", rule.key, *([problem.part] if problem.part else []))
    location = config.file.locate(pointer) if config.file else None
    return GeneratorError(f"pagination: {rule.key!r} pages by `{rule.scheme}`, but {problem.message}", location)
