"""Processing is durable and repeatable: an agency that does not answer is asked again later, then
the application goes to a person; a worker that dies mid-way is picked up again; nothing twice."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Iterator

import httpx
import pytest
from django.utils import timezone

from panjereh.applications import rules, services
from panjereh.applications.constants import Status
from panjereh.applications.models import Application, InquiryResult, IssuedDocument
from panjereh.applications.services import decisions, processing
from panjereh.core.errors import Conflict
from panjereh.notifications.models import Notification, SmsState

from .conftest import agency_down, apply, citizen, client_for, run_tasks


@pytest.fixture
def judiciary_down(world: str, sandbox_url: str) -> Iterator[None]:
    with agency_down(sandbox_url, "judiciary"):
        yield


def test_an_agency_that_does_not_answer_is_asked_again_later(judiciary_down: None) -> None:
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    run_tasks()
    application = Application.objects.get(tracking_code=code)
    assert application.status == Status.IN_PROGRESS
    assert application.attempts == 1
    # The civil registry answered; only the judiciary will be asked again.
    assert InquiryResult.objects.get(application=application, name="identity").status_code == 200
    assert InquiryResult.objects.get(application=application, name="record").status_code == 502


def test_a_later_round_decides_on_the_answers_of_every_round(judiciary_down: None, sandbox_url: str) -> None:
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    run_tasks()  # the civil registry answers, the judiciary does not
    httpx.delete(f"{sandbox_url}/_faults", timeout=5).raise_for_status()
    application = Application.objects.get(tracking_code=code)
    services.application_process(str(application.pk))  # asks the judiciary only
    application.refresh_from_db()
    assert application.status == Status.ISSUED
    stored = decisions.inputs_of(application)
    assert set(stored["inquiries"]) == {"identity", "record"}
    assert application.inputs_hash == rules.inputs_hash(stored)  # decided on both rounds' answers


def test_a_gateway_that_cannot_be_reached_is_a_transient_failure(world: str, settings: object) -> None:
    settings.EXCHANGE_URL = "http://127.0.0.1:9"  # type: ignore[attr-defined]  # the discard port: nothing listens
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    run_tasks()
    application = Application.objects.get(tracking_code=code)
    assert (application.status, application.attempts) == (Status.IN_PROGRESS, 1)
    assert set(application.inquiry_results.values_list("status_code", flat=True)) == {0}


def test_after_the_last_try_the_application_goes_to_a_person_at_the_agency(judiciary_down: None) -> None:
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    for _ in range(processing.PROCESS_MAX_TRIES):
        services.application_process(str(Application.objects.get(tracking_code=code).pk))
    application = Application.objects.get(tracking_code=code)
    assert application.status == Status.WAITING_FOR_AGENCY
    assert application.due_at is not None
    assert "کارشناس دستگاه" in application.events.last().message  # type: ignore[union-attr]


def test_once_the_agency_is_back_an_officer_asks_it_again_and_the_service_decides(
    judiciary_down: None, sandbox_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Handed to a person during the judiciary's outage, the application stayed with them after it
    recovered; «استعلام دوباره از دستگاه‌ها» sends it back to the agencies and the rules decide."""
    from panjereh.accounts.tests.staff_world import logged_in

    # Two tries, not five: five failures in a row would open the gateway's circuit breaker for 10 s.
    monkeypatch.setattr(processing, "PROCESS_MAX_TRIES", 2)
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    for _ in range(processing.PROCESS_MAX_TRIES):
        services.application_process(str(Application.objects.get(tracking_code=code).pk))
    application = Application.objects.get(tracking_code=code)
    assert application.status == Status.WAITING_FOR_AGENCY
    officer = logged_in("judiciary-officer", "officer", "judiciary")
    page = officer.get(f"/admin/applications/application/{application.pk}/change/")
    assert "استعلام دوباره از دستگاه‌ها" in page.content.decode()
    httpx.delete(f"{sandbox_url}/_faults", timeout=5).raise_for_status()  # the judiciary is back
    answer = officer.post(f"/admin/applications/application/{application.pk}/ask-again/")
    assert answer.status_code == 302
    run_tasks()
    application.refresh_from_db()
    assert application.status == Status.ISSUED and application.decided_automatically
    assert IssuedDocument.objects.filter(application=application).exists()
    with pytest.raises(Conflict):  # decided: there is nothing to ask any more
        services.application_ask_again(application=application, user=None, name="x")


def test_an_application_a_crashed_worker_left_in_progress_is_resumed(world: str) -> None:
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    application = Application.objects.get(tracking_code=code)
    # As if a worker claimed the task, moved the application on, and died: no task is left queued.
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    Application.objects.filter(pk=application.pk).update(
        status=Status.IN_PROGRESS, updated_at=timezone.now() - timezone.timedelta(minutes=5)
    )
    assert run_tasks() == 0
    assert services.applications_resume() == 1
    run_tasks()
    assert Application.objects.get(pk=application.pk).status == Status.ISSUED


def test_processing_twice_decides_once_and_issues_one_document(world: str) -> None:
    person = citizen()
    code = apply(client_for(person), "criminal-record-certificate").json()["tracking_code"]
    application_id = str(Application.objects.get(tracking_code=code).pk)
    services.application_process(application_id)
    services.application_process(application_id)
    run_tasks()
    assert IssuedDocument.objects.count() == 1
    assert Application.objects.get(pk=application_id).events.filter(status=Status.ISSUED).count() == 1
    # One message for the decision, in the app and by SMS, however often the work ran.
    (message,) = Notification.objects.filter(user=person.user)
    assert message.sms_state == SmsState.SENT
    assert "صادر شد" in message.body


def test_an_application_that_changed_while_its_agencies_were_asked_keeps_the_change(
    world: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The automatic decision is worked out (and its document signed) before its transaction; if the
    application moved meanwhile, e.g. to a person at the agency, that decision is dropped, not written."""
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    application_id = str(Application.objects.get(tracking_code=code).pk)
    ask = processing._ask_agencies

    def ask_and_move(application: Application, while_waiting: Callable[[], None]) -> list[processing.Asked]:
        answers = ask(application, while_waiting)
        # As it stands now: `in_progress` already if the agencies took longer than IN_PROGRESS_AFTER_SECONDS
        # (a loaded machine), else still `submitted`.
        now_status = Application.objects.values_list("status", flat=True).get(pk=application_id)
        assert now_status in (Status.SUBMITTED, Status.IN_PROGRESS)
        services.application_hand_over(application_id=application_id, from_status=now_status,
                                       message="به کارشناس سپرده شد.")  # fmt: skip
        return answers

    monkeypatch.setattr(processing, "_ask_agencies", ask_and_move)
    services.application_process(application_id)
    application = Application.objects.get(pk=application_id)
    assert application.status == Status.WAITING_FOR_AGENCY
    assert application.decided_at is None and application.inputs_hash == ""
    assert not IssuedDocument.objects.exists()
    assert not InquiryResult.objects.filter(application=application).exists()


def test_agencies_that_answer_at_once_move_the_application_in_one_turn(world: str) -> None:
    """`in_progress` goes into the outcome's transaction, dated when the inquiries began."""
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    application = Application.objects.get(tracking_code=code)
    services.application_process(str(application.pk))
    events = list(application.events.order_by("id"))
    assert [e.status for e in events] == [Status.SUBMITTED, Status.IN_PROGRESS, Status.ISSUED]
    assert events[1].message == processing.INQUIRIES_BEGAN
    assert events[0].at <= events[1].at <= events[2].at
    # the inquiries' answers were stored after the move to in_progress was dated
    assert all(r.at >= events[1].at for r in application.inquiry_results.all())


def test_while_slow_agencies_answer_the_person_sees_in_progress(
    world: str, sandbox_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    delay = processing.IN_PROGRESS_AFTER_SECONDS + 1.0
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    application = Application.objects.get(tracking_code=code)
    began_writing = processing._inquiries_began
    seen: list[tuple[float, str]] = []

    def watched(application: Application, began: datetime.datetime) -> None:
        began_writing(application, began)  # committed: what anyone reading the application sees now
        stored = Application.objects.values_list("status", flat=True).get(pk=application.pk)
        seen.append((time.monotonic() - started, stored))

    monkeypatch.setattr(processing, "_inquiries_began", watched)
    httpx.put(f"{sandbox_url}/_faults/judiciary", json={"latency_ms": int(delay * 1000)}, timeout=5).raise_for_status()
    try:
        started = time.monotonic()
        services.application_process(str(application.pk))
        took = time.monotonic() - started
    finally:
        httpx.delete(f"{sandbox_url}/_faults", timeout=5)
    ((at, status),) = seen  # written once, while the judiciary was still being asked
    assert status == Status.IN_PROGRESS
    assert processing.IN_PROGRESS_AFTER_SECONDS <= at < delay <= took
    assert Application.objects.get(pk=application.pk).status == Status.ISSUED
    statuses = list(application.events.order_by("id").values_list("status", flat=True))
    assert statuses == [Status.SUBMITTED, Status.IN_PROGRESS, Status.ISSUED]


def test_a_decision_message_is_sent_by_sms_once(world: str, outbox: object) -> None:
    person = citizen()
    apply(client_for(person), "criminal-record-certificate")
    run_tasks()
    sms = [m for m in outbox.messages() if m["to"] == person.mobile]  # type: ignore[attr-defined]
    assert len(sms) == 1
    assert "گواهی عدم سوء پیشینه" in sms[0]["text"]
    notification = Notification.objects.get(user=person.user)
    from panjereh.notifications.services import notification_sms_send

    notification_sms_send(notification.pk)  # a repeated task finds it sent and sends nothing
    assert len([m for m in outbox.messages() if m["to"] == person.mobile]) == 1  # type: ignore[attr-defined]


def test_an_sms_the_provider_refuses_is_tried_again_later(world: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from django_tasks_db.models import DBTaskResult

    from panjereh.notifications import services as notification_services
    from panjereh.notifications.backends import SmsBackend, SmsError

    person = citizen()
    apply(client_for(person), "criminal-record-certificate")
    services.application_process(str(Application.objects.get().pk))
    notification = Notification.objects.get(user=person.user)
    DBTaskResult.objects.all().delete()

    class Refusing(SmsBackend):
        def _send(self, to: str, text: str, local_id: int | None) -> None:
            raise SmsError("provider down")

    monkeypatch.setattr(notification_services, "sms_backend", Refusing)
    notification_services.notification_sms_send(notification.pk)
    notification.refresh_from_db()
    assert notification.sms_state == SmsState.PENDING
    assert notification.sms_attempts == 1
    assert notification.sms_error == "provider down"
    retry = DBTaskResult.objects.get(task_path__endswith="send_notification_sms")
    assert retry.run_after is not None and retry.run_after > timezone.now()
