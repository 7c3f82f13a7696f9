"""The client for the complete Portkey spec, generated once and shared.

Generating it takes seconds, so it is built once into `.cache/full-client/<hash>/` and reused by
every pytest-xdist worker and by later runs until the generator, its templates, the spec, the
config, black or Python change (the hash covers each of them).
"""

from __future__ import annotations

from pathlib import Path

from tests.support.cache import built_once, generator_key
from tests.support.packages import write_package
from tests.support.paths import CONFIG

PACKAGE = "portkey_full"


def full_client_folder(spec: Path) -> Path:
    """The folder holding `portkey_full` generated from spec (beside the seed's `portkey_client`)."""

    def build(output: Path) -> None:
        write_package(spec, output, config=CONFIG, package_name=PACKAGE)

    return built_once("full-client", generator_key(spec, CONFIG, extra=PACKAGE), build)
