"""Whether this repository's .gitignore covers what a command left behind."""

from __future__ import annotations

import subprocess

from tests.support.paths import ROOT


def ignored_by_this_repository(paths: list[str]) -> list[str]:
    """Those of `paths` (relative to the repository) that its .gitignore ignores."""
    if not paths:
        return []
    result = subprocess.run(["git", "check-ignore", "--no-index", "--stdin"], cwd=ROOT, input="\n".join(paths),
                            capture_output=True, text=True)  # fmt: skip
    return result.stdout.splitlines()


def leftovers_are_ignored(paths: list[str]) -> None:
    """Assert that the repository's .gitignore covers each of `paths` (files and the folders they are in).

    (`pip install ./generated` leaves generated/build/ and an .egg-info: tests/test_updates.py's
    vendoring test, which runs it, calls this; tests/tool/test_repository_files.py the wheel's build.)
    """
    assert paths, "the build left nothing: the test would prove nothing"
    folders = {p for p in paths if any(other.startswith(p + "/") for other in paths)}
    named = sorted(p + "/" if p in folders else p for p in paths)
    assert ignored_by_this_repository(named) == named
