"""Stage 2: check the spec against the OpenAPI schema (openapi-spec-validator)."""

from generator.validate.validator import validate_spec

__all__ = ["validate_spec"]
