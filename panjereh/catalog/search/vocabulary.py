"""The set of indexed terms with their document frequencies, and one-edit typo correction.

Typo correction uses the symmetric-delete method (as in SymSpell): every term is filed under each
of its one-letter deletions, so the terms within one edit (insert, delete, substitute, swap) of a
query word are found with a few dictionary look-ups and then confirmed by edit distance.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property

MIN_CORRECTABLE_LENGTH = 3
MAX_CORRECTIONS = 3


def _deletions(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


def within_one_edit(a: str, b: str) -> bool:
    """Damerau–Levenshtein distance ≤ 1 (adjacent swap counts as one edit)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


class Vocabulary:
    def __init__(self, documents: Iterable[Iterable[str]], correctable: Iterable[str] = ()) -> None:
        self.doc_freq: Counter[str] = Counter()
        for terms in documents:
            self.doc_freq.update(set(terms))
        self._by_deletion: defaultdict[str, set[str]] = defaultdict(set)
        for term in set(correctable):
            if len(term) >= MIN_CORRECTABLE_LENGTH:
                for deleted in _deletions(term):
                    self._by_deletion[deleted].add(term)
                self._by_deletion[term].add(term)

    def __contains__(self, term: object) -> bool:
        return term in self.doc_freq

    def __len__(self) -> int:
        return len(self.doc_freq)

    @cached_property
    def _sorted(self) -> list[str]:
        return sorted(self.doc_freq)

    def has_prefix(self, prefix: str) -> bool:
        """Whether some indexed term starts with `prefix` (a word still being typed)."""
        at = bisect.bisect_left(self._sorted, prefix)
        return at < len(self._sorted) and self._sorted[at].startswith(prefix)

    def corrections(self, word: str) -> list[str]:
        """Known terms one edit away from `word`, most frequent first."""
        if len(word) < MIN_CORRECTABLE_LENGTH:
            return []
        candidates: set[str] = set(self._by_deletion.get(word, ()))
        for deleted in _deletions(word):
            candidates |= self._by_deletion.get(deleted, set())
        found = [term for term in candidates if term != word and within_one_edit(word, term)]
        found.sort(key=lambda term: (-self.doc_freq[term], term))
        return found[:MAX_CORRECTIONS]
