"""قوه قضاییه — the judiciary: criminal record (سوء پیشینه).

The rule of the sandbox: a person has a record exactly when the 8th digit of the national
code (index 7) is 9; then one to three convictions, otherwise none.
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import data
from ..derive import TODAY, Draw, jalali
from ..people import person
from ..protocol import Agency, JSONObject, Service


def has_record(national_code: str) -> bool:
    """The criminal-record rule; the code already normalised."""
    return national_code[7] == "9"


def _records(national_code: str) -> list[JSONObject]:
    if not has_record(national_code):
        return []
    draw = Draw(national_code, "judiciary.")
    adult = person(national_code).turned(18)
    records = []
    for i in range(draw.weighted("count", [(1, 70), (2, 22), (3, 8)])):
        verdict = draw.date_between(f"{i}.verdict_date", adult, TODAY)
        court = draw.pick(f"{i}.court", data.COURTS).format(
            branch=draw.between(f"{i}.branch", 1, 140), city=draw.pick(f"{i}.city", data.CITIES)
        )
        records.append(
            {
                # Iranian case numbers are 16 digits led by the two-digit Jalali year.
                "case_number": jalali(verdict)[2:4] + draw.digits(f"{i}.case_number", 14, first="0123456789"),
                "court": court,
                "offence": draw.pick(f"{i}.offence", data.OFFENCES),
                "verdict_date": jalali(verdict),
            }
        )
    return sorted(records, key=lambda record: str(record["verdict_date"]))


def criminal_record(request: Mapping[str, str]) -> JSONObject:
    records = _records(request["national_code"])
    return {"national_code": request["national_code"], "has_record": bool(records), "records": records}


AGENCY = Agency(
    slug="judiciary",
    title="قوه قضاییه",
    services=(Service("criminal-record", "استعلام سوء پیشینه کیفری", ("national_code",), criminal_record),),
)
