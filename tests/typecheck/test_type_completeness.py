"""The full-spec client is cheap to analyse and complete for type checkers.

Measured with the pinned pyright on the client the typed-snippet harness generates:
- a one-line `import portkey_client` makes pyright parse and bind at most 60 files;
- `pyright --verifytypes portkey_client --ignoreexternal` scores at least 95%;
- `pyright --strict` reports no error in the package.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support.typed_client import PACKAGE, Unavailable, cached_json, pyright, pyright_stdout, run_pyright, typed_client

MAX_FILES_FOR_A_BARE_IMPORT = 60
MIN_COMPLETENESS = 0.95


@pytest.fixture(scope="module")
def client_dir(full_spec: Path) -> Path:
    from tests.support.paths import CONFIG

    directory = typed_client(full_spec, CONFIG)
    try:
        pyright()
    except Unavailable as exc:
        pytest.skip(f"pyright unavailable: {exc}")
    return directory


def test_a_bare_import_parses_few_files(client_dir: Path) -> None:
    probe = client_dir / "probe"
    probe.mkdir(exist_ok=True)
    (probe / "probe.py").write_text(f"import {PACKAGE}\n", encoding="utf-8")

    def measure() -> Any:
        out = pyright_stdout(["--stats"], client_dir, include=[probe / "probe.py"], cwd=probe)
        found = re.search(r"Total files parsed and bound: (\d+)", out)
        assert found, out[-1000:]
        return int(found.group(1))

    parsed = cached_json(client_dir, "bare-import", "stats", measure)
    assert parsed <= MAX_FILES_FOR_A_BARE_IMPORT, f"pyright parses {parsed} files for `import {PACKAGE}`"


def test_verifytypes_completeness(client_dir: Path) -> None:
    def measure() -> Any:
        out = pyright_stdout(
            ["--verifytypes", PACKAGE, "--ignoreexternal", "--outputjson"], client_dir, include=[], cwd=client_dir
        )
        report = json.loads(out)["typeCompleteness"]
        ambiguous = [s["name"] for s in report["symbols"] if not s["isTypeKnown"]]
        return {"score": report["completenessScore"], "not_known": ambiguous}

    result = cached_json(client_dir, "verifytypes", "ignoreexternal", measure)
    assert result["score"] >= MIN_COMPLETENESS, (
        f"type completeness {result['score']:.1%}; not known: {result['not_known'][:20]}"
    )


def test_pyright_strict_finds_no_error_in_the_package(client_dir: Path) -> None:
    report = run_pyright([client_dir / PACKAGE], client_dir, strict=True)
    errors = [f for f in report.findings if f.severity == "error"]
    shown = "\n".join(f"  {f.file.name}:{f.line}: {f.message.splitlines()[0]} [{f.rule}]" for f in errors[:30])
    assert errors == [], f"{len(errors)} pyright --strict errors:\n{shown}"
