"""Shared test setup: the fixture root, the --update-fixtures switch, a short article file."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import ARTICLE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-fixtures", action="store_true",
                     help="rewrite the fixture snapshots (.expected, .safe.fixed.txt, .unsafe.fixed.txt)")


@pytest.fixture
def update_fixtures(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-fixtures"))


@pytest.fixture(autouse=True)
def _own_result_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test its own result cache: results cached by one test never answer another."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """`ARTICLE` in a file of its own."""
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path
