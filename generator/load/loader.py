"""Parse spec files into plain Python data plus a pointer -> (line, column) map.

`$ref`s are kept as they are; `LoadedSpec.resolve` follows them on demand, so
recursive schemas need no special handling. Every reference is checked once here,
so later stages can resolve without failing.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
import urllib.request
from urllib.parse import quote, unquote, urljoin, urlsplit

import yaml

from generator import pointer as jp
from generator.diagnostics import GeneratorError, SourceLocation
from generator.load import yaml_errors

MAX_SPEC_BYTES = 25 * 1024 * 1024
SUPPORTED_VERSIONS = ("3.0.", "3.1.")

try:
    _YamlLoader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _YamlLoader = yaml.SafeLoader


@dataclass
class Document:
    """One parsed file: its data and where each node came from."""

    path: Path
    data: Any
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    url: str | None = None
    """Where a remote document was fetched from (None for local files)."""
    origins: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """Nodes written by an overlay: pointer -> (overlay file, line, column)."""

    def locate(self, pointer: str) -> SourceLocation:
        """The location of pointer, or of its nearest ancestor that has one."""
        probe = pointer
        while True:
            origin = self.origins.get(probe)
            if origin is not None:
                return SourceLocation(origin[0], origin[1], origin[2], pointer)
            position = self.positions.get(probe)
            if position is not None:
                return SourceLocation(str(self.path), position[0], position[1], pointer)
            if not probe:
                return SourceLocation(str(self.path), None, None, pointer)
            probe = probe.rsplit("/", 1)[0]


@dataclass(frozen=True)
class Target:
    """Where a `$ref` leads: the document and the pointer inside it."""

    document: Document
    pointer: str
    value: Any


@dataclass
class LoadedSpec:
    """The root document, every document it references, and a resolver for `$ref`s."""

    root: Document
    documents: dict[Path, Document]
    source_bytes: bytes

    def resolve(self, ref: str, base: Document) -> Target:
        """Follow one `$ref` written in `base` (a chain of `$ref`s is followed to its end)."""
        document, pointer = self._split(ref, base)
        seen: set[tuple[Path, str]] = set()
        while True:
            value = jp.lookup(document.data, pointer)
            if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)):
                return Target(document, pointer, value)
            key = (document.path, pointer)
            if key in seen:
                raise GeneratorError("$ref cycle with no schema in it", document.locate(pointer))
            seen.add(key)
            document, pointer = self._split(value["$ref"], document)

    def locate(self, pointer: str) -> SourceLocation:
        """Locate a pointer into the root document, following `$ref`s met on the way.

        Raises KeyError when the pointer leads nowhere.
        """
        document, current = self.root, ""
        for token in jp.split(pointer):
            node = jp.lookup(document.data, current)
            if isinstance(node, dict) and isinstance(node.get("$ref"), str) and token not in node:
                target = self.resolve(node["$ref"], document)
                document, current = target.document, target.pointer
                node = target.value
            current = jp.join(current, token)
            jp.lookup(document.data, current)
        return document.locate(current)

    def _split(self, ref: str, base: Document) -> tuple[Document, str]:
        file_part, _, fragment = ref.partition("#")
        document = base
        if file_part:
            document = self.documents[_document_key(base, file_part)[0]]
        return document, unquote(fragment)


def _document_key(base: Document, file_part: str) -> tuple[Path, str | None]:
    """The key of the document a `$ref` names, and its URL when it is remote."""
    url = urljoin(base.url, file_part) if base.url else file_part
    if urlsplit(url).scheme in ("http", "https"):
        return Path("/remote") / quote(url, safe=""), url
    return (base.path.parent / unquote(file_part)).resolve(), None


def _fetch(url: str, referrer: SourceLocation) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - allowed by --allow-remote-refs
            data: bytes = response.read(MAX_SPEC_BYTES + 1)
    except OSError as error:
        raise GeneratorError(f"cannot fetch {url}: {error}", referrer) from None
    if len(data) > MAX_SPEC_BYTES:
        raise GeneratorError(f"{url} is larger than {MAX_SPEC_BYTES // (1024 * 1024)} MB", referrer)
    return data


def load_spec(path: Path, allow_remote_refs: bool = False) -> LoadedSpec:
    """Load the spec at path and every file its `$ref`s name; raise GeneratorError on bad input."""
    path = path.resolve()
    source_bytes = _read_bytes(path, None)
    root = _parse(path, source_bytes)
    _check_root(root)
    documents = {path: root}
    pending = [root]
    while pending:
        document = pending.pop()
        for ref_pointer, ref in _refs(document):
            _check_ref(ref, ref_pointer, document, documents, pending, allow_remote_refs)
    spec = LoadedSpec(root, documents, source_bytes)
    for document in list(documents.values()):
        for ref_pointer, ref in _refs(document):
            try:
                spec.resolve(ref, document)
            except GeneratorError as error:
                raise GeneratorError(error.message, document.locate(ref_pointer)) from None
    return spec


def read_file(path: Path) -> bytes:
    """The bytes of a file the user named (a config, an overlay); GeneratorError naming it when unreadable."""
    return _read_bytes(path, None)


def parse_document(path: Path, raw: bytes) -> Document:
    """A YAML or JSON file with the line of every node; GeneratorError located at a syntax error."""
    return _parse(path, raw)


def _read_bytes(path: Path, referrer: SourceLocation | None) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise GeneratorError(
                f"{path} is {size // (1024 * 1024)} MB; specs over "
                f"{MAX_SPEC_BYTES // (1024 * 1024)} MB are refused",
                referrer or SourceLocation(str(path)),
            )
        return path.read_bytes()
    except OSError as error:
        raise GeneratorError(
            f"cannot read {path}: {error.strerror}", referrer or SourceLocation(str(path))
        ) from None


def _parse(path: Path, raw: bytes) -> Document:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GeneratorError(f"not UTF-8 text ({error.reason})", SourceLocation(str(path))) from None
    if not text.strip():
        raise GeneratorError("the file is empty", SourceLocation(str(path), 1, 1))
    if path.suffix.lower() == ".json":
        document = _parse_json(path, text)  # JSON must be JSON, even where YAML would accept it
        try:
            # The data is json.loads'; YAML's parser (JSON is YAML) says only where each node is written.
            _locate_json(document.positions, text, str(path))
        except yaml.YAMLError:
            document.positions.clear()  # valid JSON YAML cannot read (e.g. lone surrogate escapes): no line numbers
        return document
    try:
        node = yaml.compose(text, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as error:
        problem, line, column = yaml_errors.describe(error, text)
        raise GeneratorError(f"invalid YAML: {problem}", SourceLocation(str(path), line, column)) from None
    except yaml.YAMLError as error:
        raise GeneratorError(f"invalid YAML: {error}", SourceLocation(str(path))) from None
    if node is None:
        raise GeneratorError("the file holds no YAML document", SourceLocation(str(path), 1, 1))
    document = Document(path, None)
    document.data = _Builder(document.positions, str(path)).build(node, "")
    return document


def _parse_json(path: Path, text: str) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise GeneratorError(
            f"invalid JSON: {error.msg}", SourceLocation(str(path), error.lineno, error.colno)
        ) from None
    return Document(path, data)


_STR_TAG = "tag:yaml.org,2002:str"
_NUMBER_TAGS = frozenset({_STR_TAG, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"})
# YAML 1.2's core schema (and JSON) for numbers; PyYAML resolves YAML 1.1, where `1e-08` is a
# string, `010` is 8 and `1_000` or `1:30` are integers.
_INT_12 = re.compile(r"[-+]?[0-9]+")
_FLOAT_12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}


def _yaml12_number(text: str) -> int | float | None:
    """The number a plain scalar is in YAML 1.2 (and JSON), or None when it is not one."""
    if _INT_12.fullmatch(text):
        return int(text)
    if _FLOAT_12.fullmatch(text):
        return float(text)
    if re.fullmatch(r"0o[0-7]+", text):
        return int(text[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", text):
        return int(text[2:], 16)
    return _SPECIAL_FLOATS.get(text.lower())


MAX_NESTING = 500
"""How many mappings deep a document may nest (deeper is refused, located, before anything recurses)."""
_TOO_DEEP = f"nesting deeper than {MAX_NESTING} levels"


def _appears_twice(key: str, first_line: int) -> str:
    return f"the key {key!r} appears twice in this mapping (first on line {first_line})"


class _Builder:
    """Turns a composed YAML node tree into dicts/lists/scalars, recording positions."""

    def __init__(self, positions: dict[str, tuple[int, int]], file: str | None = None) -> None:
        self.positions = positions
        self.file = file
        self.constructor = yaml.SafeLoader("")
        self.depth = 0

    def build(self, node: yaml.Node, pointer: str, key_node: yaml.Node | None = None) -> Any:
        # A mapping entry is reported where its key is written, the way a reader looks for it.
        mark = (key_node or node).start_mark
        self.positions[pointer] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise GeneratorError(_TOO_DEEP, self._where(node, pointer))
            mapping: dict[str, Any] = {}
            for entry_key, value_node in node.value:
                if not isinstance(entry_key, yaml.ScalarNode):
                    raise GeneratorError("mapping keys must be plain scalars", self._where(entry_key, pointer))
                key = str(entry_key.value)
                child = pointer + "/" + jp.escape(key)
                if key in mapping:
                    raise GeneratorError(_appears_twice(key, self.positions[child][0]), self._where(entry_key, child))
                mapping[key] = self.build(value_node, child, entry_key)
            self.depth -= 1
            return mapping
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, f"{pointer}/{index}") for index, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and not node.style and node.tag in _NUMBER_TAGS:  # plain (libyaml says "")
            number = _yaml12_number(node.value)
            if number is not None or node.tag != _STR_TAG:
                return number if number is not None else str(node.value)
        value = self.constructor.construct_object(node)
        if isinstance(value, (datetime.date, datetime.datetime)):
            return str(node.value)  # keep dates as the text written, as JSON would
        if isinstance(value, bytes):
            raise GeneratorError("binary YAML scalars are not supported", self._where(node, pointer))
        return value

    def _where(self, node: yaml.Node, pointer: str) -> SourceLocation:
        file = self.file or node.start_mark.name
        return SourceLocation(file, node.start_mark.line + 1, node.start_mark.column + 1, pointer)


@dataclass
class _Open:
    """A mapping or sequence whose parser events are being read: where it is, and how far."""

    pointer: str
    depth: int
    keys: dict[str, int] | None
    """A mapping's keys so far, with the line of each; None for a sequence."""
    key: str | None = None
    """A mapping's key whose value comes next."""
    key_mark: Any = None
    index: int = 0
    """A sequence's next item."""


def _locate_json(positions: dict[str, tuple[int, int]], text: str, file: str) -> None:
    """Record where each node of a JSON document is written, from the YAML parser's events. No node
    tree is built: for a 15 MB spec it took 200 MB and most of the time. As `_Builder` does, a mapping
    entry is recorded where its key is written, and a key written twice is an error."""
    escape = jp.escape
    loader = _YamlLoader(text)
    stack: list[_Open] = []
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                continue
            own: Any = event.start_mark  # a parser event always has one
            mark: Any = own
            if not stack:
                pointer, depth = "", 0
            else:
                parent = stack[-1]
                if parent.keys is None:
                    pointer, depth = f"{parent.pointer}/{parent.index}", parent.depth
                    parent.index += 1
                elif parent.key is None:  # a key: JSON's are strings, so scalars
                    key = str(getattr(event, "value", ""))
                    if key in parent.keys:
                        raise GeneratorError(
                            _appears_twice(key, parent.keys[key]),
                            SourceLocation(file, mark.line + 1, mark.column + 1, parent.pointer + "/" + escape(key)),
                        )
                    parent.keys[key] = mark.line + 1
                    parent.key, parent.key_mark = key, mark
                    continue
                else:
                    pointer, depth = parent.pointer + "/" + escape(parent.key), parent.depth + 1
                    mark, parent.key = parent.key_mark, None
            positions[pointer] = (mark.line + 1, mark.column + 1)
            if isinstance(event, yaml.MappingStartEvent):
                if depth >= MAX_NESTING:
                    raise GeneratorError(_TOO_DEEP,
                                         SourceLocation(file, own.line + 1, own.column + 1, pointer))  # fmt: skip
                stack.append(_Open(pointer, depth, {}))
            elif isinstance(event, yaml.SequenceStartEvent):
                stack.append(_Open(pointer, depth, None))
    finally:
        loader.dispose()


def _check_root(document: Document) -> None:
    data = document.data
    here = document.locate("")
    if not isinstance(data, dict):
        raise GeneratorError("the document is not a mapping; an OpenAPI description is expected", here)
    if "swagger" in data:
        raise GeneratorError(
            f"Swagger {data['swagger']} is not supported; convert it to OpenAPI 3.0 or 3.1 first",
            document.locate("/swagger"),
        )
    version = data.get("openapi")
    if version is None:
        raise GeneratorError("no 'openapi' version field; this is not an OpenAPI description", here)
    if not str(version).startswith(SUPPORTED_VERSIONS):
        raise GeneratorError(
            f"OpenAPI version {version!r} is not supported (3.0.x and 3.1.x are)",
            document.locate("/openapi"),
        )


# Keys whose values are data (examples, defaults, enums, extensions): a `$ref` there is text.
_DATA_KEYS = frozenset({"example", "default", "enum", "const"})
# Keys whose values map names to objects: their keys are names, never keywords.
_NAME_MAPS = frozenset({
    "properties", "patternProperties", "$defs", "definitions", "schemas", "responses", "parameters",
    "requestBodies", "headers", "securitySchemes", "links", "callbacks", "paths", "content", "encoding",
    "pathItems", "webhooks", "dependentSchemas",
})  # fmt: skip


def _is_data(key: str, parent_key: str | None, grandparent_key: str | None) -> bool:
    """Whether the value under key (in a mapping reached by parent_key) is data, not description."""
    if parent_key in _NAME_MAPS:
        return False  # a property or response *named* "example" or "x-..." is still a schema
    if key in _DATA_KEYS or key.startswith("x-"):
        return True
    return key == "value" and grandparent_key == "examples"  # an Example object's value


def _refs(document: Document) -> list[tuple[str, str]]:
    """Every (pointer of the $ref node, ref string) in the document, outside data (see `_is_data`)."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[str, Any, str | None, str | None]] = [("", document.data, None, None)]
    while stack:
        pointer, node, key_to_node, parent_key = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                found.append((pointer + "/$ref", ref))
            for key, value in node.items():
                if isinstance(value, (dict, list)) and not _is_data(str(key), key_to_node, parent_key):
                    if key == "examples" and isinstance(value, list):
                        continue  # JSON Schema's examples: a list of values
                    stack.append((pointer + "/" + jp.escape(key), value, str(key), key_to_node))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, (dict, list)):
                    stack.append((f"{pointer}/{index}", value, "[]", key_to_node))
    found.sort()
    return found


def _check_ref(
    ref: str,
    ref_pointer: str,
    document: Document,
    documents: dict[Path, Document],
    pending: list[Document],
    allow_remote_refs: bool,
) -> None:
    here = document.locate(ref_pointer)
    file_part, _, fragment = ref.partition("#")
    scheme = urlsplit(file_part).scheme
    if scheme and scheme not in ("http", "https"):
        raise GeneratorError(f"$ref {ref!r}: only relative files and http(s) URLs can be referenced", here)
    target_document = document
    if file_part:
        target_path, url = _document_key(document, file_part)
        if url is not None and not allow_remote_refs:
            raise GeneratorError(f"remote $ref {ref!r} is not fetched; pass --allow-remote-refs to allow it", here)
        if target_path not in documents:
            if url is not None:
                target_document = _parse(Path(urlsplit(url).path or "remote.yaml"), _fetch(url, here))
                target_document.path, target_document.url = target_path, url
            else:
                target_document = _parse(target_path, _read_bytes(target_path, here))
            documents[target_path] = target_document
            pending.append(target_document)
        target_document = documents[target_path]
    target = unquote(fragment)
    if target and not target.startswith("/"):
        raise GeneratorError(f"$ref {ref!r}: only JSON-pointer fragments are supported", here)
    try:
        jp.lookup(target_document.data, target)
    except KeyError:
        raise GeneratorError(f"$ref {ref!r} points to nothing", here) from None
