"""What the person says of a service: a rating of a finished one, and complaints (both feed the
evaluation)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from panjereh.accounts.models import Citizen
from panjereh.applications.constants import FINAL_STATUSES
from panjereh.applications.models import Application, Complaint, Rating
from panjereh.core.errors import Conflict, InvalidInput, NotFound


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


def complaint_file(*, application: Application, citizen: Citizen, text: str) -> Complaint:
    text = text.strip()
    if application.citizen_id != citizen.pk:
        raise NotFound("not_found", "درخواستی با این کد رهگیری پیدا نشد.")
    if len(text) < 10:
        raise InvalidInput("complaint_too_short", "شرح شکایت را دست‌کم در ده نویسه بنویسید.", "text")
    return Complaint.objects.create(
        application=application, citizen=citizen, agency=application.agency, text=text[:2000]
    )
