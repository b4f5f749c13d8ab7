"""Long-running processes hand their start-up objects to the collector's permanent generation.

Python's full (oldest-generation) collection walks every object it tracks, and a started Django
process holds hundreds of thousands: modules, models, URL patterns, schemas. Such a collection takes
tens of milliseconds, and meanwhile the whole process stands still — its other threads, and any
database write lock one of them holds (on SQLite every writer of every process then waits).

`settle()` is called once a process has started: start-up garbage is collected, and what remains
is frozen (gc.freeze), so later full collections walk only what was made since. Nothing frozen is
ever freed, which is why only start-up objects, meant to live as long as the process, are.
"""

from __future__ import annotations

import gc


def settle() -> None:
    gc.collect()
    gc.freeze()
