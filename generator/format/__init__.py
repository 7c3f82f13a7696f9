"""Stage 5: format the rendered Python with black."""

from generator.format.formatter import format_files

__all__ = ["format_files"]
