"""Turn what a person typed into a search plan both backends can run.

The plan is an AND of units; each unit is an OR of alternatives; each alternative is an AND of
index terms. Both backends index `panjereh.persian.index_terms()` of the text, which include every
adjacent pair of words joined («سیم کارت» → سیم, کارت, سیمکارت), so compounds written with a
zero-width non-joiner, a space or nothing all meet on the joined term.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from panjereh.catalog.constants import MAX_QUERY_LENGTH
from panjereh.catalog.search.vocabulary import Vocabulary
from panjereh.persian import compact, lemmas, tokens

MAX_UNITS = 12
MAX_TERM_LENGTH = 40
# Words so common in titles that requiring them would only drop good results, and the endings a
# zero-width non-joiner splits off a word («خدمت‌هایی», «خانه‌ای», «شناسنامه‌ام»), which are words only
# to the tokenizer.
STOPWORDS = frozenset({
    "و", "در", "از", "به", "با", "برای", "را", "که", "این", "ان", "یا", "تا",
    "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان",
    "ی", "ای", "ام", "ات", "اش", "ایم", "اید", "اند", "مان", "تان", "شان",
})  # fmt: skip

Alternative = tuple[str, ...]


class Source(StrEnum):
    """Where an alternative of a unit comes from; the ranking trusts them in this order."""

    TYPED = "typed"  # the words as typed, or the two of them joined
    LEMMA = "lemma"  # their lemmas («اسناد» → «سند»)
    SYNONYM = "synonym"
    CORRECTION = "correction"  # one edit away, for a word no service has


@dataclass
class Unit:
    alternatives: list[Alternative]
    # where each alternative comes from (same order); all typed when not given
    sources: list[Source] = field(default_factory=list)
    prefix: bool = False  # the last word typed may be unfinished: match it as a prefix too
    # the word typed is in no service (not whole, nor as a prefix, nor as a synonym): only its typo
    # corrections can match, so whatever is found is a guess
    guessed: bool = False

    def __post_init__(self) -> None:
        self.sources = self.sources or [Source.TYPED] * len(self.alternatives)

    def of(self, source: Source) -> list[Alternative]:
        return [alt for alt, where in zip(self.alternatives, self.sources, strict=True) if where == source]

    def typed_prefix(self) -> str:
        """The word typed, when it may be unfinished; else empty."""
        return self.alternatives[0][0] if self.prefix else ""

    @property
    def correction(self) -> str:
        """The likeliest word meant, for a guessed unit."""
        corrections = self.of(Source.CORRECTION)
        return corrections[0][0] if self.guessed and corrections else ""


@dataclass
class Plan:
    units: list[Unit] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the query's words, normalised

    @property
    def empty(self) -> bool:
        return not self.units

    @property
    def guessed(self) -> bool:
        return any(unit.guessed for unit in self.units)

    def suggestion(self) -> str:
        """The query with each word no service has replaced by its likeliest correction ("did you
        mean"); empty when there is nothing to suggest."""
        corrections = {unit.alternatives[0][0]: unit.correction for unit in self.units if unit.correction}
        if not corrections:
            return ""
        return " ".join(corrections.get(word, word) for word in self.words)


def build_plan(query: str, vocabulary: Vocabulary, synonyms: dict[str, list[Alternative]]) -> Plan:
    words = [word[:MAX_TERM_LENGTH] for word in tokens(query[:MAX_QUERY_LENGTH])]
    units: list[Unit] = []
    index = 0
    while index < len(words) and len(units) < MAX_UNITS:
        pair = words[index : index + 2]
        joined = "".join(pair)
        known = (joined, "".join(lemmas(pair)))
        if len(pair) == 2 and any(term in vocabulary or term in synonyms for term in known):
            units.append(_unit(tuple(pair), vocabulary, synonyms))
            index += 2
            continue
        units.append(_unit((words[index],), vocabulary, synonyms))
        index += 1
    if units and len(units[-1].alternatives[0]) == 1:
        last = units[-1]
        last.prefix = True
        last.guessed = last.guessed and not vocabulary.has_prefix(last.alternatives[0][0])
    meaningful = [unit for unit in units if unit.alternatives[0][0] not in STOPWORDS or len(unit.alternatives[0]) > 1]
    return Plan(units=meaningful or units, words=words)


def _unit(words: tuple[str, ...], vocabulary: Vocabulary, synonyms: dict[str, list[Alternative]]) -> Unit:
    unit = Unit(alternatives=[], sources=[])

    def add(alternative: Alternative, source: Source) -> None:
        if alternative not in unit.alternatives:
            unit.alternatives.append(alternative)
            unit.sources.append(source)

    key = "".join(words)
    lemma_words = tuple(lemmas(list(words)))
    lemma_key = "".join(lemma_words)
    add(words, Source.TYPED)
    if len(words) > 1:
        add((key,), Source.TYPED)
    add(lemma_words, Source.LEMMA)
    if len(words) > 1:
        add((lemma_key,), Source.LEMMA)
    for synonym in synonyms.get(key, []) + synonyms.get(lemma_key, []):
        add(synonym, Source.SYNONYM)
    known = key in vocabulary or key in synonyms or lemma_key in vocabulary or lemma_key in synonyms
    unit.guessed = len(words) == 1 and not known
    if unit.guessed:
        for correction in vocabulary.corrections(key):
            add((correction,), Source.CORRECTION)
    return unit


def render(plan: Plan, *, term: Callable[[str, bool], str], all_of: str, any_of: str, any_unit: bool = False) -> str:
    """The plan in a backend's query syntax: `term(text, prefix)` quotes one term, `all_of` and
    `any_of` are its AND and OR; with `any_unit`, a match of any unit is enough."""
    rendered = []
    for unit in plan.units:
        options = []
        for position, alternative in enumerate(unit.alternatives):
            # Only the words as typed may be unfinished; corrections and synonyms are whole terms.
            prefix = unit.prefix and position == 0
            options.append("(" + all_of.join(term(word, prefix) for word in alternative) + ")")
        rendered.append("(" + any_of.join(options) + ")")
    return (any_of if any_unit else all_of).join(rendered)


def synonym_table(groups: list[tuple[str, ...]]) -> dict[str, list[Alternative]]:
    """Map each phrase's compact form to the other phrases of its group, as alternatives.

    A phrase of one or two words becomes one term (its compact form is an index term); a
    longer phrase becomes an AND of its words.
    """
    table: dict[str, list[Alternative]] = {}
    for group in groups:
        phrases = [tokens(phrase) for phrase in group]
        as_alternatives = [
            (compact(" ".join(words)),) if len(words) <= 2 else tuple(words) for words in phrases if words
        ]
        for words in phrases:
            if not words:
                continue
            key = compact(" ".join(words))
            others = [alt for alt in as_alternatives if alt != (key,)]
            table.setdefault(key, [])
            table[key].extend(alt for alt in others if alt not in table[key])
    return table
