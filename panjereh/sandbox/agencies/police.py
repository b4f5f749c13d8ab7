"""فرماندهی انتظامی (فراجا) — the police: passports and driving licences.

"valid" and "expired" are judged against the sandbox's fixed today (1404/01/01): a valid
document expires after it, an expired one before it; "none" has no number and no date.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from ..derive import TODAY, Draw, jalali
from ..protocol import Agency, JSONObject, Service

LICENCE_CLASSES = [("پایه یکم", 10), ("پایه دوم", 55), ("پایه سوم", 10), ("موتورسیکلت", 25)]


def _expiry(draw: Draw, status: str) -> datetime.date:
    if status == "expired":
        return TODAY - datetime.timedelta(days=draw.between("expired_days_ago", 1, 3 * 365))
    return TODAY + datetime.timedelta(days=draw.between("valid_days_left", 1, 7 * 365))


def passport(request: Mapping[str, str]) -> JSONObject:
    code = request["national_code"]
    draw = Draw(code, "police.passport.")
    status = draw.weighted("status", [("valid", 45), ("expired", 25), ("none", 30)])
    if status == "none":
        return {"national_code": code, "status": status, "passport_number": None, "expires_on": None}
    return {
        "national_code": code,
        "status": status,
        "passport_number": "P" + draw.digits("number", 8),
        "expires_on": jalali(_expiry(draw, status)),
    }


def driving_licence(request: Mapping[str, str]) -> JSONObject:
    code = request["national_code"]
    draw = Draw(code, "police.driving-licence.")
    status = draw.weighted("status", [("valid", 55), ("expired", 15), ("suspended", 5), ("none", 25)])
    if status == "none":
        return {"national_code": code, "status": status, "licence_class": None, "expires_on": None}
    return {
        "national_code": code,
        "status": status,
        "licence_class": draw.weighted("class", LICENCE_CLASSES),
        # A suspended licence keeps its (future) expiry date.
        "expires_on": jalali(_expiry(draw, status)),
    }


AGENCY = Agency(
    slug="police",
    title="فرماندهی انتظامی جمهوری اسلامی ایران",
    services=(
        Service("passport", "استعلام وضعیت گذرنامه", ("national_code",), passport),
        Service("driving-licence", "استعلام وضعیت گواهینامه رانندگی", ("national_code",), driving_licence),
    ),
)
