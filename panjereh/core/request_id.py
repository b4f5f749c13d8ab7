"""One id per request, on every log line of the work it leads to: the request itself, the tasks it
queues (and the tasks those queue), and its inquiries through the exchange gateway to the agency's
system and back (docs/operations.md, «Logs»).

A caller, or the proxy in front, may send its own id in `X-Request-ID`; it is kept if it looks like
an id and quietly replaced otherwise, since it ends up in every log line of the request.
"""

from __future__ import annotations

import contextlib
import logging
import re
import uuid
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,64}")

_current: ContextVar[str] = ContextVar("request_id", default="")


def current_request_id() -> str:
    """The id of the request (or task) this code runs for; empty outside one. Pass it to a task's
    `request_id` keyword when queuing it."""
    return _current.get()


def accepted_request_id(offered: str | None) -> str:
    """The caller's id if it is well formed, else a new one: a bad header is never an error."""
    if offered and WELL_FORMED.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


@contextlib.contextmanager
def bound(request_id: str) -> Iterator[str]:
    """Runs the block under `request_id`, or under a new id if it is empty (a task queued by the
    worker's own sweeps, or before tasks carried one): its log lines and inquiries still line up."""
    token = _current.set(request_id or uuid.uuid4().hex)
    try:
        yield _current.get()
    finally:
        _current.reset(token)


class RequestId:
    """The middleware: binds the request's id while it is answered and names it in the answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with bound(accepted_request_id(request.headers.get(HEADER))) as request_id:
            request.request_id = request_id  # type: ignore[attr-defined]  # for django.request's line, logged after
            response = self.get_response(request)  # an error is already an answer here (Django converts it)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record (empty when there is none). A record that names its own
    (the exchange gateway's, which does not rely on the context) keeps it; Django's line about a 4xx or
    5xx answer, written once the middleware is done, takes it from its request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            request = getattr(record, "request", None)
            record.request_id = _current.get() or getattr(request, "request_id", "")
        return True
