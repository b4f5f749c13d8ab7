"""Paying in the portal: a service's fee (the button that sends the person to the bank) and bills (by
bill id and payment id, or from the person's own bills), the page the bank sends them back to, and the
receipt (page and PDF). Thin: the work is in panjereh.payments and panjereh.applications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from panjereh.accounts.selectors import citizen_of
from panjereh.applications import services
from panjereh.core.errors import DomainError, http_status
from panjereh.payments.bills import bill_payment_start, bills_of
from panjereh.payments.constants import RETURN_PATH, PaymentStatus, Purpose
from panjereh.payments.selectors import payment_of, receipt_lines
from panjereh.payments.services import payment_return
from panjereh.portal.application_views import allow_paying, citizen_required
from panjereh.portal.forms import BillForm
from panjereh.portal.receipts import receipt_pdf

if TYPE_CHECKING:  # the types only: rows come from the apps' selectors and services
    from panjereh.accounts.models import Citizen
    from panjereh.payments.models import Payment


def origin_of(request: HttpRequest) -> str:
    return settings.PUBLIC_ORIGIN.rstrip("/") or request.build_absolute_uri("/").rstrip("/")


@require_POST
@citizen_required
def application_pay(request: HttpRequest, citizen: Citizen, tracking_code: str) -> HttpResponse:
    origin = origin_of(request)
    try:
        payment = services.application_payment_start(
            citizen=citizen, tracking_code=tracking_code, return_url=lambda pk: origin + RETURN_PATH.format(pk),
            now=timezone.now(),
        )  # fmt: skip
    except DomainError as error:
        status = http_status(error)
        return render(request, "portal/error.html", {"status": status, "message": error.message}, status=status)
    return allow_paying(request, HttpResponseRedirect(payment.redirect_url, status=303))


@require_GET
def payment_back(request: HttpRequest, payment_id: str) -> HttpResponse:
    """Where the bank sends the person: the payment settled with the bank's word, then the person is
    shown their application (or, logged out, what happened and how to see the receipt)."""
    try:
        payment = payment_return(payment_id=payment_id, authority=request.GET.get("Authority", ""),
                                 status=request.GET.get("Status", ""), now=timezone.now())  # fmt: skip
    except DomainError as error:
        status = http_status(error)
        return render(request, "portal/error.html", {"status": status, "message": error.message}, status=status)
    citizen = citizen_of(request.user)
    if citizen is not None and citizen.pk == payment.citizen_id:
        if payment.purpose == Purpose.APPLICATION:
            return HttpResponseRedirect(f"/me/applications/{payment.subject}/?payment={payment.id}", status=303)
        return HttpResponseRedirect(f"/me/bills/?payment={payment.id}", status=303)
    return render(request, "portal/payment_back.html", {"payment": payment, "paid": payment.status == "paid"})


@require_GET
@citizen_required
def receipt(request: HttpRequest, citizen: Citizen, payment_id: str) -> HttpResponse:
    payment = _paid(citizen, payment_id)
    section = "bills" if payment.purpose == Purpose.BILL else "applications"  # where it belongs in «حساب من»
    context = {"payment": payment, "lines": receipt_lines(payment), "section": section}
    return render(request, "portal/receipt.html", context)


@require_GET
@citizen_required
def receipt_download(request: HttpRequest, citizen: Citizen, payment_id: str) -> HttpResponse:
    payment = _paid(citizen, payment_id)
    response = HttpResponse(receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="receipt-{payment.id}.pdf"'
    return response


def _paid(citizen: Citizen, payment_id: str) -> Payment:
    """The person's own payment that was paid (a refunded one keeps its receipt); 404 otherwise."""
    payment = payment_of(citizen.pk, payment_id)
    if payment is None or payment.status not in (PaymentStatus.PAID, PaymentStatus.REFUNDED):
        raise Http404
    return payment


@require_GET
@citizen_required
def my_bills(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    return _bills_page(request, citizen, BillForm())


@require_POST
@citizen_required
def bill_pay(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    form = BillForm(request.POST)
    if form.is_valid():
        origin = origin_of(request)
        try:
            payment = bill_payment_start(
                citizen=citizen, bill_id=form.cleaned_data["bill_id"], payment_id=form.cleaned_data["payment_id"],
                return_url=lambda pk: origin + RETURN_PATH.format(pk), now=timezone.now(),
            )  # fmt: skip
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return allow_paying(request, HttpResponseRedirect(payment.redirect_url, status=303))
    return _bills_page(request, citizen, form, status=400)


def _bills_page(request: HttpRequest, citizen: Citizen, form: BillForm, status: int = 200) -> HttpResponse:
    back = payment_of(citizen.pk, request.GET.get("payment", "")) if request.GET.get("payment") else None
    context = {"form": form, "bills": bills_of(citizen, timezone.now()), "returned": back}
    return allow_paying(request, render(request, "portal/bills.html", context, status=status))
