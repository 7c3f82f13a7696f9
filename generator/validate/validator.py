"""Run openapi-spec-validator and turn what it finds into located diagnostics.

The validator reports keyword errors such as a `default` that does not fit its
schema without a path; the `default` keyword validator is subclassed here so each
such error carries the JSON pointer of the schema it was found in.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from generator import pointer as jp
from generator.diagnostics import Diagnostic, GeneratorError, SourceLocation, unexpected
from generator.load import LoadedSpec

MAX_DIAGNOSTICS = 200
DEFAULT_MARK = "\x00default"


class _IdSet:
    """The schema validator's visited-schema registry as a set: it keeps a list, and looking
    every schema up in it made validation quadratic in the number of schemas."""

    def __init__(self) -> None:
        self._ids: set[int] = set()

    def __contains__(self, schema_id: object) -> bool:
        return schema_id in self._ids

    def append(self, schema_id: int) -> None:
        self._ids.add(schema_id)


@functools.lru_cache(maxsize=1)
def _validator_classes() -> tuple[type[Any], type[Any]]:
    """The 3.0 and 3.1 validators; imported on first use (the validator takes a while to import)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
    from openapi_spec_validator.validation import keywords

    def located(base: type[Any]) -> type[Any]:
        class LocatedValueValidator(base):
            def __call__(self, schema: Any, value: Any) -> Iterator[Any]:
                for error in super().__call__(schema, value):
                    # The validator copies errors into its own type, keeping `path`:
                    # prefix it with where the default sits so the pointer survives.
                    error.path.extendleft(reversed([DEFAULT_MARK, *schema.parts, "default"]))
                    yield error

        return LocatedValueValidator

    def set_backed(base: type[Any]) -> type[Any]:
        class SetBackedSchemaValidator(base):
            def __init__(self, registry: Any) -> None:
                super().__init__(registry)
                self.visited_schema_ids = _IdSet()
                self.meta_checked_schema_ids = _IdSet()

        return SetBackedSchemaValidator

    class V30Validator(OpenAPIV30SpecValidator):
        keyword_validators = {
            **OpenAPIV30SpecValidator.keyword_validators,
            "default": located(keywords.OpenAPIV30ValueValidator),
            "schema": set_backed(keywords.OpenAPIV30SchemaValidator),
        }

    class V31Validator(OpenAPIV31SpecValidator):
        keyword_validators = {
            **OpenAPIV31SpecValidator.keyword_validators,
            "default": located(keywords.OpenAPIV31ValueValidator),
            "schema": set_backed(keywords.OpenAPIV31SchemaValidator),
        }

    return V30Validator, V31Validator


def validate_spec(spec: LoadedSpec) -> list[Diagnostic]:
    """Every problem openapi-spec-validator finds, as warnings naming pointer and line."""
    try:
        return _validate(spec)
    except GeneratorError:
        raise
    except Exception as error:  # the validator's own bugs must not escape its worker as a traceback
        raise unexpected("validate", error, SourceLocation(str(spec.root.path))) from None


def _validate(spec: LoadedSpec) -> list[Diagnostic]:
    root = spec.root
    version = str(root.data.get("openapi", ""))
    v30, v31 = _validator_classes()
    validator_class = v31 if version.startswith("3.1") else v30
    validator = validator_class(root.data, base_uri=root.path.as_uri())
    diagnostics: list[Diagnostic] = []
    referenced_operations = _referenced_operations(root.data)
    for error in validator.iter_errors():
        tokens = list(error.absolute_path)
        if tuple(tokens) in referenced_operations:
            continue  # an operation given as a $ref: the model stage says so, once
        message = _short(error.message)
        if tokens and tokens[0] == DEFAULT_MARK:
            tokens = tokens[1:]
            message = f"default value does not fit its schema: {message}"
        pointer = jp.from_tokens(tokens)
        diagnostics.append(Diagnostic("warning", message, _locate(spec, pointer)))
        if len(diagnostics) >= MAX_DIAGNOSTICS:
            break
    return diagnostics


_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _referenced_operations(data: Any) -> set[tuple[str, ...]]:
    """The paths of operations written as `{$ref: file}` (not OpenAPI; the validator rejects each)."""
    paths = data.get("paths") if isinstance(data, dict) else None
    return {
        ("paths", path, method)
        for path, item in (paths.items() if isinstance(paths, dict) else ())
        if isinstance(item, dict)
        for method in _METHODS
        if isinstance(item.get(method), dict) and "$ref" in item[method]
    }


def _short(message: str, limit: int = 240) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[: limit - 1] + "…"


def _locate(spec: LoadedSpec, pointer: str) -> SourceLocation:
    """The place of pointer; the file alone when the validator's path leads nowhere in it."""
    try:
        return spec.locate(pointer)
    except (KeyError, GeneratorError):
        return SourceLocation(str(spec.root.path))
