"""A quarter of platform history (1403-Q2: 21 June to 21 September 2024) for four agencies:
«good» serves well, «poor» badly, «thin» listed services but has too little activity to score, and
«absent» took no part. Rows are written directly: the evaluation only reads what the other apps keep."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

import pytest
from oauth2_provider.models import Application as OAuthClient

from panjereh.accounts.models import AgencyWindowClient
from panjereh.accounts.services import citizen_get_or_create
from panjereh.agencies.models import Agency, OnboardingDeadlines
from panjereh.agencies.services import agency_upsert
from panjereh.applications.constants import COMPLAINT_ANSWER_DAYS, DecisionMode, Status
from panjereh.applications.models import Application, Complaint, Rating, ServiceDefinition
from panjereh.applications.tracking import new_tracking_code
from panjereh.catalog.models import Service
from panjereh.exchange.models import AuditRecord
from panjereh.persian import make_national_code

UTC = datetime.UTC
IN_Q2 = datetime.datetime(2024, 7, 10, 9, 0, tzinfo=UTC)  # Tir 1403
IN_Q1 = datetime.datetime(2024, 4, 20, 9, 0, tzinfo=UTC)  # Ordibehesht 1403
AFTER = datetime.datetime(2024, 12, 1, tzinfo=UTC)  # when the rounds are computed
_seq = itertools.count(1)
_people = itertools.count(1)


@dataclass
class History:
    good: Agency
    poor: Agency
    thin: Agency
    absent: Agency


def services(agency: Agency, count: int, *, full: int, described: bool, paper: bool = True) -> list[Service]:
    made = []
    for n in range(count):
        made.append(
            Service.objects.create(
                code=f"{agency.code}-s{n}", agency=agency, title=f"خدمت {n} {agency.name}",
                maturity="full" if n < full else "semi",
                requirements=(["شناسنامه"] if paper and n else []) if described else [],
                sla_days=3 if described else 0, legal_basis="قانون" if described else "",
                channels=["web"] if described else [],
            )
        )  # fmt: skip
    return made


def definition(service: Service, mode: str, sla_hours: int = 24) -> ServiceDefinition:
    return ServiceDefinition.objects.create(
        code=service.code, service=service, agency=service.agency, title=service.title, decision_mode=mode,
        sla_hours=sla_hours, document={"kind": "x", "title": "x", "claims": []} if mode == "automatic" else None,
    )  # fmt: skip


def applications(
    definition: ServiceDefinition,
    count: int,
    *,
    at: datetime.datetime,
    hours: float | None,
    reason: str = "دلیل",
    by_person: bool = False,
    late_by_person: bool = False,
) -> list[Application]:
    """`count` applications submitted at `at`; decided `hours` later (None: still waiting)."""
    made = []
    for _ in range(count):
        person = citizen_get_or_create(national_code=make_national_code(f"{next(_people):09d}"))
        decided = at + datetime.timedelta(hours=hours) if hours is not None else None
        made.append(
            Application.objects.create(
                tracking_code=new_tracking_code(), citizen=person, definition=definition, agency=definition.agency,
                decision_mode=definition.decision_mode, submitted_at=at, decided_at=decided,
                promised_by=at + definition.promised_time,
                status=Status.ISSUED if decided else Status.WAITING_FOR_AGENCY,
                decision_reason=reason if decided else "", decided_automatically=bool(decided) and not by_person,
                due_at=(decided + datetime.timedelta(hours=1 if not late_by_person else -48)) if by_person and decided
                else None,
            )
        )  # fmt: skip
    return made


def rate(apps: list[Application], stars: int, at: datetime.datetime) -> None:
    for application in apps:
        Rating.objects.create(application=application, stars=stars, created_at=at)


def complain(apps: list[Application], at: datetime.datetime, answered_after_days: float | None) -> None:
    for application in apps:
        complaint = Complaint.objects.create(
            application=application, citizen=application.citizen, agency=application.agency, text="شکایت از کندی کار"
        )
        answered = at + datetime.timedelta(days=answered_after_days) if answered_after_days is not None else None
        due = at + datetime.timedelta(days=COMPLAINT_ANSWER_DAYS)
        Complaint.objects.filter(pk=complaint.pk).update(created_at=at, due_at=due, answered_at=answered)


def calls(provider: str, consumer: str, count: int, *, ok: bool, latency_ms: float, at: datetime.datetime) -> None:
    AuditRecord.objects.bulk_create(
        AuditRecord(
            seq=next(_seq), at=at, consumer=f"{consumer}-system", consumer_agency=consumer, provider=provider,
            data_service="data", purpose="p", outcome="ok" if ok else "provider_error", status=200 if ok else 502,
            latency_ms=latency_ms, request_hash="0" * 64, response_hash="0" * 64, prev_hash="0" * 64, hash="0" * 64,
        )
        for _ in range(count)
    )  # fmt: skip


def sign_on(agency: Agency) -> None:
    client = OAuthClient.objects.create(
        name=f"{agency.code}-window", client_type="confidential", authorization_grant_type="authorization-code",
        redirect_uris="https://window.example/cb",
    )  # fmt: skip
    AgencyWindowClient.objects.create(application=client, agency=agency)


@pytest.fixture
def history(db: None) -> History:
    OnboardingDeadlines.objects.create(launch_by=datetime.date(2024, 9, 21), connect_by=datetime.date(2025, 1, 19))
    good = agency_upsert(code="good", name="سازمان خوب", window_status="connected", declared_services=4,
                         launched_on="2024-05-01", connected_on="2024-07-01")  # fmt: skip
    poor = agency_upsert(code="poor", name="وزارت کند", window_status="launched", declared_services=10,
                         launched_on="2024-09-30")  # fmt: skip
    thin = agency_upsert(code="thin", name="بنیاد کم‌داده", window_status="not_started", declared_services=2)
    absent = agency_upsert(code="absent", name="شرکت غایب", window_status="not_started")

    good_services = services(good, 4, full=3, described=True)
    smart = [definition(s, DecisionMode.AUTOMATIC) for s in good_services[:2]]
    decided = applications(smart[0], 10, at=IN_Q2, hours=0.01)
    rate(decided[:6], 5, IN_Q2)
    complain(decided[6:9], IN_Q2, answered_after_days=2)
    calls("good", "poor", 30, ok=True, latency_ms=200, at=IN_Q2)
    calls("good", "thin", 5, ok=True, latency_ms=300, at=IN_Q2)
    sign_on(good)

    poor_services = services(poor, 4, full=0, described=False)
    slow = definition(poor_services[0], DecisionMode.HUMAN, sla_hours=24)
    on_time = applications(slow, 5, at=IN_Q2, hours=10, reason="", by_person=True)
    late = applications(slow, 5, at=IN_Q2, hours=100, reason="", by_person=True, late_by_person=True)
    applications(slow, 5, at=IN_Q2, hours=None)
    rate(on_time + late, 2, IN_Q2)
    complain(late[:4], IN_Q2, answered_after_days=None)
    calls("poor", "good", 10, ok=True, latency_ms=2995, at=IN_Q2)  # p95 read from 10 ms buckets: 3000
    calls("poor", "good", 15, ok=False, latency_ms=30000, at=IN_Q2)

    services(thin, 2, full=1, described=True)
    return History(good=good, poor=poor, thin=thin, absent=absent)
