"""Help and trust: help, contact, privacy, terms and the accessibility statement (pages of text), and
the "was this page useful?" form every page has. Thin: feedback is recorded by panjereh.help."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from panjereh.core.client_address import request_address_key
from panjereh.core.errors import DomainError, TooMany
from panjereh.help.services import MAX_TEXT, PROOF_REQUIRED, feedback_record, safe_path

PAGES = {
    "help": "portal/help/help.html",
    "contact": "portal/help/contact.html",
    "privacy": "portal/help/privacy.html",
    "terms": "portal/help/terms.html",
    "accessibility": "portal/help/accessibility.html",
}


@require_GET
def text_page(request: HttpRequest, page: str) -> HttpResponse:
    return render(request, PAGES[page], {})


@require_POST
def page_feedback(request: HttpRequest) -> HttpResponse:
    """Recorded, then back to the page it was about (its own path only), which thanks the person."""
    path = safe_path(request.POST.get("path", "/"))
    useful = {"yes": True, "no": False}.get(request.POST.get("useful", ""))
    text = request.POST.get("text", "")
    try:
        feedback_record(path=path, useful=useful, text=text, address=request_address_key(request),
                        now=timezone.now(), proof=request.POST.get("altcha") or None)  # fmt: skip
    except DomainError as error:
        status = 429 if isinstance(error, TooMany) else 400
        if error.code in (PROOF_REQUIRED, "proof_of_work_invalid"):  # the same feedback, with a proof this time
            context = {"message": error.message, "path": path, "useful": request.POST.get("useful", ""),
                       "text": text[:MAX_TEXT]}  # fmt: skip
            return render(request, "portal/help/feedback_proof.html", context, status=status)
        return render(request, "portal/error.html", {"status": status, "message": error.message}, status=status)
    separator = "&" if "?" in path else "?"
    return HttpResponseRedirect(f"{path}{separator}feedback=thanks#page-feedback", status=303)
