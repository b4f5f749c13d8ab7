"""Tasks run by the worker (`panjereh worker`)."""

from __future__ import annotations

from django_tasks import task

from panjereh.notifications import services


@task(priority=-10)  # behind the work that decides: in a burst, people get decisions first, messages after
def send_notification_sms(notification_id: int) -> None:
    services.notification_sms_send(notification_id)
