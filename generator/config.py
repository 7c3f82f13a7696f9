"""Generator settings: the names derived from the spec, and a YAML config file that changes some of them.

Every key is declared once, in generator/config_schema.py; this module reads a file against that
declaration (`read_config`), lays what it sets over the names derived from the spec
(`resolve_config`), and checks the names it gives of operations, security schemes and models
against the built model (`spec_findings`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator import pointer as jp
from generator.config_schema import (
    DEFAULT_ACTION_SEGMENTS,
    Findings,
    check_settings,
    did_you_mean,
    package_name_problem,
)
from generator.diagnostics import IGNORED, Diagnostic, GeneratorError, SourceLocation
from generator.names import RESERVED, words

if TYPE_CHECKING:
    from generator.load.loader import Document
    from generator.model.ir import ApiModel

__all__ = ["ALL_OPERATIONS", "DEFAULT_ACTION_SEGMENTS", "ConfigFile", "Credential", "GeneratorConfig", "Pagination",
           "config_beside", "load_config", "neutral_config", "read_config", "resolve_config", "spec_findings"]  # fmt: skip

_VERSION = re.compile(r"^v?[0-9]+$")
_TITLE_WORD = re.compile(r"[A-Za-z0-9]+", re.ASCII)


@dataclass(frozen=True)
class Credential:
    """How one security scheme becomes a client constructor argument."""

    argument: str
    env: str | None = None
    json: bool = False
    description: str | None = None


@dataclass(frozen=True)
class Pagination:
    """How the config says an operation pages: a scheme, and the parts of it the entry names.

    A part left as None is recognised from the operation's shape; `key` is the entry's key
    (an operation, or `*`), which says where an error about it is located.
    """

    scheme: str
    key: str = ""
    parameter: str | None = None
    size_parameter: str | None = None
    items: tuple[str, ...] | None = None
    next: tuple[str, ...] | None = None
    cursor_item_field: tuple[str, ...] | None = None
    has_more: tuple[str, ...] | None = None
    total: tuple[str, ...] | None = None
    total_pages: tuple[str, ...] | None = None
    first_page: int | None = None


ALL_OPERATIONS = "*"
"""The `pagination` key of an entry for every operation it fits."""


@dataclass(frozen=True)
class GeneratorConfig:
    package_name: str = "api_client"
    distribution_name: str | None = None
    client_class: str = "Client"
    async_client_class: str = "AsyncClient"
    extra_header_prefix: str | None = None
    log_env: str | None = None
    base_url_env: str | None = None
    base_url_default: str | None = None
    credentials: dict[str, Credential] = field(default_factory=dict)
    operations: dict[str, str] = field(default_factory=dict)
    action_segments: tuple[str, ...] = DEFAULT_ACTION_SEGMENTS
    open_bodies: tuple[str, ...] = ()
    streams: dict[str, str] = field(default_factory=dict)
    binary_responses: tuple[str, ...] = ()
    pagination: dict[str, Pagination] = field(default_factory=dict)
    change_severities: dict[str, str] = field(default_factory=dict)
    spec_url: str | None = None
    overlays: tuple[Path, ...] = ()
    """OpenAPI Overlay files applied in order after loading (written relative to the config)."""
    # Environment variables for credentials the config does not name: PREFIX_ARGUMENT.
    env_prefix: str | None = None
    # A response header that carries the request id, tried before x-request-id.
    request_id_header: str | None = None
    source: Path | None = None
    file: ConfigFile | None = field(default=None, compare=False, repr=False)
    """The config file the settings came from: its warnings, and where each key is written."""

    def settings(self) -> dict[str, object]:
        """What decides the output (not where it was read from): the drift check hashes it."""
        return {k: v for k, v in self.__dict__.items() if k not in ("source", "overlays", "file")}

    @property
    def warnings(self) -> list[Diagnostic]:
        return list(self.file.warnings) if self.file else []


@dataclass(frozen=True)
class ConfigFile:
    """A config file read and checked: the settings it writes, its warnings, its positions."""

    path: Path
    settings: dict[str, Any]
    warnings: tuple[Diagnostic, ...]
    document: Document

    def locate(self, pointer: str) -> SourceLocation:
        return self.document.locate(pointer)

    def locate_item(self, key: str, item: str) -> SourceLocation:
        """Where an entry of a list or mapping key is written (the key itself when not found)."""
        written = self.document.data.get(key) if isinstance(self.document.data, dict) else None
        if isinstance(written, list) and item in written:
            return self.locate(jp.join("", key, written.index(item)))
        return self.locate(jp.join("", key, item))


def config_beside(spec: Path) -> Path | None:
    """The config that belongs to a spec: `NAME.config.yaml` next to `NAME.yaml` (or `.json`)."""
    if not spec.name:  # `.` or `/`: no file, so nothing beside it
        return None
    candidate = spec.with_name(f"{spec.stem}.config.yaml")
    return candidate if candidate.is_file() else None


# Words of a spec's title that say nothing about the API itself ("Swagger Petstore - OpenAPI 3.0").
_GENERIC_TITLE_WORDS = frozenset({"api", "apis", "openapi", "swagger", "rest", "http", "spec", "specification"})


def neutral_config(title: str | None, package_name: str | None = None) -> GeneratorConfig:
    """Names derived from the spec alone, for a spec without a config.

    The stem is the title's telling words (`Swagger Petstore` -> `petstore`), else the package
    name: package `petstore_client`, classes `Petstore`/`AsyncPetstore`, environment variables
    `PETSTORE_BASE_URL`, `PETSTORE_LOG` and `PETSTORE_<ARGUMENT>` for each credential.
    """
    return resolve_config(None, title, package_name)


def resolve_config(file: ConfigFile | None, title: str | None, package_name: str | None = None) -> GeneratorConfig:
    """The settings a run uses: what the file writes (and --package-name) over the names derived from the spec."""
    if package_name is not None:
        problem = package_name_problem(package_name)
        if problem:
            raise GeneratorError(f"--package-name: {problem}")
    written: dict[str, Any] = file.settings if file else {}
    stem_words = _title_stem(title)
    package = package_name or written.get("package_name")
    if not stem_words and package:
        stem_words = words(package.removesuffix("_client")) or words(package)
    stem_words = stem_words or ["api"]
    if stem_words[0][0].isdigit():
        stem_words.insert(0, "api")
    package = package or "_".join([*(w.lower() for w in stem_words), "client"])
    client_class = "".join(_class_word(w) for w in stem_words)
    if client_class in RESERVED:
        client_class += "Client"
    client_class = written.get("client_class", client_class)
    derived_prefix = (package.removesuffix("_client") or package).upper()
    env_prefix = written.get("env_prefix", derived_prefix)
    names_prefix = env_prefix or derived_prefix
    base_url: dict[str, Any] = written.get("base_url", {})
    return GeneratorConfig(
        package_name=package,
        distribution_name=_distribution_name(written, package_name, package),
        client_class=client_class,
        async_client_class=written.get("async_client_class", f"Async{client_class}"),
        extra_header_prefix=written.get("extra_header_prefix"),
        log_env=written.get("log_env", f"{names_prefix}_LOG"),
        base_url_env=base_url.get("env", f"{names_prefix}_BASE_URL"),
        base_url_default=base_url.get("default"),
        credentials={scheme: _credential(entry, env_prefix) for scheme, entry in written.get("credentials", {}).items()},
        operations=written.get("operations", {}),
        action_segments=written.get("action_segments", DEFAULT_ACTION_SEGMENTS),
        open_bodies=written.get("open_bodies", ()),
        streams=written.get("streams", {}),
        binary_responses=written.get("binary_responses", ()),
        pagination={key: _pagination(key, entry) for key, entry in written.get("pagination", {}).items()},
        change_severities=written.get("change_severities", {}),
        spec_url=written.get("spec_url"),
        overlays=tuple(file.path.parent / o for o in written.get("overlays", ())) if file else (),
        env_prefix=env_prefix,
        request_id_header=written.get("request_id_header"),
        source=file.path if file else None,
        file=file,
    )


def _credential(written: dict[str, Any], env_prefix: str | None) -> Credential:
    """A credential entry; without `env`, the variable every unnamed credential gets (PREFIX_ARGUMENT)."""
    argument = written["argument"]
    derived_env = f"{env_prefix}_{argument.upper()}" if env_prefix else None
    return Credential(argument, written.get("env", derived_env), written.get("json", False), written.get("description"))


def _pagination(key: str, written: str | dict[str, Any]) -> Pagination:
    """A pagination entry: a scheme's name, or a mapping with the scheme and the parts it names."""
    return Pagination(written, key) if isinstance(written, str) else Pagination(key=key, **written)


def _title_stem(title: str | None) -> list[str]:
    """The title's telling words, as written."""
    ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode("ascii")
    title_words = _TITLE_WORD.findall(ascii_title)
    return [w for w in title_words if w.lower() not in _GENERIC_TITLE_WORDS and not _VERSION.match(w.lower())]


def _class_word(word: str) -> str:
    """A word of the client's class name: a name written in mixed case keeps it (`GitHub`, `OpenAI`,
    `NoServer`); others are capitalized (`petstore`, `NASA`: `Petstore`, `Nasa`)."""
    mixed = not word.isupper() and not word.islower()
    return word[0].upper() + word[1:] if mixed else word.capitalize()


def _distribution_name(written: dict[str, Any], package_name: str | None, package: str) -> str:
    """The file's distribution name, unless it only followed the package name that --package-name replaces."""
    named = written.get("distribution_name")
    follows_package = named == str(written.get("package_name", "")).replace("_", "-")
    if named is None or (package_name is not None and follows_package):
        return package.replace("_", "-")
    return str(named)


def read_config(path: Path) -> ConfigFile:
    """Read and check a config file. A value Python cannot use as a name is an error; the rest are warnings."""
    from generator.load.loader import Document, parse_document, read_file

    raw = read_file(path)
    document = parse_document(path, raw) if raw.strip() else Document(path, {})
    findings = Findings()
    settings = check_settings(document.data, findings)
    for finding in findings.items:
        if finding.severity == "error":
            raise GeneratorError(finding.message, document.locate(finding.pointer))
    warnings = tuple(Diagnostic("warning", f.message, document.locate(f.pointer)) for f in findings.items)
    return ConfigFile(path, settings, warnings, document)


def load_config(path: Path | None) -> GeneratorConfig:
    """The config file's settings over the names derived without a spec title (no file: those names)."""
    return resolve_config(read_config(path) if path is not None else None, None)


def spec_findings(config: GeneratorConfig, model: ApiModel) -> list[Diagnostic]:
    """The config's names of operations, security schemes and models that the spec does not have."""
    file = config.file
    if file is None:
        return []
    findings: list[Diagnostic] = []
    by_id = {op.operation_id for op in model.operations if op.operation_id}
    by_route = {f"{op.method.upper()} {op.path}" for op in model.operations}
    operations = by_id | by_route
    for key in ("operations", "open_bodies", "streams", "binary_responses", "pagination"):
        for name in file.settings.get(key, ()):
            if name not in operations and not (key == "pagination" and name == ALL_OPERATIONS):
                message = f"{key}: no operation {name!r} in the spec (give its operationId or `METHOD /path`)"
                findings.append(Diagnostic("warning", message + did_you_mean(name, operations) + IGNORED,
                                           file.locate_item(key, name)))  # fmt: skip
    for operation, model_name in file.settings.get("streams", {}).items():
        if operation in operations and model_name not in model.schemas:
            message = f"streams: no model {model_name!r} in the spec's schemas{did_you_mean(model_name, model.schemas)}"
            findings.append(Diagnostic("warning", message + IGNORED, file.locate_item("streams", operation)))
    schemes = sorted(model.security_schemes)
    for scheme in file.settings.get("credentials", {}):
        if scheme not in model.security_schemes:
            has = f"the spec's are {', '.join(schemes)}" if schemes else "the spec declares none"
            message = f"credentials: no security scheme {scheme!r} in the spec ({has}){did_you_mean(scheme, schemes)}"
            findings.append(Diagnostic("warning", message + IGNORED, file.locate_item("credentials", scheme)))
    return findings
