"""What the person says of a service: a rating of a finished one, and complaints (both feed the
evaluation)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.applications.constants import COMPLAINT_ANSWER_DAYS, FINAL_STATUSES, Actor
from panjereh.applications.models import Application, Complaint, Rating
from panjereh.applications.services.timeline import event
from panjereh.applications.tracking import new_tracking_code
from panjereh.core.errors import Conflict, InvalidInput, NotFound
from panjereh.core.working_days import working_deadline
from panjereh.notifications.services import notify
from panjereh.persian import clean_input, format_date, to_persian_digits


def rating_add(*, application: Application, citizen: Citizen, stars: int, comment: str) -> Rating:
    if application.citizen_id != citizen.pk or application.status not in FINAL_STATUSES:
        raise Conflict("not_finished", "فقط خدمتی را که به نتیجه رسیده است می‌توانید امتیاز دهید.")
    if not 1 <= stars <= 5:
        raise InvalidInput("invalid_stars", "امتیاز باید از ۱ تا ۵ باشد.", "stars")
    try:
        with transaction.atomic():
            return Rating.objects.create(
                application=application, stars=stars, comment=comment.strip()[:1000], created_at=timezone.now()
            )
    except IntegrityError:
        raise Conflict("already_rated", "این خدمت را پیش‌تر امتیاز داده‌اید.") from None


ANSWER_LEAST = 10  # characters of the agency's answer to a complaint, spaces collapsed (as officers' reasons)
LAST_MOMENT = datetime.timedelta(microseconds=1)  # a due time at midnight is the end of the day before


def complaint_file(*, application: Application, citizen: Citizen, text: str) -> Complaint:
    """A complaint about the agency's handling: a number the person can quote, a deadline for the agency
    (COMPLAINT_ANSWER_DAYS working days), and a line on the application's timeline."""
    text = text.strip()
    if application.citizen_id != citizen.pk:
        raise NotFound("not_found", "درخواستی با این کد رهگیری پیدا نشد.")
    if len(clean_input(text)) < 10:  # spaces and invisible characters are not a complaint
        raise InvalidInput("complaint_too_short", "شرح شکایت را دست‌کم در ده نویسه بنویسید.", "text")
    due = working_deadline(timezone.now(), datetime.timedelta(days=COMPLAINT_ANSWER_DAYS))  # working days
    with transaction.atomic():
        complaint = Complaint.objects.create(
            application=application, citizen=citizen, agency=application.agency, text=text[:2000],
            number=new_tracking_code(), due_at=due,
        )  # fmt: skip
        event(application, application.status, f"شکایت شماره {to_persian_digits(complaint.number)} ثبت شد؛ "
              f"{application.agency.name} تا {format_date(due - LAST_MOMENT)} پاسخ می‌دهد.", Actor.CITIZEN)  # fmt: skip
    return complaint


def complaint_answer(*, complaint: Complaint, text: str, by: str) -> Complaint:
    """The agency answers: once; the answer goes on the application's timeline and to the person (in the
    app and by SMS), with the complaint's number."""
    text = text.strip()
    if len(clean_input(text)) < ANSWER_LEAST:  # runs of spaces and invisible characters count once, or not at all
        raise InvalidInput("answer_too_short", "پاسخ را دست‌کم در ده نویسه بنویسید.", "answer")
    with transaction.atomic():
        complaint = (
            Complaint.objects.select_for_update()
            .select_related("application__definition", "citizen")
            .get(pk=complaint.pk)
        )
        if complaint.answered_at is not None:
            raise Conflict("already_answered", "به این شکایت پیش‌تر پاسخ داده شده است.")
        complaint.answered_at, complaint.answer, complaint.answered_by = timezone.now(), text[:2000], by[:150]
        complaint.save(update_fields=["answered_at", "answer", "answered_by", "updated_at"])
        application, number = complaint.application, to_persian_digits(complaint.number)
        event(application, application.status, f"پاسخ به شکایت شماره {number}: {text}", Actor.OFFICER, by)
        notify(
            user_id=complaint.citizen.user_id, dedupe_key=f"complaint:{complaint.pk}:answered",
            title=f"پنجره ملی: پاسخ شکایت {number}",
            body=f"{application.agency.name} به شکایت شماره {number} پاسخ داد: {text}"[:500],
            url=f"/me/applications/{application.tracking_code}/", mobile=complaint.citizen.mobile,
        )  # fmt: skip
    return complaint
