"""User code type-checked against the full-spec client, with pyright and mypy, as an editor would.

`tests/typecheck/typed_snippets/valid/*.py` must give no error under either checker, and each
`reveal_type(x)  # expect-type: Name` must reveal a type containing `Name`; a line ending with
`# mypy-only-error: reason` is valid code mypy cannot yet accept (it must flag it, and pyright not).
`tests/typecheck/typed_snippets/wrong/*.py` must give an error on each line ending with `# expect-error`
and on no other line. One pyright run and one mypy run cover the whole folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from tests.support.typed_client import Finding, Report, Unavailable, run_mypy, run_pyright, typed_client

SNIPPETS = Path(__file__).parent / "typed_snippets"
VALID = sorted((SNIPPETS / "valid").glob("*.py"))
WRONG = sorted((SNIPPETS / "wrong").glob("*.py"))
CHECKERS = ("pyright", "mypy")

EXPECT_ERROR = re.compile(r"#\s*expect-error\b")
EXPECT_TYPE = re.compile(r"#\s*expect-type:\s*(.+?)\s*$")
MYPY_ONLY_ERROR = re.compile(r"#\s*mypy-only-error:")
# How each checker reports reveal_type: pyright `Type of "x" is "T"`, mypy `Revealed type is "T"`.
REVEALED = re.compile(r'(?:Type of ".*" is|Revealed type is) "(.*)"$', re.S)
# mypy qualifies names (`portkey_client._streaming.Stream[...]`); compare the bare names.
QUALIFIER = re.compile(r"\b(?:[A-Za-z_]\w*\.)+(?=[A-Za-z_])")


@pytest.fixture(scope="session")
def typed_client_dir(full_spec: Path) -> Path:
    from tests.support.paths import CONFIG

    return typed_client(full_spec, CONFIG)


@pytest.fixture(scope="session")
def snippet_reports(typed_client_dir: Path) -> Dict[str, Report]:
    """Both checkers' findings over every snippet, one run each."""
    paths = [SNIPPETS / "valid", SNIPPETS / "wrong"]
    try:
        pyright_report = run_pyright(paths, typed_client_dir)
    except Unavailable as exc:
        pytest.skip(f"pyright unavailable: {exc}")
    return {"pyright": pyright_report, "mypy": run_mypy(paths, typed_client_dir)}


def _errors(findings: List[Finding]) -> List[Finding]:
    return [f for f in findings if f.severity == "error"]


def _describe(findings: List[Finding]) -> str:
    return "\n".join(f"  {f.file.name}:{f.line}: {f.message} [{f.rule}]" for f in findings)


def _marked_lines(path: Path, pattern: re.Pattern[str]) -> List[Tuple[int, re.Match[str]]]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = pattern.search(line)
        if match:
            found.append((number, match))
    return found


@pytest.mark.parametrize("checker", CHECKERS)
@pytest.mark.parametrize("snippet", VALID, ids=lambda p: p.name)
def test_valid_snippet_type_checks(snippet: Path, checker: str, snippet_reports: Dict[str, Report]) -> None:
    findings = snippet_reports[checker].for_file(snippet)
    known = {line for line, _ in _marked_lines(snippet, MYPY_ONLY_ERROR)} if checker == "mypy" else set()
    errors = [f for f in _errors(findings) if f.line not in known]
    assert not errors, f"{checker} flags valid user code:\n{_describe(errors)}"
    unflagged = known - {f.line for f in _errors(findings)}
    assert not unflagged, f"mypy now accepts {snippet.name} lines {sorted(unflagged)}: drop their mypy-only-error marks"
    for line, match in _marked_lines(snippet, EXPECT_TYPE):
        expected = match.group(1)
        revealed = [
            QUALIFIER.sub("", m.group(1))
            for f in findings
            if f.line == line
            for m in [REVEALED.search(f.message)]
            if m
        ]
        assert revealed, f"{checker} revealed no type on {snippet.name}:{line}"
        assert any(expected in text for text in revealed), (
            f"{checker} on {snippet.name}:{line}: revealed {revealed}, expected {expected!r}"
        )


@pytest.mark.parametrize("checker", CHECKERS)
@pytest.mark.parametrize("snippet", WRONG, ids=lambda p: p.name)
def test_wrong_snippet_is_flagged(snippet: Path, checker: str, snippet_reports: Dict[str, Report]) -> None:
    marked = {line for line, _ in _marked_lines(snippet, EXPECT_ERROR)}
    assert marked, f"{snippet.name} marks no line with # expect-error"
    errors = _errors(snippet_reports[checker].for_file(snippet))
    flagged = {f.line for f in errors}
    missed = sorted(marked - flagged)
    unexpected = [f for f in errors if f.line not in marked]
    assert not missed, f"{checker} does not catch {snippet.name} lines {missed}"
    assert not unexpected, f"{checker} flags unmarked lines:\n{_describe(unexpected)}"
