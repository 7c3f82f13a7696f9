"""The client for the complete Portkey spec, generated once and shared.

Generating it takes seconds, so it is built once into `.cache/full-client/<hash>/` and reused by
every pytest-xdist worker and by later runs until the generator, its templates, the spec, the
config, black or Python change (the hash covers each of them).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

from generator.pipeline import Options, generate, write

from conftest import CONFIG
from tests.support.cache import built_once, generator_key

PACKAGE = "portkey_full"


def generate_full_client(spec: Path) -> ModuleType:
    """Generate (as package `portkey_full`, beside the seed's `portkey_client`) and import it."""

    def build(output: Path) -> None:
        generation = generate(Options(spec=spec, config=CONFIG, output=output, package_name=PACKAGE))
        write(generation, output)

    output = built_once("full-client", generator_key(spec, CONFIG, extra=PACKAGE), build)
    if str(output) not in sys.path:
        sys.path.insert(0, str(output))
    return importlib.import_module(PACKAGE)
