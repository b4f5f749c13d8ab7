"""Tasks run by the worker (`panjereh worker`); thin: the work is in services and forwarding."""

from __future__ import annotations

from django_tasks import task

from panjereh.applications import services


@task()
def process_application(application_id: str) -> None:
    services.application_process(application_id)


@task()
def deliver(delivery_id: int) -> None:
    from panjereh.applications import forwarding

    forwarding.delivery_attempt(delivery_id)
