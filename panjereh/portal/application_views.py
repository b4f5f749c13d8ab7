"""The person's pages for applying and following applications, their documents and their inbox.
Thin: the work is in panjereh.applications (services, selectors) and panjereh.notifications."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from panjereh.accounts.selectors import citizen_of
from panjereh.applications import selectors, services
from panjereh.applications.constants import FINAL_STATUSES, Status
from panjereh.applications.forms import FormInvalid
from panjereh.core.csp import allow_form_action
from panjereh.core.errors import DomainError
from panjereh.notifications.services import notification_mark_read, notifications_of, notifications_seen
from panjereh.payments.gateways import payment_gateway
from panjereh.portal.forms import AppealForm, ApplyForm, ComplaintForm, RatingForm

if TYPE_CHECKING:  # the types only: rows come from the apps' selectors and services
    from panjereh.accounts.models import Citizen
    from panjereh.applications.models import Application

IN_FLIGHT_WAIT_SECONDS = 5  # a second click waits this long for the first click's application
View = Callable[..., HttpResponse]


def allow_paying(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A page with the pay button may send its form on to the bank's page (CSP form-action)."""
    return allow_form_action(request, response, payment_gateway().page_origin())


def citizen_required(view: View) -> View:
    """The view gets the logged-in person as `citizen`; anyone else is asked to log in."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        citizen = citizen_of(request.user)
        if citizen is None:
            return render(request, "portal/login_needed.html", {"next": request.get_full_path()}, status=401)
        return view(request, citizen, *args, **kwargs)

    return wrapped


@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, code: str) -> HttpResponse:
    definition = selectors.definition_for_service(code)
    if definition is None:
        raise Http404
    citizen = citizen_of(request.user)
    if citizen is None:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        form = ApplyForm(definition.form, request.POST)
        if form.is_valid():
            key = form.cleaned_data["idempotency_key"]
            try:
                application = _submit(citizen, definition.code, form.data_for_service(), key)
            except FormInvalid as invalid:
                for name, message in invalid.errors.items():
                    form.add_error(name if name in form.fields else None, message)
            except DomainError as error:
                form.add_error(None, error.message)
                if error.code == "idempotency_key_reused":  # a page sent again after changes: a fresh key
                    form.renew_key(_new_key())
            else:
                return redirect("portal:application", tracking_code=application.tracking_code)
        elif "idempotency_key" in form.errors:
            form.renew_key(_new_key())
        status = 400
    else:
        form = ApplyForm(definition.form, initial={"idempotency_key": _new_key()})
        status = 200
    context = {
        "definition": definition,
        "service": definition.service,
        "form": form,
        "inquiries": selectors.inquiries_explained(definition),
    }
    return render(request, "portal/apply.html", context, status=status)


def _submit(citizen: Citizen, service: str, data: dict[str, Any], key: str) -> Application:
    """Submits; a second click that arrives while the first is still being written waits for it."""
    deadline = time.monotonic() + IN_FLIGHT_WAIT_SECONDS
    while True:
        try:
            application, _ = services.application_submit(
                citizen=citizen, service=service, data=data, idempotency_key=key
            )
            return application
        except DomainError as error:
            if error.code != "request_in_progress" or time.monotonic() > deadline:
                raise
        found = selectors.application_by_key(citizen, key)
        if found is not None:
            return found
        time.sleep(0.2)


def _new_key() -> str:
    return secrets.token_urlsafe(24)


@require_GET
@citizen_required
def my_applications(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    applications = selectors.applications_of(citizen)[:200]
    return render(request, "portal/my_applications.html", {"applications": applications})


@require_GET
@citizen_required
def application_page(request: HttpRequest, citizen: Citizen, tracking_code: str) -> HttpResponse:
    application = _own(citizen, tracking_code)
    context = _context(application)
    # Opening the application is reading its messages (those about its documents too).
    seen = [f"/me/applications/{application.tracking_code}/", *(f"/me/documents/{d.pk}/" for d in context["documents"])]
    notifications_seen(user_id=citizen.user_id, urls=seen)
    back = request.GET.get("payment", "")  # back from the bank: what became of that payment
    context["returned"] = next((p for p in (context["fee"] or {}).get("payments", []) if p["payment_id"] == back), None)
    response = render(request, "portal/application.html", context)
    return allow_paying(request, response) if application.status == Status.AWAITING_PAYMENT else response


@require_GET
@citizen_required
def application_live(request: HttpRequest, citizen: Citizen, tracking_code: str) -> HttpResponse:
    """The polled part of the page; once the platform is done, the whole page is loaded again
    (HX-Refresh), so the decision, the documents and the buttons appear with it."""
    application = _own(citizen, tracking_code)
    response = render(request, "portal/_application_live.html", _context(application))
    if not selectors.still_processing(application):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@citizen_required
def application_appeal(request: HttpRequest, citizen: Citizen, tracking_code: str) -> HttpResponse:
    def appeal(application: Application, data: dict[str, Any]) -> None:
        services.application_appeal(application=application, citizen=citizen, text=data["text"])

    return _act(request, citizen, tracking_code, AppealForm, "appeal_form", appeal)


@require_POST
@citizen_required
def application_rate(request: HttpRequest, citizen: Citizen, tracking_code: str) -> HttpResponse:
    def rate(application: Application, data: dict[str, Any]) -> None:
        services.rating_add(application=application, citizen=citizen, stars=data["stars"], comment=data["comment"])

    return _act(request, citizen, tracking_code, RatingForm, "rating_form", rate)


@require_POST
@citizen_required
def application_complain(request: HttpRequest, citizen: Citizen, tracking_code: str) -> HttpResponse:
    def complain(application: Application, data: dict[str, Any]) -> None:
        services.complaint_file(application=application, citizen=citizen, text=data["text"])

    return _act(request, citizen, tracking_code, ComplaintForm, "complaint_form", complain, done="?complained=1")


def _act(
    request: HttpRequest, citizen: Citizen, tracking_code: str, form_class: type[forms.Form], form_name: str,
    action: Callable[[Application, dict[str, Any]], None], done: str = "",
) -> HttpResponse:  # fmt: skip
    """One of the person's actions on their application: the form checked, the service called, its
    Persian error shown next to the field it names (or above the form), back to the page when done."""
    application = _own(citizen, tracking_code)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            action(application, form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect(f"/me/applications/{application.tracking_code}/{done}")
    return _with_errors(request, application, **{form_name: form})


def _own(citizen: Citizen, tracking_code: str) -> Application:
    application = selectors.own_application(citizen, tracking_code)
    if application is None:
        raise Http404
    return application


def _context(application: Application, **forms: Any) -> dict[str, Any]:
    final = application.status in FINAL_STATUSES
    rating = getattr(application, "rating", None) if final else None
    return {
        "application": application,
        "events": list(application.events.all()),
        "documents": list(application.documents.all()),
        "polling": selectors.still_processing(application),
        "can_appeal": selectors.appealable(application),
        "can_rate": final and rating is None,
        "rating": rating,
        "appeal_form": forms.get("appeal_form") or AppealForm(),
        "rating_form": forms.get("rating_form") or RatingForm(),
        "complaint_form": forms.get("complaint_form") or ComplaintForm(),
        "fee": selectors.fee_of(application),
    }


def _with_errors(request: HttpRequest, application: Application, **forms: Any) -> HttpResponse:
    application.refresh_from_db()
    return render(request, "portal/application.html", _context(application, **forms), status=400)


@require_GET
@citizen_required
def my_documents(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    documents = selectors.documents_of(citizen)[:200]
    return render(request, "portal/my_documents.html", {"documents": documents})


@require_GET
@citizen_required
def inbox(request: HttpRequest, citizen: Citizen) -> HttpResponse:
    notifications = notifications_of(citizen.user_id, limit=100)
    return render(request, "portal/inbox.html", {"notifications": notifications})


@require_POST
@citizen_required
def inbox_read(request: HttpRequest, citizen: Citizen, notification_id: int) -> HttpResponse:
    notification_mark_read(user_id=citizen.user_id, notification_id=notification_id)
    return redirect("portal:inbox")
