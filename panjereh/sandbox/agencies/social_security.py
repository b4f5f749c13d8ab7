"""سازمان تأمین اجتماعی — social security: the person's insurance history.

Periods of work (employer, from, to, months) in Jalali months, starting at eighteen at the
earliest and never after the sandbox's today. A period still running has ``to: null`` and
makes the person ``insured``; the dead have no running period.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import data
from ..derive import TODAY, Draw, jalali, month_end, month_index, month_start
from ..people import person
from ..protocol import Agency, JSONObject, Service


def insurance_history(request: Mapping[str, str]) -> JSONObject:
    code = request["national_code"]
    draw = Draw(code, "social-security.")
    someone = person(code)
    now = month_index(TODAY)
    last_month = now if someone.alive else now - 1  # the dead stopped paying before today
    periods: list[JSONObject] = []
    start = month_index(someone.turned(18)) + draw.between("first_gap", 0, 72)
    count = draw.between("count", 1, 4) if draw.chance("ever_insured", 0.8) else 0
    for i in range(count):
        if start > last_month:
            break
        end = start + draw.between(f"{i}.months", 3, 120) - 1
        running = someone.alive and (end >= now or (i == count - 1 and draw.chance("still_employed", 0.6)))
        end = now if running else min(end, last_month)
        periods.append(
            {
                "employer": draw.pick(f"{i}.employer", data.EMPLOYERS),
                "from": jalali(month_start(start)),
                "to": None if running else jalali(month_end(end)),
                "months": end - start + 1,
            }
        )
        if running:
            break
        start = end + 1 + draw.between(f"{i}.gap", 0, 24)
    return {
        "national_code": code,
        "insured": bool(periods) and periods[-1]["to"] is None,
        "total_months": sum(int(period["months"]) for period in periods),
        "periods": periods,
    }


AGENCY = Agency(
    slug="social-security",
    title="سازمان تأمین اجتماعی",
    services=(Service("insurance-history", "استعلام سوابق بیمه", ("national_code",), insurance_history),),
)
