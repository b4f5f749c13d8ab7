"""Reads that may lag the primary a little, sent to a read replica when the deployment has one.

The evaluation's measurements and the public statistics read a quarter's or a month's rows in bulk;
at a country's size that is minutes of a primary's CPU (docs/capacity.md). Code that may read from a
replica says so with `replica_reads()`; panjereh.ops.replica_router sends its reads (not its writes)
to the alias `replica` (DATABASE_REPLICA_URL) and the audit log's to `audit_replica`
(AUDIT_DATABASE_REPLICA_URL, or `replica` when the audit log shares the main database). Without a
replica everything reads from the primary, as before. A replica may be seconds behind: only what
does not need this second's rows reads there.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_on_replica: ContextVar[bool] = ContextVar("reads_on_replica", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Inside: reads may go to the read replica (writes never do)."""
    token = _on_replica.set(True)
    try:
        yield
    finally:
        _on_replica.reset(token)


def reading_from_replica() -> bool:
    return _on_replica.get()
