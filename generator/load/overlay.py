"""OpenAPI Overlay 1.0: fix an upstream spec without editing it, applied right after loading.

Each action selects nodes of the spec with a JSONPath `target` (RFC 9535) and either
`remove`s them or merges `update` into them: objects are merged key by key, recursively
(other values are replaced); when the target is an array, `update` is appended to it.

Nodes an overlay writes keep the overlay's file and line, so a later message about them
points into the overlay, and everything else still points into the spec.

A target that matches nothing is a warning located at the action, unless only a filter
(`[?...]`) found nothing in a place that exists: that is a condition not met (the defect it
fixes is absent from this version of the spec), not a broken target.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Sequence

import jsonpath_rfc9535 as jsonpath
from jsonpath_rfc9535.query import JSONPathQuery
from jsonpath_rfc9535.selectors import FilterSelector

from generator import pointer as jp
from generator.diagnostics import Diagnostic, GeneratorError
from generator.load.loader import Document, LoadedSpec, _parse, _read_bytes, _refs

SUPPORTED_VERSIONS = ("1.0.",)


def apply_overlays(spec: LoadedSpec, overlays: Sequence[Path]) -> list[Diagnostic]:
    """Apply each overlay, in order, to the spec's root document; return the warnings."""
    warnings: list[Diagnostic] = []
    for path in overlays:
        overlay = _read_overlay(Path(path))
        for index, action in enumerate(overlay.data["actions"]):
            warnings += _apply(spec.root, overlay, index, action)
    if overlays:
        _check_refs(spec)
    return warnings


def _read_overlay(path: Path) -> Document:
    overlay = _parse(path.resolve(), _read_bytes(path.resolve(), None))
    data = overlay.data
    if not isinstance(data, dict) or "overlay" not in data:
        raise GeneratorError("not an OpenAPI Overlay: no 'overlay' version field", overlay.locate(""))
    if not str(data["overlay"]).startswith(SUPPORTED_VERSIONS):
        raise GeneratorError(f"Overlay version {data['overlay']!r} is not supported (1.0.x is)", overlay.locate("/overlay"))
    actions = data.get("actions")
    if not isinstance(actions, list):
        raise GeneratorError("an overlay needs a list of 'actions'", overlay.locate("/actions"))
    for index, action in enumerate(actions):
        here = overlay.locate(f"/actions/{index}")
        if not isinstance(action, dict) or not isinstance(action.get("target"), str):
            raise GeneratorError("an overlay action needs a 'target' (a JSONPath)", here)
        if "update" not in action and action.get("remove") is not True:
            raise GeneratorError("an overlay action needs 'update' or 'remove: true'", here)
    return overlay


def _apply(document: Document, overlay: Document, index: int, action: dict[str, Any]) -> list[Diagnostic]:
    target: str = action["target"]
    where = f"/actions/{index}/target"
    try:
        query = jsonpath.compile(target)
    except jsonpath.JSONPathError as error:
        raise GeneratorError(f"invalid JSONPath {target!r}: {error}", overlay.locate(where)) from None
    nodes = query.find(document.data)
    if not nodes:
        if _only_a_filter_found_nothing(query, document.data):
            return []
        return [Diagnostic("warning", f"overlay target {target} matches nothing in the spec", overlay.locate(where))]
    if action.get("remove") is True:
        # The last first, so the indexes of the others stay as they were found.
        for location in sorted((n.location for n in nodes), key=_sort_key, reverse=True):
            _remove(document, location)
        return []
    for node in nodes:
        _update(document, jp.from_tokens(node.location), node.value, action["update"], overlay,
                f"/actions/{index}/update")  # fmt: skip
    return []


def _only_a_filter_found_nothing(query: JSONPathQuery, data: Any) -> bool:
    segments = query.segments
    first_filter = next(
        (i for i, s in enumerate(segments) if any(isinstance(sel, FilterSelector) for sel in s.selectors)), None
    )
    if first_filter is None:
        return False
    prefix = JSONPathQuery(env=query.env, segments=tuple(segments[:first_filter]))
    return bool(prefix.find(data))


def _sort_key(location: tuple[str | int, ...]) -> tuple[tuple[int, str | int], ...]:
    return tuple((0, t) if isinstance(t, int) else (1, t) for t in location)


def _remove(document: Document, location: tuple[str | int, ...]) -> None:
    if not location:
        raise GeneratorError("an overlay cannot remove the whole document", document.locate(""))
    parent_pointer = jp.from_tokens(location[:-1])
    parent = jp.lookup(document.data, parent_pointer)
    key = location[-1]
    _forget(document, jp.from_tokens(location), parent[key])
    if isinstance(parent, list) and isinstance(key, int):
        for later in range(key + 1, len(parent)):  # the items after it move up one place
            _move(document, jp.join(parent_pointer, later), jp.join(parent_pointer, later - 1), parent[later])
    del parent[key]


def _update(document: Document, pointer: str, target: Any, update: Any, overlay: Document, source: str) -> None:
    if isinstance(target, dict) and isinstance(update, dict):
        for key, value in update.items():
            child, child_source = jp.join(pointer, key), jp.join(source, key)
            if isinstance(target.get(key), dict) and isinstance(value, dict):
                _update(document, child, target[key], value, overlay, child_source)
                continue
            if key in target:
                _forget(document, child, target[key])
            target[key] = copy.deepcopy(value)
            _graft(document, child, overlay, child_source)
    elif isinstance(target, list):
        target.append(copy.deepcopy(update))
        _graft(document, jp.join(pointer, len(target) - 1), overlay, source)
    else:
        raise GeneratorError("an overlay can update only objects and arrays; target the object that holds this value",
                             overlay.locate(source))  # fmt: skip


def _pointers(pointer: str, value: Any) -> list[str]:
    """pointer and the pointer of every node inside value."""
    found = [pointer]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _pointers(jp.join(pointer, key), child)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _pointers(jp.join(pointer, index), child)
    return found


def _forget(document: Document, pointer: str, value: Any) -> None:
    for each in _pointers(pointer, value):
        document.positions.pop(each, None)
        document.origins.pop(each, None)


def _move(document: Document, old: str, new: str, value: Any) -> None:
    for each in _pointers(old, value):
        moved = new + each[len(old):]
        if each in document.positions:
            document.positions[moved] = document.positions.pop(each)
        if each in document.origins:
            document.origins[moved] = document.origins.pop(each)


def _graft(document: Document, pointer: str, overlay: Document, source: str) -> None:
    """Record that the nodes now at pointer were written at source in the overlay."""
    for each in _pointers(source, jp.lookup(overlay.data, source)):
        position = overlay.positions.get(each)
        if position is not None:
            document.origins[pointer + each[len(source):]] = (str(overlay.path), position[0], position[1])


def _check_refs(spec: LoadedSpec) -> None:
    """A `$ref` an overlay wrote must lead somewhere, like every other one."""
    for ref_pointer, ref in _refs(spec.root):
        try:
            spec.resolve(ref, spec.root)
        except (KeyError, GeneratorError):
            raise GeneratorError(f"$ref {ref!r} points to nothing", spec.root.locate(ref_pointer)) from None
