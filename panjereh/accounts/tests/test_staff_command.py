"""`panjereh staff add` makes an account that logs in with the printed password and the code of an
authenticator app fed the printed otpauth:// address; `totp-reset` replaces that app's key."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from panjereh.accounts.models import StaffMember
from panjereh.accounts.tests.staff_world import app_code, printed
from panjereh.agencies.services import agency_upsert

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_limits")]  # sign-in tries are counted


def staff(*args: str) -> str:
    out = io.StringIO()
    call_command("staff", *args, stdout=out)
    return out.getvalue()


def log_in(username: str, password: str, code: str) -> bool:
    client = Client()
    client.post("/admin/login/", {"username": username, "password": password, "otp_token": code})
    return client.get("/admin/").status_code == 200


@pytest.fixture(autouse=True)
def agency() -> None:
    agency_upsert(code="faraja", name="فرماندهی انتظامی")


def test_staff_add_prints_a_password_and_an_address_that_log_the_member_in() -> None:
    output = staff("add", "--username", "officer-a", "--agency", "faraja", "--role", "officer", "--generate-password")
    assert "کارکن ساخته شد: officer-a — کارشناس دستگاه، فرماندهی انتظامی" in output
    password, uri = printed(output, "password"), printed(output, "otpauth")
    assert len(password) >= 20
    assert uri.startswith("otpauth://totp/Panjereh%3Aofficer-a?") and "issuer=Panjereh" in uri
    member = StaffMember.objects.select_related("user").get(user__username="officer-a")
    assert member.role == "officer" and member.agency is not None and member.agency.code == "faraja"
    assert member.user.is_staff and not member.user.is_superuser
    assert [g.name for g in member.user.groups.all()] == ["کارشناس دستگاه"]
    assert member.user.check_password(password)
    assert log_in("officer-a", password, app_code(uri))


def test_a_supervisor_needs_no_agency() -> None:
    output = staff("add", "--username", "watcher", "--role", "supervisor", "--generate-password")
    assert "ناظر، همه دستگاه‌ها" in output
    assert StaffMember.objects.get(user__username="watcher").agency is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "officer"], "کارشناس و مدیر دستگاه باید به یک دستگاه وابسته باشند."),
        (["--role", "officer", "--agency", "nowhere"], "دستگاهی با کد nowhere نیست."),
    ],
)
def test_staff_add_refuses_what_cannot_be(args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as refused:
        staff("add", "--username", "someone", "--generate-password", *args)
    assert str(refused.value) == message
    assert not User.objects.filter(username="someone").exists()


def test_a_taken_username_is_refused() -> None:
    staff("add", "--username", "officer-a", "--agency", "faraja", "--role", "officer", "--generate-password")
    with pytest.raises(CommandError) as refused:
        staff("add", "--username", "officer-a", "--agency", "faraja", "--role", "officer", "--generate-password")
    assert str(refused.value) == "نام کاربری officer-a پیش‌تر گرفته شده است."


def test_totp_reset_gives_a_new_key_and_the_old_one_stops_working() -> None:
    output = staff("add", "--username", "officer-a", "--agency", "faraja", "--role", "officer", "--generate-password")
    password, old_uri = printed(output, "password"), printed(output, "otpauth")
    new_uri = printed(staff("totp-reset", "--username", "officer-a"), "otpauth")
    assert new_uri != old_uri
    old_code, new_code = app_code(old_uri), app_code(new_uri)
    assert old_code != new_code  # one chance in a million that two keys agree now
    assert log_in("officer-a", password, new_code)
    assert not log_in("officer-a", password, old_code)


def test_totp_reset_of_an_unknown_member_is_refused() -> None:
    with pytest.raises(CommandError) as refused:
        staff("totp-reset", "--username", "nobody")
    assert str(refused.value) == "کارکنی با نام کاربری nobody نیست."


def test_a_weak_password_is_refused_and_nothing_is_made() -> None:
    from django.core.exceptions import ValidationError

    from panjereh.accounts.services import staff_create

    with pytest.raises(ValidationError) as refused:
        staff_create(username="officer-a", role="officer", agency_code="faraja", password="12345678")
    assert refused.value.messages[0] == "گذرواژه دست‌کم باید ۱۲ نویسه باشد."  # Django's own is English here
    assert {e.code for e in refused.value.error_list} >= {"password_too_short", "password_entirely_numeric"}
    assert not User.objects.filter(username="officer-a").exists()
