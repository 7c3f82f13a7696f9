"""The client for the complete Portkey spec, generated once and shared.

Generating it takes seconds, so it is built once into `.cache/full-client/<hash>/` and reused by
every pytest-xdist worker and by later runs until the generator, its templates, the spec, the
config, black or Python change (the hash covers each of them).
"""

from __future__ import annotations

import importlib
import platform
import sys
from pathlib import Path
from types import ModuleType

import black

from generator.pipeline import Options, generate, write

from conftest import CONFIG, ROOT
from tests.support.cache import built_once, digest

PACKAGE = "portkey_full"


def _inputs(spec: Path) -> list[Path]:
    sources = [p for p in (ROOT / "generator").rglob("*.py")]
    templates = [p for p in (ROOT / "templates").rglob("*") if p.is_file()]
    return [*sources, *templates, spec.resolve(), CONFIG]


def generate_full_client(spec: Path) -> ModuleType:
    """Generate (as package `portkey_full`, beside the seed's `portkey_client`) and import it."""

    def build(output: Path) -> None:
        generation = generate(Options(spec=spec, config=CONFIG, output=output, package_name=PACKAGE))
        write(generation, output)

    key = digest(_inputs(spec), PACKAGE, black.__version__, platform.python_version())
    output = built_once("full-client", key, build)
    if str(output) not in sys.path:
        sys.path.insert(0, str(output))
    return importlib.import_module(PACKAGE)
