"""A day announced closed, or open, counts again every deadline whose clock ran on it: promises, the
inbox's due times and complaints' answer times, from when each clock started, whatever was counted
before; those that did not run on it are left alone."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.services import agency_upsert
from panjereh.applications.constants import DecisionMode, Status
from panjereh.applications.models import Application, Complaint, ServiceDefinition
from panjereh.applications.services.deadlines import deadlines_count_again
from panjereh.applications.tracking import new_tracking_code
from panjereh.catalog.models import Service
from panjereh.core.models import AnnouncedDay
from panjereh.core.working_days import TEHRAN, working_deadline

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)
SATURDAY = datetime.date(2026, 12, 5)  # 14 Azar 1405, an ordinary week
SUNDAY = SATURDAY + datetime.timedelta(days=1)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), TEHRAN)


@pytest.fixture
def definition() -> ServiceDefinition:
    agency = agency_upsert(code="tehran-municipality", name="شهرداری تهران")
    service = Service.objects.create(code="tehran-permit", agency=agency, title="پروانه ساختمانی")
    return ServiceDefinition.objects.create(code=service.code, service=service, agency=agency, title=service.title,
                                            decision_mode=DecisionMode.HUMAN, sla_hours=48)  # fmt: skip


def application(definition: ServiceDefinition, started: datetime.datetime, **fields: object) -> Application:
    promised = working_deadline(started, 48 * HOUR)
    return Application.objects.create(
        tracking_code=new_tracking_code(), citizen=citizen_get_or_create(national_code="0012345679"),
        definition=definition, agency=definition.agency, decision_mode=DecisionMode.HUMAN,
        status=Status.WAITING_FOR_AGENCY, submitted_at=started, promised_from=started, promised_by=promised,
        due_from=started, due_at=promised, **fields,
    )  # fmt: skip


def test_a_closure_announced_after_the_deadlines_were_set_lengthens_them_and_a_reopening_shortens_them(
    definition: ServiceDefinition,
) -> None:
    waiting = application(definition, at(SATURDAY, 10))  # 48 h: due Monday 10:00
    decided = application(definition, at(SATURDAY, 11), decided_at=at(SUNDAY, 12) + 24 * HOUR)
    before = application(definition, at(SATURDAY - datetime.timedelta(days=7), 10))  # over before Sunday
    after = application(definition, at(SUNDAY + datetime.timedelta(days=1), 9))  # its clock starts after Sunday
    untouched = {row.pk: (row.promised_by, row.due_at) for row in (before, after)}
    assert waiting.promised_by == at(SATURDAY + datetime.timedelta(days=2), 10)

    AnnouncedDay.objects.create(day=SUNDAY, reason="آلودگی هوا")
    assert deadlines_count_again(SUNDAY) == 2
    waiting.refresh_from_db()
    decided.refresh_from_db()
    assert waiting.promised_by == waiting.due_at == at(SATURDAY + datetime.timedelta(days=3), 10)  # a day later
    assert decided.promised_by == at(SATURDAY + datetime.timedelta(days=3), 11)
    assert decided.decided_at is not None and decided.decided_at <= decided.promised_by  # now in time
    assert {row.pk: (row.promised_by, row.due_at) for row in Application.objects.filter(pk__in=untouched)} == untouched
    assert deadlines_count_again(SUNDAY) == 0  # counted from the start again: the same, nothing changes

    AnnouncedDay.objects.filter(day=SUNDAY).delete()  # withdrawn
    assert deadlines_count_again(SUNDAY) == 2
    waiting.refresh_from_db()
    assert waiting.promised_by == at(SATURDAY + datetime.timedelta(days=2), 10)


def test_a_complaints_answer_time_is_counted_again_too(definition: ServiceDefinition) -> None:
    filed = at(SATURDAY, 9)
    complaint = Complaint.objects.create(
        application=application(definition, filed), citizen=citizen_get_or_create(national_code="0012345679"),
        agency=definition.agency, text="پاسخی نگرفتم", due_at=working_deadline(filed, datetime.timedelta(days=10)),
    )  # fmt: skip
    Complaint.objects.filter(pk=complaint.pk).update(created_at=filed)
    due = Complaint.objects.get(pk=complaint.pk).due_at
    AnnouncedDay.objects.create(day=SUNDAY, reason="گرمای هوا")
    deadlines_count_again(SUNDAY)
    complaint.refresh_from_db()
    assert due is not None and complaint.due_at == working_deadline(due, 24 * HOUR)  # one working day more


def test_an_announcement_reaches_the_worker_once_committed(definition: ServiceDefinition) -> None:
    """The back office's save is passed to the registered apps: the recount is enqueued, now and later."""
    from django_tasks_db.models import DBTaskResult

    from panjereh.core.working_days import calendar_changed

    calendar_changed(SUNDAY)
    queued = DBTaskResult.objects.filter(task_path__endswith="deadlines_recount")
    assert queued.count() == 2 and all(task.args_kwargs["args"] == [SUNDAY.isoformat()] for task in queued)
    assert max(queued.values_list("run_after", flat=True)) > timezone.now()


def test_a_long_promise_made_weeks_before_is_found_too(definition: ServiceDefinition) -> None:
    """Each promise's length looks back as far as it needs: a thirty-day promise started a month
    before the day is counted again; the short promises' look back is not widened by it."""
    long = ServiceDefinition.objects.create(code="tehran-permit-long", service=definition.service,
                                            agency=definition.agency, title="پروانه (بلند)",
                                            decision_mode=DecisionMode.HUMAN, sla_hours=30 * 24)  # fmt: skip
    started = at(SATURDAY - datetime.timedelta(days=30), 10)
    promised = working_deadline(started, 30 * 24 * HOUR)
    assert promised > at(SUNDAY, 0)  # its clock still runs on Sunday
    waiting = Application.objects.create(
        tracking_code=new_tracking_code(), citizen=citizen_get_or_create(national_code="0012345679"), definition=long,
        agency=definition.agency, decision_mode=DecisionMode.HUMAN, status=Status.WAITING_FOR_AGENCY,
        submitted_at=started, promised_from=started, promised_by=promised,
    )  # fmt: skip
    AnnouncedDay.objects.create(day=SUNDAY, reason="آلودگی هوا")
    assert deadlines_count_again(SUNDAY) == 1
    waiting.refresh_from_db()
    assert waiting.promised_by == working_deadline(promised, 24 * HOUR)
