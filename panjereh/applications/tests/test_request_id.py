"""A request's id goes with the work it queues: the worker runs the application's processing, and the
message it leads to, under the id of the request that submitted it; a task row queued without one
(before tasks carried it) still runs, under an id of its own."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult

from panjereh.applications.constants import Status
from panjereh.applications.models import Application
from panjereh.core.request_id import HEADER, RequestIdFilter
from panjereh.notifications.services import notify, send_notification_sms

from .conftest import apply, citizen, client_for, run_tasks

SMS_LOGGER = "panjereh.notifications.sms"


@pytest.fixture
def logged(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO)
    caplog.handler.addFilter(RequestIdFilter())  # as the settings' handler has it
    return caplog


def test_the_worker_logs_a_tasks_work_with_the_id_of_the_request_that_queued_it(
    world: str, logged: pytest.LogCaptureFixture
) -> None:
    response = apply(client_for(citizen()), "criminal-record-certificate", HTTP_X_REQUEST_ID="portal-req-0000a11ce")
    assert response.status_code == 201, response.content
    assert response[HEADER] == "portal-req-0000a11ce"
    run_tasks()  # the processing, then the SMS it queued (a task queued by a task keeps the id)
    assert Application.objects.get(tracking_code=response.json()["tracking_code"]).status == Status.ISSUED
    sent = [record for record in logged.records if record.name == SMS_LOGGER]
    assert sent and {record.request_id for record in sent} == {"portal-req-0000a11ce"}  # type: ignore[attr-defined]
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()


def test_a_task_row_queued_without_a_request_id_still_runs_under_one_of_its_own(
    transactional_db: None, outbox: Any, logged: pytest.LogCaptureFixture
) -> None:
    person = citizen()
    notification = notify(user_id=person.user.pk, dedupe_key="old-row", title="پیام", body="متن", mobile=person.mobile)
    assert notification is not None
    DBTaskResult.objects.all().delete()
    send_notification_sms.enqueue(notification.pk)  # as rows were written before tasks carried the id
    assert run_tasks() == 1
    [sent] = [record for record in logged.records if record.name == SMS_LOGGER]
    assert re.fullmatch(r"[0-9a-f]{32}", sent.request_id)  # type: ignore[attr-defined]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
