"""Applying for a service: the active definition named by the request, the form cleaned, the
Idempotency-Key claimed, and the application committed with its tracking code, its first timeline
event and its processing task before the person is answered (or, for a service with a fee, waiting for
its payment: services/payment.py)."""

from __future__ import annotations

import datetime
import hashlib
import json
import math
from typing import Any

from django.db import transaction
from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.applications import selectors
from panjereh.applications.constants import Actor, Status
from panjereh.applications.forms import clean_form
from panjereh.applications.models import Application, IdempotencyKey, ServiceDefinition
from panjereh.applications.services.definition_cache import active_definition
from panjereh.applications.services.processing import process_application
from panjereh.applications.services.timeline import event
from panjereh.applications.tracking import new_tracking_code
from panjereh.core.errors import Conflict, InvalidInput
from panjereh.core.request_id import current_request_id
from panjereh.core.working_days import working_deadline
from panjereh.infra import rows

IDEMPOTENCY_LOCK_SECONDS = 30  # a key whose request died mid-way may be used again after this


def request_fingerprint(service: str, data: Any) -> str:
    canonical = json.dumps(
        {"service": service, "data": data}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def definition_for(service: str) -> ServiceDefinition:
    """The active definition named by its own code or its service profile's code."""
    found = active_definition(service) or selectors.definition_for_service(service)
    if found is None:
        raise InvalidInput("unknown_service", "خدمتی با این کد برای درخواست برخط وجود ندارد.", "service")
    return found


def application_submit(*, citizen: Citizen, service: str, data: Any, idempotency_key: str) -> tuple[Application, bool]:
    """(the application, whether it is new). Durable, with its tracking code and its processing task,
    before this returns. The same key with the same body gives the same application."""
    definition = definition_for(service)
    clean = clean_form(definition.form, data)
    fingerprint = request_fingerprint(service, data)
    claim = _idempotency_claim(citizen, idempotency_key, fingerprint)
    if isinstance(claim, Application):
        return claim, False
    now = timezone.now()
    promised_by = working_deadline(now, definition.promised_time)  # its calendar read outside the write
    try:
        with transaction.atomic():
            application = _application_create(citizen, definition, clean, now, promised_by)
            claim.application = application
            rows.update(claim, ["application"])
    except BaseException:
        IdempotencyKey.objects.filter(pk=claim.pk, application__isnull=True).delete()
        raise
    return application, True


def _idempotency_claim(citizen: Citizen, key: str, fingerprint: str) -> IdempotencyKey | Application:
    """Claims the key for this request (its own committed transaction, so a concurrent duplicate sees
    it), or returns the application it already made; 422 for another body, 409 while in flight."""
    now = timezone.now()
    lock = now + datetime.timedelta(seconds=IDEMPOTENCY_LOCK_SECONDS)
    claim = IdempotencyKey(citizen=citizen, key=key, request_hash=fingerprint, created_at=now, locked_until=lock)
    if rows.insert(claim, skip_conflict=True):  # one statement, committed at once; skipped if taken before
        return claim
    found = IdempotencyKey.objects.select_related("application").get(citizen=citizen, key=key)
    if found.request_hash != fingerprint:
        raise InvalidInput("idempotency_key_reused", "این کلید یکتایی پیش‌تر با درخواست دیگری به کار رفته است.",
                       "Idempotency-Key")  # fmt: skip
    if found.application is not None:
        return found.application
    stale = found.locked_until <= now
    if not stale or not IdempotencyKey.objects.filter(
        pk=found.pk, application__isnull=True, locked_until=found.locked_until
    ).update(locked_until=lock):
        wait = max(1, math.ceil((found.locked_until - now).total_seconds()))  # a dead request's lock may hold 30 s
        raise Conflict("request_in_progress", "همین درخواست هم‌اکنون در حال ثبت است؛ چند لحظه بعد دوباره بپرسید.",
                       retry_after=min(wait, IDEMPOTENCY_LOCK_SECONDS))  # fmt: skip
    return found


def _application_create(
    citizen: Citizen, definition: ServiceDefinition, data: dict[str, Any], now: datetime.datetime,
    promised_by: datetime.datetime,
) -> Application:  # fmt: skip
    for _ in range(5):  # 10^11 codes: a collision is rare, two in a row rarer still
        application = Application(
            tracking_code=new_tracking_code(), citizen=citizen, definition=definition,
            agency_id=definition.agency_id, data=data, decision_mode=definition.decision_mode, submitted_at=now,
            promised_from=now, promised_by=promised_by,
            status=Status.AWAITING_PAYMENT if definition.fee_rials else Status.SUBMITTED,
        )  # fmt: skip
        if rows.insert(application, skip_conflict=True):  # skipped only for a tracking code already given
            break
    else:
        raise Conflict("conflict", "ثبت درخواست ممکن نشد؛ دوباره تلاش کنید.")
    if application.status == Status.AWAITING_PAYMENT:  # processed once paid (services/payment.py)
        event(application, Status.AWAITING_PAYMENT, "درخواست ثبت شد؛ برای ادامه، هزینه خدمت را بپردازید.",
              Actor.CITIZEN, citizen.full_name)  # fmt: skip
        return application
    event(application, Status.SUBMITTED, "درخواست ثبت شد.", Actor.CITIZEN, citizen.full_name)
    process_application.enqueue(str(application.pk), request_id=current_request_id())
    return application
