"""Tests of the synthetic sample dataset (pure pytest, no Django needed).

Run with: uv run pytest panjereh/catalog/sample -q -p no:django
"""

from __future__ import annotations

import ast
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from panjereh.catalog.sample import AGENCIES, CATEGORIES, LIFE_EVENTS, generate_services
from panjereh.catalog.sample.agencies import KINDS, WINDOW_STATUSES
from panjereh.catalog.sample.flagships import FLAGSHIPS
from panjereh.catalog.sample.services import AUDIENCES, CHANNELS, MATURITIES, SERVICE_KEYS

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PERSIAN = re.compile(r"[\u0600-\u06FF]")
ARABIC_LETTERS = re.compile(r"[يك]")  # Arabic yeh / kaf instead of Persian ی / ک
PACKAGE = Path(__file__).resolve().parent.parent

CATEGORY_CODES = {c["code"] for c in CATEGORIES}
LIFE_EVENT_CODES = {e["code"] for e in LIFE_EVENTS}
AGENCY_BY_CODE = {a["code"]: a for a in AGENCIES}

EXPECTED_FLAGSHIPS = {
    "faraja-passport-renewal": ("faraja", "تمدید گذرنامه"),
    "faraja-passport-issue": ("faraja", "صدور گذرنامه"),
    "faraja-driving-licence-renewal": ("faraja", "تمدید گواهینامه رانندگی"),
    "judiciary-criminal-record-certificate": ("judiciary", "گواهی عدم سوء پیشینه"),
    "ict-sim-card-ownership": ("ict", "استعلام سیم‌کارت‌های به نام من"),
    "conscription-study-exemption": ("conscription", "معافیت تحصیلی"),
    "conscription-end-of-service-card": ("conscription", "صدور کارت پایان خدمت"),
    "tamin-insurance-history": ("tamin", "گواهی سوابق بیمه"),
    "sabt-property-ownership-certificate": ("sabt", "گواهی مالکیت ملک"),
    "tavanir-electricity-connection": ("tavanir", "درخواست انشعاب برق"),
    "abfa-water-connection": ("abfa", "درخواست انشعاب آب"),
    "tehran-municipality-building-permit": ("tehran-municipality", "صدور پروانه ساختمانی"),
    "sabtahval-id-card-replacement": ("sabtahval", "صدور کارت هوشمند ملی المثنی"),
    "tax-vat-registration": ("tax", "ثبت‌نام در نظام مالیات بر ارزش افزوده"),
    "tehran-municipality-urban-problem-report": ("tehran-municipality", "گزارش مشکلات شهری (۱۳۷)"),
}


@pytest.fixture(scope="module")
def services() -> list[dict]:
    return generate_services()


@pytest.fixture(scope="module")
def services_10k() -> list[dict]:
    return generate_services(10_000)


# ------------------------------------------------------------------ purity
def test_package_uses_only_the_standard_library_and_the_pure_synonym_table() -> None:
    stdlib = set(sys.stdlib_module_names)
    allowed = {"panjereh.catalog.synonyms", "panjereh.core.provinces"}  # data only, shared with the search and more
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                if node.module in allowed:
                    continue
                roots = [(node.module or "").split(".")[0]]
            else:
                continue
            for root in roots:
                assert root in stdlib or root == "__future__", f"{path.name} imports {root}"


def test_modules_say_the_data_is_synthetic() -> None:
    for path in PACKAGE.glob("*.py"):
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        assert "synthetic" in docstring.lower() or "sample" in docstring.lower(), path.name


# ---------------------------------------------------------------- agencies
def test_about_170_agencies_with_unique_kebab_codes() -> None:
    assert 160 <= len(AGENCIES) <= 180
    codes = [a["code"] for a in AGENCIES]
    assert len(codes) == len(set(codes))
    assert all(KEBAB.match(code) for code in codes)


def test_agency_fields() -> None:
    keys = {
        "code",
        "name",
        "kind",
        "website",
        "window_status",
        "window_url",
        "launched_on",
        "connected_on",
        "province",
    }
    for agency in AGENCIES:
        assert set(agency) == keys
        assert agency["province"] == "" or agency["kind"] == "municipality" or agency["code"] in {"tpww", "tbtb"}
        assert agency["name"].strip() and PERSIAN.search(agency["name"])
        assert not ARABIC_LETTERS.search(agency["name"])
        assert agency["kind"] in KINDS
        assert agency["website"] == "" or agency["website"].startswith("https://")
        assert agency["window_status"] in WINDOW_STATUSES


def test_agency_window_dates() -> None:
    first, last = date(2021, 3, 21), date(2025, 3, 20)
    for agency in AGENCIES:
        status = agency["window_status"]
        launched, connected = agency["launched_on"], agency["connected_on"]
        if status == "not_started":
            assert launched is None and connected is None and agency["window_url"] == ""
            continue
        assert first <= date.fromisoformat(launched) <= last
        if status == "connected":
            assert date.fromisoformat(launched) < date.fromisoformat(connected) <= last
        else:
            assert connected is None


def test_agency_status_mix() -> None:
    shares = Counter(a["window_status"] for a in AGENCIES)
    n = len(AGENCIES)
    assert abs(shares["connected"] / n - 0.55) <= 0.03
    assert abs(shares["launched"] / n - 0.30) <= 0.03
    assert abs(shares["not_started"] / n - 0.15) <= 0.03


def test_required_agencies_exist() -> None:
    required = [
        "moi", "justice", "mfa", "moe", "ict", "mop", "mefa", "mcls", "behdasht", "msrt",
        "medu", "mrud", "msy", "farhang", "maj", "mcth", "mod", "mimt", "intelligence",
        "cbi", "centinsur", "tamin", "behzisti", "cspf", "isiri", "pbo", "aeoi", "emdad",
        "faraja", "customs", "tax", "pmo", "postbank", "ihio", "hajj", "tpo", "ito", "tic",
        "nipo", "elites", "sabtahval", "sabt", "judiciary", "conscription", "post", "rai",
        "cao", "rmto", "doe", "isti", "isaar", "tavanir", "abfa", "nigc",
        "tehran-municipality",
    ]  # fmt: skip
    missing = [code for code in required if code not in AGENCY_BY_CODE]
    assert not missing
    assert AGENCY_BY_CODE["faraja"]["name"] == "فرماندهی انتظامی جمهوری اسلامی ایران"
    assert AGENCY_BY_CODE["tehran-municipality"]["name"] == "شهرداری تهران"
    assert sum(1 for a in AGENCIES if a["kind"] == "municipality") == 31
    assert sum(1 for a in AGENCIES if a["kind"] == "ministry") == 19


# ---------------------------------------------------------------- taxonomy
@pytest.mark.parametrize("table", [CATEGORIES, LIFE_EVENTS], ids=["categories", "life_events"])
def test_taxonomy_tables(table: list[dict]) -> None:
    codes = [row["code"] for row in table]
    assert len(codes) == len(set(codes))
    for row in table:
        assert set(row) == {"code", "name", "description"} | ({"steps"} if table is LIFE_EVENTS else set())
        assert KEBAB.match(row["code"])
        assert PERSIAN.search(row["name"]) and PERSIAN.search(row["description"])
    for event in LIFE_EVENTS if table is LIFE_EVENTS else []:  # steps in order, each with the words it takes
        assert event["steps"] and all(step["title"] and step["words"] for step in event["steps"])


def test_taxonomy_sizes() -> None:
    assert 14 <= len(CATEGORIES) <= 20
    assert 10 <= len(LIFE_EVENTS) <= 14


# ---------------------------------------------------------------- services
def test_generation_is_deterministic(services: list[dict]) -> None:
    assert generate_services() == services
    assert generate_services(300, seed=7) == generate_services(300, seed=7)
    assert generate_services(300, seed=7) != generate_services(300, seed=8)


def test_exact_count_and_unique_codes_and_titles(services: list[dict]) -> None:
    assert len(services) == 4200
    assert len({s["code"] for s in services}) == 4200
    assert len({s["title"] for s in services}) == 4200


@pytest.mark.parametrize("count", [1, 10, 15, 16, 171, 999])
def test_small_counts(count: int) -> None:
    result = generate_services(count)
    assert len(result) == count
    assert len({s["code"] for s in result}) == count
    assert len({s["title"] for s in result}) == count


def test_profile_shape(services: list[dict]) -> None:
    for s in services:
        assert tuple(s) == SERVICE_KEYS
        assert KEBAB.match(s["code"]) and len(s["code"]) <= 80
        assert set(s["agency"]) == {"code", "name"}
        assert AGENCY_BY_CODE[s["agency"]["code"]]["name"] == s["agency"]["name"]
        assert 0 < len(s["title"]) <= 200 and PERSIAN.search(s["title"])
        assert not ARABIC_LETTERS.search(s["title"])
        assert PERSIAN.search(s["summary"]) and PERSIAN.search(s["description"])
        assert s["legal_basis"] and PERSIAN.search(s["legal_basis"])
        assert isinstance(s["revision"], int) and s["revision"] >= 1
        assert date(2019, 1, 1) <= date.fromisoformat(s["approved_on"]) <= date(2025, 12, 31)
        assert s["service_url"] == "" or s["service_url"].startswith("https://")


def test_enumerations(services: list[dict]) -> None:
    for s in services:
        assert s["audience"] in AUDIENCES
        assert s["maturity"] in MATURITIES
        assert isinstance(s["smart"], bool)
        assert s["channels"] and set(s["channels"]) <= set(CHANNELS)
        assert len(s["channels"]) == len(set(s["channels"]))
        assert 1 <= len(s["categories"]) <= 2 and set(s["categories"]) <= CATEGORY_CODES
        assert len(s["categories"]) == len(set(s["categories"]))
        assert len(s["life_events"]) <= 2 and set(s["life_events"]) <= LIFE_EVENT_CODES


def test_value_ranges(services: list[dict]) -> None:
    for s in services:
        assert isinstance(s["fee_rials"], int) and s["fee_rials"] >= 0
        assert s["fee_rials"] % 10_000 == 0
        assert isinstance(s["sla_days"], int) and 0 <= s["sla_days"] <= 90
        assert len(s["requirements"]) <= 5 and all(isinstance(r, str) and r for r in s["requirements"])
        assert len(s["keywords"]) <= 6 and all(isinstance(k, str) and k for k in s["keywords"])
    assert sum(1 for s in services if s["fee_rials"] == 0) > len(services) / 4


def test_smart_services_are_full_online_and_ask_for_no_documents(services: list[dict]) -> None:
    for s in services:
        if s["smart"]:
            assert s["maturity"] == "full"
            assert "in_person" not in s["channels"]
            assert not any("تصویر" in r for r in s["requirements"])
        if s["maturity"] == "offline_by_nature":
            assert "in_person" in s["channels"]


def test_maturity_and_smart_shares(services: list[dict]) -> None:
    shares = Counter(s["maturity"] for s in services)
    expected = {"full": 0.21, "semi": 0.61, "offline_by_nature": 0.07, "not_yet": 0.11}
    for maturity, share in expected.items():
        assert abs(shares[maturity] / len(services) - share) <= 0.03, maturity
    smart = sum(s["smart"] for s in services) / len(services)
    assert 0.09 <= smart <= 0.15


def test_audience_mostly_citizens_then_businesses(services: list[dict]) -> None:
    audiences = Counter(s["audience"] for s in services)
    assert audiences["G2C"] > audiences["G2B"] > audiences["G2G"]
    assert audiences["G2B"] > audiences["G2B2C"]


def test_every_agency_has_services(services: list[dict]) -> None:
    per_agency = Counter(s["agency"]["code"] for s in services)
    assert set(per_agency) == set(AGENCY_BY_CODE)
    assert min(per_agency.values()) >= 3
    assert per_agency["moi"] >= 100


@pytest.mark.parametrize("count", [50, 4200])
def test_flagships_open_the_list(count: int, services: list[dict]) -> None:
    assert {f["code"] for f in FLAGSHIPS} == set(EXPECTED_FLAGSHIPS)
    result = services if count == 4200 else generate_services(count)
    head = {s["code"]: s for s in result[: len(EXPECTED_FLAGSHIPS)]}
    for code, (agency, title) in EXPECTED_FLAGSHIPS.items():
        assert head[code]["agency"]["code"] == agency
        assert head[code]["title"] == title


def test_flagship_details(services: list[dict]) -> None:
    by_code = {s["code"]: s for s in services}
    renewal = by_code["faraja-passport-renewal"]
    assert renewal["maturity"] == "full" and renewal["smart"] and renewal["audience"] == "G2C"
    assert "پاسپورت" in renewal["keywords"]
    assert "لایسنس" in by_code["faraja-driving-licence-renewal"]["keywords"]
    record = by_code["judiciary-criminal-record-certificate"]
    assert record["maturity"] == "full" and record["smart"]
    assert "خط موبایل" in by_code["ict-sim-card-ownership"]["keywords"]
    permit = by_code["tehran-municipality-building-permit"]
    assert permit["maturity"] == "semi" and not permit["smart"]


def test_no_near_duplicates_of_flagships(services: list[dict]) -> None:
    """An agency does not list its own flagship again under a qualified title."""
    flagship_titles = {title for _, title in EXPECTED_FLAGSHIPS.values()}
    own = {(agency, title) for agency, title in EXPECTED_FLAGSHIPS.values()}
    for s in services[len(FLAGSHIPS) :]:
        assert s["title"] not in flagship_titles
        agency, name = s["agency"]["code"], s["agency"]["name"]
        for variant in (f"({name})", f"- {name}"):
            base = s["title"].removesuffix(variant).strip()
            assert (agency, base) not in own or base == s["title"], s["title"]


def test_ten_thousand_services(services_10k: list[dict]) -> None:
    assert len(services_10k) == 10_000
    assert len({s["code"] for s in services_10k}) == 10_000
    assert len({s["title"] for s in services_10k}) == 10_000
    assert all(len(s["code"]) <= 80 and len(s["title"]) <= 200 for s in services_10k)
    shares = Counter(s["maturity"] for s in services_10k)
    assert abs(shares["full"] / 10_000 - 0.21) <= 0.03


def test_twelve_thousand_services() -> None:
    result = generate_services(12_000)
    assert len({s["code"] for s in result}) == len({s["title"] for s in result}) == 12_000
