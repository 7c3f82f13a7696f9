"""Run openapi-spec-validator and turn what it finds into located sentences.

The validator checks the document's structure against the OpenAPI meta-schema, then walks
it with keyword validators (schemas, parameters, operations, defaults). Those report many
findings without a path, or with one relative to the schema they were checking; each keyword
validator is subclassed here so its findings carry the JSON pointer of the node it was given.
Structural findings are checked again with jsonschema (the faster Rust validator keeps no
detail) so generator/validate/messages.py can say what failed in words.

Validation is advice: when the validator itself fails on a spec, that is one warning and
generation goes on (`--strict` makes it an error).
"""

from __future__ import annotations

import functools
import json
import sysconfig
import traceback
from pathlib import Path
from collections.abc import Callable, Iterator
from typing import Any

from generator import pointer as jp
from generator.diagnostics import Diagnostic, GeneratorError, SourceLocation, unexpected
from generator.load import LoadedSpec
from generator.validate.messages import explain

MAX_DIAGNOSTICS = 200
DEFAULT_MARK = "\x00default"
LOCATED_MARK = "\x00located"
"""First token of an error path that is already absolute (the rest is the pointer)."""


class _IdSet:
    """The schema validator's visited-schema registry as a set: it keeps a list, and looking
    every schema up in it made validation quadratic in the number of schemas."""

    def __init__(self) -> None:
        self._ids: set[int] = set()

    def __contains__(self, schema_id: object) -> bool:
        return schema_id in self._ids

    def append(self, schema_id: int) -> None:
        self._ids.add(schema_id)


def _first_path(args: tuple[Any, ...]) -> Any:
    """The node a keyword validator was given (a jsonschema_path SchemaPath), or None."""
    return next((a for a in args if hasattr(a, "parts") and not isinstance(a, str)), None)


def _marked(error: Any) -> bool:
    return bool(error.path) and error.path[0] in (DEFAULT_MARK, LOCATED_MARK)


@functools.lru_cache(maxsize=1)
def _validator_classes() -> tuple[type[Any], type[Any]]:
    """The 3.0 and 3.1 validators; imported on first use (the validator takes a while to import)."""
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator
    from openapi_spec_validator.validation import keywords

    def locating(base: type[Any]) -> type[Any]:
        class LocatingValidator(base):
            def __call__(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
                node = _first_path(args)
                for error in super().__call__(*args, **kwargs):
                    if node is not None and not _marked(error):
                        error.path.extendleft(reversed([LOCATED_MARK, *node.parts]))
                    yield error

        return LocatingValidator

    def located_default(base: type[Any]) -> type[Any]:
        class LocatedValueValidator(base):
            def __call__(self, schema: Any, value: Any) -> Iterator[Any]:
                for error in super().__call__(schema, value):
                    # The validator copies errors into its own type, keeping `path`:
                    # prefix it with where the default sits so the pointer survives.
                    error.path.extendleft(reversed([DEFAULT_MARK, *schema.parts, "default"]))
                    yield error

        return LocatedValueValidator

    def set_backed(base: type[Any]) -> type[Any]:
        class SetBackedSchemaValidator(locating(base)):  # type: ignore[misc]
            def __init__(self, registry: Any) -> None:
                super().__init__(registry)
                self.visited_schema_ids = _IdSet()
                self.meta_checked_schema_ids = _IdSet()

            def _validate_schema_meta(self, schema: Any, schema_value: Any) -> Any:
                # Checking every schema against its meta-schema in Python took half the time of a
                # large spec's validation: the Rust validator says whether it passes, and only a
                # schema that does not is checked again for the words.
                fast = _meta_schema_check(getattr(self, "schema_validator_cls", None))
                if fast is not None and fast(schema_value):
                    return None
                return super()._validate_schema_meta(schema, schema_value)

        return SetBackedSchemaValidator

    def registry(spec_validator: type[Any], value: type[Any], schema: type[Any]) -> dict[str, type[Any]]:
        located = {name: locating(cls) for name, cls in spec_validator.keyword_validators.items()}
        return {**located, "default": located_default(value), "schema": set_backed(schema)}

    class V30Validator(OpenAPIV30SpecValidator):
        keyword_validators = registry(
            OpenAPIV30SpecValidator, keywords.OpenAPIV30ValueValidator, keywords.OpenAPIV30SchemaValidator
        )

    class V31Validator(OpenAPIV31SpecValidator):
        keyword_validators = registry(
            OpenAPIV31SpecValidator, keywords.OpenAPIV31ValueValidator, keywords.OpenAPIV31SchemaValidator
        )

    return V30Validator, V31Validator


@functools.lru_cache(maxsize=4)
def _meta_schema_check(validator_class: type[Any] | None) -> Callable[[Any], bool] | None:
    """Whether a schema passes the meta-schema of an OpenAPI 3.0 schema validator class, by the Rust
    validator (formats checked too); None where there is no fixed meta-schema (3.1 picks it per schema)."""
    meta = getattr(validator_class, "META_SCHEMA", None)
    if not isinstance(meta, dict):
        return None
    import jsonschema_rs

    checker = jsonschema_rs.validator_for(meta, validate_formats=True)
    return checker.is_valid


def validate_spec(spec: LoadedSpec) -> list[Diagnostic]:
    """Every problem openapi-spec-validator finds, each once, as a warning naming line and pointer.

    When the validator fails on the spec, what it found until then and one warning saying so.
    """
    diagnostics: list[Diagnostic] = []
    try:
        for diagnostic in _validate(spec):
            if diagnostic not in diagnostics:
                diagnostics.append(diagnostic)
            if len(diagnostics) >= MAX_DIAGNOSTICS:
                break
    except GeneratorError:
        raise
    except Exception as error:
        if _raised_here(error):
            raise unexpected("validate", error, SourceLocation(str(spec.root.path))) from None
        # The validator's own failure: advice we could not get, not a reason to stop.
        detail = " ".join(str(error).split())[:160]
        message = (f"openapi-spec-validator failed on this spec ({type(error).__name__}: {detail}); "
                   "the spec was not fully validated")  # fmt: skip
        diagnostics.append(Diagnostic("warning", message, SourceLocation(str(spec.root.path))))
    return diagnostics


def _raised_here(error: BaseException) -> bool:
    """Whether the exception comes from our code rather than from the validator's.

    The innermost frame outside the standard library decides: the validator's packages are
    installed libraries; anything else (this package, even when installed) is ours.
    """
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename).resolve()
        if path.is_relative_to(_STDLIB) and not {"site-packages", "dist-packages"} & set(path.parts):
            continue
        return path.is_relative_to(_PACKAGE) or not {"site-packages", "dist-packages"} & set(path.parts)
    return True


_PACKAGE = Path(__file__).resolve().parents[1]
_STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()


def _validate(spec: LoadedSpec) -> Iterator[Diagnostic]:
    root = spec.root
    version = str(root.data.get("openapi", ""))
    v30, v31 = _validator_classes()
    validator = (v31 if version.startswith("3.1") else v30)(root.data, base_uri=root.path.as_uri())
    referenced_operations = _referenced_operations(root.data)
    structural = list(validator.schema_validator.iter_errors(validator.schema))
    if structural:
        for error in _detailed_structural_errors(validator):
            tokens, message = explain(error)
            if tuple(tokens[:3]) in referenced_operations:
                continue  # an operation given as a $ref: the model stage says so, once
            yield Diagnostic("warning", message, _locate(spec, jp.from_tokens(tokens)))
    defaults_reported: set[str] = set()
    for error in validator.root_validator(validator.schema_path):
        located = _keyword_finding(error, spec)
        if located is None:
            continue
        if located.location and located.message.startswith("default value"):
            if located.location.pointer in defaults_reported:
                continue  # one default, two of the validator's rules: said once
            defaults_reported.add(located.location.pointer)
        yield located


def _detailed_structural_errors(validator: Any) -> list[Any]:
    """The structural errors again, from jsonschema (with each alternative's errors to follow down)."""
    from jsonschema.validators import validator_for  # type: ignore[import-untyped]

    meta_schema = validator.schema_validator.schema
    python_validator = validator_for(meta_schema)(meta_schema)
    return list(python_validator.iter_errors(validator.schema))


def _quoted(message: str) -> str:
    """The first 'quoted' name in one of the validator's own messages."""
    parts = message.split("'")
    return parts[1] if len(parts) > 2 else message


def _keyword_finding(error: Any, spec: LoadedSpec) -> Diagnostic | None:
    """A keyword validator's finding in words, located; None for one the model stage reports better."""
    kind = type(error).__name__
    message = " ".join(str(error.message).split())
    tokens: list[Any] = list(error.path)
    name = _quoted(message)
    if kind == "DuplicateOperationIDError":
        tokens.append("operationId")
        message = f"operationId {name!r} is not unique: an earlier operation has it too"
    elif kind == "UnresolvableParameterError":
        operation_path = message.rsplit("'", 2)[-2]
        if "{" + name + "}" in operation_path:
            return None  # a `{name}` in the path with no parameter: the model says so, and what it does about it
        message = f"path parameter {name!r} is declared, but the path {operation_path} has no {{{name}}}"
    elif kind == "ParameterDuplicateError":
        message = f"parameter {name!r} is declared twice"
    elif kind == "ExtraParametersError":
        message = message.replace("Required list has not defined properties:", "`required` names properties no schema defines:")
    elif message.endswith(_NOT_A_SCHEMA):
        message = f"a schema must be a mapping (or true/false), not {message.removesuffix(_NOT_A_SCHEMA)}"
    elif getattr(error, "validator", None) is not None and isinstance(error.validator, str):
        tokens, message = explain(error)
    is_default = bool(tokens) and tokens[0] == DEFAULT_MARK
    if tokens and tokens[0] in (DEFAULT_MARK, LOCATED_MARK):
        tokens = tokens[1:]
    if is_default:
        message = _default_message(error, tokens, message, str(spec.root.data.get("openapi", "")))
    return Diagnostic("warning", message, _locate(spec, jp.from_tokens(tokens)))


_NOT_A_SCHEMA = " is not of type 'object', 'boolean'"


def _default_message(error: Any, tokens: list[Any], explained: str, version: str) -> str:
    """A `default` that does not fit its schema; for null, the fix (3.0's `nullable`, 3.1's `'null'` type)."""
    if error.instance is None and tokens[-1:] == ["default"]:
        fix = "add 'null' to its type" if version.startswith("3.1") else "add `nullable: true`"
        return f"default value null does not fit its schema, which is not nullable ({fix}, or remove the default)"
    return f"default value {json.dumps(error.instance, default=str)[:60]} does not fit its schema: {explained}"


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


def _locate(spec: LoadedSpec, pointer: str) -> SourceLocation:
    """The place of pointer; the file alone when the validator's path leads nowhere in it."""
    try:
        return spec.locate(pointer)
    except (KeyError, GeneratorError):
        return SourceLocation(str(spec.root.path))
