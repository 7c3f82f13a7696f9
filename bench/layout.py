"""The layout of the client generated from any spec: module sizes, class-name lengths, black's share.

    .venv/bin/python bench/layout.py SPEC [--config CONFIG] [--json]

Generates the client in process (no cache, nothing written) and prints the largest generated
module's line count (and the five largest), the number of modules over 5,000 lines, the public
class names' length percentiles (50th, 90th, 95th, 99th, longest) and the files the render stage
left to black (`generator/format/formatter.py::needs_black`). Public class names are the
top-level classes of every generated module and the aliases its `__all__` lists (the runtime
modules, `_*.py`, are not counted: they are the same in every package).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(1, str(ROOT))

from generator.format.formatter import format_files, needs_black  # noqa: E402
from generator.load import load_spec  # noqa: E402
from generator.load.overlay import apply_overlays  # noqa: E402
from generator.model import build_model  # noqa: E402
from generator.pipeline import Options, run_config, spec_title  # noqa: E402
from generator.render import RenderedFile  # noqa: E402
from generator.render.renderer import iter_package  # noqa: E402
from tests.support.layout import percentile, public_names  # noqa: E402

MODULE_LIMIT = 5000


@dataclass
class Layout:
    modules: int
    largest: list[tuple[str, int]]
    over_limit: int
    classes: int
    percentiles: dict[str, int]
    longest: str
    black_files: list[str]


def measure(files: list[RenderedFile], black: list[str]) -> Layout:
    """The layout figures of a package's files (formatted), and the files black ran on."""
    modules = [f for f in files if f.is_python and not f.verbatim]
    sizes = sorted(((f.path, f.content.count("\n")) for f in modules), key=lambda item: -item[1])
    names = sorted((n for f in modules for n in public_names(f.content)), key=len)
    lengths = [len(n) for n in names]
    shares = {"p50": 0.50, "p90": 0.90, "p95": 0.95, "p99": 0.99}
    return Layout(
        modules=len(modules),
        largest=sizes[:5],
        over_limit=sum(1 for _, lines in sizes if lines > MODULE_LIMIT),
        classes=len(names),
        percentiles={key: percentile(lengths, share) for key, share in shares.items()} | {"max": lengths[-1]},
        longest=names[-1],
        black_files=black,
    )


def layout_of(spec: Path, config: Path | None) -> Layout:
    """Generate the client of spec (with config) in process and measure it."""
    options = Options(spec=spec, config=config, cache_dir=None)
    loaded = load_spec(spec)
    settings = run_config(options, spec_title(loaded))
    apply_overlays(loaded, settings.overlays)
    rendered = list(iter_package(build_model(loaded, settings), settings))
    black = sorted(f.path for f in rendered if f.is_python and not f.verbatim and needs_black(f.content))
    return measure(format_files(rendered, None), black)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("spec", type=Path)
    parser.add_argument("--config", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = layout_of(args.spec, args.config)
    if args.json:
        print(json.dumps(asdict(result), indent=1))
        return 0
    print(f"modules: {result.modules}; over {MODULE_LIMIT} lines: {result.over_limit}")
    print("largest: " + ", ".join(f"{path} ({lines})" for path, lines in result.largest))
    shown = ", ".join(f"{key} {value}" for key, value in result.percentiles.items())
    print(f"public class names: {result.classes}; length {shown} ({result.longest})")
    print(f"files black ran on: {len(result.black_files)}" + "".join(f"\n  {p}" for p in result.black_files[:20]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
