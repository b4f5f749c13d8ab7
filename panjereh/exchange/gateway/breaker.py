"""A circuit breaker per provider: after repeated failures, calls fail fast for a while instead of
queueing on a provider that is down, and one trial call tests whether it is back."""

from __future__ import annotations

import time
from dataclasses import dataclass

FAILURES_TO_OPEN = 5
OPEN_SECONDS = 10.0


@dataclass
class Breaker:
    failures: int = 0
    opened_at: float | None = None
    trial_running: bool = False

    def allow(self, now: float | None = None) -> bool:
        if self.opened_at is None:
            return True
        now = time.monotonic() if now is None else now
        if now - self.opened_at < OPEN_SECONDS or self.trial_running:
            return False
        self.trial_running = True  # half-open: let one call through to test the provider
        return True

    def success(self) -> None:
        self.failures, self.opened_at, self.trial_running = 0, None, False

    def failure(self, now: float | None = None) -> None:
        self.failures += 1
        self.trial_running = False
        if self.failures >= FAILURES_TO_OPEN or self.opened_at is not None:
            self.opened_at = time.monotonic() if now is None else now

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None


class Breakers:
    def __init__(self) -> None:
        self._by_provider: dict[str, Breaker] = {}

    def of(self, provider: str) -> Breaker:
        breaker = self._by_provider.get(provider)
        if breaker is None:
            breaker = self._by_provider[provider] = Breaker()
        return breaker
