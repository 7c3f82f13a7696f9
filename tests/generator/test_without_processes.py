"""Where a second process cannot be had (a container without /dev/shm has no process semaphores) or
dies (killed for memory), the generator does that work itself: the same files, no error."""

from __future__ import annotations

from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest

from generator import processes
from generator.pipeline import Options, generate
from generator.render import renderer
from tests.support.synthetic_spec import synthetic_spec


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import json

    path = tmp_path_factory.mktemp("processes") / "spec.json"
    path.write_text(json.dumps(synthetic_spec(12, 40)), encoding="utf-8")
    return path


def _files(spec: Path, tmp_path: Path) -> dict[str, str]:
    generation = generate(Options(spec=spec, output=tmp_path / "out", cache_dir=tmp_path / "cache"))
    return {f.path: f.content for f in generation.files}


class _NoSemaphores:
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise OSError(38, "Function not implemented")


class _DyingPool:
    """A pool whose process is killed: every result raises BrokenProcessPool."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def submit(self, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("A process in the process pool was terminated abruptly"))
        return future

    def shutdown(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __enter__(self) -> _DyingPool:
        return self

    def __exit__(self, *args: Any) -> None:
        pass


@pytest.mark.parametrize("pool", [_NoSemaphores, _DyingPool], ids=["no-semaphores", "process-killed"])
def test_the_work_of_a_missing_process_is_done_here(
    spec: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pool: type
) -> None:
    monkeypatch.setattr(renderer, "PARALLEL_MODEL_MODULES", 1)  # the model modules go to a process too
    expected = _files(spec, tmp_path / "with")
    monkeypatch.setattr(processes, "ProcessPoolExecutor", pool)
    assert _files(spec, tmp_path / "without") == expected
