"""Tests for search normalisation: ``normalize``, ``tokens``, ``index_terms``..."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings

from panjereh.persian import compact, index_terms, normalize, same_text, tokens, with_leading_word

from .strategies import any_text, word_text

ZWNJ = "\u200c"


def test_the_briefs_example_normalizes_as_promised() -> None:
    assert normalize("تأييد  سيم\u200cكارت ۱۲۳") == "تایید سیم کارت 123"


def test_arabic_yeh_and_kaf_become_persian() -> None:
    assert normalize("كيك") == "کیک"
    assert normalize("علي") == "علی"


def test_alef_maksura_becomes_persian_yeh() -> None:
    assert normalize("مصطفى") == "مصطفی"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد", "احمد"),
        ("إيران", "ایران"),
        ("ٱلرحمن", "الرحمن"),
        ("آب", "اب"),
        ("مسؤول", "مسوول"),
        ("رئیس", "رییس"),
        ("خانۀ", "خانه"),
        ("مدرسة", "مدرسه"),
        ("جزء", "جز"),
        ("شیء", "شی"),
    ],
)
def test_hamza_forms_fold_to_their_base_letters(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_alef_with_madda_matches_plain_alef_for_search() -> None:
    assert same_text("آذر", "اذر")


def test_hamza_written_as_a_combining_mark_is_also_folded() -> None:
    assert normalize("ا\u0654حمد") == "احمد"  # decomposed أ
    assert normalize("ی\u0654") == "ی"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("مُحَمَّد", "محمد"),
        ("حتماً", "حتما"),
        ("رحمٰن", "رحمن"),
        ("کِتابْ", "کتاب"),
    ],
)
def test_diacritics_are_removed(text: str, expected: str) -> None:
    assert normalize(text) == expected


def test_tatweel_is_removed() -> None:
    assert normalize("ایـــران") == "ایران"


def test_zwnj_becomes_a_space() -> None:
    assert normalize(f"می{ZWNJ}روم") == "می روم"


@pytest.mark.parametrize("spelling", [f"سیم{ZWNJ}کارت", "سیمکارت", "سیم کارت", "سيمكارت", f"سيم{ZWNJ}كارت"])
def test_all_spellings_of_sim_card_are_the_same_text(spelling: str) -> None:
    assert same_text(spelling, "سیمکارت")
    assert compact(spelling) == "سیمکارت"
    assert "سیمکارت" in index_terms(spelling)


@pytest.mark.parametrize("spelling", [f"دستگاه{ZWNJ}ها", "دستگاهها", "دستگاه ها"])
def test_plural_suffix_with_or_without_half_space_is_the_same_text(
    spelling: str,
) -> None:
    assert same_text(spelling, "دستگاهها")
    assert "دستگاهها" in index_terms(spelling)


def test_index_terms_are_tokens_then_adjacent_pairs() -> None:
    assert index_terms(f"سیم{ZWNJ}کارت") == ["سیم", "کارت", "سیمکارت"]
    assert index_terms("خرید سیم کارت") == [
        "خرید",
        "سیم",
        "کارت",
        "خریدسیم",
        "سیمکارت",
    ]


def test_index_terms_drop_duplicates_and_keep_order() -> None:
    assert index_terms("ها ها ها") == ["ها", "هاها"]


def test_index_terms_of_empty_text_are_empty() -> None:
    assert index_terms("") == []
    assert index_terms(" \u200c ") == []


def test_tokens_are_normalized_words() -> None:
    assert tokens("  درخواست   گذرنامه، فوري ") == ["درخواست", "گذرنامه", "فوری"]
    assert tokens("") == []


def test_persian_and_arabic_indic_digits_become_ascii() -> None:
    assert normalize("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert normalize("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_digits_of_other_scripts_also_become_ascii() -> None:
    assert normalize("\u0967\u0968") == "12"  # Devanagari one, two


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200b",  # zero-width space
        "\u200d",  # zero-width joiner
        "\ufeff",  # byte order mark
        "\u00ad",  # soft hyphen
        "\u200e",  # left-to-right mark
        "\u200f",  # right-to-left mark
        "\u061c",  # Arabic letter mark
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
    ],
)
def test_invisible_and_bidi_characters_are_removed(invisible: str) -> None:
    assert normalize(f"{invisible}سلا{invisible}م{invisible}") == "سلام"
    assert normalize(f"ab{invisible}c") == "abc"


def test_arabic_punctuation_separates_words() -> None:
    assert normalize("سلام،خوبی؟") == "سلام خوبی"
    assert normalize("الف؛ب") == "الف ب"


def test_other_punctuation_and_symbols_separate_words() -> None:
    assert normalize("«گذرنامه»-فوری!") == "گذرنامه فوری"
    assert normalize("a+b=c$d_e") == "a b c d e"
    assert normalize("۱۲٫۵٪") == "12 5"


def test_latin_is_casefolded() -> None:
    assert normalize("Hello WORLD") == "hello world"
    assert normalize("Straße") == "strasse"


def test_latin_accents_are_kept_and_composed() -> None:
    assert normalize("Café") == "café"
    assert normalize("cafe\u0301") == "café"


def test_presentation_forms_and_ligatures_are_unfolded() -> None:
    assert normalize("ﻻ") == "لا"
    assert normalize("ﺳﻼﻡ") == "سلام"
    assert normalize("ﯾﮏ") == "یک"


def test_control_characters_and_whitespace_become_single_spaces() -> None:
    assert normalize("a\tb\nc\x00d\x7fe") == "a b c d e"
    assert normalize("  a \u00a0\u3000 b  ") == "a b"


def test_lone_surrogates_do_not_break_normalization() -> None:
    result = normalize("کد\ud800ملی")
    assert result == "کد ملی"
    result.encode("utf-8")


def test_compact_removes_all_spaces() -> None:
    assert compact(" سیم  کارت ") == "سیمکارت"


def test_same_text_distinguishes_different_words() -> None:
    assert not same_text("سیمکارت", "سیم")


@settings(max_examples=500)
@given(any_text)
def test_normalize_is_idempotent_and_total(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(any_text)
def test_normalize_output_is_always_encodable_utf8(text: str) -> None:
    normalize(text).encode("utf-8")


@given(any_text)
def test_normalize_output_has_no_zwnj_arabic_letters_or_foreign_digits(
    text: str,
) -> None:
    result = normalize(text)
    assert not set(result) & set("\u200cيكى")
    foreign_digits = [ch for ch in result if unicodedata.category(ch) == "Nd" and not ch.isascii()]
    assert foreign_digits == []


@given(any_text)
def test_normalize_output_is_stripped_with_single_spaces(text: str) -> None:
    result = normalize(text)
    assert result == result.strip()
    assert "  " not in result
    assert all(not ch.isspace() or ch == " " for ch in result)


@given(any_text)
def test_tokens_index_terms_and_compact_never_raise(text: str) -> None:
    words = tokens(text)
    assert all(word and " " not in word for word in words)
    terms = index_terms(text)
    assert terms[: len(set(words))] == list(dict.fromkeys(words))
    assert len(terms) == len(set(terms))
    assert " " not in compact(text)


@given(word_text, word_text)
def test_same_text_ignores_how_words_are_joined(a: str, b: str) -> None:
    assert same_text(a, a)
    assert same_text(f"{a} {b}", f"{a}{ZWNJ}{b}")
    assert same_text(a + b, f"{a} {b}")


def test_clean_input_unifies_letters_and_digits_but_keeps_punctuation_and_the_half_space() -> None:
    from panjereh.persian import clean_input

    assert clean_input("  كد  ۱۲۳٤\u200f/٥ ") == "کد 1234/5"
    assert clean_input("می\u200cخواهم") == "می\u200cخواهم"
    assert clean_input("عـــلي") == "علی"


@given(any_text)
def test_clean_input_is_idempotent_and_total(text: str) -> None:
    from panjereh.persian import clean_input

    once = clean_input(text)
    assert clean_input(once) == once
    once.encode("utf-8")


@pytest.mark.parametrize(
    ("word", "text", "said"),
    [
        ("درخواست", "درخواست انشعاب برق", "درخواست انشعاب برق"),
        ("درخواست", "گواهی عدم سوء پیشینه", "درخواست گواهی عدم سوء پیشینه"),
        ("سامانه", "سامانه آزمایشی توانیر", "سامانه آزمایشی توانیر"),
        ("سامانه", "  سامانهٔ آزمایشی ", "سامانهٔ آزمایشی"),  # the same word, written another way
        ("درخواست", "درخواستی دیگر", "درخواست درخواستی دیگر"),  # another word that starts the same
    ],
)
def test_a_leading_word_is_never_doubled(word: str, text: str, said: str) -> None:
    assert with_leading_word(word, text) == said
