"""`panjereh staff add --first-name --last-name`: the member is called by their name in the back office
(the inbox's «کارشناس», the timeline), typed in Persian or with an Arabic keyboard; without one the
command says how they will appear."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from panjereh.agencies.services import agency_upsert

pytestmark = pytest.mark.django_db


def staff(*args: str) -> str:
    out = io.StringIO()
    call_command("staff", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(autouse=True)
def agency() -> None:
    agency_upsert(code="faraja", name="فرماندهی انتظامی")


def test_staff_add_keeps_the_members_name() -> None:
    output = staff("add", "--username", "ali.rezaei", "--agency", "faraja", "--role", "officer", "--first-name",
                   " علي ", "--last-name", "رضايي  كرماني", "--generate-password")  # fmt: skip
    user = User.objects.get(username="ali.rezaei")
    assert (user.first_name, user.last_name) == ("علی", "رضایی کرمانی")  # Arabic yeh and kaf, spaces: tidied
    assert "کارکن ساخته شد: ali.rezaei (علی رضایی کرمانی) — کارشناس دستگاه، فرماندهی انتظامی" in output
    assert "نامی داده نشد" not in output


def test_without_a_name_the_command_says_how_the_member_will_appear() -> None:
    output = staff("add", "--username", "officer-a", "--agency", "faraja", "--role", "officer", "--generate-password")
    assert "نامی داده نشد: در کارتابل و گردش کار «کارشناس دستگاه» خوانده می‌شود" in output
    assert User.objects.get(username="officer-a").get_full_name() == ""


def test_a_name_longer_than_an_account_holds_is_refused_and_nothing_is_made() -> None:
    with pytest.raises(CommandError) as refused:
        staff("add", "--username", "officer-a", "--agency", "faraja", "--role", "officer", "--first-name", "ع" * 151,
              "--generate-password")  # fmt: skip
    assert str(refused.value) == "نام و نام خانوادگی هر یک دست‌بالا ۱۵۰ نویسه است."
    assert not User.objects.filter(username="officer-a").exists()
