"""From indicator values to scores: a pillar's score is the mean of its indicators that have enough
data (×100); the overall score is the pillars' weighted mean; an agency with a pillar that has no
indicator with enough data is not scored («داده کافی نیست») and not ranked, never given a silent zero."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from panjereh.evaluation.constants import Pillar, Standing
from panjereh.evaluation.indicators import BY_CODE


@dataclass(frozen=True)
class Scores:
    standing: Standing
    score: float | None
    pillars: dict[str, float | None]


def agency_scores(
    values: Mapping[str, tuple[float | None, bool]], taking_part: bool, weights: Mapping[str, float]
) -> Scores:
    """`values`: indicator code → (value, whether it rests on enough data)."""
    pillars: dict[str, float | None] = {}
    for pillar in Pillar:
        counted = [
            value
            for code, (value, sufficient) in values.items()
            if BY_CODE[code].pillar == pillar and sufficient and value is not None
        ]
        pillars[pillar.value] = round(100 * sum(counted) / len(counted), 2) if counted else None
    if not taking_part:
        return Scores(Standing.ABSENT, None, pillars)
    if any(score is None for score in pillars.values()):
        return Scores(Standing.INSUFFICIENT, None, pillars)
    total = sum(weights[p] for p in pillars)
    score = sum(weights[p] * (pillars[p] or 0.0) for p in pillars) / total
    return Scores(Standing.SCORED, round(score, 2), pillars)


def competition_ranks(scores: Mapping[int, float]) -> dict[int, int]:
    """Rank 1 for the best; equal scores share a rank and the next rank skips (1, 2, 2, 4)."""
    ordered = sorted(scores.items(), key=lambda item: -item[1])
    ranks: dict[int, int] = {}
    for position, (key, score) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        ranks[key] = ranks[previous[0]] if previous is not None and previous[1] == score else position
    return ranks
