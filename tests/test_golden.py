"""Every output byte for byte as recorded (``tests/golden/record.py``): refactoring changes nothing users see."""

from __future__ import annotations

import pytest
from golden import record

CASES = record.cases()


def test_every_case_is_recorded_and_nothing_else():
    recorded = {p.name for p in record.OUTPUTS.iterdir()}
    assert recorded == {record.path_of(c).name for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_as_recorded(case: record.Case):
    got = record.run(case)
    want = record.path_of(case).read_bytes()
    # Compared as text first, for a readable difference; then as bytes.
    assert got.decode("utf-8", "replace") == want.decode("utf-8", "replace")
    assert got == want
