"""The word list as rules see it (`rules/_frequency.py`): the same numbers as wordfreq's."""
from __future__ import annotations

import pytest
from wordfreq import get_frequency_dict

from newslint.rules import _frequency


def _forget() -> None:
    for cached in (_frequency._table, _frequency._head, _frequency.frequency, _frequency.zipf,
                   _frequency.function_words, _frequency.common_words):
        cached.cache_clear()


@pytest.fixture
def fresh_tables(tmp_path, monkeypatch):
    """The tables built and stored in an empty cache directory, and forgotten after the test."""
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path))
    _forget()
    yield tmp_path / "tables"
    _forget()


def test_every_word_has_wordfreqs_frequency_and_the_walk_keeps_its_order(fresh_tables):
    listed = get_frequency_dict("en")
    assert all(_frequency.frequency(word) == share for word, share in listed.items())
    assert list(_frequency.frequent(0.0)) == list(listed.items())
    floor = 10.0 ** (3.0 - 9.0)
    assert list(_frequency.frequent(floor)) == [item for item in listed.items() if item[1] >= floor]
    assert _frequency.frequency("qzxqzxunlisted") == 0.0 == _frequency.zipf("qzxqzxunlisted")
    assert _frequency.frequency("the\nof") == 0.0  # two listed words are not one


def test_a_damaged_stored_table_is_built_again_not_trusted(fresh_tables):
    listed = get_frequency_dict("en")
    rare = list(listed)[-50:]  # among the rarest: looked up in the stored table
    assert [_frequency.frequency(word) for word in rare] == [listed[word] for word in rare]
    (stored,) = fresh_tables.glob("frequencies-en-rare-*.bin")
    stored.write_bytes(stored.read_bytes()[: stored.stat().st_size // 2])  # cut short
    _forget()
    assert [_frequency.frequency(word) for word in rare] == [listed[word] for word in rare]
    stored.write_bytes(b"")
    _forget()
    assert [_frequency.frequency(word) for word in rare] == [listed[word] for word in rare]
