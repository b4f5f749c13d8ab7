"""Reads of applications: only ever what the asker may see."""

from __future__ import annotations

import datetime
import hmac
from typing import Any

from django.db.models import Avg, Count, F, Q, QuerySet, Sum

from panjereh.accounts.models import Citizen
from panjereh.accounts.selectors import staff_agency_codes, staff_of
from panjereh.agencies.models import Agency
from panjereh.applications.constants import FINAL_STATUSES, DecisionMode, Status
from panjereh.applications.models import (
    Application,
    Complaint,
    Delivery,
    IdempotencyKey,
    IssuedDocument,
    Rating,
    ServiceDefinition,
)
from panjereh.applications.tracking import clean_tracking_code
from panjereh.core.aggregates import keyed, summed
from panjereh.exchange.models import DataService
from panjereh.payments.constants import PaymentStatus, Purpose
from panjereh.payments.selectors import payments_for
from panjereh.persian import to_ascii_digits, to_persian_digits


def application_for(user: Any, tracking_code: str) -> Application | None:
    """The application, if `user` is its owner or staff of the agency handling it; otherwise None
    (the caller answers 404 either way, so a code's existence is never confirmed to others)."""
    if not getattr(user, "is_authenticated", False):
        return None
    application = _by_code(tracking_code)
    if application is None:
        return None
    if application.citizen.user_id == user.pk:
        return application
    # Only the handling agency's own staff: a supervisor's "all agencies" (None) does not open personal files.
    codes = staff_agency_codes(user) if staff_of(user) is not None else set()
    return application if codes is not None and application.agency.code in codes else None


def definition_for_service(service_code: str) -> ServiceDefinition | None:
    """The active online definition of a service profile (by the profile's code), if it has one."""
    return (
        ServiceDefinition.objects.filter(active=True, service__code=service_code)
        .select_related("service", "agency")
        .first()
    )


def inquiries_explained(definition: ServiceDefinition) -> list[dict[str, str]]:
    """What the state asks, and of whom, instead of asking the person for papers: one entry per
    inquiry of the definition, in the agencies' and data services' own Persian names."""
    specs = definition.inquiries
    agencies = dict(Agency.objects.filter(code__in={q["provider"] for q in specs}).values_list("code", "name"))
    titles = {
        (provider, code): title
        for provider, code, title in DataService.objects.filter(
            provider__code__in={q["provider"] for q in specs}, code__in={q["service"] for q in specs}
        ).values_list("provider__code", "code", "title")
    }
    return [
        {"agency": agencies.get(q["provider"], q["provider"]), "title": titles.get((q["provider"], q["service"]), "")}
        for q in specs
    ]


def own_application(citizen: Citizen, tracking_code: str) -> Application | None:
    """The person's own application with this code; None for a malformed code or anyone else's."""
    return _by_code(tracking_code, citizen=citizen)


def _by_code(tracking_code: str, **filters: Any) -> Application | None:
    """The application with this code (any digit script) matching `filters`, or None; never a lookup
    for a code whose check digit is wrong."""
    code = clean_tracking_code(tracking_code)
    if code is None:
        return None
    found = Application.objects.select_related("definition", "citizen", "agency").filter(tracking_code=code, **filters)
    return found.distinct().first()


def application_by_key(citizen: Citizen, idempotency_key: str) -> Application | None:
    """The application a person's idempotency key made, once the request that used it committed."""
    found = (
        IdempotencyKey.objects.select_related("application")
        .filter(citizen=citizen, key=idempotency_key, application__isnull=False)
        .first()
    )
    return found.application if found is not None else None


def still_processing(application: Application) -> bool:
    """Whether the platform is still working on it by itself (a page may poll for the outcome)."""
    return application.status in (Status.SUBMITTED, Status.IN_PROGRESS)


def appealable(application: Application) -> bool:
    """An automatic rejection not appealed yet: the person may ask a person at the agency to look."""
    return (
        application.status == Status.REJECTED and application.appealed_at is None and application.decided_automatically
    )


def applications_of(citizen: Citizen) -> QuerySet[Application]:
    return Application.objects.filter(citizen=citizen).select_related("definition", "agency").order_by("-submitted_at")


def documents_of(citizen: Citizen) -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.filter(citizen=citizen).select_related("application").order_by("-issued_at")


def fee_of(application: Application) -> dict[str, Any] | None:
    """The service's fee and the application's payments (newest first), or None when it is free."""
    amount = application.definition.fee_rials
    if not amount:
        return None
    payments = payments_for(Purpose.APPLICATION, application.tracking_code)
    return {
        "amount_rials": amount,
        "paid": any(p.status in (PaymentStatus.PAID, PaymentStatus.REFUNDED) for p in payments),
        "payments": [
            {"payment_id": str(p.id), "status": p.status, "status_label": PaymentStatus(p.status).label,
             "amount_rials": p.amount_rials, "reference": p.reference, "created_at": p.created_at,
             "settled_at": p.settled_at, "refund_due": p.refund_due}
            for p in payments
        ],
    }  # fmt: skip


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
        "fee": fee_of(application),
    }


def document_of(citizen: Citizen | None, document_id: str) -> IssuedDocument | None:
    """The citizen's own document; None for anyone else's or an unknown id (the caller answers 404)."""
    if citizen is None:
        return None
    return (
        IssuedDocument.objects.select_related("application", "key", "citizen")
        .filter(citizen=citizen, pk=(document_id or "").strip().upper()[:32])
        .first()
    )


def sla_clock(due_at: datetime.datetime, now: datetime.datetime) -> tuple[str, bool]:
    """(the time left or past the promised time, in Persian: «۲ روز و ۳ ساعت مانده», «۵ ساعت
    گذشته»; whether it is overdue). Days and hours; minutes only in the last hour."""
    seconds = (due_at - now).total_seconds()
    overdue = seconds < 0
    minutes = int(abs(seconds) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [f"{days} روز"] if days else []
    if hours:
        parts.append(f"{hours} ساعت")
    if not parts:
        parts.append(f"{mins} دقیقه" if mins else "کمتر از یک دقیقه")
    return to_persian_digits(" و ".join(parts) + (" گذشته" if overdue else " مانده")), overdue


def inbox_of(application: Application) -> dict[str, Any]:
    """What the inbox's detail page shows besides the fields: the form with its labels, each
    inquiry's answer (what the registries said) and the timeline."""
    labels = {field.get("name"): field.get("label", field.get("name")) for field in application.definition.form}
    return {
        "form": [(labels.get(name, name), value) for name, value in application.data.items()],
        "inquiries": list(application.inquiry_results.order_by("at", "name")),
        "events": list(application.events.all()),
    }


def application_forwarded_to(system_code: str, tracking_code: str) -> Application | None:
    """The application, if it was forwarded to the agency system `system_code`; otherwise None (the
    caller answers 404 either way: a system never learns of applications that were not sent to it)."""
    return _by_code(tracking_code, deliveries__system__code=system_code)


def forwarded_system_name(application: Application, system_code: str) -> str | None:
    """The name of the agency system `system_code` the application was forwarded to, as its timeline
    and decision show it; None if it was not forwarded there."""
    names = Delivery.objects.filter(application=application, system__code=system_code).values_list("system__name")
    found = names.first()
    return found[0] if found is not None else None


# --- for the evaluation: counted in SQL per (agency id, service id), over [start, end); sum for an agency ---


def application_measures(start: datetime.datetime, end: datetime.datetime) -> dict[tuple[int, int], dict[str, int]]:
    """Submitted; brought to a final status; decided; decided by the time the service promised at
    submission; decided with a reason; decided by a person (the inbox), and of those, by their due time.
    Comparisons of two columns only: no per-row function, on either database; grouped by definition
    (no join), then by the service it defines."""
    decided = Q(decided_at__isnull=False)
    by_person = decided & Q(decided_automatically=False, due_at__isnull=False)
    rows = (
        Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end)
        .values("agency_id", "definition_id")
        .annotate(
            submitted=Count("pk"),
            finished=Count("pk", filter=Q(status__in=FINAL_STATUSES)),
            decided=Count("pk", filter=decided),
            decided_in_time=Count("pk", filter=decided & Q(decided_at__lte=F("promised_by"))),
            with_reason=Count("pk", filter=decided & ~Q(decision_reason="")),
            by_person=Count("pk", filter=by_person),
            by_person_in_time=Count("pk", filter=by_person & Q(decided_at__lte=F("due_at"))),
        )
    )
    return _per_service(keyed(rows, "agency_id", "definition_id"))


def _per_service(per_definition: dict[tuple[int, int], dict[str, int]]) -> dict[tuple[int, int], dict[str, int]]:
    """(agency id, definition id) → (agency id, service id): a service's versions counted together."""
    services = dict(ServiceDefinition.objects.values_list("pk", "service_id"))
    return summed(per_definition, lambda key: (key[0], services[key[1]]))


def definition_measures() -> dict[tuple[int, int], dict[str, int]]:
    """Per (agency id of the service profile, service id): whether the service has an active definition
    on the platform (which takes no uploads: its evidence comes by inquiry), one decided automatically
    (smart, as measured), and whether its profile still lists documents although the definition asks
    for none."""
    rows = (
        ServiceDefinition.objects.filter(active=True)
        .values("service__agency_id", "service_id")
        .annotate(
            defined=Count("service_id", distinct=True),
            automatic=Count("service_id", distinct=True, filter=Q(decision_mode=DecisionMode.AUTOMATIC)),
            defined_listing_documents=Count("service_id", distinct=True, filter=~Q(service__requirements=[])),
        )
    )
    return keyed(rows, "service__agency_id", "service_id")


def feedback_measures(start: datetime.datetime, end: datetime.datetime) -> dict[tuple[int, int], dict[str, int]]:
    """Ratings given in [start, end) (their count and the sum of their stars), and complaints filed
    then, with those answered by their deadline."""
    ratings = (
        Rating.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("application__agency_id", "application__definition_id")
        .annotate(ratings=Count("pk"), stars=Sum("stars"))
    )
    complaints = (
        Complaint.objects.filter(created_at__gte=start, created_at__lt=end)
        .values("agency_id", "application__definition_id")
        .annotate(complaints=Count("pk"), answered_in_time=Count("pk", filter=Q(answered_at__lte=F("due_at"))))
    )
    measures = keyed(ratings, "application__agency_id", "application__definition_id")
    for key, counts in keyed(complaints, "agency_id", "application__definition_id").items():
        measures.setdefault(key, {}).update(counts)
    return _per_service(measures)


def applications_submitted(start: datetime.datetime, end: datetime.datetime) -> int:
    return Application.objects.filter(submitted_at__gte=start, submitted_at__lt=end).count()


def service_rating(service_id: int) -> tuple[float | None, int]:
    """People's ratings of a service (through every definition of it, past versions too): the mean
    stars and how many."""
    found = Rating.objects.filter(application__definition__service_id=service_id).aggregate(
        mean=Avg("stars"), count=Count("pk")
    )
    return (float(found["mean"]) if found["mean"] is not None else None), int(found["count"])


def status_by_tracking(tracking_code: str, last_digits: str) -> dict[str, Any] | None:
    """Where an application stands, for whoever has its tracking code and the last four digits of its
    applicant's national code: the service, the agency, the status and when it last changed; nothing
    personal. None when either does not match (the caller counts the misses)."""
    code = clean_tracking_code(tracking_code)
    digits = to_ascii_digits(last_digits.strip())
    if code is None or len(digits) != 4 or not digits.isdigit():
        return None
    application = (
        Application.objects.select_related("definition", "agency", "citizen").filter(tracking_code=code).first()
    )
    if application is None or not hmac.compare_digest(application.citizen.national_code[-4:], digits):
        return None
    return {
        "tracking_code": application.tracking_code, "service": application.definition.title,
        "agency": application.agency.name, "status": application.status,
        "status_label": application.get_status_display(), "updated_at": application.updated_at,
    }  # fmt: skip
