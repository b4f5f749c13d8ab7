"""A complaint's page in the back office: named by its number (not by the person's text); once answered it
is read only, with no save button, and a form posted anyway (a page opened before a colleague answered)
changes nothing and is told so, never a 500."""

from __future__ import annotations

import re

import pytest

from panjereh.accounts.tests.staff_world import logged_in
from panjereh.applications import services
from panjereh.applications.models import ApplicationEvent, Complaint
from panjereh.notifications.models import Notification
from panjereh.persian import to_persian_digits

from .back_office_world import MUNICIPALITY, waiting_application

pytestmark = pytest.mark.django_db
TEXT = "پروانه دیر صادر شد و کسی پاسخ نداد؛ سه بار به دفتر رفتم و هر بار گفتند فردا."
ANSWER = "پرونده بررسی شد؛ پروانه شما صادر شده و در بخش اسناد است."
ALREADY = "به این شکایت پیش‌تر پاسخ داده شده است؛ پاسخ تغییر نمی‌کند."


def filed() -> Complaint:
    application = waiting_application()
    return services.complaint_file(application=application, citizen=application.citizen, text=TEXT)


def url(complaint: Complaint, step: str = "change") -> str:
    return f"/admin/applications/complaint/{complaint.pk}/{step}/"


def headings(page: str) -> list[str]:
    return [re.sub(r"\s+", " ", h) for h in re.findall(r"<h[12]>(.*?)</h[12]>", page, re.DOTALL)]


def test_an_answered_complaint_shows_no_save_button_and_a_post_changes_nothing() -> None:
    complaint = filed()
    officer = logged_in("tehran-officer", "officer", MUNICIPALITY)
    assert officer.post(url(complaint), {"answer": ANSWER}).status_code == 302
    complaint.refresh_from_db()
    answered_at, events, notes = complaint.answered_at, ApplicationEvent.objects.count(), Notification.objects.count()
    assert answered_at is not None

    page = officer.get(url(complaint)).content.decode()
    assert ANSWER in page
    assert 'name="_save"' not in page and 'name="_continue"' not in page and 'name="answer"' not in page

    for posted in ({"answer": "پاسخ دیگری که نباید جای پاسخ نخست بنشیند."}, {}):
        response = officer.post(url(complaint), posted)
        assert response.status_code == 302 and response["Location"] == url(complaint)
        assert ALREADY in officer.get(response["Location"]).content.decode()
    complaint.refresh_from_db()
    assert (complaint.answer, complaint.answered_at) == (ANSWER, answered_at)
    assert (ApplicationEvent.objects.count(), Notification.objects.count()) == (events, notes)


def test_a_colleagues_page_opened_before_the_answer_changes_nothing_after_it() -> None:
    complaint = filed()
    first, second = logged_in("tehran-officer", "officer", MUNICIPALITY), logged_in("t2", "officer", MUNICIPALITY)
    assert 'name="answer"' in second.get(url(complaint)).content.decode()  # open, unanswered
    first.post(url(complaint), {"answer": ANSWER})
    response = second.post(url(complaint), {"answer": "پاسخ همکار که دیر رسید و نباید ثبت شود."}, follow=True)
    assert response.status_code == 200 and ALREADY in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.answer == ANSWER


def test_the_page_is_headed_by_the_complaints_number_not_its_text() -> None:
    complaint = filed()
    number = to_persian_digits(complaint.number)
    officer = logged_in("tehran-officer", "officer", MUNICIPALITY)
    for step in ("change", "history"):
        page = officer.get(url(complaint, step)).content.decode()
        assert any(number in heading for heading in headings(page)), headings(page)
        assert not any(TEXT[:20] in heading for heading in headings(page))
        title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
        assert title and TEXT[:20] not in title.group(1) and number in title.group(1)
        crumbs = page.split('class="breadcrumbs"')[1].split("</div>")[0]
        assert f'شکایت شماره <bdi dir="ltr">{number}</bdi>' in crumbs and TEXT[:20] not in crumbs
    assert TEXT in officer.get(url(complaint)).content.decode()  # the text is still on the page, as a field
