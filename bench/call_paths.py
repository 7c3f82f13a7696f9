"""How natural the derived call paths are, over the one-construct specs of tests/generator/call_path_specs.py.

Every spec is modelled with no config (as `openapi-client-gen generate SPEC` does). Prints, over
all their operations: mean depth of a call path, call paths that start with a version segment
or with a segment every operation of the spec starts with, methods named after the raw
operationId, parts left over from the path (`*_json`, a verb as a resource: `agents.create.create`)
or from the HTTP verb, GETs of one item (the path ends in a parameter) called `list`, and how
many call paths are the expected ones.

    .venv/bin/python bench/call_paths.py            # this checkout's generator (-v: each unexpected one)
    PYTHONPATH=../other-checkout .venv/bin/python bench/call_paths.py   # another one's
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(1, str(ROOT))

import generator  # noqa: E402
from generator.config import neutral_config  # noqa: E402
from generator.names import snake_case  # noqa: E402
from generator.pipeline import build_model_only  # noqa: E402
from tests.generator.call_path_specs import CONSTRUCTS, write_spec  # noqa: E402

_VERSION_PART = re.compile(r"^(v_?\d|resource_\d|\d)")
_VERB_PARTS = {"get", "post", "put", "patch", "delete", "create", "update", "list", "search", "retrieve"}
_HTTP_VERBS = {"get", "post", "put", "patch", "delete"}


def main() -> None:
    verbose = "-v" in sys.argv[1:]
    counts: Counter[str] = Counter()
    depths: list[int] = []
    with tempfile.TemporaryDirectory() as directory:
        for construct in CONSTRUCTS:
            spec = write_spec(Path(directory), construct)
            model = build_model_only(spec, neutral_config("Constructs"))
            firsts = Counter(op.call_path[0] for op in model.operations)
            for op in model.operations:
                *resource, method = op.call_path
                depths.append(len(op.call_path))
                counts["operations"] += 1
                counts["starts with a version"] += bool(_VERSION_PART.match(op.call_path[0]))
                shared = firsts[op.call_path[0]] == len(model.operations) and len(model.operations) > 1
                counts["starts with a segment every operation has"] += shared
                counts["method named after the raw operationId"] += bool(
                    op.operation_id and method.rstrip("_") == snake_case(op.operation_id))
                counts["path leftover (*_json, a verb as resource)"] += any(
                    p.endswith(("_json", "_xml")) or p in _VERB_PARTS for p in resource)
                counts["HTTP verb leftover in the method"] += method.split("_")[-1] in _HTTP_VERBS and "_" in method
                counts["GET of one item called list"] += (
                    op.method == "get" and "{" in op.path.rstrip("/").rsplit("/", 1)[-1] and method == "list")
                wanted = construct.expected.get(f"{op.method.upper()} {op.path}")
                counts["as expected"] += wanted == ".".join(op.call_path)
                if verbose and wanted != ".".join(op.call_path):
                    print(f"{op.method.upper()} {op.path}: {'.'.join(op.call_path)} (expected {wanted})")
    print(f"generator: {Path(generator.__file__).parent}")
    print(f"mean depth: {sum(depths) / len(depths):.2f}")
    for name, value in counts.items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
