"""Following an application without logging in: its tracking code and the last four digits of the
applicant's national code show its status and nothing personal; wrong guesses are limited."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from panjereh.applications.tests.conftest import CLEAN, apply, citizen, client_for
from panjereh.applications.tests.conftest import world as world  # the fixture: live exchange + sample definitions
from panjereh.core.checkdigit import verhoeff_digit
from panjereh.persian import to_persian_digits
from panjereh.portal.forms import LAST_DIGITS_MALFORMED as MALFORMED_DIGITS
from panjereh.portal.forms import TRACKING_CODE_MALFORMED as MALFORMED_CODE

UNKNOWN = "123456789010"  # well formed (its Verhoeff check digit fits), and nobody's


def lookup(client: Client, code: str, digits: str) -> tuple[int, str]:
    answer = client.post("/track/", {"tracking_code": code, "last_digits": digits})
    return answer.status_code, answer.content.decode()


def test_the_status_for_the_code_and_the_last_digits(world: str) -> None:
    owner = citizen(CLEAN)
    code = apply(client_for(owner), "criminal-record-certificate").json()["tracking_code"]
    stranger = Client()
    status, page = lookup(stranger, to_persian_digits(code), to_persian_digits(CLEAN[-4:]))  # any digits
    assert status == 200 and "گواهی عدم سوء پیشینه" in page and "وضعیت: <strong>ثبت شده</strong>" in page
    assert CLEAN not in page and owner.full_name not in page  # nothing personal
    assert lookup(stranger, code, "0000")[0] == 404
    assert lookup(stranger, UNKNOWN, CLEAN[-4:])[0] == 404  # the same answer for a code nobody has


def test_wrong_guesses_are_limited_per_tracking_code(world: str) -> None:
    code = apply(client_for(citizen(CLEAN)), "criminal-record-certificate").json()["tracking_code"]
    guesses = [Client(REMOTE_ADDR=f"10.0.0.{n}") for n in range(11)]  # many addresses, one code
    answers = [lookup(guesser, code, f"{n:04d}")[0] for n, guesser in enumerate(guesses)]
    assert answers[:10] == [404] * 10 and answers[10] == 429
    status, page = lookup(Client(REMOTE_ADDR="10.0.1.1"), code, CLEAN[-4:])
    assert status == 429 and "وارد پنجره ملی شوید" in page  # the owner logs in instead


def test_wrong_guesses_are_limited_per_address(world: str) -> None:
    guesser = Client(REMOTE_ADDR="10.0.2.2")
    codes = [f"123456789{n:02d}" + verhoeff_digit(f"123456789{n:02d}") for n in range(21)]  # well formed, nobody's
    answers = [lookup(guesser, code, f"{n:04d}")[0] for n, code in enumerate(codes)]
    assert answers[:20] == [404] * 20 and answers[20] == 429


def field_errors(page: str) -> dict[str, str]:
    found = re.findall(r'<div class="invalid-feedback" id="([\w-]+)-error">([^<]*)</div>', page)
    return {field: text.strip() for field, text in found}


@pytest.mark.parametrize(
    ("code", "digits", "errors"),
    [("", "", {"tracking-code": "کد رهگیری را بنویسید.", "last-digits": "چهار رقم آخر کد ملی متقاضی را بنویسید."}),
     ("abc", "abc", {"tracking-code": MALFORMED_CODE, "last-digits": MALFORMED_DIGITS}),
     ("123456789012", "5679", {"tracking-code": MALFORMED_CODE}),  # twelve digits, but its check digit does not fit
     ("1234", "5679", {"tracking-code": MALFORMED_CODE}),
     (UNKNOWN, "", {"last-digits": "چهار رقم آخر کد ملی متقاضی را بنویسید."}),
     (UNKNOWN, "567", {"last-digits": MALFORMED_DIGITS}),
     (UNKNOWN, "56790", {"last-digits": MALFORMED_DIGITS}),
     ("1" * 41, "5" * 11, {"tracking-code": MALFORMED_CODE, "last-digits": MALFORMED_DIGITS})],
)  # fmt: skip
def test_an_empty_or_malformed_field_is_said_so_under_it_and_is_no_guess(
    world: str, code: str, digits: str, errors: dict[str, str]
) -> None:
    guesser = Client(REMOTE_ADDR="10.0.3.3")
    for _ in range(21):  # more than the misses an address has
        status, page = lookup(guesser, code, digits)
        assert status == 400 and field_errors(page) == errors
        assert "پیدا نشد" not in page and page.count('aria-invalid="true"') == len(errors)
        assert page.count('<a href="#tracking-code">') + page.count('<a href="#last-digits">') == len(errors)
    assert lookup(guesser, UNKNOWN, "5679")[0] == 404  # none of them was counted as a miss


def test_a_well_formed_code_is_found_with_spaces_dashes_and_any_digits(world: str) -> None:
    code = apply(client_for(citizen(CLEAN)), "criminal-record-certificate").json()["tracking_code"]
    spaced = f"{to_persian_digits(code[:4])}-{code[4:8]} {code[8:]}"
    status, page = lookup(Client(), spaced, " ".join(to_persian_digits(CLEAN[-4:])))
    assert status == 200 and "گواهی عدم سوء پیشینه" in page
