"""Every rule's fixture cases: ok_ texts stay clean, bad_ texts match their snapshots."""
from __future__ import annotations

import shutil

import pytest

from newslint.testing import FixtureCase, check_case, fixture_cases, orphaned_snapshots
from tests.conftest import FIXTURES

CASES = [c for c in fixture_cases(FIXTURES) if c.code[:2].isalpha() and c.code[-1].isdigit()]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}/{c.path.name}" for c in CASES])
def test_fixture(case, update_fixtures):
    check_case(case, update=update_fixtures)


def test_every_snapshot_belongs_to_a_bad_case():
    assert orphaned_snapshots(FIXTURES) == []


# ---- the harness itself: a stale, missing or left-over snapshot fails; update rewrites it ----

def _copy(tmp_path, code: str, name: str) -> FixtureCase:
    """The case fixtures/CODE/NAME and its snapshots, copied under tmp_path."""
    source = FIXTURES / code / name
    target = tmp_path / code
    target.mkdir()
    stem = name.rsplit(".", 1)[0]
    for path in source.parent.glob(stem + ".*"):
        shutil.copy(path, target / path.name)
    return FixtureCase(code, target / name)


def _fails(case: FixtureCase, message: str) -> None:
    with pytest.raises(AssertionError, match=message):
        check_case(case)
    check_case(case, update=True)
    check_case(case)


# NL301/bad_footer has safe fixes only; NL101/bad_capitals unsafe ones only.
@pytest.mark.parametrize(("code", "name", "snapshot"), [
    ("NL301", "bad_footer.txt", "safe_fixed_path"),
    ("NL101", "bad_capitals.txt", "unsafe_fixed_path"),
])
def test_an_edited_fixed_text_is_stale(tmp_path, code, name, snapshot):
    case = _copy(tmp_path, code, name)
    check_case(case)
    path = getattr(case, snapshot)
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n\n", 1), encoding="utf-8")
    _fails(case, r"is stale(.|\n)*\n-\n")


def test_a_changed_edit_or_applicability_is_stale(tmp_path):
    case = _copy(tmp_path, "NL301", "bad_footer.txt")
    recorded = case.expected_path.read_text(encoding="utf-8")
    case.expected_path.write_text(recorded.replace("'Source link\\n\\n' -> ''", "'Source link\\n' -> ''"),
                                  encoding="utf-8")
    _fails(case, r"is stale(.|\n)*-    3:1-\d+:\d+ 'Source link\\n' -> ''")
    case.expected_path.write_text(recorded.replace("[safe fix]", "[unsafe fix]", 1), encoding="utf-8")
    _fails(case, r"-3:1-3:12 NL301 boilerplate line 'Source link' \[unsafe fix\]")


def test_missing_and_left_over_snapshots_fail(tmp_path):
    case = _copy(tmp_path, "NL301", "bad_footer.txt")
    case.safe_fixed_path.unlink()
    _fails(case, "is missing")
    shutil.copy(case.safe_fixed_path, case.unsafe_fixed_path)  # same as the safe text: not recorded twice
    _fails(case, "should not exist")
    shutil.copy(case.safe_fixed_path, case.obsolete_fixed_path)  # the earlier format's file
    _fails(case, "should not exist")
    assert sorted(p.name for p in case.path.parent.iterdir()) == [
        "bad_footer.expected", "bad_footer.safe.fixed.txt", "bad_footer.txt"]


def test_ok_case_with_a_snapshot_fails(tmp_path):
    case = _copy(tmp_path, "NL301", "ok_phrase_in_prose.txt")
    check_case(case)
    case.expected_path.write_text("", encoding="utf-8")
    with pytest.raises(AssertionError, match="an ok_ case has no snapshots"):
        check_case(case)


def test_orphaned_snapshots_are_found(tmp_path):
    case = _copy(tmp_path, "NL301", "bad_footer.txt")
    assert orphaned_snapshots(tmp_path) == []
    case.path.rename(case.path.with_name("bad_renamed.txt"))
    assert [p.name for p in orphaned_snapshots(tmp_path)] == ["bad_footer.expected", "bad_footer.safe.fixed.txt"]
