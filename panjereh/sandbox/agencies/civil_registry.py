"""سازمان ثبت احوال کشور — the civil registry: who a national code belongs to."""

from __future__ import annotations

from collections.abc import Mapping

from ..people import person as find_person
from ..protocol import Agency, JSONObject, Service


def person(request: Mapping[str, str]) -> JSONObject:
    found = find_person(request["national_code"])
    return {
        "national_code": found.national_code,
        "first_name": found.first_name,
        "last_name": found.last_name,
        "father_name": found.father_name,
        "birth_date": found.birth_date_jalali,
        "birth_date_gregorian": found.birth_date.isoformat(),
        "gender": found.gender,
        "alive": found.alive,
        "birth_place": found.birth_place,
    }


AGENCY = Agency(
    slug="civil-registry",
    title="سازمان ثبت احوال کشور",
    services=(Service("person", "استعلام مشخصات هویتی", ("national_code",), person),),
)
