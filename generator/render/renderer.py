"""Lay the package views out through the templates; one RenderedFile per output file."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.config import GeneratorConfig
from generator.diagnostics import GeneratorError
from generator.model.ir import ApiModel
from generator.processes import forked_pool
from generator.render.escape import string_literal
from generator.render.layout import Layout, docstring_layout
from generator.render.views import PackageView, build_package_view
from generator.render.views.models import cycle_module_views, model_module_views

def _templates_folder() -> Path:
    """Inside the installed package (mapped in at build time), else the source tree's `templates/`."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


TEMPLATES = _templates_folder()

# The package's own modules, rendered with the package view.
_PACKAGE_MODULES = ("__init__.py", "_client.py", "_constants.py", "_operations.py", "resources/__init__.py")
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
    env.filters["laid_out"] = Layout.text
    env.filters["rstrip"] = str.rstrip
    env.filters["tomlstr"] = json.dumps
    return env


def render_package(model: ApiModel, config: GeneratorConfig, templates: Path = TEMPLATES) -> list[RenderedFile]:
    """Every file of the generated package (Python files not yet formatted), by path."""
    return sorted(iter_package(model, config, templates), key=lambda f: f.path)


def iter_package(model: ApiModel, config: GeneratorConfig, templates: Path = TEMPLATES) -> Iterator[RenderedFile]:
    """Every file of the generated package, each rendered when it is asked for: the model and request
    modules' views are made one at a time, and none is kept once its file is rendered. A package of
    many model modules has them rendered by a second process meanwhile, where one can be forked."""
    view = build_package_view(model, config)
    env = environment(templates)
    root = view.name
    models = _model_files_elsewhere(view, templates)
    try:
        for name in _PACKAGE_MODULES:
            yield _render(env, view, f"package/{name}.jinja", f"{root}/{name}")
        yield from (RenderedFile(f"{root}/{name}", text, verbatim=True) for name, text in runtime_modules(templates))
        yield RenderedFile(f"{root}/py.typed", "")
        yield _render(env, view, "package/lazy_init.py.jinja", f"{root}/types/__init__.py", module=view.types_exports)
        for chunk, imports in view.types_exports.chunks:
            yield _render(env, view, "package/types/exports.py.jinja", f"{root}/types/{chunk}.py", imports=imports)
        for package in view.resource_packages:
            yield _render(env, view, "package/lazy_init.py.jinja", f"{root}/resources/{package.path}",
                          module=package.exports)  # fmt: skip
        for module in view.resource_modules:
            yield _render(env, view, "package/resources/module.py.jinja", f"{root}/resources/{module.path}", module=module)
        for folder in view.type_folders:
            yield _render(env, view, "package/types/folder_init.py.jinja", f"{root}/types/{folder}/__init__.py",
                          folder=folder)  # fmt: skip
        for cycle in cycle_module_views(view.placement):
            yield _render(env, view, "package/types/cycle_module.py.jinja", f"{root}/types/{cycle.path}", module=cycle)
            for links in cycle.links:
                yield _render(env, view, "package/types/cycle_links.py.jinja", f"{root}/types/{links.path}", module=links)
        for request_module in view.request_modules:
            yield _render(env, view, "package/types/request_module.py.jinja", f"{root}/types/{request_module.path}",
                          module=request_module)  # fmt: skip
        yield _render(env, view, "package/pyproject.toml.jinja", "pyproject.toml")
        yield _render(env, view, "package/README.md.jinja", "README.md")
        yield from models.result()
    finally:
        models.shutdown(cancel_futures=True)


def _render(env: jinja2.Environment, view: PackageView, template: str, path: str, **context: object) -> RenderedFile:
    text = env.get_template(template).render(package=view, **context)
    # Spec text with lone surrogates cannot be written as UTF-8: such characters become "?".
    return RenderedFile(path, text.encode("utf-8", "replace").decode("utf-8"))


def _model_files(view: PackageView, env: jinja2.Environment, share: Callable[[int], bool]) -> list[RenderedFile]:
    return [
        _render(env, view, "package/types/model_module.py.jinja", f"{view.name}/types/{module.path}", module=module)
        for module in model_module_views(view.placement, share)
    ]


PARALLEL_MODEL_MODULES = 200
"""From how many model modules on they are rendered in a second process."""
_forked_view: PackageView | None = None
"""The view a forked process renders the model modules of (it is copied by the fork, not sent)."""


def _forked_share(index: int) -> bool:
    """The model modules the forked process renders: three in four (this one renders everything else)."""
    return index % 4 != 0


def _model_files_forked(templates: Path) -> list[RenderedFile]:
    assert _forked_view is not None
    return _model_files(_forked_view, environment(templates), _forked_share)


class _Done:
    """The model modules, rendered in this process when they are asked for (no second process)."""

    def __init__(self, view: PackageView, templates: Path) -> None:
        self.view, self.templates = view, templates

    def result(self) -> list[RenderedFile]:
        return _model_files(self.view, environment(self.templates), lambda index: True)

    def shutdown(self, cancel_futures: bool = False) -> None:
        pass


class _Forked(_Done):
    """The model modules, most rendered by a forked process while this one renders the rest."""

    def __init__(self, view: PackageView, templates: Path, pool: ProcessPoolExecutor) -> None:
        global _forked_view
        super().__init__(view, templates)
        self.pool = pool
        _forked_view = view
        try:
            self.future = self.pool.submit(_model_files_forked, templates)  # forks here, with the view
        except BaseException:
            self.pool.shutdown(cancel_futures=True)
            raise
        finally:
            _forked_view = None

    def result(self) -> list[RenderedFile]:
        own = _model_files(self.view, environment(self.templates), lambda index: not _forked_share(index))
        try:
            return own + self.future.result()
        except (OSError, BrokenExecutor):  # the process died (killed for memory, say): its share here
            return own + _model_files(self.view, environment(self.templates), _forked_share)

    def shutdown(self, cancel_futures: bool = False) -> None:
        self.pool.shutdown(cancel_futures=cancel_futures)


def _model_files_elsewhere(view: PackageView, templates: Path) -> _Done:
    pool = forked_pool() if len(view.placement.modules()) >= PARALLEL_MODEL_MODULES else None
    if pool is not None:
        try:
            return _Forked(view, templates, pool)
        except (OSError, BrokenExecutor):  # the fork itself failed (no memory for it, say)
            pass
    return _Done(view, templates)


__all__ = ["PackageView", "RenderedFile", "iter_package", "render_package"]
