"""The flagship services as definitions (sample data), each working end to end with the sandbox
agencies: seven smart or forwarded ones and a building permit decided by a person at the municipality.

Loaded by `panjereh demo` after the exchange's sample set-up; idempotent by (code, version).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from panjereh.agencies.models import Agency
from panjereh.applications.constants import DecisionMode
from panjereh.applications.definitions import definition_errors
from panjereh.applications.definitions_services import smart_flags_sync
from panjereh.applications.models import ServiceDefinition
from panjereh.catalog.models import Service
from panjereh.exchange.models import AgencySystem


def _q(name: str, provider: str, service: str, purpose: str) -> dict[str, str]:
    return {"name": name, "provider": provider, "service": service, "purpose": purpose}


def var(path: str) -> dict[str, str]:
    return {"var": path}


NOT_ALIVE = {"when": {"==": [var("inquiries.identity.alive"), False]},
             "reason": "بر پایه پاسخ ثبت احوال، صاحب این کد ملی در قید حیات نیست."}  # fmt: skip
HOLDER = {"holder": var("person.full_name"), "national_code": var("person.national_code")}

DEGREES = [{"value": v, "label": label} for v, label in
           (("bachelor", "کارشناسی"), ("master", "کارشناسی ارشد"), ("phd", "دکتری"))]  # fmt: skip
USAGES = [{"value": v, "label": label} for v, label in
          (("residential", "مسکونی"), ("commercial", "تجاری"), ("industrial", "صنعتی"),
           ("agricultural", "کشاورزی"))]  # fmt: skip

DEFINITIONS: list[dict[str, Any]] = [
    {
        "code": "criminal-record-certificate", "service": "judiciary-criminal-record-certificate",
        "agency": "judiciary", "title": "گواهی عدم سوء پیشینه", "decision_mode": DecisionMode.AUTOMATIC,
        "form": [],
        "inquiries": [_q("identity", "sabtahval", "person", "criminal-record-certificate"),
                      _q("record", "judiciary", "criminal-record", "criminal-record-certificate")],
        "rules": [NOT_ALIVE,
                  {"when": var("inquiries.record.has_record"),
                   "reason": "قوه قضاییه برای شما سابقه محکومیت کیفری مؤثر ثبت کرده است؛ "
                             "گواهی عدم سوء پیشینه صادر نمی‌شود."}],
        "approve_reason": "قوه قضاییه سابقه کیفری برای شما ثبت نکرده است؛ گواهی صادر شد.",
        "document": {"title": "گواهی عدم سوء پیشینه", "valid_days": 90,
                     "claims": {**HOLDER, "no_criminal_record": True}},
        "sla_hours": 1,
    },
    {
        "code": "passport-renewal", "service": "faraja-passport-renewal", "agency": "faraja",
        "title": "تمدید گذرنامه", "decision_mode": DecisionMode.AUTOMATIC,
        "form": [{"name": "delivery_postal_code", "type": "postal_code", "label": "کد پستی نشانی تحویل",
                  "help": "گذرنامه تازه با پست به این نشانی فرستاده می‌شود."}],
        "inquiries": [_q("identity", "sabtahval", "person", "passport-renewal"),
                      _q("passport", "faraja", "passport", "passport-renewal"),
                      _q("conscription", "conscription", "status", "passport-renewal")],
        "rules": [NOT_ALIVE,
                  {"when": {"==": [var("inquiries.passport.status"), "none"]},
                   "reason": "گذرنامه‌ای به نام شما ثبت نشده است؛ به جای تمدید، درخواست صدور گذرنامه بدهید."},
                  {"when": {"in": [var("inquiries.conscription.status"), ["eligible", "absent"]]},
                   "reason": "مشمولان خدمت وظیفه بدون کارت پایان خدمت، معافیت یا معافیت تحصیلی گذرنامه نمی‌گیرند."}],
        "approve_reason": "تمدید گذرنامه پذیرفته شد؛ گذرنامه تازه به نشانی شما فرستاده می‌شود.",
        "document": {"title": "رسید تمدید گذرنامه", "valid_days": 30,
                     "claims": {**HOLDER, "passport_number": var("inquiries.passport.passport_number"),
                                "renewal_approved": True, "delivery_postal_code": var("form.delivery_postal_code")}},
        "sla_hours": 1,
    },
    {
        "code": "driving-licence-renewal", "service": "faraja-driving-licence-renewal", "agency": "faraja",
        "title": "تمدید گواهینامه رانندگی", "decision_mode": DecisionMode.AUTOMATIC,
        "form": [{"name": "delivery_postal_code", "type": "postal_code", "label": "کد پستی نشانی تحویل"}],
        "inquiries": [_q("identity", "sabtahval", "person", "driving-licence-renewal"),
                      _q("licence", "faraja", "driving-licence", "driving-licence-renewal")],
        "rules": [NOT_ALIVE,
                  {"when": {"==": [var("inquiries.licence.status"), "none"]},
                   "reason": "گواهینامه رانندگی به نام شما ثبت نشده است."},
                  {"when": {"==": [var("inquiries.licence.status"), "suspended"]},
                   "reason": "گواهینامه شما به حکم مرجع قضایی یا انتظامی توقیف است و تمدید نمی‌شود."}],
        "approve_reason": "تمدید گواهینامه پذیرفته شد.",
        "document": {"title": "رسید تمدید گواهینامه رانندگی", "valid_days": 30,
                     "claims": {**HOLDER, "licence_class": var("inquiries.licence.licence_class"),
                                "renewal_approved": True}},
        "sla_hours": 1,
        "fee_rials": 1_500_000,  # paid before it is processed, as its profile says
    },
    {
        "code": "study-exemption", "service": "conscription-study-exemption", "agency": "conscription",
        "title": "معافیت تحصیلی", "decision_mode": DecisionMode.AUTOMATIC,
        "form": [{"name": "university", "type": "text", "label": "نام دانشگاه", "max_length": 150},
                 {"name": "degree", "type": "choice", "label": "مقطع تحصیلی", "choices": DEGREES},
                 {"name": "student_number", "type": "text", "label": "شماره دانشجویی", "max_length": 20}],
        "inquiries": [_q("identity", "sabtahval", "person", "study-exemption"),
                      _q("conscription", "conscription", "status", "study-exemption")],
        "rules": [NOT_ALIVE,
                  {"when": {"==": [var("inquiries.conscription.applicable"), False]},
                   "reason": "معافیت تحصیلی ویژه مشمولان خدمت وظیفه عمومی است و شما مشمول نیستید."},
                  {"when": {"in": [var("inquiries.conscription.status"), ["served", "exempt"]]},
                   "reason": "شما کارت پایان خدمت یا معافیت دائم دارید و به معافیت تحصیلی نیازی ندارید."},
                  {"when": {"==": [var("inquiries.conscription.status"), "absent"]},
                   "reason": "مشمول غایب معافیت تحصیلی نمی‌گیرد؛ نخست وضعیت غیبت را در دفاتر پلیس +۱۰ روشن کنید."}],
        "approve_reason": "معافیت تحصیلی شما ثبت شد.",
        "document": {"title": "گواهی معافیت تحصیلی", "valid_days": 365,
                     "claims": {**HOLDER, "university": var("form.university"), "degree": var("form.degree"),
                                "study_exemption": True}},
        "sla_hours": 1,
    },
    {
        "code": "insurance-history-certificate", "service": "tamin-insurance-history", "agency": "tamin",
        "title": "گواهی سوابق بیمه", "decision_mode": DecisionMode.AUTOMATIC, "form": [],
        "inquiries": [_q("insurance", "tamin", "insurance-history", "insurance-history-certificate")],
        "rules": [{"when": {"==": [var("inquiries.insurance.total_months"), 0]},
                   "reason": "سازمان تأمین اجتماعی سابقه بیمه‌ای به نام شما ثبت نکرده است."}],
        "approve_reason": "گواهی سوابق بیمه صادر شد.",
        "document": {"title": "گواهی سوابق بیمه تأمین اجتماعی", "valid_days": 90,
                     "claims": {**HOLDER, "total_months": var("inquiries.insurance.total_months"),
                                "insured_now": var("inquiries.insurance.insured")}},
        "sla_hours": 1,
    },
    {
        "code": "property-ownership-certificate", "service": "sabt-property-ownership-certificate", "agency": "sabt",
        "title": "گواهی مالکیت ملک", "decision_mode": DecisionMode.AUTOMATIC, "form": [],
        "inquiries": [_q("properties", "sabt", "properties", "property-ownership-certificate")],
        "rules": [{"when": {"!": var("inquiries.properties.properties")},
                   "reason": "ملکی به نام شما در سازمان ثبت اسناد و املاک ثبت نشده است."}],
        "approve_reason": "گواهی مالکیت املاک شما صادر شد.",
        "document": {"title": "گواهی مالکیت ملک", "valid_days": 30,
                     "claims": {**HOLDER, "registration_numbers": {"map": [var("inquiries.properties.properties"),
                                                                           var("registration_number")]}}},
        "sla_hours": 1,
    },
    {
        "code": "electricity-connection", "service": "tavanir-electricity-connection", "agency": "tavanir",
        "title": "درخواست انشعاب برق", "decision_mode": DecisionMode.FORWARDED,
        "form": [{"name": "postal_code", "type": "postal_code", "label": "کد پستی محل انشعاب"},
                 {"name": "usage", "type": "choice", "label": "نوع مصرف", "choices": USAGES},
                 {"name": "power_kw", "type": "number", "label": "قدرت درخواستی (کیلووات)", "min": 1, "max": 500}],
        "inquiries": [_q("properties", "sabt", "properties", "utility-connection")],
        "rules": [], "approve_reason": "", "forward_system": "tavanir-sandbox",
        "forward_path": "/energy/connection-requests",
        "document": {"title": "مجوز انشعاب برق", "valid_days": 180,
                     "claims": {**HOLDER, "postal_code": var("form.postal_code"), "power_kw": var("form.power_kw")}},
        "sla_hours": 7 * 24,
    },
    {
        "code": "building-permit", "service": "tehran-municipality-building-permit", "agency": "tehran-municipality",
        "title": "پروانه ساختمانی", "decision_mode": DecisionMode.HUMAN,
        "form": [{"name": "postal_code", "type": "postal_code", "label": "کد پستی ملک"},
                 {"name": "registration_number", "type": "text", "label": "پلاک ثبتی", "max_length": 30,
                  "help": "مانند ۱۲۳۴/۵۶"},
                 {"name": "floors", "type": "number", "label": "شمار طبقات", "min": 1, "max": 40},
                 {"name": "area_m2", "type": "number", "label": "زیربنای کل (متر مربع)", "min": 20, "max": 100000}],
        "inquiries": [_q("properties", "sabt", "properties", "building-permit")],
        "rules": [], "approve_reason": "",
        "document": {"title": "پروانه ساختمانی", "valid_days": 365 * 2,
                     "claims": {**HOLDER, "postal_code": var("form.postal_code"),
                                "registration_number": var("form.registration_number"), "floors": var("form.floors"),
                                "area_m2": var("form.area_m2")}},
        "sla_hours": 10 * 24,
    },
]  # fmt: skip


@transaction.atomic
def sample_definitions_load() -> int:
    """Creates the sample definitions that are missing (by code and version); returns how many."""
    created = 0
    for spec in DEFINITIONS:
        errors = definition_errors(spec)
        if errors:
            raise ValueError(f"{spec['code']}: {errors}")
        fields = {k: v for k, v in spec.items() if k not in ("code", "service", "agency", "forward_system")}
        forward = spec.get("forward_system")
        _, made = ServiceDefinition.objects.get_or_create(
            code=spec["code"], version=spec.get("version", 1),
            defaults={**fields, "service": Service.objects.get(code=spec["service"]),
                      "agency": Agency.objects.get(code=spec["agency"]),
                      "forward_system": AgencySystem.objects.get(code=forward) if forward else None},
        )  # fmt: skip
        created += made
    smart_flags_sync()  # the catalog's smart flags, as measured from the definitions just loaded
    return created
