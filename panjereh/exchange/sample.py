"""The sandbox agencies on the exchange, as `panjereh demo` registers them (sample data).

Each sandbox agency gets a system pointing at the sandbox process, its data services with their
JSON Schemas and allowed purposes; the platform's own system gets the grants its services need.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from panjereh.agencies.models import Agency, OnboardingDeadlines
from panjereh.exchange import client, services
from panjereh.exchange.constants import GrantStatus
from panjereh.exchange.models import AgencySystem, Grant

NATIONAL_CODE = {"type": "string", "pattern": "^[0-9]{10}$"}


def _request(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


def _response(*required: str) -> dict[str, Any]:
    return {"type": "object", "required": list(required)}


PURPOSES = {
    "login-identity": "ورود به پنجره ملی و احراز هویت",
    "mobile-ownership-check": "احراز مالکیت شماره همراه",
    "criminal-record-certificate": "صدور گواهی عدم سوء پیشینه",
    "passport-renewal": "تمدید گذرنامه",
    "driving-licence-renewal": "تمدید گواهینامه رانندگی",
    "study-exemption": "معافیت تحصیلی",
    "insurance-history-certificate": "صدور گواهی سوابق بیمه",
    "property-ownership-certificate": "صدور گواهی مالکیت ملک",
    "utility-connection": "درخواست انشعاب آب و برق",
    "building-permit": "صدور پروانه ساختمانی",
    "bill-payment": "پرداخت قبوض",
}


@dataclass(frozen=True)
class SandboxService:
    agency: str
    code: str
    title: str
    endpoint: str
    purposes: tuple[str, ...]
    request: dict[str, Any]
    response: dict[str, Any]
    requires_consent: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


PERSON = _request(national_code=NATIONAL_CODE)
SERVICES = [
    SandboxService("sabtahval", "person", "اطلاعات هویتی شخص", "/civil-registry/person",
                   tuple(PURPOSES), PERSON, _response("first_name", "last_name", "birth_date", "gender", "alive")),
    SandboxService("cra", "mobile-ownership", "احراز مالکیت شماره همراه (شاهکار)", "/telecom-registry/mobile-ownership",
                   ("mobile-ownership-check", "login-identity"),
                   _request(national_code=NATIONAL_CODE, mobile={"type": "string", "pattern": "^09[0-9]{9}$"}),
                   _response("owned")),
    SandboxService("judiciary", "criminal-record", "استعلام سوء پیشینه", "/judiciary/criminal-record",
                   ("criminal-record-certificate",), PERSON, _response("has_record", "records")),
    SandboxService("sabt", "properties", "املاک به نام شخص", "/property-registry/properties",
                   ("property-ownership-certificate", "building-permit", "utility-connection"), PERSON,
                   _response("properties")),
    SandboxService("faraja", "passport", "وضعیت گذرنامه", "/police/passport", ("passport-renewal",), PERSON,
                   _response("status")),
    SandboxService("faraja", "driving-licence", "وضعیت گواهینامه رانندگی", "/police/driving-licence",
                   ("driving-licence-renewal",), PERSON, _response("status")),
    SandboxService("conscription", "status", "وضعیت نظام وظیفه", "/conscription/status",
                   ("study-exemption", "passport-renewal"), PERSON, _response("status", "applicable")),
    SandboxService("tamin", "insurance-history", "سوابق بیمه", "/social-security/insurance-history",
                   ("insurance-history-certificate",), PERSON, _response("insured", "total_months", "periods")),
    SandboxService("tavanir", "bills", "قبوض انرژی", "/energy/bills", ("utility-connection", "bill-payment"), PERSON,
                   _response("bills")),
]  # fmt: skip


@transaction.atomic
def sample_exchange_setup(*, sandbox_url: str) -> None:
    """Idempotent: systems point at `sandbox_url`; services, purposes and grants are brought up to date."""
    # The legal deadlines (sample dates: end of 1403/06 to launch, end of 1403 to connect).
    OnboardingDeadlines.objects.get_or_create(
        pk=1, defaults={"launch_by": datetime.date(2024, 9, 21), "connect_by": datetime.date(2025, 3, 20)}
    )
    purposes = {code: services.purpose_upsert(code=code, name=name) for code, name in PURPOSES.items()}
    platform = _platform_system()
    systems: dict[str, AgencySystem] = {}
    for item in SERVICES:
        if item.agency not in systems:
            agency = Agency.objects.get(code=item.agency)
            systems[item.agency] = services.system_register(
                agency=agency, code=f"{item.agency}-sandbox", name=f"سامانه آزمایشی {agency.name}", base_url=sandbox_url
            )
        data_service = services.data_service_publish(
            system=systems[item.agency], code=item.code, title=item.title, endpoint=item.endpoint,
            purposes=[purposes[p] for p in item.purposes], request_schema=item.request, response_schema=item.response,
            requires_consent=item.requires_consent, **item.extra,
        )  # fmt: skip
        if not Grant.objects.filter(consumer=platform, data_service=data_service, status=GrantStatus.APPROVED).exists():
            grant = services.grant_request(
                consumer=platform, data_service=data_service, purposes=[purposes[p] for p in item.purposes],
                reason="خدمات هوشمند پنجره ملی (داده نمونه)",
            )  # fmt: skip
            services.grant_decide(grant=grant, approve=True, by="sample data")


def _platform_system() -> AgencySystem:
    """The national window's own system: it inquires through the gateway like any agency."""
    operator = Agency.objects.get(code=client.PLATFORM_AGENCY)
    system = services.system_register(agency=operator, code=client.PLATFORM_SYSTEM, name="پنجره ملی خدمات دولت")
    key_id, public_pem = client.platform_public_key()
    if not system.credentials.filter(key_id=key_id, revoked_at__isnull=True).exists():
        services.credential_add_public_key(system=system, key_id=key_id, public_key_pem=public_pem)
    return system
