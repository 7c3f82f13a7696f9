"""Stage 3: the intermediate model of operations, schemas and security schemes."""

from generator.model.build import build_model
from generator.model.ir import ApiModel

__all__ = ["ApiModel", "build_model"]
