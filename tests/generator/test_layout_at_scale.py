"""A client of a large API (tests/support/synthetic_spec.py, shaped like Stripe's): its modules stay
the size of what each holds, its class names stay short, and black has nothing to do."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.config import GeneratorConfig
from generator.format.formatter import needs_black
from generator.load import load_spec
from generator.model import build_model
from generator.render import RenderedFile, render_package
from generator.write import write_output
from tests.support.layout import percentile, public_names
from tests.support.synthetic_spec import synthetic_spec

pytestmark = pytest.mark.xdist_group("synthetic-spec")  # its packages are made once, on one worker

SIZES = {1: (40, 200), 3: (120, 600)}
"""Scale -> (operations, component schemas): the same API three times as large."""
PACKAGE = "synthetic_client"
INDEXES = ("_client.py", "_operations.py", "types/__init__.py")
"""Modules that list the whole API (its top-level resources, operations, component models)."""
CYCLE_INDEX = re.compile(r"types/_cycle_\d+\.py")
"""A module that loads an import cycle: it lists the cycle's modules (its links are in others)."""


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[int, list[RenderedFile]]:
    root = tmp_path_factory.mktemp("synthetic")
    config = GeneratorConfig(package_name=PACKAGE, client_class="Payments", async_client_class="AsyncPayments")
    found = {}
    for scale, (operations, schemas) in SIZES.items():
        path = root / f"spec{scale}.json"
        path.write_text(json.dumps(synthetic_spec(operations, schemas), indent=1), encoding="utf-8")
        found[scale] = render_package(build_model(load_spec(path), config), config)
    return found


def _lines(files: list[RenderedFile]) -> dict[str, int]:
    return {f.path.removeprefix(f"{PACKAGE}/"): f.content.count("\n") for f in files if f.is_python}


def test_no_module_of_a_resource_or_a_type_grows_with_the_api(packages: dict[int, list[RenderedFile]]) -> None:
    """Each module below resources/ and types/ holds one resource's, one component's or one operation's
    code: three times the API, the largest of them is not three times as large (it was, for the one
    module that held every request type, and the one per top-level resource that held its tree)."""
    largest = {}
    for scale, files in packages.items():
        owned = {p: n for p, n in _lines(files).items() if p.startswith(("resources/", "types/")) and p not in INDEXES
                 and not p.startswith("types/_exports_") and not CYCLE_INDEX.fullmatch(p)}  # fmt: skip
        largest[scale] = max(owned.values())
    assert largest[3] < 2 * largest[1], largest  # halfway between staying put (1x) and growing with the API (3x)


def test_an_index_of_the_api_takes_at_most_a_line_an_entry(packages: dict[int, list[RenderedFile]]) -> None:
    """The operation index and `types` (which lists every component's model) grow by at most a line an
    operation and a line a component (they took five and four)."""
    small, large = _lines(packages[1]), _lines(packages[3])
    (operations_1, schemas_1), (operations_3, schemas_3) = SIZES[1], SIZES[3]
    assert large["_operations.py"] - small["_operations.py"] <= operations_3 - operations_1
    assert large["types/__init__.py"] - small["types/__init__.py"] <= schemas_3 - schemas_1
    # The module loading an import cycle lists the cycle's modules, a line each.
    cycles_1 = sum(n for p, n in small.items() if CYCLE_INDEX.fullmatch(p))
    cycles_3 = sum(n for p, n in large.items() if CYCLE_INDEX.fullmatch(p))
    assert cycles_3 - cycles_1 <= schemas_3 - schemas_1


def test_class_names_are_short(packages: dict[int, list[RenderedFile]]) -> None:
    """The 95th percentile of the public class names is under 40 characters (it was 77 on real specs):
    inline types are named from their owner's short name and field path, not the operation id."""
    names = sorted(len(n) for f in packages[3] if f.is_python and not f.verbatim for n in public_names(f.content))
    assert len(names) > 2000  # of about 2,800
    assert percentile(names, 0.95) < 40


def test_black_has_nothing_to_do(packages: dict[int, list[RenderedFile]], tmp_path: Path) -> None:
    """The render stage lays out every line the way black would: it runs on no file, and black finds
    nothing to change in any (black is what made a large spec slow: 14.7 s of 20 on Stripe's)."""
    from tests.support.black_check import files_black_would_change

    for files in packages.values():
        assert [f.path for f in files if f.is_python and not f.verbatim and needs_black(f.content)] == []
    write_output(packages[1], tmp_path / "out")
    assert files_black_would_change(tmp_path / "out") == []
