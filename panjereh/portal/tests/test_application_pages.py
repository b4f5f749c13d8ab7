"""The person's pages for applying and following applications, over the real exchange path."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from panjereh.agencies.models import Agency
from panjereh.applications.models import Application, Complaint, IssuedDocument, Rating
from panjereh.applications.tests.conftest import WITH_RECORD, citizen, client_for, run_tasks
from panjereh.applications.tests.conftest import world as world  # the fixture: live exchange + sample definitions
from panjereh.catalog.models import Service

pytestmark = pytest.mark.usefixtures("world")

CERTIFICATE = "judiciary-criminal-record-certificate"  # the catalog profile of criminal-record-certificate
EXEMPTION = "conscription-study-exemption"  # a form with text and choice fields
STUDY = {"university": "دانشگاه تهران", "degree": "master", "student_number": "۴۰۱۱۲۳"}


def page(client: Client, path: str, expect: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == expect, response.status_code
    return response.content.decode()


def key_of(form_page: str) -> str:
    match = re.search(r'name="idempotency_key" value="([^"]+)"', form_page)
    assert match, "the apply form carries an idempotency key"
    return match.group(1)


def submit(client: Client, service: str, data: dict[str, Any] | None = None, key: str | None = None) -> Any:
    if key is None:
        key = key_of(page(client, f"/services/{service}/apply/"))
    return client.post(f"/services/{service}/apply/", {**(data or {}), "idempotency_key": key})


def applied(client: Client, service: str = CERTIFICATE, data: dict[str, Any] | None = None) -> str:
    """Applies through the pages; returns the tracking code the person is sent to."""
    response = submit(client, service, data)
    assert response.status_code == 302, response.content.decode()
    match = re.fullmatch(r"/me/applications/(\d{12})/", response["Location"])
    assert match, response["Location"]
    return match.group(1)


def test_the_apply_button_is_shown_only_for_a_service_with_an_online_definition(client: Client) -> None:
    assert f'href="/services/{CERTIFICATE}/apply/"' in page(client, f"/services/{CERTIFICATE}/")
    assert "درخواست برخط" in page(client, f"/services/{CERTIFICATE}/")
    Service.objects.create(code="judiciary-paper-only", agency=Agency.objects.get(code="judiciary"), title="خدمت کاغذی")
    assert "درخواست برخط" not in page(client, "/services/judiciary-paper-only/")
    page(client, "/services/judiciary-paper-only/apply/", expect=404)


def test_the_profile_tells_what_the_online_service_charges_and_asks_for(client: Client) -> None:
    """The catalog's profile may name a fee the agency charges at its counter; the online service's own
    definition says what the person pays here, and a service with no form does not ask them to fill one."""
    Service.objects.filter(code=CERTIFICATE).update(fee_rials=500_000)
    profile = page(client, f"/services/{CERTIFICATE}/")
    assert "<dt>هزینه</dt><dd>رایگان" in profile and "۵۰۰٬۰۰۰" not in profile
    assert "فرم را پر کنید" not in profile  # the certificate has no form
    assert "فرم را پر کنید" in page(client, f"/services/{EXEMPTION}/")


def test_an_anonymous_person_is_sent_to_log_in_and_back(client: Client) -> None:
    response = client.get(f"/services/{CERTIFICATE}/apply/")
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=/services/{CERTIFICATE}/apply/"


def test_the_form_explains_the_inquiries_instead_of_asking_for_papers() -> None:
    client = client_for(citizen())
    form = page(client, f"/services/{CERTIFICATE}/apply/")
    assert "این مدارک را از شما نمی‌خواهیم؛ از دستگاه‌ها استعلام می‌شود" in form
    assert "قوه قضاییه" in form and "ثبت احوال" in form
    assert "تأیید و ثبت درخواست" in form and 'type="file"' not in form
    fields = page(client, f"/services/{EXEMPTION}/apply/")
    assert "نام دانشگاه" in fields and "کارشناسی ارشد" in fields


def test_a_form_with_mistakes_is_shown_again_with_persian_errors_next_to_each_field() -> None:
    client = client_for(citizen())
    response = submit(client, EXEMPTION, {"university": "", "degree": "kindergarten", "student_number": "۱۲"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "«نام دانشگاه» را وارد کنید." in body
    assert "گزینه «مقطع تحصیلی» از میان گزینه‌های فهرست نیست." in body
    summary = body.split('class="alert alert-danger error-summary" role="alert"')[1].split("</div>")[0]  # at the top
    assert '<a href="#id_university">«نام دانشگاه» را وارد کنید.</a>' in summary and body.index(summary) < body.index(
        'name="university"'
    )
    assert 'value="۱۲"' in body  # what the person typed is kept
    assert not Application.objects.exists()
    postal = submit(client, "faraja-passport-renewal", {"delivery_postal_code": "12"}).content.decode()
    assert "«کد پستی نشانی تحویل» باید کد پستی ده‌رقمی درست باشد." in postal


def test_a_double_click_makes_one_application() -> None:
    client = client_for(citizen())
    key = key_of(page(client, f"/services/{EXEMPTION}/apply/"))
    first = submit(client, EXEMPTION, STUDY, key)
    second = submit(client, EXEMPTION, STUDY, key)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Application.objects.count() == 1
    assert Application.objects.get().data["student_number"] == "401123"  # normalised digits


def test_a_form_sent_again_with_other_data_under_the_same_key_is_refused_in_persian() -> None:
    client = client_for(citizen())
    key = key_of(page(client, f"/services/{EXEMPTION}/apply/"))
    submit(client, EXEMPTION, STUDY, key)
    again = submit(client, EXEMPTION, {**STUDY, "degree": "phd"}, key)
    body = again.content.decode()
    assert again.status_code == 400
    assert "این کلید یکتایی پیش‌تر با درخواست دیگری به کار رفته است." in body
    assert key_of(body) != key  # a fresh key, so sending the page again makes the new application
    assert Application.objects.count() == 1


def test_another_persons_application_page_is_not_found() -> None:
    owner = client_for(citizen())
    code = applied(owner)
    stranger = client_for(citizen(WITH_RECORD, "09120004590"))
    page(stranger, f"/me/applications/{code}/", expect=404)
    page(stranger, f"/me/applications/{code}/live/", expect=404)
    assert stranger.post(f"/me/applications/{code}/complaint/", {"text": "شکایت از درخواست دیگری"}).status_code == 404
    page(owner, "/me/applications/123456789012/", expect=404)  # a malformed (bad check digit) code
    assert Client().get(f"/me/applications/{code}/").status_code == 401


def test_the_page_polls_until_the_decision_then_shows_timeline_decision_and_documents() -> None:
    client = client_for(citizen())
    code = applied(client)
    waiting = page(client, f"/me/applications/{code}/")
    assert f'hx-get="/me/applications/{code}/live/"' in waiting and 'hx-trigger="every 1s"' in waiting
    assert "ثبت شده" in waiting
    assert "<script>" not in waiting and "onclick" not in waiting  # no inline script under the CSP
    live = client.get(f"/me/applications/{code}/live/")
    assert "HX-Refresh" not in live and "<html" not in live.content.decode()

    run_tasks()

    assert client.get(f"/me/applications/{code}/live/")["HX-Refresh"] == "true"
    done = page(client, f"/me/applications/{code}/")
    assert "hx-trigger" not in done
    assert "صادر شد" in done
    assert "قوه قضاییه سابقه کیفری برای شما ثبت نکرده است؛ گواهی صادر شد." in done
    assert "استعلام از دستگاه‌ها آغاز شد." in done
    assert re.search(r"[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2}", done)  # Jalali, Persian digits
    document = IssuedDocument.objects.get()
    assert f'href="/me/documents/{document.id}/"' in done and f'href="/verify/{document.id}"' in done
    assert "اعتراض" not in done  # an approval is not appealed
    mine = page(client, "/me/applications/")
    assert f'<bdi dir="ltr">{code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))}</bdi>' in mine
    assert "گواهی عدم سوء پیشینه" in mine and "text-bg-success" in mine
    assert f'href="/me/documents/{document.id}/"' in page(client, "/me/documents/")


def test_an_automatic_rejection_is_shown_with_its_reason_and_may_be_appealed_once() -> None:
    client = client_for(citizen(WITH_RECORD, "09120004590"))
    code = applied(client)
    run_tasks()
    rejected = page(client, f"/me/applications/{code}/")
    assert "رد شد" in rejected and "سابقه محکومیت کیفری" in rejected
    assert f'action="/me/applications/{code}/appeal/"' in rejected

    appealed = client.post(f"/me/applications/{code}/appeal/", {"text": "سابقه من پاک شده است"})
    assert appealed.status_code == 302
    after = page(client, f"/me/applications/{code}/")
    assert "در انتظار بررسی دستگاه" in after and "متقاضی اعتراض کرد: سابقه من پاک شده است" in after
    assert "رد شد</span> — متقاضی اعتراض کرد" not in after  # the appeal is the person's, not a rejection
    assert f'action="/me/applications/{code}/appeal/"' not in after
    again = client.post(f"/me/applications/{code}/appeal/", {"text": ""})
    assert again.status_code == 400
    assert "وضعیت درخواست اجازه این کار را نمی‌دهد." in again.content.decode()


def test_a_finished_application_is_rated_once_and_bad_ratings_are_refused_in_persian() -> None:
    client = client_for(citizen())
    code = applied(client)
    early = client.post(f"/me/applications/{code}/rating/", {"stars": "5"})
    assert early.status_code == 400
    assert "فقط خدمتی را که به نتیجه رسیده است می‌توانید امتیاز دهید." in early.content.decode()
    run_tasks()
    form = page(client, f"/me/applications/{code}/")
    assert '<option value="" selected>انتخاب کنید</option>' in form  # no stars until the person chooses
    none = client.post(f"/me/applications/{code}/rating/", {"stars": ""})
    assert none.status_code == 400 and "امتیاز را انتخاب کنید." in none.content.decode()
    bad = client.post(f"/me/applications/{code}/rating/", {"stars": "9"})
    assert bad.status_code == 400 and "امتیاز باید از ۱ تا ۵ باشد." in bad.content.decode()
    assert client.post(f"/me/applications/{code}/rating/", {"stars": "4", "comment": "سریع بود"}).status_code == 302
    assert Rating.objects.get().stars == 4
    shown = page(client, f"/me/applications/{code}/")
    assert "امتیاز شما به این خدمت" in shown and "سریع بود" in shown
    twice = client.post(f"/me/applications/{code}/rating/", {"stars": "3"})
    assert twice.status_code == 400 and "این خدمت را پیش‌تر امتیاز داده‌اید." in twice.content.decode()


def test_a_complaint_is_filed_and_a_too_short_one_is_refused_in_persian() -> None:
    client = client_for(citizen())
    code = applied(client)
    short = client.post(f"/me/applications/{code}/complaint/", {"text": "بد"})
    assert short.status_code == 400
    assert "شرح شکایت را دست‌کم در ده نویسه بنویسید." in short.content.decode()
    empty = client.post(f"/me/applications/{code}/complaint/", {"text": ""})
    assert empty.status_code == 400 and "شرح شکایت را بنویسید." in empty.content.decode()
    filed = client.post(f"/me/applications/{code}/complaint/", {"text": "پاسخ درخواست من دیر رسید."})
    assert filed.status_code == 302
    assert "شکایت شما ثبت شد" in page(client, filed["Location"])
    assert Complaint.objects.get().agency.code == "judiciary"


def test_the_inbox_links_the_issued_message_to_its_document_and_marks_it_read() -> None:
    person = citizen()
    client = client_for(person)
    code = applied(client)
    run_tasks()
    document = IssuedDocument.objects.get(application__tracking_code=code)
    inbox = page(client, "/me/inbox/")
    assert "پنجره ملی: گواهی عدم سوء پیشینه" in inbox and "تازه" in inbox
    assert f'<a href="/me/documents/{document.pk}/">دیدن سند</a>' in inbox
    assert 'class="badge text-bg-danger unread-count">۱<' in inbox
    message_id = person.user.notifications.get().pk
    assert client.post(f"/me/inbox/{message_id}/read/").status_code == 302
    inbox = page(client, "/me/inbox/")
    assert "تازه" not in inbox and "unread-count" not in inbox
    account = page(client, "/me/")
    for link in ("/me/applications/", "/me/documents/", "/me/inbox/", "/me/data-access/"):
        assert f'href="{link}"' in account


def test_opening_what_a_message_is_about_reads_it_and_only_that_one() -> None:
    person = citizen()
    client = client_for(person)
    first, second = applied(client), applied(client)
    run_tasks()
    assert person.user.notifications.filter(read_at__isnull=True).count() == 2
    document = IssuedDocument.objects.get(application__tracking_code=first)
    stranger = client_for(citizen("0012345822"))
    page(stranger, f"/me/documents/{document.pk}/", expect=404)  # nobody else's opening reads it
    assert person.user.notifications.filter(read_at__isnull=True).count() == 2
    after = page(client, f"/me/documents/{document.pk}/")
    assert 'unread-count">۱<' in after  # the header counts what is still unread
    assert person.user.notifications.get(url=f"/me/documents/{document.pk}/").read_at is not None
    page(client, f"/me/applications/{second}/")  # the application page reads its document's message too
    assert person.user.notifications.filter(read_at__isnull=True).count() == 0


def test_the_account_pages_ask_an_anonymous_person_to_log_in(client: Client) -> None:
    for path in ("/me/applications/", "/me/documents/", "/me/inbox/"):
        assert "برای دیدن این صفحه باید وارد شوید" in page(client, path, expect=401)


def test_a_second_click_while_the_first_is_still_being_written_waits_for_it_then_says_so_in_persian(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.utils import timezone

    from panjereh.applications.models import IdempotencyKey
    from panjereh.applications.services.submission import request_fingerprint
    from panjereh.portal import application_views

    person = citizen()
    client = client_for(person)
    key = key_of(page(client, f"/services/{CERTIFICATE}/apply/"))
    now = timezone.now()
    IdempotencyKey.objects.create(  # the first click's claim, its application not committed yet
        citizen=person, key=key, request_hash=request_fingerprint("criminal-record-certificate", {}), created_at=now,
        locked_until=now + timezone.timedelta(seconds=30),
    )  # fmt: skip
    monkeypatch.setattr(application_views, "IN_FLIGHT_WAIT_SECONDS", 0.3)
    response = submit(client, CERTIFICATE, key=key)
    assert response.status_code == 400
    assert "همین درخواست هم‌اکنون در حال ثبت است" in response.content.decode()
    assert not Application.objects.exists()


def test_a_title_that_already_says_request_is_not_doubled() -> None:
    client = client_for(citizen())
    form = page(client, "/services/tavanir-electricity-connection/apply/")
    assert '<h1 class="h3 mb-2">درخواست انشعاب برق</h1>' in form and "درخواست درخواست" not in form
    certificate = page(client, "/services/judiciary-criminal-record-certificate/apply/")
    assert '<h1 class="h3 mb-2">درخواست گواهی عدم سوء پیشینه</h1>' in certificate
