"""Help and trust: the pages of text, and "was this page useful?" on every page, which reaches the
supervisor; nothing personal kept, and no way to bounce a person to another site."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import altcha
import pytest
from django.test import Client
from django.utils import timezone

from panjereh.accounts.tests.staff_world import logged_in
from panjereh.agencies.services import agency_upsert
from panjereh.help.models import PageFeedback
from panjereh.help.services import safe_path


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("/help/", "راهنمای پنجره ملی"),
        ("/contact/", "نمونه"),
        ("/privacy/", "بی‌نام است"),
        ("/terms/", "شرایط استفاده"),
        ("/accessibility/", "WCAG 2.1"),
    ],
)
def test_the_pages_of_text(db: None, client: Client, path: str, says: str) -> None:
    page = client.get(path).content.decode()
    assert says in page and 'id="page-feedback"' in page and 'href="/accessibility/"' in page


def test_a_page_was_useful_or_not_or_had_a_problem(db: None, client: Client) -> None:
    answer = client.post("/feedback/", {"path": "/services/?q=گذرنامه", "useful": "yes"})
    assert answer.status_code == 303
    assert unquote(answer["Location"]) == "/services/?q=گذرنامه&feedback=thanks#page-feedback"
    client.post("/feedback/", {"path": "/help/", "useful": "no"})
    client.post("/feedback/", {"path": "/help/", "useful": "", "text": "  پیوند تماس کار نمی‌کند  "})
    rows = list(PageFeedback.objects.order_by("pk").values_list("path", "useful", "text"))
    assert rows == [
        ("/services/?q=گذرنامه", True, ""),
        ("/help/", False, ""),
        ("/help/", None, "پیوند تماس کار نمی‌کند"),
    ]
    thanked = client.get("/help/?feedback=thanks").content.decode()
    assert "سپاس از بازخورد شما" in thanked


def test_nothing_said_or_too_much_is_refused(db: None, client: Client) -> None:
    assert client.post("/feedback/", {"path": "/help/", "useful": ""}).status_code == 400
    assert client.post("/feedback/", {"path": "/help/", "text": "x" * 2001}).status_code == 400
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize(
    "path", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "help", "/\\evil.example", "/a\nb"]
)
def test_the_way_back_is_this_sites_own(path: str) -> None:
    assert safe_path(path) == "/"


def test_the_supervisor_reads_it_and_marks_it_handled(db: None, client: Client) -> None:
    agency_upsert(code="faraja", name="فراجا")
    client.post("/feedback/", {"path": "/help/", "text": "متن صفحه ناخواناست"})
    supervisor = logged_in("council", "supervisor", None)
    listing = supervisor.get("/admin/help/pagefeedback/").content.decode()
    assert "متن صفحه ناخواناست" in listing
    feedback = PageFeedback.objects.get()
    supervisor.post("/admin/help/pagefeedback/", {"action": "mark_handled", "_selected_action": [feedback.pk]})
    feedback.refresh_from_db()
    assert feedback.handled_at is not None and feedback.handled_at <= timezone.now()
    officer = logged_in("officer", "officer", "faraja")
    assert officer.get("/admin/help/pagefeedback/").status_code in (302, 403)


@pytest.mark.usefixtures("still_windows")
def test_one_address_records_twenty_an_hour_and_a_refusal_writes_nothing(db: None) -> None:
    script = Client(REMOTE_ADDR="10.2.0.1")
    assert script.post("/feedback/", {"path": "/help/", "useful": ""}).status_code == 400  # not counted
    answers = [script.post("/feedback/", {"path": f"/flood/{n}", "useful": "no", "text": f"پیام {n}"}).status_code
               for n in range(21)]  # fmt: skip
    assert answers == [303] * 20 + [429]
    refused = script.post("/feedback/", {"path": "/help/", "text": "مشکل"})
    page = refused.content.decode()
    assert refused.status_code == 429 and 'dir="rtl"' in page and "بازخورد بسیاری" in page
    assert PageFeedback.objects.count() == 20
    assert Client(REMOTE_ADDR="10.2.0.2").post("/feedback/", {"path": "/help/", "useful": "yes"}).status_code == 303
    assert PageFeedback.objects.count() == 21


@pytest.mark.usefixtures("still_windows")
def test_past_the_free_allowance_a_person_behind_a_busy_address_sends_feedback_with_a_proof(
    db: None, settings: Any
) -> None:
    """A carrier puts many people behind one address: the twenty-first is asked for a proof of work, on a
    page that keeps what they wrote; each proof records one feedback, once."""
    settings.ALTCHA_COST = 50  # the same protocol, less work for the test machine
    crowd = Client(REMOTE_ADDR="10.2.0.3")
    for n in range(20):
        crowd.post("/feedback/", {"path": f"/others/{n}", "useful": "yes"})
    asked = crowd.post("/feedback/", {"path": "/help/", "useful": "", "text": "پیوند راهنما شکسته است"})
    page = asked.content.decode()
    assert asked.status_code == 429 and "«من ربات نیستم» را تأیید کنید" in page and "<altcha-widget" in page
    assert "پیوند راهنما شکسته است</textarea>" in page and 'name="path" value="/help/"' in page
    assert 'id="page-feedback"' not in page  # not a second feedback form on the page
    proof = solved(crowd)
    sent = crowd.post("/feedback/", {"path": "/help/", "useful": "", "text": "پیوند راهنما شکسته است", "altcha": proof})
    assert sent.status_code == 303
    assert PageFeedback.objects.filter(path="/help/", text="پیوند راهنما شکسته است").count() == 1
    again = crowd.post("/feedback/", {"path": "/help/", "useful": "no", "altcha": proof})  # a proof is used once
    assert again.status_code == 400 and "پذیرفته نشد" in again.content.decode()
    assert crowd.post("/feedback/", {"path": "/help/", "useful": "no", "altcha": "نادرست"}).status_code == 400
    assert PageFeedback.objects.count() == 21


def solved(client: Client) -> str:
    """What the browser's widget sends: the challenge the server gave, solved."""
    challenge = altcha.Challenge.from_dict(client.get("/api/v1/auth/challenge").json())
    solution = altcha.solve_challenge(challenge)
    assert solution is not None
    return altcha.Payload(challenge, solution).to_base64()


@pytest.mark.usefixtures("still_windows")
def test_one_ipv6_subscriber_is_one_address_however_many_of_its_addresses_it_uses(db: None) -> None:
    """A subscriber is given a whole /64: its 2**64 addresses are one asker, not 2**64 allowances."""
    answers = [Client(REMOTE_ADDR=f"2001:db8:1:2::{n:x}").post("/feedback/", {"path": "/help/", "useful": "no"})
               for n in range(1, 23)]  # fmt: skip
    assert [answer.status_code for answer in answers] == [303] * 20 + [429] * 2
    assert (
        Client(REMOTE_ADDR="2001:db8:1:3::1").post("/feedback/", {"path": "/help/", "useful": "no"}).status_code == 303
    )


@pytest.mark.parametrize(
    ("page", "kept"),
    [
        ("/verify/V9HV5DXK7ZNHQF48?p=PJ1.claims-of-the-holder", "/verify/V9HV5DXK7ZNHQF48"),
        ("/me/applications/740512345678/?payment=6f1c", "/me/applications/740512345678/"),
        (
            "/services/?q=گذرنامه و ویزا&category=travel&utm=x&p=y",
            "/services/?q=گذرنامه و ویزا&category=travel",
        ),
    ],
)
def test_a_feedback_keeps_the_pages_path_and_only_the_searchs_words(db: None, page: str, kept: str) -> None:
    """Supervisors read every feedback: a page's query may carry a document's signed claims or a payment's id."""
    answer = Client(REMOTE_ADDR="10.2.0.9").post("/feedback/", {"path": page, "useful": "no"})
    assert answer.status_code == 303 and unquote(answer["Location"]).startswith(page)  # back to the page itself
    assert PageFeedback.objects.get().path == kept
