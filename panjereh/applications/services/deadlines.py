"""Deadlines counted again when the official calendar changes.

Every promise (`promised_by`, from `promised_from`), every inbox or forwarded due time (`due_at`, from
`due_from`) and every complaint's answer time is counted on working days from when its clock started
(panjereh.core.working_days). When a supervisor announces a day closed, or open, or withdraws an
announcement, those whose clock ran, or would have run, on that day are counted again from their
start with the calendar as it is now: the result does not depend on what was counted before, so
running this twice, or late, is harmless, and a day announced open shortens what a closure had
lengthened. Decided applications and answered complaints are counted too: "in time" in the
evaluation compares with these columns.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from panjereh.applications.constants import COMPLAINT_ANSWER_DAYS, DEFAULT_PROMISED_HOURS
from panjereh.applications.models import Application, Complaint, ServiceDefinition
from panjereh.core.working_days import TEHRAN, Calendar, calendar_from, working_deadline

BATCH = 1000
COMPLAINT_TIME = datetime.timedelta(days=COMPLAINT_ANSWER_DAYS)
AGAIN_AFTER = datetime.timedelta(minutes=5)  # once more, for what was being counted with the old calendar


def on_calendar_changed(day: datetime.date) -> None:
    """Registered with core at start-up: the counting is the worker's, now and once more a little later."""
    deadlines_recount.enqueue(day.isoformat())
    deadlines_recount.using(run_after=timezone.now() + AGAIN_AFTER).enqueue(day.isoformat())


@task()
def deadlines_recount(day: str) -> None:
    deadlines_count_again(datetime.date.fromisoformat(day))


def deadlines_count_again(day: datetime.date) -> int:
    """Counts again every deadline whose clock ran on `day`; returns how many changed."""
    start = datetime.datetime.combine(day, datetime.time(), TEHRAN)
    end = start + datetime.timedelta(days=1)
    by_hours: dict[int, list[int]] = defaultdict(list)  # each promise's length looks back as far as it needs
    for pk, hours in ServiceDefinition.objects.values_list("pk", "sla_hours"):
        by_hours[hours or DEFAULT_PROMISED_HOURS].append(pk)
    longest = _calendar_span(datetime.timedelta(hours=max(by_hours, default=DEFAULT_PROMISED_HOURS)))
    calendar = calendar_from((start - max(longest, _calendar_span(COMPLAINT_TIME))).date())
    changed = _complaints(start, end, calendar)
    for hours, definitions in by_hours.items():
        span = _calendar_span(datetime.timedelta(hours=hours))
        changed += _applications(definitions, start, end, span, calendar)
    return changed


def _calendar_span(working: datetime.timedelta) -> datetime.timedelta:
    """A bound on the calendar time `working` time can take: at most two days in seven are off in the
    worst weeks (Nowruz), and a month more for the holidays in between."""
    return working * 2 + datetime.timedelta(days=30)


def _applications(
    definitions: list[int], start: datetime.datetime, end: datetime.datetime, span: datetime.timedelta,
    calendar: Calendar,
) -> int:  # fmt: skip
    # A clock that started before the day's end, on an application of these definitions submitted
    # within their promise's span before it (the index on submitted_at), whose deadline was not over
    # when the day began.
    found = (
        Application.objects.filter(definition_id__in=definitions, submitted_at__gte=start - span, submitted_at__lt=end)
        .filter(Q(promised_by__gte=start, promised_from__lt=end) | Q(due_at__gte=start, due_from__lt=end))
        .select_related("definition")
        .only("pk", "promised_by", "promised_from", "due_at", "due_from", "definition__sla_hours")
    )
    changed: list[Application] = []
    total = 0
    for application in found.iterator(chunk_size=BATCH):
        promised = application.definition.promised_time
        before = (application.promised_by, application.due_at)
        if application.promised_from is not None and application.promised_by is not None:
            application.promised_by = working_deadline(application.promised_from, promised, calendar)
        if application.due_from is not None and application.due_at is not None:
            application.due_at = working_deadline(application.due_from, promised, calendar)
        if (application.promised_by, application.due_at) != before:
            changed.append(application)
        if len(changed) >= BATCH:
            total += _save(Application, changed, ["promised_by", "due_at"])
    return total + _save(Application, changed, ["promised_by", "due_at"])


def _complaints(start: datetime.datetime, end: datetime.datetime, calendar: Calendar) -> int:
    found = Complaint.objects.filter(
        created_at__gte=start - _calendar_span(COMPLAINT_TIME), created_at__lt=end, due_at__gte=start
    ).only("pk", "created_at", "due_at")
    changed: list[Complaint] = []
    total = 0
    for complaint in found.iterator(chunk_size=BATCH):
        due = working_deadline(complaint.created_at, COMPLAINT_TIME, calendar)
        if due != complaint.due_at:
            complaint.due_at = due
            changed.append(complaint)
        if len(changed) >= BATCH:
            total += _save(Complaint, changed, ["due_at"])
    return total + _save(Complaint, changed, ["due_at"])


def _save(model: Any, rows: list[Any], fields: list[str]) -> int:
    count = len(rows)
    if rows:
        model.objects.bulk_update(rows, fields, batch_size=BATCH)
        rows.clear()
    return count
