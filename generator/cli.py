"""Command line: `openapi-client-gen generate|check|diff|update-spec|init ...` (or `python -m generator`).

Every path is the user's, relative to the working directory. Bad input is one located line and
exit code 2; an exception no stage expected is a generator bug, and its traceback is saved to a
file the line names (`--debug` prints it too).
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import gc
import os
import re
import sys
import time
from pathlib import Path
from typing import Any, NoReturn, Sequence

from generator import __version__
from generator.diagnostics import Diagnostic, GeneratorBug, GeneratorError, SourceLocation, unexpected, user_path_error
from generator.pipeline import (
    DEFAULT_OUTPUT,
    Options,
    build_model_only,
    check,
    config_for,
    default_format_cache,
    generate,
    run_config,
    user_cache_dir,
    write,
)
from generator.write.writer import MANIFEST

EXIT_OK, EXIT_DRIFT, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
MAX_WARNINGS_SHOWN = 20

EXIT_CODES = """\
exit codes:
  0    success (check: the output is up to date)
  1    check: the output is not what the spec would generate;
       diff and update-spec with --fail-on-breaking: a breaking change
  2    bad input or usage, said in one line `file:line: error: message`: the spec, the config,
       an argument, or an output directory holding files the generator did not write
  130  interrupted (Ctrl-C); the output directory is left as it was"""


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class _CommandParser(argparse.ArgumentParser):
    """A subcommand's parser: a misspelt option is answered with this command's usage and the nearest option."""

    def unknown_arguments(self, extras: list[str]) -> NoReturn:
        options = [o for action in self._actions for o in action.option_strings if o.startswith("--")]
        hints = []
        for extra in extras:
            flag = extra.split("=", 1)[0]
            close = difflib.get_close_matches(flag, options, n=1, cutoff=0.6) if flag.startswith("-") else []
            if close:
                hints.append(f"did you mean {close[0]}?")
        self.error(f"unrecognized arguments: {' '.join(extras)}" + (f" ({'; '.join(hints)})" if hints else ""))


def _parser() -> tuple[argparse.ArgumentParser, dict[str, _CommandParser]]:
    program = _program_name()
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=program, description="Generate a typed Python client package from an OpenAPI 3.0/3.1 description.",
        epilog=f"{EXIT_CODES}\n\n`{program} COMMAND --help` describes each command.", formatter_class=formatter,
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_CommandParser)
    parsers: dict[str, _CommandParser] = {}

    def command(name: str, summary: str, description: str) -> _CommandParser:
        sub = commands.add_parser(name, help=summary, description=description, epilog=EXIT_CODES, formatter_class=formatter)
        parsers[name] = sub
        return sub

    def spec_argument(sub: _CommandParser, what: str = "the OpenAPI description (YAML or JSON file)") -> None:
        sub.add_argument("spec", type=Path, metavar="SPEC", help=what)

    def config_option(sub: _CommandParser, what: str) -> None:
        sub.add_argument("--config", type=Path, default=None, metavar="CONFIG",
                         help=f"generator config YAML ({what}; default: SPEC's NAME.config.yaml beside it when there "
                              "is one, else names derived from the spec; see docs/config.md)")  # fmt: skip

    def output_option(sub: _CommandParser, what: str) -> None:
        sub.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, metavar="DIR",
                         help=f"{what} (default: ./{DEFAULT_OUTPUT} in the working directory)")  # fmt: skip

    def generation_options(sub: _CommandParser) -> None:
        sub.add_argument("--package-name", metavar="NAME",
                         help="the Python package name (overrides the config; an identifier that is no keyword, "
                              "standard-library module or dependency of the client)")  # fmt: skip
        sub.add_argument("--strict", action="store_true",
                         help="make every warning about the spec and the config an error (exit 2)")
        sub.add_argument("--allow-remote-refs", action="store_true", help="fetch $refs that name http(s) URLs")
        sub.add_argument("--no-cache", action="store_true",
                         help=f"do not use the formatting cache (kept in {_show(str(default_format_cache()))})")
        sub.add_argument("--format-all", action="store_true",
                         help="run black on every file, not only where the rendered layout defers to it")
        sub.add_argument("--verbose", action="store_true", help=f"show every warning (else the first {MAX_WARNINGS_SHOWN})")
        sub.add_argument("--debug", action="store_true", help="on a generator bug, print the traceback too")

    generate_parser = command(
        "generate", "generate the client package into the output directory",
        "Generate the client package from SPEC into --output. Only files the generator wrote before (listed in "
        f"the output's {MANIFEST}) are replaced or removed; a file of yours in the way stops the run "
        "before anything is written, unless --force.",
    )  # fmt: skip
    spec_argument(generate_parser)
    config_option(generate_parser, "names, credentials and placement")
    output_option(generate_parser, "the output directory, created when missing")
    generation_options(generate_parser)
    generate_parser.add_argument("--force", action="store_true",
                                 help="overwrite files in the output that the generator did not write")
    generate_parser.add_argument("--changelog", type=Path, metavar="OLD_SPEC",
                                 help="also add the changes since OLD_SPEC to CHANGELOG.md in the output, under "
                                      "the new spec's info.version and today's date (newest first)")  # fmt: skip

    check_parser = command(
        "check", "exit 1 when the output directory is not exactly what would be generated",
        "Compare --output with what SPEC and the config would generate; list stale, missing, extra and "
        "hand-edited files. Made for CI: the manifest's hashes decide without formatting anything.",
    )  # fmt: skip
    spec_argument(check_parser)
    config_option(check_parser, "as given to generate")
    output_option(check_parser, "the generated directory to check")
    generation_options(check_parser)

    diff = command(
        "diff", "classify the changes between two versions of a spec",
        "Compare two specs through the client they generate: every change under each Python method it reaches, "
        "breaking, warning or non-breaking (`--rules` lists the rules).",
    )  # fmt: skip
    diff.add_argument("old", type=Path, nargs="?", metavar="OLD", help="the older spec")
    diff.add_argument("new", type=Path, nargs="?", metavar="NEW", help="the newer spec")
    config_option(diff, "its overlays, names and change_severities apply to both specs")
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                      help="the report's format: text (default), json (one entry per change) or markdown "
                           "(for a pull-request comment)")  # fmt: skip
    diff.add_argument("--fail-on-breaking", action="store_true", help="exit 1 when any change is breaking")
    diff.add_argument("--rules", action="store_true", help="print the table of rules and exit")

    update = command(
        "update-spec", "fetch the published spec, show the changes, replace SPEC and regenerate",
        "Fetch the newer spec (--from, else spec_url in the config), report its changes against SPEC, then "
        "replace SPEC and regenerate --output. A fetched spec that does not load, or that would remove every "
        "operation, is refused (--force applies one without operations).",
    )  # fmt: skip
    spec_argument(update, "the spec file to replace")
    config_option(update, "spec_url, overlays and change_severities")
    output_option(update, "the output directory to regenerate")
    update.add_argument("--from", dest="source", metavar="PATH_OR_URL",
                        help="the newer spec: a local path, file:// or http(s) URL (default: spec_url in the config)")
    update.add_argument("--dry-run", action="store_true", help="print the changes and what would happen; write nothing")
    update.add_argument("--fail-on-breaking", action="store_true",
                        help="exit 1, replacing and writing nothing, when any change is breaking (a merge gate)")
    update.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                        help="the report's format: text (default), json or markdown")
    update.add_argument("--force", action="store_true",
                        help="apply a fetched spec without operations; overwrite output files the generator did not write")
    update.add_argument("--debug", action="store_true", help="on a generator bug, print the traceback too")

    init = command(
        "init", "write a starter config for SPEC",
        "Write a commented config for SPEC: the names derived from it (package, classes, environment "
        "variables), one entry per security scheme, and every other key commented out. Generating with it "
        "gives the same client as without it; edit what you want.",
    )  # fmt: skip
    spec_argument(init)
    init.add_argument("--config", type=Path, default=None, metavar="CONFIG",
                      help="where to write it (default: NAME.config.yaml beside SPEC, which generate then uses)")
    init.add_argument("--force", action="store_true", help="overwrite an existing config file")
    init.add_argument("--allow-remote-refs", action="store_true", help="fetch $refs that name http(s) URLs")
    return parser, parsers


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser, commands = _parser()
    args, extras = parser.parse_known_args(argv)
    if extras:
        commands[args.command].unknown_arguments(extras)
    return args


def _program_name() -> str:
    """The command as the user typed it: the console script's name, or `python -m generator`."""
    invoked = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return "python -m generator" if invoked in ("", "__main__.py", "-c") else invoked


def _config_path(args: argparse.Namespace, spec: Path) -> Path | None:
    """The config the user named (which must exist), else the one beside the spec, else none."""
    if args.config is not None and not args.config.is_file():
        what = "is a directory" if args.config.is_dir() else "not found"
        raise GeneratorError(f"config file {what}", SourceLocation(str(args.config)))
    return config_for(spec, args.config)


def _require_local_spec(spec: Path) -> None:
    # argparse made a Path of it, which folds "https://" into "https:/".
    if re.match(r"^https?:/", str(spec)):
        url = re.sub(r"^(https?):/+", r"\1://", str(spec))
        raise GeneratorError("a spec given as a URL is not fetched: download it and pass the file "
                             "(remote $refs inside a local spec are fetched with --allow-remote-refs)",
                             SourceLocation(url))  # fmt: skip
    if spec.is_dir():
        raise GeneratorError("the spec is a directory: give the OpenAPI file in it (YAML or JSON)",
                             SourceLocation(str(spec)))  # fmt: skip


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
        cache_dir=None if args.no_cache else default_format_cache(),
        allow_remote_refs=args.allow_remote_refs,
        format_all=args.format_all,
        force=getattr(args, "force", False),
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
        print(f"... and {_plural(len(diagnostics) - len(shown), 'more warning')} (--verbose shows all)", file=sys.stderr)


def _generate(options: Options, verbose: bool) -> int:
    started = time.perf_counter()
    if options.changelog_from is None:
        drift, fast = check(options, fast_only=True)
        if fast and drift.clean:
            print(f"{_show(str(options.output.resolve()))} is up to date: nothing to write "
                  f"({time.perf_counter() - started:.2f} s)")  # fmt: skip
            return EXIT_OK
    generation = generate(options)
    result = write(generation, options.output, options.changelog_from, options.force)
    _print_warnings(generation.diagnostics, verbose)
    model = generation.model
    print(
        f"{generation.config.package_name}: "
        f"{_plural(len(model.operations), 'operation')}, {_plural(len(model.schemas), 'model')}, "
        f"{_plural(len(generation.diagnostics), 'warning')}, {_plural(len(result.written), 'file')} written "
        f"({len(result.unchanged)} unchanged, {len(result.removed)} removed) "
        f"in {time.perf_counter() - started:.2f} s -> {_show(str(options.output.resolve()))}"
    )
    return EXIT_OK


def _check(options: Options) -> int:
    started = time.perf_counter()
    if not options.output.is_dir():
        raise GeneratorError(f"no such directory: nothing was generated here (run `{_program_name()} generate` "
                             "first, or name the generated directory with --output)", SourceLocation(str(options.output)))  # fmt: skip
    if not (options.output / MANIFEST).is_file():
        raise GeneratorError(f"not a directory the generator wrote: it holds no {MANIFEST} (run `{_program_name()} "
                             "generate` into it first, or name the generated directory with --output)",
                             SourceLocation(str(options.output)))  # fmt: skip
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
    config = run_config(Options(spec=args.new, config=_config_path(args, args.new)))
    warnings: list[Diagnostic] = list(config.warnings)
    changes = diff.compare(build_model_only(args.old, config, overlay_warnings=warnings),
                           build_model_only(args.new, config, overlay_warnings=warnings), config.change_severities)  # fmt: skip
    _print_warnings(warnings, verbose=False)
    print(_render_report(args.format, changes), end="")
    breaking = any(c.severity == "breaking" for c in changes)
    return EXIT_DRIFT if args.fail_on_breaking and breaking else EXIT_OK


def _render_report(form: str, changes: list[Any], old: tuple[str, str] | None = None,
                   new: tuple[str, str] | None = None) -> str:  # fmt: skip
    """The change report; with (source, info.version) of each side, a heading that names them."""
    from generator import diff

    if old is None or new is None:
        if form == "json":
            return diff.render_json(changes)
        return diff.render_markdown(changes) if form == "markdown" else diff.render_text(changes)
    if form == "json":
        about: dict[str, object] = {"old": {"source": old[0], "version": old[1]}, "new": {"source": new[0], "version": new[1]}}
        return diff.render_json(changes, about)
    line = f"{old[0]} ({_version(old[1])}) -> {new[0]} ({_version(new[1])})"
    if form == "markdown":
        return diff.render_markdown(changes, title=f"API changes: {_version(old[1])} -> {_version(new[1])}", about=line)
    return diff.render_text(changes, about=line)


def _version(version: str) -> str:
    return f"version {version}" if version else "no info.version"


def _update_spec(args: argparse.Namespace) -> int:
    from generator import diff
    from generator.load.fetch import fetched_spec

    config_path = _config_path(args, args.spec)
    config = run_config(Options(spec=args.spec, config=config_path))
    source = args.source or config.spec_url
    if not source:
        where = SourceLocation(str(config_path)) if config_path else SourceLocation(str(args.spec))
        raise GeneratorError("nothing to fetch: pass --from PATH_OR_URL, or set spec_url in the config", where)
    _require_output_directory(args.output)
    old = build_model_only(args.spec, config)
    with fetched_spec(source, args.spec.name) as (fetched, shown_source):
        new = build_model_only(fetched, config)
        if old.operations and not new.operations and not args.force:
            raise GeneratorError(f"the fetched spec has no operations ({_show(str(args.spec))} has {len(old.operations)}): "
                                 "it would remove every one, so it is not applied (--force applies it)",
                                 SourceLocation(shown_source))  # fmt: skip
        changes = diff.compare(old, new, config.change_severities)
        same_bytes = fetched.read_bytes() == args.spec.read_bytes()
        print(_render_report(args.format, changes, (_show(str(args.spec)), old.version), (shown_source, new.version)), end="")
        breaking = sum(1 for c in changes if c.severity == "breaking")
        if same_bytes:
            print(f"{_show(str(args.spec))} is already the published spec: nothing to replace", file=sys.stderr)
            return EXIT_OK
        if args.fail_on_breaking and breaking:
            print(f"{_plural(breaking, 'breaking change')}: {_show(str(args.spec))} not replaced (--fail-on-breaking)",
                  file=sys.stderr)  # fmt: skip
            return EXIT_DRIFT
        text_only = " (no API changes: only the text differs, such as descriptions)" if not changes else ""
        if args.dry_run:
            print(f"would replace {_show(str(args.spec))} with {shown_source}{text_only}\n"
                  f"would regenerate {_show(str(args.output))}", file=sys.stderr)  # fmt: skip
            return EXIT_OK
        previous = args.spec.read_bytes()
        args.spec.write_bytes(fetched.read_bytes())
    try:
        return _generate(Options(spec=args.spec, config=config_path, output=args.output, force=args.force), verbose=False)
    except GeneratorError:
        args.spec.write_bytes(previous)  # nothing was written: the spec stays as it was too
        raise


def _init(args: argparse.Namespace) -> int:
    from generator.pipeline import starter_config

    _require_local_spec(args.spec)
    target: Path = args.config or args.spec.with_name(f"{args.spec.stem}.config.yaml")
    if target.exists() and not args.force:
        raise GeneratorError("the config file exists already: edit it, or pass --force to replace it",
                             SourceLocation(str(target)))  # fmt: skip
    text, summary = starter_config(args.spec, args.allow_remote_refs)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise user_path_error("cannot write the config", error, target) from None
    beside = target.resolve() == args.spec.resolve().with_name(f"{args.spec.stem}.config.yaml")
    use = "generate uses it for this spec" if beside else f"pass --config {_show(str(target))} to generate"
    print(f"wrote {_show(str(target))}: {summary}; {use}")
    return EXIT_OK


def _report_bug(error: GeneratorBug, debug: bool) -> str:
    """Save the traceback of a generator bug; the line to print, naming the file."""
    report = "\n".join([
        f"openapi-client-gen {__version__}, Python {sys.version.split()[0]}, {datetime.datetime.now().isoformat()}",
        "command: " + " ".join(sys.argv), "", error.details,
    ])  # fmt: skip
    if debug:
        print(error.details, file=sys.stderr, end="")
    folder = user_cache_dir() / "bug-reports"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{datetime.datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}.txt"
        path.write_text(report, encoding="utf-8")
    except OSError:
        import tempfile

        handle, name = tempfile.mkstemp(prefix="openapi-client-gen-bug-", suffix=".txt")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(report)
        path = Path(name)
    return f"{error}; please report it with the traceback saved in {path}"


def run() -> NoReturn:
    """The command: `main`, then an immediate exit. A large run leaves millions of objects that the
    interpreter would free one by one on the way out (a third of a second on a Stripe-sized spec);
    everything the run writes is closed by then, and the standard streams are flushed here."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    # A run is short and keeps nearly everything it builds until it ends; the cyclic garbage
    # collector would rescan those objects again and again (a 10x spec took 40% longer).
    gc.disable()
    debug = bool(getattr(args, "debug", False))
    try:
        if args.command == "diff":
            return _diff(args)
        if args.command == "update-spec":
            return _update_spec(args)
        if args.command == "init":
            return _init(args)
        options = _options(args)
        if args.command == "generate":
            if args.changelog is not None:
                options.changelog_from = args.changelog
            return _generate(options, args.verbose)
        return _check(options)
    except GeneratorBug as bug:
        print(_show(_report_bug(bug, debug)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except GeneratorError as error:
        print(_show(str(error)), file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("interrupted; the output directory was left as it was", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # whatever no stage caught: one line; a bug's traceback saved, a path's OS error said
        where = SourceLocation(str(getattr(args, "spec", None) or getattr(args, "new", "")))
        found = unexpected(args.command, error, where)
        message = _report_bug(found, debug) if isinstance(found, GeneratorBug) else str(found)
        print(_show(message), file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        gc.enable()
