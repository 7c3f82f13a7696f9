"""Names a Python module imports but never uses (what pyright --strict reports as an unused import)."""

from __future__ import annotations

import ast
from pathlib import Path


def _names_used(tree: ast.AST) -> set[str]:
    """Names the code uses, quoted annotations and cast("...") targets included; a `Literal[...]`'s
    strings are values, not code."""
    used: set[str] = set()
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "Literal":
            used.add("Literal")
            continue
        if isinstance(node, ast.Name):
            used.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:  # a quoted annotation or cast("...") target
                pending.append(ast.parse(node.value, mode="eval"))
            except SyntaxError:
                pass
        pending.extend(ast.iter_child_nodes(node))
    return used


def unused_imports(path: Path) -> set[str]:
    """Imported names of the module at path that nothing in it uses (`X as X` and star re-exports excepted)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            imported |= {a.asname or a.name for a in node.names if a.asname != a.name and a.name != "*"}
        elif isinstance(node, ast.Import):
            imported |= {(a.asname or a.name).split(".")[0] for a in node.names if a.asname != a.name}
    exported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            exported |= {e.value for e in ast.walk(node.value) if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return imported - _names_used(tree) - exported
