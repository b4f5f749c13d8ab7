"""A sliding-window counter in Django's cache (local memory in one process, Redis with REDIS_URL).

Each fixed window keeps its count; a limit compares this window's count plus the last window's,
weighted by how much of it the sliding window still covers (the approximation Cloudflare describes).
A fixed window alone lets twice the limit through around a window's edge.

Keyed by any value — a normalised mobile, an address — rather than by the request, because the
limits that matter at login are per mobile and per address, counted after normalisation.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import re
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)
_RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/h' → (5, 3600); '30/10m' → (30, 600)."""
    match = _RATE.match(rate.strip())
    if match is None:
        raise ValueError(f"rate {rate!r} is not like 5/h or 30/10m")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _UNITS[unit]


def allow(group: str, key: str, rate: str) -> bool:
    """Count one event for `key` in `group`; False, counting nothing, once the rate is reached."""
    limit, period = parse_rate(rate)
    now = time.time()
    cache_key = _cache_key(group, key, period, now)
    cache.add(cache_key, 0, timeout=2 * period + 5)  # read again as the last window during the next
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this is the window's first event
        cache.set(cache_key, 1, timeout=2 * period + 5)
        count = 1
    if count is None:  # the shared cache did not answer (settings.CACHES ignores its errors)
        _say_uncounted()
        return True
    if _sliding(group, key, period, now, count) <= limit:
        return True
    with contextlib.suppress(ValueError):  # a refused event is not counted: hammering does not lengthen it
        cache.decr(cache_key)
    return False


UNCOUNTED_SAID_EVERY_SECONDS = 60.0
_uncounted_said = [-UNCOUNTED_SAID_EVERY_SECONDS]


def _say_uncounted() -> None:
    """Serving without limits is a choice (a national login must not stop with its cache), and one an
    operator must hear of, once a minute rather than on every request."""
    now = time.monotonic()
    if now - _uncounted_said[0] >= UNCOUNTED_SAID_EVERY_SECONDS:
        _uncounted_said[0] = now
        logger.warning("the shared cache does not answer: rate limits are not counted until it does")


def room(group: str, key: str, rate: str) -> bool:
    """Whether `key` has room for one more event in this window, without counting one."""
    limit, period = parse_rate(rate)
    now = time.time()
    return _sliding(group, key, period, now, int(cache.get(_cache_key(group, key, period, now)) or 0)) < limit


def give_back(group: str, key: str, rate: str) -> None:
    """Uncount one event (it was counted before an attempt that then did not happen)."""
    with contextlib.suppress(ValueError):  # the window ended meanwhile: nothing left to give back
        cache.decr(_cache_key(group, key, parse_rate(rate)[1], time.time()))


Limit = tuple[str, str, str]  # (group, key, rate)


def take(limits: list[Limit]) -> bool:
    """One event counted under every limit, or, if any is reached, under none. For a guess counted
    before it is looked at (so that many at once cannot pass the check together), and given back
    with `give_back_all` when it turns out not to count (a hit)."""
    for taken, limit in enumerate(limits):
        if not allow(*limit):
            give_back_all(limits[:taken])
            return False
    return True


def give_back_all(limits: list[Limit]) -> None:
    for limit in limits:
        give_back(*limit)


def reset(group: str, key: str, rate: str) -> None:
    """Forget the counts (tests; an operator unblocking a person)."""
    period, now = parse_rate(rate)[1], time.time()
    cache.delete_many([_cache_key(group, key, period, now), _cache_key(group, key, period, now - period)])


def _sliding(group: str, key: str, period: int, now: float, count: int) -> float:
    """The events of the last `period` seconds, estimated: this window's, and the last window's share
    that the sliding window still covers."""
    earlier = int(cache.get(_cache_key(group, key, period, now - period)) or 0)
    return earlier * (1 - (now % period) / period) + count


def _cache_key(group: str, key: str, period: int, at: float) -> str:
    digest = hashlib.sha256(f"{group}\x00{key}".encode()).hexdigest()[:32]  # no raw mobiles in the cache
    return f"rl:{group}:{int(at) // period}:{digest}"
