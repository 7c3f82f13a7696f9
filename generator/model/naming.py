"""Where each operation lives in the client: `("chat", "completions", "create")`.

Precedence: an explicit entry in the config, then the call chain the operation's own
Python `x-code-samples` use when they agree on one, then a name derived from the path.
"""

from __future__ import annotations

import ast
from collections import defaultdict

from generator.diagnostics import Diagnostic
from generator.model.ir import Operation
from generator.names import KEYWORDS, python_identifier, snake_case

# Names the client classes use themselves; a top-level resource may not take them.
CLIENT_ATTRIBUTES = frozenset(
    {"get", "post", "put", "patch", "delete", "request", "close", "with_raw_response", "base_url",
     "timeout", "max_retries", "copy", "with_options"}
)  # fmt: skip
_COLLECTION_VERBS = {"get": "list", "post": "create", "put": "update", "patch": "update", "delete": "delete"}
_ITEM_VERBS = {"get": "retrieve", "post": "update", "put": "update", "patch": "update", "delete": "delete"}


def assign_call_paths(
    operations: list[Operation],
    explicit: dict[str, str],
    action_segments: tuple[str, ...],
    diagnostics: list[Diagnostic],
) -> None:
    """Set `call_path` on every operation, resolving collisions deterministically."""
    wanted: dict[int, tuple[tuple[str, ...], str]] = {}
    for index, operation in enumerate(operations):
        keys = [operation.operation_id, f"{operation.method.upper()} {operation.path}"]
        override = next((explicit[k] for k in keys if k and k in explicit), None)
        if override:
            wanted[index] = (tuple(_clean(p) for p in override.split(".")), "config")
            continue
        sampled = sample_call_chain(operation)
        if sampled:
            wanted[index] = (sampled, "sample")
        else:
            wanted[index] = (derive_call_path(operation.method, operation.path, action_segments), "path")
    rank = {"config": 0, "sample": 1, "path": 2}
    derived = {i: derive_call_path(op.method, op.path, action_segments) for i, op in enumerate(operations)}
    by_path: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, (path, _) in wanted.items():
        by_path[path].append(index)
    taken: set[tuple[str, ...]] = set(by_path)
    for path, indexes in sorted(by_path.items()):
        # Config first; then the operation whose own path gives this name, over a sample that disagrees.
        indexes.sort(key=lambda i: (wanted[i][1] != "config", derived[i] != path, rank[wanted[i][1]],
                                    operations[i].path, operations[i].method))  # fmt: skip
        operations[indexes[0]].call_path = path
        for loser in indexes[1:]:
            operation = operations[loser]
            alternative = derived[loser]
            if alternative in taken:
                alternative = path[:-1] + (python_identifier(operation.name),)
            counter = 2
            while alternative in taken:
                alternative = path[:-1] + (f"{path[-1]}_{counter}",)
                counter += 1
            taken.add(alternative)
            operation.call_path = alternative
            diagnostics.append(
                Diagnostic(
                    "warning",
                    f"{operation.method.upper()} {operation.path} would be {'.'.join(path)}, "
                    f"which {operations[indexes[0]].method.upper()} {operations[indexes[0]].path} has; "
                    f"it is {'.'.join(alternative)} instead",
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
    """`POST /chat/completions` -> chat.completions.create, `GET /files/{id}` -> files.retrieve."""
    segments = [s for s in path.strip("/").split("/") if s]
    literals = [_clean(s) for s in segments if not _is_parameter(s)]
    method = method.lower()
    if not literals:
        return ("root", _COLLECTION_VERBS.get(method, method))
    last = segments[-1]
    if _is_parameter(last):
        return (*literals, _ITEM_VERBS.get(method, method))
    after_parameter = len(segments) > 1 and _is_parameter(segments[-2])
    is_action = snake_case(last) in action_segments or any(c.isupper() for c in last[1:])  # makeDefault
    if after_parameter and is_action and len(literals) > 1:
        return (*literals[:-1], snake_case(last))
    return (*literals, _COLLECTION_VERBS.get(method, method))


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


def _is_parameter(segment: str) -> bool:
    return segment.startswith("{") and segment.endswith("}")


def _clean(segment: str) -> str:
    return python_identifier(segment, fallback="resource")
