"""Command line: `openapi-client-gen generate|check|diff|update-spec ...` (or `python -m generator`)."""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
import time
from pathlib import Path
from typing import Sequence

from generator import __version__
from generator.diagnostics import Diagnostic, GeneratorError, SourceLocation, unexpected
from generator.pipeline import (
    DEFAULT_CACHE,
    DEFAULT_OUTPUT,
    DEFAULT_SPEC,
    Options,
    build_model_only,
    check,
    config_for,
    generate,
    resolve_config,
    write,
)

EXIT_OK, EXIT_DRIFT, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
MAX_WARNINGS_SHOWN = 20


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=_program_name(), description="Generate a typed Python client from an OpenAPI description.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("generate", "generate the client package into the output directory"),
        ("check", "exit 1 when the output directory is not exactly what would be generated"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("spec", nargs="?", type=Path, default=DEFAULT_SPEC, help="OpenAPI YAML or JSON file (default: specs/portkey.yaml)")
        command.add_argument("--config", type=Path, default=None, help="generator config YAML (default: NAME.config.yaml beside NAME.yaml; else names come from the spec)")
        command.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="output directory (default: generated/)")
        command.add_argument("--package-name", help="Python package name (overrides the config)")
        command.add_argument("--strict", action="store_true", help="treat spec validation errors as fatal")
        command.add_argument("--allow-remote-refs", action="store_true", help="fetch $refs that name http(s) URLs")
        command.add_argument("--no-cache", action="store_true", help="do not use the formatting cache")
        command.add_argument("--format-all", action="store_true",
                             help="run black on every file, not only where the rendered layout defers to it")  # fmt: skip
        command.add_argument("--verbose", action="store_true", help="show every warning")
        if name == "generate":
            command.add_argument("--changelog", type=Path, metavar="OLD_SPEC",
                                 help="also write CHANGELOG.md into the output: the changes since OLD_SPEC")  # fmt: skip
    diff = commands.add_parser("diff", help="classify the changes between two versions of a spec")
    diff.add_argument("old", type=Path, nargs="?", help="the older spec")
    diff.add_argument("new", type=Path, nargs="?", help="the newer spec")
    diff.add_argument("--config", type=Path, default=None, help="generator config (naming and severities)")
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    diff.add_argument("--fail-on-breaking", action="store_true", help="exit 1 when any change is breaking")
    diff.add_argument("--rules", action="store_true", help="print the table of rules and exit")
    update = commands.add_parser("update-spec", help="fetch the published spec, show the changes, regenerate")
    update.add_argument("spec", nargs="?", type=Path, default=DEFAULT_SPEC, help="the spec file to replace")
    update.add_argument("--config", type=Path, default=None)
    update.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    update.add_argument("--dry-run", action="store_true", help="print the changes and what would happen; write nothing")
    update.add_argument("--from", dest="source", metavar="PATH_OR_URL",
                        help="the newer spec: a local path, file:// or http(s) URL (default: spec_url in the config)")  # fmt: skip
    return parser


def _program_name() -> str:
    """The command as the user typed it: the console script's name, or `python -m generator`."""
    invoked = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python -m generator" if invoked in ("", "__main__.py", "-c") else invoked


def _config_path(args: argparse.Namespace, spec: Path) -> Path | None:
    """The config the user named (which must exist), else the one beside the spec, else none."""
    if args.config is not None and not args.config.is_file():
        raise GeneratorError(f"config file not found: {args.config}")
    return config_for(spec, args.config)


def _update_spec(args: argparse.Namespace) -> int:
    config_path = _config_path(args, args.spec)
    config = resolve_config(Options(config=config_path))
    source = args.source or config.spec_url
    if not source:
        where = SourceLocation(str(config_path)) if config_path else None
        raise GeneratorError("no spec_url in the config and no --from: nothing to fetch", where)
    import tempfile

    from generator import diff
    from generator.load.fetch import read_source

    with tempfile.TemporaryDirectory() as folder:
        fetched = Path(folder) / args.spec.name
        fetched.write_bytes(read_source(source))
        changes = diff.compare(build_model_only(args.spec, config), build_model_only(fetched, config),
                               config.change_severities)  # fmt: skip
        print(diff.render_text(changes), end="")
        if args.dry_run:
            print(f"\nwould replace {_show(str(args.spec))} with {source}\nwould regenerate {_show(str(args.output))}")
            return EXIT_OK
        args.spec.write_bytes(fetched.read_bytes())
    return _generate(Options(spec=args.spec, config=config_path, output=args.output), verbose=False)


def _require_local_spec(spec: Path) -> None:
    # argparse made a Path of it, which folds "https://" into "https:/".
    if re.match(r"^https?:/", str(spec)):
        url = re.sub(r"^(https?):/+", r"\1://", str(spec))
        raise GeneratorError("a spec given as a URL is not fetched: download it and pass the file "
                             "(remote $refs inside a local spec are fetched with --allow-remote-refs)",
                             SourceLocation(url))  # fmt: skip


def _require_output_directory(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise GeneratorError("the output path is a file; give a directory (it is created when missing)",
                             SourceLocation(str(output)))  # fmt: skip


def _options(args: argparse.Namespace) -> Options:
    _require_local_spec(args.spec)
    _require_output_directory(args.output)
    return Options(
        spec=args.spec,
        config=_config_path(args, args.spec),
        output=args.output,
        package_name=args.package_name,
        strict=args.strict,
        cache_dir=None if args.no_cache else DEFAULT_CACHE,
        allow_remote_refs=args.allow_remote_refs,
        format_all=args.format_all,
    )


def _show(location_text: str) -> str:
    """Paths relative to the working directory where that is shorter."""
    cwd = os.getcwd() + os.sep
    return location_text.replace(cwd, "")


def _print_warnings(diagnostics: list[Diagnostic], verbose: bool) -> None:
    shown = diagnostics if verbose else diagnostics[:MAX_WARNINGS_SHOWN]
    for diagnostic in shown:
        print(_show(str(diagnostic)), file=sys.stderr)
    if len(diagnostics) > len(shown):
        print(f"... and {len(diagnostics) - len(shown)} more warnings (--verbose shows all)", file=sys.stderr)


def _generate(options: Options, verbose: bool) -> int:
    started = time.perf_counter()
    if options.changelog_from is None:
        drift, fast = check(options, fast_only=True)
        if fast and drift.clean:
            print(f"{_show(str(options.output.resolve()))} is up to date: nothing to write "
                  f"({time.perf_counter() - started:.2f} s)")  # fmt: skip
            return EXIT_OK
    generation = generate(options)
    result = write(generation, options.output, options.changelog_from)
    _print_warnings(generation.diagnostics, verbose)
    model = generation.model
    print(
        f"{generation.config.package_name}: "
        f"{len(model.operations)} operations, {len(model.schemas)} models, "
        f"{len(generation.diagnostics)} warnings, {len(result.written)} files written "
        f"({len(result.unchanged)} unchanged, {len(result.removed)} removed) "
        f"in {time.perf_counter() - started:.2f} s -> {_show(str(options.output.resolve()))}"
    )
    return EXIT_OK


def _check(options: Options) -> int:
    started = time.perf_counter()
    drift, fast = check(options)
    seconds = time.perf_counter() - started
    if drift.clean:
        print(f"{_show(str(options.output.resolve()))} is up to date ({'hash check' if fast else 'full regeneration'}, {seconds:.2f} s)")
        return EXIT_OK
    print(f"{_show(str(options.output.resolve()))} is out of date; run `{_program_name()} generate` with the same arguments:")
    for label, paths in (("stale", drift.stale), ("edited", drift.edited), ("missing", drift.missing),
                         ("extra", drift.extra)):  # fmt: skip
        for path in paths:
            print(f"  {label:8} {path}")
    return EXIT_DRIFT


def _diff(args: argparse.Namespace) -> int:
    from generator import diff  # only this command and update-spec need it

    if args.rules:
        print(diff.rules_table(), end="")
        return EXIT_OK
    if args.old is None or args.new is None:
        raise GeneratorError("diff needs two specs: diff OLD NEW (only --rules needs none)")
    for spec in (args.old, args.new):
        _require_local_spec(spec)
    config = resolve_config(Options(config=_config_path(args, args.new)))
    warnings: list[Diagnostic] = []
    changes = diff.compare(build_model_only(args.old, config, overlay_warnings=warnings),
                           build_model_only(args.new, config, overlay_warnings=warnings), config.change_severities)  # fmt: skip
    _print_warnings(warnings, verbose=False)
    render = {"text": diff.render_text, "json": diff.render_json, "markdown": diff.render_markdown}[args.format]
    print(render(changes), end="")
    breaking = any(c.severity == "breaking" for c in changes)
    return EXIT_DRIFT if args.fail_on_breaking and breaking else EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # A run is short and keeps nearly everything it builds until it ends; the cyclic garbage
    # collector would rescan those objects again and again (a 10x spec took 40% longer).
    gc.disable()
    try:
        if args.command == "diff":
            return _diff(args)
        if args.command == "update-spec":
            return _update_spec(args)
        options = _options(args)
        if args.command == "generate":
            if args.changelog is not None:
                options.changelog_from = args.changelog
            return _generate(options, args.verbose)
        return _check(options)
    except GeneratorError as error:
        print(_show(str(error)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted; the output directory was left as it was", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # whatever no stage caught: still one line, never a traceback
        where = SourceLocation(str(getattr(args, "spec", None) or getattr(args, "new", "")))
        print(_show(str(unexpected(args.command, error, where))), file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        gc.enable()
