"""The seed acceptance table (issue: events), row by row, on the two bundled example articles.

The rows live in ``tests/seed_table.py`` so that ``bench/events.py`` prints the same table;
each test here is one row checked against the merged events of a real pipeline run.
"""

from __future__ import annotations

import pytest

from seed_table import ROWS, Row


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_seed_acceptance_row(row: Row, seed_result, gazetteer):
    outcome = row.check(seed_result.events, gazetteer)
    assert outcome.passed, f"expected {row.expected}; got {outcome.got}"


def test_table_has_every_row_of_the_issue():
    assert len(ROWS) == 27
    assert len({row.id for row in ROWS}) == 27
