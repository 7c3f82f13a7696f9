"""Errors: each status has its class; a 2xx that is not JSON and a header with a newline are refused."""

from __future__ import annotations

from types import ModuleType
from typing import Any, Callable

import pytest

from tests.support.fault_server import Answer, FaultServer
from tests.runtime.calls import CHAT, chat


@pytest.mark.parametrize(("status", "name"), [(400, "BadRequestError"), (401, "AuthenticationError"),
                         (403, "PermissionDeniedError"), (404, "NotFoundError"), (422, "UnprocessableEntityError")])  # fmt: skip
def test_status_errors_have_their_class(call: Callable[..., Any], server: FaultServer, full_client: ModuleType,
                                        status: int, name: str) -> None:  # fmt: skip
    server.script(Answer(status, {"error": {"message": f"said {status}"}}, {"x-request-id": "req-1"}))
    with pytest.raises(getattr(full_client, name)) as caught:
        call(chat)
    assert caught.value.request_id == "req-1" and f"said {status}" in str(caught.value)
    assert "pk-secret-123" not in str(caught.value) and "pk-secret-123" not in repr(caught.value)


def test_invalid_json_in_a_200(call: Callable[..., Any], server: FaultServer, full_client: ModuleType) -> None:
    server.script(Answer(200, raw=b"<html>oops</html>"))
    with pytest.raises(full_client.APIResponseValidationError) as caught:
        call(chat)
    assert caught.value.body == "<html>oops</html>" and "not valid JSON" in str(caught.value)


def test_header_values_with_newlines_are_refused(call: Callable[..., Any]) -> None:
    with pytest.raises(ValueError, match="CR, LF"):
        call(lambda client: client.chat.completions.create(**CHAT, extra_headers={"x-a": "v\r\nx-injected: 1"}))
