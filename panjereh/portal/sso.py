"""Single sign-on pages of the OpenID Connect provider (django-oauth-toolkit's views under /o/).

Only what agency windows need is routed: authorize (the consent screen), token, revoke, userinfo,
discovery (OpenID and RFC 8414) and JWKS. DOT's application-management pages and dynamic client
registration are left out: windows are registered by the platform (`panjereh oidc register-client`).

What the consent view adds to DOT's: `prompt=none` is answered without a page (`login_required` when
nobody is logged in, `consent_required` otherwise: the person is asked every time); `max_age` sends a
person whose login is older back to log in; every redirect back, errors included, carries the RFC 9207
`iss`. Discovery says which grants, which revocation endpoint and which ID-token algorithm are used.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path, re_path, reverse
from django.utils import timezone
from oauth2_provider import views as oauth2_views
from oauth2_provider.exceptions import OAuthToolkitError
from oauth2_provider.models import get_application_model
from oauth2_provider.settings import oauth2_settings
from oauthlib.oauth2.rfc6749.errors import InvalidRequestError, OAuth2Error
from oauthlib.openid.connect.core.exceptions import ConsentRequired, LoginRequired

from panjereh.accounts.oidc import consent_claims
from panjereh.core.csp import allow_form_action


class ConsentView(oauth2_views.AuthorizationView):  # type: ignore[misc]  # DOT ships no types
    """DOT's authorization endpoint with the Persian consent screen (templates/oauth2_provider/authorize.html)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "none" in _prompt(request) and not request.user.is_authenticated:
            return self.get(request, *args, **kwargs)  # never the login page: the window hears login_required
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["claims"] = consent_claims(context.get("scopes") or [])
        application = context.get("application")
        window = getattr(application, "agency_window", None)
        context["agency_name"] = window.agency.name if window is not None else ""
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refusal = self._refusal_before_consent(request)
        if refusal is not None:
            return refusal
        if _login_too_old(request):
            logout(request)
            return redirect_to_login(request.get_full_path())
        response: HttpResponse = super().get(request, *args, **kwargs)
        # The consent form's answer redirects to the window's (already validated) redirect URI; browsers
        # check that redirect against the page's CSP form-action, so the window's origin is added to it.
        redirect_uri = getattr(self, "oauth2_data", {}).get("redirect_uri") or ""
        parts = urlsplit(redirect_uri)
        if response.status_code == 200 and parts.scheme in {"http", "https"} and parts.netloc:
            response = allow_form_action(request, response, f"{parts.scheme}://{parts.netloc}")
        return response

    def _refusal_before_consent(self, request: HttpRequest) -> HttpResponse | None:
        """What is refused before any page is shown, sent back to the window once its client and
        redirect URI are known good: a PKCE method other than S256, and `prompt=none` (OpenID
        Connect Core 3.1.2.6: login_required when nobody is logged in, else consent_required)."""
        silent = "none" in _prompt(request)
        plain = request.GET.get("code_challenge_method", "") != "S256"
        if not (silent or plain):
            return None
        try:
            _scopes, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError as invalid:
            return self.error_response(invalid, application=None)
        application = get_application_model().objects.get(client_id=credentials["client_id"])
        state = credentials.get("state")
        error: OAuth2Error
        if plain:
            error = InvalidRequestError(description="code_challenge_method must be S256", state=state)
        elif request.user.is_authenticated:
            error = ConsentRequired(state=state)  # the person is asked every time: never silently
        else:
            error = LoginRequired(state=state)
        error.redirect_uri = credentials["redirect_uri"]
        return self.error_response(OAuthToolkitError(error, credentials["redirect_uri"]), application)

    def error_response(self, error: Any, application: Any, **kwargs: Any) -> HttpResponse:
        """DOT's, with RFC 9207 `iss` on an error sent back to the window, as on a success."""
        response: HttpResponse = super().error_response(error, application, **kwargs)
        location = response.get("Location") if response.status_code in (301, 302, 303, 307, 308) else None
        if location and "iss=" not in (urlsplit(location).query or ""):
            separator = "&" if "?" in location else "?"
            response["Location"] = (
                f"{location}{separator}{urlencode({'iss': oauth2_settings.oidc_issuer(self.request)})}"
            )
        return response


def _prompt(request: HttpRequest) -> set[str]:
    return set(request.GET.get("prompt", "").split())


def _login_too_old(request: HttpRequest) -> bool:
    """`max_age` (OpenID Connect Core 3.1.2.1): the login is older than the window allows."""
    max_age = request.GET.get("max_age", "").strip()
    if not max_age.isdigit() or not request.user.is_authenticated or request.user.last_login is None:
        return False
    return (timezone.now() - request.user.last_login).total_seconds() > int(max_age)


class DiscoveryView(oauth2_views.ConnectDiscoveryInfoView):  # type: ignore[misc]
    """DOT's discovery document, saying also which grants and revocation endpoint windows use, and
    only the algorithm ID tokens are signed with (RS256; DOT lists HS256 too)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().get(request, *args, **kwargs)
        data = json.loads(response.content)
        data["grant_types_supported"] = list(oauth2_settings.OAUTH2_GRANT_TYPES_SUPPORTED)
        data["revocation_endpoint"] = request.build_absolute_uri(reverse("oauth2_provider:revoke-token"))
        data["id_token_signing_alg_values_supported"] = ["RS256"]
        return JsonResponse(data, headers={"Access-Control-Allow-Origin": "*"})


urlpatterns = [
    path("authorize/", ConsentView.as_view(), name="authorize"),
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("userinfo/", oauth2_views.UserInfoView.as_view(), name="user-info"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        DiscoveryView.as_view(),
        name="oidc-connect-discovery-info",
    ),
    path(".well-known/jwks.json", oauth2_views.JwksInfoView.as_view(), name="jwks-info"),
    # RFC 8414 metadata under the same prefix, so the RFC 9207 `iss` on the redirect back equals the
    # OpenID issuer (DOT derives one from the other's URL).
    path(
        ".well-known/oauth-authorization-server",
        oauth2_views.OAuthServerMetadataView.as_view(),
        name="oauth-server-metadata",
    ),
]
