"""Generator settings read from a small YAML file beside the spec."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import GeneratorError, SourceLocation
from generator.names import RESERVED, words

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_VERSION = re.compile(r"^v?[0-9]+$")
_TITLE_WORD = re.compile(r"[A-Za-z0-9]+", re.ASCII)


DEFAULT_ACTION_SEGMENTS = (
    "cancel", "resend", "render", "rotate", "content", "download", "submit_tool_outputs",
    "pause", "resume", "start", "stop", "sync", "test", "validate", "copy", "publish",
    "archive", "unarchive", "retry", "approve", "reject", "complete", "compact", "reset",
)  # fmt: skip


@dataclass(frozen=True)
class Credential:
    """How one security scheme becomes a client constructor argument."""

    argument: str
    env: str | None = None
    json: bool = False
    description: str | None = None


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
    pagination: dict[str, str] = field(default_factory=dict)
    change_severities: dict[str, str] = field(default_factory=dict)
    spec_url: str | None = None
    overlays: tuple[Path, ...] = ()
    """OpenAPI Overlay files applied in order after loading (written relative to the config)."""
    # Environment variables for credentials the config does not name: PREFIX_ARGUMENT.
    env_prefix: str | None = None
    # A response header that carries the request id, tried before x-request-id.
    request_id_header: str | None = None
    source: Path | None = None

    def with_package_name(self, name: str) -> GeneratorConfig:
        _require_identifier(name, "package name", None)
        values = {**self.__dict__, "package_name": name}
        if self.distribution_name is None or self.distribution_name == self.package_name.replace("_", "-"):
            values["distribution_name"] = name.replace("_", "-")
        return GeneratorConfig(**values)


# Words of a spec's title that say nothing about the API itself ("Swagger Petstore - OpenAPI 3.0").
_GENERIC_TITLE_WORDS = frozenset({"api", "apis", "openapi", "swagger", "rest", "http", "spec", "specification"})


def config_beside(spec: Path) -> Path | None:
    """The config that belongs to a spec: `NAME.config.yaml` next to `NAME.yaml` (or `.json`)."""
    candidate = spec.with_name(f"{spec.stem}.config.yaml")
    return candidate if candidate.is_file() else None


def neutral_config(title: str | None, package_name: str | None = None) -> GeneratorConfig:
    """Names derived from the spec alone, for a spec without a config.

    The stem is the title's telling words (`Swagger Petstore` -> `petstore`), else the package
    name: package `petstore_client`, classes `Petstore`/`AsyncPetstore`, environment variables
    `PETSTORE_BASE_URL`, `PETSTORE_LOG` and `PETSTORE_<ARGUMENT>` for each credential.
    """
    ascii_title = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode("ascii")
    title_words = [w.lower() for w in _TITLE_WORD.findall(ascii_title)]
    stem_words = [w for w in title_words if w not in _GENERIC_TITLE_WORDS and not _VERSION.match(w)]
    if not stem_words and package_name:
        stem_words = words(package_name.removesuffix("_client")) or words(package_name)
    stem_words = stem_words or ["api"]
    if stem_words[0][0].isdigit():
        stem_words.insert(0, "api")
    package = package_name or "_".join([*stem_words, "client"])
    env_stem = package.removesuffix("_client") or package
    env_prefix = env_stem.upper()
    client_class = "".join(w.capitalize() for w in stem_words)
    if client_class in RESERVED:
        client_class += "Client"
    return GeneratorConfig(
        package_name=_require_identifier(package, "package name", None),
        distribution_name=package.replace("_", "-"),
        client_class=client_class,
        async_client_class=f"Async{client_class}",
        log_env=f"{env_prefix}_LOG",
        base_url_env=f"{env_prefix}_BASE_URL",
        env_prefix=env_prefix,
    )


def load_config(path: Path | None) -> GeneratorConfig:
    """Read the config file; a missing path gives the defaults."""
    if path is None:
        return GeneratorConfig()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise GeneratorError(f"cannot read config: {error.strerror}", SourceLocation(str(path))) from None
    except yaml.MarkedYAMLError as error:
        from generator.load.yaml_errors import describe

        problem, line, _ = describe(error, path.read_text(encoding="utf-8"))
        raise GeneratorError(f"invalid YAML: {problem}", SourceLocation(str(path), line)) from None
    if not isinstance(raw, dict):
        raise GeneratorError("the config must be a mapping", SourceLocation(str(path), 1))
    where = SourceLocation(str(path))
    base_url: dict[str, Any] = raw.get("base_url") or {}
    credentials = {
        str(scheme): Credential(
            argument=_require_identifier(str(entry["argument"]), f"credentials/{scheme}/argument", where),
            env=entry.get("env"),
            json=bool(entry.get("json", False)),
            description=entry.get("description"),
        )
        for scheme, entry in (raw.get("credentials") or {}).items()
    }
    package_name = _require_identifier(str(raw.get("package_name", "api_client")), "package_name", where)
    return GeneratorConfig(
        package_name=package_name,
        distribution_name=raw.get("distribution_name") or package_name.replace("_", "-"),
        client_class=_require_identifier(str(raw.get("client_class", "Client")), "client_class", where),
        async_client_class=_require_identifier(
            str(raw.get("async_client_class", "AsyncClient")), "async_client_class", where
        ),
        extra_header_prefix=raw.get("extra_header_prefix"),
        log_env=raw.get("log_env"),
        base_url_env=base_url.get("env"),
        base_url_default=base_url.get("default"),
        credentials=credentials,
        operations={str(k): str(v) for k, v in (raw.get("operations") or {}).items()},
        action_segments=tuple(raw.get("action_segments") or DEFAULT_ACTION_SEGMENTS),
        open_bodies=tuple(str(o) for o in raw.get("open_bodies") or ()),
        streams={str(k): str(v) for k, v in (raw.get("streams") or {}).items()},
        binary_responses=tuple(str(o) for o in raw.get("binary_responses") or ()),
        pagination={str(k): str(v) for k, v in (raw.get("pagination") or {}).items()},
        change_severities={str(k): str(v) for k, v in (raw.get("change_severities") or {}).items()},
        spec_url=raw.get("spec_url"),
        overlays=tuple(path.parent / str(o) for o in raw.get("overlays") or ()),
        env_prefix=raw.get("env_prefix"),
        request_id_header=raw.get("request_id_header"),
        source=path,
    )


def _require_identifier(value: str, what: str, where: SourceLocation | None) -> str:
    if not _IDENTIFIER.match(value):
        raise GeneratorError(f"{what} {value!r} is not a valid Python identifier", where)
    return value
