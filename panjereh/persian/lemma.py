"""The lemma a search matches a word under: plurals to their singular, conservatively.

Search indexes each word twice, as written and as its lemma, and looks a query word up the same
two ways; so «سند» finds «اسناد» and «خدمات» finds «خدمت‌ها». A wrong lemma merges two different
words and finds the wrong services, so this does little and only where it is sure:

- a curated table of Arabic broken plurals and common sound plurals (`plurals.PLURALS`);
- the glued Persian plural ها at the end of a word, when at least three letters stay («کارتها» →
  «کارت», never «تنها» or «بها»); not …های and what may follow it, which is as often a word in ه with a
  glued ای («حرفهای» is حرفه‌ای as often as حرف‌های, «بیمهای» is بیمه‌ای): those are found through the
  zero-width non-joiner that splits them («کارت‌های» → کارت + های), or not at all;
- …گان to …ه («بازنشستگان» → «بازنشسته»), when at least four letters stay;
- the ezafe یِ after a table plural that ends in ا («اعضای» → «عضو»).

Nothing else: a final ی, ان, ین, ات, م, ت or ش is as often part of the word («ملی»، «تهران»،
«ماشین»، «مالیات»، «کارت») as an ending, so it stays. The zero-width non-joiner is already a space
after `normalize`, so «خدمت‌ها» reaches search as the words «خدمت» and «ها».
"""

from __future__ import annotations

from functools import lru_cache

from .normalize import joined_terms, tokens
from .plurals import PLURALS

HA_SUFFIX = "ها"
MIN_STEM = 3
# Words that end in ها but are not plurals; their ezafe and other forms start with them too.
NOT_HA_PLURALS = ("انتها", "اشتها", "اژدها", "منتها", "خونبها", "شیربها", "گرانبها", "کمبها", "پربها")

GAN_SUFFIX = "گان"
MIN_GAN_STEM = 4
# Words in …گان that are not plurals of a word in …ه (a province among them).
NOT_GAN_PLURALS = frozenset(
    {"بازرگان", "گروگان", "رایگان", "شایگان", "خدایگان", "بستگان", "واژگان", "هرمزگان", "گلپایگان"}
)

EZAFE = "ی"


def lemma(word: str) -> str:
    """The search lemma of one normalised word (a token of `tokens`); the word itself when no
    table entry or rule covers it. Idempotent, total, never empty for a non-empty word.

    >>> [lemma(word) for word in ["اسناد", "اعضای", "خدمتها", "بازنشستگان", "کارت", "تهران", "حرفهای"]]
    ['سند', 'عضو', 'خدمت', 'بازنشسته', 'کارت', 'تهران', 'حرفهای']
    """
    return _lemma(word)


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    # Every rule shortens the word and table singulars are fixed points (tested), so this ends
    # well before the bound; the bound only keeps the function total.
    for _ in range(len(word) + 1):
        shorter = _step(word)
        if shorter == word:
            break
        word = shorter
    return word


def _step(word: str) -> str:
    if word in PLURALS:
        return PLURALS[word]
    # اعضای هیئت مدیره، مزایای بازنشستگی: the ezafe glide after a plural in ا
    if word.endswith(EZAFE) and word[:-1].endswith("ا") and word[:-1] in PLURALS:
        return PLURALS[word[:-1]]
    if word.endswith(HA_SUFFIX) and len(word) - len(HA_SUFFIX) >= MIN_STEM and not word.startswith(NOT_HA_PLURALS):
        return word[: -len(HA_SUFFIX)]
    if word.endswith(GAN_SUFFIX) and len(word) - len(GAN_SUFFIX) >= MIN_GAN_STEM and word not in NOT_GAN_PLURALS:
        return word[: -len(GAN_SUFFIX)] + "ه"
    return word


def lemmas(words: list[str]) -> list[str]:
    """`lemma` of each word, in order."""
    return [lemma(word) for word in words]


def lemma_terms(text: str) -> list[str]:
    """`index_terms` of `text` with every word replaced by its lemma: «صدور اسناد مالکیت» →
    صدور, سند, مالکیت, صدورسند, سندمالکیت."""
    return joined_terms(lemmas(tokens(text)))
