"""سازمان ثبت اسناد و املاک کشور — the property registry: what real estate a person owns.

Zero to three properties, each with a registration number ("plate", ``main/sub``), a postal
code in the Iranian style (10 digits; the first five are never 0 or 2), area, usage and the
person's share in دانگ (six دانگ is the whole property).
"""

from __future__ import annotations

from collections.abc import Mapping

from .. import data
from ..derive import Draw
from ..people import person
from ..protocol import Agency, JSONObject, Service

USAGES = [("residential", 70), ("commercial", 20), ("agricultural", 10)]
AREA_M2 = {"residential": (45, 320), "commercial": (12, 150), "agricultural": (1_000, 50_000)}
SHARES = [(6, 60), (3, 25), (2, 10), (1, 5)]


def postal_code(draw: Draw, field: str) -> str:
    head = "".join(draw.pick(f"{field}.{i}", "13456789") for i in range(5))
    return head + draw.digits(f"{field}.tail", 5, first="0123456789")


def properties(request: Mapping[str, str]) -> JSONObject:
    code = request["national_code"]
    draw = Draw(code, "property-registry.")
    home = person(code).birth_place
    found = []
    for i in range(draw.weighted("count", [(0, 40), (1, 35), (2, 17), (3, 8)])):
        usage = draw.weighted(f"{i}.usage", USAGES)
        found.append(
            {
                "registration_number": f"{draw.between(f'{i}.main', 1, 9999)}/{draw.between(f'{i}.sub', 1, 999)}",
                "postal_code": postal_code(draw, f"{i}.postal_code"),
                "area_m2": draw.between(f"{i}.area_m2", *AREA_M2[usage]),
                "usage": usage,
                "city": home if draw.chance(f"{i}.in_home_town", 0.5) else draw.pick(f"{i}.city", data.CITIES),
                "share": f"{draw.weighted(f'{i}.share', SHARES)} دانگ",
            }
        )
    return {"national_code": code, "properties": found}


AGENCY = Agency(
    slug="property-registry",
    title="سازمان ثبت اسناد و املاک کشور",
    services=(Service("properties", "استعلام املاک", ("national_code",), properties),),
)
