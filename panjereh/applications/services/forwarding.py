"""Forwarding applications to agency systems: the move to `forwarded` with its delivery, then a POST
of the application to the system's webhook, signed by the platform, retried with doubling waits,
dead-lettered after the last try (the application then goes to a person at the agency).

The signature is the platform's EdDSA token (the key agency systems already trust for exchange
inquiries) in `Authorization: Bearer`, with `aud` = the system's id and `body_sha256` = the hex
SHA-256 of the exact body bytes, so a receiver can check both who sent it and that nothing changed.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import time
import uuid
from typing import Any

import httpx
import jwt
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from panjereh.applications.constants import Actor, DeliveryStatus, Status
from panjereh.applications.models import Application, Delivery
from panjereh.applications.services.decisions import application_hand_over, inputs_of, to_inbox
from panjereh.applications.services.timeline import transition
from panjereh.core.request_id import HEADER as REQUEST_ID_HEADER
from panjereh.core.request_id import bound, current_request_id
from panjereh.core.working_days import working_deadline
from panjereh.exchange import client
from panjereh.persian import with_leading_word

TIMEOUT_SECONDS = 10
STATUS_PATH = "/api/v1/agency/applications/{}/status"
logger = logging.getLogger(__name__)


def application_forward(application: Application) -> None:
    """Hands the application to its definition's agency system: the delivery row, the move to
    `forwarded` and the delivery's task, in the caller's transaction; to the agency's inbox instead
    when the definition names no system to send to."""
    definition = application.definition
    system = definition.forward_system
    if system is None or not system.base_url:
        to_inbox(application, "سامانه دستگاه برای دریافت درخواست معرفی نشده است؛ درخواست به کارشناس دستگاه سپرده شد.")
        return
    delivery = Delivery.objects.create(
        application=application, system=system, url=system.base_url.rstrip("/") + definition.forward_path,
        payload=forward_payload(application), created_at=timezone.now(), next_attempt_at=timezone.now(),
    )  # fmt: skip
    application.due_from = timezone.now()
    application.due_at = working_deadline(application.due_from, definition.promised_time)
    transition(
        application,
        Status.FORWARDED,
        f"درخواست برای رسیدگی به {with_leading_word('سامانه', system.name)} فرستاده شد.",
        Actor.SYSTEM,
    )
    deliver.enqueue(delivery.pk, request_id=current_request_id())


def forward_payload(application: Application) -> dict[str, Any]:
    citizen = application.citizen
    return {
        "tracking_code": application.tracking_code,
        "service": application.definition.code,
        "submitted_at": application.submitted_at.isoformat(timespec="seconds"),
        "applicant": {"national_code": citizen.national_code, "first_name": citizen.first_name,
                      "last_name": citizen.last_name, "mobile": citizen.mobile},
        "form": application.data,
        "inquiries": inputs_of(application)["inquiries"],
        # Absolute when the platform knows its public origin (PUBLIC_ORIGIN); the path alone otherwise.
        "status_url": f"{settings.PUBLIC_ORIGIN.rstrip('/')}{STATUS_PATH.format(application.tracking_code)}",
    }  # fmt: skip


@task()
def deliver(delivery_id: int, request_id: str = "") -> None:
    """The worker's task: one try of a delivery, under the id of the request that queued it."""
    with bound(request_id):
        delivery_attempt(delivery_id)


def delivery_signature(body: bytes, audience: str) -> str:
    key_id, _ = client.platform_public_key()
    claims = {"iss": client.PLATFORM_SYSTEM, "aud": audience, "iat": int(time.time()), "jti": uuid.uuid4().hex,
              "body_sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
    return jwt.encode(claims, client.platform_signing_key(), algorithm="EdDSA", headers={"kid": key_id})


def delivery_attempt(delivery_id: int) -> None:
    """One try; the next is queued with a doubled wait, or the delivery is dead after FORWARD_MAX_TRIES.

    A try that is not due yet does nothing: a second task for the same delivery (queued again by
    `deliveries_resume` while the first waited in a busy queue) neither posts twice nor spends a try
    early, and one under way holds `next_attempt_at` in the future until it ends."""
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().select_related("system").filter(pk=delivery_id).first()
        if delivery is None or delivery.status != DeliveryStatus.PENDING:
            return
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > timezone.now():
            return
        delivery.attempts += 1
        delivery.next_attempt_at = timezone.now() + datetime.timedelta(seconds=TIMEOUT_SECONDS + 5)
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # The id of the request that submitted the application (the task runs under it): the agency's logs
    # and ours meet on it.
    headers = {"Content-Type": "application/json", "Idempotency-Key": f"delivery-{delivery.pk}",
               "Authorization": f"Bearer {delivery_signature(body, delivery.system.code)}",
               REQUEST_ID_HEADER: current_request_id()}  # fmt: skip
    error, refused = "", False
    try:
        response = client.http().post(delivery.url, content=body, headers=headers, timeout=TIMEOUT_SECONDS)
        if not 200 <= response.status_code < 300:
            error = f"HTTP {response.status_code}"
            # A 4xx says the system will not take this request as it is: trying again cannot help
            # (except 408 and 429, which ask the sender to come back later).
            refused = 400 <= response.status_code < 500 and response.status_code not in (408, 429)
    except httpx.HTTPError as failure:
        error = type(failure).__name__
    except Exception as failure:  # e.g. a URL httpx refuses: still a failed try, retried and in the end dead
        logger.exception("delivery %s to %s failed", delivery.pk, delivery.url)
        error = type(failure).__name__
    with transaction.atomic():
        if not error:
            Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.DELIVERED, delivered_at=timezone.now(),
                                                           last_error="")  # fmt: skip
            return
        if refused or delivery.attempts >= settings.FORWARD_MAX_TRIES:
            Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.DEAD, last_error=error)
            _dead_lettered(delivery)
            return
        wait = datetime.timedelta(seconds=settings.FORWARD_BACKOFF_SECONDS * 2 ** (delivery.attempts - 1))
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now() + wait, last_error=error)
        deliver.using(run_after=timezone.now() + wait).enqueue(delivery.pk, request_id=current_request_id())


def _dead_lettered(delivery: Delivery) -> None:
    """The agency's system never took it: the application goes to a person at the agency instead."""
    application_hand_over(
        application_id=str(delivery.application_id),
        from_status=Status.FORWARDED,
        message="سامانه دستگاه درخواست را پس از چند بار تلاش نپذیرفت؛ درخواست به کارشناس دستگاه سپرده شد.",
    )


def deliveries_resume(*, stale_seconds: int = 60) -> int:
    """Queues again the pending deliveries whose next try is long overdue (a worker died holding them)."""
    cutoff = timezone.now() - datetime.timedelta(seconds=stale_seconds)
    stale = Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lt=cutoff)
    ids = list(stale.values_list("pk", flat=True)[:1000])
    for delivery_id in ids:
        deliver.enqueue(delivery_id, request_id=current_request_id())
    return len(ids)
