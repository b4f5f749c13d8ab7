from __future__ import annotations

from panjereh.exchange.gateway.breaker import FAILURES_TO_OPEN, OPEN_SECONDS, Breaker


def test_the_breaker_opens_after_repeated_failures_and_lets_one_trial_through_later() -> None:
    breaker = Breaker()
    for _ in range(FAILURES_TO_OPEN - 1):
        breaker.failure(now=0)
    assert breaker.allow(now=0)
    breaker.failure(now=0)
    assert breaker.is_open and not breaker.allow(now=1)
    assert breaker.allow(now=OPEN_SECONDS + 1)  # the trial call
    assert not breaker.allow(now=OPEN_SECONDS + 1)  # only one at a time
    breaker.failure(now=OPEN_SECONDS + 2)  # the trial failed: open again
    assert not breaker.allow(now=OPEN_SECONDS + 3)
    assert breaker.allow(now=2 * OPEN_SECONDS + 3)
    breaker.success()
    assert not breaker.is_open and breaker.allow(now=2 * OPEN_SECONDS + 3)
