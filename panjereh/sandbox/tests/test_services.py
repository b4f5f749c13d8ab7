"""Each service's answer: its shape, its rules, and agreement between agencies."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest

from panjereh.persian import is_sandbox_mobile, parse_date, to_persian_digits
from panjereh.sandbox.agencies import AGENCIES
from panjereh.sandbox.agencies.energy import check_digit
from panjereh.sandbox.app import SandboxApp
from panjereh.sandbox.derive import TODAY
from panjereh.sandbox.people import person

from .conftest import call, mobile_for, national_codes, post

JALALI = re.compile(r"1[34][0-9]{2}/(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])")
CODES = list(national_codes(60))
SERVICE_PATHS = [f"/{a.slug}/{s.name}" for a in AGENCIES for s in a.services]


def is_jalali(value: object) -> bool:
    return isinstance(value, str) and JALALI.fullmatch(value) is not None and parse_date(value) is not None


def ask(app: SandboxApp, path: str, code: str) -> dict[str, Any]:
    body = {"national_code": code}
    if path == "/telecom-registry/mobile-ownership":
        body["mobile"] = mobile_for(code)
    response = post(app, path, body)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    answer: dict[str, Any] = response.json()
    return answer


def test_index_and_health_list_every_agency(app: SandboxApp) -> None:
    index = call(app, "GET", "/").json()
    assert [s["path"] for a in index["agencies"] for s in a["services"]] == SERVICE_PATHS
    assert len(SERVICE_PATHS) == 9
    health = call(app, "GET", "/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "agencies": [a.slug for a in AGENCIES]}


@pytest.mark.parametrize("path", SERVICE_PATHS)
def test_the_same_code_gets_the_same_answer(app: SandboxApp, path: str) -> None:
    for code in CODES[:5]:
        assert ask(app, path, code) == ask(app, path, code) == ask(SandboxApp(seed=7), path, code)


def test_two_codes_are_two_people(app: SandboxApp) -> None:
    a, b = (ask(app, "/civil-registry/person", code) for code in CODES[:2])
    assert a["national_code"] != b["national_code"]
    assert (a["first_name"], a["last_name"], a["birth_date"]) != (b["first_name"], b["last_name"], b["birth_date"])


def test_civil_registry_person(app: SandboxApp) -> None:
    for code in CODES:
        answer = ask(app, "/civil-registry/person", code)
        p = person(code)
        assert answer == {
            "national_code": code,
            "first_name": p.first_name,
            "last_name": p.last_name,
            "father_name": p.father_name,
            "birth_date": p.birth_date_jalali,
            "birth_date_gregorian": p.birth_date.isoformat(),
            "gender": p.gender,
            "alive": p.alive,
            "birth_place": p.birth_place,
        }
        assert is_jalali(answer["birth_date"]) and 1320 <= int(answer["birth_date"][:4]) <= 1385
        assert parse_date(answer["birth_date"]) == datetime.date.fromisoformat(answer["birth_date_gregorian"])


def test_persian_digit_codes_are_answered_in_ascii(app: SandboxApp) -> None:
    code = CODES[0]
    assert ask(app, "/civil-registry/person", to_persian_digits(code)) == ask(app, "/civil-registry/person", code)


def test_telecom_rule_is_the_last_four_digits(app: SandboxApp) -> None:
    path = "/telecom-registry/mobile-ownership"
    for code in CODES[:20]:
        tail = code[-4:]
        for mobile in [f"0912111{tail}", f"+98 935 222 {tail}", to_persian_digits(f"0901333{tail}")]:
            assert post(app, path, {"national_code": code, "mobile": mobile}).json() == {"owned": True}
        other = f"{(int(tail) + 1) % 10000:04d}"
        assert post(app, path, {"national_code": code, "mobile": f"0912111{other}"}).json() == {"owned": False}


def test_a_persons_own_mobile_is_theirs_and_in_the_sandbox_range(app: SandboxApp) -> None:
    for code in CODES[:20]:
        mobile = person(code).mobile
        assert is_sandbox_mobile(mobile) and mobile == f"0912000{code[-4:]}"
        answer = post(app, "/telecom-registry/mobile-ownership", {"national_code": code, "mobile": mobile})
        assert answer.json() == {"owned": True}


@pytest.mark.parametrize("digit", "0123456789")
def test_judiciary_record_exactly_when_the_8th_digit_is_9(app: SandboxApp, digit: str) -> None:
    for code in national_codes(8, digit7=digit):
        assert code[7] == digit
        answer = ask(app, "/judiciary/criminal-record", code)
        assert set(answer) == {"national_code", "has_record", "records"} and answer["national_code"] == code
        assert answer["has_record"] is (digit == "9")
        assert bool(answer["records"]) is (digit == "9")
        born = person(code).birth_date
        for record in answer["records"]:
            assert set(record) == {"case_number", "court", "offence", "verdict_date"}
            assert re.fullmatch(r"[0-9]{16}", record["case_number"])
            assert record["court"].startswith("شعبه ") and record["offence"]
            assert is_jalali(record["verdict_date"]) and born < parse_date(record["verdict_date"]) <= TODAY


def test_property_registry(app: SandboxApp) -> None:
    counts = set()
    for code in CODES:
        answer = ask(app, "/property-registry/properties", code)
        assert set(answer) == {"national_code", "properties"}
        counts.add(len(answer["properties"]))
        for item in answer["properties"]:
            assert set(item) == {"registration_number", "postal_code", "area_m2", "usage", "city", "share"}
            assert re.fullmatch(r"[1-9][0-9]*/[1-9][0-9]*", item["registration_number"])
            assert re.fullmatch(r"[13-9]{5}[0-9]{5}", item["postal_code"])
            assert isinstance(item["area_m2"], int) and item["area_m2"] > 0
            assert item["usage"] in ("residential", "commercial", "agricultural")
            assert re.fullmatch(r"[1-6] دانگ", item["share"]) and item["city"]
    assert counts == {0, 1, 2, 3}


def test_police_passport(app: SandboxApp) -> None:
    statuses = set()
    for code in CODES:
        answer = ask(app, "/police/passport", code)
        assert set(answer) == {"national_code", "status", "passport_number", "expires_on"}
        statuses.add(answer["status"])
        if answer["status"] == "none":
            assert answer["passport_number"] is None and answer["expires_on"] is None
            continue
        assert re.fullmatch(r"P[0-9]{8}", answer["passport_number"])
        assert is_jalali(answer["expires_on"])
        assert (parse_date(answer["expires_on"]) > TODAY) is (answer["status"] == "valid")
    assert statuses == {"valid", "expired", "none"}


def test_police_driving_licence(app: SandboxApp) -> None:
    statuses = set()
    for code in list(national_codes(150)):
        answer = ask(app, "/police/driving-licence", code)
        assert set(answer) == {"national_code", "status", "licence_class", "expires_on"}
        statuses.add(answer["status"])
        if answer["status"] == "none":
            assert answer["licence_class"] is None and answer["expires_on"] is None
            continue
        assert answer["licence_class"] in ("پایه یکم", "پایه دوم", "پایه سوم", "موتورسیکلت")
        assert is_jalali(answer["expires_on"])
        assert (parse_date(answer["expires_on"]) < TODAY) is (answer["status"] == "expired")
    assert statuses == {"valid", "expired", "suspended", "none"}


def test_conscription_agrees_with_the_civil_registry_about_gender(app: SandboxApp) -> None:
    statuses = set()
    for code in list(national_codes(150)):
        gender = ask(app, "/civil-registry/person", code)["gender"]
        answer = ask(app, "/conscription/status", code)
        assert set(answer) == {"national_code", "applicable", "status", "card_number"}
        statuses.add(answer["status"])
        assert answer["applicable"] is (gender == "male")
        if gender == "female":
            assert answer["status"] == "not_applicable" and answer["card_number"] is None
        elif answer["status"] in ("served", "exempt"):
            assert re.fullmatch(r"[1-9][0-9]{9}", answer["card_number"])
        else:
            assert answer["status"] in ("study_exemption", "eligible", "absent") and answer["card_number"] is None
    assert statuses == {"served", "exempt", "study_exemption", "eligible", "absent", "not_applicable"}


def test_social_security_history(app: SandboxApp) -> None:
    insured = set()
    for code in CODES:
        answer = ask(app, "/social-security/insurance-history", code)
        assert set(answer) == {"national_code", "insured", "total_months", "periods"}
        periods = answer["periods"]
        insured.add(answer["insured"])
        assert answer["total_months"] == sum(p["months"] for p in periods)
        assert answer["insured"] is (bool(periods) and periods[-1]["to"] is None)
        adult = person(code).turned(18)
        previous_end = None
        for i, period in enumerate(periods):
            assert set(period) == {"employer", "from", "to", "months"} and period["employer"]
            start = parse_date(period["from"])
            assert period["from"].endswith("/01") and adult <= start <= TODAY and period["months"] >= 1
            if previous_end is not None:
                assert start > previous_end
            if period["to"] is None:
                assert i == len(periods) - 1 and person(code).alive
            else:
                previous_end = parse_date(period["to"])
                assert start < previous_end <= TODAY
    assert insured == {True, False}


def test_energy_bills(app: SandboxApp) -> None:
    kinds = set()
    for code in CODES:
        answer = ask(app, "/energy/bills", code)
        assert set(answer) == {"national_code", "bills"}
        for bill in answer["bills"]:
            assert set(bill) == {"kind", "bill_id", "payment_id", "amount_rials", "due_date", "paid"}
            kinds.add(bill["kind"])
            assert re.fullmatch(r"[0-9]{13}", bill["bill_id"])
            assert bill["bill_id"][-2] == {"water": "1", "electricity": "2", "gas": "3"}[bill["kind"]]
            assert check_digit(bill["bill_id"][:-1]) == bill["bill_id"][-1]
            payment = bill["payment_id"]
            assert payment.isdigit() and payment.startswith(str(bill["amount_rials"] // 1000))
            assert check_digit(payment[:-2]) == payment[-2]
            assert check_digit(bill["bill_id"] + payment[:-1]) == payment[-1]
            assert isinstance(bill["amount_rials"], int) and bill["amount_rials"] % 1000 == 0
            assert is_jalali(bill["due_date"]) and isinstance(bill["paid"], bool)
    assert kinds == {"electricity", "water", "gas"}
