"""Search/comparison normalisation for Persian (and mixed Persian/Latin) text.

The same Persian word reaches us spelled many ways: Arabic yeh and kaf from
Arabic keyboards, hamza and diacritic variants, presentation forms pasted from
PDFs, invisible joiners and bidi marks, three digit scripts. ``normalize``
folds all of these into one form so that equality and ``LIKE`` searches work.
It is lossy on purpose: never show its output to people, only compare with it.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import pairwise

PERSIAN_YEH = "ی"  # U+06CC
PERSIAN_KAF = "ک"  # U+06A9
ZWNJ = "\u200c"

_LETTER_FOLDS: dict[str, str] = {
    "ي": PERSIAN_YEH,  # U+064A Arabic yeh
    "ى": PERSIAN_YEH,  # U+0649 alef maksura
    "ئ": PERSIAN_YEH,  # U+0626 yeh with hamza
    "ك": PERSIAN_KAF,  # U+0643 Arabic kaf
    "أ": "ا",  # U+0623
    "إ": "ا",  # U+0625
    "ٱ": "ا",  # U+0671 alef wasla
    "آ": "ا",  # U+0622: folded too, people type both for the same word
    "ؤ": "و",  # U+0624
    "ة": "ه",  # U+0629 teh marbuta
    "ۀ": "ه",  # U+06C0 heh with yeh above
    "ء": "",  # U+0621 standalone hamza
    "ٴ": "",  # U+0674 high hamza (what NFKC leaves of U+0675..U+0678)
    "ـ": "",  # U+0640 tatweel (kashida): pure typography
    ZWNJ: " ",  # half-space: "سیم‌کارت" searches like "سیم کارت"
}

# Arabic combining marks (harakat, tanwin, shadda, sukun, superscript alef,
# Quranic annotation marks). They live in these blocks; marks of other
# scripts (e.g. Latin accents) are kept because they change the letter.
_ARABIC_MARK_RANGES = ((0x0600, 0x06FF), (0x0870, 0x08FF))


def _is_arabic_mark(ch: str) -> bool:
    cp = ord(ch)
    in_block = any(lo <= cp <= hi for lo, hi in _ARABIC_MARK_RANGES)
    return in_block and unicodedata.category(ch) == "Mn"


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Fold one character (already NFKC-normalised) to its search form."""
    if ch in _LETTER_FOLDS:
        return _LETTER_FOLDS[ch]
    category = unicodedata.category(ch)
    if category == "Nd":
        # Every decimal digit (Persian, Arabic-Indic, and other scripts too)
        # becomes ASCII, so numbers match whatever keyboard typed them.
        return str(unicodedata.decimal(ch))
    if category == "Cf":
        # Format characters are invisible: zero-width space/joiner, BOM,
        # soft hyphen, bidi controls (LRM, RLM, ALM, embeddings, isolates).
        return ""
    if category == "Mn" and _is_arabic_mark(ch):
        return ""
    if category[0] in "PSZ" or category in ("Cc", "Cs"):
        # Punctuation, symbols, separators and control characters split
        # words. Lone surrogates (Cs) are replaced too, which keeps the
        # result encodable as UTF-8 (e.g. for the database).
        return " "
    return ch


def normalize(text: str) -> str:
    """Fold ``text`` into its search/comparison form.

    >>> normalize("تأييد  سيم\u200cكارت ۱۲۳")
    'تایید سیم کارت 123'

    Idempotent, and total on any ``str`` (including lone surrogates).
    """
    # NFKC first: it turns presentation forms and ligatures (ﻻ, ﯾ, ﷲ, ...)
    # into ordinary letters that the per-character folds understand.
    text = unicodedata.normalize("NFKC", text)
    text = "".join(map(_fold_char, text)).casefold()
    # Again, because removing a character (a joiner, a tatweel) can bring a
    # base letter next to a combining accent it now composes with; without
    # this, normalize would not be idempotent.
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    """The words of ``text`` after normalisation."""
    return normalize(text).split()


def index_terms(text: str) -> list[str]:
    """Terms to index ``text`` under: its tokens, then each adjacent pair glued.

    Gluing pairs makes the three spellings of a compound meet: "سیم‌کارت" and
    "سیم کارت" both index "سیمکارت", which is how "سیمکارت" is spelled.
    Order is kept and duplicates are dropped.
    """
    return joined_terms(tokens(text))


def joined_terms(words: list[str]) -> list[str]:
    """`words`, then each adjacent pair glued; order kept, duplicates dropped (see `index_terms`)."""
    pairs = [a + b for a, b in pairwise(words)]
    return list(dict.fromkeys(words + pairs))


def compact(text: str) -> str:
    """A comparison key that ignores word spacing: normalize, drop all spaces."""
    return normalize(text).replace(" ", "")


def same_text(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are the same text for search purposes."""
    return compact(a) == compact(b)


_INPUT_FOLDS = {"ي": PERSIAN_YEH, "ى": PERSIAN_YEH, "ك": PERSIAN_KAF, "ـ": ""}


def clean_input(text: str) -> str:
    """Tidy what a person typed, for storing and showing (unlike ``normalize``, not lossy in meaning):
    Arabic yeh and kaf become Persian, every digit becomes ASCII, invisible format characters go
    (the zero-width non-joiner stays: it is part of Persian spelling), runs of spaces become one.

    >>> clean_input("  كد  ۱۲۳٤\u200f/٥ ")
    'کد 1234/5'
    """
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _INPUT_FOLDS:
            out.append(_INPUT_FOLDS[ch])
        elif unicodedata.category(ch) == "Nd":
            out.append(str(unicodedata.decimal(ch)))
        elif (unicodedata.category(ch) == "Cf" and ch != ZWNJ) or unicodedata.category(ch) == "Cs":
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def with_leading_word(word: str, text: str) -> str:
    """`word text`, unless `text` already begins with `word` («درخواست» + «درخواست انشعاب برق» stays
    «درخواست انشعاب برق»): no doubled words where a name already says what it is."""
    text = text.strip()
    if normalize(text).split()[:1] == normalize(word).split()[:1]:
        return text
    return f"{word} {text}"
