"""Strongly connected components (Tarjan), iteratively, in a deterministic order."""

from __future__ import annotations


def strongly_connected_components(graph: dict[str, list[str]]) -> list[list[str]]:
    """Components in dependency order (a component comes after those it depends on)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
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
                    component: list[str] = []
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
