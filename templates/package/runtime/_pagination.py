"""Pages of list results that iterate over every item, fetching further pages as needed.

One page class serves every paging scheme: what differs between list operations is data, the
`Paging` the generator wrote on each one's Endpoint.
"""

from __future__ import annotations

import re
from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Dict,
    Generator,
    Generic,
    Iterator,
    List,
    Literal,
    Mapping,
    NamedTuple,
    Optional,
    Tuple,
    TypeVar,
    cast,
)
from urllib.parse import urljoin

import httpx

from ._types import NotGiven

__all__ = ["SyncPage", "AsyncPage", "AsyncPaginator", "Paging", "PageRequest"]

_T = TypeVar("_T")
_R = TypeVar("_R")

PageKind = Literal["cursor", "item", "offset", "page", "url", "link"]
FieldPath = Tuple[str, ...]
"""Where a value sits in a response: the names of the fields that lead to it (API names)."""


class Paging:
    """How one list operation pages: the Endpoint's `page`, as the generator decided it.

    `kind` says where the next page comes from:

    - "cursor": the response field `next` holds the cursor, sent as `parameter`;
    - "item": the field `cursor_field` of the page's last item is the cursor (`after` = last id);
    - "offset": `parameter` counts items: the next one is this one plus the page's items;
    - "page": `parameter` counts pages from `first_page`;
    - "url": the response field `next` holds the next page's URL (or path);
    - "link": the `Link` header's `rel="next"` URL is the next page.

    `parameter` is a query parameter, or a JSON body field when `in_body`; `size` the parameter
    with the page size (at most `size_limit`). `items` leads to the page's items (none: the
    response is the list). The last page is the one whose `has_more` is false, whose `total`
    items or `total_pages` have been reached, that gives no next cursor or URL, that is empty,
    or, where the response says none of these, that is shorter than the size asked for.
    """

    __slots__ = (
        "kind",
        "parameter",
        "in_body",
        "size",
        "size_limit",
        "items",
        "next",
        "cursor_field",
        "has_more",
        "total",
        "total_pages",
        "first_page",
    )
    kind: PageKind
    parameter: Optional[str]
    in_body: bool
    size: Optional[str]
    size_limit: Optional[int]
    items: FieldPath
    next: FieldPath
    cursor_field: FieldPath
    has_more: FieldPath
    total: FieldPath
    total_pages: FieldPath
    first_page: int

    def __init__(
        self,
        kind: PageKind,
        parameter: Optional[str] = None,
        *,
        in_body: bool = False,
        size: Optional[str] = None,
        size_limit: Optional[int] = None,
        items: FieldPath = (),
        next: FieldPath = (),
        cursor_field: FieldPath = ("id",),
        has_more: FieldPath = (),
        total: FieldPath = (),
        total_pages: FieldPath = (),
        first_page: int = 1,
    ) -> None:
        self.kind = kind
        self.parameter = parameter
        self.in_body = in_body
        self.size = size
        self.size_limit = size_limit
        self.items = items
        self.next = next
        self.cursor_field = cursor_field
        self.has_more = has_more
        self.total = total
        self.total_pages = total_pages
        self.first_page = first_page

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"Paging({shown})"


class PageRequest(NamedTuple):
    """What one page's request sends: its query parameters and body (API names), or a URL."""

    params: Mapping[str, object]
    body: object
    url: Optional[str] = None


class _PageBase(Generic[_T, _R]):
    """One page of a list: its items (`data`) and the whole parsed response (`page`)."""

    def __init__(
        self,
        page: _R,
        paging: Paging,
        request: PageRequest,
        response: Optional[httpx.Response] = None,
    ) -> None:
        self.page: _R = page
        """The parsed response of this page (`page.page.has_more`, `page.page.total`...)."""
        self._paging = paging
        self._request = request
        self._url = str(response.url) if response is not None else ""
        self._link = response.headers.get("link") if response is not None else None
        self._seen = 0  # items on the pages walked before this one

    @property
    def data(self) -> List[_T]:
        """The items of this page only."""
        found: Any = _value(self.page, self._paging.items)
        return list(cast("List[_T]", found)) if isinstance(found, (list, tuple)) else []

    @property
    def items(self) -> List[_T]:
        """The items of this page only (the same as `data`)."""
        return self.data

    def next_page_request(self) -> Optional[PageRequest]:
        """What the next page's request sends, or None when this is the last page."""
        paging, page = self._paging, self.page
        if paging.has_more and not _value(page, paging.has_more):
            return None
        if paging.kind in ("url", "link"):
            found = _value(page, paging.next) if paging.kind == "url" else _next_link(self._link)
            if not isinstance(found, str) or not found:
                return None
            url = urljoin(self._url, found)
            return None if url == self._url else PageRequest({}, self._request.body, url)
        sent = self._sent(paging.parameter)
        if paging.kind == "cursor":
            cursor = _value(page, paging.next)
            if cursor is None or cursor == "" or cursor == sent:
                return None
            return self._with(cursor)
        items = self.data
        if not items or self._last_by_count(items, sent):
            return None
        if paging.kind == "item":
            cursor = _value(items[-1], paging.cursor_field)
            return None if cursor is None or cursor == sent else self._with(cursor)
        if paging.kind == "offset":
            return self._with(_number(sent, 0) + len(items))
        return self._with(_number(sent, paging.first_page) + 1)

    def next_page_params(self) -> Optional[Dict[str, object]]:
        """The query parameters of the next page, or None when this is the last one."""
        request = self.next_page_request()
        return None if request is None else dict(request.params)

    def has_next_page(self) -> bool:
        return self.next_page_request() is not None

    def _last_by_count(self, items: List[Any], sent: object) -> bool:
        """Whether the counts the response gives (or the page's shortness) say this is the last page."""
        paging, page = self._paging, self.page
        size = _number(self._sent(paging.size), 0)
        total = _value(page, paging.total)
        if isinstance(total, int):
            if paging.kind == "offset":
                before = _number(sent, 0)
            elif paging.kind == "page" and size:
                before = (_number(sent, paging.first_page) - paging.first_page) * size
            else:
                before = self._seen
            return before + len(items) >= total
        pages = _value(page, paging.total_pages)
        if isinstance(pages, int) and paging.kind == "page":
            return _number(sent, paging.first_page) - paging.first_page + 1 >= pages
        if paging.has_more or paging.total or paging.total_pages:
            return False
        expected = min(size, paging.size_limit) if paging.size_limit else size
        return 0 < len(items) < expected

    def _sent(self, name: Optional[str]) -> object:
        if name is None:
            return None
        sent = _mapping(self._request.body) if self._paging.in_body else self._request.params
        return sent.get(name)

    def _with(self, value: object) -> PageRequest:
        """This page's request with the paging parameter set to value."""
        name, request = cast(str, self._paging.parameter), self._request
        if self._paging.in_body:
            return PageRequest(request.params, {**_mapping(request.body), name: value})
        return PageRequest({**request.params, name: value}, request.body)

    def _followed_by(self, page: Any) -> Any:
        """The next page, knowing how many items came before it."""
        page._seen = self._seen + len(self.data)
        return page

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.data)} next={self.has_next_page()}>"


def _value(value: Any, path: FieldPath) -> Any:
    """The value at path in a parsed response (a model, by API or Python names, or plain JSON)."""
    found: Any = value
    for name in path:
        if found is None or isinstance(found, (list, tuple, str, bytes)):
            return None
        if isinstance(found, Mapping):
            found = cast("Mapping[str, Any]", found).get(name)
            continue
        try:
            found = found[name]  # a generated model reads API names
        except (KeyError, TypeError):
            found = getattr(found, name, None)
    return found


def _mapping(body: object) -> Mapping[str, object]:
    if isinstance(body, Mapping):
        return cast("Mapping[str, object]", body)
    return {}


def _number(value: object, default: int) -> int:
    if isinstance(value, NotGiven) or value is None:
        return default
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return default


_LINK = re.compile(r"<([^>]*)>([^<]*)")
_REL = re.compile(r"""\brel\s*=\s*(?:"([^"]*)"|([^\s;,]+))""", re.IGNORECASE)


def _next_link(header: Optional[str]) -> Optional[str]:
    """The URL of a `Link` header's `rel="next"` entry (RFC 8288), or None."""
    for target, parameters in _LINK.findall(header or ""):
        rel = _REL.search(parameters)
        if rel and "next" in (rel.group(1) or rel.group(2)).lower().split():
            return cast(str, target)
    return None


class SyncPage(_PageBase[_T, _R]):
    """`for item in page` goes through every item of every page; `iter_pages()` page by page."""

    def __init__(
        self,
        page: _R,
        paging: Paging,
        request: PageRequest,
        fetch: Callable[[PageRequest], Any],
        response: Optional[httpx.Response] = None,
    ) -> None:
        super().__init__(page, paging, request, response)
        self._fetch = fetch

    def next_page(self) -> SyncPage[_T, _R]:
        """The next page (check `has_next_page()` first: after the last one this raises StopIteration)."""
        request = self.next_page_request()
        if request is None:
            raise StopIteration("this is the last page")
        page: SyncPage[_T, _R] = self._followed_by(self._fetch(request))
        return page

    def get_next_page(self) -> SyncPage[_T, _R]:
        """The same as `next_page()`."""
        return self.next_page()

    def iter_pages(self) -> Iterator[SyncPage[_T, _R]]:
        page: SyncPage[_T, _R] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.next_page()

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase[_T, _R]):
    """`async for item in page` goes through every item of every page."""

    def __init__(
        self,
        page: _R,
        paging: Paging,
        request: PageRequest,
        fetch: Callable[[PageRequest], Awaitable[Any]],
        response: Optional[httpx.Response] = None,
    ) -> None:
        super().__init__(page, paging, request, response)
        self._fetch = fetch

    async def next_page(self) -> AsyncPage[_T, _R]:
        """The next page (check `has_next_page()` first: after the last one this raises StopAsyncIteration)."""
        request = self.next_page_request()
        if request is None:
            raise StopAsyncIteration("this is the last page")
        page: AsyncPage[_T, _R] = self._followed_by(await self._fetch(request))
        return page

    async def get_next_page(self) -> AsyncPage[_T, _R]:
        """The same as `next_page()`."""
        return await self.next_page()

    async def iter_pages(self) -> AsyncIterator[AsyncPage[_T, _R]]:
        page: AsyncPage[_T, _R] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item


class AsyncPaginator(Generic[_T, _R]):
    """What an async list method returns: `await` it for the first page, or `async for` every item.

    `async for item in client.batches.list():` needs no `await`; `page = await client.batches.list()`
    gives the first `AsyncPage`.
    """

    def __init__(self, first_page: Callable[[], Awaitable[AsyncPage[_T, _R]]]) -> None:
        self._first_page = first_page

    def __await__(self) -> Generator[Any, None, AsyncPage[_T, _R]]:
        return self._first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        page: AsyncPage[_T, _R] = await self
        async for item in page:
            yield item
