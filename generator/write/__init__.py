"""Stage 6: write the package to disk atomically, or compare it with what is there."""

from generator.write.writer import Drift, compare_output, write_output

__all__ = ["Drift", "compare_output", "write_output"]
