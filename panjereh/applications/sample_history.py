"""Past activity for the sample agencies (labelled sample data, never a claim about a real agency), so
that the evaluation's rounds, trends, rankings and "most improved" mean something on first start:
applications with their decision times and reasons, ratings, complaints and answers, and exchange
calls with their outages and answer times, in each quarter the caller names.

Each agency gets a steady character from its code (how well it serves, and whether it is getting
better), so its quarters tell one story. The applications are on inactive definitions of the agency's
own services (`history-…`: they keep the record, nobody can apply to them); the exchange calls go
through the audit log's own chain (`append_batch`), without a person's national code. Loaded once: a
second call finds the history and adds nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from panjereh.accounts.models import Citizen
from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.models import Agency
from panjereh.applications.constants import COMPLAINT_ANSWER_DAYS, DecisionMode, Status
from panjereh.applications.models import Application, Complaint, Rating, ServiceDefinition
from panjereh.applications.tracking import new_tracking_code
from panjereh.catalog.models import Service
from panjereh.core.working_days import Calendar, working_deadline
from panjereh.exchange.audit.store import append_batch
from panjereh.exchange.models import AuditRecord
from panjereh.exchange.sample import SERVICES as DATA_SERVICES
from panjereh.persian import make_national_code

PREFIX = "history-"
HISTORY_CONSUMER = "sample-history"  # the consumer system named on the history's exchange calls
PEOPLE = 300
COMPUTED_CALENDAR = Calendar({})  # sample history: Fridays and the computed holidays, no announced days
Window = tuple[datetime.datetime, datetime.datetime]


def sample_history_present() -> bool:
    return ServiceDefinition.objects.filter(code__startswith=PREFIX).exists()


def sample_history_load(windows: Sequence[Window]) -> dict[str, int]:
    """Activity in each [start, end) window, oldest first; returns what was added."""
    added = calls = 0
    if not sample_history_present():
        with transaction.atomic():
            people, taken = _people(), set[str]()
            for agency in Agency.objects.filter(is_sample=True).order_by("code"):
                added += _agency_history(agency, windows, people, taken)
    if not AuditRecord.objects.filter(consumer=HISTORY_CONSUMER).exists():
        calls = _exchange_history(windows)
    return {"applications": added, "exchange_calls": calls}


def _character(code: str) -> tuple[float, float, random.Random]:
    """(quality 0.15–0.95, change per quarter −0.05–+0.12, the agency's own random source)."""
    rng = random.Random(int(hashlib.sha256(code.encode()).hexdigest()[:12], 16))  # noqa: S311 - sample data
    return 0.15 + 0.8 * rng.random(), -0.05 + 0.17 * rng.random(), rng


def _people() -> list[Citizen]:
    return [citizen_get_or_create(national_code=make_national_code(f"7{n:08d}")) for n in range(PEOPLE)]


def _unique_code(taken: set[str]) -> str:
    """A tracking (or complaint) number not given yet in this load: among some hundred thousand random
    ones, two alike are likely enough to break a load now and then."""
    while (code := new_tracking_code()) in taken:
        pass
    taken.add(code)
    return code


def _agency_history(agency: Agency, windows: Sequence[Window], people: list[Citizen], taken: set[str]) -> int:
    quality, change, rng = _character(agency.code)
    services = list(Service.objects.filter(agency=agency).order_by("code")[:2])
    if not services:
        return 0
    definitions = [_history_definition(service, rng) for service in services]
    traffic = rng.choice([40, 50, 60, 80, 120, 250])  # enough to rate every agency; a few are very busy
    applications: list[Application] = []
    for n, (start, end) in enumerate(windows):
        level = min(0.98, max(0.05, quality + change * (n - len(windows) + 1)))
        for _ in range(max(3, int(traffic * (0.8 + 0.4 * rng.random())))):
            application = _application(rng.choice(definitions), rng.choice(people), start, end, level, rng)
            application.tracking_code = _unique_code(taken)
            applications.append(application)
    Application.objects.bulk_create(applications, batch_size=1000)
    _feedback(applications, quality, rng, taken)
    return len(applications)


def _history_definition(service: Service, rng: random.Random) -> ServiceDefinition:
    automatic = rng.random() < 0.3
    return ServiceDefinition.objects.create(
        code=f"{PREFIX}{service.code}"[:100], service=service, agency=service.agency, title=service.title,
        active=False, decision_mode=DecisionMode.AUTOMATIC if automatic else DecisionMode.HUMAN,
        sla_hours=rng.choice([24, 48, 72, 120]),
        document={"kind": "sample-history", "title": service.title, "claims": []} if automatic else None,
    )  # fmt: skip


def _application(
    definition: ServiceDefinition, person: Citizen, start: datetime.datetime, end: datetime.datetime,
    level: float, rng: random.Random,
) -> Application:  # fmt: skip
    submitted = start + (end - start) * rng.random() * 0.9
    deadline = working_deadline(submitted, definition.promised_time, COMPUTED_CALENDAR)
    promised = deadline - submitted  # the promised hours, with the days off in between
    decided_at = due_at = None
    status, reason = Status.WAITING_FOR_AGENCY, ""
    automatic = definition.decision_mode == DecisionMode.AUTOMATIC
    if rng.random() < 0.6 + 0.4 * level:  # most are decided; the worse the agency, the more are left waiting
        in_time = automatic or rng.random() < level
        decided_at = submitted + (promised * rng.uniform(0.05, 0.9) if in_time else promised * rng.uniform(1.1, 4))
        status = Status.ISSUED if rng.random() < 0.85 else Status.REJECTED
        reason = "بر پایه استعلام‌ها و مدارک پرونده" if automatic or rng.random() < level + 0.1 else ""
    if not automatic:
        due_at = deadline
    return Application(
        citizen=person, definition=definition, agency=definition.agency, data={}, status=status,
        decision_mode=definition.decision_mode, submitted_at=submitted, due_at=due_at,
        due_from=submitted if due_at else None, promised_from=submitted, promised_by=deadline,
        decided_at=decided_at, decision_reason=reason, decided_by="" if automatic else "کارشناس دستگاه",
        decided_automatically=automatic and decided_at is not None,
        rule_version=definition.rule_version if automatic else "",
    )  # fmt: skip


def _feedback(applications: list[Application], quality: float, rng: random.Random, taken: set[str]) -> None:
    """Ratings on half of the decided applications; complaints on one in eight, answered within ten
    days as often as the agency is good."""
    ratings = []
    for application in applications:
        if application.decided_at is not None and rng.random() < 0.5:
            stars = max(1, min(5, round(1 + 4 * quality + rng.uniform(-1.2, 1.2))))
            rated_at = application.decided_at + datetime.timedelta(hours=rng.uniform(1, 48))
            ratings.append(Rating(application=application, stars=stars, created_at=rated_at))
    Rating.objects.bulk_create(ratings, batch_size=1000)
    complained = [a for a in applications if rng.random() < 0.12]
    complaints = Complaint.objects.bulk_create(
        [Complaint(application=a, citizen=a.citizen, agency=a.agency, number=_unique_code(taken),
                   text="رسیدگی به درخواستم بیش از وعده طول کشید.") for a in complained],
        batch_size=1000,
    )  # fmt: skip
    for complaint, application in zip(complaints, complained, strict=True):
        complaint.created_at = application.submitted_at + datetime.timedelta(days=rng.uniform(1, 10))
        complaint.due_at = working_deadline(
            complaint.created_at, datetime.timedelta(days=COMPLAINT_ANSWER_DAYS), COMPUTED_CALENDAR
        )
        if rng.random() < quality:
            allowed = complaint.due_at - complaint.created_at
            complaint.answered_at = complaint.created_at + allowed * rng.uniform(0.05, 0.9)
            complaint.answer = "پرونده بررسی شد و نتیجه به شما اعلام شد."
        elif rng.random() < 0.5:
            complaint.answered_at = complaint.due_at + datetime.timedelta(days=rng.uniform(1, 30))
            complaint.answer = "پوزش؛ پرونده با تأخیر بررسی شد."
    Complaint.objects.bulk_update(complaints, ["created_at", "due_at", "answered_at", "answer"], batch_size=1000)


def _exchange_history(windows: Sequence[Window]) -> int:
    """Calls to each sample data service from other agencies, with the provider's outages and answer
    times following its character; appended to the audit log's chain in time order."""
    consumers = list(Agency.objects.filter(is_sample=True).values_list("code", flat=True).order_by("code")[:40])
    entries: list[dict[str, Any]] = []
    for n, (start, end) in enumerate(windows):
        for service in DATA_SERVICES:
            quality, change, rng = _character(service.agency)
            level = min(0.99, max(0.3, quality + change * (n - len(windows) + 1)))
            for _ in range(rng.randrange(60, 160)):
                ok = rng.random() < 0.7 + 0.3 * level
                entries.append({
                    "at": start + (end - start) * rng.random(), "consumer": HISTORY_CONSUMER,
                    "consumer_agency": rng.choice(consumers), "provider": service.agency,
                    "data_service": service.code, "purpose": service.purposes[0], "subject": "", "application": "",
                    "outcome": "ok" if ok else "provider_timeout", "status": 200 if ok else 504,
                    "latency_ms": rng.uniform(80, 400 + 4000 * (1 - level)) if ok else 10_000.0,
                    "request_hash": "0" * 64, "response_hash": "0" * 64, "jti": "",
                })  # fmt: skip
    entries.sort(key=lambda entry: entry["at"])
    for first in range(0, len(entries), 1000):
        append_batch(entries[first : first + 1000])
    return len(entries)
