"""Strongly connected components (Tarjan), iteratively, in a deterministic order."""

from __future__ import annotations

from typing import TypeVar

Node = TypeVar("Node", str, tuple[str, ...])


def strongly_connected_components(graph: dict[Node, list[Node]]) -> list[list[Node]]:
    """Components in dependency order (a component comes after those it depends on)."""
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    components: list[list[Node]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[Node, int]] = [(start, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            edges = [e for e in graph.get(node, []) if e in graph]
            for next_position in range(position, len(edges)):
                target = edges[next_position]
                if target not in index:
                    work.append((node, next_position + 1))
                    work.append((target, 0))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                if low[node] == index[node]:
                    component: list[Node] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(sorted(component))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return components
