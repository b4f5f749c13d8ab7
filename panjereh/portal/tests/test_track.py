"""Following an application without logging in: its tracking code and the last four digits of the
applicant's national code show its status and nothing personal; wrong guesses are limited."""

from __future__ import annotations

from django.test import Client

from panjereh.applications.tests.conftest import CLEAN, apply, citizen, client_for
from panjereh.applications.tests.conftest import world as world  # the fixture: live exchange + sample definitions
from panjereh.persian import to_persian_digits


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
    assert lookup(stranger, "123", CLEAN[-4:])[0] == 404


def test_wrong_guesses_are_limited_per_tracking_code(world: str) -> None:
    code = apply(client_for(citizen(CLEAN)), "criminal-record-certificate").json()["tracking_code"]
    guesses = [Client(REMOTE_ADDR=f"10.0.0.{n}") for n in range(11)]  # many addresses, one code
    answers = [lookup(guesser, code, f"{n:04d}")[0] for n, guesser in enumerate(guesses)]
    assert answers[:10] == [404] * 10 and answers[10] == 429
    status, page = lookup(Client(REMOTE_ADDR="10.0.1.1"), code, CLEAN[-4:])
    assert status == 429 and "وارد پنجره ملی شوید" in page  # the owner logs in instead


def test_wrong_guesses_are_limited_per_address(world: str) -> None:
    guesser = Client(REMOTE_ADDR="10.0.2.2")
    answers = [lookup(guesser, "123456789012", f"{n:04d}")[0] for n in range(21)]
    assert answers[:20] == [404] * 20 and answers[20] == 429
