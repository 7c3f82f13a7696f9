"""Write output files atomically and incrementally; compare them with the disk for `check`.

A manifest (`.generator-manifest.json`) in the output directory lists the files the
generator wrote: only those are ever overwritten or deleted. A file it would write that is
there and not in the manifest belongs to the user, and stops the run before anything is
written (unless forced).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.diagnostics import GeneratorError, SourceLocation, user_path_error
from generator.render import RenderedFile

MANIFEST = ".generator-manifest.json"


@dataclass
class Drift:
    """How the output on disk differs from what the generator makes."""

    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)
    """Changed by hand since the generator wrote them (their hash is not the manifest's)."""

    @property
    def clean(self) -> bool:
        return not (self.stale or self.missing or self.extra or self.edited)


@dataclass
class WriteResult:
    written: list[str]
    unchanged: list[str]
    removed: list[str]


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _safe_relative(path: str) -> PurePosixPath:
    relative = PurePosixPath(path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts:
        raise GeneratorError(f"refusing to write outside the output directory: {path!r}")
    return relative


def read_manifest(output: Path) -> dict[str, object]:
    try:
        data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def manifest_content(
    files: list[RenderedFile], inputs_digest: str, generator_version: str, input_files: list[str],
    remote_inputs: list[str] | None = None,
) -> str:  # fmt: skip
    """The manifest: generator version, input hash and files, and each output file's hash."""
    entries = {f.path: _digest(f.content.encode()) for f in files}
    manifest = {"generator": generator_version, "inputs": inputs_digest, "input_files": input_files, "files": entries}
    if remote_inputs:
        manifest["remote_inputs"] = remote_inputs  # their content is not hashed: no fast check
    return json.dumps(manifest, indent=1, sort_keys=True) + "\n"


def compare_output(files: list[RenderedFile], output: Path) -> Drift:
    """Stale, missing and extra files (extra: written by an earlier run, no longer generated)."""
    drift = Drift()
    expected = {f.path for f in files}
    previous = read_manifest(output).get("files")
    recorded = previous if isinstance(previous, dict) else {}
    for file in files:
        target = output / _safe_relative(file.path)
        try:
            current = target.read_bytes()
        except OSError:
            drift.missing.append(file.path)
            continue
        if current != file.content.encode():
            edited = file.path in recorded and _digest(current) != recorded[file.path] and file.path != MANIFEST
            (drift.edited if edited else drift.stale).append(file.path)
    if isinstance(previous, dict):
        drift.extra = sorted(p for p in previous if p not in expected and (output / p).exists())
    return drift


MAX_CONFLICTS_SHOWN = 3


def unowned(paths: Iterable[str], output: Path) -> list[str]:
    """The paths that exist in output but that no manifest there lists: files the user put there."""
    recorded = read_manifest(output).get("files")
    owned = set(recorded) if isinstance(recorded, dict) else set()
    return [p for p in paths if p != MANIFEST and p not in owned and (output / _safe_relative(p)).exists()]


def refuse_to_overwrite(output: Path, conflicts: Sequence[str]) -> None:
    """One line naming the user's files the run would overwrite, and the ways out."""
    shown = ", ".join(conflicts[:MAX_CONFLICTS_SHOWN])
    if len(conflicts) > MAX_CONFLICTS_SHOWN:
        shown += f" and {len(conflicts) - MAX_CONFLICTS_SHOWN} more"
    raise GeneratorError(
        f"the output directory holds files the generator did not write and would overwrite: {shown} "
        f"(no {MANIFEST} lists them); nothing was written. Choose another --output, "
        "or pass --force to take them over",
        SourceLocation(str(output)),
    )


def write_output(
    files: list[RenderedFile], output: Path, force: bool = False, unowned_extra: Sequence[str] = ()
) -> WriteResult:
    """Write only what changed; build the new tree aside first so a failure leaves the old one whole.

    Unless `force`, a file of the user's in the way (or one of `unowned_extra`, which the caller
    writes itself) stops the run before anything is written.
    """
    if not force:
        conflicts = unowned([f.path for f in files], output) + list(unowned_extra)
        if conflicts:
            refuse_to_overwrite(output, conflicts)
    previous = read_manifest(output).get("files")
    old_paths = set(previous) if isinstance(previous, dict) else set()
    changed: list[RenderedFile] = []
    unchanged: list[RenderedFile] = []
    for file in files:
        target = output / _safe_relative(file.path)
        try:
            same = target.read_bytes() == file.content.encode()
        except OSError:
            same = False
        (unchanged if same else changed).append(file)
    removed = sorted(p for p in old_paths - {f.path for f in files} if (output / _safe_relative(p)).is_file())
    if not changed and not removed:
        return WriteResult([], [f.path for f in unchanged], [])
    try:
        output.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".generator-staging-", dir=output))
    except OSError as error:
        raise user_path_error("cannot create the output directory", error, output) from None
    try:
        _stage(changed, staging)
        # Every new file is complete on disk beside its target; the swap is one rename per
        # file, with Ctrl-C held back until it is done so no half-swapped tree is left.
        with _interrupts_deferred():
            for file in changed:
                target = output / _safe_relative(file.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / _safe_relative(file.path), target)
            for path in removed:
                (output / path).unlink()
                _prune_empty_dirs((output / path).parent, output)
    except OSError as error:
        raise user_path_error("cannot write the output", error, output) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return WriteResult([f.path for f in changed], [f.path for f in unchanged], removed)


_STAGING_THREADS = 8


def _stage(files: Sequence[RenderedFile], staging: Path) -> None:
    """Write each file below staging. A filesystem takes its time to create a file, and does so for
    several at once: the files are written by a few threads (a large client has thousands)."""
    folders = {(staging / _safe_relative(f.path)).parent for f in files}
    for folder in sorted(folders):
        folder.mkdir(parents=True, exist_ok=True)

    def stage(file: RenderedFile) -> None:
        (staging / _safe_relative(file.path)).write_bytes(file.content.encode())

    if len(files) < _STAGING_THREADS * 4:
        for file in files:
            stage(file)
        return
    with ThreadPoolExecutor(max_workers=_STAGING_THREADS) as pool:
        for _ in pool.map(stage, files):  # the first failure is raised here
            pass


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold SIGINT until the block ends (main thread only; elsewhere signals cannot arrive anyway)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[object] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt


def _prune_empty_dirs(directory: Path, root: Path) -> None:
    while directory != root and directory.is_dir() and not any(directory.iterdir()):
        directory.rmdir()
        directory = directory.parent
