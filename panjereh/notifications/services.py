"""Sending messages to people: an in-app message always, an SMS when a mobile is known.

`notify` is called inside the transaction of the change it reports; the SMS task row is written in
that same transaction (the task worker's table is the outbox), so a rolled-back change sends nothing
and a committed one is sent even if the process dies right after.

`sms_send_now` is for the one message that must leave now, inside the request that asked for it and
answered by it (a one-time login code): no outbox, no retry; the caller hears at once if it failed."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from panjereh.core.errors import OutsideUnavailable
from panjereh.core.request_id import bound, current_request_id
from panjereh.infra import rows
from panjereh.notifications.backends import SmsError, sms_backend
from panjereh.notifications.models import Notification, SmsState

SMS_MAX_TRIES = 5
# A send takes at most the provider's timeout (10 s); a message `sending` or overdue longer than this
# lost its worker.
SMS_STALE_SECONDS = 120
FATE_UNKNOWN = "کار ارسال در میانه متوقف شد و معلوم نیست پیامک رفته است یا نه؛ دوباره فرستاده نمی‌شود."
SMS_UNAVAILABLE = "فرستادن پیامک ممکن نشد؛ کمی بعد دوباره تلاش کنید."


def sms_send_now(*, mobile: str, text: str) -> None:
    """Hands one SMS to the configured backend now; raises OutsideUnavailable `sms_unavailable`
    (Persian message for the person) when it cannot. The backend has logged why."""
    try:
        sms_backend().send(mobile, text)
    except SmsError as error:
        raise OutsideUnavailable("sms_unavailable", SMS_UNAVAILABLE) from error


def notify(
    *, user_id: int, dedupe_key: str, title: str, body: str, url: str = "", mobile: str = ""
) -> Notification | None:
    """The message for this event, made once: a second report of the same `dedupe_key` makes nothing."""
    now = timezone.now()
    notification = Notification(
        user_id=user_id, dedupe_key=dedupe_key, title=title, body=body, url=url, created_at=now,
        mobile=mobile, sms_state=SmsState.PENDING if mobile else SmsState.NONE, sms_next_at=now if mobile else None,
    )  # fmt: skip
    if not rows.insert(notification, skip_conflict=True):  # made before: `dedupe_key` is unique
        return None
    if mobile:
        send_notification_sms.enqueue(notification.pk, request_id=current_request_id())
    return notification


def notification_sms_send(notification_id: int) -> None:
    """Sends the message's SMS once: the row is claimed (pending → sending) before the provider is
    called, so two workers never both send it; a provider failure puts it back with a later retry."""
    # One-row statements (panjereh.infra.rows): one message per decision, each one on the write lock.
    claim = Notification(pk=notification_id, sms_state=SmsState.SENDING, sms_claimed_at=timezone.now())
    if not rows.update(claim, ["sms_state", "sms_claimed_at"], only_if={"sms_state": SmsState.PENDING}):
        return
    found = rows.values(Notification, notification_id, ["mobile", "title", "body", "sms_attempts"])
    if found is None:  # its person's account was deleted since
        return
    notification = Notification(pk=notification_id, **found)
    try:
        sms_backend().send(notification.mobile, f"{notification.title}\n{notification.body}", local_id=notification_id)
    except SmsError as error:
        attempts = notification.sms_attempts + 1
        final = attempts >= SMS_MAX_TRIES
        due = timezone.now() + datetime.timedelta(seconds=settings.FORWARD_BACKOFF_SECONDS * 2**attempts)
        Notification.objects.filter(pk=notification_id).update(
            sms_state=SmsState.FAILED if final else SmsState.PENDING, sms_attempts=attempts,
            sms_error=str(error)[:200], sms_next_at=None if final else due,
        )  # fmt: skip
        if not final:
            send_notification_sms.using(run_after=due).enqueue(notification_id, request_id=current_request_id())
        return
    notification.sms_state, notification.sms_attempts = SmsState.SENT, notification.sms_attempts + 1
    rows.update(notification, ["sms_state", "sms_attempts"])  # the row is this sender's while `sending`


def notifications_resume(*, stale_seconds: int = SMS_STALE_SECONDS) -> dict[str, int]:
    """Every SMS ends `sent`, `failed` or `unknown` within minutes, whatever happened to its worker:

    - `sending` for longer than a send can take: its sender died mid-send. Handed over again only
      where the provider sends once per message (`deduplicates`); elsewhere a second copy could
      reach the person, so it ends `unknown` (shown in the back office), never resent.
    - `pending` and long overdue: its task was lost with its worker; it is queued again (the claim
      makes a second task for the same message harmless).
    """
    cutoff = timezone.now() - datetime.timedelta(seconds=stale_seconds)
    stuck = Notification.objects.filter(sms_state=SmsState.SENDING, sms_claimed_at__lt=cutoff)
    unknown = 0
    if sms_backend().deduplicates:  # due at once: queued below with the overdue ones
        stuck.update(sms_state=SmsState.PENDING, sms_next_at=cutoff - datetime.timedelta(seconds=1))
    else:
        unknown = stuck.update(sms_state=SmsState.UNKNOWN, sms_error=FATE_UNKNOWN)
    overdue = Notification.objects.filter(
        Q(sms_next_at__lt=cutoff) | Q(sms_next_at__isnull=True, created_at__lt=cutoff), sms_state=SmsState.PENDING
    )
    due_ids = list(overdue.values_list("pk", flat=True)[:1000])
    for notification_id in due_ids:
        send_notification_sms.enqueue(notification_id, request_id=current_request_id())
    return {"unknown": unknown, "queued": len(due_ids)}


@task(priority=-10)  # behind the work that decides: in a burst, people get decisions first, messages after
def send_notification_sms(notification_id: int, request_id: str = "") -> None:
    """The worker's task: the message's SMS (`notification_sms_send`), under the id of the request that queued it."""
    with bound(request_id):
        notification_sms_send(notification_id)


def notifications_of(user_id: int, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user_id=user_id)[:limit])


def unread_count(user_id: int) -> int:
    return Notification.objects.filter(user_id=user_id, read_at__isnull=True).count()


def notifications_seen(*, user_id: int, urls: list[str]) -> int:
    """The person opened what these messages are about: they are read."""
    return Notification.objects.filter(user_id=user_id, url__in=urls, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_mark_read(*, user_id: int, notification_id: int) -> bool:
    return bool(
        Notification.objects.filter(pk=notification_id, user_id=user_id, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    )
