"""Decisions on an application, and what they read: the decision itself (with the document an
approval issues), a person at the agency who takes it (or gives it back) and decides it, an agency
system's report on an application forwarded to it, the applicant's appeal of an automatic
rejection, and the hand-over to the agency's inbox. The automatic decision is worked out in
`processing`."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from panjereh.accounts.constants import StaffRole
from panjereh.accounts.models import Citizen
from panjereh.accounts.selectors import staff_of
from panjereh.accounts.services import citizen_identity_confirm
from panjereh.applications import rules
from panjereh.applications.constants import Actor, DeliveryStatus, Status
from panjereh.applications.documents import signing
from panjereh.applications.models import Application, Delivery, IssuedDocument
from panjereh.applications.services.timeline import event, locked, require_locked, transition
from panjereh.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from panjereh.core.working_days import working_deadline
from panjereh.infra import rows
from panjereh.persian import clean_input

REASON_LEAST = 10  # characters of an officer's reason, spaces collapsed: the applicant reads it (as complaint answers)


def inputs_of(application: Application, answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """What rules and document claims read: the form, the person, and each inquiry's answer
    (as stored, unless the caller has them at hand)."""
    if answers is None:
        answers = stored_answers(application)
    person = person_inputs(application.citizen)
    for spec in application.definition.inquiries:  # who the person is, as the registry said for this application
        registry = answers.get(spec["name"]) if (spec["provider"], spec["service"]) == CIVIL_REGISTRY else None
        if isinstance(registry, dict) and registry.get("first_name") and registry.get("last_name"):
            first, last = str(registry["first_name"]), str(registry["last_name"])
            person.update(first_name=first, last_name=last, full_name=f"{first} {last}")
    return {"form": application.data, "person": person, "inquiries": answers}


CIVIL_REGISTRY = ("sabtahval", "person")


class HolderUnknown(rules.RuleError):
    """A claim about the person (their name, their national code) came out empty: the civil registry
    has not said who they are. The document waits for it; it is never issued with a blank holder."""


def stored_answers(application: Application) -> dict[str, Any]:
    return {r.name: r.answer for r in application.inquiry_results.filter(status_code=200)}


def person_inputs(citizen: Citizen) -> dict[str, Any]:
    today = timezone.localdate()
    age = None
    if citizen.birth_date:
        age = (
            today.year
            - citizen.birth_date.year
            - ((today.month, today.day) < (citizen.birth_date.month, citizen.birth_date.day))
        )
    return {
        "national_code": citizen.national_code,
        "first_name": citizen.first_name,
        "last_name": citizen.last_name,
        "full_name": citizen.full_name,
        "gender": citizen.gender,
        "age": age,
    }


def document_for(application: Application, inputs: dict[str, Any]) -> IssuedDocument | None:
    """The definition's document for an approved application, its claims worked out from `inputs`,
    signed but not stored (`decide` stores it); None for a service that issues none."""
    definition = application.definition
    spec = definition.document
    if not spec:
        return None
    claims = {name: rules.evaluate(expr, inputs) for name, expr in spec.get("claims", {}).items()}
    for name, expr in spec.get("claims", {}).items():
        about_person = isinstance(expr, dict) and str(expr.get("var", "")).startswith("person.")
        if about_person and claims[name] in ("", None):
            raise HolderUnknown(f"the document's claim {name!r} is empty")
    return signing.document_sign(application=application, kind=definition.code, title=spec["title"],
                                 claims=claims, valid_days=spec.get("valid_days"))  # fmt: skip


def decide(
    application: Application,
    *,
    approved: bool,
    reason: str,
    by: str,
    actor: str,
    document: IssuedDocument | None,
) -> None:
    """Writes the decision, with the signed document an approval issues (`document_for`)."""
    application.decided_at = timezone.now()
    application.decision_reason = reason
    application.decided_by = by
    if document is not None:
        rows.insert(document)
    status = Status.ISSUED if approved else Status.REJECTED
    link = f"/me/documents/{document.pk}/" if document is not None else ""
    transition(application, status, reason, actor, by, link=link)


def to_inbox(application: Application, message: str) -> None:
    application.due_from = timezone.now()
    application.due_at = working_deadline(application.due_from, application.definition.promised_time)
    transition(application, Status.WAITING_FOR_AGENCY, message, Actor.SYSTEM)


def application_hand_over(*, application_id: str, from_status: str, message: str) -> None:
    """Moves an application to the agency's inbox, if it is still in `from_status`."""
    with transaction.atomic():
        application = locked(application_id)
        if application is not None and application.status == from_status:
            to_inbox(application, message)


# --- people at the agency, agency systems, and the person ----------------------------------------


def application_claim(*, application: Application, user: Any, name: str) -> None:
    """An officer takes an application from the agency's queue; not one a colleague has taken."""
    with transaction.atomic():
        application = require_locked(application, Status.WAITING_FOR_AGENCY)
        _claim(application, user, name)


def _claim(application: Application, user: Any, name: str) -> None:
    if application.assigned_to_id == user.pk:
        return
    if application.assigned_to_id is not None:
        raise Conflict("claimed_by_another", "کارشناس دیگری رسیدگی به این درخواست را بر عهده گرفته است.")
    application.assigned_to = user
    application.claimed_at = timezone.now()
    application.save(update_fields=["assigned_to", "claimed_at", "updated_at"])
    event(application, application.status, "کارشناس رسیدگی به درخواست را بر عهده گرفت.", Actor.OFFICER, name)


def application_release(*, application: Application, user: Any, name: str) -> None:
    """A claimed application goes back to the agency's queue for any officer to take: released by the
    officer who took it, or by an admin of its agency (a colleague away, a claim forgotten), never by
    another officer. The timeline says so; the applicant is not notified (nothing changes for them)."""
    with transaction.atomic():
        application = require_locked(application, Status.WAITING_FOR_AGENCY)
        if application.assigned_to_id is None:
            raise Conflict("not_claimed", "کسی این درخواست را برنداشته است؛ در کارتابل دستگاه است.")
        if not application_may_release(application=application, user=user):
            raise NotAllowed("release_not_allowed", "درخواستی را که همکارتان برداشته است فقط خود او یا مدیر دستگاه "
                             "به کارتابل بازمی‌گرداند.")  # fmt: skip
        own = application.assigned_to_id == user.pk
        application.assigned_to = None
        application.claimed_at = None
        application.save(update_fields=["assigned_to", "claimed_at", "updated_at"])
        message = (
            "کارشناس درخواست را به کارتابل دستگاه بازگرداند تا کارشناس دیگری آن را بردارد."
            if own
            else "مدیر دستگاه درخواست را از کارشناسی که برداشته بود گرفت و به کارتابل دستگاه بازگرداند."
        )
        event(application, application.status, message, Actor.OFFICER, name)


def application_may_release(*, application: Application, user: Any) -> bool:
    """Whether `user` may give a claimed application back to the queue: the officer who took it, an admin
    of the application's agency, or a superuser."""
    if application.assigned_to_id is None:
        return False
    if application.assigned_to_id == user.pk or getattr(user, "is_superuser", False):
        return True
    member = staff_of(user)
    return member is not None and member.role == StaffRole.AGENCY_ADMIN and member.agency_id == application.agency_id


def application_decide(*, application: Application, user: Any, approved: bool, reason: str, name: str) -> None:
    """A person at the agency decides, with a reason the applicant will read. Deciding an application
    nobody has taken takes it first; one a colleague has taken is theirs to decide."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("reason_required", "دلیل تصمیم را بنویسید؛ متقاضی آن را می‌بیند.", "reason")
    if len(clean_input(reason)) < REASON_LEAST:  # runs of spaces and invisible characters count once, or not at all
        raise InvalidInput("reason_too_short", "دلیل تصمیم را دست‌کم در ده نویسه بنویسید؛ متقاضی آن را می‌بیند.",
                           "reason")  # fmt: skip
    _holder_confirmed(application)
    with transaction.atomic():
        application = require_locked(application, Status.WAITING_FOR_AGENCY)
        _claim(application, user, name)
        document = _document_of_decision(application) if approved else None
        application.rule_version = ""
        decide(application, approved=approved, reason=reason, by=name, actor=Actor.OFFICER, document=document)


def application_agency_report(*, application: Application, status: str, reason: str, system_name: str) -> None:
    """An agency system reports on a forwarded application: `in_progress` (a note), `issued` or `rejected`.
    A report proves the system has the application: a delivery still being retried stops there."""
    if status == Status.ISSUED:
        _holder_confirmed(application)
    with transaction.atomic():
        application = require_locked(application, Status.FORWARDED)
        Delivery.objects.filter(application=application, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.DELIVERED, delivered_at=timezone.now(), last_error=""
        )
        if status == "in_progress":
            event(application, application.status, reason or "سامانه دستگاه درخواست را در دست بررسی دارد.",
                  Actor.AGENCY_SYSTEM, system_name)  # fmt: skip
            return
        document = _document_of_decision(application) if status == Status.ISSUED else None
        decide(application, approved=status == Status.ISSUED, reason=reason, by=system_name,
               actor=Actor.AGENCY_SYSTEM, document=document)  # fmt: skip


def _holder_confirmed(application: Application) -> None:
    """Asks the civil registry who the applicant is, if nobody has yet (before any lock is taken)."""
    if application.citizen.identity_checked_at is None:
        citizen_identity_confirm(application.citizen)


def _document_of_decision(application: Application) -> IssuedDocument | None:
    try:
        return document_for(application, inputs_of(application))
    except HolderUnknown:
        message = (
            "هویت متقاضی هنوز از ثبت احوال استعلام نشده است و سند بی‌نام دارنده صادر نمی‌شود؛ کمی بعد دوباره تلاش کنید."
        )
        raise Conflict("holder_unknown", message) from None


def application_appeal(*, application: Application, citizen: Citizen, text: str) -> None:
    """One action: an automatic rejection goes to a person at the agency, with the applicant's words."""
    with transaction.atomic():
        application = require_locked(application, Status.REJECTED)
        if application.citizen_id != citizen.pk:
            raise NotFound("not_found", "درخواستی با این کد رهگیری پیدا نشد.")
        if application.appealed_at is not None or not application.decided_automatically:
            raise Conflict("appeal_not_allowed", "اعتراض فقط یک بار و فقط به تصمیم خودکار ممکن است.")
        application.appealed_at = timezone.now()
        application.decided_at = None
        application.decided_automatically = False  # a person decides now
        application.save(update_fields=["appealed_at", "decided_at", "decided_automatically", "updated_at"])
        note = text.strip()[:300]
        event(application, Status.REJECTED, f"متقاضی اعتراض کرد{': ' + note if note else '.'}", Actor.CITIZEN,
              citizen.full_name)  # fmt: skip
        to_inbox(application, "اعتراض برای بررسی به کارشناس دستگاه سپرده شد.")
