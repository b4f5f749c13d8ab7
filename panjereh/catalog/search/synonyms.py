"""Groups of words people use for the same thing when they look for a service.

Not sample data: this is how people search. Extend it from the search log.
"""

from __future__ import annotations

SYNONYMS: list[tuple[str, ...]] = [
    ("گذرنامه", "پاسپورت"),
]
