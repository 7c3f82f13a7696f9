"""Values as Python has them: dates and times are `datetime`/`date` objects (a request also takes the
ISO string), a decimal string a `Decimal`, an enum of numbers under `type: string` a `Literal` of
strings, a query array of objects JSON per item; each written back in the spec's format, judged by
Prism, sync and async. (Prism cannot judge the last two: it reads `enum: [4.1, 4]` as numbers and
a query array's items as text; their wire form is checked as sent.)"""

from __future__ import annotations

import datetime
import inspect
import json
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.support.cache import mypy_strict
from tests.support.packages import run_on_client
from tests.support.prism import Prism, prism_and_client
from tests.support.spec_server import SpecServer

SPEC = Path(__file__).parent / "specs" / "values.yaml"
pytestmark = pytest.mark.xdist_group("prism")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Prism, Path]]:
    root = tmp_path_factory.mktemp("ledger")
    with prism_and_client(SPEC.read_text(), root, "ledger_client") as (package, prism):
        yield package, prism, root / "out"


def test_dates_and_decimals_go_out_in_the_specs_format_and_come_back_as_values(ledger: tuple[Any, Prism, Path]) -> None:
    package, prism, _ = ledger
    at = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)

    def call(client: Any) -> Any:
        return client.entries.create(at=at, day=datetime.date(2026, 3, 1), amount=Decimal("12.50"), memo="m")

    for kind in ("sync", "async"):
        entry = run_on_client(kind, package, "Ledger", call, base_url=prism.url, max_retries=0)
        assert isinstance(entry.at, datetime.datetime) and isinstance(entry.day, datetime.date)
        assert entry.amount == Decimal("12.50")
    # A caller holding the ISO text may pass it as it is.
    assert package.Ledger(base_url=prism.url).entries.create(at="2026-03-01T12:00:00Z", amount="1.5", memo="m")


def test_the_value_types_are_what_a_type_checker_sees(ledger: tuple[Any, Prism, Path]) -> None:
    package, prism, out = ledger
    parameters = inspect.signature(package.Ledger(base_url=prism.url).entries.create).parameters
    assert parameters["at"].annotation == "Union[str, _datetime.datetime]"
    assert parameters["level"].annotation == "Union[Literal['4.1', '4'], NotGiven]"
    assert parameters["memo"].annotation == "object", "required, though no property declares it"
    result = mypy_strict("ledger_client", out, "values")
    assert result.returncode == 0, result.stdout


def test_what_prism_cannot_judge_is_sent_as_text_of_the_declared_type(ledger: tuple[Any, Prism, Path]) -> None:
    package, _, _ = ledger
    with SpecServer(SPEC) as server:
        client = package.Ledger(base_url=server.url, max_retries=0)
        try:
            client.entries.create(at="2026-03-01T12:00:00Z", amount="1.5", memo="m", level="4.1",
                                  filters=[{"field": "a"}, {"field": "b"}])  # fmt: skip
        except package.APIStatusError:
            pass  # openapi-core, too, reads the enum as numbers: what was sent is the point here
        sent = server.requests[-1]
    assert json.loads(sent.body or b"")["level"] == "4.1"
    assert sent.query_params["filters"] == ['{"field":"a"}', '{"field":"b"}']
