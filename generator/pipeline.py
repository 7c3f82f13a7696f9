"""load -> validate -> model -> render -> format -> write, and the drift check."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import time
from collections.abc import Iterator
from concurrent.futures import BrokenExecutor, Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from generator import __version__
from generator.config import GeneratorConfig, config_beside, read_config, resolve_config, spec_findings
from generator.diagnostics import IGNORED, Diagnostic, GeneratorError, SourceLocation, unexpected
from generator.format import format_files
from generator.load import load_spec
from generator.load.overlay import apply_overlays
from generator.processes import forked_pool
from generator.load.loader import LoadedSpec
from generator.model import ApiModel, build_model
from generator.render import RenderedFile, render_package
from generator.render.renderer import TEMPLATES, runtime_modules
from generator.validate import validate_spec
from generator.write import Drift, compare_output, write_output
from generator.write.changelog import is_ours as changelog_is_ours, write_changelog
from generator.write.writer import MANIFEST, WriteResult, manifest_content, read_manifest

DEFAULT_OUTPUT = Path("generated")
"""Relative to the working directory, as every path a user gives."""


def user_cache_dir() -> Path:
    """The tool's cache: `$XDG_CACHE_HOME/openapi-client-gen`, else `~/.cache/openapi-client-gen`."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "openapi-client-gen"


def default_format_cache() -> Path:
    return user_cache_dir() / "black"


@dataclass
class Options:
    spec: Path
    config: Path | None = None
    output: Path = DEFAULT_OUTPUT
    package_name: str | None = None
    strict: bool = False
    cache_dir: Path | None = field(default_factory=default_format_cache)
    changelog_from: Path | None = None
    allow_remote_refs: bool = False
    format_all: bool = False
    force: bool = False
    """Take over files in the output the generator did not write."""


@dataclass
class Generation:
    """The complete output of one run, in memory."""

    model: ApiModel
    files: list[RenderedFile]
    diagnostics: list[Diagnostic]
    config: GeneratorConfig
    allow_remote_refs: bool = False
    timings: dict[str, float] = field(default_factory=dict)


def run_config(options: Options, title: str | None = None) -> GeneratorConfig:
    """The settings of a run: the config file's (if any) and --package-name over the names derived from the title."""
    file = read_config(options.config) if options.config is not None else None
    return resolve_config(file, title, options.package_name)


def config_for(spec: Path, named: Path | None) -> Path | None:
    """The config a run uses: the one named, else `NAME.config.yaml` beside the spec, else none."""
    return named if named is not None else config_beside(spec)


def starter_config(spec_path: Path, allow_remote_refs: bool = False) -> tuple[str, str]:
    """`init`'s config for a spec (the names derived from it, every credential, every key), and a summary."""
    from generator.config_schema import Starter, StarterCredential, starter_config as render_starter
    from generator.render.views.credentials import credential_views

    spec = load_spec(spec_path, allow_remote_refs)
    config = resolve_config(None, spec_title(spec))
    model = build_model(spec, config)
    starter = Starter(spec_path.name, {
        "package_name": config.package_name, "distribution_name": config.distribution_name,
        "client_class": config.client_class, "async_client_class": config.async_client_class,
        "env_prefix": config.env_prefix, "log_env": config.log_env, "base_url.env": config.base_url_env,
    })  # fmt: skip
    views = credential_views(model, config)
    for name, scheme in model.security_schemes.items():
        own = [view for view in views if view.scheme == name]
        if not own:
            continue
        where = f" in {scheme.location} {scheme.parameter_name!r}" if scheme.location else ""
        kind = f"{scheme.type} {scheme.scheme or ''}".strip()
        basic = own[0].kind == "basic"
        what = f"{name}: {kind}{where}" + (
            f" -- two arguments, {own[0].argument} and {own[0].partner}; an entry here names the first, and the "
            "second becomes <argument>_password" if basic else ""
        )
        starter.credentials.append(StarterCredential(name, own[0].argument, own[0].env, what, scheme.description, basic))
    summary = (f"package {config.package_name}, classes {config.client_class}/{config.async_client_class}, "
               f"{len(starter.credentials)} credential{'' if len(starter.credentials) == 1 else 's'}")  # fmt: skip
    return render_starter(starter), summary


def spec_title(spec: LoadedSpec) -> str | None:
    info = spec.root.data.get("info") if isinstance(spec.root.data, dict) else None
    title = info.get("title") if isinstance(info, dict) else None
    return title if isinstance(title, str) else None


def inputs_digest(paths: list[Path], config: GeneratorConfig) -> str:
    """A hash of everything the output depends on: spec files, config, templates, generator."""
    digest = hashlib.sha256(__version__.encode())
    # Not the machine's paths; the overlays are hashed by content among `paths`.
    digest.update(repr(sorted(config.settings().items())).encode())
    sources = sorted(paths)
    sources += sorted(TEMPLATES.rglob("*.jinja")) + sorted(Path(__file__).parent.rglob("*.py"))
    for path in sources:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes())
    for name, text in runtime_modules(TEMPLATES):  # the same files in a source tree and a wheel
        digest.update(name.encode())
        digest.update(text.encode())
    return digest.hexdigest()


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector runs far less often for the block.

    A run makes millions of small objects that live till its end (the spec's tree and where each
    node is written, the model, the views): each collection walks them all again, finding nothing,
    and took most of the time of a large spec's load and render stages (a 9 MB spec loaded in
    2.7 s instead of 9.9 s).
    """
    threshold = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def generate(options: Options) -> Generation:
    """Run every stage up to formatting; nothing is written.

    Bad input raises GeneratorError; so does any other exception, as one line naming the
    stage and the spec (never a traceback).
    """
    with fewer_collections():
        return _generate(options)


def _generate(options: Options) -> Generation:
    stage = "load"
    try:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        spec = load_spec(options.spec, options.allow_remote_refs)
        config = run_config(options, spec_title(spec))
        overlay_warnings = apply_overlays(spec, config.overlays)
        timings["load"] = time.perf_counter() - started
        # Validation is slow, CPU-bound and independent of the rest: it runs in its own process
        # (forked, so the spec is not copied) while the model is built, rendered and formatted.
        with _validation_pool() as pool:
            validation = _Validation(pool, spec)
            stage = "model"
            model = build_model(spec, config)
            config_warnings = config.warnings + spec_findings(config, model)
            timings["model"] = time.perf_counter() - started
            if options.strict:
                _raise_if_invalid(config_warnings + overlay_warnings + validation.result())
            stage = "render"
            rendered = render_package(model, config)
            timings["render"] = time.perf_counter() - started
            stage = "format"
            files = format_files(rendered, options.cache_dir, options.format_all)
            timings["format"] = time.perf_counter() - started
            diagnostics = _unique(config_warnings + overlay_warnings + validation.result() + model.diagnostics)
        timings["validate"] = time.perf_counter() - started
        stage = "manifest"
        input_paths = sorted(p for p, d in spec.documents.items() if d.url is None)
        input_paths += [options.config] if options.config else []
        input_paths += [p.resolve() for p in config.overlays]
        # Names derived from the title depend on the spec's bytes, already hashed: the digest takes
        # the settings that do not need the spec, as the fast check (which does not load it) does.
        digest = inputs_digest(input_paths, run_config(options))
        remote = sorted(d.url for d in spec.documents.values() if d.url)
        manifest = manifest_content(files, digest, __version__, _relative_inputs(input_paths, options.output), remote)
        files.append(RenderedFile(MANIFEST, manifest))
    except (GeneratorError, KeyboardInterrupt):
        raise
    except Exception as error:
        raise unexpected(stage, error, SourceLocation(str(options.spec))) from None
    return Generation(model, files, diagnostics, config, options.allow_remote_refs, timings)


def _validation_pool() -> Executor:
    return forked_pool() or ThreadPoolExecutor(max_workers=1)


class _Validation:
    """The spec's validation, started in the pool; run here instead when the pool cannot take it
    or its process dies (killed for memory, say): the findings are the same."""

    def __init__(self, pool: Executor, spec: LoadedSpec) -> None:
        self.spec = spec
        self.found: list[Diagnostic] | None = None
        try:
            self.future: Future[list[Diagnostic]] | None = pool.submit(validate_spec, spec)
        except (OSError, BrokenExecutor):
            self.future = None

    def result(self) -> list[Diagnostic]:
        if self.found is None:
            try:
                self.found = self.future.result() if self.future is not None else validate_spec(self.spec)
            except (OSError, BrokenExecutor):
                self.found = validate_spec(self.spec)
        return self.found


def _raise_if_invalid(diagnostics: list[Diagnostic]) -> None:
    """--strict: the first warning (of the config, else of the spec) as an error."""
    if diagnostics:
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more warnings)" if len(diagnostics) > 1 else ""
        raise GeneratorError(f"{first.message.removesuffix(IGNORED)}{more} (--strict)", first.location)


def _unique(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each finding once: two stages (or two validator rules) may say the same thing at the same place."""
    return list(dict.fromkeys(diagnostics))


def _relative_inputs(paths: list[Path], output: Path) -> list[str]:
    return [Path(os.path.relpath(p.resolve(), output.resolve())).as_posix() for p in paths]


CHANGELOG = "CHANGELOG.md"


def write(generation: Generation, output: Path, changelog_from: Path | None = None, force: bool = False) -> WriteResult:
    """Write the output; with changelog_from, also add this release's changes to CHANGELOG.md.

    Files in the output the manifest does not list are the user's: unless `force`, finding one the
    generator would write stops everything before a byte is written.
    """
    changelog = None
    if changelog_from is not None:
        from generator import diff

        old = build_model_only(changelog_from, generation.config, generation.allow_remote_refs)
        changes = diff.compare(old, generation.model, generation.config.change_severities)
        changelog = (old.version, generation.model.version, diff.render_markdown(changes, title=None))
    user_changelog = [CHANGELOG] if changelog and not changelog_is_ours(output / CHANGELOG) else []
    result = write_output(generation.files, output, force=force, unowned_extra=user_changelog)
    if changelog:
        write_changelog(output / CHANGELOG, *changelog)
    return result


def build_model_only(
    spec_path: Path, config: GeneratorConfig, allow_remote_refs: bool = False,
    overlay_warnings: list[Diagnostic] | None = None,
) -> ApiModel:  # fmt: skip
    """Load, overlay and model a spec (no validation, rendering or formatting): what `diff` compares.

    The overlays' warnings are added to `overlay_warnings` when it is given.
    """
    with fewer_collections():
        spec = load_spec(spec_path, allow_remote_refs)
    warnings = apply_overlays(spec, config.overlays)
    if overlay_warnings is not None:
        overlay_warnings.extend(w for w in warnings if str(w) not in {str(o) for o in overlay_warnings})
    try:
        model = build_model(spec, config)
    except (GeneratorError, KeyboardInterrupt):
        raise
    except Exception as error:
        raise unexpected("model", error, SourceLocation(str(spec_path))) from None
    model.diagnostics[:0] = warnings
    return model


def check(options: Options, fast_only: bool = False) -> tuple[Drift, bool]:
    """Compare the output on disk with what would be generated. Returns (drift, fast path used).

    When the manifest's input hash matches the current inputs, only file hashes are
    compared (no spec parsing, no formatting); otherwise everything is regenerated in memory.
    """
    if options.strict:
        _validate_strictly(options)  # "up to date" must not hide an invalid spec
    fast = _fast_check(options)
    if fast is not None:
        return fast, True
    if fast_only:
        return Drift(), False
    generation = generate(options)
    return compare_output(generation.files, options.output), False


def _validate_strictly(options: Options) -> None:
    """What --strict refuses, without rendering: the config's warnings, the overlays' and the validator's."""
    try:
        spec = load_spec(options.spec, options.allow_remote_refs)
        config = run_config(options, spec_title(spec))
        overlay_warnings = apply_overlays(spec, config.overlays)
        model = build_model(spec, config)
        diagnostics = config.warnings + spec_findings(config, model) + overlay_warnings + validate_spec(spec)
    except (GeneratorError, KeyboardInterrupt):
        raise
    except Exception as error:
        raise unexpected("validate", error, SourceLocation(str(options.spec))) from None
    _raise_if_invalid(diagnostics)


def _fast_check(options: Options) -> Drift | None:
    manifest = read_manifest(options.output)
    inputs = manifest.get("input_files")
    recorded = manifest.get("files")
    if not isinstance(inputs, list) or not isinstance(recorded, dict) or manifest.get("remote_inputs"):
        return None
    paths = [(options.output / p).resolve() for p in inputs]
    if not all(p.is_file() for p in paths):
        return None
    config = run_config(options)
    spec_paths = [p for p in paths if options.config is None or p != options.config.resolve()]
    if options.spec.resolve() not in spec_paths:
        return None
    if inputs_digest(spec_paths + ([options.config] if options.config else []), config) != manifest.get(
        "inputs"
    ):
        return None
    drift = Drift()
    for path, expected in sorted(recorded.items()):
        target = options.output / path
        try:
            actual = hashlib.sha256(target.read_bytes()).hexdigest()
        except OSError:
            drift.missing.append(path)
            continue
        if actual != expected:
            drift.edited.append(path)  # the inputs are unchanged, so only a hand could have changed it
    return drift
