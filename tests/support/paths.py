"""Where the project's test inputs live: the repository, the seed spec and config, the complete spec."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "generated"
SEED_SPEC = ROOT / "specs" / "portkey.yaml"
CONFIG = ROOT / "specs" / "portkey.config.yaml"
FULL_SPEC = ROOT.parent / "shared" / "specs" / "portkey-openapi.yaml"
