"""Review before publishing: an agency's officers read their draft card and object to an indicator; the
council's supervisor accepts (the indicator corrected, the round scored again) or rejects, with a
reason; the published card lists the objections and their outcomes."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from panjereh.accounts.tests.staff_world import logged_in
from panjereh.core.errors import Conflict, InvalidInput, NotFound
from panjereh.evaluation.constants import ObjectionState
from panjereh.evaluation.models import AgencyResult, IndicatorValue, Objection, Round
from panjereh.evaluation.services import objection_decide, objection_file, round_compute, round_publish, round_to_review
from panjereh.evaluation.tests.conftest import AFTER, History

REASON = "پاسخ‌های کند در تیرماه از قطعی برق مرکز داده بود و جبران شد."


def under_review() -> Round:
    round_compute(code="1403-Q2", now=AFTER)
    return round_to_review(code="1403-Q2")


def test_an_accepted_objection_corrects_the_indicator_and_scores_the_round_again(history: History) -> None:
    under_review()
    before = AgencyResult.objects.get(agency=history.poor).score
    objection = objection_file(
        code="1403-Q2", agency=history.poor, indicator="latency", reason=REASON, by="مریم احمدی", now=AFTER
    )
    decided = objection_decide(objection=objection, accept=True, decision="گزارش قطعی برق را دیدیم؛ پذیرفته شد.",
                               by="ناظر شورا", now=AFTER, corrected=0.9)  # fmt: skip
    assert decided.state == ObjectionState.ACCEPTED and decided.value_before == 0.5 and decided.value_after == 0.9
    value = IndicatorValue.objects.get(agency=history.poor, indicator="latency", round__code="1403-Q2")
    assert value.value == 0.9 and value.inputs["corrected_from"] == 0.5
    after = AgencyResult.objects.get(agency=history.poor).score
    assert before is not None and after is not None and after > before
    round_compute(code="1403-Q2", now=AFTER)  # computing again keeps the correction
    assert AgencyResult.objects.get(agency=history.poor).score == after
    with pytest.raises(Conflict):
        round_compute(code="1403-Q2", now=AFTER, remeasure=True)  # would wipe the correction


def test_refusals(history: History) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    with pytest.raises(Conflict):  # a draft not yet open to review
        objection_file(code="1403-Q2", agency=history.poor, indicator="latency", reason=REASON, by="x", now=AFTER)
    round_to_review(code="1403-Q2")
    with pytest.raises(NotFound):
        objection_file(code="1403-Q2", agency=history.poor, indicator="nothing", reason=REASON, by="x", now=AFTER)
    with pytest.raises(InvalidInput):
        objection_file(code="1403-Q2", agency=history.poor, indicator="latency", reason="کوتاه", by="x", now=AFTER)
    objection = objection_file(
        code="1403-Q2", agency=history.poor, indicator="latency", reason=REASON, by="x", now=AFTER
    )
    with pytest.raises(Conflict):  # one open objection per indicator
        objection_file(code="1403-Q2", agency=history.poor, indicator="latency", reason=REASON, by="x", now=AFTER)
    with pytest.raises(InvalidInput):  # accepting needs the corrected value
        objection_decide(objection=objection, accept=True, decision="پذیرفته شد با دلیل کافی", by="x", now=AFTER)
    objection_decide(objection=objection, accept=False, decision="سامانه در همه فصل کند بوده است.", by="x", now=AFTER)
    with pytest.raises(Conflict):
        objection_decide(objection=objection, accept=False, decision="دوباره تصمیم نمی‌گیریم.", by="x", now=AFTER)
    round_publish(code="1403-Q2", now=AFTER)
    with pytest.raises(Conflict):
        objection_file(code="1403-Q2", agency=history.poor, indicator="completion", reason=REASON, by="x", now=AFTER)


def officer_of(agency: str) -> Client:
    return logged_in(f"{agency}-officer", "officer", agency)


def test_the_back_office_journey_to_the_published_card(history: History, client: Client, settings: Any) -> None:
    evaluation_round = under_review()
    card_url = f"/admin/evaluation/round/{evaluation_round.pk}/card/"
    poor = officer_of("poor")
    page = poor.get(card_url).content.decode()
    assert "وزارت کند" in page and "استعلام‌های رسیده: ۲۵" in page and "ثبت اعتراض" in page
    assert "سازمان خوب" not in page  # its own card only
    assert "سازمان خوب" not in poor.get(card_url, {"agency": "good"}).content.decode()  # whatever it asks for
    assert poor.post(card_url, {"indicator": "latency", "reason": REASON}).status_code == 302
    objection = Objection.objects.get()
    assert (objection.agency_id, objection.filed_by) == (history.poor.pk, "کارکن")  # never the username

    good = officer_of("good")
    assert good.get(f"/admin/evaluation/objection/{objection.pk}/change/").status_code == 404
    assert good.post(f"/admin/evaluation/objection/{objection.pk}/decide/", {}).status_code == 403
    assert poor.post(f"/admin/evaluation/objection/{objection.pk}/decide/", {}).status_code == 403  # not its own judge

    council = logged_in("council", "supervisor", None)
    assert (
        "تصمیم درباره این اعتراض" in council.get(f"/admin/evaluation/objection/{objection.pk}/change/").content.decode()
    )
    decide, decision = f"/admin/evaluation/objection/{objection.pk}/decide/", "گزارش قطعی برق را دیدیم؛ پذیرفته شد."
    missing = council.post(decide, {"outcome": "accept", "decision": decision})
    assert missing.status_code == 200 and "میان ۰ و ۱۰۰" in missing.content.decode()
    done = council.post(decide, {"outcome": "accept", "corrected": "90", "decision": decision})
    assert done.status_code == 302
    published = council.post(
        "/admin/evaluation/round/", {"action": "publish", "_selected_action": [evaluation_round.pk]}
    )
    assert published.status_code == 302 and Round.objects.get().state == "published"

    card = client.get("/evaluation/1403-Q2/poor").content.decode()
    listed = card.split("اعتراض‌های دستگاه به پیش‌نویس")[1]
    assert REASON in listed and "پذیرفته شد" in listed and "از ۵۰٪ به ۹۰٪" in listed
