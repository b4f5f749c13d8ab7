"""The synonym groups the search expands queries with."""

from __future__ import annotations

import re

from panjereh.catalog.search.plan import synonym_table
from panjereh.catalog.synonyms import SYNONYMS
from panjereh.persian import compact

PERSIAN = re.compile(r"[\u0600-\u06FF]")
ARABIC_LETTERS = re.compile(r"[يك]")  # Arabic yeh / kaf instead of Persian ی / ک


def test_every_group_is_persian_without_arabic_letters_or_repeats() -> None:
    assert len(SYNONYMS) >= 30
    for group in SYNONYMS:
        assert isinstance(group, tuple) and len(group) >= 2
        assert len(set(group)) == len(group)
        for word in group:
            assert word == word.strip() and PERSIAN.search(word)
            assert not ARABIC_LETTERS.search(word)


def test_the_groups_people_rely_on_are_there() -> None:
    for a, b in [("گذرنامه", "پاسپورت"), ("گواهینامه رانندگی", "لایسنس"), ("سیم‌کارت", "خط موبایل")]:
        assert any(a in group and b in group for group in SYNONYMS), (a, b)


def test_a_phrase_of_two_words_becomes_one_joined_term_and_longer_ones_an_and_of_words() -> None:
    table = synonym_table([("گواهینامه رانندگی", "لایسنس"), ("عدم سوء پیشینه", "سوپیشینه")])
    assert table[compact("لایسنس")] == [("گواهینامهرانندگی",)]
    assert table["لایسنس"] == [("گواهینامهرانندگی",)]
    assert table["سوپیشینه"] == [("عدم", "سو", "پیشینه")]
