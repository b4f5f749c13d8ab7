"""Writes of applications: submit, process (inquire, decide, issue), hand to a human or an agency
system, appeal, rate, complain. Every state change writes its timeline event in the same
transaction; the work that follows leaves through task rows written in that transaction too."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.applications import rules, selectors
from panjereh.applications.constants import FINAL_STATUSES, Actor, DecisionMode, DeliveryStatus, Status
from panjereh.applications.documents import signing
from panjereh.applications.forms import clean_form
from panjereh.applications.models import (
    Application,
    ApplicationEvent,
    Complaint,
    Delivery,
    IdempotencyKey,
    InquiryResult,
    IssuedDocument,
    Rating,
    ServiceDefinition,
)
from panjereh.applications.tracking import new_tracking_code
from panjereh.core.errors import Conflict, InvalidInput, NotFound
from panjereh.exchange.client import ExchangeUnreachable, inquire
from panjereh.infra import rows, tasks
from panjereh.notifications.services import notify
from panjereh.persian import to_persian_digits

IDEMPOTENCY_LOCK_SECONDS = 30  # a key whose request died mid-way may be used again after this
PROCESS_MAX_TRIES = 5  # inquiry rounds before the application goes to a person at the agency
SYSTEM_NAME = "پنجره ملی (تصمیم خودکار)"  # `decided_by` of an automatic decision: shown, never compared
# Status changes the person hears about (in the app and by SMS): the outcomes and hand-overs; `in_progress`
# lasts milliseconds, and the submission itself answers the person at once.
NOTIFIED = (Status.WAITING_FOR_AGENCY, Status.FORWARDED, Status.ISSUED, Status.REJECTED)
INQUIRIES_BEGAN = "استعلام از دستگاه‌ها آغاز شد."
IN_PROGRESS_AFTER_SECONDS = 0.3  # agencies slower than this: the person sees `in_progress` while they answer


def request_fingerprint(service: str, data: Any) -> str:
    canonical = json.dumps(
        {"service": service, "data": data}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def definition_for(service: str) -> ServiceDefinition:
    """The active definition named by its own code or its service profile's code."""
    found = _active_definition(service) or selectors.definition_for_service(service)
    if found is None:
        raise InvalidInput("unknown_service", "خدمتی با این کد برای درخواست برخط وجود ندارد.", "service")
    return found


_DEFINITIONS: dict[tuple[int, datetime.datetime], ServiceDefinition] = {}
DEFINITIONS_KEPT = 1000


def _active_definition(code: str) -> ServiceDefinition | None:
    """The active definition of this code, kept by the process while its row is unchanged. The row
    last found active for the code is looked at with a one-row read (still active? updated when?);
    only when it is not is the code's active row looked for again, and the whole row read only when
    it has changed (the ORM took 2.3 ms per submission to read it, on the 2-core machine; the look
    for the code's active row 0.3 ms). Another row of the code can only become active once this one
    is not (one active version per code). Kept rows are only read."""
    pk = _ACTIVE.get(code)
    state = rows.values(ServiceDefinition, pk, ["active", "updated_at"]) if pk is not None else None
    if pk is None or state is None or not state["active"]:
        stamp = ServiceDefinition.objects.filter(active=True, code=code).values_list("pk", "updated_at").first()
        if stamp is None:
            return None
        if len(_ACTIVE) >= DEFINITIONS_KEPT:
            _ACTIVE.clear()
        _ACTIVE[code] = stamp[0]
        return _definition_kept(*stamp)
    return _definition_kept(pk, state["updated_at"])


_ACTIVE: dict[str, int] = {}  # code → the row last found active for it


def _definition_kept(pk: int, updated_at: datetime.datetime) -> ServiceDefinition | None:
    """The definition row `pk` as it was at `updated_at`, from the process's copies when it has it."""
    kept = _DEFINITIONS.get((pk, updated_at))
    if kept is None:
        kept = ServiceDefinition.objects.filter(pk=pk).first()
        if kept is not None and kept.updated_at == updated_at:  # not edited in between
            if len(_DEFINITIONS) >= DEFINITIONS_KEPT:
                _DEFINITIONS.clear()
            _DEFINITIONS[(pk, updated_at)] = kept
    return kept


def _application_to_process(application_id: str) -> Application | None:
    """The application with its definition and owner, for processing: one-row reads (panjereh.infra.rows)
    and the process's copy of the definition (as a submission finds it), not the ORM's three-table
    join, which was a sixth of the worker's CPU under load."""
    application = rows.instance(Application, application_id)
    if not isinstance(application, Application):  # None: no such application
        return None
    stamp = rows.values(ServiceDefinition, application.definition_id, ["updated_at"])
    definition = _definition_kept(application.definition_id, stamp["updated_at"]) if stamp else None
    citizen = rows.instance(Citizen, application.citizen_id)
    if definition is None or not isinstance(citizen, Citizen):  # both are protected from deletion
        return None
    application.definition, application.citizen = definition, citizen
    return application


def application_submit(*, citizen: Citizen, service: str, data: Any, idempotency_key: str) -> tuple[Application, bool]:
    """(the application, whether it is new). Durable, with its tracking code and its processing task,
    before this returns. The same key with the same body gives the same application."""
    definition = definition_for(service)
    clean = clean_form(definition.form, data)
    fingerprint = request_fingerprint(service, data)
    claim = _idempotency_claim(citizen, idempotency_key, fingerprint)
    if isinstance(claim, Application):
        return claim, False
    try:
        with transaction.atomic():
            application = _application_create(citizen, definition, clean)
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
        raise Conflict("request_in_progress", "همین درخواست هم‌اکنون در حال ثبت است؛ چند لحظه بعد دوباره بپرسید.")
    return found


def _application_create(citizen: Citizen, definition: ServiceDefinition, data: dict[str, Any]) -> Application:
    from panjereh.applications.tasks import process_application

    now = timezone.now()
    for _ in range(5):  # 10^11 codes: a collision is rare, two in a row rarer still
        application = Application(
            tracking_code=new_tracking_code(), citizen=citizen, definition=definition,
            agency_id=definition.agency_id, data=data, decision_mode=definition.decision_mode, submitted_at=now,
        )  # fmt: skip
        if rows.insert(application, skip_conflict=True):  # skipped only for a tracking code already given
            break
    else:
        raise Conflict("conflict", "ثبت درخواست ممکن نشد؛ دوباره تلاش کنید.")
    _event(application, Status.SUBMITTED, "درخواست ثبت شد.", Actor.CITIZEN, citizen.full_name)
    tasks.enqueue(process_application, str(application.pk))
    return application


# --- processing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InquiryFailure:
    provider: str
    status: int

    @property
    def transient(self) -> bool:
        return self.status in (0, 502, 503, 504)


def application_process(application_id: str) -> None:
    """One round of work on an application: inquiries, then the decision its mode calls for. Safe to
    run twice or after a crash: every step re-reads the status under a lock and skips what is done.

    The transactions hold only their writes and the re-read of the status: on SQLite each one has
    the database's write lock to itself (and every other writer waits), so the application is read,
    the agencies asked and the automatic decision worked out and signed before, not inside, them.
    The move to `in_progress` is written on its own only if the agencies take longer than
    IN_PROGRESS_AFTER_SECONDS to answer (so a person looking then sees it); otherwise it goes, with
    the time the inquiries began, into the outcome's transaction: one write-lock turn instead of two."""
    application = _application_to_process(application_id)  # what may change is read again under the lock
    if application is None or application.status not in (Status.SUBMITTED, Status.IN_PROGRESS):
        return
    began = timezone.now()
    asked = _ask_agencies(application, while_waiting=lambda: _inquiries_began(application, began))
    if application.status not in (Status.SUBMITTED, Status.IN_PROGRESS):  # moved on while its agencies were asked
        return
    decision = _automatic_decision(application, asked)
    with transaction.atomic():
        if not _still(application, application.status):
            return
        if application.status == Status.SUBMITTED:
            _to_in_progress(application, began)
        failure = _keep_answers(application, asked)
        if failure is not None:
            _inquiry_failed(application, failure)
        elif decision is not None:
            _decide_automatically(application, decision)
        elif application.decision_mode == DecisionMode.FORWARDED:
            _forward(application)
        else:
            _to_inbox(application, "درخواست در کارتابل کارشناس دستگاه قرار گرفت.")


def _inquiries_began(application: Application, began: datetime.datetime) -> None:
    """The move to `in_progress`, written on its own while slow agencies are still being asked."""
    if application.status != Status.SUBMITTED:
        return
    with transaction.atomic():
        if _still(application, Status.SUBMITTED):
            _to_in_progress(application, began)


def _to_in_progress(application: Application, began: datetime.datetime) -> None:
    _transition(application, Status.IN_PROGRESS, INQUIRIES_BEGAN, Actor.SYSTEM, at=began)


def _locked(application_id: str) -> Application | None:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("definition", "citizen")
        .filter(pk=application_id)
        .first()
    )


def _still(application: Application, status: str) -> bool:
    """Whether the application is still in `status`, re-read under its row lock. Only the fields a
    transition changes are read again: its definition, owner and form never change, and reading them
    with the row again cost more than the rest of the decision's queries."""
    fresh = rows.values(Application, application.pk, CHANGING_FIELDS, for_update=True)
    if fresh is None:
        return False
    for field, value in fresh.items():
        setattr(application, field, value)
    return application.status == status


def inputs_of(application: Application, answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """What rules and document claims read: the form, the person, and each inquiry's answer
    (as stored, unless the caller has them at hand)."""
    if answers is None:
        answers = _stored_answers(application)
    return {"form": application.data, "person": person_inputs(application.citizen), "inquiries": answers}


def _stored_answers(application: Application) -> dict[str, Any]:
    return {r.name: r.answer for r in application.inquiry_results.filter(status_code=200)}


def _answers_of(application: Application, asked: list[Asked]) -> dict[str, Any]:
    """Every answer of the application: on the first round all were just asked; a later round asked
    only what was missing, and the others are stored."""
    answers = _stored_answers(application) if application.attempts else {}
    answers.update({spec["name"]: data for spec, status, data, _ in asked if status == 200})
    return answers


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


Asked = tuple[dict[str, Any], int, dict[str, Any], str]  # (inquiry spec, HTTP status, answer, audit id)


def _ask_agencies(application: Application, while_waiting: Callable[[], None]) -> list[Asked]:
    """Asks, through the exchange, what the definition needs and was not answered yet; at once, or in
    sequence. The asking is done by the process's inquiry threads; if they have not all answered
    after IN_PROGRESS_AFTER_SECONDS, `while_waiting` runs (in this thread, which keeps its database
    connection) before the answers are waited for."""
    done = (
        set(application.inquiry_results.filter(status_code=200).values_list("name", flat=True))
        if application.attempts  # a later round: only what was not answered yet
        else set()
    )
    wanted = [q for q in application.definition.inquiries if q["name"] not in done]
    if not wanted:
        return []
    base = {"form": application.data, "person": person_inputs(application.citizen), "inquiries": {}}

    def ask(spec: dict[str, Any]) -> Asked:
        body = {name: rules.evaluate(expr, base) for name, expr in spec.get("body", {}).items()} or {
            "national_code": application.citizen.national_code
        }
        try:
            answer = inquire(
                spec["provider"], spec["service"], body, purpose=spec.get("purpose", application.definition.code),
                subject=application.citizen.national_code, application=application.tracking_code,
            )  # fmt: skip
        except ExchangeUnreachable:
            return spec, 0, {}, ""
        return spec, answer.status, answer.data, answer.audit_id or ""

    def ask_each(specs: list[dict[str, Any]]) -> list[Asked]:
        return [ask(spec) for spec in specs]

    threads = _inquiry_threads()
    if len(wanted) == 1 or not settings.INQUIRIES_IN_PARALLEL:
        asking = [threads.submit(ask_each, wanted)]
    else:
        asking = [threads.submit(ask_each, [spec]) for spec in wanted]
    _done, waiting = futures.wait(asking, timeout=IN_PROGRESS_AFTER_SECONDS)
    if waiting:
        while_waiting()
    return [answer for future in asking for answer in future.result()]


@functools.cache
def _inquiry_threads() -> ThreadPoolExecutor:
    """The process's threads for inquiries asked at once (they touch no database): a pool made for
    each application cost 0.3 ms of CPU, starting and ending its threads, against 0.07 ms."""
    return ThreadPoolExecutor(max_workers=16, thread_name_prefix="inquiry")


ANSWER_FIELDS = ("provider", "data_service", "status_code", "answer", "audit_id", "at")


def _keep_answers(application: Application, results: list[Asked]) -> InquiryFailure | None:
    """Stores the answers (in the decision's transaction); the first failure, if any."""
    now = timezone.now()
    answers = [
        InquiryResult(application=application, name=spec["name"], provider=spec["provider"],
                      data_service=spec["service"], status_code=status, answer=data if status == 200 else {},
                      audit_id=audit_id, at=now)
        for spec, status, data, audit_id in results
    ]  # fmt: skip
    for answer in answers:
        if application.attempts == 0:  # the first round: nothing stored yet
            rows.insert(answer)
        else:
            InquiryResult.objects.update_or_create(
                application=application, name=answer.name,
                defaults={field: getattr(answer, field) for field in ANSWER_FIELDS},
            )  # fmt: skip
    for answer in answers:
        if answer.status_code != 200:
            return InquiryFailure(answer.provider, answer.status_code)
    return None


def _inquiry_failed(application: Application, failure: InquiryFailure) -> None:
    from panjereh.applications.tasks import process_application

    application.attempts += 1
    if failure.transient and application.attempts < PROCESS_MAX_TRIES:
        application.save(update_fields=["attempts", "updated_at"])
        delay = datetime.timedelta(seconds=2**application.attempts)
        tasks.enqueue(process_application.using(run_after=timezone.now() + delay), str(application.pk))
        return
    application.save(update_fields=["attempts", "updated_at"])
    _to_inbox(application, "استعلام از دستگاه ارائه‌دهنده داده پاسخ نگرفت؛ درخواست به کارشناس دستگاه سپرده شد.")


@dataclass(frozen=True)
class AutomaticDecision:
    """What the rules made of an application's answers, before it is written; `outcome` None: the rules failed."""

    outcome: rules.Outcome | None
    inputs_hash: str = ""
    document: IssuedDocument | None = None  # signed, not yet saved


def _automatic_decision(application: Application, asked: list[Asked]) -> AutomaticDecision | None:
    """The decision of an automatic service whose agencies all answered (None otherwise), with its
    document signed: the rules' work, done before the decision's transaction."""
    if application.decision_mode != DecisionMode.AUTOMATIC or any(status != 200 for _, status, _, _ in asked):
        return None
    definition = application.definition
    inputs = inputs_of(application, _answers_of(application, asked))
    try:
        outcome = rules.decide(definition.rules, inputs, definition.approve_reason or "درخواست شما پذیرفته شد.")
        document = _document_for(application, inputs) if outcome.approved else None
    except rules.RuleError:
        return AutomaticDecision(None)
    return AutomaticDecision(outcome, rules.inputs_hash(inputs), document)


def _decide_automatically(application: Application, decision: AutomaticDecision) -> None:
    if decision.outcome is None:
        _to_inbox(application, "قواعد خودکار این خدمت به نتیجه نرسید؛ درخواست به کارشناس دستگاه سپرده شد.")
        return
    application.rule_version = application.definition.rule_version
    application.inputs_hash = decision.inputs_hash
    application.decided_automatically = True  # what allows an appeal (SYSTEM_NAME is only shown)
    _decide(application, approved=decision.outcome.approved, reason=decision.outcome.reason, by=SYSTEM_NAME,
            actor=Actor.SYSTEM, document=decision.document)  # fmt: skip


def _document_for(application: Application, inputs: dict[str, Any]) -> IssuedDocument | None:
    """The definition's document for an approved application, its claims worked out from `inputs`,
    signed but not stored (`_decide` stores it); None for a service that issues none."""
    definition = application.definition
    spec = definition.document
    if not spec:
        return None
    claims = {name: rules.evaluate(expr, inputs) for name, expr in spec.get("claims", {}).items()}
    return signing.document_sign(application=application, kind=definition.code, title=spec["title"],
                                   claims=claims, valid_days=spec.get("valid_days"))  # fmt: skip


def _decide(
    application: Application,
    *,
    approved: bool,
    reason: str,
    by: str,
    actor: str,
    document: IssuedDocument | None,
) -> None:
    """Writes the decision, with the signed document an approval issues (`_document_for`)."""
    application.decided_at = timezone.now()
    application.decision_reason = reason
    application.decided_by = by
    if document is not None:
        rows.insert(document)
    status = Status.ISSUED if approved else Status.REJECTED
    _transition(application, status, reason, actor, by)


def _to_inbox(application: Application, message: str) -> None:
    hours = application.definition.sla_hours or 72
    application.due_at = timezone.now() + datetime.timedelta(hours=hours)
    _transition(application, Status.WAITING_FOR_AGENCY, message, Actor.SYSTEM)


def _forward(application: Application) -> None:
    from panjereh.applications.tasks import deliver

    definition = application.definition
    system = definition.forward_system
    if system is None or not system.base_url:
        _to_inbox(application, "سامانه دستگاه برای دریافت درخواست معرفی نشده است؛ درخواست به کارشناس دستگاه سپرده شد.")
        return
    delivery = Delivery.objects.create(
        application=application, system=system, url=system.base_url.rstrip("/") + definition.forward_path,
        payload=forward_payload(application), created_at=timezone.now(), next_attempt_at=timezone.now(),
    )  # fmt: skip
    hours = definition.sla_hours or 72
    application.due_at = timezone.now() + datetime.timedelta(hours=hours)
    _transition(application, Status.FORWARDED, f"درخواست برای رسیدگی به سامانه {system.name} فرستاده شد.", Actor.SYSTEM)
    tasks.enqueue(deliver, delivery.pk)


STATUS_PATH = "/api/v1/agency/applications/{}/status"


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


# --- people at the agency, and the person ------------------------------------------------------


def application_claim(*, application: Application, user: Any, name: str) -> None:
    """An officer takes an application from the agency's queue; not one a colleague has taken."""
    with transaction.atomic():
        application = _require_locked(application, Status.WAITING_FOR_AGENCY)
        _claim(application, user, name)


def _claim(application: Application, user: Any, name: str) -> None:
    if application.assigned_to_id == user.pk:
        return
    if application.assigned_to_id is not None:
        raise Conflict("claimed_by_another", "کارشناس دیگری رسیدگی به این درخواست را بر عهده گرفته است.")
    application.assigned_to = user
    application.claimed_at = timezone.now()
    application.save(update_fields=["assigned_to", "claimed_at", "updated_at"])
    _event(application, application.status, "کارشناس رسیدگی به درخواست را بر عهده گرفت.", Actor.OFFICER, name)


def application_decide(*, application: Application, user: Any, approved: bool, reason: str, name: str) -> None:
    """A person at the agency decides, with a reason the applicant will read. Deciding an application
    nobody has taken takes it first; one a colleague has taken is theirs to decide."""
    reason = reason.strip()
    if not reason:
        raise InvalidInput("reason_required", "دلیل تصمیم را بنویسید؛ متقاضی آن را می‌بیند.", "reason")
    with transaction.atomic():
        application = _require_locked(application, Status.WAITING_FOR_AGENCY)
        _claim(application, user, name)
        document = _document_for(application, inputs_of(application)) if approved else None
        application.rule_version = ""
        _decide(application, approved=approved, reason=reason, by=name, actor=Actor.OFFICER, document=document)


def application_agency_report(*, application: Application, status: str, reason: str, system_name: str) -> None:
    """An agency system reports on a forwarded application: `in_progress` (a note), `issued` or `rejected`.
    A report proves the system has the application: a delivery still being retried stops there."""
    with transaction.atomic():
        application = _require_locked(application, Status.FORWARDED)
        Delivery.objects.filter(application=application, status=DeliveryStatus.PENDING).update(
            status=DeliveryStatus.DELIVERED, delivered_at=timezone.now(), last_error=""
        )
        if status == "in_progress":
            _event(application, application.status, reason or "سامانه دستگاه درخواست را در دست بررسی دارد.",
                   Actor.AGENCY_SYSTEM, system_name)  # fmt: skip
            return
        document = _document_for(application, inputs_of(application)) if status == Status.ISSUED else None
        _decide(application, approved=status == Status.ISSUED, reason=reason, by=system_name,
                actor=Actor.AGENCY_SYSTEM, document=document)  # fmt: skip


def application_appeal(*, application: Application, citizen: Citizen, text: str) -> None:
    """One action: an automatic rejection goes to a person at the agency, with the applicant's words."""
    with transaction.atomic():
        application = _require_locked(application, Status.REJECTED)
        if application.citizen_id != citizen.pk:
            raise NotFound("not_found", "درخواستی با این کد رهگیری پیدا نشد.")
        if application.appealed_at is not None or not application.decided_automatically:
            raise Conflict("appeal_not_allowed", "اعتراض فقط یک بار و فقط به تصمیم خودکار ممکن است.")
        application.appealed_at = timezone.now()
        application.decided_at = None
        application.decided_automatically = False  # a person decides now
        application.save(update_fields=["appealed_at", "decided_at", "decided_automatically", "updated_at"])
        note = text.strip()[:300]
        _event(application, Status.REJECTED, f"متقاضی اعتراض کرد{': ' + note if note else '.'}", Actor.CITIZEN,
               citizen.full_name)  # fmt: skip
        _to_inbox(application, "اعتراض برای بررسی به کارشناس دستگاه سپرده شد.")


def rating_add(*, application: Application, citizen: Citizen, stars: int, comment: str) -> Rating:
    if application.citizen_id != citizen.pk or application.status not in FINAL_STATUSES:
        raise Conflict("not_finished", "فقط خدمتی را که به نتیجه رسیده است می‌توانید امتیاز دهید.")
    if not 1 <= stars <= 5:
        raise InvalidInput("invalid_stars", "امتیاز باید از ۱ تا ۵ باشد.", "stars")
    try:
        with transaction.atomic():
            return Rating.objects.create(
                application=application, stars=stars, comment=comment.strip()[:1000], created_at=timezone.now()
            )
    except IntegrityError:
        raise Conflict("already_rated", "این خدمت را پیش‌تر امتیاز داده‌اید.") from None


def complaint_file(*, application: Application, citizen: Citizen, text: str) -> Complaint:
    text = text.strip()
    if application.citizen_id != citizen.pk:
        raise NotFound("not_found", "درخواستی با این کد رهگیری پیدا نشد.")
    if len(text) < 10:
        raise InvalidInput("complaint_too_short", "شرح شکایت را دست‌کم در ده نویسه بنویسید.", "text")
    return Complaint.objects.create(
        application=application, citizen=citizen, agency=application.agency, text=text[:2000]
    )


# --- timeline -----------------------------------------------------------------------------------


def _require_locked(application: Application, status: str) -> Application:
    locked = _locked(str(application.pk))
    if locked is None or locked.status != status:
        raise Conflict("wrong_status", "وضعیت درخواست اجازه این کار را نمی‌دهد.")
    return locked


# What a transition may have changed on the application (never its identity, owner or form).
TRANSITION_FIELDS = ("status", "updated_at", "due_at", "decided_at", "decision_reason", "decided_by",
                     "decided_automatically", "rule_version", "inputs_hash", "attempts")  # fmt: skip
# What may change on an application while its agencies are being asked (see `_still`).
CHANGING_FIELDS = (*TRANSITION_FIELDS, "appealed_at", "assigned_to_id", "claimed_at")


def _event(
    application: Application, status: str, message: str, actor: str, actor_name: str = "",
    at: datetime.datetime | None = None,
) -> None:  # fmt: skip
    rows.insert(ApplicationEvent(
        application=application, at=at or timezone.now(), status=status, message=message[:500], actor=actor,
        actor_name=actor_name[:150],
    ))  # fmt: skip


def _transition(
    application: Application, status: str, message: str, actor: str, actor_name: str = "",
    at: datetime.datetime | None = None,
) -> None:  # fmt: skip
    application.status = status
    rows.update(application, TRANSITION_FIELDS)  # inside the caller's transaction: see panjereh.infra.rows
    _event(application, status, message, actor, actor_name, at)
    if status in NOTIFIED:
        citizen = application.citizen
        label = Status(status).label
        notify(
            user_id=citizen.user_id,
            # One message per status, and per status again after an appeal: never two for one change.
            dedupe_key=f"application:{application.pk}:{status}:{'appeal' if application.appealed_at else 'first'}",
            title=f"پنجره ملی: {application.definition.title}",
            body=f"درخواست {to_persian_digits(application.tracking_code)}: {label}. {message}"[:500],
            url=f"/me/applications/{application.tracking_code}/",
            mobile=citizen.mobile,
        )


def applications_resume(*, stale_seconds: int = 60) -> int:
    """Queues again the applications whose processing stopped (a worker that crashed or was killed
    mid-way): not decided, not with a person or an agency system, untouched for `stale_seconds`.
    Processing is safe to repeat, so a task that was only late does no harm."""
    from panjereh.applications.tasks import process_application

    cutoff = timezone.now() - datetime.timedelta(seconds=stale_seconds)
    stale = Application.objects.filter(status__in=(Status.SUBMITTED, Status.IN_PROGRESS), updated_at__lt=cutoff)
    count = 0
    for application_id in stale.values_list("pk", flat=True)[:1000]:
        tasks.enqueue(process_application, str(application_id))
        count += 1
    return count


def application_hand_over(*, application_id: str, from_status: str, message: str) -> None:
    """Moves an application to the agency's inbox, if it is still in `from_status`."""
    with transaction.atomic():
        application = _locked(application_id)
        if application is not None and application.status == from_status:
            _to_inbox(application, message)
