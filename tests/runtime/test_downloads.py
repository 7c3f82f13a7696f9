"""A binary response is written to disk as it arrives."""

from __future__ import annotations

import time
from pathlib import Path
from types import ModuleType
from typing import Any, Callable


from tests.support.fault_server import Answer, FaultServer


def test_file_download_is_written_to_disk_as_it_arrives(call: Callable[..., Any], server: FaultServer, tmp_path: Path,
                                                        full_client: ModuleType) -> None:  # fmt: skip
    """stream_to_file writes each chunk as it comes: the server sends chunk n only once chunk n-1 is on disk."""
    pieces = [bytes([index]) * (256 * 1024) for index in range(3)]  # 768 KiB in three chunks
    target = tmp_path / "download.jsonl"
    on_disk_first: list[int] = []

    def hold_until_the_previous_chunks_are_on_disk(index: int) -> None:
        # What stream_to_file was given must reach the file (less what its 8 KiB write buffer may hold)
        # before the server sends more. A client that reads the whole body first, or writes once at the
        # end, leaves the file empty: the server gives up after 10 s and sends the rest anyway.
        sent = sum(len(piece) for piece in pieces[:index])
        deadline = time.monotonic() + 10
        while len(on_disk_first) == index - 1 and time.monotonic() < deadline:
            if target.exists() and target.stat().st_size >= sent - 64 * 1024:
                on_disk_first.append(index)
                return
            time.sleep(0.005)

    server.script(Answer(200, raw_chunks=pieces, before_chunk=hold_until_the_previous_chunks_are_on_disk))

    def action(client: Any) -> Any:
        response = client.files.content("file-1")
        if hasattr(response, "__await__"):
            async def go() -> Any:
                downloaded = await response
                await downloaded.stream_to_file(target)
                return downloaded
            return go()
        response.stream_to_file(target)
        return response

    response = call(action)
    assert isinstance(response, (full_client.BinaryResponse, full_client.AsyncBinaryResponse))
    assert on_disk_first == [1, 2], "a chunk reached the file only after the server had sent the next one"
    assert target.read_bytes() == b"".join(pieces)
    assert server.requests[0][1] == "/files/file-1/content"
    assert server.requests[0][2]["accept"] == "application/octet-stream"
