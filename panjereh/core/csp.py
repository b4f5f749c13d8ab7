"""One response's exception to the site's Content-Security-Policy."""

from __future__ import annotations

from csp.decorators import csp_update
from django.http import HttpRequest, HttpResponse


def allow_form_action(request: HttpRequest, response: HttpResponse, origin: str) -> HttpResponse:
    """This response's forms may also be sent to `origin` (form-action), on top of the site's policy:
    the bank's page for a pay button, a window's redirect URI for the consent form. django-csp's public
    `csp_update`, applied to the one response, because the origin is known only once it is made."""
    csp_update({"form-action": [origin]})(lambda _: response)(request)  # marks `response` itself
    return response
