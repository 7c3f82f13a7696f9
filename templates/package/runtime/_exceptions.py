"""The exceptions the client raises: one tree, rooted at `APIError`."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional

import httpx

from ._response import request_id_of
from ._types import as_dict, models

__all__ = [
    "APIError",
    "APIConnectionError",
    "APITimeoutError",
    "APIResponseValidationError",
    "APIStatusError",
    "BadRequestError",
    "AuthenticationError",
    "PermissionDeniedError",
    "NotFoundError",
    "ConflictError",
    "UnprocessableEntityError",
    "RateLimitError",
    "InternalServerError",
]


class APIError(Exception):
    """Base of every error the client raises."""

    message: str
    request: Optional[httpx.Request]
    body: Optional[object]

    def __init__(
        self,
        message: str,
        request: Optional[httpx.Request] = None,
        *,
        body: Optional[object] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body


class APIConnectionError(APIError):
    """The server could not be reached, or the connection broke."""

    def __init__(
        self, message: str = "Connection error.", request: Optional[httpx.Request] = None
    ) -> None:
        super().__init__(message, request)


class APITimeoutError(APIConnectionError):
    """The request took longer than its timeout."""

    def __init__(
        self, request: Optional[httpx.Request] = None, message: str = "Request timed out."
    ) -> None:
        super().__init__(message, request)


class APIResponseValidationError(APIError):
    """A successful response whose body could not be read as the API describes (e.g. invalid JSON).

    `body` holds the raw text the server sent.
    """

    response: httpx.Response
    status_code: int

    def __init__(self, response: httpx.Response, body: Optional[object], message: str) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status."""

    response: httpx.Response
    status_code: int
    request_id: Optional[str]

    def __init__(self, message: str, *, response: httpx.Response, body: Optional[object]) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        self.request_id = request_id_of(response.headers)


class BadRequestError(APIStatusError):
    """400"""


class AuthenticationError(APIStatusError):
    """401"""


class PermissionDeniedError(APIStatusError):
    """403"""


class NotFoundError(APIStatusError):
    """404"""


class ConflictError(APIStatusError):
    """409"""


class UnprocessableEntityError(APIStatusError):
    """422"""


class RateLimitError(APIStatusError):
    """429"""


class InternalServerError(APIStatusError):
    """500 and above"""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error(
    response: httpx.Response,
    body: Any,
    types: Optional[Mapping[str, Callable[[], Any]]] = None,
) -> APIStatusError:
    """The exception for an error response, with the server's own message in it.

    `types` gives the type of the body the API describes for a status (`"404"`, `"4XX"`,
    `"default"`); the exception's `body` is the JSON body parsed as it (leniently), else as it came.
    """
    status = response.status_code
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    detail = _server_message(body)
    message = f"Error code: {status}"
    if detail:
        message += f" - {detail}"
    type_ = (
        (types.get(str(status)) or types.get(f"{status // 100}XX") or types.get("default"))
        if types and body is not None and not isinstance(body, str)
        else None
    )
    return cls(
        message, response=response, body=body if type_ is None else models().parse_as(type_(), body)
    )


def _server_message(body: Any) -> str:
    fields = as_dict(body)
    if fields is not None:
        error = fields.get("error", fields)
        details = as_dict(error)
        if details is not None:
            found = details.get("message") or details.get("detail")
            if found:
                return str(found)
        elif isinstance(error, str):
            return error
        if fields.get("message"):
            return str(fields["message"])
    if isinstance(body, str):
        return body[:500]
    return "" if body is None else str(body)[:500]
