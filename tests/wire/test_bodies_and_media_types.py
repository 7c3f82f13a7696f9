"""Every request body kind and response media type, judged by Stoplight Prism (`--errors`) where
Prism can judge it and by openapi-core where Prism cannot (multipart arrays and JSON parts,
deepObject arrays of objects); each call sync and async.

Specs: `tests/wire/specs/bodies.yaml` (form-urlencoded with form and deepObject encodings,
multipart with a per-part content type, octet-stream, text/plain, image/*, a JSON array body,
merge-patch+json) and `tests/wire/specs/answers.yaml` (text/csv, text/html, */*, a vendor
binary type, a vendor +json type, a response in two media types, label and matrix paths, header
arrays, required Accept/Content-Type/Authorization header parameters).
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import parse_qsl

import pytest

from tests.support.packages import generated_package, run_on_client
from tests.support.prism import Prism, prism_and_client
from tests.support.spec_server import SpecServer

SPECS = Path(__file__).parent / "specs"
pytestmark = pytest.mark.xdist_group("prism")


@pytest.fixture(scope="module")
def bodies(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Prism]]:
    with prism_and_client((SPECS / "bodies.yaml").read_text(), tmp_path_factory.mktemp("bodies"), "bodies_client") as both:
        yield both


@pytest.fixture(scope="module")
def answers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Prism]]:
    with prism_and_client((SPECS / "answers.yaml").read_text(), tmp_path_factory.mktemp("answers"), "answers_client") as both:
        yield both


def both_clients(package: Any, client_class: str, url: str, calls: Callable[[Any], list[Any]]) -> list[list[Any]]:
    """The results of `calls(client)` made by the sync and then the async client."""
    return [run_on_client(kind, package, client_class, calls, base_url=url, max_retries=0) for kind in ("sync", "async")]


def _chunks() -> Iterator[bytes]:
    yield b"\x00"
    yield b"\x01"


def test_every_request_body_kind_is_accepted(bodies: tuple[Any, Prism], tmp_path: Path) -> None:
    package, prism = bodies
    attachment = tmp_path / "report.bin"
    attachment.write_bytes(b"\x00\x01\x02")

    def calls(client: Any) -> list[Any]:
        return [
            client.calls.create(to="+1 555", from_="+2", priority=3, record=True,
                                status_callback_event=["initiated", "ringing"]),  # fmt: skip
            client.customers.create(email="a@b.c", metadata={"k": "v"}, address={"city": "X", "line1": "1 st"},
                                    expand=["a", "b"]),  # fmt: skip
            client.uploads.create(file=b"\x89PNG"),
            client.attachments.update("f.bin", body=b"\x00\x01"),
            client.attachments.update("f.bin", body=attachment),
            client.notes.create(body="hello"),
            client.images.create(body=("a.png", b"\x89PNG", "image/png")),
            client.settings.stop_words.update(body=["a", "the"]),
            client.patches.update("x", name="n"),
        ]

    for results in both_clients(package, "Bodies", prism.url, calls):
        assert [type(r).__name__ for r in results] == [
            "CallCreateResponse", "CustomerCreateResponse", "UploadCreateResponse", "AttachmentUpdateResponse",
            "AttachmentUpdateResponse", "NoneType", "NoneType", "StopWordUpdateResponse", "PatchUpdateResponse",
        ]  # fmt: skip


def test_an_iterator_of_bytes_is_streamed_as_the_body(bodies: tuple[Any, Prism]) -> None:
    package, prism = bodies
    assert package.Bodies(base_url=prism.url).attachments.update("f.bin", body=_chunks()).size is not None


def test_a_call_given_a_file_sends_the_form_the_operation_also_takes(bodies: tuple[Any, Prism]) -> None:
    package, prism = bodies

    def calls(client: Any) -> list[Any]:
        return [client.imports.create(name="n"), client.imports.create(name="n", source=b"a,b\n")]

    for results in both_clients(package, "Bodies", prism.url, calls):
        assert [type(r).__name__ for r in results] == ["ImportCreateResponse", "ImportCreateResponse"]
    client = package.Bodies(base_url=prism.url)
    sent = [client.imports.with_raw_response.create(name="n", source=source).http_request for source in (package.NOT_GIVEN, b"x")]
    assert sent[0].headers["content-type"] == "application/json"
    assert sent[1].headers["content-type"].startswith("multipart/form-data")


def test_what_prism_cannot_judge_is_written_as_openapi_says(tmp_path: Path) -> None:
    """Arrays and objects in multipart parts, arrays of objects in deepObject: openapi-core checks the
    multipart form; the deepObject brackets are Stripe's (neither validator reads them)."""
    with generated_package(SPECS / "bodies.yaml", tmp_path / "out", "bodies_wire", package_name="bodies_wire") as package:
        with SpecServer(SPECS / "bodies.yaml") as server:
            client = package.Bodies(base_url=server.url, max_retries=0)
            client.uploads.create(file=("cat.png", b"\x89PNG"), tags=["a", "b"], meta={"author": "me"})
            upload = server.requests[-1]
            assert upload.errors == []
            with pytest.raises(package.APIStatusError):  # openapi-core cannot read deepObject arrays
                client.customers.create(items=[{"price": "p1", "quantity": 2}, {"price": "p2"}], expand=["x"])
            form = server.requests[-1]
    body = upload.body or b""
    assert body.count(b'name="tags"') == 2, "an array is one part per item"
    assert b'name="meta"\r\nContent-Type: application/json\r\n\r\n{"author": "me"}' in body
    assert b'filename="cat.png"\r\nContent-Type: image/png' in body, "the encoding's content type"
    assert parse_qsl((form.body or b"").decode()) == [
        ("expand[0]", "x"), ("items[0][price]", "p1"), ("items[0][quantity]", "2"), ("items[1][price]", "p2")
    ]


def test_responses_are_read_by_their_media_type(answers: tuple[Any, Prism]) -> None:
    package, prism = answers

    def calls(client: Any) -> list[Any]:
        return [
            client.report.retrieve(),
            client.page.retrieve(),
            client.anything.retrieve(),
            client.octocat.retrieve(),
            client.vendor.retrieve(),
            client.both.retrieve(),
            client.events.retrieve([1, 2], [3, 4], x_tags=["a", "b"]),
        ]

    for results in both_clients(package, "Answers", prism.url, calls):
        csv, html, anything, octocat, vendor, both, events = results
        assert (type(csv), type(html)) == (str, str), "text is a str"
        assert isinstance(anything, (package.BinaryResponse, package.AsyncBinaryResponse)), "*/* without JSON is bytes"
        assert isinstance(octocat, (package.BinaryResponse, package.AsyncBinaryResponse))
        assert type(vendor).__name__ == "VendorRetrieveResponse" and type(both).__name__ == "BothRetrieveResponse"
        assert type(events).__name__ == "EventRetrieveResponse"


def test_headers_openapi_ignores_are_not_arguments(answers: tuple[Any, Prism]) -> None:
    package, prism = answers
    parameters = inspect.signature(package.Answers(base_url=prism.url).events.retrieve).parameters
    assert not {"accept", "content_type", "authorization"} & set(parameters)
