"""The agency's complaints, in its back office: the unanswered first by their deadline, each with the
clock, answered once through `services.complaint_answer` (which puts the answer on the application's
timeline and sends it to the person). Scoped to the member's agency; supervisors read only, and an
answered complaint is read only for everyone (no save button; a form posted anyway changes nothing)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from panjereh.applications import selectors, services
from panjereh.applications.models import Complaint
from panjereh.applications.services.feedback import ANSWER_LEAST
from panjereh.core.admin import AgencyScopedAdmin
from panjereh.core.errors import DomainError
from panjereh.persian import clean_input, format_datetime, to_persian_digits

SHOWN = ("complaint_number", "tracking_code", "service_title", "filed", "due", "clock", "text", "answered")


class AnswerForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Complaint
        fields = ["answer"]
        labels = {"answer": "پاسخ دستگاه"}
        help_texts = {"answer": "این پاسخ با شماره شکایت به متقاضی پیامک می‌شود و در روند درخواستش می‌آید."}

    def clean_answer(self) -> str:
        answer = str(self.cleaned_data.get("answer", "")).strip()
        if len(clean_input(answer)) < ANSWER_LEAST:  # the service's rule, said on the field
            raise forms.ValidationError("پاسخ را دست‌کم در ده نویسه بنویسید.")
        return answer


class AnsweredFilter(admin.SimpleListFilter):
    title = "وضعیت پاسخ"
    parameter_name = "answered"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("no", "بی‌پاسخ"), ("yes", "پاسخ‌داده")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() in ("no", "yes"):
            return queryset.filter(answered_at__isnull=self.value() == "no")
        return queryset


@admin.register(Complaint)
class ComplaintAdmin(AgencyScopedAdmin):
    form = AnswerForm
    list_display = ["complaint_number", "tracking_code", "service_title", "filed", "due", "clock", "answered"]
    list_filter = [AnsweredFilter]
    list_select_related = ["application__definition"]
    search_fields = ["=number", "=application__tracking_code"]  # whole values, through their indexes
    ordering = ["answered_at", "due_at"]  # the unanswered (no answer time) first, by their deadline
    agency_paths = ("agency__code",)
    actions: list[str] = []
    fields = [*SHOWN, "answer"]
    change_form_template = "admin/applications/complaint/change_form.html"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Answered once: the page shows the answer and no save button.
        return (obj is None or obj.answered_at is None) and super().has_change_permission(request, obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return list(SHOWN) if self.has_change_permission(request, obj) else [*SHOWN, "answer"]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        complaint = self.get_object(request, object_id)  # another agency's: 404
        if complaint is None:
            return super().change_view(request, object_id, form_url, extra_context)
        answered = complaint.answered_at is not None
        if request.method == "POST" and answered and self.has_view_permission(request, complaint):
            # A page opened before a colleague answered, or a form posted by hand: nothing changes.
            messages.error(request, "به این شکایت پیش‌تر پاسخ داده شده است؛ پاسخ تغییر نمی‌کند.")
            return HttpResponseRedirect(request.path)
        # The heading names the complaint by its number, not by the person's text.
        title = f"شکایت شماره {to_persian_digits(complaint.number or complaint.pk)}"
        return super().change_view(request, object_id, form_url, {"subtitle": title, **(extra_context or {})})

    def history_view(self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None) -> Any:
        complaint = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if complaint is not None:
            extra["title"] = f"تاریخچه شکایت شماره {to_persian_digits(complaint.number or complaint.pk)}"
        return super().history_view(request, object_id, extra)

    def save_model(self, request: HttpRequest, obj: Complaint, form: Any, change: bool) -> None:
        if "answer" not in form.cleaned_data:  # read only by now (answered meanwhile): nothing to save
            messages.error(request, "به این شکایت پیش‌تر پاسخ داده شده است؛ پاسخ تغییر نمی‌کند.")
            return
        try:
            services.complaint_answer(complaint=obj, text=form.cleaned_data["answer"], by=_answerer(request.user))
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "پاسخ ثبت شد و با شماره شکایت به متقاضی رسید.")

    def message_user(self, request: HttpRequest, message: Any, *args: Any, **kwargs: Any) -> None:
        """Only this admin's own words (save_model's), not Django's generic "changed" message."""

    # Columns.

    @admin.display(description="شماره شکایت", ordering="number")
    def complaint_number(self, obj: Complaint) -> SafeString:
        return format_html('<bdi dir="ltr">{}</bdi>', to_persian_digits(obj.number or "—"))

    @admin.display(description="کد رهگیری درخواست")
    def tracking_code(self, obj: Complaint) -> SafeString:
        return format_html('<bdi dir="ltr">{}</bdi>', to_persian_digits(obj.application.tracking_code))

    @admin.display(description="خدمت")
    def service_title(self, obj: Complaint) -> str:
        return obj.application.definition.title

    @admin.display(description="ثبت", ordering="created_at")
    def filed(self, obj: Complaint) -> str:
        return format_datetime(obj.created_at)

    @admin.display(description="مهلت پاسخ", ordering="due_at")
    def due(self, obj: Complaint) -> str:
        return format_datetime(obj.due_at) if obj.due_at else "—"

    @admin.display(description="زمان باقی‌مانده")
    def clock(self, obj: Complaint) -> SafeString | str:
        if obj.due_at is None or obj.answered_at is not None:
            return "—"
        text, overdue = selectors.sla_clock(obj.due_at, timezone.now())
        return format_html('<span class="{}">{}</span>', "inbox-overdue" if overdue else "inbox-on-time", text)

    @admin.display(description="پاسخ", ordering="answered_at")
    def answered(self, obj: Complaint) -> str:
        if obj.answered_at is None:
            return "بی‌پاسخ"
        return f"{format_datetime(obj.answered_at)}{' (دیر)' if obj.due_at and obj.answered_at > obj.due_at else ''}"


def _answerer(user: Any) -> str:
    """The name the person sees: the officer's full name, never a username."""
    return str(user.get_full_name() or "کارشناس دستگاه")
