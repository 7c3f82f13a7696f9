"""The `pagination` config: a scheme the operation cannot page by is an error at generate time,
located at the entry, never a pager that stops after the first page; `*` serves the operations
it fits and leaves the others to their shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.runtime.paging_schemes import TASKS
from tests.support.cli import cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "api.yaml").write_text(TASKS)
    return tmp_path


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("{scheme: cursor, next: next_token}",
         "cfg.yaml:2: error: pagination: 'listTasks' pages by `cursor`, but its response has no field 'next_token' "
         "(its fields: data, next_cursor) (at /pagination/listTasks/next)"),
        ("page",
         "cfg.yaml:2: error: pagination: 'listTasks' pages by `page`, but no parameter of it looks like a page number "
         "(name it with `parameter:`) (at /pagination/listTasks)"),
        ("{scheme: offset, parameter: skip}",
         "cfg.yaml:2: error: pagination: 'listTasks' pages by `offset`, but it has no parameter 'skip' (its parameters: "
         "cursor, limit) (at /pagination/listTasks/parameter)"),
        ("{scheme: cursor, parameter: cursor, cursor_item_field: uid}",
         "cfg.yaml:2: error: pagination: 'listTasks' pages by `cursor`, but its items have no field 'uid' "
         "(at /pagination/listTasks/cursor_item_field)"),
        ("{scheme: cursor, items: tasks}",
         "cfg.yaml:2: error: pagination: 'listTasks' pages by `cursor`, but its response has no field 'tasks' "
         "(its fields: data, next_cursor) (at /pagination/listTasks/items)"),
        ("{scheme: url}",
         "cfg.yaml:2: error: pagination: 'listTasks' pages by `url`, but no response field gives the next page's URL "
         "(name it with `next:`) (at /pagination/listTasks)"),
        ("{scheme: page, parameter: limit, total_pages: pages}",
         "cfg.yaml:2: error: pagination: 'listTasks' pages by `page`, but its response has no field 'pages' "
         "(its fields: data, next_cursor) (at /pagination/listTasks/total_pages)"),
    ],
)
def test_a_scheme_the_operation_lacks_a_part_of_is_a_located_error(project: Path, entry: str, expected: str) -> None:
    (project / "cfg.yaml").write_text(f"pagination:\n  listTasks: {entry}\n")
    result = cli("generate", "api.yaml", "--config", "cfg.yaml", "--output", "out", cwd=project)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(expected), lines[0]
    assert not (project / "out").exists(), "nothing is written"


def test_a_scheme_for_a_download_is_a_located_error(project: Path) -> None:
    (project / "cfg.yaml").write_text("binary_responses: [listTasks]\npagination:\n  listTasks: cursor\n")
    result = cli("generate", "api.yaml", "--config", "cfg.yaml", "--output", "out", cwd=project)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == ("cfg.yaml:3: error: pagination: 'listTasks' pages by `cursor`, but it does not "
                                     "return parsed JSON (at /pagination/listTasks)")


def test_an_entry_for_every_operation_serves_those_it_fits(project: Path) -> None:
    (project / "cfg.yaml").write_text("pagination:\n  '*': {scheme: page, parameter: p}\n")
    result = cli("generate", "api.yaml", "--config", "cfg.yaml", "--output", "out", cwd=project)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    (resource,) = (project / "out").glob("*/resources/tasks.py")
    assert 'Paging("cursor", "cursor"' in resource.read_text(), "listTasks has no `p`: its shape decides"
