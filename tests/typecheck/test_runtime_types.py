"""The runtime modules type-check strictly where they live (templates/package/runtime), before any
package is generated: pinned pyright in strict mode here, mypy --strict in `make typecheck`."""

from __future__ import annotations

import pytest

from generator.render.renderer import RUNTIME_FOLDER, TEMPLATES
from tests.support.typed_client import Unavailable, pyright, pyright_strict_in_place


def test_the_runtime_passes_pyright_strict_in_place() -> None:
    try:
        pyright()
    except Unavailable as exc:
        pytest.skip(f"pyright unavailable: {exc}")
    runtime = TEMPLATES / RUNTIME_FOLDER
    report = pyright_strict_in_place(runtime)
    assert report.raw.get("summary", {}).get("filesAnalyzed", 0) >= 9, report.raw.get("summary")
    errors = [f"{f.file.name}:{f.line}: {f.message} [{f.rule}]" for f in report.findings if f.severity == "error"]
    assert errors == []
