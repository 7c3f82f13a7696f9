"""Stage 1: read the spec (YAML or JSON) with positions, and check every `$ref` resolves."""

from generator.load.loader import Document, LoadedSpec, load_spec

__all__ = ["Document", "LoadedSpec", "load_spec"]
