"""Write the synthetic Stripe-sized spec `make bench` generates (tests/support/synthetic_spec.py makes it).

    .venv/bin/python bench/synthetic_spec.py OUT.json [--operations 500] [--schemas 2500]

About 500 operations and 2,500 component schemas by default: versioned paths nested three resources
deep, operation ids made of the whole path, form-encoded request bodies of deep inline objects, long
enums, list responses, and components that refer to each other in a cycle. Written as indented JSON,
the way Stripe publishes its own.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(1, str(ROOT))

from tests.support.synthetic_spec import synthetic_spec  # noqa: E402


def write_synthetic_spec(target: Path, operations: int = 500, schemas: int = 2500) -> Path:
    target.write_text(json.dumps(synthetic_spec(operations, schemas), indent=2), encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--operations", type=int, default=500)
    parser.add_argument("--schemas", type=int, default=2500)
    args = parser.parse_args()
    write_synthetic_spec(args.out, args.operations, args.schemas)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
