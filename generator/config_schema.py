"""Every key of the generator config: its name, type, default, meaning and allowed values.

The one declaration behind three things: checking a config file (`check_settings`), the
commented starter config `openapi-client-gen init` writes (`starter_config`) and the reference
in docs/config.md (`reference_markdown`; `python -m generator.config_schema` prints it).

A finding is an error where the value would go into the generated code as a name (a package,
class or argument name that Python cannot use); every other mistake is a warning, and the entry
is ignored (`--strict` makes warnings fatal). Names of operations, security schemes and models
are checked against the spec after the model is built (generator/config.py, `spec_findings`).
"""

from __future__ import annotations

import difflib
import keyword
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Literal, Sequence

import yaml

from generator import pointer as jp
from generator.diagnostics import IGNORED

# Packages the generated client imports: a package of the same name would hide them.
CLIENT_DEPENDENCIES = frozenset({"httpx", "pydantic", "typing_extensions"})
_ASCII_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_CALL_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_OPERATION_WORDS = "an operation (operationId or `METHOD /path`)"


@dataclass(frozen=True)
class Finding:
    """One problem in a config file: where (a JSON pointer into it) and what."""

    severity: Literal["warning", "error"]
    message: str
    pointer: str


class Findings:
    """What checking a config found; entries with a problem are dropped from the settings."""

    def __init__(self) -> None:
        self.items: list[Finding] = []

    def warn(self, pointer: str, message: str) -> None:
        self.items.append(Finding("warning", message, pointer))

    def error(self, pointer: str, message: str) -> None:
        self.items.append(Finding("error", message, pointer))


class _Dropped:
    """A value with a problem: the key is left out, as if it were not written."""


DROPPED = _Dropped()


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """` (did you mean 'x'?)` for the nearest candidate, or nothing when none is near."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _type_word(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "a mapping"}.get(type(value), type(value).__name__)  # fmt: skip


# --- value types -----------------------------------------------------------------------------


class ValueType:
    """A kind of value: what the reference calls it, and how a written value is checked."""

    @property
    def label(self) -> str:
        raise NotImplementedError

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        """The value as the generator uses it, or DROPPED after recording why."""
        raise NotImplementedError


@dataclass(frozen=True)
class Text(ValueType):
    """A string; `null` means none where `nullable`."""

    nullable: bool = False
    what: str = "a string"

    @property
    def label(self) -> str:
        return f"{self.what}, or null for none" if self.nullable else self.what

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if value is None and self.nullable:
            return None
        if isinstance(value, str) and value:
            return value
        findings.warn(pointer, f"expected {self.label}, not {_type_word(value)}{IGNORED}")
        return DROPPED


@dataclass(frozen=True)
class PythonName(ValueType):
    """A name the generated code declares: an error when Python cannot use it."""

    what: str = "class"

    @property
    def label(self) -> str:
        if self.what == "package":
            return "a Python package name (an identifier; not a keyword, a standard-library module or httpx/pydantic/typing_extensions)"
        return "a Python identifier (not a keyword)"

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        problem = (package_name_problem if self.what == "package" else identifier_problem)(value)
        if problem:
            findings.error(pointer, problem)
            return DROPPED
        return value


@dataclass(frozen=True)
class Flag(ValueType):
    @property
    def label(self) -> str:
        return "true or false"

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if isinstance(value, bool):
            return value
        findings.warn(pointer, f"expected true or false, not {_type_word(value)}{IGNORED}")
        return DROPPED


@dataclass(frozen=True)
class Choice(ValueType):
    values: tuple[str, ...]

    @property
    def label(self) -> str:
        return "one of " + ", ".join(f"`{v}`" for v in self.values)

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if isinstance(value, str) and value in self.values:
            return value
        shown = repr(value) if isinstance(value, str) else _type_word(value)
        hint = did_you_mean(value, self.values) if isinstance(value, str) else ""
        findings.warn(pointer, f"{shown} is not one of {', '.join(self.values)}{hint}{IGNORED}")
        return DROPPED


@dataclass(frozen=True)
class CallPath(ValueType):
    @property
    def label(self) -> str:
        return "a dotted Python call path (`audio.speech.create`)"

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if isinstance(value, str) and _CALL_PATH.match(value) and not any(keyword.iskeyword(p) for p in value.split(".")):
            return value
        findings.warn(pointer, f"{value!r} is not a dotted Python call path like 'audio.speech.create'{IGNORED}")
        return DROPPED


@dataclass(frozen=True)
class Whole(ValueType):
    """A whole number."""

    @property
    def label(self) -> str:
        return "a whole number"

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        findings.warn(pointer, f"expected a whole number, not {_type_word(value)}{IGNORED}")
        return DROPPED


@dataclass(frozen=True)
class FieldPath(ValueType):
    """A field of a response, by the API's names: `meta.next_cursor`, or a list for a name with a dot."""

    @property
    def label(self) -> str:
        return "a response field: a dotted path (`meta.next_cursor`), or a list of names (`['@odata.nextLink']`)"

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if isinstance(value, str) and all(value.split(".")):
            return tuple(value.split("."))
        if isinstance(value, list) and value and all(isinstance(name, str) and name for name in value):
            return tuple(value)
        shown = repr(value) if isinstance(value, str) else _type_word(value)
        findings.warn(pointer, f"{shown} is not a field path like 'meta.next_cursor'{IGNORED}")
        return DROPPED


PAGING_SCHEMES = ("cursor", "offset", "page", "url", "link", "none")


@dataclass(frozen=True)
class Pagination(ValueType):
    """How a list operation pages: a scheme's name, or a mapping with the scheme and the parts it names."""

    mapping: Record

    @property
    def label(self) -> str:
        return f"one of {', '.join(f'`{v}`' for v in PAGING_SCHEMES)}, or a mapping with the keys below"

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if isinstance(value, dict):
            return self.mapping.check(value, pointer, findings)
        return Choice(PAGING_SCHEMES).check(value, pointer, findings)


@dataclass(frozen=True)
class ListOf(ValueType):
    item: ValueType

    @property
    def label(self) -> str:
        return f"a list; each item {self.item.label}"

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if not isinstance(value, list):
            findings.warn(pointer, f"expected a list, not {_type_word(value)}{IGNORED}")
            return DROPPED
        checked = [self.item.check(item, jp.join(pointer, index), findings) for index, item in enumerate(value)]
        return tuple(item for item in checked if item is not DROPPED)


@dataclass(frozen=True)
class MapOf(ValueType):
    """A mapping from names the user chooses (operations, schemes, rules) to values of one type."""

    key_label: str
    value: ValueType
    known_keys: Callable[[], Sequence[str]] | None = None
    """The keys allowed, when they are known without the spec (rule ids)."""
    entry: str = "scheme"
    """What a key is, in the reference's names of an entry's keys (`credentials.<scheme>.env`)."""

    @property
    def label(self) -> str:
        return f"a mapping: {self.key_label} -> {self.value.label}"

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if not isinstance(value, dict):
            findings.warn(pointer, f"expected a mapping ({self.key_label} -> value), not {_type_word(value)}{IGNORED}")
            return DROPPED
        known = self.known_keys() if self.known_keys else None
        checked: dict[str, Any] = {}
        for name, entry in value.items():
            here = jp.join(pointer, name)
            if known is not None and name not in known:
                findings.warn(here, f"unknown {self.key_label} {name!r}{did_you_mean(name, known)}{IGNORED}")
                continue
            result = self.value.check(entry, here, findings)
            if result is not DROPPED:
                checked[str(name)] = result
        return checked


@dataclass(frozen=True)
class Record(ValueType):
    """A mapping with fixed keys, each declared."""

    keys: tuple[Key, ...]
    what: str = "a mapping"

    @property
    def label(self) -> str:
        return f"{self.what} with the keys " + ", ".join(f"`{k.name}`" for k in self.keys)

    def check(self, value: Any, pointer: str, findings: Findings) -> Any:
        if not isinstance(value, dict):
            findings.warn(pointer, f"expected {self.what}, not {_type_word(value)}{IGNORED}")
            return DROPPED
        return check_keys(self.keys, value, pointer, findings)


@dataclass(frozen=True)
class Key:
    """One config key: its name, type, default (as the reference states it) and meaning."""

    name: str
    type: ValueType
    meaning: str
    default: str = "none"
    example: Any = None
    """A value the reference and the starter config show (commented out) when the key has no derived value."""
    required: bool = False
    derived: bool = False
    """The default is derived from the spec; the starter config writes that value."""


def check_keys(keys: Sequence[Key], values: dict[Any, Any], pointer: str, findings: Findings) -> dict[str, Any]:
    """The checked settings of a mapping: unknown keys, missing required ones and bad values reported."""
    by_name = {key.name: key for key in keys}
    settings: dict[str, Any] = {}
    for name, value in values.items():
        here = jp.join(pointer, str(name))
        key = by_name.get(str(name))
        if key is None:
            findings.warn(here, f"unknown key {name!r}{did_you_mean(str(name), by_name)}{IGNORED}")
            continue
        result = key.type.check(value, here, findings)
        if result is not DROPPED:
            settings[key.name] = result
    for key in keys:
        if key.required and key.name not in values:
            findings.error(pointer, f"{key.name!r} is required here ({key.meaning[0].lower()}{key.meaning[1:]})")
    return settings


# --- names Python can use --------------------------------------------------------------------


def identifier_problem(value: Any) -> str | None:
    """Why value cannot be a name in the generated code, or None when it can."""
    if not isinstance(value, str) or not _ASCII_IDENTIFIER.match(value):
        return f"{value!r} is not a Python identifier (ASCII letters, digits and _, not starting with a digit)"
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        return f"{value!r} is a Python keyword"
    return None


def package_name_problem(value: Any) -> str | None:
    """Why value cannot name the generated package (so `import value` finds it), or None."""
    problem = identifier_problem(value)
    if problem:
        return problem
    if value in sys.stdlib_module_names:
        return f"{value!r} is the name of a standard-library module; `import {value}` would not find the client"
    if value in CLIENT_DEPENDENCIES:
        return f"{value!r} is the name of a package the client depends on; `import {value}` would find that one"
    return None


# --- the declaration -------------------------------------------------------------------------


def _rule_ids() -> Sequence[str]:
    from generator.diff import RULES  # the rules are declared beside the code that finds them

    return sorted(RULES)


DEFAULT_ACTION_SEGMENTS = (
    "cancel", "resend", "render", "rotate", "content", "download", "submit_tool_outputs",
    "pause", "resume", "start", "stop", "sync", "test", "validate", "copy", "publish",
    "archive", "unarchive", "retry", "approve", "reject", "complete", "compact", "reset",
)  # fmt: skip

SEVERITY_NAMES = ("breaking", "warning", "non-breaking")

CREDENTIAL_KEYS = (
    Key("argument", PythonName("argument"), "The client constructor's keyword for this credential.", required=True,
        default="none: an entry names it (a scheme without an entry gets its name in snake_case)", derived=True),
    Key("env", Text(nullable=True, what="an environment variable name"),
        "The environment variable read when the argument is not given.", default="`<ENV_PREFIX>_<ARGUMENT>`", derived=True),
    Key("json", Flag(), "A dict or list given for it is sent as JSON text (strings are sent as they are).",
        default="false", example=True),
    Key("description", Text(), "The argument's docstring.", default="the scheme's description",
        example="Your API key."),
)  # fmt: skip

PAGINATION_KEYS = (
    Key("scheme", Choice(PAGING_SCHEMES), "How the next page is asked for (the schemes above).", required=True,
        default="none: an entry names it"),
    Key("parameter", Text(what="a parameter name"),
        "The request parameter (a query parameter, or a JSON body field) that carries the cursor, offset or page number.",
        default="recognised by its name (`cursor`, `page_token`, `starting_after`, `offset`, `page`, ...)"),
    Key("size_parameter", Text(what="a parameter name"), "The request parameter with the page size.",
        default="recognised by its name (`limit`, `page_size`, `per_page`, ...)"),
    Key("items", FieldPath(), "The response field with the page's items.",
        default="the response itself when it is an array, else `data`, `items`, `results` or its only array field"),
    Key("next", FieldPath(), "`cursor`: the response field with the next cursor; `url`: the one with the next page's "
        "URL or path.", default="recognised by its name (`next_cursor`, `nextPageToken`, `next`, `links.next`, ...)"),
    Key("cursor_item_field", FieldPath(), "`cursor`: the field of the page's last item that is the next cursor, where no "
        "response field gives it (`id`, for an `after` = last id API).", default="`id`, when no response field gives one"),
    Key("has_more", FieldPath(), "The response field that is false on the last page.",
        default="recognised by its name (`has_more`, `more`, `has_next`, ...)"),
    Key("total", FieldPath(), "The response field with the number of items of all pages together.",
        default="recognised by its name (`total`, `total_count`, ...)"),
    Key("total_pages", FieldPath(), "`page`: the response field with the number of pages.",
        default="recognised by its name (`total_pages`, `page_count`, ...)"),
    Key("first_page", Whole(), "`page`: the number of the first page.",
        default="the parameter's default or minimum, else 1"),
)  # fmt: skip

KEYS: tuple[Key, ...] = (
    Key("package_name", PythonName("package"), "The import name of the generated package.",
        default="the spec title's telling words + `_client` (`Swagger Petstore` -> `petstore_client`)", derived=True),
    Key("distribution_name", Text(what="a distribution name"), "The name in the generated pyproject.toml (`pip install NAME`).",
        default="package_name with `-` for `_`", derived=True),
    Key("client_class", PythonName(), "The client class.", default="the title's words in PascalCase, a mixed-case word as written (`Petstore`, `GitHub`)",
        derived=True),
    Key("async_client_class", PythonName(), "The asyncio client class.", default="`Async` + client_class",
        derived=True),
    Key("env_prefix", Text(nullable=True, what="an environment variable prefix"),
        "Prefix of the environment variable each credential falls back to when the config names none "
        "(`PREFIX_ARGUMENT`); null for none.", default="the package name without `_client`, upper case", derived=True),
    Key("log_env", Text(nullable=True, what="an environment variable name"),
        "The environment variable with the client's log level (`debug`, `info`); null for none.",
        default="`<ENV_PREFIX>_LOG`", derived=True),
    Key("base_url", Record((
        Key("env", Text(nullable=True, what="an environment variable name"),
            "The environment variable with the base URL, read when the client is given none.",
            default="`<ENV_PREFIX>_BASE_URL`", derived=True),
        Key("default", Text(nullable=True, what="a URL"), "The base URL when the spec's servers list is empty.",
            example="https://api.example.com/v1"),
    )), "Where the client's base URL comes from (the spec's first server otherwise).", default="see its keys",
        derived=True),
    Key("extra_header_prefix", Text(nullable=True, what="a header prefix"),
        "Prefix of the headers made from extra constructor keywords (`trace_id=\"t\"` -> `x-acme-trace-id: t`); "
        "none: extra keywords are refused.", example="x-acme-"),
    Key("request_id_header", Text(nullable=True, what="a header name"),
        "The response header with the request id (`APIStatusError.request_id`), tried before `x-request-id`.",
        example="x-acme-request-id"),
    Key("credentials", MapOf("security scheme of the spec", Record(CREDENTIAL_KEYS, "a credential")),
        "How each security scheme becomes a keyword argument of the client constructor.",
        default="one argument per scheme, named after it", derived=True),
    Key("operations", MapOf(_OPERATION_WORDS, CallPath()),
        "Where an operation sits in the client, as a call path; wins over `x-code-samples` and the path.",
        default="from the spec's Python code samples, else from the path", example={"createSpeech": "audio.speech.create"}),
    Key("action_segments", ListOf(Text()),
        "Last path segments that name an action (`POST /batches/{id}/cancel` -> `batches.cancel`), not a sub-resource.",
        default="cancel, resend, render, rotate, ... (the built-in list)", example=["cancel", "archive"]),
    Key("open_bodies", ListOf(Text(what=_OPERATION_WORDS)),
        "Operations whose JSON body takes fields beyond its schema's, as further keyword arguments.",
        example=["createPromptCompletion"]),
    Key("streams", MapOf(_OPERATION_WORDS, Text(what="a model (schema) name")),
        "Operations that stream server-sent events when called with `stream=True`, and each event's model.",
        default="from a `text/event-stream` response", example={"createChatCompletion": "ChatCompletionChunk"}),
    Key("binary_responses", ListOf(Text(what=_OPERATION_WORDS)),
        "Operations whose success response is a file to download (streamed, never parsed).",
        default="by content type", example=["downloadFile"]),
    Key("pagination", MapOf(_OPERATION_WORDS + ", or `*` for every operation it fits", Pagination(Record(PAGINATION_KEYS,
        "a pagination mapping")), entry="operation"),
        "How a list operation pages, where its shape does not say: `cursor` (a cursor from a response field, or the "
        "last item's id), `offset` (an item offset), `page` (a page number), `url` (the next page's URL in a response "
        "field), `link` (the `Link` header's `rel=\"next\"`) or `none`. A scheme's name lets the generator find the "
        "parameter and fields; a mapping names any of them. A part the operation does not have is an error; under "
        "`*` the entry serves every operation it fits, and the others keep what their shape says.",
        default="recognised from the parameters and the response",
        example={"listFiles": "cursor", "searchTasks": {"scheme": "cursor", "parameter": "after_token", "next": "meta.after"}}),
    Key("change_severities", MapOf("change rule", Choice(SEVERITY_NAMES), known_keys=_rule_ids),
        "Severity overrides for `diff` and `update-spec`: rule id -> breaking, warning or non-breaking "
        "(`openapi-client-gen diff --rules` lists the rules).", default="each rule's own",
        example={"operation-removed": "warning"}),
    Key("spec_url", Text(what="a URL or path"), "Where `update-spec` fetches the published spec from.",
        example="https://example.com/openapi.yaml"),
    Key("overlays", ListOf(Text(what="a path")),
        "OpenAPI Overlay files applied in order after loading, relative to the config file.",
        example=["api.overlay.yaml"]),
)  # fmt: skip


def check_settings(data: Any, findings: Findings) -> dict[str, Any]:
    """The config's checked settings (only the keys written); problems go into findings."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        findings.error("", f"the config must be a mapping of keys, not {_type_word(data)}")
        return {}
    return check_keys(KEYS, data, "", findings)


# --- the starter config and the reference ------------------------------------------------------


@dataclass
class StarterCredential:
    """One security scheme as `init` writes it: the derived argument and variable, and what it is."""

    scheme: str
    argument: str
    env: str | None
    what: str
    description: str | None = None
    commented: bool = False
    """Written as a comment: setting it would change the client (http basic's second argument)."""


@dataclass
class Starter:
    """What `init` writes beside the keys: the names derived from the spec."""

    spec_name: str
    values: dict[str, Any] = field(default_factory=dict)
    credentials: list[StarterCredential] = field(default_factory=list)


def _yaml_value(value: Any) -> str:
    return yaml.safe_dump(value, default_flow_style=True, width=1000, allow_unicode=True).strip().removesuffix("\n...")


def _comment(text: str, indent: str) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(indent) + 2 + len(line) + 1 + len(word) > 100:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [f"{indent}# {part}" for part in lines]


def starter_config(starter: Starter) -> str:
    """A config with the derived names set, every credential, and every other key commented out."""
    lines = [
        f"# Generator config for {starter.spec_name}, written by `openapi-client-gen init`.",
        "# The values set are the names derived from the spec: generating with this file gives the same",
        "# client as without it. Change what you want; remove a key to let it follow the spec again.",
        "# Every key is described in docs/config.md of openapi-client-gen.",
    ]
    for key in KEYS:
        lines.append("")
        lines += _comment(f"{key.meaning} Default: {key.default}.", "")
        if key.name == "credentials":
            lines += _credential_lines(starter.credentials)
        elif isinstance(key.type, Record):
            lines.append(f"{key.name}:")
            for sub in key.type.keys:
                lines += _comment(sub.meaning, "  ")
                lines.append(_key_line(sub, starter.values.get(f"{key.name}.{sub.name}"), "  "))
        else:
            lines.append(_key_line(key, starter.values.get(key.name), ""))
    return "\n".join(lines) + "\n"


def _key_line(key: Key, derived: Any, indent: str) -> str:
    if key.derived and derived is not None:
        return f"{indent}{key.name}: {_yaml_value(derived)}"
    return f"{indent}# {key.name}: {_yaml_value(key.example)}"


def _credential_lines(credentials: list[StarterCredential]) -> list[str]:
    if not credentials:
        return ["# credentials: {}   # the spec declares no security scheme"]
    lines = ["credentials:"]
    for credential in credentials:
        mark = "# " if credential.commented else ""
        lines += _comment(credential.what, "  ")
        lines.append(f"  {mark}{_yaml_value(credential.scheme)}:")
        lines.append(f"  {mark}  argument: {credential.argument}")
        lines.append(f"  {mark}  env: {_yaml_value(credential.env)}")
        lines.append("  #   json: false")
        described = _yaml_value(credential.description) if credential.description else "<the argument's docstring>"
        lines.append(f"  #   description: {described}")
    return lines


def reference_markdown() -> str:
    """docs/config.md: every key, its type, default and meaning."""
    lines = [
        "# Config reference",
        "",
        "<!-- Rendered from generator/config_schema.py by `python -m generator.config_schema`; do not edit. -->",
        "",
        "The generator reads a YAML config: the one `--config` names, else `NAME.config.yaml` beside the spec",
        "`NAME.yaml`. Every key is optional: a key left out keeps the value derived from the spec, so a config",
        "changes only what it names. `openapi-client-gen init SPEC` writes a starter config with the derived",
        "names and every key below.",
        "",
        "An unknown key, a value of the wrong type and a name of an operation, security scheme, model or rule",
        "the spec (or the generator) does not have are warnings, located at the key, and the entry is ignored;",
        "`--strict` makes them errors. A package, class or argument name Python cannot use is an error.",
        "Operations are named by their operationId or as `METHOD /path` (`GET /pets/{petId}`).",
        "",
    ]
    for key in KEYS:
        lines += _reference_entry(key, "## ")
    return "\n".join(lines).rstrip("\n") + "\n"


def _reference_entry(key: Key, heading: str, prefix: str = "") -> list[str]:
    lines = [f"{heading}`{prefix}{key.name}`", "", key.meaning, "", f"- type: {key.type.label}",
             f"- default: {key.default}"]  # fmt: skip
    if key.required:
        lines.append("- required")
    if key.example is not None:
        lines.append(f"- example: `{key.name}: {_yaml_value(key.example)}`")
    lines.append("")
    value_type = key.type.value if isinstance(key.type, MapOf) else key.type
    if isinstance(value_type, Pagination):
        value_type = value_type.mapping
    if isinstance(value_type, Record):
        for sub in value_type.keys:
            lines += _reference_entry(sub, "#" + heading, f"{key.name}.{f'<{key.type.entry}>.' if isinstance(key.type, MapOf) else ''}")
    return lines


if __name__ == "__main__":
    sys.stdout.write(reference_markdown())
