"""Second-pass ranking of the best candidates: titles the query covers whole come first.

The catalog holds many near-twins («پرداخت عوارض آزادراهی» and the same service of each province,
«… (اداره کل راه و شهرسازی استان فارس)»). Field-weighted relevance scores them almost alike, so
among the first candidates the one whose title the query covers most wins; relevance breaks ties.
"""

from __future__ import annotations

from panjereh.catalog.search.plan import Plan

HEAD = 100  # only the head is reordered: recall is decided there, the tail stays as ranked


def title_coverage(words: list[str], plan: Plan) -> float:
    """The share of the title's words that the query matched (directly, joined, or as a prefix)."""
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


def rerank_by_title_coverage(ranked: list[tuple[int, str]], plan: Plan) -> list[int]:
    """Service ids: the head reordered by title coverage (relevance breaking ties), then the tail."""
    head = ranked[:HEAD]
    coverage = {pk: round(title_coverage(title.split(), plan), 2) for pk, title in head}
    order = sorted(range(len(head)), key=lambda index: (-coverage[head[index][0]], index))
    return [head[index][0] for index in order] + [pk for pk, _ in ranked[HEAD:]]
