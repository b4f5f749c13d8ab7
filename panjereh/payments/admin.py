"""Payments in the back office: every payment of the member's agency, read-only; the day's reconciliation
(paid, failed and refunded per agency, refunds still due, payments stuck with the bank, forged returns);
and, for a refund a gateway cannot make, the finance office records the one it made from the bank's
panel. Thin: the work is in services and selectors."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html

from panjereh.core.admin import AgencyScopedAdmin, staff_scope
from panjereh.core.errors import DomainError
from panjereh.payments import selectors, services
from panjereh.payments.models import Payment, PaymentEvent
from panjereh.persian import format_date, format_datetime, parse_date, to_persian_digits


class RefundForm(forms.Form):
    reference = forms.CharField(label="شماره مرجع بازپرداخت در بانک", max_length=40)


class EventInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PaymentEvent
    fields = ["at", "kind", "detail"]
    readonly_fields = ["at", "kind", "detail"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Payment)
class PaymentAdmin(AgencyScopedAdmin):
    agency_paths = ("agency__code",)
    list_display = ["started", "description", "amount", "status", "refund_due", "agency", "refund_link"]
    list_filter = ["status", "refund_due", "purpose", "gateway"]
    search_fields = ["subject", "reference", "authority"]
    inlines = [EventInline]
    readonly_fields = [field.name for field in Payment._meta.fields]
    change_list_template = "admin/payments/payment/change_list.html"

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="زمان آغاز", ordering="created_at")
    def started(self, payment: Payment) -> str:
        return format_datetime(payment.created_at)

    @admin.display(description="مبلغ (ریال)", ordering="amount_rials")
    def amount(self, payment: Payment) -> str:
        return to_persian_digits(f"{payment.amount_rials:,}").replace(",", "٬")

    @admin.display(description="بازپرداخت")
    def refund_link(self, payment: Payment) -> str:
        if not payment.refund_due:
            return ""
        return format_html(
            '<a href="{}">ثبت بازپرداخت</a>', reverse("admin:payments_payment_refund", args=[payment.pk])
        )

    def get_urls(self) -> list[URLPattern]:
        own = [
            path("reconciliation/", self.admin_site.admin_view(self.reconciliation_view),
                 name="payments_payment_reconciliation"),
            path("<uuid:payment_id>/refund/", self.admin_site.admin_view(self.refund_view),
                 name="payments_payment_refund"),
        ]  # fmt: skip
        return own + super().get_urls()

    def reconciliation_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        now = timezone.now()
        try:
            day = parse_date(request.GET["day"]) if request.GET.get("day") else timezone.localdate(now)
        except ValueError:
            messages.error(request, "روز را به شکل ۱۴۰۳/۰۴/۲۰ یا 2024-07-10 بنویسید.")
            day = timezone.localdate(now)
        report = selectors.reconciliation(day, now, agency_codes=staff_scope().agency_codes(request.user))
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "report": report,
            "title": f"تطبیق روزانه پرداخت‌ها: {format_date(day)}", "day_name": format_date(day),
            "previous": day - datetime.timedelta(days=1), "next": day + datetime.timedelta(days=1),
        }  # fmt: skip
        return TemplateResponse(request, "admin/payments/payment/reconciliation.html", context)

    def refund_view(self, request: HttpRequest, payment_id: str) -> HttpResponse:
        payment = self.get_queryset(request).filter(pk=payment_id, refund_due=True).first()
        if payment is None:
            raise Http404
        if not self.has_change_permission(request, payment):
            raise PermissionDenied
        form = RefundForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                by = str(getattr(request.user, "get_full_name", lambda: "")() or "کارکن")
                services.refund_recorded(payment, reference=form.cleaned_data["reference"], by=by, now=timezone.now())
            except DomainError as error:
                form.add_error("reference", error.message)
            else:
                messages.success(request, "بازپرداخت ثبت شد.")
                return HttpResponseRedirect(reverse("admin:payments_payment_changelist") + "?refund_due__exact=1")
        context = {
            **self.admin_site.each_context(request), "opts": self.opts, "payment": payment, "form": form,
            "title": "ثبت بازپرداخت",
        }  # fmt: skip
        return TemplateResponse(request, "admin/payments/payment/refund.html", context)
