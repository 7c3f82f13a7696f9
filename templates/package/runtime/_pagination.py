"""Pages of list results that iterate over every item, fetching further pages as needed."""

from __future__ import annotations

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
    Mapping,
    Optional,
    Tuple,
    TypeVar,
    cast,
)

from ._types import NotGiven

__all__ = ["SyncPage", "AsyncPage", "AsyncPaginator", "Paging"]

_T = TypeVar("_T")
_R = TypeVar("_R")

Paging = Tuple[str, str, Optional[str]]
"""(kind, page parameter, page size parameter): ("cursor", "after", None) or ("page", "current_page", "page_size")."""


class _PageBase(Generic[_T, _R]):
    """One page of a list: its items (`data`) and the whole parsed response (`page`)."""

    def __init__(self, page: _R, paging: Paging, params: Mapping[str, object]) -> None:
        self.page: _R = page
        """The parsed response of this page (`page.page.has_more`, `page.page.total`...)."""
        self._paging = paging
        self._params = dict(params)

    @property
    def data(self) -> List[_T]:
        """The items of this page only."""
        found: Any = _field(self.page, "data")
        return list(found or [])

    @property
    def items(self) -> List[_T]:
        """The items of this page only (the same as `data`)."""
        return self.data

    def next_page_params(self) -> Optional[Dict[str, object]]:
        """The query parameters of the next page, or None when this is the last one."""
        kind, page_parameter, size_parameter = self._paging
        items = self.data
        if not items:
            return None
        if kind == "cursor":
            if not _field(self.page, "has_more"):
                return None
            cursor = _field(items[-1], "id")
            return None if cursor is None else {**self._params, page_parameter: cursor}
        current = _number(self._params.get(page_parameter), 0)
        size = _number(self._params.get(size_parameter) if size_parameter else None, len(items))
        total = _field(self.page, "total")
        if not isinstance(total, int) or current * size + len(items) >= total:
            return None
        return {**self._params, page_parameter: current + 1}

    def has_next_page(self) -> bool:
        return self.next_page_params() is not None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.data)} next={self.has_next_page()}>"


def _field(value: object, name: str) -> Any:
    if isinstance(value, dict):
        return cast("Dict[str, Any]", value).get(name)
    return getattr(value, name, None)


def _number(value: object, default: int) -> int:
    if isinstance(value, NotGiven) or value is None:
        return default
    try:
        return int(value)  # type: ignore[call-overload, no-any-return]
    except (TypeError, ValueError):
        return default


class SyncPage(_PageBase[_T, _R]):
    """`for item in page` goes through every item of every page; `iter_pages()` page by page."""

    def __init__(
        self,
        page: _R,
        paging: Paging,
        params: Mapping[str, object],
        fetch: Callable[[Dict[str, object]], Any],
    ) -> None:
        super().__init__(page, paging, params)
        self._fetch = fetch

    def get_next_page(self) -> SyncPage[_T, _R]:
        params = self.next_page_params()
        if params is None:
            raise StopIteration("this is the last page")
        page: SyncPage[_T, _R] = self._fetch(params)
        return page

    def iter_pages(self) -> Iterator[SyncPage[_T, _R]]:
        page: SyncPage[_T, _R] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.get_next_page()

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncPage(_PageBase[_T, _R]):
    """`async for item in page` goes through every item of every page."""

    def __init__(
        self,
        page: _R,
        paging: Paging,
        params: Mapping[str, object],
        fetch: Callable[[Dict[str, object]], Awaitable[Any]],
    ) -> None:
        super().__init__(page, paging, params)
        self._fetch = fetch

    async def get_next_page(self) -> AsyncPage[_T, _R]:
        params = self.next_page_params()
        if params is None:
            raise StopAsyncIteration("this is the last page")
        page: AsyncPage[_T, _R] = await self._fetch(params)
        return page

    async def iter_pages(self) -> AsyncIterator[AsyncPage[_T, _R]]:
        page: AsyncPage[_T, _R] = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.get_next_page()

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
