"""The Portkey client's call paths stay what users already call, operation by operation.

`portkey_call_paths.txt` is our own output for the complete Portkey spec with its config, one
`METHOD /path call.path` a line. A change to naming that moves a Portkey method fails here;
when the move is intended, rewrite the file with
`.venv/bin/python tests/generator/test_portkey_call_paths.py` and say why in the commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

RECORDED = Path(__file__).with_name("portkey_call_paths.txt")
ROOT = Path(__file__).resolve().parents[2]


def call_path_lines(spec: Path) -> list[str]:
    """`METHOD /path call.path` for every operation of the spec, built with the Portkey config."""
    from generator.config import load_config
    from generator.pipeline import build_model_only
    from tests.support.paths import CONFIG

    model = build_model_only(spec, load_config(CONFIG))
    operations = sorted(model.operations, key=lambda op: (op.path, op.method))
    return [f"{op.method.upper()} {op.path} {'.'.join(op.call_path)}" for op in operations]


def test_portkey_call_paths_are_the_recorded_ones(full_spec: Path) -> None:
    recorded = RECORDED.read_text(encoding="utf-8").splitlines()
    now = call_path_lines(full_spec)
    was = sorted(set(recorded) - set(now))
    is_now = sorted(set(now) - set(recorded))
    assert not was and not is_now, "\n".join(["recorded:", *was, "now:", *is_now])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from tests.support.paths import FULL_SPEC

    RECORDED.write_text("\n".join(call_path_lines(FULL_SPEC)) + "\n", encoding="utf-8")
