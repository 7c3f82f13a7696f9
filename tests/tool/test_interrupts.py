"""Ctrl-C while generating: exit 130, one line, and an output directory that is never half-written.

The CLI runs as a real subprocess sent a real SIGINT. To hit a chosen moment without guessing
at timings, the subprocess pauses at that moment (a wrapper around the write it is about to
make prints PAUSED and waits); the test sends SIGINT only after it has read PAUSED.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import Options, generate, write
from generator.write import writer

from tests.support.paths import CONFIG, ROOT
from tests.support.cli import snapshot
from tests.tool.test_updates import base_spec, edited

# Runs `python -m generator generate ...` (argv[3:]) in this process, pausing at argv[1]:
# "staging" (the first new file written aside) or "swap" (the second file moved into place).
# While paused it waits (30 s at most) for Ctrl-C, which ends the wait at "staging"; at "swap",
# where Ctrl-C is held back, for the file argv[2] to appear.
DRIVER = """
import os, signal, sys, time
from pathlib import Path

from generator.cli import main

# Ctrl-C as at a terminal: a shell starts background jobs (CI, `make test &`) with SIGINT
# ignored, Python then leaves it ignored, and this process would inherit that.
signal.signal(signal.SIGINT, signal.default_int_handler)

moment, go = sys.argv[1], Path(sys.argv[2])
real_write_bytes, real_replace = Path.write_bytes, os.replace
replaced = 0

def pause():
    print("PAUSED", file=sys.stderr, flush=True)
    for _ in range(3000):  # 30 s at most
        if go.exists():
            return
        time.sleep(0.01)

def write_bytes(self, data):
    if moment == "staging" and ".generator-staging-" in str(self):
        pause()
    return real_write_bytes(self, data)

def replace(source, target):
    global replaced
    replaced += 1
    if moment == "swap" and replaced == 2:
        pause()
    return real_replace(source, target)

Path.write_bytes = write_bytes
os.replace = replace
raise SystemExit(main(sys.argv[3:]))
"""


def _changed_spec(tmp_path: Path) -> Path:
    """The seed spec with an enum value and an operation added: several files change."""
    spec = base_spec()
    spec["components"]["schemas"]["CreateSpeechRequest"]["properties"]["voice"]["enum"].append("sage")
    spec["paths"]["/files"] = {"get": {"operationId": "listFiles", "responses": {"200": {"description": "ok"}}}}
    return edited(tmp_path, "new", spec)


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes], dict[str, bytes]]:
    """(output holding the old client, the new spec, the old tree, the tree the new spec makes)."""
    old, new = edited(tmp_path, "old", base_spec()), _changed_spec(tmp_path)
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    write(generate(Options(spec=old, config=CONFIG, output=out)), out)
    write(generate(Options(spec=new, config=CONFIG, output=out)), fresh)  # manifest paths as in `out`
    return out, new, snapshot(out), snapshot(fresh)


def _interrupt_cli(moment: str, out: Path, spec: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Run the CLI until it pauses at `moment`, send SIGINT, and (at "swap") let it go on."""
    go = tmp_path / "go"
    process = subprocess.Popen(
        [sys.executable, "-c", DRIVER, moment, str(go), "generate", str(spec), "--config", str(CONFIG), "--output", str(out)],
        cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": os.environ["PATH"]},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert process.stderr is not None
        first = process.stderr.readline()
        assert first.strip() == "PAUSED", first + process.stderr.read()
        process.send_signal(signal.SIGINT)
        if moment == "swap":  # Ctrl-C is held back there: the paused swap must be let go on
            go.touch()
        stdout, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_ctrl_c_while_writing_exits_130_and_leaves_the_previous_output(trees: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    out, spec, before, _ = trees
    result = _interrupt_cli("staging", out, spec, tmp_path)
    assert result.returncode == 130, result.stderr
    assert result.stderr.strip().splitlines() == ["interrupted; the output directory was left as it was"]
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".generator-staging")]


def test_ctrl_c_during_the_swap_waits_until_the_new_output_is_whole(trees: tuple, tmp_path: Path) -> None:  # type: ignore[type-arg]
    out, spec, before, after = trees
    assert before != after
    result = _interrupt_cli("swap", out, spec, tmp_path)
    assert result.returncode == 130, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("interrupted"), result.stderr
    assert snapshot(out) == after, "Ctrl-C half way through the swap left a mix of old and new files"
    assert not [p for p in out.iterdir() if p.name.startswith(".generator-staging")]


def test_ctrl_c_during_the_swap_in_process(trees: tuple, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[type-arg]
    """The same in the writer itself: SIGINT right after the first file is moved into place."""
    out, spec, before, after = trees
    generation = generate(Options(spec=spec, config=CONFIG, output=out))
    real_replace = os.replace
    moved: list[str] = []

    def replace_then_ctrl_c(source: str, target: str) -> None:
        real_replace(source, target)
        moved.append(str(target))
        if len(moved) == 1:
            signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(writer.os, "replace", replace_then_ctrl_c)
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # as at a terminal (see DRIVER)
    try:
        with pytest.raises(KeyboardInterrupt):
            writer.write_output(generation.files, out)
    finally:
        signal.signal(signal.SIGINT, previous)
        monkeypatch.undo()
    assert len(moved) > 1
    assert snapshot(out) == after
