"""Spec pairs for the diff rule tests: two small specs, written in the test, compared."""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from generator import diff
from generator.config import GeneratorConfig
from generator.load import load_spec
from generator.model import build_model

HEADER = {"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"}, "servers": [{"url": "https://pets.test"}]}


def spec(text: str) -> dict:  # type: ignore[type-arg]
    """A spec from the YAML of its `paths:` (and `components:`), with the header filled in."""
    body = yaml.safe_load(textwrap.dedent(text)) or {}
    return {**HEADER, "paths": body.get("paths", {}), **({"components": body["components"]} if "components" in body else {})}


def compare(tmp_path: Path, old: str, new: str, severities: dict[str, str] | None = None) -> list[diff.Change]:
    """The changes from old to new (each the YAML of `paths:` and `components:`)."""
    models = []
    for name, text in (("old", old), ("new", new)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(yaml.safe_dump(spec(text), sort_keys=False), encoding="utf-8")
        models.append(build_model(load_spec(path), GeneratorConfig()))
    return diff.compare(models[0], models[1], severities)


def found(changes: list[diff.Change]) -> set[tuple[str, str, str]]:
    """(method, rule, severity) of every change."""
    return {(c.method, c.rule, c.severity) for c in changes}
