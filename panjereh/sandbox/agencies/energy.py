"""شرکت‌های آب، برق و گاز — utility bills in the person's name.

Bill and payment identifiers follow the Iranian interbank bill scheme (شناسه قبض / شناسه
پرداخت): the bill id is 13 digits — an 8-digit file number, a 3-digit company code, the
service type (1 water, 2 electricity, 3 gas) and a mod-11 check digit; the payment id is the
amount in thousands of rials, the year's last digit, a 2-digit period and two check digits.
Unpaid bills are mostly those due after the sandbox's today.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from panjereh.persian import make_payment_id, to_jalali
from panjereh.persian.bills import check_digit

from ..derive import TODAY, Draw, jalali
from ..protocol import Agency, JSONObject, Service

KINDS = {  # kind: (service type digit, chance of a bill, amount range in rials)
    "electricity": ("2", 0.9, (150_000, 6_000_000)),
    "water": ("1", 0.75, (80_000, 2_500_000)),
    "gas": ("3", 0.7, (100_000, 9_000_000)),
}


def bill_id(draw: Draw, kind: str) -> str:
    body = draw.digits(f"{kind}.file", 8) + draw.digits(f"{kind}.company", 3) + KINDS[kind][0]
    return body + check_digit(body)


def payment_id(bill: str, amount_rials: int, due: datetime.date, period: int) -> str:
    return make_payment_id(bill, amount_rials, int(to_jalali(due).year), period)


def bills(request: Mapping[str, str]) -> JSONObject:
    code = request["national_code"]
    draw = Draw(code, "energy.")
    found = []
    for kind, (_, chance, (low, high)) in KINDS.items():
        if not draw.chance(f"{kind}.has", chance):
            continue
        amount = draw.between(f"{kind}.amount", low // 1000, high // 1000) * 1000
        due = TODAY + datetime.timedelta(days=draw.between(f"{kind}.due", -45, 30))
        bill = bill_id(draw, kind)
        found.append(
            {
                "kind": kind,
                "bill_id": bill,
                "payment_id": payment_id(bill, amount, due, draw.between(f"{kind}.period", 1, 12)),
                "amount_rials": amount,
                "due_date": jalali(due),
                "paid": draw.chance(f"{kind}.paid", 0.85 if due < TODAY else 0.25),
            }
        )
    return {"national_code": code, "bills": found}


AGENCY = Agency(
    slug="energy",
    title="شرکت‌های آب و فاضلاب، توزیع برق و گاز",
    services=(Service("bills", "استعلام قبوض آب، برق و گاز", ("national_code",), bills),),
)
