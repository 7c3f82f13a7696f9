"""A YAML error is one line naming the problem in words, with the line of its first occurrence."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from generator.diagnostics import GeneratorError
from generator.load import load_spec

from tests.support.cli import cli as run

HEAD = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\n"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("a: &shared {type: string}\nb: &shared {type: integer}\n", 5,
         "the anchor &shared is defined twice (first on line 4)"),
        ("x-a:\n\tb: 1\n", 5, "a tab in the indentation: YAML indents with spaces only"),
        ("x-a:\n  b: 1\n\t c: 2\n", 6, "a tab in the indentation: YAML indents with spaces only"),
        ("x-a: *nowhere\n", 4, "the alias *nowhere names no anchor defined before it"),
        ("x-a: 'open\nx-b: 1\n", 4, "the quoted text that starts on line 4 is never closed"),
        ("x-a: [1, 2\nx-b: 1\n", 5, "the [ ... ] that starts on line 4 is not closed where expected"),
        ("x-a: b: c\n", 4, "a ': ' inside a plain value (put the value in quotes)"),
        ("x-a:\n  b: 1\n c: 2\n", 6, "a line is indented wrongly: it does not fit the block that starts on line 1"),
    ],
    ids=["duplicate-anchor", "tab", "tab-after-spaces", "undefined-alias", "unclosed-quote", "unclosed-bracket",
         "colon-in-plain-value", "indentation"],
)  # fmt: skip
def test_yaml_error_in_words(write_spec: Callable[..., Path], body: str, line: int, message: str) -> None:
    path = write_spec(HEAD + body)
    with pytest.raises(GeneratorError) as error:
        load_spec(path)
    assert error.value.message == f"invalid YAML: {message}"
    assert error.value.location is not None and error.value.location.line == line


def test_duplicate_key_names_the_first(write_spec: Callable[..., Path]) -> None:
    path = write_spec(HEAD + "components:\n  schemas:\n    Pet: {type: object}\n    Pet: {type: string}\n")
    with pytest.raises(GeneratorError) as error:
        load_spec(path)
    assert str(error.value) == (f"{path}:7: error: the key 'Pet' appears twice in this mapping (first on line 6) "
                                "(at /components/schemas/Pet)")  # fmt: skip


def test_cli_says_it_in_one_line(write_spec: Callable[..., Path]) -> None:
    path = write_spec(HEAD + "a: &x 1\nb: &x 2\n")
    result = run("generate", str(path), "--output", str(path.parent / "out"))
    assert result.returncode == 2
    assert result.stderr == f"{path}:5: error: invalid YAML: the anchor &x is defined twice (first on line 4)\n"


def test_config_yaml_errors_in_words_too(write_spec: Callable[..., Path]) -> None:
    spec = write_spec(HEAD)
    config = write_spec("package_name: x\nclient_class:\n\tX\n", name="config.yaml")
    result = run("generate", str(spec), "--config", str(config), "--output", str(spec.parent / "out"))
    assert result.returncode == 2
    assert result.stderr == f"{config}:3: error: invalid YAML: a tab in the indentation: YAML indents with spaces only\n"
