"""Every SMS ends `sent`, `failed` or `unknown`, whatever happens to the worker sending it: the attack
was a worker killed mid-send, which left the message `sending` and its task `RUNNING` for ever."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import admin_login
from panjereh.notifications import services
from panjereh.notifications.models import Notification, SmsState
from panjereh.notifications.tests.fake_kavenegar import API_KEY, FakeKavenegar

pytestmark = pytest.mark.django_db(transaction=True)
MOBILE = "09351234567"  # not a sandbox number: a real provider may send to it
LONG_AGO = datetime.timedelta(minutes=10)


def message(state: str, **fields: Any) -> Notification:
    user = get_user_model().objects.create_user(f"nc-{Notification.objects.count()}")
    return Notification.objects.create(
        user=user, dedupe_key=f"k-{user.pk}", title="درخواست شما صادر شد", body="گواهی آماده است.",
        created_at=timezone.now() - LONG_AGO, mobile=MOBILE, sms_state=state, **fields,
    )  # fmt: skip


def run_queued() -> None:
    for task in DBTaskResult.objects.ready():
        services.notification_sms_send(*task.args_kwargs["args"])


def test_a_message_left_sending_ends_unknown_where_the_provider_could_send_it_twice(settings: Any) -> None:
    settings.SMS_BACKEND = "console"  # no local id: a second hand-over could reach the phone twice
    stuck = message(SmsState.SENDING, sms_claimed_at=timezone.now() - LONG_AGO)
    just_now = message(SmsState.SENDING, sms_claimed_at=timezone.now())  # another worker is sending it
    assert services.notifications_resume() == {"unknown": 1, "queued": 0}
    stuck.refresh_from_db()
    just_now.refresh_from_db()
    assert stuck.sms_state == SmsState.UNKNOWN and "معلوم نیست" in stuck.sms_error
    assert just_now.sms_state == SmsState.SENDING
    assert not DBTaskResult.objects.exists()  # never resent


def test_where_the_provider_sends_once_per_local_id_it_is_handed_over_again(settings: Any) -> None:
    with FakeKavenegar() as kavenegar:
        settings.SMS_BACKEND = "kavenegar"
        settings.KAVENEGAR_API_KEY, settings.KAVENEGAR_URL = API_KEY, kavenegar.url
        stuck = message(SmsState.SENDING, sms_claimed_at=timezone.now() - LONG_AGO)
        # The dead worker had handed it over already: the provider has it under its local id.
        services.sms_backend().send(MOBILE, "درخواست شما صادر شد\nگواهی آماده است.", local_id=stuck.pk)
        assert services.notifications_resume() == {"unknown": 0, "queued": 1}
        run_queued()
        stuck.refresh_from_db()
        assert stuck.sms_state == SmsState.SENT
        assert [sms.localid for sms in kavenegar.received] == [str(stuck.pk)] * 2
        assert len(kavenegar.delivered) == 1  # the person got it once


def test_a_pending_message_whose_task_was_lost_is_queued_again(settings: Any) -> None:
    settings.SMS_BACKEND = "console"
    lost = message(SmsState.PENDING, sms_next_at=timezone.now() - LONG_AGO)
    waiting = message(SmsState.PENDING, sms_next_at=timezone.now() + LONG_AGO)  # a retry not yet due
    assert services.notifications_resume()["queued"] == 1
    run_queued()
    lost.refresh_from_db()
    waiting.refresh_from_db()
    assert (lost.sms_state, waiting.sms_state) == (SmsState.SENT, SmsState.PENDING)


def test_the_back_office_lists_what_needs_a_look() -> None:
    message(SmsState.UNKNOWN, sms_error="کار ارسال در میانه متوقف شد")
    message(SmsState.SENT)
    operator = get_user_model().objects.create_superuser("operator", password="a long operator password 1")
    client = Client()
    admin_login(client, operator)
    page = client.get("/admin/notifications/notification/?stuck=yes")
    assert page.status_code == 200
    text = page.content.decode()
    assert "نامعلوم" in text and "0935***4567" in text and MOBILE not in text
    assert "1 پیام" in text or "۱ پیام" in text
