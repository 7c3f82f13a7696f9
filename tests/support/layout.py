"""What a generated package's modules define: the public class names, and percentiles of their lengths."""

from __future__ import annotations

import ast
import math


def percentile(sorted_values: list[int], share: float) -> int:
    """The nearest-rank percentile."""
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def public_names(source: str) -> list[str]:
    """A module's top-level classes and the other names its `__all__` lists."""
    tree = ast.parse(source)
    names = [n.name for n in tree.body if isinstance(n, ast.ClassDef) and not n.name.startswith("_")]
    exported: list[str] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets) and isinstance(node.value, ast.List):
            exported = [e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    assigned = {t.id for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target]) if isinstance(t, ast.Name)}  # fmt: skip
    assigned |= {t.id for node in tree.body if isinstance(node, ast.If) for inner in node.body + node.orelse
                 if isinstance(inner, (ast.Assign, ast.AnnAssign))
                 for t in (inner.targets if isinstance(inner, ast.Assign) else [inner.target]) if isinstance(t, ast.Name)}  # fmt: skip
    return names + [n for n in exported if n in assigned and n not in names]
