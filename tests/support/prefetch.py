"""The suite's slow installs, started together in the background when the run starts.

The npm installs (the Portkey gateway, pyright, Prism) and the virtualenvs of the oldest and newest
Python (for the generated client, and for the installed generator) each take ten to twenty seconds on a fresh clone, mostly waiting on the package registries.
Started one after another by the first test that needs each, they add up; started together at the
beginning, they overlap with each other and with the tests that need none of them. Each install
holds its own lock, so a test that needs one waits for it; an install that fails here fails again,
with its reason, in the test that needs it.
"""

from __future__ import annotations

import threading
from typing import Callable, List


def _quietly(install: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        try:
            install()
        except BaseException:  # noqa: BLE001 - the test that needs it reports why
            pass

    return run


def _installs() -> List[Callable[[], object]]:
    from tests.runtime.test_python_versions import prepare_venvs
    from tests.support.gateway import ensure_gateway_installed
    from tests.support.prism import ensure_prism_installed
    from tests.support.typed_client import pyright
    from tests.tool.test_installed_tool_python_versions import prepare_tool_venvs

    return [ensure_gateway_installed, pyright, ensure_prism_installed, prepare_venvs, prepare_tool_venvs]


def start() -> List[threading.Thread]:
    """Start every install in a thread of its own; join them before the process ends."""
    threads = [threading.Thread(target=_quietly(install), daemon=True) for install in _installs()]
    for thread in threads:
        thread.start()
    return threads
