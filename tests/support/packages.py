"""Generate a client package from a spec, import it, and leave the interpreter as it was; run a
generated client, sync or async.

Every test that runs a generated package goes through `generated_package`: it writes the package
with the real pipeline, puts its folder on `sys.path` for the block, and afterwards removes the
folder and every module of the package again, so packages of other tests (often of the same
name) are never imported by mistake.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import inspect
import pkgutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterator, Optional

from generator.pipeline import Options, generate, write


def write_package(spec: Path, output: Path, *, config: Optional[Path] = None, package_name: Optional[str] = None) -> None:
    """Generate the client of spec into output (config None: names come from the spec)."""
    write(generate(Options(spec=spec, config=config, output=output, package_name=package_name)), output)


@contextlib.contextmanager
def imported_package(folder: Path, package: str) -> Iterator[ModuleType]:
    """`package`, imported from folder; sys.path and sys.modules are restored afterwards."""
    entry = str(folder)
    sys.path.insert(0, entry)
    try:
        yield importlib.import_module(package)
    finally:
        if entry in sys.path:
            sys.path.remove(entry)
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]


@contextlib.contextmanager
def generated_package(
    spec: Path, output: Path, package: str, *, config: Optional[Path] = None, package_name: Optional[str] = None
) -> Iterator[ModuleType]:
    """Generate the client of spec into output and import it as `package` for the block."""
    write_package(spec, output, config=config, package_name=package_name)
    with imported_package(output, package) as module:
        yield module


def submodules(package: str, sub: str) -> Iterator[ModuleType]:
    """Every module below `package.sub` (`types`, `resources`), its subpackages' too, imported."""
    parent = importlib.import_module(f"{package}.{sub}")
    for info in pkgutil.walk_packages(parent.__path__, prefix=f"{parent.__name__}."):
        yield importlib.import_module(info.name)


def model_classes(package: str) -> dict[str, type]:
    """Every model class a generated package defines below `types`, by its import path there
    (`Order`'s module and name: `order.Order`, `chat.completion_create_response.Choice`)."""
    import pydantic

    found: dict[str, type] = {}
    prefix = f"{package}.types."
    for module in submodules(package, "types"):
        for name, value in vars(module).items():
            if inspect.isclass(value) and issubclass(value, pydantic.BaseModel) and value.__module__ == module.__name__:
                found[f"{module.__name__.removeprefix(prefix)}.{name}"] = value
    return found


@contextlib.contextmanager
def package_of_spec_text(spec_text: str, root: Path, package_name: str) -> Iterator[ModuleType]:
    """`generated_package` of a spec given as text (written to root/<package_name>.yaml, generated into root/out)."""
    root.mkdir(parents=True, exist_ok=True)
    spec = root / f"{package_name}.yaml"
    spec.write_text(spec_text)
    with generated_package(spec, root / "out", package_name, package_name=package_name) as module:
        yield module


def run_on_client(kind: str, package: ModuleType, title: str, action: Callable[[Any], Any], **options: Any) -> Any:
    """action(client) on the package's sync client `title` (kind "sync") or on `Async<title>`, closed
    afterwards; what the async action returns is awaited (a list of calls, each in turn)."""
    if kind == "sync":
        with getattr(package, title)(**options) as client:
            return action(client)

    async def main() -> Any:
        async with getattr(package, "Async" + title)(**options) as client:
            result = action(client)
            if isinstance(result, list):
                return [await item if inspect.isawaitable(item) else item for item in result]
            return await result if inspect.isawaitable(result) else result

    return asyncio.run(main())
