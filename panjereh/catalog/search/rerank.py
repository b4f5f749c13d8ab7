"""Second-pass ranking of the best candidates: titles the query covers whole come first.

The catalog holds many near-twins («پرداخت عوارض آزادراهی» and the same service of each province,
«… (اداره کل راه و شهرسازی استان فارس)»). Field-weighted relevance scores them almost alike, so
among the first candidates the one whose title the query covers most wins; relevance breaks ties.
"""

from __future__ import annotations

import functools

from panjereh.catalog.models import Service
from panjereh.catalog.search.plan import Plan
from panjereh.persian import tokens

HEAD = 100  # only the head is reordered: recall is decided there, the tail stays as ranked


@functools.lru_cache(maxsize=20_000)
def _title_words(title: str) -> tuple[str, ...]:
    return tuple(tokens(title))


def title_coverage(title: str, plan: Plan) -> float:
    """The share of the title's words that the query matched (directly, joined, or as a prefix)."""
    words = _title_words(title)
    if not words:
        return 0.0
    terms = {term for unit in plan.units for alternative in unit.alternatives for term in alternative}
    prefixes = [unit.alternatives[0][0] for unit in plan.units if unit.prefix]
    covered = [False] * len(words)
    for i, word in enumerate(words):
        if word in terms or any(word.startswith(prefix) for prefix in prefixes):
            covered[i] = True
        elif i + 1 < len(words) and word + words[i + 1] in terms:
            covered[i] = covered[i + 1] = True
    return sum(covered) / len(words)


def rerank_by_title_coverage(ids: list[int], plan: Plan) -> list[int]:
    head = ids[:HEAD]
    if len(head) < 2:
        return ids
    titles = dict(Service.objects.filter(id__in=head).values_list("id", "title"))
    position = {pk: index for index, pk in enumerate(head)}
    coverage = {pk: round(title_coverage(titles.get(pk, ""), plan), 2) for pk in head}
    return sorted(head, key=lambda pk: (-coverage[pk], position[pk])) + ids[HEAD:]
