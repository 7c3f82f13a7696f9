"""Fixtures of the tool's tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.installed_tool import PETSTORE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A user's project, outside the repository, with the spec `api.yaml` (a petstore)."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "api.yaml").write_text(PETSTORE)
    return root
