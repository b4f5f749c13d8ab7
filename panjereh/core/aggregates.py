"""Rows of a grouped ORM aggregate (`.values(key).annotate(...)`), as a mapping from the key."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def keyed(rows: Iterable[Mapping[str, Any]], key: str) -> dict[Any, dict[str, Any]]:
    """{row[key]: the row without its key}."""
    return {row[key]: {name: value for name, value in row.items() if name != key} for row in rows}
