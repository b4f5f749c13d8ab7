"""The search finds the service however the person types it (the issue's variant matrix)."""

from __future__ import annotations

import pytest

from panjereh.catalog.models import Service
from panjereh.catalog.search import SearchFilters, search_services
from panjereh.catalog.services import services_smart_set

pytestmark = pytest.mark.usefixtures("catalog")


def codes(query: str, **filters: object) -> list[str]:
    return [service.code for service in search_services(query, SearchFilters(**filters)).services]  # type: ignore[arg-type]


VARIANTS = [
    # (what the person typed, the service it must find first)
    ("تمدید گذرنامه", "faraja-passport-renewal"),
    ("تمديد گذرنامه", "faraja-passport-renewal"),  # Arabic yeh
    ("گُذَرنامه", "faraja-passport-renewal"),  # diacritics
    ("گذرنـــامه", "faraja-passport-renewal"),  # tatweel
    ("پاسپورت", "faraja-passport-renewal"),  # synonym, not in the profile
    ("تمدید پاسپورت", "faraja-passport-renewal"),
    ("گذرنمه", "faraja-passport-renewal"),  # a letter dropped
    ("گذرناامه", "faraja-passport-renewal"),  # a letter added
    ("گدرنامه", "faraja-passport-renewal"),  # a letter swapped for another
    ("گذرنماه", "faraja-passport-renewal"),  # two letters transposed
    ("لایسنس", "faraja-driving-licence-renewal"),  # keyword
    ("سیم‌کارت", "ict-sim-card-ownership"),  # with a zero-width non-joiner
    ("سیمکارت", "ict-sim-card-ownership"),  # without
    ("سیم کارت", "ict-sim-card-ownership"),  # with a space
    ("سيم كارت", "ict-sim-card-ownership"),  # Arabic yeh and kaf
    ("سیم‌کارت‌های به نام من", "ict-sim-card-ownership"),
    ("سیمکارتهای به نام من", "ict-sim-card-ownership"),
    ("مشکلات شهری ۱۳۷", "tehran-urban-problem-report"),  # Persian digits
    ("مشکلات شهری ١٣٧", "tehran-urban-problem-report"),  # Arabic-Indic digits
    ("مشکلات شهری 137", "tehran-urban-problem-report"),  # Latin digits
    ("137", "tehran-urban-problem-report"),
    ("تایید صلاحیت موسسه", "science-institute-approval"),  # hamza forms dropped
    ("تأیید صلاحیت مؤسسه‌ها", "science-institute-approval"),
    ("مؤسسه های آموزشی", "science-institute-approval"),
    ("پروانه ساختمانی", "tehran-building-permit"),
    ("پروانه ساختمان", "tehran-building-permit"),  # unfinished last word
]


@pytest.mark.parametrize(("query", "expected"), VARIANTS)
def test_the_service_is_among_the_first_two_results_for_every_variant(query: str, expected: str) -> None:
    # Two, not one: «سیم‌کارت» rightly finds two SIM-card services, the shorter title first.
    found = codes(query)
    assert found, f"nothing found for {query!r}"
    assert expected in found[:2]


def test_a_query_written_with_a_space_finds_a_title_written_as_one_word() -> None:
    assert "ict-new-sim-card" in codes("سیم کارت")


def test_a_match_in_the_title_outranks_keywords_which_outrank_the_summary() -> None:
    assert codes("یارانه") == [
        "welfare-subsidy-registration",
        "welfare-livelihood-support",
        "welfare-e-coupon",
    ]


def test_filters_narrow_the_results() -> None:
    assert set(codes("سیم کارت", agency="ict")) == {"ict-sim-card-ownership", "ict-new-sim-card"}
    assert codes("سیم کارت", maturity="full") == ["ict-sim-card-ownership"]
    assert codes("گذرنامه", agency="ict") == []
    assert codes("", category="welfare-support") == ["welfare-subsidy-registration"]
    assert codes("", life_event="travelling-abroad") == ["faraja-passport-renewal"]
    assert codes("", smart=True) == []  # the agency's list says smart; nothing measured it yet
    passport = Service.objects.get(code="faraja-passport-renewal")
    assert passport.smart_claimed
    services_smart_set(smart={passport.pk})  # what the applications app does for an automatic definition
    assert codes("", smart=True) == ["faraja-passport-renewal"]
    assert codes("", audience="G2B") == ["tehran-building-permit"]


def test_no_word_matching_everything_falls_back_to_any_word() -> None:
    assert codes("گذرنامه زرافه")[0] == "faraja-passport-renewal"


def test_an_empty_query_lists_every_service_by_title() -> None:
    page = search_services("")
    assert page.count == 10
    titles = [service.title for service in page.services]
    assert titles == sorted(titles)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "گذرنامه" * 2000,
        "\x00\x01\x1b[31m",
        "' OR 1=1; DROP TABLE catalog_service; --",
        '"unbalanced AND (OR NOT *',
        "<script>alert(1)</script>",
        "NEAR(a b) title:x ^ -y",
        "\u202eگذرنامه\u202c",
        "\ud800",
    ],
)
def test_hostile_or_odd_queries_never_fail(query: str) -> None:
    page = search_services(query)
    assert page.count >= 0
    assert search_services("گذرنامه").services[0].code == "faraja-passport-renewal"


def test_pages_split_the_results_and_a_page_past_the_end_is_empty() -> None:
    first = search_services("", page=1, page_size=4)
    second = search_services("", page=2, page_size=4)
    assert first.pages == 3
    assert {s.code for s in first.services}.isdisjoint({s.code for s in second.services})
    assert search_services("", page=99, page_size=4).services == []


@pytest.mark.parametrize("query", ["تمدید گذرنامه", "پاسپورت", "پروانه ساختمان", "گذرن", "سیم‌کارت‌های به نام من"])
def test_what_is_found_as_typed_is_not_called_a_guess(query: str) -> None:
    result = search_services(query)
    assert result.count and not result.approximate and result.suggestion == ""


def test_a_typo_finds_the_closest_services_says_so_and_suggests_the_word_meant() -> None:
    result = search_services("تمدید گذرنمه")
    assert result.approximate and "faraja-passport-renewal" in [s.code for s in result.services][:2]
    assert result.suggestion == "تمدید گذرنامه"


def test_words_no_service_has_together_are_answered_as_closest_matches_without_a_made_up_suggestion() -> None:
    result = search_services("گذرنامه بستنی")  # every word is real, but no service has both
    assert result.count and result.approximate and result.suggestion == ""
    nonsense = search_services("ققق ژژژژژ")
    assert nonsense.count == 0 and not nonsense.approximate
