"""The evaluation's pages of the back office: each column named once, the draft card offered only while
a round is a draft or under review, times in the solar calendar, an objection named in words and its
values in percent, as the decision form asks for them."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from conftest import admin_login
from panjereh.evaluation.models import Objection, Round
from panjereh.evaluation.services import objection_decide, objection_file, round_compute, round_publish, round_to_review
from panjereh.evaluation.tests.conftest import AFTER, History

REASON = "پاسخ‌های کند در تیرماه از قطعی برق مرکز داده بود و جبران شد."
AFTER_IN_TEHRAN = "۱۴۰۳/۰۹/۱۱ ساعت ۰۳:۳۰"  # AFTER, 1 December 2024 at midnight UTC
ENGLISH = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def council() -> Client:
    client = Client()
    admin_login(client, User.objects.create_superuser("council", "council@example.ir", "a-long-test-password-1405"))
    return client


@pytest.fixture
def objection(history: History) -> Objection:
    round_compute(code="1403-Q2", now=AFTER)
    round_to_review(code="1403-Q2")
    filed = objection_file(code="1403-Q2", agency=history.poor, indicator="latency", reason=REASON, by="مریم احمدی",
                           now=AFTER)  # fmt: skip
    return objection_decide(objection=filed, accept=True, decision="گزارش قطعی برق را دیدیم؛ پذیرفته شد.",
                            by="ناظر شورا", now=AFTER, corrected=0.9)  # fmt: skip


def column_titles(page: str) -> list[str]:
    head = page.split('<table id="result_list">')[1].split("</thead>")[0]
    titles = [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r'<div class="text">(.*?)</div>', head)]
    return [title for title in titles if title]  # the action column's box has none


def row_of(page: str, text: str) -> str:
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", page.split("<tbody>")[1], re.S) if text in row]
    assert len(rows) == 1, text
    return rows[0]


def labels(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", text).strip() for text in re.findall(r"<label[^>]*>(.*?)</label>", page, re.S)]


def test_the_rounds_list_names_each_column_once_and_offers_a_draft_card_only_before_publishing(
    objection: Objection, council: Client
) -> None:
    round_publish(code="1403-Q2", now=AFTER)
    round_compute(code="1403-Q1", now=AFTER)  # a draft
    page = council.get("/admin/evaluation/round/").content.decode()
    titles = column_titles(page)
    assert titles == ["کد دوره", "دوره", "وضعیت", "زمان سنجش", "زمان انتشار", "کارنامه"]
    assert "کارنامه پیش‌نویس" not in row_of(page, "تابستان ۱۴۰۳")  # published
    draft = Round.objects.get(code="1403-Q1")
    assert f'href="/admin/evaluation/round/{draft.pk}/card/">کارنامه پیش‌نویس</a>' in row_of(page, "بهار ۱۴۰۳")
    assert f'<td class="field-published">{AFTER_IN_TEHRAN}</td>' in row_of(page, "تابستان ۱۴۰۳")
    assert "دسامبر" not in page


def test_a_rounds_page_shows_its_times_in_the_solar_calendar_and_its_weights_in_words(
    objection: Objection, council: Client
) -> None:
    page = council.get(f"/admin/evaluation/round/{objection.round_id}/change/").content.decode()
    assert "<title>تابستان ۱۴۰۳ |" in page
    assert "۱۴۰۳/۰۴/۰۱ ساعت ۰۰:۰۰" in page  # the summer of 1403 begins on 1 Tir, in Tehran
    assert "کاربرمحور: ۳۰، شفاف: ۲۰، یکپارچه: ۳۰، مشارکتی: ۲۰" in page
    assert "user_centric" not in page and "ژوئن" not in page


def test_an_objection_is_named_in_words_and_its_values_are_percents(objection: Objection, council: Client) -> None:
    name = "اعتراض وزارت کند به شاخص «سرعت پاسخ سامانه‌های دستگاه»، تابستان ۱۴۰۳"
    assert str(objection) == name
    page = council.get(f"/admin/evaluation/objection/{objection.pk}/change/").content.decode()
    assert f"<title>{name} |" in page
    shown = labels(page)
    assert [label for label in shown if ENGLISH.search(label)] == []
    assert "دوره:" in shown and "دستگاه:" in shown
    values = re.findall(r'<div class="readonly">(.*?)</div>', page)
    assert "۵۰٪" in values and "۹۰٪" in values and "0.5" not in values
    assert AFTER_IN_TEHRAN in values


def test_the_objections_list_is_persian(objection: Objection, council: Client) -> None:
    page = council.get("/admin/evaluation/objection/").content.decode()
    assert column_titles(page) == ["دوره", "دستگاه", "شاخص", "وضعیت", "زمان ثبت", "زمان تصمیم"]
    row = row_of(page, "وزارت کند")
    assert "تابستان ۱۴۰۳" in row and f'<td class="field-filed">{AFTER_IN_TEHRAN}</td>' in row
    assert "دسامبر" not in page
