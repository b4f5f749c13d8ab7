"""Second-pass ranking: what the person literally typed first, then what search found for them.

The database finds the matches and orders them by field-weighted relevance. That order cannot tell
a word typed from a word search added: «ویزا» is expanded to its synonym «روادید», and then every
service with «روادید» in its title would outrank the one whose own keywords say «ویزا». So each
match is classed, per unit of the query, by its best evidence (`Evidence`, best first), and the
classes of its units are added up; fewer points rank first. Synonyms widen recall, they do not
reorder exact evidence.

An unfinished last word that continues the phrase typed («پروانه ساختمان» for «پروانه ساختمانی») counts
as typed whole.

The catalog also holds many near-twins («پرداخت عوارض آزادراهی» and the same service of each
province, «… (اداره کل راه و شهرسازی استان فارس)»). Among the first candidates with the same
evidence, the one whose title the query covers most wins; relevance breaks the remaining ties.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from itertools import pairwise
from typing import NamedTuple

from panjereh.catalog.search.plan import Alternative, Plan, Source, Unit
from panjereh.persian import joined_terms, lemma, lemmas

# Only the database's best matches are classed, and only the first of those reordered by title coverage:
# recall is decided there, and a broad word («درخواست») matches thousands whose order past these
# pages nobody reads (classing them all cost more than the search).
CLASSED = 300
HEAD = 100


class Match(NamedTuple):
    service_id: int
    title: str  # the normalised title's words
    keywords: str  # the keyword index terms


class Evidence(IntEnum):
    """How a unit of the query matched a service, best first."""

    TITLE = 0  # a word as typed, whole, in the title
    KEYWORDS = 1  # a word as typed, whole, in the keywords
    PREFIX = 2  # the unfinished last word starts a word of the title or the keywords
    LEMMA = 3  # the same lemma («سند» and «اسناد») in the title or the keywords
    SYNONYM = 4  # a synonym in the title or the keywords
    CORRECTION = 5  # a typo correction in the title or the keywords
    ELSEWHERE = 6  # only in the agency's name or the summary (or not at all, in the any-word fallback)


class _Service:
    """The terms of one match, worked out only as far as a question needs them."""

    def __init__(self, match: Match) -> None:
        self.words = match.title.split()
        self.title = set(joined_terms(self.words))
        self.keywords = set(match.keywords.split())
        self._surface: set[str] | None = None
        self._lemmas: set[str] | None = None

    @property
    def surface(self) -> set[str]:
        if self._surface is None:
            self._surface = self.title | self.keywords
        return self._surface

    @property
    def lemmas(self) -> set[str]:
        if self._lemmas is None:
            self._lemmas = set(joined_terms(lemmas(self.words))) | {lemma(term) for term in self.keywords}
        return self._lemmas


class _Asked:
    """One unit of the query, its alternatives grouped by where they come from."""

    def __init__(self, unit: Unit) -> None:
        self.typed = unit.of(Source.TYPED)
        self.prefix = unit.typed_prefix()
        self.lemmas = [*unit.of(Source.LEMMA), *(tuple(lemmas(list(alternative))) for alternative in self.typed)]
        self.synonyms = unit.of(Source.SYNONYM)
        self.corrections = unit.of(Source.CORRECTION) if unit.guessed else []


def _has(terms: set[str], alternatives: Iterable[Alternative]) -> bool:
    return any(all(word in terms for word in alternative) for alternative in alternatives)


def evidence(asked: _Asked, service: _Service) -> Evidence:
    """The best evidence of a unit of the query in the service's title and keywords."""
    if _has(service.title, asked.typed):
        return Evidence.TITLE
    if _has(service.keywords, asked.typed):
        return Evidence.KEYWORDS
    if asked.prefix and any(term.startswith(asked.prefix) for term in service.surface):
        return Evidence.PREFIX
    if _has(service.lemmas, asked.lemmas):
        return Evidence.LEMMA
    if _has(service.surface, asked.synonyms):
        return Evidence.SYNONYM
    if _has(service.surface, asked.corrections):
        return Evidence.CORRECTION
    return Evidence.ELSEWHERE


def _points(asked: list[_Asked], service: _Service) -> int:
    classes = [evidence(unit, service) for unit in asked]
    for i in range(1, len(asked)):
        # «پروانه ساختمان» typed, «پروانه ساختمانی» in the title: the unfinished word continues the phrase
        # typed, which is as good as typing it whole (and better than the two words far apart).
        after_title = classes[i] == Evidence.PREFIX and classes[i - 1] == Evidence.TITLE
        if after_title and _continues(asked[i - 1], asked[i].prefix, service.words):
            classes[i] = Evidence.TITLE
    return sum(classes)


def _continues(before: _Asked, prefix: str, words: list[str]) -> bool:
    """Whether a title word typed as `before` is followed in the title by a word starting with `prefix`."""
    ends = {alternative[-1] for alternative in before.typed if alternative}
    return any(word in ends and following.startswith(prefix) for word, following in pairwise(words))


class _Coverage:
    """The share of a title's words that the query matched (directly, joined, under the same lemma
    or as a prefix)."""

    def __init__(self, plan: Plan) -> None:
        self.terms = {term for unit in plan.units for alternative in unit.alternatives for term in alternative}
        self.lemma_terms = {lemma(term) for term in self.terms}
        self.prefixes = tuple(unit.typed_prefix() for unit in plan.units if unit.prefix)

    def __call__(self, words: list[str]) -> float:
        if not words:
            return 0.0
        covered = [False] * len(words)
        for i, word in enumerate(words):
            if word in self.terms or lemma(word) in self.lemma_terms or word.startswith(self.prefixes):
                covered[i] = True
            elif i + 1 < len(words) and word + words[i + 1] in self.terms:
                covered[i] = covered[i + 1] = True
        return sum(covered) / len(words)


def rank(matches: list[Match], plan: Plan) -> list[int]:
    """Service ids, best first: by the evidence of their match, then (in the head) by how much of
    the title the query covers, then in the database's order of relevance."""
    asked = [_Asked(unit) for unit in plan.units]
    classed = matches[:CLASSED]
    points = [_points(asked, _Service(match)) for match in classed]
    order = sorted(range(len(classed)), key=lambda index: (points[index], index))
    head, tail = order[:HEAD], order[HEAD:] + list(range(len(classed), len(matches)))
    title_coverage = _Coverage(plan)
    coverage = {index: round(title_coverage(matches[index].title.split()), 2) for index in head}
    head.sort(key=lambda index: (points[index], -coverage[index], index))
    return [matches[index].service_id for index in head + tail]
