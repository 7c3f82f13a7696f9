"""Generate the client for the complete Portkey spec once per test session."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from generator.pipeline import Options, generate, write

from conftest import CONFIG

PACKAGE = "portkey_full"


def generate_full_client(spec: Path, output: Path) -> ModuleType:
    """Generate (as package `portkey_full`, beside the seed's `portkey_client`) and import it."""
    generation = generate(Options(spec=spec, config=CONFIG, output=output, package_name=PACKAGE))
    write(generation, output)
    if str(output) not in sys.path:
        sys.path.insert(0, str(output))
    return importlib.import_module(PACKAGE)
