"""The Portkey and AsyncPortkey clients."""

from __future__ import annotations

import json
import os
import sys
from functools import cached_property
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Union

import httpx

from ._base_client import (
    DEFAULT_MAX_RETRIES,
    AsyncAPIClient,
    Credential,
    SyncAPIClient,
    bearer,
    keyword_headers,
)
from ._servers import base_url_settings
from ._types import NOT_GIVEN, NotGiven, Query, Timeout

if sys.version_info >= (3, 11):
    from typing import Self
else:
    from typing_extensions import Self

if TYPE_CHECKING:
    from .resources.audio.audio import (
        AsyncAudio,
        AsyncAudioWithRawResponse,
        AsyncAudioWithStreamingResponse,
        Audio,
        AudioWithRawResponse,
        AudioWithStreamingResponse,
    )


__all__ = [
    "Portkey",
    "AsyncPortkey",
    "PortkeyWithRawResponse",
    "PortkeyWithStreamingResponse",
    "AsyncPortkeyWithRawResponse",
    "AsyncPortkeyWithStreamingResponse",
]


def _settings(
    *,
    base_url: Union[str, httpx.URL, None],
    api_key: Optional[str],
    virtual_key: Optional[str],
    Authorization: Optional[str],
    provider: Optional[str],
    config: Union[str, Mapping[str, Any], None],
    custom_host: Optional[str],
    default_headers: Optional[Mapping[str, str]],
    keywords: Mapping[str, Any],
) -> Dict[str, Any]:
    """Constructor arguments -> base URL, credentials and headers for the base client."""
    base_url = base_url or os.environ.get("PORTKEY_BASE_URL")
    found: List[Credential] = []
    if api_key is not None:
        found.append(Credential("Portkey-Key", "x-portkey-api-key", "header", api_key))
    if virtual_key is not None:
        found.append(Credential("Virtual-Key", "x-portkey-virtual-key", "header", virtual_key))
    if Authorization is not None:
        found.append(
            Credential("Provider-Auth", "Authorization", "header", bearer(str(Authorization)))
        )
    if provider is not None:
        found.append(Credential("Provider-Name", "x-portkey-provider", "header", provider))
    if config is not None:
        found.append(
            Credential(
                "Config",
                "x-portkey-config",
                "header",
                config if isinstance(config, str) else json.dumps(config, separators=(",", ":")),
            )
        )
    if custom_host is not None:
        found.append(Credential("Custom-Host", "x-portkey-custom-host", "header", custom_host))
    custom = keyword_headers(keywords)
    custom.update(default_headers or {})
    return {
        **base_url_settings(base_url, {}),
        "credentials": found,
        "custom_headers": custom,
    }


class Portkey(SyncAPIClient):
    """Synchronous client for the Portkey API.

    Any further keyword argument `foo_bar=value` is sent as the header
    `x-portkey-foo-bar` (dicts as JSON, booleans as true/false, None dropped)."""

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        virtual_key: Optional[str] = None,
        Authorization: Optional[str] = None,
        provider: Optional[str] = None,
        config: Union[str, Mapping[str, Any], None] = None,
        custom_host: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.Client] = None,
        **kwargs: Any,
    ) -> None:
        """Create a client.

        Args:
            api_key: Your Portkey API key. Defaults to $PORTKEY_API_KEY.
            virtual_key: The virtual key of the provider account to route to.
            Authorization: The provider's own credential, sent as: Authorization: Bearer <token>.
            provider: The provider to route to (e.g. \"openai\").
            config: A saved config id, or a config object sent as JSON.
            custom_host: The URL of a provider host of your own.
            base_url: The API's base URL. Defaults to $PORTKEY_BASE_URL, then https://api.portkey.ai/v1.
            timeout: Seconds (or an httpx.Timeout) per request; 600 s by default.
            max_retries: How often a failed request is retried (connection errors, 408, 409, 429, 5xx).
            default_headers: Headers sent with every request.
            http_client: Your own httpx.Client (its TLS, proxy and limit settings are then used as they are).
        """
        if api_key is None:
            api_key = os.environ.get("PORTKEY_API_KEY")
        self.api_key = api_key
        self.virtual_key = virtual_key
        self.Authorization = Authorization
        self.provider = provider
        self.config = config
        self.custom_host = custom_host
        super().__init__(
            http_client=http_client,
            timeout=timeout,
            max_retries=max_retries,
            default_query=default_query,
            **_settings(
                base_url=base_url,
                api_key=api_key,
                virtual_key=virtual_key,
                Authorization=Authorization,
                provider=provider,
                config=config,
                custom_host=custom_host,
                default_headers=default_headers,
                keywords=kwargs,
            ),
        )

    @cached_property
    def audio(self) -> Audio:
        from .resources.audio.audio import Audio

        return Audio(self)

    @cached_property
    def with_raw_response(self) -> PortkeyWithRawResponse:
        """The same resources, whose methods return an `APIResponse` (status, headers, then `parse()`)."""
        return PortkeyWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> PortkeyWithStreamingResponse:
        """The same resources, whose methods return a context manager; the body is read only when asked."""
        return PortkeyWithStreamingResponse(self)

    def copy(
        self,
        *,
        api_key: Optional[str] = None,
        virtual_key: Optional[str] = None,
        Authorization: Optional[str] = None,
        provider: Optional[str] = None,
        config: Union[str, Mapping[str, Any], None] = None,
        custom_host: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Union[int, NotGiven] = NOT_GIVEN,
        default_headers: Optional[Mapping[str, str]] = None,
        set_default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        set_default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.Client] = None,
        **kwargs: Any,
    ) -> Self:
        """A new client with the options given changed and every other one kept (None keeps one).

        It shares this client's connection pool unless `http_client` is given.
        `default_headers` and `default_query` are merged into this client's;
        `set_default_headers` and `set_default_query` replace them.
        Further keywords are headers, as in the constructor, merged over this client's.
        """
        client = type(self)(
            api_key=self.api_key if api_key is None else api_key,
            virtual_key=self.virtual_key if virtual_key is None else virtual_key,
            Authorization=self.Authorization if Authorization is None else Authorization,
            provider=self.provider if provider is None else provider,
            config=self.config if config is None else config,
            custom_host=self.custom_host if custom_host is None else custom_host,
            base_url=self._copied_base_url(base_url),
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            default_headers=self._copied_headers(default_headers, set_default_headers, kwargs),
            default_query=self._copied_query(default_query, set_default_query),
            http_client=http_client,
        )
        if http_client is None:
            client._share_pool(self)
        return client

    with_options = copy

    def get(
        self,
        path: str,
        *,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        """GET any path of the API; the JSON answer is returned as plain data."""
        return self.request("get", path, params=params, headers=headers)

    def delete(
        self,
        path: str,
        *,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        """DELETE any path of the API."""
        return self.request("delete", path, params=params, headers=headers)

    def post(
        self,
        path: str,
        *,
        body: object = NOT_GIVEN,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
        **fields: Any,
    ) -> Any:
        """POST to any path of the API, for endpoints the spec does not have yet.

        The JSON body is `body`, or else the keyword arguments: `client.post("/rerank", model=..., query=...)`.
        The JSON answer is returned as plain data.
        """
        if fields and not isinstance(body, NotGiven):
            raise TypeError("pass the body either as body= or as keyword arguments, not both")
        return self.request(
            "post", path, body=fields if fields else body, params=params, headers=headers
        )

    def put(
        self,
        path: str,
        *,
        body: object = NOT_GIVEN,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
        **fields: Any,
    ) -> Any:
        """PUT to any path of the API, for endpoints the spec does not have yet.

        The JSON body is `body`, or else the keyword arguments: `client.put("/rerank", model=..., query=...)`.
        The JSON answer is returned as plain data.
        """
        if fields and not isinstance(body, NotGiven):
            raise TypeError("pass the body either as body= or as keyword arguments, not both")
        return self.request(
            "put", path, body=fields if fields else body, params=params, headers=headers
        )

    def patch(
        self,
        path: str,
        *,
        body: object = NOT_GIVEN,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
        **fields: Any,
    ) -> Any:
        """PATCH to any path of the API, for endpoints the spec does not have yet.

        The JSON body is `body`, or else the keyword arguments: `client.patch("/rerank", model=..., query=...)`.
        The JSON answer is returned as plain data.
        """
        if fields and not isinstance(body, NotGiven):
            raise TypeError("pass the body either as body= or as keyword arguments, not both")
        return self.request(
            "patch", path, body=fields if fields else body, params=params, headers=headers
        )


class AsyncPortkey(AsyncAPIClient):
    """Asynchronous client for the Portkey API; the same arguments as `Portkey`."""

    def __init__(
        self,
        *,
        api_key: Optional[str] = None,
        virtual_key: Optional[str] = None,
        Authorization: Optional[str] = None,
        provider: Optional[str] = None,
        config: Union[str, Mapping[str, Any], None] = None,
        custom_host: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: int = DEFAULT_MAX_RETRIES,
        default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        **kwargs: Any,
    ) -> None:
        if api_key is None:
            api_key = os.environ.get("PORTKEY_API_KEY")
        self.api_key = api_key
        self.virtual_key = virtual_key
        self.Authorization = Authorization
        self.provider = provider
        self.config = config
        self.custom_host = custom_host
        super().__init__(
            http_client=http_client,
            timeout=timeout,
            max_retries=max_retries,
            default_query=default_query,
            **_settings(
                base_url=base_url,
                api_key=api_key,
                virtual_key=virtual_key,
                Authorization=Authorization,
                provider=provider,
                config=config,
                custom_host=custom_host,
                default_headers=default_headers,
                keywords=kwargs,
            ),
        )

    @cached_property
    def audio(self) -> AsyncAudio:
        from .resources.audio.audio import AsyncAudio

        return AsyncAudio(self)

    @cached_property
    def with_raw_response(self) -> AsyncPortkeyWithRawResponse:
        """The same resources, whose methods return an `APIResponse` (status, headers, then `parse()`)."""
        return AsyncPortkeyWithRawResponse(self)

    @cached_property
    def with_streaming_response(self) -> AsyncPortkeyWithStreamingResponse:
        """The same resources, whose methods return a context manager; the body is read only when asked."""
        return AsyncPortkeyWithStreamingResponse(self)

    def copy(
        self,
        *,
        api_key: Optional[str] = None,
        virtual_key: Optional[str] = None,
        Authorization: Optional[str] = None,
        provider: Optional[str] = None,
        config: Union[str, Mapping[str, Any], None] = None,
        custom_host: Optional[str] = None,
        base_url: Union[str, httpx.URL, None] = None,
        timeout: Union[Timeout, NotGiven] = NOT_GIVEN,
        max_retries: Union[int, NotGiven] = NOT_GIVEN,
        default_headers: Optional[Mapping[str, str]] = None,
        set_default_headers: Optional[Mapping[str, str]] = None,
        default_query: Optional[Mapping[str, object]] = None,
        set_default_query: Optional[Mapping[str, object]] = None,
        http_client: Optional[httpx.AsyncClient] = None,
        **kwargs: Any,
    ) -> Self:
        """A new client with the options given changed and every other one kept (None keeps one).

        It shares this client's connection pool unless `http_client` is given.
        `default_headers` and `default_query` are merged into this client's;
        `set_default_headers` and `set_default_query` replace them.
        Further keywords are headers, as in the constructor, merged over this client's.
        """
        client = type(self)(
            api_key=self.api_key if api_key is None else api_key,
            virtual_key=self.virtual_key if virtual_key is None else virtual_key,
            Authorization=self.Authorization if Authorization is None else Authorization,
            provider=self.provider if provider is None else provider,
            config=self.config if config is None else config,
            custom_host=self.custom_host if custom_host is None else custom_host,
            base_url=self._copied_base_url(base_url),
            timeout=self.timeout if isinstance(timeout, NotGiven) else timeout,
            max_retries=self.max_retries if isinstance(max_retries, NotGiven) else max_retries,
            default_headers=self._copied_headers(default_headers, set_default_headers, kwargs),
            default_query=self._copied_query(default_query, set_default_query),
            http_client=http_client,
        )
        if http_client is None:
            client._share_pool(self)
        return client

    with_options = copy

    async def get(
        self,
        path: str,
        *,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        """GET any path of the API; the JSON answer is returned as plain data."""
        return await self.request("get", path, params=params, headers=headers)

    async def delete(
        self,
        path: str,
        *,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
    ) -> Any:
        """DELETE any path of the API."""
        return await self.request("delete", path, params=params, headers=headers)

    async def post(
        self,
        path: str,
        *,
        body: object = NOT_GIVEN,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
        **fields: Any,
    ) -> Any:
        """POST to any path of the API, for endpoints the spec does not have yet.

        The JSON body is `body`, or else the keyword arguments: `client.post("/rerank", model=..., query=...)`.
        The JSON answer is returned as plain data.
        """
        if fields and not isinstance(body, NotGiven):
            raise TypeError("pass the body either as body= or as keyword arguments, not both")
        return await self.request(
            "post", path, body=fields if fields else body, params=params, headers=headers
        )

    async def put(
        self,
        path: str,
        *,
        body: object = NOT_GIVEN,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
        **fields: Any,
    ) -> Any:
        """PUT to any path of the API, for endpoints the spec does not have yet.

        The JSON body is `body`, or else the keyword arguments: `client.put("/rerank", model=..., query=...)`.
        The JSON answer is returned as plain data.
        """
        if fields and not isinstance(body, NotGiven):
            raise TypeError("pass the body either as body= or as keyword arguments, not both")
        return await self.request(
            "put", path, body=fields if fields else body, params=params, headers=headers
        )

    async def patch(
        self,
        path: str,
        *,
        body: object = NOT_GIVEN,
        params: Optional[Query] = None,
        headers: Optional[Mapping[str, str]] = None,
        **fields: Any,
    ) -> Any:
        """PATCH to any path of the API, for endpoints the spec does not have yet.

        The JSON body is `body`, or else the keyword arguments: `client.patch("/rerank", model=..., query=...)`.
        The JSON answer is returned as plain data.
        """
        if fields and not isinstance(body, NotGiven):
            raise TypeError("pass the body either as body= or as keyword arguments, not both")
        return await self.request(
            "patch", path, body=fields if fields else body, params=params, headers=headers
        )


class PortkeyWithRawResponse:
    """`Portkey.with_raw_response`: every resource, its methods wrapped the same way."""

    def __init__(self, client: Portkey) -> None:
        self._client = client

    @cached_property
    def audio(self) -> AudioWithRawResponse:
        return self._client.audio.with_raw_response


class PortkeyWithStreamingResponse:
    """`Portkey.with_streaming_response`: every resource, its methods wrapped the same way."""

    def __init__(self, client: Portkey) -> None:
        self._client = client

    @cached_property
    def audio(self) -> AudioWithStreamingResponse:
        return self._client.audio.with_streaming_response


class AsyncPortkeyWithRawResponse:
    """`AsyncPortkey.with_raw_response`: every resource, its methods wrapped the same way."""

    def __init__(self, client: AsyncPortkey) -> None:
        self._client = client

    @cached_property
    def audio(self) -> AsyncAudioWithRawResponse:
        return self._client.audio.with_raw_response


class AsyncPortkeyWithStreamingResponse:
    """`AsyncPortkey.with_streaming_response`: every resource, its methods wrapped the same way."""

    def __init__(self, client: AsyncPortkey) -> None:
        self._client = client

    @cached_property
    def audio(self) -> AsyncAudioWithStreamingResponse:
        return self._client.audio.with_streaming_response
