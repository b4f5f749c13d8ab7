"""Who holds an application in the agency's inbox: colleagues see the officer's name; the officer who took
it, or the agency's admin, gives it back to the inbox; another officer may not, and is told who holds it
before filling in a decision. The applicant still reads only «کارشناس» and the agency."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from conftest import admin_login
from panjereh.accounts.services import staff_create
from panjereh.accounts.tests.staff_world import PASSWORD, logged_in
from panjereh.agencies.services import agency_upsert
from panjereh.applications.models import Application, ApplicationEvent

from .back_office_world import INBOX, MUNICIPALITY, page, shown_code, waiting_application

pytestmark = pytest.mark.django_db
RELEASED_BY_HOLDER = "کارشناس درخواست را به کارتابل دستگاه بازگرداند تا کارشناس دیگری آن را بردارد."
RELEASED_BY_ADMIN = "مدیر دستگاه درخواست را از کارشناسی که برداشته بود گرفت و به کارتابل دستگاه بازگرداند."
NOT_YOURS = "درخواستی را که همکارتان برداشته است فقط خود او یا مدیر دستگاه به کارتابل بازمی‌گرداند."
HELD = "کارشناس دیگری رسیدگی به این درخواست را بر عهده گرفته است."


def named(username: str, first: str, last: str, role: str = "officer", agency: str | None = MUNICIPALITY) -> Client:
    user = staff_create(username=username, role=role, agency_code=agency, password=PASSWORD, first_name=first,
                        last_name=last).member.user  # fmt: skip
    client = Client()
    admin_login(client, user)
    return client


def holder(application: Application) -> User | None:
    application.refresh_from_db()
    return application.assigned_to  # type: ignore[return-value]


def messages_of(application: Application) -> list[str]:
    return list(ApplicationEvent.objects.filter(application=application).values_list("message", flat=True))


def cell(listing: str, column: str) -> str:
    found = re.search(rf'<td class="field-{column}">(.*?)</td>', listing, re.DOTALL)
    assert found, listing
    return found.group(1)


def test_colleagues_see_the_officers_name_and_the_applicant_only_the_role() -> None:
    application = waiting_application()
    ali = named("ali.rezaei", "علی", "رضایی")
    assert ali.post(page(application, "claim")).status_code == 302

    colleague = logged_in("tehran-officer-2", "officer", MUNICIPALITY)
    assert cell(colleague.get(INBOX).content.decode(), "claimed_by") == "علی رضایی"
    timeline = colleague.get(page(application)).content.decode().split('id="timeline"')[1]
    assert "کارشناس دستگاه: علی رضایی" in timeline

    applicant = Client()
    applicant.force_login(application.citizen.user)
    mine = applicant.get(f"/me/applications/{application.tracking_code}/").content.decode()
    assert "کارشناس شهرداری تهران" in mine
    assert "علی رضایی" not in mine and "ali.rezaei" not in mine


def test_an_officer_without_a_name_is_their_login_to_colleagues_and_never_named_twice() -> None:
    application = waiting_application()
    officer = logged_in("tehran-officer", "officer", MUNICIPALITY)
    officer.post(page(application, "claim"))
    listing = officer.get(INBOX).content.decode()
    assert cell(listing, "claimed_by") == '<bdi dir="ltr">tehran-officer</bdi>'
    timeline = officer.get(page(application)).content.decode().split('id="timeline"')[1]
    assert "کارشناس دستگاه: کارشناس دستگاه" not in timeline
    assert "کارشناس رسیدگی به درخواست را بر عهده گرفت." in timeline


def test_the_officer_who_took_an_application_gives_it_back_to_the_inbox() -> None:
    application = waiting_application()
    officer = named("ali.rezaei", "علی", "رضایی")
    officer.post(page(application, "claim"))
    assert "بازگرداندن به کارتابل" in officer.get(page(application)).content.decode()

    response = officer.post(page(application, "release"), follow=True)
    assert "درخواست به کارتابل دستگاه بازگشت تا کارشناسی آن را بردارد." in response.content.decode()
    assert holder(application) is None and application.claimed_at is None
    assert messages_of(application)[-1] == RELEASED_BY_HOLDER
    last = ApplicationEvent.objects.filter(application=application).last()
    assert last is not None and (last.actor, last.actor_name) == ("officer", "علی رضایی")
    assert RELEASED_BY_HOLDER in response.content.decode().split('id="timeline"')[1]

    colleague = logged_in("tehran-officer-2", "officer", MUNICIPALITY)
    colleague.post(page(application, "claim"))
    assert holder(application).username == "tehran-officer-2"  # type: ignore[union-attr]


def test_an_officer_may_not_give_back_a_colleagues_application() -> None:
    application = waiting_application()
    named("ali.rezaei", "علی", "رضایی").post(page(application, "claim"))
    colleague = logged_in("tehran-officer-2", "officer", MUNICIPALITY)
    assert "بازگرداندن به کارتابل" not in colleague.get(page(application)).content.decode()
    before = messages_of(application)

    response = colleague.post(page(application, "release"), follow=True)
    assert NOT_YOURS in response.content.decode()
    assert holder(application).username == "ali.rezaei"  # type: ignore[union-attr]
    assert messages_of(application) == before
    colleague.post(INBOX, {"action": "release", "_selected_action": [str(application.pk)]})
    assert holder(application).username == "ali.rezaei"  # type: ignore[union-attr]


def test_the_agencys_admin_gives_back_anyones_application_and_the_timeline_says_so() -> None:
    application = waiting_application()
    named("ali.rezaei", "علی", "رضایی").post(page(application, "claim"))
    admin = named("maryam.ahmadi", "مریم", "احمدی", role="agency_admin")
    detail = admin.get(page(application)).content.decode()
    assert HELD in detail and "علی رضایی آن را برداشته" in detail and "بازگرداندن به کارتابل" in detail

    assert admin.post(page(application, "release")).status_code == 302
    assert holder(application) is None
    assert messages_of(application)[-1] == RELEASED_BY_ADMIN
    last = ApplicationEvent.objects.filter(application=application).last()
    assert last is not None and last.actor_name == "مریم احمدی"


def test_the_release_action_of_the_list_gives_back_the_selected_applications() -> None:
    first, second = waiting_application(), waiting_application()
    officer = logged_in("tehran-officer", "officer", MUNICIPALITY)
    officer.post(INBOX, {"action": "claim", "_selected_action": [str(first.pk), str(second.pk)]})
    assert holder(first) is not None and holder(second) is not None
    response = officer.post(INBOX, {"action": "release", "_selected_action": [str(first.pk), str(second.pk)]},
                            follow=True)  # fmt: skip
    assert "۲ درخواست به کارتابل دستگاه بازگشت." in response.content.decode()
    assert holder(first) is None and holder(second) is None


def test_nobody_else_gives_back_an_application_another_agency_or_a_supervisor() -> None:
    application = waiting_application()
    agency_upsert(code="faraja", name="فرماندهی انتظامی")
    officer = logged_in("tehran-officer", "officer", MUNICIPALITY)
    officer.post(page(application, "claim"))
    assert logged_in("faraja-admin", "agency_admin", "faraja").post(page(application, "release")).status_code == 404
    assert logged_in("nazer", "supervisor", None).post(page(application, "release")).status_code == 403
    assert officer.get(page(application, "release")).status_code == 405
    assert holder(application).username == "tehran-officer"  # type: ignore[union-attr]


def test_an_application_nobody_took_is_not_given_back() -> None:
    application = waiting_application()
    response = logged_in("tehran-admin", "agency_admin", MUNICIPALITY).post(page(application, "release"), follow=True)
    assert "کسی این درخواست را برنداشته است؛ در کارتابل دستگاه است." in response.content.decode()
    assert messages_of(application) == []


def test_the_decide_page_says_who_holds_the_application_before_the_form() -> None:
    application = waiting_application()
    named("ali.rezaei", "علی", "رضایی").post(page(application, "claim"))
    colleague = logged_in("tehran-officer-2", "officer", MUNICIPALITY)

    decide = colleague.get(page(application, "decide")).content.decode()
    assert HELD in decide and "علی رضایی آن را برداشته و تصمیم با اوست." in decide
    assert 'name="reason"' not in decide and "ثبت تصمیم" not in decide
    detail = colleague.get(page(application)).content.decode()
    assert HELD in detail and "تصمیم‌گیری</a>" not in detail
    assert f"<h2>{shown_code(application)}</h2>" in detail  # the page's heading in Persian digits

    own = logged_in("tehran-officer", "officer", MUNICIPALITY)
    free = waiting_application()
    assert 'name="reason"' in own.get(page(free, "decide")).content.decode()


def test_a_colleagues_claim_is_not_cleared_by_asking_the_agencies_again() -> None:
    """«استعلام دوباره از دستگاه‌ها» takes an application out of the inbox: not from under a colleague."""
    from panjereh.applications import services
    from panjereh.core.errors import Conflict, NotAllowed

    application = waiting_application()
    ali = named("ali.rezaei", "علی", "رضایی")
    assert ali.post(page(application, "claim")).status_code == 302
    logged_in("tehran-officer-3", "officer", MUNICIPALITY)
    colleague = User.objects.get(username="tehran-officer-3")
    with pytest.raises(NotAllowed) as refused:
        services.application_ask_again(application=application, user=colleague, name="کارشناس")
    assert refused.value.code == "ask_again_not_allowed" and holder(application) is not None
    with pytest.raises(Conflict):  # the holder may; this one has nothing to ask again
        services.application_ask_again(application=application, user=User.objects.get(username="ali.rezaei"),
                                       name="علی رضایی")  # fmt: skip
