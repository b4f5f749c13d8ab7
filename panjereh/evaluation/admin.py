"""The evaluation in the back office: what the 29 meetings did by hand. The supervisor opens a computed
round to review and publishes it; each agency's officers read their draft report card, every indicator
with its inputs, and object to an indicator with a reason; the supervisor accepts (the indicator is
corrected and the round scored again) or rejects, with a reason. Thin: every step is a service.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from panjereh.accounts.constants import StaffRole
from panjereh.accounts.selectors import staff_of
from panjereh.agencies.selectors import agency_get, agency_list
from panjereh.core.admin import AgencyScopedAdmin
from panjereh.core.errors import DomainError
from panjereh.evaluation import selectors, services
from panjereh.evaluation.constants import ObjectionState, Pillar, RoundState
from panjereh.evaluation.indicators import BY_CODE, INDICATORS
from panjereh.evaluation.models import Objection, Round
from panjereh.persian import format_datetime, format_decimal


def may_decide(user: Any) -> bool:
    """The council's supervisors (and superusers) decide objections and move rounds; agencies never."""
    if getattr(user, "is_superuser", False):
        return True
    member = staff_of(user)
    return member is not None and member.role == StaffRole.SUPERVISOR and user.has_perm("evaluation.change_objection")


def own_agency_code(user: Any) -> str | None:
    """The agency whose card an officer or agency admin reads (and objects for); None for the council."""
    member = staff_of(user)
    if member is None or member.role == StaffRole.SUPERVISOR or member.agency is None:
        return None
    return member.agency.code


def staff_name(user: Any) -> str:
    """The name the public card may show: never a username."""
    return str(user.get_full_name() or "کارکن")


def jalali(moment: datetime.datetime | None) -> str:
    return format_datetime(moment) if moment is not None else "—"


def percent(share: float | None) -> str:
    """An indicator's value (0 to 1) as the decision form asks for it: a percentage, «۵۰٪»."""
    return f"{format_decimal(share * 100, 2)}٪" if share is not None else "—"


class ObjectionForm(forms.Form):
    indicator = forms.ChoiceField(label="شاخص", choices=[(i.code, i.name) for i in INDICATORS])
    reason = forms.CharField(label="دلیل اعتراض", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="تصمیم", choices=[("accept", "پذیرفتن و اصلاح شاخص"), ("reject", "رد اعتراض")],
                                widget=forms.RadioSelect)  # fmt: skip
    corrected = forms.DecimalField(
        label="مقدار اصلاح‌شده (درصد)",
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,
        help_text="فقط هنگام پذیرفتن؛ مقدار شاخص از ۰ تا ۱۰۰ درصد",
    )
    decision = forms.CharField(label="دلیل تصمیم", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "round_name", "state", "measured", "published", "card_link"]
    actions = ["open_review", "publish"]
    ordering = ["-starts_at"]
    fields = ("round_name", "code", "state", "starts", "ends", "measured", "scored", "published", "pillar_weights")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # no generic form: the steps are actions, for those who decide

    def has_decide_permission(self, request: HttpRequest) -> bool:
        return may_decide(request.user)

    @admin.display(description="دوره", ordering="starts_at")
    def round_name(self, obj: Round) -> str:
        return selectors.round_name(obj)

    @admin.display(description="آغاز", ordering="starts_at")
    def starts(self, obj: Round) -> str:
        return jalali(obj.starts_at)

    @admin.display(description="پایان")
    def ends(self, obj: Round) -> str:
        return jalali(obj.ends_at)

    @admin.display(description="زمان سنجش", ordering="measured_at")
    def measured(self, obj: Round) -> str:
        return jalali(obj.measured_at)

    @admin.display(description="زمان امتیازدهی")
    def scored(self, obj: Round) -> str:
        return jalali(obj.scored_at)

    @admin.display(description="زمان انتشار", ordering="published_at")
    def published(self, obj: Round) -> str:
        return jalali(obj.published_at)

    @admin.display(description="وزن محورها")
    def pillar_weights(self, obj: Round) -> str:
        return "، ".join(  # in the pillars' own order: PostgreSQL's jsonb keeps a dict's keys in its own
            f"{pillar.label}: {format_decimal(float(obj.weights[pillar.value]), 2)}"
            for pillar in Pillar if pillar.value in obj.weights
        ) or "—"  # fmt: skip

    @admin.display(description="کارنامه")
    def card_link(self, obj: Round) -> str:
        if obj.state == RoundState.PUBLISHED:  # published: the public card, no longer a draft
            return "—"
        return format_html('<a href="{}">کارنامه پیش‌نویس</a>', reverse("admin:evaluation_round_card", args=[obj.pk]))

    @admin.action(description="گشودن دوره برای بررسی دستگاه‌ها", permissions=["decide"])
    def open_review(self, request: HttpRequest, queryset: QuerySet[Round]) -> None:
        self._each(request, queryset, lambda r: services.round_to_review(code=r.code), "برای بررسی گشوده شد")

    @admin.action(description="انتشار کارنامه دوره", permissions=["decide"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Round]) -> None:
        now = timezone.now()
        self._each(request, queryset, lambda r: services.round_publish(code=r.code, now=now), "منتشر شد")

    def _each(self, request: HttpRequest, queryset: QuerySet[Round], step: Any, done: str) -> None:
        for evaluation_round in queryset:
            try:
                step(evaluation_round)
            except DomainError as error:
                messages.error(request, f"{selectors.round_name(evaluation_round)}: {error.message}")
            else:
                messages.success(request, f"{selectors.round_name(evaluation_round)} {done}.")

    def get_urls(self) -> list[URLPattern]:
        card = path("<int:round_id>/card/", self.admin_site.admin_view(self.card_view), name="evaluation_round_card")
        return [card, *super().get_urls()]

    def card_view(self, request: HttpRequest, round_id: int) -> HttpResponse:
        """An agency's card in this round: an officer's own agency; any agency for the council."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        evaluation_round = Round.objects.filter(pk=round_id).first()
        if evaluation_round is None:
            raise Http404("این دوره نیست.")
        own = own_agency_code(request.user)
        if own is None and not (request.user.is_superuser or staff_of(request.user) is not None):
            raise PermissionDenied
        code = own or request.GET.get("agency", "")  # an agency's staff read only their own card
        may_object = own is not None and request.user.has_perm("evaluation.add_objection")
        agency = agency_get(code) if code else None
        form = ObjectionForm(request.POST or None)
        if request.method == "POST":
            if not may_object or agency is None:
                raise PermissionDenied
            if form.is_valid():
                try:
                    services.objection_file(
                        code=evaluation_round.code, agency=agency, indicator=form.cleaned_data["indicator"],
                        reason=form.cleaned_data["reason"], by=staff_name(request.user), now=timezone.now(),
                    )  # fmt: skip
                except DomainError as error:
                    form.add_error("reason" if error.field == "reason" else None, error.message)
                else:
                    messages.success(request, "اعتراض ثبت شد؛ ناظر شورا درباره آن تصمیم می‌گیرد.")
                    return HttpResponseRedirect(request.path)
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "round": evaluation_round,
            "title": f"کارنامه پیش‌نویس {selectors.round_name(evaluation_round)}", "agency": agency,
            "card": selectors.report_card(evaluation_round, agency.code) if agency else None,
            "agencies": [] if own else agency_list(), "form": form,
            "may_object": may_object and evaluation_round.state == RoundState.UNDER_REVIEW,
        }  # fmt: skip
        return TemplateResponse(request, "admin/evaluation/round/card.html", context)


@admin.register(Objection)
class ObjectionAdmin(AgencyScopedAdmin):
    list_display = ["round_name", "agency", "indicator_name", "state", "filed", "decided"]
    list_filter = ["state"]
    list_select_related = ["round", "agency"]
    agency_paths = ("agency__code",)
    ordering = ["state", "-filed_at"]
    fields = ("round_name", "agency", "indicator_name", "reason", "filed_by", "filed", "state", "decision",
              "decided_by", "decided", "before", "after")  # fmt: skip
    readonly_fields = fields
    change_form_template = "admin/evaluation/objection/change_form.html"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # filed from the draft card

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="دوره", ordering="round__starts_at")
    def round_name(self, obj: Objection) -> str:
        return selectors.round_name(obj.round)

    @admin.display(description="شاخص")
    def indicator_name(self, obj: Objection) -> str:
        return BY_CODE[obj.indicator].name if obj.indicator in BY_CODE else obj.indicator

    @admin.display(description="زمان ثبت", ordering="filed_at")
    def filed(self, obj: Objection) -> str:
        return jalali(obj.filed_at)

    @admin.display(description="زمان تصمیم", ordering="decided_at")
    def decided(self, obj: Objection) -> str:
        return jalali(obj.decided_at)

    @admin.display(description="مقدار پیش از اصلاح")
    def before(self, obj: Objection) -> str:
        return percent(obj.value_before)

    @admin.display(description="مقدار اصلاح‌شده")
    def after(self, obj: Objection) -> str:
        return percent(obj.value_after)

    def get_urls(self) -> list[URLPattern]:
        decide = path("<int:objection_id>/decide/", self.admin_site.admin_view(self.decide_view),
                      name="evaluation_objection_decide")  # fmt: skip
        return [decide, *super().get_urls()]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        objection = self.get_object(request, object_id)
        extra = {**(extra_context or {})}
        if objection is not None and objection.state == ObjectionState.OPEN and may_decide(request.user):
            extra["decide_url"] = reverse("admin:evaluation_objection_decide", args=[objection.pk])
        return super().change_view(request, object_id, form_url, extra)

    def decide_view(self, request: HttpRequest, objection_id: int) -> HttpResponse:
        if not may_decide(request.user):
            raise PermissionDenied
        objection = self.get_queryset(request).filter(pk=objection_id).first()
        if objection is None:
            raise Http404("این اعتراض نیست.")
        form = DecisionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            accept = form.cleaned_data["outcome"] == "accept"
            corrected = form.cleaned_data["corrected"]
            try:
                services.objection_decide(
                    objection=objection, accept=accept, decision=form.cleaned_data["decision"],
                    by=staff_name(request.user), now=timezone.now(),
                    corrected=float(corrected) / 100 if corrected is not None else None,
                )  # fmt: skip
            except DomainError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
            else:
                messages.success(
                    request, "تصمیم ثبت شد." + (" شاخص اصلاح و دوره دوباره امتیازدهی شد." if accept else "")
                )
                return HttpResponseRedirect(reverse("admin:evaluation_objection_change", args=[objection.pk]))
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "objection": objection, "form": form,
            "title": "تصمیم درباره اعتراض", "indicator": BY_CODE.get(objection.indicator),
        }  # fmt: skip
        return TemplateResponse(request, "admin/evaluation/objection/decide.html", context)
