"""Single sign-on pages of the OpenID Connect provider (django-oauth-toolkit's views under /o/).

Only what agency windows need is routed: authorize (the consent screen), token, revoke, userinfo,
discovery (OpenID and RFC 8414) and JWKS. DOT's application-management pages and dynamic client
registration are left out: windows are registered by the platform (`panjereh oidc register-client`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.urls import path, re_path
from oauth2_provider import views as oauth2_views

from panjereh.accounts.oidc import consent_claims


class ConsentView(oauth2_views.AuthorizationView):  # type: ignore[misc]  # DOT ships no types
    """DOT's authorization endpoint with the Persian consent screen (templates/oauth2_provider/authorize.html)."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["claims"] = consent_claims(context.get("scopes") or [])
        application = context.get("application")
        window = getattr(application, "agency_window", None)
        context["agency_name"] = window.agency.name if window is not None else ""
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().get(request, *args, **kwargs)
        # The consent form's answer redirects to the window's (already validated) redirect URI; browsers
        # check that redirect against the page's CSP form-action, so the window's origin is added to it.
        redirect_uri = getattr(self, "oauth2_data", {}).get("redirect_uri") or ""
        parts = urlsplit(redirect_uri)
        if response.status_code == 200 and parts.scheme in {"http", "https"} and parts.netloc:
            response._csp_update = {"form-action": [f"{parts.scheme}://{parts.netloc}"]}  # type: ignore[attr-defined]
        return response


urlpatterns = [
    path("authorize/", ConsentView.as_view(), name="authorize"),
    path("token/", oauth2_views.TokenView.as_view(), name="token"),
    path("revoke_token/", oauth2_views.RevokeTokenView.as_view(), name="revoke-token"),
    path("userinfo/", oauth2_views.UserInfoView.as_view(), name="user-info"),
    re_path(
        r"^\.well-known/openid-configuration/?$",
        oauth2_views.ConnectDiscoveryInfoView.as_view(),
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
