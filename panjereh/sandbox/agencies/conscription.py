"""سازمان وظیفه عمومی — conscription (military service) status.

Women are not subject to it (``applicable: false``, ``status: "not_applicable"``), judged by
the civil registry's gender of the same code. For men the status depends on age on the
sandbox's today: the young are mostly eligible or on a study exemption, the older mostly
served or exempt. Served and exempt men hold a card (کارت پایان خدمت / معافیت) with a number.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..derive import Draw
from ..people import person
from ..protocol import Agency, JSONObject, Service

STATUSES_BY_AGE = [  # (up to this age, weighted statuses)
    (25, [("study_exemption", 40), ("eligible", 35), ("served", 10), ("exempt", 5), ("absent", 10)]),
    (38, [("served", 55), ("exempt", 15), ("study_exemption", 10), ("eligible", 10), ("absent", 10)]),
    (200, [("served", 70), ("exempt", 25), ("absent", 5)]),
]


def status(request: Mapping[str, str]) -> JSONObject:
    code = request["national_code"]
    someone = person(code)
    if someone.gender != "male":
        return {"national_code": code, "applicable": False, "status": "not_applicable", "card_number": None}
    draw = Draw(code, "conscription.")
    age = someone.age_on()
    weights = next(statuses for limit, statuses in STATUSES_BY_AGE if age <= limit)
    state = draw.weighted("status", weights)
    card = draw.digits("card_number", 10) if state in ("served", "exempt") else None
    return {"national_code": code, "applicable": True, "status": state, "card_number": card}


AGENCY = Agency(
    slug="conscription",
    title="سازمان وظیفه عمومی فراجا",
    services=(Service("status", "استعلام وضعیت نظام وظیفه", ("national_code",), status),),
)
