"""One small spec per paging scheme real APIs use, each with a server that pages by its rules.

Every scheme lists five items (`i1`..`i5`), two to a page unless the caller asks otherwise, and
says which requests a client that walks every page makes: the first with the caller's
arguments, then one per further page, and none after the last. The specs are written for these
tests, each modelled on the shape of a public API named in its description (none is copied).
`bench/pagination.py` counts, over them, the list operations whose client walks every page.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Optional

import yaml

from tests.support.packages import write_package
from tests.support.paging_server import PageRequest, PagingServer, Reply, Serve

ITEMS = [{"id": f"i{n}", "name": f"item {n}"} for n in range(1, 6)]
IDS = [item["id"] for item in ITEMS]
PAGE_SIZE = 2  # the servers' default page size


@dataclass(frozen=True)
class Sent:
    """A request the client is expected to make: method, path, query and JSON body."""

    method: str
    path: str
    query: dict[str, str] = field(default_factory=dict)
    body: Any = None


@dataclass(frozen=True)
class Scheme:
    """A list operation of one scheme: its spec, how it is called, how it is served, what is sent."""

    name: str
    description: str
    spec: str
    operation_id: str
    arguments: dict[str, Any]
    serve: Serve
    requests: list[Sent]
    config: Optional[str] = None
    path_arguments: tuple[Any, ...] = ()
    base_path: str = ""
    """The base URL's path the client is given (the server serves under it)."""


def _slice(start: int, size: int) -> tuple[list[dict[str, str]], Optional[int]]:
    """The items of a page from start, and where the next page starts (None after the last)."""
    end = start + size
    return ITEMS[start:end], end if end < len(ITEMS) else None


def _index_after(item_id: str) -> int:
    return IDS.index(item_id) + 1 if item_id else 0


def _spec(title: str, method: str, path: str, operation_id: str, parameters: list[dict[str, Any]],
          response: dict[str, Any], *, request_body: Optional[dict[str, Any]] = None,
          headers: tuple[str, ...] = ()) -> str:  # fmt: skip
    """A spec of one list operation: its parameters, request body and 200 response's schema."""
    answer: dict[str, Any] = {"description": "A page.", "content": {"application/json": {"schema": response}}}
    if headers:
        answer["headers"] = {name: {"schema": {"type": "string"}} for name in headers}
    operation: dict[str, Any] = {"operationId": operation_id, "parameters": parameters, "responses": {"200": answer}}
    if request_body is not None:
        operation["requestBody"] = {"content": {"application/json": {"schema": request_body}}}
    item = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}
    return yaml.dump({"openapi": "3.0.3", "info": {"title": title, "version": "1"}, "paths": {path: {method: operation}},
                           "components": {"schemas": {"Item": item}}}, sort_keys=False, Dumper=_NoAliases)  # fmt: skip


class _NoAliases(yaml.SafeDumper):
    """Writes a schema used twice twice, not as a YAML alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _query(name: str, type_: str = "string", **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": type_, **schema}}


def _in_path(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def _object(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


ARRAY = {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}
STRING, INTEGER, BOOLEAN = {"type": "string"}, {"type": "integer"}, {"type": "boolean"}
NULLABLE_STRING = {"type": "string", "nullable": True}
URI = {"type": "string", "format": "uri", "nullable": True}
CURSOR, LIMIT, PAGE = _query("cursor"), _query("limit", "integer"), _query("page", "integer", default=1)


# --- a cursor or token from a response field --------------------------------------------------


def _next_cursor(request: PageRequest) -> Reply:
    cursor = request.query.get("cursor", "")
    page, after = _slice(int(cursor[1:] or 0), int(request.query.get("limit", PAGE_SIZE)))
    return Reply({"data": page, "next_cursor": f"c{after}" if after else None})


def _next_page_token(request: PageRequest) -> Reply:
    token = request.query.get("page_token", "")
    page, after = _slice(int(token[1:] or 0), int(request.query.get("page_size", PAGE_SIZE)))
    return Reply({"files": page, "next_page_token": f"t{after}" if after else ""})  # "" on the last page


def _camel_page_token(request: PageRequest) -> Reply:
    token = request.query.get("pageToken", "")
    page, after = _slice(int(token[1:] or 0), int(request.query.get("pageSize", PAGE_SIZE)))
    return Reply({"documents": page, **({"nextPageToken": f"t{after}"} if after else {})})  # absent on the last


def _nested_offset(request: PageRequest) -> Reply:
    offset = request.query.get("offset", "")
    page, after = _slice(int(offset[1:] or 0), int(request.query.get("limit", PAGE_SIZE)))
    following = {"offset": f"o{after}", "path": f"/projects?offset=o{after}", "uri": f"{request.base}/projects?offset=o{after}"}
    return Reply({"data": page, "next_page": following if after else None})


def _continue(request: PageRequest) -> Reply:
    token = request.query.get("continue", "")
    page, after = _slice(int(token[1:] or 0), int(request.query.get("limit", PAGE_SIZE)))
    return Reply({"kind": "PodList", "metadata": {"resourceVersion": "7", "continue": f"k{after}" if after else ""},
                  "items": page})  # fmt: skip


def _search(request: PageRequest) -> Reply:
    assert request.method == "POST" and request.body["query"] == "item", request
    cursor = request.body.get("cursor") or ""
    page, after = _slice(int(cursor[1:] or 0), int(request.body.get("limit", PAGE_SIZE)))
    return Reply({"results": page, "next_cursor": f"s{after}" if after else None})


def _last_item_id(request: PageRequest) -> Reply:
    page, after = _slice(_index_after(request.query.get("start_after_history_item_id", "")), PAGE_SIZE)
    return Reply({"history": page, "last_history_item_id": page[-1]["id"] if page else None, "has_more": after is not None})


def _cursor_beside_errors(request: PageRequest) -> Reply:
    cursor = request.query.get("cursor", "")
    page, after = _slice(int(cursor[1:] or 0), PAGE_SIZE)
    return Reply({"errors": [], "customers": page, **({"cursor": f"q{after}"} if after else {})})


# --- a cursor taken from the last item --------------------------------------------------------


def _starting_after(request: PageRequest) -> Reply:
    page, after = _slice(_index_after(request.query.get("starting_after", "")), int(request.query.get("limit", 10)))
    return Reply({"object": "list", "data": page, "has_more": after is not None, "url": "/v1/customers"})


def _after_last_id(request: PageRequest) -> Reply:
    page, _ = _slice(_index_after(request.query.get("after", "")), int(request.query.get("limit", 50)))
    return Reply(page)


# --- an item offset ---------------------------------------------------------------------------


def _offset_total(request: PageRequest) -> Reply:
    offset, limit = int(request.query.get("offset", 0)), int(request.query.get("limit", PAGE_SIZE))
    page, _ = _slice(offset, limit)
    return Reply({"incidents": page, "offset": offset, "limit": limit, "total": len(ITEMS)})


def _offset_more(request: PageRequest) -> Reply:
    offset, limit = int(request.query.get("offset", 0)), int(request.query.get("limit", PAGE_SIZE))
    page, after = _slice(offset, limit)
    return Reply({"services": page, "offset": offset, "limit": limit, "more": after is not None})


def _offset_nested_has_more(request: PageRequest) -> Reply:
    skip = int(request.query.get("skip", 0))
    page, after = _slice(skip, int(request.query.get("take", PAGE_SIZE)))
    return Reply({"results": page, "meta": {"has_more": after is not None}})


# --- a page number ----------------------------------------------------------------------------


def _numbered(request: PageRequest, size_name: str, first: int = 1) -> tuple[list[dict[str, str]], int, int]:
    number, size = int(request.query.get("page", first)), int(request.query.get(size_name, PAGE_SIZE))
    page, _ = _slice((number - first) * size, size)
    return page, number, size


def _page_bare(request: PageRequest) -> Reply:
    return Reply(_numbered(request, "per_page")[0])


def _page_total(request: PageRequest) -> Reply:
    return Reply({"data": _numbered(request, "page_size")[0], "total": len(ITEMS)})


def _page_total_pages(request: PageRequest) -> Reply:
    page, number, size = _numbered(request, "per_page")
    return Reply({"articles": page, "page": number, "total_pages": -(-len(ITEMS) // size)})


def _page_in_meta(request: PageRequest) -> Reply:
    page, number, _ = _numbered(request, "per_page")
    return Reply({"data": page, "meta": {"page": number, "total": len(ITEMS)}})


def _page_has_more(request: PageRequest) -> Reply:
    page, number, size = _numbered(request, "limit")
    return Reply({"items": page, "has_more": number * size < len(ITEMS)})


def _page_from_zero(request: PageRequest) -> Reply:
    number = int(request.query.get("current_page", 0))
    page, _ = _slice(number * PAGE_SIZE, PAGE_SIZE)
    return Reply({"data": page, "total": len(ITEMS)})


# --- the next page's URL ----------------------------------------------------------------------


def _next_url(request: PageRequest) -> Reply:
    number = int(request.query.get("page", 1))
    page, after = _slice((number - 1) * PAGE_SIZE, PAGE_SIZE)
    following = f"{request.base}/api/articles/?page={number + 1}" if after else None
    return Reply({"count": len(ITEMS), "next": following, "previous": None, "results": page})


def _next_page_uri(request: PageRequest) -> Reply:
    size = int(request.query.get("PageSize", PAGE_SIZE))
    number = int(request.query.get("Page", 0))
    page, after = _slice(number * size, size)
    calls = "/base/2010-04-01/Accounts/AC1/Calls.json"  # from the host's root, as the API gives it
    following = f"{calls}?Page={number + 1}&PageSize={size}&PageToken=PA{after}" if after else None
    return Reply({"calls": page, "next_page_uri": following, "page": number, "page_size": size, "uri": calls})


def _links_pages_next(request: PageRequest) -> Reply:
    number, size = int(request.query.get("page", 1)), int(request.query.get("per_page", PAGE_SIZE))
    page, after = _slice((number - 1) * size, size)
    pages = {"next": f"{request.base}/v2/droplets?page={number + 1}&per_page={size}"} if after else {}
    return Reply({"droplets": page, "links": {"pages": pages}, "meta": {"total": len(ITEMS)}})


def _odata_next_link(request: PageRequest) -> Reply:
    skip = int(request.query.get("$skiptoken", 0))
    page, after = _slice(skip, int(request.query.get("$top", PAGE_SIZE)))
    following = f"{request.base}/users?$top={PAGE_SIZE}&$skiptoken={after}" if after else None
    return Reply({"value": page, **({"@odata.nextLink": following} if following else {})})


def _links_next(request: PageRequest) -> Reply:
    cursor = request.query.get("cursor", "")
    page, after = _slice(int(cursor[1:] or 0), int(request.query.get("limit", PAGE_SIZE)))
    following = f"/wiki/api/v2/pages?cursor=w{after}&limit={request.query.get('limit', PAGE_SIZE)}" if after else None
    return Reply({"results": page, "_links": {"next": following, "base": f"{request.base}/wiki"}})


def _next_records_url(request: PageRequest) -> Reply:
    start = int(request.path.rsplit("-", 1)[1]) if "-" in request.path else 0
    page, after = _slice(start, PAGE_SIZE)
    following = f"/services/data/v60.0/query/01g-{after}" if after else None
    return Reply({"totalSize": len(ITEMS), "done": after is None, "records": page, "nextRecordsUrl": following})


def _link_header(request: PageRequest) -> Reply:
    number, size = int(request.query.get("page", 1)), int(request.query.get("per_page", 30))
    page, after = _slice((number - 1) * size, size)
    url = f"{request.base}/repos/octo/hello/pulls"
    links = [f'<{url}?page=1&per_page={size}>; rel="first"']
    if after:
        links.append(f'<{url}?page={number + 1}&per_page={size}>; rel="next"')
    return Reply(page, {"Link": ", ".join(links)})


# --- shapes the spec does not make plain: the config says -------------------------------------


def _from_end(request: PageRequest) -> Reply:
    token = request.query.get("from", "")
    page, after = _slice(int(token[1:] or 0), PAGE_SIZE)
    return Reply({"chunk": page, "start": token, **({"end": f"e{after}"} if after else {})})


def _p_from_zero(request: PageRequest) -> Reply:
    number = int(request.query.get("p", 0))
    return Reply(_slice(number * PAGE_SIZE, PAGE_SIZE)[0])


TASKS = _spec("Tasks", "get", "/tasks", "listTasks", [CURSOR, LIMIT], _object(data=ARRAY, next_cursor=NULLABLE_STRING))
"""GET /tasks?cursor&limit -> {data, next_cursor}: the cursor scheme, alone or named by the config."""
TASK_REQUESTS = [Sent("GET", "/tasks", {"limit": "2"}), Sent("GET", "/tasks", {"limit": "2", "cursor": "c2"}),
                 Sent("GET", "/tasks", {"limit": "2", "cursor": "c4"})]  # fmt: skip

SCHEMES: list[Scheme] = [
    Scheme(
        "next_cursor", "a cursor in `next_cursor`, null on the last page",
        TASKS,
        "listTasks", {"limit": 2}, _next_cursor,
        TASK_REQUESTS,
    ),
    Scheme(
        "next_page_token", "a token in `next_page_token`, empty on the last page; the items in `files`",
        _spec("Drive", "get", "/files", "listFiles", [_query("page_token"), _query("page_size", "integer")],
              _object(files=ARRAY, next_page_token=STRING)),
        "listFiles", {}, _next_page_token,
        [Sent("GET", "/files"), Sent("GET", "/files", {"page_token": "t2"}), Sent("GET", "/files", {"page_token": "t4"})],
    ),
    Scheme(
        "nextPageToken", "a token in `nextPageToken`, absent on the last page (Google's style)",
        _spec("Docs", "get", "/v1/documents", "listDocuments", [_query("pageToken"), _query("pageSize", "integer")],
              _object(documents=ARRAY, nextPageToken=STRING)),
        "listDocuments", {"page_size": 2}, _camel_page_token,
        [Sent("GET", "/v1/documents", {"pageSize": "2"}), Sent("GET", "/v1/documents", {"pageSize": "2", "pageToken": "t2"}),
         Sent("GET", "/v1/documents", {"pageSize": "2", "pageToken": "t4"})],
    ),
    Scheme(
        "next_page.offset", "an offset token in the nested `next_page.offset`, whose object is null on the last "
                            "page (Asana's style)",
        _spec("Projects", "get", "/projects", "getProjects", [_query("offset"), LIMIT],
              _object(data=ARRAY, next_page={**_object(offset=STRING, path=STRING, uri=URI), "nullable": True})),
        "getProjects", {"limit": 2}, _nested_offset,
        [Sent("GET", "/projects", {"limit": "2"}), Sent("GET", "/projects", {"limit": "2", "offset": "o2"}),
         Sent("GET", "/projects", {"limit": "2", "offset": "o4"})],
    ),
    Scheme(
        "metadata.continue", "a `continue` token in the list's `metadata`, empty on the last page (Kubernetes' style)",
        _spec("Cluster", "get", "/api/v1/pods", "listPods", [_query("continue"), LIMIT],
              _object(kind=STRING, metadata=_object(resourceVersion=STRING, **{"continue": STRING}), items=ARRAY)),
        "listPods", {"limit": 2}, _continue,
        [Sent("GET", "/api/v1/pods", {"limit": "2"}), Sent("GET", "/api/v1/pods", {"limit": "2", "continue": "k2"}),
         Sent("GET", "/api/v1/pods", {"limit": "2", "continue": "k4"})],
    ),
    Scheme(
        "body cursor", "a POST search whose JSON body carries the cursor the response's `next_cursor` gives",
        _spec("Search", "post", "/search", "searchItems", [], _object(results=ARRAY, next_cursor=NULLABLE_STRING),
              request_body={**_object(query=STRING, cursor=STRING, limit=INTEGER), "required": ["query"]}),
        "searchItems", {"query": "item", "limit": 2}, _search,
        [Sent("POST", "/search", body={"query": "item", "limit": 2}),
         Sent("POST", "/search", body={"query": "item", "limit": 2, "cursor": "s2"}),
         Sent("POST", "/search", body={"query": "item", "limit": 2, "cursor": "s4"})],
    ),
    Scheme(
        "last_history_item_id", "`start_after_history_item_id` = the response's `last_history_item_id`, until "
                                "`has_more` is false (ElevenLabs' style)",
        _spec("Voices", "get", "/v1/history", "get_history",
              [_query("page_size", "integer"), _query("start_after_history_item_id")],
              _object(history=ARRAY, last_history_item_id=NULLABLE_STRING, has_more=BOOLEAN)),
        "get_history", {}, _last_item_id,
        [Sent("GET", "/v1/history"), Sent("GET", "/v1/history", {"start_after_history_item_id": "i2"}),
         Sent("GET", "/v1/history", {"start_after_history_item_id": "i4"})],
    ),
    Scheme(
        "cursor beside errors", "a `cursor` field named as its parameter, absent on the last page; an `errors` "
                                "array beside the items (Square's style)",
        _spec("Payments", "get", "/v2/customers", "ListCustomers", [CURSOR],
              _object(errors={"type": "array", "items": STRING}, customers=ARRAY, cursor=STRING)),
        "ListCustomers", {}, _cursor_beside_errors,
        [Sent("GET", "/v2/customers"), Sent("GET", "/v2/customers", {"cursor": "q2"}),
         Sent("GET", "/v2/customers", {"cursor": "q4"})],
    ),
    Scheme(
        "starting_after", "`starting_after` = the last item's id, until `has_more` is false (Stripe's style)",
        _spec("Billing", "get", "/v1/customers", "GetCustomers", [_query("starting_after"), _query("ending_before"), LIMIT],
              {**_object(object=STRING, data=ARRAY, has_more=BOOLEAN, url=STRING), "required": ["data", "has_more"]}),
        "GetCustomers", {"limit": 2}, _starting_after,
        [Sent("GET", "/v1/customers", {"limit": "2"}), Sent("GET", "/v1/customers", {"limit": "2", "starting_after": "i2"}),
         Sent("GET", "/v1/customers", {"limit": "2", "starting_after": "i4"})],
    ),
    Scheme(
        "after = last id", "`after` = the last item's id, on a bare array, until a page is short (Discord's style)",
        _spec("Chat", "get", "/channels/{channel_id}/messages", "listMessages",
              [_in_path("channel_id"), _query("after"), _query("limit", "integer", maximum=100)], ARRAY),
        "listMessages", {"limit": 2}, _after_last_id,
        [Sent("GET", "/channels/c1/messages", {"limit": "2"}),
         Sent("GET", "/channels/c1/messages", {"limit": "2", "after": "i2"}),
         Sent("GET", "/channels/c1/messages", {"limit": "2", "after": "i4"})],
        path_arguments=("c1",),
    ),
    Scheme(
        "offset + total", "`offset`/`limit`, until `total` items are seen (PagerDuty's style)",
        _spec("Incidents", "get", "/incidents", "listIncidents", [_query("offset", "integer"), LIMIT],
              _object(incidents=ARRAY, offset=INTEGER, limit=INTEGER, total={"type": "integer", "nullable": True})),
        "listIncidents", {"limit": 2}, _offset_total,
        [Sent("GET", "/incidents", {"limit": "2"}), Sent("GET", "/incidents", {"limit": "2", "offset": "2"}),
         Sent("GET", "/incidents", {"limit": "2", "offset": "4"})],
    ),
    Scheme(
        "offset + more", "`offset`/`limit`, until `more` is false",
        _spec("Services", "get", "/services", "listServices", [_query("offset", "integer"), LIMIT],
              _object(services=ARRAY, offset=INTEGER, limit=INTEGER, more=BOOLEAN)),
        "listServices", {}, _offset_more,
        [Sent("GET", "/services"), Sent("GET", "/services", {"offset": "2"}), Sent("GET", "/services", {"offset": "4"})],
    ),
    Scheme(
        "skip + meta.has_more", "`skip`/`take`, until the nested `meta.has_more` is false",
        _spec("Catalog", "get", "/products", "listProducts", [_query("skip", "integer"), _query("take", "integer")],
              _object(results=ARRAY, meta=_object(has_more=BOOLEAN))),
        "listProducts", {"take": 2}, _offset_nested_has_more,
        [Sent("GET", "/products", {"take": "2"}), Sent("GET", "/products", {"take": "2", "skip": "2"}),
         Sent("GET", "/products", {"take": "2", "skip": "4"})],
    ),
    Scheme(
        "page, short page", "`page`/`per_page`, on a bare array, until a page is shorter than `per_page`",
        _spec("Issues", "get", "/issues", "listIssues", [PAGE, _query("per_page", "integer")], ARRAY),
        "listIssues", {"per_page": 2}, _page_bare,
        [Sent("GET", "/issues", {"per_page": "2"}), Sent("GET", "/issues", {"per_page": "2", "page": "2"}),
         Sent("GET", "/issues", {"per_page": "2", "page": "3"})],
    ),
    Scheme(
        "page, empty page", "`page`, on a bare array of the server's page size, until a page is empty",
        _spec("Notes", "get", "/notes", "listNotes", [PAGE, _query("per_page", "integer")], ARRAY),
        "listNotes", {}, _page_bare,
        [Sent("GET", "/notes"), Sent("GET", "/notes", {"page": "2"}), Sent("GET", "/notes", {"page": "3"}),
         Sent("GET", "/notes", {"page": "4"})],
    ),
    Scheme(
        "page + total", "`page`/`page_size`, until `total` items are seen",
        _spec("Labels", "get", "/labels", "listLabels", [PAGE, _query("page_size", "integer")],
              _object(data=ARRAY, total=INTEGER)),
        "listLabels", {"page_size": 2}, _page_total,
        [Sent("GET", "/labels", {"page_size": "2"}), Sent("GET", "/labels", {"page_size": "2", "page": "2"}),
         Sent("GET", "/labels", {"page_size": "2", "page": "3"})],
    ),
    Scheme(
        "page + total_pages", "`page`/`per_page`, until `total_pages`",
        _spec("Blog", "get", "/articles", "listArticles", [_query("page", "integer", minimum=1), _query("per_page", "integer")],
              _object(articles=ARRAY, page=INTEGER, total_pages=INTEGER)),
        "listArticles", {}, _page_total_pages,
        [Sent("GET", "/articles"), Sent("GET", "/articles", {"page": "2"}), Sent("GET", "/articles", {"page": "3"})],
    ),
    Scheme(
        "page + meta.total", "`page`/`per_page`, until the nested `meta.total` items are seen; `meta.page` is this "
                             "page's number, not the next one",
        _spec("Forum", "get", "/posts", "listPosts", [PAGE, _query("per_page", "integer")],
              _object(data=ARRAY, meta=_object(page=INTEGER, total=INTEGER))),
        "listPosts", {"per_page": 2}, _page_in_meta,
        [Sent("GET", "/posts", {"per_page": "2"}), Sent("GET", "/posts", {"per_page": "2", "page": "2"}),
         Sent("GET", "/posts", {"per_page": "2", "page": "3"})],
    ),
    Scheme(
        "page + has_more", "`page`/`limit`, until `has_more` is false",
        _spec("Shop", "get", "/orders", "listOrders", [PAGE, LIMIT], _object(items=ARRAY, has_more=BOOLEAN)),
        "listOrders", {"limit": 2}, _page_has_more,
        [Sent("GET", "/orders", {"limit": "2"}), Sent("GET", "/orders", {"limit": "2", "page": "2"}),
         Sent("GET", "/orders", {"limit": "2", "page": "3"})],
    ),
    Scheme(
        "page from 0", "`current_page` counted from 0 (the parameter's minimum), until `total` items are seen",
        _spec("Workspaces", "get", "/workspaces", "listWorkspaces",
              [_query("current_page", "integer", minimum=0), _query("page_size", "integer")],
              _object(data=ARRAY, total=INTEGER)),
        "listWorkspaces", {}, _page_from_zero,
        [Sent("GET", "/workspaces"), Sent("GET", "/workspaces", {"current_page": "1"}),
         Sent("GET", "/workspaces", {"current_page": "2"})],
    ),
    Scheme(
        "next URL", "the next page's URL in `next`, null on the last page (Django REST framework's style)",
        _spec("Articles", "get", "/api/articles/", "articles_list", [_query("page", "integer")],
              _object(count=INTEGER, next=URI, previous=URI, results=ARRAY)),
        "articles_list", {}, _next_url,
        [Sent("GET", "/api/articles/"), Sent("GET", "/api/articles/", {"page": "2"}),
         Sent("GET", "/api/articles/", {"page": "3"})],
    ),
    Scheme(
        "next_page_uri", "the next page's path from the host's root in `next_page_uri` (Twilio's style), under a "
                         "base URL with a path",
        _spec("Voice", "get", "/2010-04-01/Accounts/{AccountSid}/Calls.json", "ListCall",
              [_in_path("AccountSid"), _query("PageSize", "integer"), _query("Page", "integer"), _query("PageToken")],
              _object(calls=ARRAY, next_page_uri=URI, page=INTEGER, page_size=INTEGER, uri=URI)),
        "ListCall", {"page_size": 2}, _next_page_uri,
        [Sent("GET", "/base/2010-04-01/Accounts/AC1/Calls.json", {"PageSize": "2"}),
         Sent("GET", "/base/2010-04-01/Accounts/AC1/Calls.json", {"Page": "1", "PageSize": "2", "PageToken": "PA2"}),
         Sent("GET", "/base/2010-04-01/Accounts/AC1/Calls.json", {"Page": "2", "PageSize": "2", "PageToken": "PA4"})],
        path_arguments=("AC1",), base_path="/base",
    ),
    Scheme(
        "links.pages.next", "the next page's URL in `links.pages.next`, absent on the last page (DigitalOcean's style)",
        _spec("Cloud", "get", "/v2/droplets", "droplets_list", [PAGE, _query("per_page", "integer")],
              _object(droplets=ARRAY, links=_object(pages=_object(next=STRING, last=STRING)), meta=_object(total=INTEGER))),
        "droplets_list", {"per_page": 2}, _links_pages_next,
        [Sent("GET", "/v2/droplets", {"per_page": "2"}), Sent("GET", "/v2/droplets", {"page": "2", "per_page": "2"}),
         Sent("GET", "/v2/droplets", {"page": "3", "per_page": "2"})],
    ),
    Scheme(
        "@odata.nextLink", "the next page's URL in `@odata.nextLink`, a field name with a dot (Microsoft Graph's style)",
        _spec("Directory", "get", "/users", "users_list", [_query("$top", "integer")],
              _object(value=ARRAY, **{"@odata.nextLink": STRING})),
        "users_list", {"top": 2}, _odata_next_link,
        [Sent("GET", "/users", {"$top": "2"}), Sent("GET", "/users", {"$top": "2", "$skiptoken": "2"}),
         Sent("GET", "/users", {"$top": "2", "$skiptoken": "4"})],
    ),
    Scheme(
        "_links.next", "the next page's path in `_links.next` beside a `cursor` parameter (Confluence's style)",
        _spec("Wiki", "get", "/wiki/api/v2/pages", "getPages", [CURSOR, LIMIT],
              _object(results=ARRAY, _links=_object(next=STRING, base=STRING))),
        "getPages", {"limit": 2}, _links_next,
        [Sent("GET", "/wiki/api/v2/pages", {"limit": "2"}), Sent("GET", "/wiki/api/v2/pages", {"cursor": "w2", "limit": "2"}),
         Sent("GET", "/wiki/api/v2/pages", {"cursor": "w4", "limit": "2"})],
    ),
    Scheme(
        "nextRecordsUrl", "the next page's path in `nextRecordsUrl`, a path of its own (Salesforce's style)",
        _spec("Records", "get", "/services/data/v60.0/query", "query", [_query("q")],
              _object(totalSize=INTEGER, done=BOOLEAN, records=ARRAY, nextRecordsUrl=STRING)),
        "query", {"q": "SELECT Id FROM Item"}, _next_records_url,
        [Sent("GET", "/services/data/v60.0/query", {"q": "SELECT Id FROM Item"}),
         Sent("GET", "/services/data/v60.0/query/01g-2"), Sent("GET", "/services/data/v60.0/query/01g-4")],
    ),
    Scheme(
        "Link header", "the `Link` header's rel=\"next\" URL, on a bare array (GitHub's style)",
        _spec("Code", "get", "/repos/{owner}/{repo}/pulls", "pulls/list",
              [_in_path("owner"), _in_path("repo"), PAGE, _query("per_page", "integer", default=30)], ARRAY,
              headers=("Link",)),
        "pulls/list", {"per_page": 2}, _link_header,
        [Sent("GET", "/repos/octo/hello/pulls", {"per_page": "2"}),
         Sent("GET", "/repos/octo/hello/pulls", {"page": "2", "per_page": "2"}),
         Sent("GET", "/repos/octo/hello/pulls", {"page": "3", "per_page": "2"})],
        path_arguments=("octo", "hello"),
    ),
    Scheme(
        "configured cursor", "`from` = the `end` of the page before, absent on the last page: the config names them",
        _spec("Rooms", "get", "/rooms/{room_id}/messages", "getRoomEvents",
              [_in_path("room_id"), _query("from"), _query("dir")], _object(chunk=ARRAY, start=STRING, end=STRING)),
        "getRoomEvents", {"dir": "f"}, _from_end,
        [Sent("GET", "/rooms/r1/messages", {"dir": "f"}), Sent("GET", "/rooms/r1/messages", {"dir": "f", "from": "e2"}),
         Sent("GET", "/rooms/r1/messages", {"dir": "f", "from": "e4"})],
        config="pagination:\n  getRoomEvents: {scheme: cursor, parameter: from, next: end}\n",
        path_arguments=("r1",),
    ),
    Scheme(
        "configured by name", "`pagination: {listTasks: cursor}` on a `cursor`/`next_cursor` API",
        TASKS,
        "listTasks", {"limit": 2}, _next_cursor,
        TASK_REQUESTS,
        config="pagination:\n  listTasks: cursor\n",
    ),
    Scheme(
        "configured for every operation", "`p` counted from 0, on a bare array: the `*` entry says so for the whole API",
        _spec("Feeds", "get", "/feed", "getFeed", [_query("p", "integer")], ARRAY),
        "getFeed", {}, _p_from_zero,
        [Sent("GET", "/feed"), Sent("GET", "/feed", {"p": "1"}), Sent("GET", "/feed", {"p": "2"}),
         Sent("GET", "/feed", {"p": "3"})],
        config="pagination:\n  '*': {scheme: page, parameter: p, first_page: 0}\n",
    ),
]


# --- generating a scheme's client and walking its list ------------------------------------

PACKAGE = "paging_client"
CLIENT_NAMES = "client_class: Client\nasync_client_class: AsyncClient\n"


def write_scheme_package(scheme: Scheme, folder: Path) -> Path:
    """Generate the client of the scheme's spec (and config) into folder/out; that folder."""
    folder.mkdir(parents=True, exist_ok=True)
    spec, config = folder / "api.yaml", folder / "api.config.yaml"
    spec.write_text(scheme.spec)
    config.write_text(CLIENT_NAMES + (scheme.config or ""))
    write_package(spec, folder / "out", config=config, package_name=PACKAGE)
    return folder / "out"


def list_method(client: Any, package: ModuleType, scheme: Scheme) -> Any:
    """The scheme's list method on a client, found by its operation id (wherever its call path puts it)."""
    (operation,) = [op for op in package.OPERATIONS if op.operation_id == scheme.operation_id]
    target = client
    for part in operation.call_path.split("."):
        target = getattr(target, part)
    return target


def walk_sync(package: ModuleType, scheme: Scheme, server: PagingServer) -> list[Any]:
    """Every item `for item in client.x.list(...)` yields."""
    client = package.Client(base_url=server.url + scheme.base_path, max_retries=0)
    return list(list_method(client, package, scheme)(*scheme.path_arguments, **scheme.arguments))


def walk_async(package: ModuleType, scheme: Scheme, server: PagingServer) -> list[Any]:
    """Every item `async for item in client.x.list(...)` yields."""

    async def main() -> list[Any]:
        async with package.AsyncClient(base_url=server.url + scheme.base_path, max_retries=0) as client:
            return [item async for item in list_method(client, package, scheme)(*scheme.path_arguments, **scheme.arguments)]

    return asyncio.run(main())


def sent(server: PagingServer) -> list[Sent]:
    return [Sent(r.method, r.path, r.query, r.body) for r in server.requests]
