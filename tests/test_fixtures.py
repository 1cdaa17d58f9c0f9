"""Every rule's fixture cases: ok_ texts stay clean, bad_ texts match their snapshots."""
from __future__ import annotations

import pytest

from newslint.testing import check_case, fixture_cases
from tests.conftest import FIXTURES

CASES = [c for c in fixture_cases(FIXTURES) if c.code[:2].isalpha() and c.code[-1].isdigit()]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}/{c.path.name}" for c in CASES])
def test_fixture(case, update_fixtures):
    check_case(case, update=update_fixtures)
