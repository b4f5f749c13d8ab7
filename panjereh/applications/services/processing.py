"""Processing an application, the worker's task: the inquiries through the exchange, then what the
definition's mode calls for: the automatic decision (the rules, and the document they issue), the
agency's inbox, or a delivery to the agency's own system. Every step is safe to repeat."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from concurrent import futures
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from panjereh.accounts.models import Citizen
from panjereh.accounts.services import citizen_identity_confirm
from panjereh.applications import rules
from panjereh.applications.constants import Actor, DecisionMode, Status
from panjereh.applications.models import Application, InquiryResult, IssuedDocument, ServiceDefinition
from panjereh.applications.services.decisions import (
    CIVIL_REGISTRY,
    HolderUnknown,
    application_may_release,
    decide,
    document_for,
    inputs_of,
    person_inputs,
    stored_answers,
    to_inbox,
)
from panjereh.applications.services.definition_cache import definition_kept
from panjereh.applications.services.forwarding import application_forward
from panjereh.applications.services.timeline import require_locked, still, transition
from panjereh.core.errors import Conflict, NotAllowed
from panjereh.core.request_id import bound, current_request_id
from panjereh.exchange.client import ExchangeUnreachable, inquire
from panjereh.infra import rows

PROCESS_MAX_TRIES = 5  # inquiry rounds before the application goes to a person at the agency
SYSTEM_NAME = "پنجره ملی (تصمیم خودکار)"  # `decided_by` of an automatic decision: shown, never compared
INQUIRIES_BEGAN = "استعلام از دستگاه‌ها آغاز شد."
IN_PROGRESS_AFTER_SECONDS = 0.3  # agencies slower than this: the person sees `in_progress` while they answer
ANSWER_FIELDS = ("provider", "data_service", "status_code", "answer", "audit_id", "at")
Asked = tuple[dict[str, Any], int, dict[str, Any], str]  # (inquiry spec, HTTP status, answer, audit id)


@task()
def process_application(application_id: str, request_id: str = "") -> None:
    """The worker's task: one round of work on an application, under the id of the request that queued it."""
    with bound(request_id):
        application_process(application_id)


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
    if application.decision_mode == DecisionMode.AUTOMATIC and application.citizen.identity_checked_at is None:
        citizen_identity_confirm(application.citizen)  # a document names its holder as the registry does
    decision = _automatic_decision(application, asked)
    with transaction.atomic():
        if not still(application, application.status):
            return
        if application.status == Status.SUBMITTED:
            _to_in_progress(application, began)
        failure = _keep_answers(application, asked)
        if failure is None and decision is not None and decision.holder_unknown:
            failure = InquiryFailure(CIVIL_REGISTRY[0], 503)  # waits for the registry, as for any agency
        if failure is not None:
            _inquiry_failed(application, failure)
        elif decision is not None:
            _decide_automatically(application, decision)
        elif application.decision_mode == DecisionMode.FORWARDED:
            application_forward(application)
        else:
            to_inbox(application, "درخواست در کارتابل کارشناس دستگاه قرار گرفت.")


def applications_resume(*, stale_seconds: int = 60) -> int:
    """Queues again the applications whose processing stopped (a worker that crashed or was killed
    mid-way): not decided, not with a person or an agency system, untouched for `stale_seconds`.
    Processing is safe to repeat, so a task that was only late does no harm."""
    cutoff = timezone.now() - datetime.timedelta(seconds=stale_seconds)
    stale = Application.objects.filter(status__in=(Status.SUBMITTED, Status.IN_PROGRESS), updated_at__lt=cutoff)
    count = 0
    for application_id in stale.values_list("pk", flat=True)[:1000]:
        process_application.enqueue(str(application_id), request_id=current_request_id())
        count += 1
    return count


def application_ask_again(*, application: Application, user: Any, name: str) -> None:
    """An officer sends an application the worker handed over during an agency's outage back to the
    agencies: what they did not answer is asked again, then the automatic decision (or the delivery)
    goes on as if nothing had happened. Only while it waits in the inbox and only if an inquiry failed."""
    with transaction.atomic():
        application = require_locked(application, Status.WAITING_FOR_AGENCY)
        held = application.assigned_to_id not in (None, getattr(user, "pk", None))
        if held and not application_may_release(application=application, user=user):  # a colleague's, not theirs
            raise NotAllowed("ask_again_not_allowed", "درخواستی را که همکارتان برداشته است فقط خود او یا مدیر دستگاه "
                             "دوباره به دستگاه‌ها می‌فرستد.")  # fmt: skip
        unanswered = application.inquiry_results.exclude(status_code=200).exists()
        if application.decision_mode == DecisionMode.HUMAN or not unanswered:
            raise Conflict("nothing_to_ask", "همه دستگاه‌ها به این درخواست پاسخ داده‌اند؛ چیزی برای استعلام دوباره نیست.")
        application.attempts = 1  # a later round (only what is missing is asked), with its tries anew
        application.due_at = application.due_from = None
        application.assigned_to = None
        application.claimed_at = None
        application.save(update_fields=["assigned_to", "claimed_at"])
        transition(application, Status.IN_PROGRESS, "کارشناس استعلام دوباره از دستگاه‌ها را خواست.", Actor.OFFICER, name)
        transaction.on_commit(lambda: process_application.enqueue(str(application.pk), request_id=current_request_id()))


def _application_to_process(application_id: str) -> Application | None:
    """The application with its definition and owner, for processing: one-row reads (panjereh.infra.rows)
    and the process's copy of the definition (as a submission finds it), not the ORM's three-table
    join, which took a large share of the worker's CPU under load."""
    application = rows.instance(Application, application_id)
    if not isinstance(application, Application):  # None: no such application
        return None
    stamp = rows.values(ServiceDefinition, application.definition_id, ["updated_at"])
    definition = definition_kept(application.definition_id, stamp["updated_at"]) if stamp else None
    citizen = rows.instance(Citizen, application.citizen_id)
    if definition is None or not isinstance(citizen, Citizen):  # both are protected from deletion
        return None
    application.definition, application.citizen = definition, citizen
    return application


def _inquiries_began(application: Application, began: datetime.datetime) -> None:
    """The move to `in_progress`, written on its own while slow agencies are still being asked."""
    if application.status != Status.SUBMITTED:
        return
    with transaction.atomic():
        if still(application, Status.SUBMITTED):
            _to_in_progress(application, began)


def _to_in_progress(application: Application, began: datetime.datetime) -> None:
    transition(application, Status.IN_PROGRESS, INQUIRIES_BEGAN, Actor.SYSTEM, at=began)


# --- the inquiries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class InquiryFailure:
    provider: str
    status: int

    @property
    def transient(self) -> bool:
        return self.status in (0, 502, 503, 504)


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

    request_id = current_request_id()  # the inquiry threads do not share this thread's context

    def ask_each(specs: list[dict[str, Any]]) -> list[Asked]:
        with bound(request_id):
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
    each application cost several times the CPU, in starting and ending its threads."""
    return ThreadPoolExecutor(max_workers=16, thread_name_prefix="inquiry")


def _answers_of(application: Application, asked: list[Asked]) -> dict[str, Any]:
    """Every answer of the application: on the first round all were just asked; a later round asked
    only what was missing, and the others are stored."""
    answers = stored_answers(application) if application.attempts else {}
    answers.update({spec["name"]: data for spec, status, data, _ in asked if status == 200})
    return answers


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
    application.attempts += 1
    if failure.transient and application.attempts < PROCESS_MAX_TRIES:
        application.save(update_fields=["attempts", "updated_at"])
        delay = datetime.timedelta(seconds=2**application.attempts)
        later = process_application.using(run_after=timezone.now() + delay)
        later.enqueue(str(application.pk), request_id=current_request_id())
        return
    application.save(update_fields=["attempts", "updated_at"])
    to_inbox(application, "استعلام از دستگاه ارائه‌دهنده داده پاسخ نگرفت؛ درخواست به کارشناس دستگاه سپرده شد.")


# --- the automatic decision --------------------------------------------------------------------------


@dataclass(frozen=True)
class AutomaticDecision:
    """What the rules made of an application's answers, before it is written; `outcome` None: the rules failed."""

    outcome: rules.Outcome | None
    inputs_hash: str = ""
    document: IssuedDocument | None = None  # signed, not yet saved
    holder_unknown: bool = False  # approved, but the registry has not said who the holder is


def _automatic_decision(application: Application, asked: list[Asked]) -> AutomaticDecision | None:
    """The decision of an automatic service whose agencies all answered (None otherwise), with its
    document signed: the rules' work, done before the decision's transaction."""
    if application.decision_mode != DecisionMode.AUTOMATIC or any(status != 200 for _, status, _, _ in asked):
        return None
    definition = application.definition
    inputs = inputs_of(application, _answers_of(application, asked))
    try:
        outcome = rules.decide(definition.rules, inputs, definition.approve_reason or "درخواست شما پذیرفته شد.")
        document = document_for(application, inputs) if outcome.approved else None
    except HolderUnknown:
        return AutomaticDecision(None, holder_unknown=True)
    except rules.RuleError:
        return AutomaticDecision(None)
    return AutomaticDecision(outcome, rules.inputs_hash(inputs), document)


def _decide_automatically(application: Application, decision: AutomaticDecision) -> None:
    if decision.outcome is None:
        to_inbox(application, "قواعد خودکار این خدمت به نتیجه نرسید؛ درخواست به کارشناس دستگاه سپرده شد.")
        return
    application.rule_version = application.definition.rule_version
    application.inputs_hash = decision.inputs_hash
    application.decided_automatically = True  # what allows an appeal (SYSTEM_NAME is only shown)
    decide(application, approved=decision.outcome.approved, reason=decision.outcome.reason, by=SYSTEM_NAME,
           actor=Actor.SYSTEM, document=decision.document)  # fmt: skip
