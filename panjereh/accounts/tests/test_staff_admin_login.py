"""Entering the admin takes a password and the code of the member's TOTP app: one without the
other, a wrong code or a code used before is refused, for superusers too."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from panjereh.accounts.admin_site import WRONG_SIGN_IN, StaffLoginForm
from panjereh.accounts.tests.staff_world import PASSWORD, code_now, make_staff
from panjereh.persian import to_persian_digits

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_limits")]  # sign-in tries are counted


def log_in(client: Client, username: str, password: str, code: str | None) -> tuple[int, str]:
    data = {"username": username, "password": password, "next": "/admin/"}
    if code is not None:
        data["otp_token"] = code
    response = client.post("/admin/login/?next=/admin/", data)
    return response.status_code, response.content.decode()


def wrong_code(device: TOTPDevice) -> str:
    """A code no step near now accepts."""
    near = {code_now(device, drift=drift) for drift in (-2, -1, 0, 1, 2)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in near)


def inside(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


@pytest.fixture
def officer() -> User:
    from panjereh.agencies.services import agency_upsert

    agency_upsert(code="faraja", name="فرماندهی انتظامی")
    return make_staff("officer-a", "officer", "faraja")


def device_of(user: User) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user)


def test_the_login_page_asks_for_the_code_in_persian(client: Client) -> None:
    page = client.get("/admin/login/").content.decode()
    assert 'name="otp_token"' in page and "کد ورود دومرحله‌ای" in page
    assert 'dir="rtl"' in page and "گذرواژه" in page


def test_a_password_and_the_current_code_let_a_member_in(client: Client, officer: User) -> None:
    status, _ = log_in(client, "officer-a", PASSWORD, code_now(device_of(officer)))
    assert status == 302
    assert inside(client)


def test_a_code_typed_in_persian_digits_works_too(client: Client, officer: User) -> None:
    status, _ = log_in(client, "officer-a", PASSWORD, to_persian_digits(code_now(device_of(officer))))
    assert status == 302 and inside(client)


def test_a_password_without_a_code_is_refused(client: Client, officer: User) -> None:
    status, page = log_in(client, "officer-a", PASSWORD, None)
    assert status == 200 and WRONG_SIGN_IN in page
    assert PASSWORD not in page  # never rendered back into the page
    assert not inside(client)


def test_a_wrong_code_is_refused_and_the_next_try_must_wait(
    client: Client, officer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.utils import timezone

    frozen = timezone.now()  # django-otp's wait after a failure is a second: no race with a slow machine
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    device = device_of(officer)
    status, page = log_in(client, "officer-a", PASSWORD, wrong_code(device))
    assert status == 200 and WRONG_SIGN_IN in page
    assert not inside(client)
    status, page = log_in(client, "officer-a", PASSWORD, code_now(device))  # at once: throttled
    assert status == 200 and WRONG_SIGN_IN in page
    assert not inside(client)


def test_a_code_works_only_once(client: Client, officer: User) -> None:
    code = code_now(device_of(officer))
    assert log_in(client, "officer-a", PASSWORD, code)[0] == 302
    client.post("/admin/logout/")
    assert not inside(client)
    status, page = log_in(client, "officer-a", PASSWORD, code)
    assert status == 200 and WRONG_SIGN_IN in page
    assert not inside(client)


def test_a_right_code_with_a_wrong_password_is_refused(client: Client, officer: User) -> None:
    status, _ = log_in(client, "officer-a", "not-the-password-1404", code_now(device_of(officer)))
    assert status == 200 and not inside(client)
    assert device_of(officer).last_t == -1  # the code was never even checked


def test_a_superuser_without_a_device_cannot_enter(client: Client) -> None:
    User.objects.create_superuser("root", "root@example.ir", PASSWORD)
    status, page = log_in(client, "root", PASSWORD, "123456")
    assert status == 200 and WRONG_SIGN_IN in page
    assert not inside(client)


def test_a_password_session_alone_does_not_open_the_admin(client: Client) -> None:
    user = User.objects.create_superuser("root", "root@example.ir", PASSWORD)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.force_login(user)  # logged in by password elsewhere (the portal), never verified
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_unconfirmed_device_does_not_count(client: Client, officer: User) -> None:
    device = device_of(officer)
    device.confirmed = False
    device.save()
    status, _ = log_in(client, "officer-a", PASSWORD, code_now(device))
    assert status == 200 and not inside(client)


def test_password_guessing_is_limited_before_the_password_is_checked(
    client: Client, officer: User, settings: Any
) -> None:
    settings.ADMIN_LOGIN_RATE = "3/15m"
    device = device_of(officer)
    for _ in range(3):
        status, page = log_in(client, "officer-a", "not-the-password", wrong_code(device))
        assert status == 200 and "تلاش‌های ورود بیش از حد" not in page
    status, page = log_in(client, "Officer-A", PASSWORD, code_now(device))  # even right, and in other case
    assert "تلاش‌های ورود بیش از حد" in page and not inside(client)
    assert log_in(Client(REMOTE_ADDR="10.0.0.9"), "officer-a", PASSWORD, code_now(device))[0] == 302


def test_guessing_across_accounts_is_limited_per_address(client: Client, officer: User, settings: Any) -> None:
    settings.ADMIN_LOGIN_RATE_PER_IP = "2/15m"
    for name in ("a", "b"):
        assert "تلاش‌های ورود بیش از حد" not in log_in(client, name, "x", "000000")[1]
    assert "تلاش‌های ورود بیش از حد" in log_in(client, "officer-a", PASSWORD, code_now(device_of(officer)))[1]


def test_a_wrong_password_and_a_wrong_code_get_the_same_answer(client: Client, officer: User) -> None:
    """A different message for each would tell a guesser when the password was right."""
    device = device_of(officer)
    _, wrong_password = log_in(client, "officer-a", "not-the-password-1404", code_now(device))
    _, wrong_code_only = log_in(Client(REMOTE_ADDR="10.0.0.7"), "officer-a", PASSWORD, wrong_code(device))
    for page in (wrong_password, wrong_code_only):
        assert page.count('class="errornote"') == 1 and WRONG_SIGN_IN in page
    for telling in StaffLoginForm.otp_error_messages.values():  # none of the code's own messages shows
        assert str(telling).split("%")[0] not in wrong_code_only


@pytest.mark.parametrize("spelling", ["ｏｆｆｉｃｅｒ-ａ", "officer-a ", "OFFICER-A"])
def test_the_per_account_limit_counts_the_account_however_its_name_is_typed(
    client: Client, officer: User, settings: Any, spelling: str
) -> None:
    settings.ADMIN_LOGIN_RATE = "2/15m"
    for _ in range(2):
        log_in(client, "officer-a", "not-the-password", "000000")
    _status, page = log_in(client, spelling, PASSWORD, code_now(device_of(officer)))
    assert "تلاش‌های ورود بیش از حد" in page and not inside(client)
