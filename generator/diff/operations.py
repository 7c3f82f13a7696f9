"""Operations: matched by method and path (path variables by position), removed, added, moved."""

from __future__ import annotations

from generator.diff import parameters, request_bodies, responses
from generator.diff.core import Context, Site, path_template
from generator.diff.rules import declarer
from generator.model.ir import Operation

rule = declarer("operations")

OPERATION_REMOVED = rule(
    "operation-removed", "breaking", "an operation was removed: its method no longer exists",
    "DELETE /pets/{id} removed: client.pets.delete is gone")  # fmt: skip
OPERATION_ADDED = rule(
    "operation-added", "non-breaking", "a new operation (and method)",
    "new GET /pets/{id}/toys: client.pets.toys.list")  # fmt: skip
METHOD_MOVED = rule(
    "method-moved", "breaking", "the operation's method has a new name or place in the client",
    "client.pets.feed is now client.pets.meals.create")  # fmt: skip
OPERATION_ID_CHANGED = rule(
    "operation-id-changed", "non-breaking", "the operationId changed, the method did not",
    "operationId getPet -> retrievePet; still client.pets.retrieve")  # fmt: skip


def match_operations(old: list[Operation], new: list[Operation]) -> tuple[
    list[tuple[Operation, Operation]], list[Operation], list[Operation]
]:  # fmt: skip
    """(old, new) pairs, then the removed and the added operations.

    Exact method and path first; what is left is matched with path variables by position.
    """
    old_by_path = {(op.method, op.path): op for op in old}
    new_by_path = {(op.method, op.path): op for op in new}
    pairs = [(old_by_path[k], new_by_path[k]) for k in old_by_path.keys() & new_by_path.keys()]
    left_old = {(op.method, path_template(op.path)): op for k, op in old_by_path.items() if k not in new_by_path}
    left_new = {(op.method, path_template(op.path)): op for k, op in new_by_path.items() if k not in old_by_path}
    pairs += [(left_old[k], left_new[k]) for k in left_old.keys() & left_new.keys()]
    removed = [op for k, op in left_old.items() if k not in left_new]
    added = [op for k, op in left_new.items() if k not in left_old]
    order = lambda op: (op.path, op.method)  # noqa: E731
    return sorted(pairs, key=lambda p: order(p[0])), sorted(removed, key=order), sorted(added, key=order)


def compare_operations(ctx: Context) -> list[Operation]:
    """Compare every operation; return the old operations that still exist."""
    pairs, removed, added = match_operations(ctx.old.operations, ctx.new.operations)
    for op in removed:
        site = Site.of(op)
        ctx.report.add(OPERATION_REMOVED, site, f"{site.method} is gone")
    for op in added:
        site = Site.of(op)
        ctx.report.add(OPERATION_ADDED, site, f"new method {site.method}")
    for was, now in pairs:
        site = Site.of(now)
        if was.call_path != now.call_path:
            ctx.report.add(METHOD_MOVED, site, f"client.{'.'.join(was.call_path)} is now {site.method}")
        elif was.operation_id != now.operation_id:
            ctx.report.add(OPERATION_ID_CHANGED, site, f"operationId {was.operation_id} -> {now.operation_id}")
        parameters.compare_parameters(ctx, site, was, now)
        request_bodies.compare_request_bodies(ctx, site, was, now)
        responses.compare_responses(ctx, site, was, now)
    return [was for was, _ in pairs]
