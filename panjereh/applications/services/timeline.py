"""An application's state changes and its timeline: every change of status writes its event in the
caller's transaction, and the person hears of the ones that matter to them (in the app and by SMS);
a rejected application's paid fee is owed back. Also the row lock every state change is made under."""

from __future__ import annotations

import datetime

from django.utils import timezone

from panjereh.applications.constants import Status
from panjereh.applications.models import Application, ApplicationEvent
from panjereh.core.errors import Conflict
from panjereh.infra import rows
from panjereh.notifications.services import notify
from panjereh.payments.constants import PaymentStatus, Purpose
from panjereh.payments.models import Payment
from panjereh.payments.services import refund_owed
from panjereh.persian import to_persian_digits

# Status changes the person hears about (in the app and by SMS): the outcomes and hand-overs; `in_progress`
# lasts milliseconds, and the submission itself answers the person at once.
NOTIFIED = (Status.WAITING_FOR_AGENCY, Status.FORWARDED, Status.ISSUED, Status.REJECTED)
# What a transition may have changed on the application (never its identity, owner or form).
TRANSITION_FIELDS = ("status", "updated_at", "due_at", "due_from", "decided_at", "decision_reason", "decided_by",
                     "decided_automatically", "rule_version", "inputs_hash", "attempts")  # fmt: skip
# What may change on an application while its agencies are being asked (see `still`).
CHANGING_FIELDS = (*TRANSITION_FIELDS, "appealed_at", "assigned_to_id", "claimed_at")


def event(
    application: Application, status: str, message: str, actor: str, actor_name: str = "",
    at: datetime.datetime | None = None,
) -> None:  # fmt: skip
    rows.insert(ApplicationEvent(
        application=application, at=at or timezone.now(), status=status, message=message[:500], actor=actor,
        actor_name=actor_name[:150],
    ))  # fmt: skip


def transition(
    application: Application, status: str, message: str, actor: str, actor_name: str = "",
    at: datetime.datetime | None = None, link: str = "",
) -> None:  # fmt: skip
    """The application moves to `status`, with a line on its timeline and, for the statuses a person
    hears about, a message linking to `link` (what it is about) or else to the application."""
    application.status = status
    rows.update(application, TRANSITION_FIELDS)  # inside the caller's transaction: see panjereh.infra.rows
    event(application, status, message, actor, actor_name, at)
    if status == Status.REJECTED and application.definition.fee_rials:
        _fee_refund(application)
    if status in NOTIFIED:
        citizen = application.citizen
        label = Status(status).label
        notify(
            user_id=citizen.user_id,
            # One message per status, and per status again after an appeal: never two for one change.
            dedupe_key=f"application:{application.pk}:{status}:{'appeal' if application.appealed_at else 'first'}",
            title=f"پنجره ملی: {application.definition.title}",
            body=f"درخواست {to_persian_digits(application.tracking_code)}: {label}. {message}"[:500],
            url=link or f"/me/applications/{application.tracking_code}/",
            mobile=citizen.mobile,
        )


def _fee_refund(application: Application) -> None:
    """The fee of a rejected application is owed back, in the rejecting transaction."""
    paid = Payment.objects.filter(purpose=Purpose.APPLICATION, subject=application.tracking_code,
                                  status=PaymentStatus.PAID)  # fmt: skip
    for payment in paid:
        refund_owed(payment, "درخواست رد شد؛ هزینه خدمت بازگردانده می‌شود.", timezone.now())


def locked(application_id: str) -> Application | None:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("definition", "citizen")
        .filter(pk=application_id)
        .first()
    )


def require_locked(application: Application, status: str) -> Application:
    found = locked(str(application.pk))
    if found is None or found.status != status:
        raise Conflict("wrong_status", "وضعیت درخواست اجازه این کار را نمی‌دهد.")
    return found


def still(application: Application, status: str) -> bool:
    """Whether the application is still in `status`, re-read under its row lock. Only the fields a
    transition changes are read again: its definition, owner and form never change, and reading them
    with the row again cost more than the rest of the decision's queries."""
    fresh = rows.values(Application, application.pk, CHANGING_FIELDS, for_update=True)
    if fresh is None:
        return False
    for field, value in fresh.items():
        setattr(application, field, value)
    return application.status == status
