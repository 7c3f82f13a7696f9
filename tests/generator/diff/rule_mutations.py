"""Prove every diff rule is held by its test: flip each rule's severity, then silence each rule,
and run tests/generator/diff/test_<kind>.py each time; every run must fail. Sources are restored after each.

Run from the repository root: `.venv/bin/python tests/generator/diff/rule_mutations.py` (92 pytest runs: 7 min on a loaded 2-core machine).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from generator.diff import RULES  # noqa: E402


def _fails(kind: str) -> bool:
    command = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", f"tests/generator/diff/test_{kind}.py"]
    return subprocess.run(command, cwd=ROOT, capture_output=True).returncode != 0


def main() -> int:
    core = ROOT / "generator" / "diff" / "core.py"
    core_source = core.read_text()
    anchor = "        key = (rule.id, site.subject, where or detail)\n"
    green: list[str] = []
    for rule in RULES.values():
        module = ROOT / "generator" / "diff" / f"{rule.kind}.py"
        source = module.read_text()
        other = "warning" if rule.severity != "warning" else "breaking"
        declared = f'"{rule.id}", "{rule.severity}",'
        try:
            module.write_text(source.replace(declared, f'"{rule.id}", "{other}",'))
            if not _fails(rule.kind):
                green.append(f"{rule.id}: severity changed to {other}")
        finally:
            module.write_text(source)
        try:
            core.write_text(core_source.replace(anchor, f"        if rule.id == {rule.id!r}:\n            return\n" + anchor))
            if not _fails(rule.kind):
                green.append(f"{rule.id}: never reported")
        finally:
            core.write_text(core_source)
    print(f"{2 * len(RULES) - len(green)} of {2 * len(RULES)} mutations caught")
    for line in green:
        print("  not caught:", line)
    return 1 if green else 0


if __name__ == "__main__":
    raise SystemExit(main())
