"""The indicators: each a documented formula over what the platform recorded, its pillar and the UN
Online Service Index sub-index it feeds. `measurements` reads every other app once per round (their
selectors aggregate in SQL); each indicator is then a small pure function of one agency's counts.

A value is a share between 0 and 1; `basis` is how many observations it rests on, and an indicator
whose basis is below its `least` has too little data to count («داده کافی نیست»), never a silent zero.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from panjereh.accounts.selectors import agencies_with_sign_on
from panjereh.agencies.models import Agency
from panjereh.agencies.selectors import onboarding_deadlines
from panjereh.applications.constants import COMPLAINT_ANSWER_DAYS
from panjereh.applications.selectors import application_measures, definition_measures, feedback_measures
from panjereh.catalog.selectors import listed_services, profile_measures
from panjereh.core.aggregates import summed
from panjereh.evaluation.constants import Pillar
from panjereh.evaluation.rounds import Quarter
from panjereh.exchange.selectors import provider_measures
from panjereh.persian import to_persian_digits

FAST_MS, SLOW_MS = 1000, 5000  # an agency system's p95: full marks at or under 1 s, none at 5 s or more
WIDELY_USED = 3  # other agencies answered for full marks on data services provided


@dataclass(frozen=True)
class Measure:
    value: float | None
    basis: int
    inputs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Counts:
    """What the profile, definition, application and feedback indicators read: for every agency, or
    for every service. Each is keyed by an agency's id or a service's id."""

    profiles: dict[int, dict[str, int]]
    definitions: dict[int, dict[str, int]]
    applications: dict[int, dict[str, int]]
    feedback: dict[int, dict[str, int]]


@dataclass
class Measurements:
    """Everything the round's indicators read, gathered once."""

    quarter: Quarter
    agencies: Counts
    services: Counts
    service_agency: dict[int, int]  # a service's id → its agency's id (of its profile)
    listed: dict[int, int]
    providers: dict[str, dict[str, float]]
    sign_on: set[int]
    deadlines: tuple[datetime.date, datetime.date, float] | None


def measurements(quarter: Quarter) -> Measurements:
    rule = onboarding_deadlines()
    profiles, definitions = profile_measures(), definition_measures()
    applications = application_measures(quarter.start, quarter.end)
    feedback = feedback_measures(quarter.start, quarter.end)
    by_key = (profiles, definitions, applications, feedback)

    def at(position: int) -> Counts:
        return Counts(*(summed(counts, lambda key: key[position]) for counts in by_key))

    return Measurements(
        quarter=quarter,
        agencies=at(0),
        services=at(1),
        # every service measured; its profile's agency where a definition's agency differs
        service_agency={service: agency for counts in (*by_key[1:], profiles) for agency, service in counts},
        listed=listed_services(),
        providers=provider_measures(quarter.start, quarter.end),
        sign_on=agencies_with_sign_on(),
        deadlines=(rule.launch_by, rule.connect_by, float(rule.min_listed_share)) if rule else None,
    )


@dataclass(frozen=True)
class Indicator:
    """`of_counts` measures from counts (an agency's or one service's: the indicator has both);
    `of_agency` measures what only an agency has (its window, systems, sign-on)."""

    code: str
    name: str
    pillar: Pillar
    osi: str  # the UN OSI sub-index (constants.OSI_SUBINDEX)
    formula: str  # in Persian, for the methodology page and the report card
    least: int  # the basis below which there is too little data
    of_counts: Callable[[Counts, int], Measure] | None = None
    of_agency: Callable[[Measurements, Agency], Measure] | None = None

    @property
    def per_service(self) -> bool:
        return self.of_counts is not None

    def measure(self, m: Measurements, agency: Agency) -> Measure:
        if self.of_counts is not None:
            return self.of_counts(m.agencies, agency.pk)
        assert self.of_agency is not None
        return self.of_agency(m, agency)

    def measure_service(self, m: Measurements, service_id: int) -> Measure:
        assert self.of_counts is not None
        return self.of_counts(m.services, service_id)


def _share(numerator: int, denominator: int, **inputs: Any) -> Measure:
    return Measure(numerator / denominator if denominator else None, denominator, inputs)


def online_services(c: Counts, key: int) -> Measure:
    p = c.profiles.get(key, {})
    full, semi, services = p.get("full", 0), p.get("semi", 0), p.get("services", 0)
    return _share(full, services, full=full, semi=semi, not_yet=services - full - semi, services=services)


def smart_services(c: Counts, key: int) -> Measure:
    smart, services = c.definitions.get(key, {}).get("automatic", 0), c.profiles.get(key, {}).get("services", 0)
    return _share(min(smart, services), services, smart=smart, services=services)


def document_free(c: Counts, key: int) -> Measure:
    p, d = c.profiles.get(key, {}), c.definitions.get(key, {})
    free = p.get("no_documents", 0) + d.get("defined_listing_documents", 0)
    services = p.get("services", 0)
    return _share(min(free, services), services, document_free=free, services=services)


def decided_in_time(c: Counts, key: int) -> Measure:
    a = c.applications.get(key, {})
    return _share(a.get("decided_in_time", 0), a.get("decided", 0),
                  decided_in_time=a.get("decided_in_time", 0), decided=a.get("decided", 0))  # fmt: skip


def inbox_in_time(c: Counts, key: int) -> Measure:
    a = c.applications.get(key, {})
    return _share(a.get("by_person_in_time", 0), a.get("by_person", 0),
                  by_person_in_time=a.get("by_person_in_time", 0), by_person=a.get("by_person", 0))  # fmt: skip


def completion(c: Counts, key: int) -> Measure:
    a = c.applications.get(key, {})
    return _share(
        a.get("finished", 0), a.get("submitted", 0), finished=a.get("finished", 0), submitted=a.get("submitted", 0)
    )


def profile_completeness(c: Counts, key: int) -> Measure:
    p = c.profiles.get(key, {})
    facts = ("with_time", "with_requirements", "with_legal_basis", "with_channels")
    published, services = sum(p.get(f, 0) for f in facts), p.get("services", 0)
    measure = _share(published, len(facts) * services, services=services, **{f: p.get(f, 0) for f in facts})
    return Measure(measure.value, services, measure.inputs)


def reasoned_decisions(c: Counts, key: int) -> Measure:
    a = c.applications.get(key, {})
    return _share(
        a.get("with_reason", 0), a.get("decided", 0), with_reason=a.get("with_reason", 0), decided=a.get("decided", 0)
    )


def window_connected(m: Measurements, agency: Agency) -> Measure:
    """1 if connected to the national window by the legal deadline (and by the round's end); ½ if only
    launched by its deadline with the required share of services listed; else 0."""
    if m.deadlines is None:
        return Measure(None, 0)
    launch_by, connect_by, share = m.deadlines
    end = (m.quarter.end - datetime.timedelta(days=1)).date()
    listed, declared = m.listed.get(agency.pk, 0), agency.declared_services or 0
    enough_listed = declared > 0 and listed >= share * declared
    connected = agency.connected_on is not None and agency.connected_on <= min(connect_by, end)
    launched = agency.launched_on is not None and agency.launched_on <= min(launch_by, end) and enough_listed
    value = 1.0 if connected else 0.5 if launched else 0.0
    inputs = {
        "connected_on": str(agency.connected_on or ""), "launched_on": str(agency.launched_on or ""),
        "connect_by": str(connect_by), "launch_by": str(launch_by), "listed": listed, "declared": declared,
    }  # fmt: skip
    return Measure(value, 1, inputs)


def availability(m: Measurements, agency: Agency) -> Measure:
    p = m.providers.get(agency.code, {})
    answered, forwarded = int(p.get("answered", 0)), int(p.get("forwarded", 0))
    return _share(answered, forwarded, answered=answered, forwarded=forwarded)


def latency(m: Measurements, agency: Agency) -> Measure:
    p = m.providers.get(agency.code, {})
    if "p95_ms" not in p:
        return Measure(None, 0)
    p95 = float(p["p95_ms"])
    value = min(1.0, max(0.0, (SLOW_MS - p95) / (SLOW_MS - FAST_MS)))
    return Measure(value, int(p["answered"]), {"p95_ms": round(p95, 1), "answered": int(p["answered"])})


def data_services_provided(m: Measurements, agency: Agency) -> Measure:
    consumers = int(m.providers.get(agency.code, {}).get("consumers", 0))
    return Measure(min(1.0, consumers / WIDELY_USED), 1, {"consumers": consumers})


def single_sign_on(m: Measurements, agency: Agency) -> Measure:
    adopted = agency.pk in m.sign_on
    return Measure(1.0 if adopted else 0.0, 1, {"adopted": adopted})


def satisfaction(c: Counts, key: int) -> Measure:
    f = c.feedback.get(key, {})
    ratings, stars = f.get("ratings", 0), f.get("stars", 0)
    value = (stars - ratings) / (4 * ratings) if ratings else None  # 1 star → 0, 5 stars → 1
    return Measure(value, ratings, {"ratings": ratings, "stars": stars})


def complaints_answered(c: Counts, key: int) -> Measure:
    f = c.feedback.get(key, {})
    return _share(f.get("answered_in_time", 0), f.get("complaints", 0),
                  answered_in_time=f.get("answered_in_time", 0), complaints=f.get("complaints", 0))  # fmt: skip


USER, OPEN, JOINED, PART = Pillar.USER_CENTRIC, Pillar.TRANSPARENT, Pillar.INTEGRATED, Pillar.PARTICIPATORY
INDICATORS: tuple[Indicator, ...] = (
    Indicator("online_services", "خدمات تمام الکترونیکی", USER, "SP",
              "خدمات تمام الکترونیکی ÷ خدمات دستگاه (جز خدمات ذاتاً غیرالکترونیکی)", 1, online_services),
    Indicator("smart_services", "خدمات هوشمند (سنجیده)", USER, "SP",
              "خدماتی که تعریف فعال با تصمیم خودکار در پنجره ملی دارند ÷ خدمات دستگاه", 1, smart_services),
    Indicator("decided_in_time", "تصمیم در زمان وعده‌داده‌شده", USER, "SP",
              "درخواست‌های دوره که در زمان وعده‌داده‌شده خدمت تصمیم گرفتند ÷ درخواست‌های تصمیم‌گرفته دوره", 5,
              decided_in_time),
    Indicator("inbox_in_time", "رسیدگی کارشناسان در مهلت", USER, "SP",
              "درخواست‌هایی که کارشناس پیش از مهلت رسیدگی تصمیم گرفت ÷ درخواست‌هایی که کارشناس تصمیم گرفت", 5,
              inbox_in_time),
    Indicator("completion", "به نتیجه رسیدن درخواست‌ها", USER, "SP",
              "درخواست‌های دوره که به نتیجه (صدور یا رد) رسیدند ÷ درخواست‌های ثبت‌شده دوره", 5, completion),
    Indicator("profile_completeness", "کامل بودن شناسنامه خدمات", OPEN, "CP",
              "زمان انجام، مدارک و شرایط، مبنای قانونی و کانال‌های منتشرشده ÷ (۴ × خدمات دستگاه)", 1,
              profile_completeness),
    Indicator("reasoned_decisions", "تصمیم‌های مستدل", OPEN, "IF",
              "تصمیم‌های دوره که دلیلشان به متقاضی گفته شد ÷ تصمیم‌های دوره", 5, reasoned_decisions),
    Indicator("window_connected", "اتصال پنجره واحد در مهلت قانونی", JOINED, "IF",
              "۱ اگر تا مهلت اتصال به پنجره ملی متصل شد؛ ½ اگر فقط تا مهلت راه‌اندازی، با سهم لازم خدمات فهرست‌شده، "
              "راه‌اندازی شد؛ وگرنه ۰", 1, of_agency=window_connected),
    Indicator("document_free", "بی‌نیازی از مدرک", JOINED, "SP",
              "خدماتی که مدرکی نمی‌خواهند یا در پنجره ملی با استعلام انجام می‌شوند ÷ خدمات دستگاه", 1, document_free),
    Indicator("availability", "دسترس‌پذیری سامانه‌های دستگاه در تبادل", JOINED, "TEC",
              "استعلام‌هایی که سامانه دستگاه درست پاسخ داد ÷ استعلام‌هایی که به آن رسید (دفتر ممیزی)", 20,
              of_agency=availability),
    Indicator("latency", "سرعت پاسخ سامانه‌های دستگاه", JOINED, "TEC",
              "صدک ۹۵ زمان پاسخ: تا ۱ ثانیه ۱، از ۵ ثانیه ۰، و میان آن دو خطی", 20, of_agency=latency),
    Indicator("data_services_provided", "خدمات داده به دستگاه‌های دیگر", JOINED, "TEC",
              "شمار دستگاه‌های دیگری که از دستگاه پاسخ گرفتند ÷ ۳ (بیشینه ۱)", 1, of_agency=data_services_provided),
    Indicator("single_sign_on", "ورود یکپارچه", JOINED, "TEC",
              "۱ اگر پنجره دستگاه مردم را با ورود پنجره ملی می‌پذیرد؛ وگرنه ۰", 1, of_agency=single_sign_on),
    Indicator("satisfaction", "رضایت مردم", PART, "EPI",
              "(میانگین امتیاز مردم − ۱) ÷ ۴، از امتیازهای دوره", 5, satisfaction),
    Indicator("complaints_answered", "پاسخ به شکایت‌ها در مهلت", PART, "EPI",
              f"شکایت‌های دوره که در {to_persian_digits(COMPLAINT_ANSWER_DAYS)} روز کاری پاسخ گرفتند ÷ شکایت‌های دوره", 3,
              complaints_answered),
)  # fmt: skip
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
