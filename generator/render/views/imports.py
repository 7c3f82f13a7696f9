"""How a module below `types/` refers to the classes other modules define: spellings and imports.

A component-level class is imported by its own name, unless the module has a class of that name;
any other class is reached through its module (`_order.Address`, the module imported as `_order`).
What comes from a module of the importing module's own import cycle is imported at its end, after
its own classes (placement.py says why that works); everything else at its start.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from generator.render.annotations import Spelling
from generator.render.placement import ModulePath, TypeName
from generator.render.views.common import ImportView


def package_relative(module: ModulePath, target: ModulePath) -> str:
    """How `module` (below `types/`) names `target` in a relative import (`.order`, `..chat.foo`)."""
    return "." * len(module) + ".".join(target)


def runtime_relative(module: ModulePath, name: str) -> str:
    """How `module` (below `types/`) names a runtime module of the package (`.._models`)."""
    return "." * (len(module) + 1) + name


def module_alias(target: ModulePath) -> str:
    """The name a module is imported as where its classes are reached through it: `_order`,
    `_chat__completion_create_response` (folders joined by a double underscore: no clash)."""
    return "_" + "__".join(target)


@dataclass(frozen=True)
class TypeImports:
    """The references of one module below `types/`: `local` the names of the classes it defines,
    `cycles` each module's import cycle (placement.Placement.cycles or the request side's)."""

    module: ModulePath
    local: frozenset[str]
    cycles: dict[ModulePath, int]

    def spell(self, name: TypeName) -> Spelling:
        if name.module == self.module:
            return Spelling(name.name, name.name)
        if name.shared and name.name not in self.local:
            return Spelling(name.name, name.name)
        alias = module_alias(name.module)
        return Spelling(f"{alias}.{name.name}", alias)

    def late(self, target: ModulePath) -> bool:
        """Whether `target` is imported at the end: a module of this one's import cycle."""
        return self.cycles.get(target, -1) == self.cycles.get(self.module, -2)

    def imports(self, refs: Iterable[TypeName]) -> tuple[list[ImportView], list[ImportView]]:
        """The imports at the start and at the end of the module, for the classes it refers to."""
        by_name: dict[tuple[bool, str], set[str]] = defaultdict(set)
        for name in set(refs):
            if name.module == self.module:
                continue
            late = self.late(name.module)
            spelling = self.spell(name)
            if spelling.needs == name.name:
                by_name[(late, package_relative(self.module, name.module))].add(name.name)
            else:
                parent = package_relative(self.module, name.module[:-1])
                by_name[(late, parent)].add(f"{name.module[-1]} as {spelling.needs}")
        early = [ImportView(source, sorted(names)) for (late, source), names in sorted(by_name.items()) if not late]
        end = [ImportView(source, sorted(names)) for (late, source), names in sorted(by_name.items()) if late]
        return early, end


@dataclass
class TypesModule:
    """A module below `types/`: where it is, and how it names the package's runtime modules."""

    module: ModulePath

    @property
    def path(self) -> str:
        """The module's file below `types/`."""
        return "/".join(self.module) + ".py"

    @property
    def runtime(self) -> str:
        """The package's runtime modules, relative to this one (`.._models` is `{runtime}_models`)."""
        return runtime_relative(self.module, "")
