"""CHANGELOG.md in the output: one section per release, newest first, written by `generate --changelog`.

Each section is headed by the new spec's `info.version` and the date, and marked with the pair
of versions it compares; running again for the same pair replaces that section instead of adding
another. The file is the generator's when it starts with `TITLE` and `MARKER`: anything else
there is the user's, and is only taken over with --force (its text is kept below the sections).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from generator.diagnostics import GeneratorError, SourceLocation, user_path_error

TITLE = "# Changelog"
MARKER = "<!-- Written by openapi-client-gen generate --changelog: each release's API changes, newest first. -->"
_KEPT = "<!-- The file's earlier text, kept when openapi-client-gen took it over (--force): -->"
_SECTION_MARK = re.compile(r"^<!-- changes: (.*) -> (.*) -->$")


def is_ours(path: Path) -> bool:
    """Whether the file is absent or one this module wrote."""
    try:
        head = path.read_text(encoding="utf-8").splitlines()[:3]
    except FileNotFoundError:
        return True
    except (OSError, UnicodeDecodeError):
        return False
    return head[:1] == [TITLE] and MARKER in head


def _version(text: str) -> str:
    return text or "(no info.version)"


def section(old_version: str, new_version: str, changes_markdown: str, date: datetime.date) -> str:
    """One release: `## NEW (DATE)`, the versions it compares, and the changes."""
    return "\n".join([
        f"## {_version(new_version)} ({date.isoformat()})",
        f"<!-- changes: {old_version} -> {new_version} -->",
        "",
        f"Changes since {_version(old_version)}.",
        "",
        changes_markdown.strip(),
    ])  # fmt: skip


def _sections(text: str) -> tuple[list[str], str]:
    """The generator's sections of an existing changelog, and the text after them (kept as it is)."""
    lines = text.splitlines()
    body = lines[2:] if lines[:1] == [TITLE] and MARKER in lines[:3] else None
    if body is None:  # the user's file, taken over with --force: all of it is kept below
        return [], f"{_KEPT}\n\n{text.strip()}" if text.strip() else ""
    sections: list[list[str]] = []
    rest: list[str] = []
    for index, line in enumerate(body):
        if rest or line == _KEPT:
            rest.append(line)
        elif line.startswith("## ") and index + 1 < len(body) and _SECTION_MARK.match(body[index + 1]):
            sections.append([line])
        elif sections:
            sections[-1].append(line)
    return ["\n".join(s).strip() for s in sections], "\n".join(rest).strip()


def updated(existing: str | None, old_version: str, new_version: str, changes_markdown: str,
            date: datetime.date) -> str:  # fmt: skip
    """The changelog with this release's section first (in place of an earlier one for the same versions)."""
    sections, rest = _sections(existing or "")
    mark = f"<!-- changes: {old_version} -> {new_version} -->"
    same = next((s for s in sections if s.splitlines()[1:2] == [mark]), None)
    new = section(old_version, new_version, changes_markdown, date)
    if same is not None and same.split("\n", 1)[1] == new.split("\n", 1)[1]:
        new = same  # nothing changed but the date: keep the day it was first written
    kept = [s for s in sections if s is not same]
    parts = [TITLE + "\n" + MARKER, new, *kept] + ([rest] if rest else [])
    return "\n\n".join(parts) + "\n"


def write_changelog(path: Path, old_version: str, new_version: str, changes_markdown: str,
                    date: datetime.date | None = None) -> None:  # fmt: skip
    """Add (or replace) this release's section in the changelog at path."""
    try:
        existing = path.read_text(encoding="utf-8") if path.exists() else None
        text = updated(existing, old_version, new_version, changes_markdown, date or datetime.date.today())
        if text != existing:
            path.write_text(text, encoding="utf-8")
    except UnicodeDecodeError:
        raise GeneratorError("the changelog is not UTF-8 text", SourceLocation(str(path))) from None
    except OSError as error:
        raise user_path_error("cannot write the changelog", error, path) from None
