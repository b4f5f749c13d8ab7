"""The back office's own chrome speaks Persian digits: the paginator, the counts beside the search box
and in the action bar, the sorting priorities, the counts of the filters, the years of a date
hierarchy and a deletion's summary. What keeps Latin digits keeps them: addresses, attributes, inputs,
and whatever is wrapped in <bdi dir="ltr"> or <code>."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from conftest import LatinDigitText, admin_login
from panjereh.accounts.templatetags.admin_digits import fa_facet_count
from panjereh.agencies.models import Agency
from panjereh.agencies.services import agency_upsert
from panjereh.notifications.services import notify
from panjereh.persian import to_persian_digits

pytestmark = pytest.mark.usefixtures("catalog")  # five agencies of the catalog, beside the ones made here


class Chrome(LatinDigitText):
    """The text a person reads on an admin page, less the rows' own data (#result_list's body: the
    agencies' codes and dates are theirs, not the admin's chrome)."""

    def leaves_out(self, tag: str, attrs: dict[str, str | None]) -> bool:
        return tag == "tbody" and any(id_ == "result_list" for _, _, id_ in self.open)


def text_of(page: str, css_class: str) -> str:
    """The text of the first element with this class, tags dropped and spaces folded."""
    match = re.search(rf'<(\w+)[^>]*class="[^"]*\b{css_class}\b[^"]*"[^>]*>(.*?)</\1>', page, re.DOTALL)
    assert match, f"no .{css_class} on the page"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(2)).split())


@pytest.fixture
def superuser_client() -> Client:
    client = Client()
    admin_login(client, User.objects.create_superuser("root", "root@example.ir", "a-long-test-password-1404"))
    return client


@pytest.fixture
def many_agencies(monkeypatch: pytest.MonkeyPatch) -> None:
    """120 agencies more, ten to a page: twelve pages, so the paginator elides some of them."""
    for n in range(1, 121):
        agency_upsert(code=f"sample-{n}", name=f"اداره نمونه {to_persian_digits(n)}")
    monkeypatch.setattr(admin.site.get_model_admin(Agency), "list_per_page", 10)


def test_a_changelists_paginator_counts_and_action_bar_use_persian_digits(
    superuser_client: Client, many_agencies: None
) -> None:
    # Searched (a count beside the search box), sorted by two columns and with the filters' counts shown.
    response = superuser_client.get("/admin/agencies/agency/", {"q": "نمونه", "o": "1.2", "_facets": "1"})
    assert response.status_code == 200
    page = response.content.decode()

    assert text_of(page, "paginator") == "۱ ۲ ۳ ۴ … ۱۱ ۱۲ ۱۲۰ دستگاه‌های اجرایی نمایش همه"
    # The links' addresses keep their Latin digits: the page's number and the search are what they were.
    links = dict(re.findall(r'<a href="([^"]*)"[^>]*>([۰-۹]+)</a>', page.split('class="paginator"')[1]))
    assert links["?_facets=1&amp;o=1.2&amp;p=12&amp;q=%D9%86%D9%85%D9%88%D9%86%D9%87"] == "۱۲"
    assert text_of(page, "small quiet") == "۱۲۰ نتیجه (در مجموع ۱۲۵ تا)"
    assert '<span class="action-counter" data-actions-icnt="10">۰ از ۱۰ انتخاب شده‌اند</span>' in page
    assert text_of(page, "all hidden") == "همه موارد ۱۲۰ انتخاب شده"
    assert text_of(page, "question hidden") == "انتخاب تمامی ۱۲۰ دستگاه‌های اجرایی"
    assert re.findall(r'<span class="sortpriority" title="([^"]+)">([^<]+)</span>', page) == [
        ("اولویت مرتب‌سازی: ۱", "۱"),
        ("اولویت مرتب‌سازی: ۲", "۲"),
    ]
    assert ">سازمان (۱۲۰)</a>" in page  # the kind filter's count («نمایش تعداد»)

    assert Chrome(page).latin() == []


def test_what_was_typed_the_addresses_and_the_rows_codes_keep_their_digits(
    superuser_client: Client, many_agencies: None
) -> None:
    page = superuser_client.get("/admin/agencies/agency/", {"q": "اداره 1", "o": "1.2"}).content.decode()
    assert '<input type="text" size="40" name="q" value="اداره 1" id="searchbar">' in page
    assert '<input type="hidden" name="o" value="1.2">' in page
    assert '<td class="field-code">sample-1</td>' in page


def test_a_date_hierarchys_year_and_day_use_persian_digits(superuser_client: Client) -> None:
    root = User.objects.get(username="root")
    notify(user_id=root.pk, dedupe_key="digits-test", title="پیام آزمایشی", body="متن")
    page = superuser_client.get("/admin/notifications/notification/").content.decode()
    # One message, so the hierarchy opens at its day: a link back to its (Gregorian, Django's) year, then the day.
    dates = re.search(r'<nav class="toplinks">(.*?)</nav>', page, re.DOTALL)
    assert dates, "no date hierarchy"
    today = timezone.localdate()
    shown = " ".join(Chrome(dates.group(1)).texts).split()
    assert shown[:3] == ["‹", to_persian_digits(today.year), to_persian_digits(today.day)], shown
    assert Chrome(page).latin() == []


def test_a_deletions_summary_counts_in_persian_digits(superuser_client: Client) -> None:
    agency = agency_upsert(code="unused", name="دستگاهی بی‌خدمت")  # nothing of it keeps it from being deleted
    page = superuser_client.get(f"/admin/agencies/agency/{agency.pk}/delete/").content.decode()
    assert "<li>دستگاه‌های اجرایی: ۱</li>" in page
    assert Chrome(page).latin() == []


def test_a_facet_count_is_made_persian_and_the_choices_own_text_is_not() -> None:
    assert fa_facet_count("تمام الکترونیکی (37)") == "تمام الکترونیکی (۳۷)"
    assert fa_facet_count("faraja-sandbox-2 (3)") == "faraja-sandbox-2 (۳)"
    assert fa_facet_count("faraja-sandbox-2") == "faraja-sandbox-2"
