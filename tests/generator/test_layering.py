"""The pipeline's stages stay layered: each imports only the stages before it, and no two modules
of the generator import each other (at run time; `if TYPE_CHECKING:` imports are for readers)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import ROOT

# Each stage may import the shared modules and the stages before it.
SHARED = {"diagnostics", "pointer", "names", "config", "config_schema", "processes", "__init__"}
ORDER = ["load", "validate", "model", "render", "format", "write"]
LATER = {"diff": ["load", "model", "render"], "pipeline": ORDER, "cli": [*ORDER, "pipeline", "diff"], "__main__": ["cli"]}


def _imports() -> dict[str, set[str]]:
    """generator module -> the generator modules it imports at run time."""
    files = {}
    for path in (ROOT / "generator").rglob("*.py"):
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        files[name] = path
    found: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if node.level:
                    parts = package.split(".")
                    module = ".".join(parts[: len(parts) - node.level + 1] + ([module] if module else []))
                for alias in node.names:
                    deps.add(f"{module}.{alias.name}" if f"{module}.{alias.name}" in files else module)
            elif isinstance(node, ast.Import):
                deps |= {alias.name for alias in node.names}
        found[name] = {d for d in deps if d in files and d != name}
    return found


def test_no_two_modules_import_each_other() -> None:
    graph = _imports()
    cycles = []
    for start in sorted(graph):
        pending = [(start, [start])]
        while pending:
            node, path = pending.pop()
            for target in sorted(graph[node]):
                if target == start:
                    cycles.append(" -> ".join(path + [start]))
                elif target not in path and target > start:  # each cycle found from its smallest module
                    pending.append((target, path + [target]))
    assert cycles == []


def test_each_stage_imports_only_the_stages_before_it() -> None:
    def stage(module: str) -> str:
        return module.split(".")[1] if "." in module else "__init__"

    wrong = []
    for module, deps in sorted(_imports().items()):
        own = stage(module)
        allowed = SHARED | {own} | set(ORDER[: ORDER.index(own)] if own in ORDER else LATER.get(own, []))
        wrong += [f"{module} imports {d}" for d in sorted(deps) if stage(d) not in allowed]
    assert wrong == []
