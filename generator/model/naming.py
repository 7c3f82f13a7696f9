"""Where each operation lives in the client: `("chat", "completions", "create")`.

Precedence: an explicit entry in the config, then the call chain the operation's own
Python `x-code-samples` use when they agree on one, then a name derived from the spec.

A derived name is a resource and a method. The resource is the path's literal segments, less a
`.json`/`.xml`/`.yaml` suffix, version segments anywhere (`v1`, `v2beta1`, `2010-04-01`, `3`),
a leading `api`, `apis` or `rest`, and the literal prefix every operation of the spec starts
with when at least two different resources follow it. Where that leaves no resource, or only an
RPC-style name (`/getUser`), the operation's first tag is the resource (`Billing > Invoices`:
`billing.invoices`); an RPC name without a tag is verb and resource (`/cancelOrder`: `order.cancel`).

The method is, of these, the first that applies:
1. the operationId's first verb when it is a telling one (`archiveProject`: `archive`; not a
   plain get/list/create/update/delete/... that the HTTP method says already), unless the path
   ends in a verb the operationId has too (`finalizeAndSendInvoice` at `/invoices/{id}/send`);
2. a verb the path ends in: `/agents/create`, `/board/search`, `/jobs/{id}:cancel`,
   `/pet/findByStatus`, and after a parameter also the config's `action_segments` and any
   camelCase segment (`/prompts/{id}/makeDefault`);
3. by HTTP method and shape: GET is `retrieve` when the path ends in a parameter or the success
   response is one object (not an array, nor an object holding an array such as a page) and the
   operationId does not say `list`, else `list`; POST is `create`, or `update` on a path that
   ends in a parameter and also has GET, PUT, PATCH or DELETE; PUT and PATCH are `update`;
   DELETE is `delete`.

When several operations want one call path, the one that keeps it is decided by, in order: named
by the config; its own path gives that name (over a sample that disagrees); config over sample
over derived name; how well its HTTP method and path fit the method (`update`: PATCH, then PUT,
then POST; `retrieve`, `update` and `delete` on a path ending in a parameter, `list` and `create`
on one that does not); the lower path; the lower HTTP method. Each other one takes the first free
of: the name its own path gives; its operationId less the words of its call path, of the
winner's operationId, of its path parameters, versions and a trailing HTTP verb, led by the
wanted method when no verb is left (`deleteCoreV1CollectionNamespacedPod` beside
`deleteCoreV1NamespacedPod` at `namespaces.pods`: `delete_collection`); the wanted name numbered.
Every such move is a warning at the operation.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass

from generator.diagnostics import Diagnostic
from generator.model.media import media_kind
from generator.model.ir import (
    AliasSchema,
    AnyType,
    ArrayType,
    NullType,
    ObjectSchema,
    Operation,
    RefType,
    SchemaDef,
    TypeExpr,
    UnionType,
)
from generator.names import KEYWORDS, python_identifier, words

# Names the client classes use themselves; a top-level resource may not take them.
CLIENT_ATTRIBUTES = frozenset(
    {"get", "post", "put", "patch", "delete", "request", "close", "with_raw_response", "base_url",
     "timeout", "max_retries", "copy", "with_options"}
)  # fmt: skip
# Verbs that say what an operation does beyond what its HTTP method says.
TELLING_VERBS = frozenset(
    {"accept", "activate", "approve", "archive", "assign", "cancel", "capture", "clone", "close", "compact",
     "complete", "confirm", "convert", "copy", "count", "deactivate", "decline", "disable", "download",
     "duplicate", "enable", "execute", "export", "finalize", "generate", "import", "invite", "lock", "login",
     "logout", "merge", "move", "pause", "preview", "publish", "refresh", "refund", "reject", "render",
     "reopen", "resend", "reset", "restart", "restore", "resume", "retry", "revoke", "rotate", "run", "search",
     "send", "start", "stop", "submit", "subscribe", "sync", "test", "transfer", "trigger", "unarchive",
     "unassign", "unlock", "unpublish", "unsubscribe", "upload", "validate", "verify", "void"}
)  # fmt: skip
# Verbs of plain reading and writing: the HTTP method and the path's shape say as much.
PLAIN_VERBS = frozenset(
    {"add", "create", "delete", "edit", "fetch", "find", "get", "list", "modify", "new", "query", "read",
     "remove", "replace", "retrieve", "save", "set", "update", "upsert"}
)  # fmt: skip
_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_VERBS = TELLING_VERBS | PLAIN_VERBS
_ID_VERBS = _VERBS | _HTTP_METHODS
_FORMAT_SUFFIX = re.compile(r"\.(?:json|xml|ya?ml|csv|txt)$", re.IGNORECASE)
_VERSION = re.compile(
    r"^(?:v\d+(?:\.\d+)*(?:(?:alpha|beta|preview|rc)\d*)?|\d+(?:\.\d+)*|\d{4}-\d{2}-\d{2})$", re.IGNORECASE
)
_CUSTOM_METHOD = re.compile(r"^(?P<base>.+):(?P<verb>[A-Za-z][A-Za-z0-9_-]*)$")  # `/{name}:cancel`
_GENERIC_ROOTS = frozenset({"api", "apis", "rest"})
# The words of an operationId; a version (`V1beta1`) stays one word so that it can be dropped.
_ID_WORD = re.compile(r"[Vv]\d+(?:alpha\d*|beta\d*)?(?![a-z])|[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
_ID_VERSION = re.compile(r"v\d+(?:alpha\d*|beta\d*)?")
_TAG_LEVEL = re.compile(r"\s*[>/]\s*")
# The HTTP methods that suit a method name best, in order, and whether it wants an item path.
_FIT: dict[str, tuple[tuple[str, ...], bool]] = {
    "list": (("get",), False),
    "retrieve": (("get",), True),
    "create": (("post",), False),
    "update": (("patch", "put", "post"), True),
    "delete": (("delete",), True),
}


def assign_call_paths(
    operations: list[Operation],
    explicit: dict[str, str],
    action_segments: tuple[str, ...],
    diagnostics: list[Diagnostic],
    schemas: dict[str, SchemaDef] | None = None,
) -> None:
    """Set `call_path` on every operation, resolving collisions deterministically."""
    namer = _Namer(operations, action_segments, schemas or {})
    derived = [namer.derive(op) for op in operations]
    wanted: list[tuple[tuple[str, ...], str]] = []
    for operation, own in zip(operations, derived):
        keys = [operation.operation_id, f"{operation.method.upper()} {operation.path}"]
        override = next((explicit[k] for k in keys if k and k in explicit), None)
        sampled = None if override else sample_call_chain(operation)
        if override:
            wanted.append((tuple(_clean(p) for p in override.split(".")), "config"))
        elif sampled:
            wanted.append((sampled, "sample"))
        else:
            wanted.append((own, "path"))
    rank = {"config": 0, "sample": 1, "path": 2}
    by_path: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, (path, _) in enumerate(wanted):
        by_path[path].append(index)
    taken: set[tuple[str, ...]] = set(by_path)
    for path, indexes in sorted(by_path.items()):
        indexes.sort(key=lambda i: (wanted[i][1] != "config", derived[i] != path, rank[wanted[i][1]],
                                    _fit(operations[i], path[-1]), operations[i].path,
                                    operations[i].method))  # fmt: skip
        winner = operations[indexes[0]]
        winner.call_path = path
        for loser in indexes[1:]:
            operation = operations[loser]
            from_id = _name_from_operation_id(operation, path, winner)
            candidates = [derived[loser], *([path[:-1] + (from_id,)] if from_id else [])]
            alternative = next((c for c in candidates if c not in taken), None)
            counter = 2
            while alternative is None or alternative in taken:
                alternative = path[:-1] + (f"{path[-1]}_{counter}",)
                counter += 1
            taken.add(alternative)
            operation.call_path = alternative
            diagnostics.append(
                Diagnostic(
                    "warning",
                    f"{operation.method.upper()} {operation.path} would be {'.'.join(path)}, "
                    f"which {winner.method.upper()} {winner.path} has; it is {'.'.join(alternative)} instead",
                    operation.location,
                )
            )
    _separate_methods_from_resources(operations, diagnostics)


def _separate_methods_from_resources(operations: list[Operation], diagnostics: list[Diagnostic]) -> None:
    """A name cannot be both a method and a sub-resource: the method gets a suffix."""
    resources = {op.call_path[:i] for op in operations for i in range(1, len(op.call_path))}
    for operation in operations:
        if operation.call_path in resources:
            renamed = operation.call_path[:-1] + (operation.call_path[-1] + "_",)
            diagnostics.append(
                Diagnostic(
                    "warning",
                    f"{'.'.join(operation.call_path)} is also a resource; the method is {'.'.join(renamed)}",
                    operation.location,
                )
            )
            operation.call_path = renamed


def derive_call_path(method: str, path: str, action_segments: tuple[str, ...]) -> tuple[str, ...]:
    """The call path an operation's path alone gives: `POST /chat/completions` -> chat.completions.create."""
    operation = Operation(name="", method=method, path=path, operation_id=None)
    return _Namer([operation], action_segments, {}).derive(operation)


@dataclass(frozen=True)
class _Segment:
    text: str
    parameter: bool


def _segments(path: str) -> tuple[list[_Segment], str | None]:
    """The path's segments that can name a resource, and the custom method it ends in (`:cancel`)."""
    raw = [s for s in path.strip("/").split("/") if s]
    custom = None
    if raw and (match := _CUSTOM_METHOD.match(raw[-1])):
        raw[-1], custom = match["base"], match["verb"]
    segments = []
    for text in (_FORMAT_SUFFIX.sub("", s) for s in raw):
        if "{" in text:
            segments.append(_Segment(text, True))
        elif text and not _VERSION.match(text):
            segments.append(_Segment(text, False))
    while (segments and not segments[0].parameter and segments[0].text.lower() in _GENERIC_ROOTS
           and any(not s.parameter for s in segments[1:])):  # fmt: skip
        segments.pop(0)
    return segments, custom


def _shared_prefix(paths: list[list[_Segment]]) -> int:
    """How many leading literal segments every path shares and that can go.

    They go when every path keeps a literal after them and at least two different ones follow
    (`/shop/carts` and `/shop/orders`; not `/chat/completions` alone, nor `/pets` and `/pets/{id}`).
    """
    if not paths:
        return 0
    first = paths[0]
    length = 0
    while length < len(first) and not first[length].parameter:
        if any(p[length:length + 1] != [first[length]] for p in paths):
            break
        length += 1
    while length:
        rests = [[s.text for s in p[length:] if not s.parameter] for p in paths]
        if all(rests) and len({rest[0] for rest in rests}) > 1:
            return length
        length -= 1
    return 0


class _Namer:
    """Derives call paths; knows the spec-wide facts a name depends on."""

    def __init__(self, operations: list[Operation], action_segments: tuple[str, ...], schemas: dict[str, SchemaDef]):
        self.action_segments = frozenset(action_segments)
        self.schemas = schemas
        self.segments = {op.path: _segments(op.path) for op in operations}
        self.methods_at: dict[str, set[str]] = defaultdict(set)
        for op in operations:
            self.methods_at[op.path].add(op.method.lower())
        self.prefix = _shared_prefix([segments for segments, _ in self.segments.values()])

    def derive(self, operation: Operation) -> tuple[str, ...]:
        segments, action = self.segments[operation.path]
        segments = segments[self.prefix:]
        literals = [s.text for s in segments if not s.parameter]
        if action is None and len(literals) > 1 and not segments[-1].parameter:
            after_parameter = len(segments) > 1 and segments[-2].parameter
            if self._is_action(literals[-1], after_parameter):
                action = literals.pop()
        tag = operation.tags[0] if operation.tags else None
        rpc = len(literals) == 1 and action is None and _is_rpc_name(literals[0])
        if rpc:
            action = literals[0]
        if (rpc or not literals) and tag and _tag_resource(tag):
            resource = _tag_resource(tag)
        elif rpc:
            resource = (_clean("_".join(words(literals[0])[1:])),)
        else:
            resource = tuple(_clean(text) for text in literals) or ("root",)
        return (*resource, self._method(operation, segments, resource, action))

    def _is_action(self, text: str, after_parameter: bool) -> bool:
        """Whether the path's last literal is what the operation does rather than a resource."""
        name = "_".join(words(text))
        if name in _VERBS or _is_rpc_name(text):
            return True
        return after_parameter and (name in self.action_segments or any(c.isupper() for c in text[1:]))

    def _method(
        self, operation: Operation, segments: list[_Segment], resource: tuple[str, ...], action: str | None
    ) -> str:
        stems = _stems(resource)
        id_words = _operation_id_words(operation.operation_id)
        verb = _operation_id_verb(id_words, stems)
        if verb in TELLING_VERBS and (action is None or words(action)[0] not in id_words):
            return python_identifier(verb, "method", KEYWORDS)
        if action:
            first, *rest = words(action)
            return python_identifier("_".join([first, *_without(rest, stems)]), "method", KEYWORDS)
        method = operation.method.lower()
        item = bool(segments) and segments[-1].parameter
        if method == "get":
            return "retrieve" if item or (verb != "list" and self._returns_one(operation)) else "list"
        if method == "post":
            addressed = self.methods_at[operation.path] & {"get", "put", "patch", "delete"}
            return "update" if item and addressed else "create"
        return "update" if method in ("put", "patch") else method

    def _returns_one(self, operation: Operation) -> bool:
        """Whether the success response is one thing: an object that is not an array nor holds one (a
        page), or a document or file (text, bytes)."""
        success = next((r for r in operation.responses if r.status.startswith("2")), None)
        contents = success.contents if success else []
        types = [m.type for m in contents if media_kind(m.content_type, m.type) == "json"]
        if contents and not types:  # a document or a file: text or bytes, one of them
            return all(media_kind(m.content_type, m.type) in ("text", "binary") for m in contents)
        return bool(types) and all(self._is_one(t, set()) for t in types)

    def _is_one(self, type_: TypeExpr, seen: set[str]) -> bool:
        if isinstance(type_, RefType):
            schema = self.schemas.get(type_.name)
            if schema is None or type_.name in seen:
                return False
            seen.add(type_.name)
            if isinstance(schema, AliasSchema):
                return self._is_one(schema.type, seen)
            return not self._holds_array(schema, set())
        if isinstance(type_, UnionType):
            variants = [v for v in type_.variants if not isinstance(v, NullType)]
            return bool(variants) and all(self._is_one(v, seen) for v in variants)
        return not isinstance(type_, (ArrayType, AnyType, NullType))

    def _holds_array(self, schema: ObjectSchema, seen: set[str]) -> bool:
        seen.add(schema.name)
        bases = [self.schemas.get(b) for b in schema.bases if b not in seen]
        return any(self._is_array(p.type, set()) for p in schema.properties) or any(
            isinstance(b, ObjectSchema) and self._holds_array(b, seen) for b in bases)

    def _is_array(self, type_: TypeExpr, seen: set[str]) -> bool:
        if isinstance(type_, ArrayType):
            return True
        if isinstance(type_, UnionType):
            return any(self._is_array(v, seen) for v in type_.variants)
        if isinstance(type_, RefType) and type_.name not in seen:
            seen.add(type_.name)
            schema = self.schemas.get(type_.name)
            return isinstance(schema, AliasSchema) and self._is_array(schema.type, seen)
        return False


def _is_rpc_name(text: str) -> bool:
    """`getUser`, `list_users`: a camelCase or snake_case name of more than one word that starts with a verb."""
    parts = words(text)
    spelled = "_" in text or any(c.isupper() for c in text[1:])
    return spelled and len(parts) > 1 and parts[0] in _VERBS


def _tag_resource(tag: str) -> tuple[str, ...]:
    return tuple(_clean(level) for level in _TAG_LEVEL.split(tag) if words(level))


def _operation_id_words(operation_id: str | None) -> list[str]:
    """The operationId's words, lower case, without versions: `deleteCoreV1Pod` -> delete, core, pod."""
    found = [w.lower() for w in _ID_WORD.findall(operation_id or "")]
    return [w for w in found if not _ID_VERSION.fullmatch(w)]


def _operation_id_verb(id_words: list[str], resource_stems: set[str]) -> str | None:
    """The operationId's first verb, skipping words that name the resource (`ExportJobs_list`: list)."""
    return next((w for w in id_words if w in _ID_VERBS and _stem(w) not in resource_stems), None)


def _name_from_operation_id(operation: Operation, wanted: tuple[str, ...], winner: Operation) -> str | None:
    """A method name for an operation that lost `wanted` to `winner`, from what its operationId adds."""
    id_words = _operation_id_words(operation.operation_id)
    if len(id_words) > 1 and id_words[-1] == operation.method.lower():
        id_words.pop()  # `..._voices_post`
    parameters = {w for name in re.findall(r"\{([^{}]+)\}", operation.path) for w in words(name)}
    own = _without(id_words, _stems(wanted[:-1]))
    rival = set(_operation_id_words(winner.operation_id))
    left = [w for w in own if w not in rival and w not in parameters]
    if not left:
        return None
    if left[0] not in _ID_VERBS:
        left.insert(0, wanted[-1])
    return python_identifier("_".join(left), "method", KEYWORDS)


def _stem(word: str) -> str:
    """A crude singular: enough to see `namespaced`, `namespaces` and `namespace` as one word."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    if word.endswith("ed") and len(word) > 4:
        return word[:-1]
    return word


def _stems(resource: tuple[str, ...]) -> set[str]:
    """The stems of a resource's words, and of each segment run together (`configmaps`)."""
    stems = set()
    for part in resource:
        part_words = words(part)
        stems |= {_stem(w) for w in part_words}
        stems.add(_stem("".join(part_words)))
    return stems


def _without(id_words: list[str], stems: set[str]) -> list[str]:
    """The words, less those (alone or up to three run together) whose stem is in `stems`."""
    kept = []
    index = 0
    while index < len(id_words):
        for size in (3, 2, 1):
            if index + size <= len(id_words) and _stem("".join(id_words[index:index + size])) in stems:
                index += size
                break
        else:
            kept.append(id_words[index])
            index += 1
    return kept


def _fit(operation: Operation, method_name: str) -> tuple[int, bool]:
    """How well an operation suits a method name; lower is better."""
    if method_name not in _FIT:
        return (0, False)
    methods, wants_item = _FIT[method_name]
    method = operation.method.lower()
    segments, _ = _segments(operation.path)
    item = bool(segments) and segments[-1].parameter
    return (methods.index(method) if method in methods else len(methods), item != wants_item)


def sample_call_chain(operation: Operation) -> tuple[str, ...] | None:
    """The one client call chain the Python samples of this operation make, if they agree."""
    chains: set[tuple[str, ...]] = set()
    for sample in operation.code_samples:
        if sample.lang.lower() not in ("python", "py"):
            continue
        try:
            tree = ast.parse(sample.source)
        except SyntaxError:
            continue
        chains |= {tuple(python_identifier(part, "method", KEYWORDS) for part in chain) for chain in _client_calls(tree)}
    chains = {c for c in chains if not (len(c) == 1 and c[0] in CLIENT_ATTRIBUTES)}
    return chains.pop() if len(chains) == 1 else None


def _client_calls(tree: ast.AST) -> set[tuple[str, ...]]:
    clients: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Name) and func.id[:1].isupper():
                clients |= {t.id for t in node.targets if isinstance(t, ast.Name)}
    chains: set[tuple[str, ...]] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            parts: list[str] = []
            current: ast.expr = node.func
            while isinstance(current, ast.Attribute):
                parts.append(current.attr)
                current = current.value
            if isinstance(current, ast.Name) and current.id in clients and parts:
                chains.add(tuple(reversed(parts)))
    return chains


def _clean(segment: str) -> str:
    return python_identifier(segment, fallback="resource")
