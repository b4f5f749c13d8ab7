"""Reads of applications: only ever what the asker may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from panjereh.accounts.models import Citizen
from panjereh.accounts.selectors import staff_agency_codes, staff_of
from panjereh.applications.models import Application, IssuedDocument
from panjereh.applications.tracking import clean_tracking_code


def application_for(user: Any, tracking_code: str) -> Application | None:
    """The application, if `user` is its owner or staff of the agency handling it; otherwise None
    (the caller answers 404 either way, so a code's existence is never confirmed to others)."""
    code = clean_tracking_code(tracking_code)
    if code is None or not getattr(user, "is_authenticated", False):
        return None
    application = (
        Application.objects.select_related("definition", "citizen", "agency").filter(tracking_code=code).first()
    )
    if application is None:
        return None
    if application.citizen.user_id == user.pk:
        return application
    # Only the handling agency's own staff: a supervisor's "all agencies" (None) does not open personal files.
    codes = staff_agency_codes(user) if staff_of(user) is not None else set()
    return application if codes is not None and application.agency.code in codes else None


def applications_of(citizen: Citizen) -> QuerySet[Application]:
    return Application.objects.filter(citizen=citizen).select_related("definition", "agency").order_by("-submitted_at")


def documents_of(citizen: Citizen) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.filter(citizen=citizen).select_related("application").order_by("-issued_at")


def application_detail(application: Application) -> dict[str, Any]:
    """What GET /api/v1/applications/{tracking_code} answers."""
    decision = None
    if application.decided_at is not None:
        decision = {
            "outcome": application.status,
            "reason": application.decision_reason,
            "decided_at": application.decided_at,
            "decided_by": application.decided_by,
            "rule_version": application.rule_version or None,
            "inputs_hash": application.inputs_hash or None,
        }
    return {
        "tracking_code": application.tracking_code,
        "service": application.definition.code,
        "title": application.definition.title,
        "agency": {"code": application.agency.code, "name": application.agency.name},
        "status": application.status,
        "status_label": application.get_status_display(),
        "decision_mode": application.decision_mode,
        "submitted_at": application.submitted_at,
        "due_at": application.due_at,
        "data": application.data,
        "timeline": [
            {"at": e.at, "status": e.status, "message": e.message, "actor": e.actor, "actor_name": e.actor_name}
            for e in application.events.all()
        ],
        "decision": decision,
        "documents": [
            {
                "id": d.id,
                "kind": d.kind,
                "title": d.title,
                "issued_at": d.issued_at,
                "expires_at": d.expires_at,
                "revoked": d.revoked_at is not None,
                "verify_url": f"/verify/{d.id}",
            }
            for d in application.documents.all()
        ],
        "appealed": application.appealed_at is not None,
    }


def application_forwarded_to(system_code: str, tracking_code: str) -> Application | None:
    """The application, if it was forwarded to the agency system `system_code`; otherwise None (the
    caller answers 404 either way: a system never learns of applications that were not sent to it)."""
    code = clean_tracking_code(tracking_code)
    if code is None:
        return None
    return (
        Application.objects.select_related("definition", "citizen", "agency")
        .filter(tracking_code=code, deliveries__system__code=system_code)
        .distinct()
        .first()
    )
