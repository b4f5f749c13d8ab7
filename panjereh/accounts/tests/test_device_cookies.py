"""A stranger who knows a person's national code and mobile (pairs leak) can use up the codes allowed to
that mobile in an hour. The person's own browser, recognised by the device cookie of an earlier login,
still gets a code: it is counted against its own allowance, which the stranger cannot reach."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from panjereh.accounts.devices import COOKIE, device_cookie_set, trusted_device
from panjereh.accounts.tests.conftest import MOBILE, OTHER, OTHER_MOBILE, PERSON, Outbox, ask_code, login, verify

pytestmark = pytest.mark.usefixtures("live_exchange")


@pytest.fixture(autouse=True)
def _small_allowances(settings: Any) -> None:
    settings.OTP_RESEND_SECONDS = 0
    settings.OTP_RATE_PER_MOBILE = settings.OTP_RATE_PER_NATIONAL_CODE = "3/h"
    settings.OTP_RATE_PER_DEVICE = "2/h"


def flood(outbox: Outbox) -> None:
    """The stranger: the victim's real pair, from a fresh address each time, until the mobile's allowance is gone."""
    stranger = Client()
    statuses = [ask_code(stranger, REMOTE_ADDR=f"10.6.0.{n}").status_code for n in range(4)]
    assert statuses == [202, 202, 429, 429]  # the person's own login took the first of the three


def test_the_owners_own_browser_still_gets_a_code_after_a_stranger_used_up_the_mobiles(
    client: Client, outbox: Outbox
) -> None:
    answer = login(client, outbox)
    assert COOKIE in answer.cookies and answer.cookies[COOKIE]["httponly"] and answer.cookies[COOKIE]["samesite"]
    flood(outbox)
    newcomer = ask_code(Client(), REMOTE_ADDR="10.6.1.1")  # a browser the person never logged in with
    assert newcomer.status_code == 429
    again = ask_code(client, REMOTE_ADDR="10.6.1.2")
    assert again.status_code == 202, again.content
    assert verify(client, again.json()["challenge_id"], outbox.last_code(MOBILE)).status_code == 200


def test_the_devices_own_allowance_is_limited_too(client: Client, outbox: Outbox) -> None:
    login(client, outbox)
    statuses = [ask_code(client, REMOTE_ADDR=f"10.6.2.{n}").status_code for n in range(3)]
    assert statuses == [202, 202, 429]
    assert "این دستگاه" in ask_code(client, REMOTE_ADDR="10.6.2.9").json()["error"]["message"]


def test_a_device_cookie_counts_only_for_the_person_who_logged_in_with_it(client: Client, outbox: Outbox) -> None:
    login(client, outbox)
    for n in range(3):  # someone else's allowance, used up by strangers
        assert ask_code(Client(), OTHER, OTHER_MOBILE, REMOTE_ADDR=f"10.6.3.{n}").status_code == 202
    assert ask_code(client, OTHER, OTHER_MOBILE, REMOTE_ADDR="10.6.3.9").status_code == 429


def test_a_forged_or_foreign_cookie_is_not_trusted(client: Client, outbox: Outbox) -> None:
    from django.http import HttpResponse

    response = HttpResponse()
    device_cookie_set(response, PERSON)
    value = response.cookies[COOKIE].value
    assert trusted_device(value, PERSON) is not None
    assert trusted_device(value, OTHER) is None
    assert trusted_device(value[:-2] + ("AA" if not value.endswith("AA") else "BB"), PERSON) is None
    assert trusted_device("x" * 500, PERSON) is None and trusted_device(None, PERSON) is None
    assert PERSON not in value  # the cookie does not carry the national code


def test_the_portal_login_marks_the_browser_too(client: Client, outbox: Outbox) -> None:
    client.post("/login/", {"national_code": PERSON, "mobile": MOBILE})
    answer = client.post("/login/code/", {"code": outbox.last_code(MOBILE)})
    assert answer.status_code == 302 and COOKIE in answer.cookies
    flood(outbox)
    client.post("/logout/")
    again = client.post("/login/", {"national_code": PERSON, "mobile": MOBILE}, REMOTE_ADDR="10.6.4.1")
    assert again.status_code == 302, again.content.decode()[:2000]  # on to the code's page
