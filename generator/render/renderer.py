"""Lay the package views out through the templates; one RenderedFile per output file."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.config import GeneratorConfig
from generator.diagnostics import GeneratorError
from generator.model.ir import ApiModel
from generator.render.escape import string_literal
from generator.render.layout import docstring_layout
from generator.render.views import PackageView, build_package_view

def _templates_folder() -> Path:
    """Inside the installed package (mapped in at build time), else the source tree's `templates/`."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


TEMPLATES = _templates_folder()

# The package's own modules, rendered with the package view.
_PACKAGE_MODULES = (
    "__init__.py", "_client.py", "_constants.py", "_operations.py", "resources/__init__.py", "types/__init__.py",
)  # fmt: skip
RUNTIME_FOLDER = "package/runtime"
"""Under the templates: the runtime modules, copied into every package as they are."""
_RUNTIME_CHECK_ONLY = ("__init__.py",)
"""What the runtime folder holds for the project's own type checks only (with `_constants.pyi`)."""


@dataclass(frozen=True)
class RenderedFile:
    """One output file, its path relative to the output directory.

    A verbatim file (a runtime module) is already in black's format and is written as it is.
    """

    path: str
    content: str
    verbatim: bool = False

    @property
    def is_python(self) -> bool:
        return self.path.endswith(".py")


@functools.lru_cache(maxsize=4)
def runtime_modules(templates: Path = TEMPLATES) -> tuple[tuple[str, str], ...]:
    """(file name, text) of each runtime module, read once per process."""
    folder = templates / RUNTIME_FOLDER
    found = tuple(
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.py"))
        if path.name not in _RUNTIME_CHECK_ONLY
    )
    if not found:  # an installation without them would write packages that cannot be imported
        raise GeneratorError(f"the runtime modules are missing from {folder} (a broken installation)")
    return found


@functools.lru_cache(maxsize=4)
def environment(templates: Path = TEMPLATES) -> jinja2.Environment:
    """The Jinja environment for a templates folder; kept so each template compiles once per process."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["pystr"] = string_literal
    env.filters["docstring"] = docstring_layout
    env.filters["rstrip"] = str.rstrip
    env.filters["tomlstr"] = json.dumps
    return env


def render_package(model: ApiModel, config: GeneratorConfig, templates: Path = TEMPLATES) -> list[RenderedFile]:
    """Every file of the generated package (Python files not yet formatted)."""
    view = build_package_view(model, config)
    env = environment(templates)
    root = view.name
    files: list[RenderedFile] = []

    def render(template: str, path: str, **context: object) -> None:
        text = env.get_template(template).render(package=view, **context)
        # Spec text with lone surrogates cannot be written as UTF-8: such characters become "?".
        files.append(RenderedFile(path, text.encode("utf-8", "replace").decode("utf-8")))

    for name in _PACKAGE_MODULES:
        render(f"package/{name}.jinja", f"{root}/{name}")
    files.extend(RenderedFile(f"{root}/{name}", text, verbatim=True) for name, text in runtime_modules(templates))
    files.append(RenderedFile(f"{root}/py.typed", ""))
    for module in view.resources:
        render("package/resources/module.py.jinja", f"{root}/resources/{module.module}.py", module=module)
    for model_module in view.model_modules:
        render("package/types/module.py.jinja", f"{root}/types/{model_module.module}.py", module=model_module)
    if view.params_module is not None:
        params = view.params_module
        render("package/types/params.py.jinja", f"{root}/types/{params.module}.py", module=params)
    render("package/pyproject.toml.jinja", "pyproject.toml")
    render("package/README.md.jinja", "README.md")
    return sorted(files, key=lambda f: f.path)


__all__ = ["PackageView", "RenderedFile", "render_package"]
