"""The words an applicant reads from the agency say something: an officer's decision reason and the answer
to a complaint need ten characters once runs of spaces (and invisible characters) are counted as one;
«x», or «ا» and «ب» with twenty spaces between, are refused in Persian and change nothing."""

from __future__ import annotations

import pytest

from panjereh.accounts.tests.staff_world import logged_in, make_staff
from panjereh.applications import services
from panjereh.applications.constants import Status
from panjereh.core.errors import InvalidInput

from .back_office_world import MUNICIPALITY, page, waiting_application

pytestmark = pytest.mark.django_db
SPACED = "ا" + " " * 20 + "ب"
INVISIBLE = "ا" + "\u200b" * 12 + "ب"  # zero-width spaces: nothing to read
TOO_SHORT = "دلیل تصمیم را دست‌کم در ده نویسه بنویسید؛ متقاضی آن را می‌بیند."


@pytest.mark.parametrize("reason", ["x", "رد شد", SPACED, INVISIBLE, "  نه  \n\n  نه  \t "])
def test_a_decision_reason_without_substance_is_refused_on_the_form(reason: str) -> None:
    application = waiting_application()
    officer = logged_in("tehran-officer", "officer", MUNICIPALITY)
    response = officer.post(page(application, "decide"), {"outcome": "reject", "reason": reason})
    assert response.status_code == 200
    assert TOO_SHORT in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.WAITING_FOR_AGENCY
    assert (application.decision_reason, application.decided_at) == ("", None)


def test_the_service_refuses_it_too_with_its_code_and_field() -> None:
    application = waiting_application()
    officer = make_staff("tehran-officer", "officer", MUNICIPALITY)
    with pytest.raises(InvalidInput) as refused:
        services.application_decide(application=application, user=officer, approved=False, reason=SPACED,
                                    name="کارشناس دستگاه")  # fmt: skip
    assert (refused.value.code, refused.value.field) == ("reason_too_short", "reason")


def test_a_reason_of_ten_characters_is_enough() -> None:
    application = waiting_application()
    officer = logged_in("tehran-officer", "officer", MUNICIPALITY)
    response = officer.post(page(application, "decide"), {"outcome": "reject", "reason": "  نقشه ناقص است  "})
    assert response.status_code == 302
    application.refresh_from_db()
    assert (application.status, application.decision_reason) == (Status.REJECTED, "نقشه ناقص است")


@pytest.mark.parametrize("answer", [SPACED, INVISIBLE])
def test_a_complaint_answer_without_substance_is_refused(answer: str) -> None:
    application = waiting_application()
    complaint = services.complaint_file(application=application, citizen=application.citizen,
                                        text="پروانه دیر صادر شد و کسی پاسخ نداد.")  # fmt: skip
    with pytest.raises(InvalidInput) as refused:
        services.complaint_answer(complaint=complaint, text=answer, by="کارشناس دستگاه")
    assert refused.value.code == "answer_too_short"

    officer = logged_in("tehran-officer", "officer", MUNICIPALITY)
    response = officer.post(f"/admin/applications/complaint/{complaint.pk}/change/", {"answer": answer})
    assert response.status_code == 200 and "پاسخ را دست‌کم در ده نویسه بنویسید." in response.content.decode()
    complaint.refresh_from_db()
    assert (complaint.answered_at, complaint.answer) == (None, "")
