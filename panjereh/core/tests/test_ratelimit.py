"""The sliding-window limit: no burst of twice the limit at a window's edge, the last window's events
fading as the sliding window leaves them, refusals not counted (hammering does not lengthen a lockout),
room() counting nothing, reset() forgetting both windows."""

from __future__ import annotations

import time
import types

import pytest
from django.core.cache import cache

from panjereh.core import ratelimit


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The counter's clock, frozen and moved by hand (the cache keeps real time: its entries outlive
    the test); minute windows."""
    now = [6_000_000.0]  # the start of a minute
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: now[0], monotonic=time.monotonic))
    cache.clear()
    return now


def allowed(times: int) -> int:
    return sum(ratelimit.allow("test", "someone", "10/m") for _ in range(times))


def test_a_burst_at_a_windows_edge_is_not_let_through_twice(clock: list[float]) -> None:
    clock[0] += 59.9
    assert allowed(10) == 10 and allowed(1) == 0
    clock[0] += 0.2  # the next window has begun: a fixed window would let ten more through
    assert allowed(5) == 0


def test_the_last_windows_events_fade_as_the_window_slides_past_them(clock: list[float]) -> None:
    assert allowed(10) == 10  # at the start of a minute
    clock[0] += 90  # half-way through the next: half of the ten still count
    assert allowed(10) == 5
    clock[0] += 60  # half-way through the third: the second's five (its refusals are not counted) count half
    assert allowed(10) == 7
    clock[0] += 150
    assert allowed(10) == 10


def test_room_counts_nothing_and_reset_forgets_both_windows(clock: list[float]) -> None:
    assert allowed(10) == 10
    clock[0] += 60
    assert not ratelimit.room("test", "someone", "10/m")  # all ten of the last minute still count
    assert not ratelimit.room("test", "someone", "10/m")
    ratelimit.reset("test", "someone", "10/m")
    assert ratelimit.room("test", "someone", "10/m") and allowed(10) == 10
    assert ratelimit.allow("test", "someone else", "10/m")  # counted per key


def test_hammering_past_the_limit_does_not_lengthen_it(clock: list[float]) -> None:
    assert allowed(10) == 10 and allowed(1000) == 0
    clock[0] += 60 + 54  # nine tenths through the next minute: a tenth of the ten still count
    assert allowed(10) == 9
