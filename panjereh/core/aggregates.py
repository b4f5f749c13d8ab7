"""Rows of a grouped ORM aggregate (`.values(*keys).annotate(...)`), as a mapping from the key."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any


def keyed(rows: Iterable[Mapping[str, Any]], *keys: str) -> dict[Any, dict[str, Any]]:
    """{row[key]: the row without its key}; with several keys, the key is their tuple."""
    mapped: dict[Any, dict[str, Any]] = {}
    for row in rows:
        key = tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]
        mapped[key] = {name: value for name, value in row.items() if name not in keys}
    return mapped


def summed(rows: Mapping[Any, Mapping[str, int]], key: Callable[[Any], Hashable]) -> dict[Any, dict[str, int]]:
    """Counts added up under a coarser key: `summed(per_service, lambda k: k[0])` per agency."""
    totals: dict[Any, dict[str, int]] = {}
    for row_key, counts in rows.items():
        total = totals.setdefault(key(row_key), {})
        for name, n in counts.items():
            total[name] = total.get(name, 0) + (n or 0)
    return totals
