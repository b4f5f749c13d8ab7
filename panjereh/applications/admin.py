"""The back office of applications: service definitions (validated, versioned) and the agency's
inbox, where an officer claims an application and decides it with a reason.

Thin: reads go through `selectors`, every step through `services` / `definitions_services`, which
write the timeline event. Rows are scoped to the member's agency by `AgencyScopedAdmin`, so another
agency's application or definition is a 404 on every page, the claim and decide pages included.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.views.decorators.http import require_POST

from panjereh.accounts.selectors import staff_read_only
from panjereh.applications import selectors, services
from panjereh.applications.admin_forms import DecideForm, ServiceDefinitionForm
from panjereh.applications.constants import DecisionMode, Status
from panjereh.applications.definitions_services import definition_save
from panjereh.applications.models import Application, ServiceDefinition
from panjereh.applications.services.decisions import application_may_release, application_release
from panjereh.applications.tracking import clean_tracking_code
from panjereh.core.admin import AgencyScopedAdmin
from panjereh.core.errors import DomainError
from panjereh.persian import format_datetime, to_persian_digits

INBOX_CSS = "applications/inbox.css"
DETAIL_FIELDS = ("code", "service_title", "applicant", "status", "submitted", "due", "sla", "claimed_by",
                 "decision_reason", "decided_by", "decided")  # fmt: skip


# --- service definitions ----------------------------------------------------------------------


@admin.register(ServiceDefinition)
class ServiceDefinitionAdmin(AgencyScopedAdmin):
    """Agency admins edit their agency's definitions; officers read them; supervisors read all."""

    form = ServiceDefinitionForm
    list_display = ["title", "code", "version_fa", "active", "decision_mode", "agency"]
    list_filter = ["active", "decision_mode"]
    list_select_related = ["agency"]
    search_fields = ["code", "title"]
    agency_paths = ("agency__code",)
    agency_choices = {"agency": "code", "service": "agency__code", "forward_system": "agency__code"}

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # The version is the service's to number; a code names one service for good.
        return ["version", "created_at", "updated_at"] + (["code"] if obj is not None else [])

    @admin.display(description="نسخه", ordering="version")
    def version_fa(self, obj: ServiceDefinition) -> str:
        return to_persian_digits(obj.version)

    def save_model(self, request: HttpRequest, obj: ServiceDefinition, form: Any, change: bool) -> None:
        before = obj.pk
        saved = definition_save(definition=obj)
        if change and saved.pk != before:
            messages.info(request, to_persian_digits(
                f"این تعریف درخواست‌هایی دارد؛ تغییرات به صورت نسخه {saved.version} ذخیره شد و نسخه پیشین غیرفعال شد."
            ))  # fmt: skip

    def message_user(self, request: HttpRequest, message: Any, *args: Any, **kwargs: Any) -> None:
        """Django's own messages name the definition as «عنوان (نسخه 1)»: its digits in Persian too."""
        super().message_user(request, digits_in_text(message), *args, **kwargs)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        definition = self.get_object(request, object_id)
        extra = {"subtitle": to_persian_digits(definition)} if definition is not None else {}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if "delete_selected" in actions:  # Django's Persian reads «حذف  تعریف‌های خدمات الکترونیکی های انتخاب شده»
            function, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (function, name, "حذف تعریف‌های انتخاب‌شده")
        return actions


_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")  # tags and character references (&#x27; is an apostrophe)


def digits_in_text(message: Any) -> Any:
    """`message` with Persian digits in its text, not in its markup (a link's address keeps its digits)."""
    parts = _MARKUP.split(str(message))
    text = "".join(part if _MARKUP.fullmatch(part) else to_persian_digits(part) for part in parts)
    return mark_safe(text) if isinstance(message, SafeData) else text  # noqa: S308 - only digits changed, in escaped text


# --- the agency's inbox -----------------------------------------------------------------------


class StatusFilter(admin.SimpleListFilter):
    """The inbox opens on what waits for the agency; the other statuses, or all, on request."""

    title = "وضعیت"
    parameter_name = "state"
    ALL = "all"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [*Status.choices, (self.ALL, "همه")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value() or Status.WAITING_FOR_AGENCY
        return queryset if value == self.ALL else queryset.filter(status=value)

    def choices(self, changelist: Any) -> Any:
        current = self.value() or Status.WAITING_FOR_AGENCY
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


def officer_name(user: Any) -> str:
    """An officer as the records name them: their full name (`staff add --first-name --last-name`), never
    their login (the person's pages show only «کارشناس» and the agency)."""
    return str(user.get_full_name() or "کارشناس دستگاه")


def staff_label(user: Any) -> SafeString:
    """A member as colleagues see them in the back office: their full name, else their login (staff only)."""
    name = user.get_full_name()
    return format_html("{}", name) if name else format_html('<bdi dir="ltr">{}</bdi>', user.get_username())


@admin.register(Application)
class InboxAdmin(AgencyScopedAdmin):
    """کارتابل: the agency's applications, waiting ones first by their due time. Nothing here is
    edited as a form; claiming and deciding are their own pages, open to officers and agency admins
    of the handling agency (and superusers), never to supervisors."""

    list_display = ["code", "service_title", "submitted", "due", "sla", "claimed_by", "status"]
    list_display_links = ["code"]
    list_filter = [StatusFilter]
    list_select_related = ["definition", "assigned_to"]
    search_fields = ["=tracking_code"]  # the whole code, through its unique index (see get_search_results)
    ordering = ["due_at", "submitted_at"]
    actions = ["claim", "release"]
    agency_paths = ("agency__code",)
    fields = DETAIL_FIELDS
    readonly_fields = DETAIL_FIELDS
    change_form_template = "admin/applications/application/inbox_detail.html"

    class Media:
        css = {"all": [INBOX_CSS]}

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Any], search_term: str
    ) -> tuple[QuerySet[Any], bool]:
        """A tracking code in any digits, with spaces or dashes, found by its unique index; a part of a code
        finds nothing (a substring search would read every application of the agency)."""
        if not search_term.strip():
            return queryset, False
        code = clean_tracking_code(search_term)
        return (queryset.filter(tracking_code=code) if code else queryset.none()), False

    # Permissions: the generic form never saves; the steps have their own permission, "decide".

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_decide_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if staff_read_only(request.user) or not request.user.has_perm("applications.change_application"):
            return False
        return obj is None or self.changeable(request, Application.objects.filter(pk=obj.pk)).exists()

    def changeable(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if not request.user.has_perm("applications.change_application"):
            return queryset.none()
        return super().changeable(request, queryset)

    # Columns.

    @admin.display(description="کد رهگیری", ordering="tracking_code")
    def code(self, obj: Application) -> SafeString:
        return format_html('<bdi dir="ltr">{}</bdi>', to_persian_digits(obj.tracking_code))

    @admin.display(description="خدمت", ordering="definition__title")
    def service_title(self, obj: Application) -> str:
        return obj.definition.title

    @admin.display(description="متقاضی")
    def applicant(self, obj: Application) -> SafeString:
        return format_html('{} (کد ملی <bdi dir="ltr">{}</bdi>)', obj.citizen.full_name,
                           to_persian_digits(obj.citizen.national_code))  # fmt: skip

    @admin.display(description="ثبت", ordering="submitted_at")
    def submitted(self, obj: Application) -> str:
        return format_datetime(obj.submitted_at)

    @admin.display(description="مهلت", ordering="due_at")
    def due(self, obj: Application) -> str:
        return format_datetime(obj.due_at) if obj.due_at else "—"

    @admin.display(description="زمان باقی‌مانده")
    def sla(self, obj: Application) -> SafeString | str:
        if obj.due_at is None or obj.status != Status.WAITING_FOR_AGENCY:
            return "—"
        text, overdue = selectors.sla_clock(obj.due_at, timezone.now())
        # The row is highlighted by the stylesheet (tr:has(.inbox-overdue)): no inline style under the CSP.
        return format_html('<span class="{}">{}</span>', "inbox-overdue" if overdue else "inbox-on-time", text)

    @admin.display(description="کارشناس")
    def claimed_by(self, obj: Application) -> SafeString | str:
        return staff_label(obj.assigned_to) if obj.assigned_to else "—"

    @admin.display(description="زمان تصمیم")
    def decided(self, obj: Application) -> str:
        return format_datetime(obj.decided_at) if obj.decided_at else "—"

    # The action and the pages.

    @admin.action(description="برداشتن درخواست‌های انتخاب‌شده", permissions=["decide"])
    def claim(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        done = 0
        for application in queryset:
            try:
                services.application_claim(application=application, user=request.user,
                                           name=officer_name(request.user))  # fmt: skip
                done += 1
            except DomainError as error:
                messages.error(request, f"{to_persian_digits(application.tracking_code)}: {error.message}")
        if done:
            messages.success(request, to_persian_digits(f"{done} درخواست به نام شما برداشته شد."))

    @admin.action(description="بازگرداندن درخواست‌های انتخاب‌شده به کارتابل", permissions=["decide"])
    def release(self, request: HttpRequest, queryset: QuerySet[Application]) -> None:
        done = 0
        for application in queryset:
            try:
                application_release(application=application, user=request.user, name=officer_name(request.user))
                done += 1
            except DomainError as error:
                messages.error(request, f"{to_persian_digits(application.tracking_code)}: {error.message}")
        if done:
            messages.success(request, to_persian_digits(f"{done} درخواست به کارتابل دستگاه بازگشت."))

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<path:object_id>/claim/", wrap(require_POST(self.claim_view)), name="applications_application_claim"),
            path("<path:object_id>/decide/", wrap(self.decide_view), name="applications_application_decide"),
            path(
                "<path:object_id>/release/",
                wrap(require_POST(self.release_view)),
                name="applications_application_release",
            ),
            path(
                "<path:object_id>/ask-again/",
                wrap(require_POST(self.ask_again_view)),
                name="applications_application_ask_again",
            ),
            *super().get_urls(),
        ]

    def _application(self, request: HttpRequest, object_id: str) -> Application:
        """The application if the member may see it (else 404) and may act on it (else 403)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        application = self.get_object(request, object_id)  # another agency's: 404
        if application is None:
            raise Http404("این درخواست نیست.")
        if not self.has_decide_permission(request, application):
            raise PermissionDenied
        return application  # type: ignore[no-any-return]

    def _detail_url(self, application: Application) -> str:
        return reverse("admin:applications_application_change", args=[application.pk])

    def claim_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        application = self._application(request, object_id)
        try:
            services.application_claim(application=application, user=request.user, name=officer_name(request.user))
            messages.success(request, "رسیدگی به این درخواست را بر عهده گرفتید.")
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(self._detail_url(application))

    def release_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """«بازگرداندن به کارتابل»: the officer who took it, or the agency's admin, gives it back to the queue."""
        application = self._application(request, object_id)
        try:
            application_release(application=application, user=request.user, name=officer_name(request.user))
            messages.success(request, "درخواست به کارتابل دستگاه بازگشت تا کارشناسی آن را بردارد.")
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(self._detail_url(application))

    def _steps(self, request: HttpRequest, application: Application) -> dict[str, Any]:
        """Who holds the application, as the detail and decide pages say it, and the steps this member has."""
        held_by_other = application.assigned_to_id not in (None, request.user.pk)
        return {
            "holder": staff_label(application.assigned_to) if held_by_other else "",
            "may_release": application.status == Status.WAITING_FOR_AGENCY
            and application_may_release(application=application, user=request.user),
            "release_url": reverse("admin:applications_application_release", args=[application.pk]),
        }

    def ask_again_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """«استعلام دوباره»: an application handed over during an agency's outage goes back to the agencies."""
        application = self._application(request, object_id)
        try:
            services.application_ask_again(application=application, user=request.user, name=officer_name(request.user))
            messages.success(request, "استعلام دوباره از دستگاه‌ها آغاز شد؛ نتیجه در همین صفحه دیده می‌شود.")
        except DomainError as error:
            messages.error(request, error.message)
        return HttpResponseRedirect(self._detail_url(application))

    def decide_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        application = self._application(request, object_id)
        form = DecideForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.application_decide(
                    application=application, user=request.user, approved=form.cleaned_data["outcome"] == "approve",
                    reason=form.cleaned_data["reason"], name=officer_name(request.user),
                )  # fmt: skip
            except DomainError as error:
                form.add_error("reason" if error.field == "reason" else None, error.message)
            else:
                messages.success(request, "تصمیم ثبت شد و به متقاضی اطلاع داده شد.")
                return HttpResponseRedirect(self._detail_url(application))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"تصمیم درباره درخواست {to_persian_digits(application.tracking_code)}",
            "application": application,
            "form": form,
            "detail_url": self._detail_url(application),
            "waiting": application.status == Status.WAITING_FOR_AGENCY,
            "media": self.media + form.media,
            **self._steps(request, application),
        }
        return TemplateResponse(request, "admin/applications/application/decide.html", context)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        application = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if application is not None:
            inbox = selectors.inbox_of(application)
            extra.update(
                subtitle=to_persian_digits(application.tracking_code),  # not str(): Latin digits
                form_data=inbox["form"],
                inquiries=[(r, json.dumps(r.answer, ensure_ascii=False, indent=2)) for r in inbox["inquiries"]],
                events=inbox["events"],
                may_decide=application.status == Status.WAITING_FOR_AGENCY
                and self.has_decide_permission(request, application),
                claim_url=reverse("admin:applications_application_claim", args=[application.pk]),
                decide_url=reverse("admin:applications_application_decide", args=[application.pk]),
                may_ask_again=application.status == Status.WAITING_FOR_AGENCY
                and application.decision_mode != DecisionMode.HUMAN
                and any(result.status_code != 200 for result in inbox["inquiries"])
                and self.has_decide_permission(request, application),
                ask_again_url=reverse("admin:applications_application_ask_again", args=[application.pk]),
                **self._steps(request, application),
            )
        return super().change_view(request, object_id, form_url, extra)


# Complaints, issued documents and their signing keys have their own modules; registered here, where Django looks.
from panjereh.applications import complaints_admin  # noqa: E402, F401
from panjereh.applications.documents import admin as documents_admin  # noqa: E402, F401
