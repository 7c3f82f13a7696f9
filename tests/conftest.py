"""Shared fixtures: paths, the full Portkey spec (skipped when absent), generation helpers."""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator

import pytest
from hypothesis import HealthCheck, settings

# Property tests run a fixed example budget sized for CI (seconds, not minutes);
# `make test-full` (HYPOTHESIS_PROFILE=full) runs the long search before a release.
settings.register_profile("ci", max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("full", max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")

from tests.support.paths import FULL_SPEC, GENERATED, ROOT

# The generator keeps its formatting cache (and bug reports) in the user's cache directory: the
# suite's go into the project's .cache, not into the home directory of whoever runs it.
os.environ["XDG_CACHE_HOME"] = str(ROOT / ".cache" / "user-cache")


def pytest_sessionstart(session: pytest.Session) -> None:
    """The slow installs start together, once per run (in the controller, not in every xdist worker)."""
    if not hasattr(session.config, "workerinput"):
        from tests.support import prefetch

        session.config.stash[_PREFETCH] = prefetch.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    for thread in session.config.stash.get(_PREFETCH, []):
        thread.join()


_PREFETCH = pytest.StashKey[list]()  # type: ignore[type-arg]


@pytest.fixture(scope="session")
def full_spec() -> Path:
    if not FULL_SPEC.is_file():
        pytest.skip(f"the complete Portkey spec is not at {FULL_SPEC} (it lives in ../shared beside the clone)")
    return FULL_SPEC


@pytest.fixture
def write_spec(tmp_path: Path) -> Callable[..., Path]:
    """Write a small spec (YAML text, dedented) into tmp_path and return its path."""

    def write(text: str, name: str = "spec.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def generated_on_path() -> Path:
    """The committed generated/ directory, importable as `portkey_client`."""
    if str(GENERATED) not in sys.path:
        sys.path.insert(0, str(GENERATED))
    return GENERATED


@pytest.fixture(scope="session")
def full_client(full_spec: Path) -> Iterator[ModuleType]:
    """The client generated from the complete Portkey spec, imported as `portkey_full` for the session."""
    from tests.support.full_client import PACKAGE, full_client_folder
    from tests.support.packages import imported_package

    with imported_package(full_client_folder(full_spec), PACKAGE) as module:
        yield module


@pytest.fixture(scope="session")
def provider() -> Iterator[Any]:
    """The fake OpenAI-compatible upstream the gateway forwards to."""
    from tests.support.fake_provider import FakeProvider

    with FakeProvider() as fake:
        yield fake


@pytest.fixture(scope="session")
def gateway() -> Iterator[Any]:
    """The real Portkey gateway from npm, or a skip saying why it is unavailable."""
    from tests.support.gateway import GatewayUnavailable, ensure_gateway_installed, run_gateway

    try:
        ensure_gateway_installed()
    except GatewayUnavailable as exc:
        pytest.skip(f"Portkey gateway unavailable: {exc}")
    with run_gateway(install=False) as running:
        yield running


@pytest.fixture(scope="session")
def installed_tool(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The wheel built from this source tree, installed into a venv of its own (tests/support/installed_tool.py).

    A test that uses it carries `tests.support.installed_tool.GROUP`, so one xdist worker builds it once.
    """
    from tests.support.installed_tool import build_installed_tool

    return build_installed_tool(tmp_path_factory)
