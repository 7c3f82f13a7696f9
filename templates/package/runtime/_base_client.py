"""HTTP machinery shared by the sync and the async client.

Request building, credentials, retries and response parsing live here; each generated
resource method has an `Endpoint` describing its operation and calls `call` with its arguments.
"""

from __future__ import annotations

import datetime
import functools
import json
import logging
import math
import os
import random
import re
import time
from typing import (
    Any,
    Awaitable,
    Callable,
    Dict,
    FrozenSet,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
    cast,
)

import httpx
from typing_extensions import Self

from ._constants import (
    EXTRA_HEADER_PREFIX,
    LOG_ENV,
    METHOD_OPTIONS,
    PACKAGE_NAME,
    SECURITY,
    VERSION,
)
from ._encoding import (
    Encodings,
    Style,
    Styles,
    cookie_header,
    encode_path,
    encode_query,
    form_content,
    header_text,
    header_value,
    is_file,
    json_content,
    multipart_parts,
    raw_content,
)
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error,
)
from ._pagination import AsyncPage, AsyncPaginator, PageRequest, Paging, SyncPage
from ._response import (
    RESPONSE_MODE,
    APIResponse,
    AsyncAPIResponse,
    AsyncBinaryResponse,
    BinaryResponse,
)
from ._security import Credential, Credentials, Placed, Requirements
from ._servers import operation_base_url
from ._streaming import AsyncStream, Stream
from ._types import NOT_GIVEN, Headers, NotGiven, Query, Timeout, models

__all__ = ["SyncAPIClient", "AsyncAPIClient", "Endpoint", "DEFAULT_TIMEOUT", "DEFAULT_MAX_RETRIES"]

DEFAULT_TIMEOUT = httpx.Timeout(timeout=600.0, connect=5.0)
HTTPX_DEFAULT_TIMEOUT = httpx.Timeout(5.0)
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5
MAX_RETRY_DELAY = 8.0
MAX_RETRY_AFTER = 60.0
# Kept-alive connections of a closed event loop that one request may drop before giving up.
MAX_STALE_CONNECTIONS = 100

ResponseKind = Literal["json", "text", "binary", "stream", "none"]
BodyKind = Literal["json", "multipart", "urlencoded", "raw"]
Rest = Literal["query", "json", "multipart", "urlencoded", "value", "raw"]
CastTo = Callable[[], Any]

log = logging.getLogger(PACKAGE_NAME)
if LOG_ENV:
    _level = os.environ.get(LOG_ENV, "").lower()
    if _level in ("debug", "info") and not log.handlers:
        _handler = logging.StreamHandler()
        _handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        log.addHandler(_handler)
        log.setLevel(logging.DEBUG if _level == "debug" else logging.INFO)


def bearer(token: str) -> str:
    return token if token.lower().startswith("bearer ") else f"Bearer {token}"


def keyword_headers(keywords: Mapping[str, object]) -> Dict[str, str]:
    """Headers from a client's further keywords: `trace_id="t"` -> `<prefix>trace-id: t`.

    A None value is not sent; without a prefix in the config the client takes no such keywords.
    """
    if EXTRA_HEADER_PREFIX is None:
        if keywords:
            raise TypeError(f"unexpected keyword arguments: {', '.join(sorted(keywords))}")
        return {}
    return {
        EXTRA_HEADER_PREFIX + name.replace("_", "-").lower(): header_text(value)
        for name, value in keywords.items()
        if value is not None
    }


# What a method's `locals()` holds besides its operation's arguments.
_NOT_ARGUMENTS = METHOD_OPTIONS | {"self"}


class Endpoint:
    """One operation: where each argument of its method goes in the request, and what comes back.

    `rest` says where arguments not listed in `query`, `headers` or `cookies` go: the query string,
    a JSON object body ("json"), a multipart form ("multipart"), a form-urlencoded body
    ("urlencoded"), or the `body_argument` as the whole body ("value": JSON, "raw": sent as it is).
    Path placeholders are named after the method's arguments; `wire` maps argument names to the
    names the API uses where they differ; `styles` gives, by argument, the OpenAPI serialization
    of a parameter whose value may be a list or an object (or a label/matrix path parameter);
    `encodings` a form body's fields' (style, explode, content type); `content_type` the body's
    media type where its kind does not imply it; `files_rest` where the fields go instead when one
    of them is a file (a JSON body the operation also takes as a multipart form); `accept` and
    `fixed_headers` headers every call sends.

    `security` lists the operation's security requirements (`_security`; None: the ones most
    operations have, `SECURITY`), `server` its own server where it has one (`_servers`), and
    `errors` the type of each error status's body the API describes (`"404"`, `"4XX"`, `"default"`).
    """

    __slots__ = (
        "method",
        "path",
        "cast_to",
        "response",
        "rest",
        "query",
        "headers",
        "cookies",
        "wire",
        "body_argument",
        "content_type",
        "encodings",
        "files_rest",
        "accept",
        "fixed_headers",
        "styles",
        "stream",
        "page",
        "path_arguments",
        "security",
        "server",
        "errors",
    )
    method: str
    path: str
    cast_to: Optional[CastTo]
    response: ResponseKind
    rest: Rest
    query: FrozenSet[str]
    headers: FrozenSet[str]
    cookies: FrozenSet[str]
    wire: Dict[str, str]
    body_argument: Optional[str]
    content_type: Optional[str]
    encodings: Optional[Encodings]
    files_rest: Optional[Rest]
    accept: Optional[str]
    fixed_headers: Dict[str, str]
    styles: Dict[str, Style]
    stream: Optional[Tuple[str, CastTo]]
    page: Optional[Paging]
    path_arguments: FrozenSet[str]
    security: Optional[Requirements]
    server: Optional[str]
    errors: Optional[Mapping[str, CastTo]]

    def __init__(
        self,
        method: str,
        path: str,
        cast_to: Optional[CastTo] = None,
        *,
        response: ResponseKind = "json",
        rest: Rest = "query",
        query: Tuple[str, ...] = (),
        headers: Tuple[str, ...] = (),
        cookies: Tuple[str, ...] = (),
        wire: Optional[Mapping[str, str]] = None,
        body_argument: Optional[str] = None,
        content_type: Optional[str] = None,
        encodings: Optional[Encodings] = None,
        files_rest: Optional[Rest] = None,
        accept: Optional[str] = None,
        fixed_headers: Optional[Mapping[str, str]] = None,
        styles: Optional[Mapping[str, Style]] = None,
        stream: Optional[Tuple[str, CastTo]] = None,
        page: Optional[Paging] = None,
        security: Optional[Requirements] = None,
        server: Optional[str] = None,
        errors: Optional[Mapping[str, CastTo]] = None,
    ) -> None:
        self.method = method
        self.path = path
        self.cast_to = cast_to
        self.response = response
        self.rest = rest
        self.query = frozenset(query)
        self.headers = frozenset(headers)
        self.cookies = frozenset(cookies)
        self.wire = dict(wire or {})
        self.body_argument = body_argument
        self.content_type = content_type
        self.encodings = encodings
        self.files_rest = files_rest
        self.accept = accept
        self.fixed_headers = (
            {"Accept": accept, **(fixed_headers or {})} if accept else dict(fixed_headers or {})
        )
        self.styles = dict(styles or {})
        self.stream = stream
        self.page = page
        self.path_arguments = frozenset(re.findall(r"\{(\w+)\}", path))
        self.security = SECURITY if security is None else security
        self.server = server
        self.errors = errors

    def request_keywords(self, arguments: Mapping[str, Any]) -> Dict[str, Any]:
        """The keywords of `request` for a call with these arguments (the method's `locals()`)."""
        path_values: Dict[str, object] = {}
        query: Dict[str, object] = {}
        query_styles: Dict[str, Style] = {}
        headers: Dict[str, object] = dict(self.fixed_headers)
        cookies: Dict[str, object] = {}
        cookie_styles: Dict[str, Style] = {}
        fields: Dict[str, object] = {}
        for name, value in arguments.items():
            if value is NOT_GIVEN or name in _NOT_ARGUMENTS or name == self.body_argument:
                continue  # an omitted argument is not sent (most of a long signature, usually)
            wire = self.wire.get(name, name)
            style = self.styles.get(name)
            if name in self.path_arguments:
                path_values[name] = value
            elif name in self.headers:
                if value is not None:  # a header parameter of None keeps the client's default
                    headers[wire] = header_value(value, style)
            elif name in self.cookies:
                cookies[wire] = value
                if style is not None:
                    cookie_styles[wire] = style
            elif name in self.query or self.rest == "query":
                query[wire] = value
                if style is not None:
                    query_styles[wire] = style
            else:
                fields[wire] = value
        fields.update(arguments.get("body_fields") or {})
        whole = arguments[self.body_argument] if self.body_argument else NOT_GIVEN
        cast_to, response = self.cast_to or _object, self.response
        if self.stream is not None and arguments.get(self.stream[0]) is True:
            cast_to, response = self.stream[1], "stream"
        path = encode_path(self.path, path_values, self.styles) if path_values else self.path
        rest = self.rest
        if self.files_rest is not None and any(is_file(v) for v in fields.values()):
            rest = self.files_rest  # the form the operation also takes, for a call given a file
        body_kind = _BODY_KINDS.get(rest, "json")
        return {
            "method": self.method,
            "path": path,
            "cast_to": cast_to,
            "response_kind": response,
            "params": query,
            "query_styles": query_styles,
            "headers": headers,
            "cookies": cookie_header(cookies, cookie_styles) if cookies else None,
            "body": whole if not isinstance(whole, NotGiven) else self._fields_body(fields),
            "body_kind": body_kind,
            "content_type": self.content_type,
            "encodings": self.encodings,
            "extra_headers": arguments.get("extra_headers"),
            "extra_query": arguments.get("extra_query"),
            "extra_body": arguments.get("extra_body"),
            "timeout": arguments.get("timeout", NOT_GIVEN),
            "max_retries": arguments.get("max_retries", NOT_GIVEN),
            "paginate": self.page,
        }

    def _fields_body(self, fields: Dict[str, object]) -> object:
        """The body the keyword arguments make: an object of them, for a body of fields."""
        return fields if self.rest in ("json", "multipart", "urlencoded") else NOT_GIVEN


_BODY_KINDS: Dict[str, BodyKind] = {
    "multipart": "multipart",
    "urlencoded": "urlencoded",
    "raw": "raw",
}


def _object() -> Any:
    return object


def _fields(body: object) -> Mapping[str, object]:
    """A form body's fields: the method's keyword arguments, or a mapping given whole."""
    if isinstance(body, NotGiven):
        return {}
    if isinstance(body, Mapping):
        return cast("Mapping[str, object]", body)
    raise TypeError(f"a form body is a mapping of fields, not a {type(body).__name__}")


class _BaseClient:
    """What sync and async clients share: configuration, request building, retry rules."""

    def __init__(
        self,
        *,
        base_url: Union[str, httpx.URL],
        timeout: Union[Timeout, NotGiven],
        max_retries: int,
        credentials: Sequence[Credential],
        custom_headers: Mapping[str, str],
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Union[httpx.Client, httpx.AsyncClient, None] = None,
        server_variables: Optional[Mapping[str, Optional[str]]] = None,
    ) -> None:
        if max_retries < 0:
            raise ValueError("max_retries must be a non-negative integer")
        self.base_url = base_url
        # None: the base URL was given, and every request goes there; else the values that place
        # an operation with a server of its own.
        self._server_variables = server_variables
        self.timeout: Timeout = _client_timeout(timeout, http_client)
        self.max_retries: int = max_retries
        self._credentials = Credentials(credentials)
        self._custom_headers = dict(custom_headers)
        self._default_query = dict(default_query or {})
        for custom in self._custom_headers.values():
            header_text(custom)  # refuses a value with CR, LF or NUL now, not at the first request
        self._starts: Dict[Optional[Requirements], Tuple[Dict[str, str], Placed]] = {}
        self._header_defaults = self._request_start(None)[0]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} base_url={str(self.base_url)!r}>"

    @property
    def base_url(self) -> httpx.URL:
        """The URL request paths are joined to; it always ends in a slash."""
        return self._base_url

    @base_url.setter
    def base_url(self, url: Union[str, httpx.URL]) -> None:
        self._base_url = httpx.URL(str(url).rstrip("/") + "/")
        self._base_url_text = str(self._base_url)  # joined to paths as text: parsing a URL is slow
        self._server_variables = None  # a base URL set takes every request
        self._server_urls: Dict[str, str] = {}

    @property
    def default_headers(self) -> Dict[str, str]:
        """The headers requests start from: user agent, credentials, your default headers.

        A request to a path the API description does not have carries every credential
        configured; an operation's request, the ones its security asks for (`_security`).
        """
        return dict(self._header_defaults)

    @property
    def default_query(self) -> Dict[str, object]:
        """The query parameters every request starts from."""
        return dict(self._default_query)

    def _copied_headers(
        self,
        default_headers: Optional[Mapping[str, str]],
        set_default_headers: Optional[Mapping[str, str]],
        keywords: Mapping[str, object],
    ) -> Dict[str, str]:
        """A copy's default headers: this client's (or `set_default_headers`), then the headers of
        further keywords, then `default_headers`; later ones win."""
        if default_headers is not None and set_default_headers is not None:
            raise ValueError(
                "`default_headers` and `set_default_headers` arguments are mutually exclusive"
            )
        headers = dict(self._custom_headers if set_default_headers is None else set_default_headers)
        headers.update(keyword_headers(keywords))
        headers.update(default_headers or {})
        return headers

    def _copied_base_url(
        self, base_url: Union[str, httpx.URL, None]
    ) -> Union[str, httpx.URL, None]:
        """A copy's base URL: the one given, else this client's where it was given to it."""
        if base_url is not None or self._server_variables is not None:
            return base_url
        return self.base_url

    def _copied_query(
        self,
        default_query: Optional[Mapping[str, object]],
        set_default_query: Optional[Mapping[str, object]],
    ) -> Dict[str, object]:
        """A copy's default query: this client's (or `set_default_query`), then `default_query`."""
        if default_query is not None and set_default_query is not None:
            raise ValueError(
                "`default_query` and `set_default_query` arguments are mutually exclusive"
            )
        query = dict(self._default_query if set_default_query is None else set_default_query)
        query.update(default_query or {})
        return query

    # -- building ------------------------------------------------------------------------

    def _request_start(self, security: Optional[Requirements]) -> Tuple[Dict[str, str], Placed]:
        """The headers a request with this security starts from, and where its credentials go
        (made once for each)."""
        start = self._starts.get(security)
        if start is None:
            placed = self._credentials.for_requirements(security)
            headers = {
                "Accept": "application/json",
                "User-Agent": f"{PACKAGE_NAME}/{VERSION} python-httpx/{httpx.__version__}",
            }
            for name, value in placed.headers.items():
                headers[name] = header_text(value)
            headers.update(self._custom_headers)
            start = self._starts[security] = (headers, placed)
        return start

    def _request_path(self, server: Optional[str], path: str) -> str:
        """The path, or the whole URL of an operation whose own server takes it."""
        if server is None or self._server_variables is None:
            return path
        base = self._server_urls.get(server)
        if base is None:
            base = operation_base_url(server, self._server_variables, self._base_url_text)
            base = self._server_urls[server] = base.rstrip("/") + "/"
        return base + path.lstrip("/")

    def _build_request(
        self,
        http_client: Union[httpx.Client, httpx.AsyncClient],
        method: str,
        path: str,
        *,
        params: Optional[Query],
        query_styles: Optional[Styles],
        headers: Optional[Mapping[str, object]],
        cookies: Optional[str],
        body: object,
        body_kind: BodyKind,
        content_type: Optional[str],
        encodings: Optional[Encodings],
        extra_headers: Optional[Headers],
        extra_query: Optional[Query],
        extra_body: Optional[Mapping[str, object]],
        timeout: Union[Timeout, NotGiven],
        security: Optional[Requirements] = None,
    ) -> httpx.Request:
        url = path if "://" in path else self._base_url_text + path.lstrip("/")
        query: List[Tuple[str, Any]] = list(
            encode_query(
                {**self._default_query, **(params or {}), **(extra_query or {})}, query_styles
            )
        )
        start_headers, credentials = self._request_start(security)
        query.extend(credentials.query)
        all_headers = dict(start_headers)
        for name, value in (headers or {}).items():
            if (
                not isinstance(value, NotGiven) and value is not None
            ):  # an omitted parameter keeps the default
                all_headers[name] = header_text(value)
        cookie_pairs = [cookies] if cookies else []
        cookie_pairs += [credentials.cookie] if credentials.cookie else []
        if cookie_pairs:
            all_headers["Cookie"] = "; ".join(cookie_pairs)
        for name, value in (extra_headers or {}).items():
            if isinstance(value, NotGiven) or value is None:
                all_headers.pop(name, None)  # extra_headers={"x": None} removes a default header
            else:
                all_headers[name] = header_text(value)
        kwargs: Dict[str, Any] = {}
        if not isinstance(body, NotGiven) or extra_body:
            if body_kind == "multipart":
                kwargs["files"] = multipart_parts(
                    {**_fields(body), **(extra_body or {})}, encodings
                )
            elif body_kind == "urlencoded":
                kwargs["content"] = form_content({**_fields(body), **(extra_body or {})}, encodings)
                all_headers["Content-Type"] = "application/x-www-form-urlencoded"
            elif body_kind == "raw":
                kwargs["content"], all_headers["Content-Type"] = raw_content(
                    body, content_type or "application/octet-stream"
                )
            else:
                kwargs["content"] = json_content(body, extra_body)
                all_headers["Content-Type"] = content_type or "application/json"
        effective = self.timeout if isinstance(timeout, NotGiven) else timeout
        return http_client.build_request(
            method.upper(),
            url,
            params=query or None,
            headers=all_headers,
            timeout=effective,
            **kwargs,
        )

    # -- retry rules ---------------------------------------------------------------------

    @staticmethod
    def _connection_error(
        error: httpx.TransportError, request: httpx.Request
    ) -> APIConnectionError:
        if isinstance(error, httpx.TimeoutException):
            return APITimeoutError(request)
        return APIConnectionError(f"Connection error: {error}", request)

    @staticmethod
    def _should_retry(response: httpx.Response) -> bool:
        explicit = response.headers.get("x-should-retry")
        if explicit == "true":
            return True
        if explicit == "false":
            return False
        return response.status_code in (408, 409, 429) or response.status_code >= 500

    @staticmethod
    def _retry_delay(attempt: int, response: Optional[httpx.Response]) -> float:
        if response is not None:
            wait = _retry_after(response.headers)
            if wait is not None and 0 <= wait <= MAX_RETRY_AFTER:
                return wait
        delay = min(INITIAL_RETRY_DELAY * (2.0**attempt), MAX_RETRY_DELAY)
        return delay * (1 - 0.25 * random.random())

    # -- responses -----------------------------------------------------------------------

    @staticmethod
    def _error_body(response: httpx.Response) -> object:
        text = response.text
        try:
            return json.loads(text) if text else None
        except json.JSONDecodeError:
            return text

    @classmethod
    def _parsed(cls, response: httpx.Response, cast_to: CastTo, kind: ResponseKind) -> Any:
        """A read response as the method returns it: None, its text, or its JSON parsed."""
        if kind == "none":
            return None
        if kind == "text":
            return response.text
        return cls._parse_json(response, cast_to)

    @staticmethod
    def _parse_json(response: httpx.Response, cast_to: CastTo) -> Any:
        if response.status_code == 204 or not response.content:
            return None
        try:
            return models().parse_json_as(cast_to(), response.content)
        except json.JSONDecodeError as error:
            text = response.text
            raise APIResponseValidationError(
                response, text, f"the response is not valid JSON ({error.msg}): {text[:200]!r}"
            ) from None

    def _log_response(
        self, request: httpx.Request, response: httpx.Response, started: float
    ) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s -> %s in %.0f ms",
                request.method,
                request.url.copy_with(query=None),
                response.status_code,
                (time.monotonic() - started) * 1000,
            )


def _check_http_client(http_client: object, expected: type) -> None:
    """A sync client takes an `httpx.Client`, an async one an `httpx.AsyncClient`: said at once."""
    if http_client is not None and not isinstance(http_client, expected):
        raise TypeError(
            f"http_client must be an httpx.{expected.__name__}, not {type(http_client).__name__}"
        )


def _client_timeout(
    timeout: Union[Timeout, NotGiven], http_client: Union[httpx.Client, httpx.AsyncClient, None]
) -> Timeout:
    """The client's timeout: the one given, else the http client's own (unless httpx's default)."""
    if not isinstance(timeout, NotGiven):
        return timeout
    if http_client is not None and http_client.timeout != HTTPX_DEFAULT_TIMEOUT:
        return http_client.timeout
    return DEFAULT_TIMEOUT


def _retry_after(headers: httpx.Headers) -> Optional[float]:
    """Seconds the server asks us to wait, or None when it says nothing usable."""
    milliseconds = _seconds(headers.get("retry-after-ms"))
    if milliseconds is not None:
        return milliseconds / 1000
    value = headers.get("retry-after")
    if not value:
        return None
    seconds = _seconds(value)
    if seconds is not None:
        return seconds
    import email.utils

    try:  # an HTTP date; a malformed one (or one past year 9999) falls back to backoff
        parsed = email.utils.parsedate_to_datetime(value)
        return (parsed - datetime.datetime.now(parsed.tzinfo)).total_seconds()
    except (TypeError, ValueError, OverflowError, IndexError):
        return None


def _seconds(value: Optional[str]) -> Optional[float]:
    """A finite number from a header value, or None."""
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


@functools.lru_cache(maxsize=None)
def _default_tls() -> Any:
    """The TLS context every client this process makes shares (httpx's default one).

    Building it reads the whole CA bundle (about 40 ms); httpx would build a new one for every
    client. httpx before 0.28 has no public way to build it, so those versions keep their own.
    """
    create = getattr(httpx, "create_ssl_context", None)
    return create() if create is not None else True


class SyncAPIClient(_BaseClient):
    """Sends requests with an `httpx.Client`, retrying what may be retried."""

    def __init__(self, *, http_client: Optional[httpx.Client], **kwargs: Any) -> None:
        _check_http_client(http_client, httpx.Client)
        super().__init__(http_client=http_client, **kwargs)
        self._owns_client = http_client is None
        self._closed = False
        self._http_client = http_client

    @property
    def _client(self) -> httpx.Client:
        # Made on first use: a client that never sends builds no connection pool.
        if self._http_client is None:
            self._http_client = httpx.Client(
                timeout=self.timeout, follow_redirects=True, verify=_default_tls()
            )
        return self._http_client

    def _share_pool(self, other: SyncAPIClient) -> None:
        """Send through `other`'s http client (a copy's connection pool is its original's)."""
        self._owns_client = False
        self._http_client = other._client

    def is_closed(self) -> bool:
        return self._closed or (self._http_client is not None and self._http_client.is_closed)

    def close(self) -> None:
        """Close the connection pool this client made (a pool you passed in stays yours)."""
        if self._owns_client:
            self._closed = True
            if self._http_client is not None:
                self._http_client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *args: object) -> None:
        self.close()

    def call(self, endpoint: Endpoint, arguments: Mapping[str, Any]) -> Any:
        """Call an operation with a method's arguments; what `request` returns."""
        return self.request(
            **endpoint.request_keywords(arguments),
            security=endpoint.security,
            server=endpoint.server,
            errors=endpoint.errors,
        )

    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: CastTo = lambda: object,
        response_kind: ResponseKind = "json",
        params: Optional[Query] = None,
        query_styles: Optional[Styles] = None,
        headers: Optional[Mapping[str, object]] = None,
        cookies: Optional[str] = None,
        body: object = NOT_GIVEN,
        body_kind: BodyKind = "json",
        content_type: Optional[str] = None,
        encodings: Optional[Encodings] = None,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Mapping[str, object]] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Union[int, NotGiven] = NOT_GIVEN,
        paginate: Optional[Paging] = None,
        security: Optional[Requirements] = None,
        server: Optional[str] = None,
        errors: Optional[Mapping[str, CastTo]] = None,
    ) -> Any:
        """Send one request and return its parsed result (a model, a stream, bytes, a page or None).

        `security`, `server` and `errors` are the operation's (`Endpoint`); without them (a path
        the API description does not have), the request carries every credential configured and
        goes to the base URL.
        """
        request = self._build_request(
            self._client,
            method,
            self._request_path(server, path),
            params=params,
            query_styles=query_styles,
            headers=headers,
            cookies=cookies,
            body=body,
            body_kind=body_kind,
            content_type=content_type,
            encodings=encodings,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            security=security,
        )
        retries = self.max_retries if isinstance(max_retries, NotGiven) else max_retries
        page = PageRequest(params or {}, body)  # what a next page changes

        def fetch(next_page: PageRequest) -> Any:
            return self.request(
                method,
                next_page.url or path,
                cast_to=cast_to,
                response_kind=response_kind,
                params=next_page.params,
                query_styles=query_styles,
                headers=headers,
                cookies=cookies,
                body=next_page.body,
                body_kind=body_kind,
                content_type=content_type,
                encodings=encodings,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
                paginate=paginate,
                security=security,
                server=server,
                errors=errors,
            )

        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = self._client.send(request, stream=True)
            except httpx.TransportError as error:  # timeouts included
                if attempt < retries:
                    attempt += 1
                    time.sleep(self._retry_delay(attempt - 1, None))
                    continue
                raise self._connection_error(error, request) from error
            self._log_response(request, response, started)
            if response.is_success:
                mode = RESPONSE_MODE.get()
                if mode != "parsed":  # with_raw_response reads the body now; streamed, when asked
                    if mode == "raw" and response_kind in ("json", "text", "none"):
                        response.read()
                        response.close()
                    return APIResponse(
                        response,
                        lambda: self._finish(
                            response, cast_to, response_kind, fetch, paginate, page
                        ),
                        attempt,
                    )
                return self._finish(response, cast_to, response_kind, fetch, paginate, page)
            if attempt < retries and self._should_retry(response):
                response.close()
                attempt += 1
                time.sleep(self._retry_delay(attempt - 1, response))
                continue
            response.read()
            response.close()
            raise status_error(response, self._error_body(response), errors)

    def _finish(
        self,
        response: httpx.Response,
        cast_to: CastTo,
        kind: ResponseKind,
        fetch: Callable[[PageRequest], Any],
        paginate: Optional[Paging],
        page: PageRequest,
    ) -> Any:
        result = self._process(response, cast_to, kind)
        if paginate is None:
            return result
        return SyncPage[Any, Any](result, paginate, page, fetch, response)

    def _process(self, response: httpx.Response, cast_to: CastTo, kind: ResponseKind) -> Any:
        if kind == "binary":
            return BinaryResponse(response)
        if kind == "stream":
            return Stream[Any](cast_to(), response)
        try:
            response.read()
        except httpx.TransportError as error:
            raise APIConnectionError(
                f"Connection error while reading the response: {error}", response.request
            )
        finally:
            response.close()
        return self._parsed(response, cast_to, kind)


class _LoopPool:
    """The `httpx.AsyncClient` an async client makes itself, made anew for a new event loop.

    Kept-alive connections belong to the loop that opened them: once that loop has closed (a
    second `asyncio.run`), they cannot carry a request, so the next loop gets a fresh pool.
    """

    __slots__ = ("timeout", "http_client", "loop")

    def __init__(self, timeout: Timeout) -> None:
        self.timeout = timeout
        self.http_client: Optional[httpx.AsyncClient] = None
        self.loop: Any = None

    def client(self) -> httpx.AsyncClient:
        import asyncio

        loop = asyncio.get_running_loop()
        if loop is not self.loop:
            if self.http_client is None or (self.loop is not None and self.loop.is_closed()):
                self.http_client = httpx.AsyncClient(
                    timeout=self.timeout, follow_redirects=True, verify=_default_tls()
                )
            self.loop = loop
        assert self.http_client is not None
        return self.http_client

    async def close(self) -> None:
        if self.http_client is not None and self.loop is not None and not self.loop.is_closed():
            await self.http_client.aclose()


async def _async_sleep(seconds: float) -> None:
    import asyncio  # only async users pay for importing asyncio

    await asyncio.sleep(seconds)


class AsyncAPIClient(_BaseClient):
    """Sends requests with an `httpx.AsyncClient`, retrying what may be retried."""

    def __init__(self, *, http_client: Optional[httpx.AsyncClient], **kwargs: Any) -> None:
        _check_http_client(http_client, httpx.AsyncClient)
        super().__init__(http_client=http_client, **kwargs)
        self._owns_client = http_client is None
        self._closed = False
        self._http_client = http_client
        self._own_pool = _LoopPool(self.timeout)

    @property
    def _client(self) -> httpx.AsyncClient:
        return self._own_pool.client() if self._http_client is None else self._http_client

    def _share_pool(self, other: AsyncAPIClient) -> None:
        """Send through `other`'s http client (a copy's connection pool is its original's)."""
        self._owns_client = False
        self._http_client = other._http_client
        self._own_pool = other._own_pool

    def is_closed(self) -> bool:
        http_client = self._http_client or self._own_pool.http_client
        return self._closed or (http_client is not None and http_client.is_closed)

    async def close(self) -> None:
        """Close the connection pool this client made (a pool you passed in stays yours)."""
        if self._owns_client:
            self._closed = True
            await self._own_pool.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *args: object) -> None:
        await self.close()

    async def call(self, endpoint: Endpoint, arguments: Mapping[str, Any]) -> Any:
        """Call an operation with a method's arguments; what `request` returns."""
        return await self.request(
            **endpoint.request_keywords(arguments),
            security=endpoint.security,
            server=endpoint.server,
            errors=endpoint.errors,
        )

    def paginate(
        self, endpoint: Endpoint, arguments: Mapping[str, Any]
    ) -> AsyncPaginator[Any, Any]:
        """Call a list operation: await the result for its first page, or `async for` every item."""
        return AsyncPaginator(lambda: self.call(endpoint, arguments))

    async def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: CastTo = lambda: object,
        response_kind: ResponseKind = "json",
        params: Optional[Query] = None,
        query_styles: Optional[Styles] = None,
        headers: Optional[Mapping[str, object]] = None,
        cookies: Optional[str] = None,
        body: object = NOT_GIVEN,
        body_kind: BodyKind = "json",
        content_type: Optional[str] = None,
        encodings: Optional[Encodings] = None,
        extra_headers: Optional[Headers] = None,
        extra_query: Optional[Query] = None,
        extra_body: Optional[Mapping[str, object]] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Union[int, NotGiven] = NOT_GIVEN,
        paginate: Optional[Paging] = None,
        security: Optional[Requirements] = None,
        server: Optional[str] = None,
        errors: Optional[Mapping[str, CastTo]] = None,
    ) -> Any:
        """Send one request and return its parsed result (a model, a stream, bytes, a page or None).

        `security`, `server` and `errors` are the operation's (`Endpoint`); without them (a path
        the API description does not have), the request carries every credential configured and
        goes to the base URL.
        """
        http_client = self._client
        request = self._build_request(
            http_client,
            method,
            self._request_path(server, path),
            params=params,
            query_styles=query_styles,
            headers=headers,
            cookies=cookies,
            body=body,
            body_kind=body_kind,
            content_type=content_type,
            encodings=encodings,
            extra_headers=extra_headers,
            extra_query=extra_query,
            extra_body=extra_body,
            timeout=timeout,
            security=security,
        )
        retries = self.max_retries if isinstance(max_retries, NotGiven) else max_retries
        page = PageRequest(params or {}, body)  # what a next page changes

        async def fetch(next_page: PageRequest) -> Any:
            return await self.request(
                method,
                next_page.url or path,
                cast_to=cast_to,
                response_kind=response_kind,
                params=next_page.params,
                query_styles=query_styles,
                headers=headers,
                cookies=cookies,
                body=next_page.body,
                body_kind=body_kind,
                content_type=content_type,
                encodings=encodings,
                extra_headers=extra_headers,
                extra_query=extra_query,
                extra_body=extra_body,
                timeout=timeout,
                max_retries=max_retries,
                paginate=paginate,
                security=security,
                server=server,
                errors=errors,
            )

        attempt = stale = 0
        while True:
            started = time.monotonic()
            try:
                response = await http_client.send(request, stream=True)
            except httpx.TransportError as error:  # timeouts included
                if attempt < retries:
                    attempt += 1
                    await _async_sleep(self._retry_delay(attempt - 1, None))
                    continue
                raise self._connection_error(error, request) from error
            except RuntimeError as error:
                # A kept-alive connection of a user's http client from an event loop that has
                # since closed (two asyncio.run calls in turn): its pool has dropped it, so send
                # again on a fresh one. Not a retry the caller sees: no delay, max_retries
                # untouched.
                if str(error) == "Event loop is closed" and stale < MAX_STALE_CONNECTIONS:
                    stale += 1
                    continue
                raise
            self._log_response(request, response, started)
            if response.is_success:
                mode = RESPONSE_MODE.get()
                if mode != "parsed":  # with_raw_response reads the body now; streamed, when asked
                    if mode == "raw" and response_kind in ("json", "text", "none"):
                        await response.aread()
                        await response.aclose()
                    return AsyncAPIResponse(
                        response,
                        lambda: self._finish(
                            response, cast_to, response_kind, fetch, paginate, page
                        ),
                        attempt,
                    )
                return await self._finish(response, cast_to, response_kind, fetch, paginate, page)
            if attempt < retries and self._should_retry(response):
                await response.aclose()
                attempt += 1
                await _async_sleep(self._retry_delay(attempt - 1, response))
                continue
            await response.aread()
            await response.aclose()
            raise status_error(response, self._error_body(response), errors)

    async def _finish(
        self,
        response: httpx.Response,
        cast_to: CastTo,
        kind: ResponseKind,
        fetch: Callable[[PageRequest], Awaitable[Any]],
        paginate: Optional[Paging],
        page: PageRequest,
    ) -> Any:
        result = await self._process(response, cast_to, kind)
        if paginate is None:
            return result
        return AsyncPage[Any, Any](result, paginate, page, fetch, response)

    async def _process(self, response: httpx.Response, cast_to: CastTo, kind: ResponseKind) -> Any:
        if kind == "binary":
            return AsyncBinaryResponse(response)
        if kind == "stream":
            return AsyncStream[Any](cast_to(), response)
        try:
            await response.aread()
        except httpx.TransportError as error:
            raise APIConnectionError(
                f"Connection error while reading the response: {error}", response.request
            )
        finally:
            await response.aclose()
        return self._parsed(response, cast_to, kind)


__all__ += ["APIError", "APIStatusError", "Credential"]
