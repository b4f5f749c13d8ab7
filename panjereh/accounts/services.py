"""Writes of accounts."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.contrib.auth import get_user_model
from django.db import transaction
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import Application

from panjereh.accounts.models import AgencyWindowClient, Citizen
from panjereh.agencies.models import Agency
from panjereh.persian import normalize_national_code


@transaction.atomic
def citizen_get_or_create(*, national_code: str, first_name: str = "", last_name: str = "") -> Citizen:
    code = normalize_national_code(national_code)
    existing = Citizen.objects.filter(national_code=code).select_related("user").first()
    if existing is not None:
        return existing
    user = get_user_model().objects.create_user(username=f"nc-{code}")
    user.set_unusable_password()  # citizens never have a password: they log in with a one-time code
    user.save(update_fields=["password"])
    return Citizen.objects.create(user=user, national_code=code, first_name=first_name, last_name=last_name)


class ClientRegistrationError(ValueError):
    """A redirect URI or name an agency window cannot be registered with (the message is Persian)."""


LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


def _checked_redirect_uris(redirect_uris: Sequence[str]) -> list[str]:
    """Absolute https URIs (http only on loopback, for development), no fragment, no wildcards."""
    checked: list[str] = []
    for uri in redirect_uris:
        uri = uri.strip()
        parts = urlsplit(uri)
        loopback_http = parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS
        if not (parts.scheme == "https" or loopback_http) or not parts.netloc or parts.fragment or "*" in uri:
            raise ClientRegistrationError(
                f"نشانی بازگشت «{uri}» پذیرفته نیست: نشانی کامل https (یا http فقط روی 127.0.0.1) بدون # لازم است."
            )
        if " " in uri or uri in checked:
            raise ClientRegistrationError(f"نشانی بازگشت «{uri}» نادرست یا تکراری است.")
        checked.append(uri)
    if not checked:
        raise ClientRegistrationError("دست‌کم یک نشانی بازگشت لازم است.")
    return checked


@transaction.atomic
def oidc_client_register(*, agency: Agency, name: str, redirect_uris: Sequence[str]) -> tuple[str, str]:
    """Registers an agency window as a confidential OpenID Connect client (authorization code with PKCE,
    ID tokens signed RS256) and returns (client_id, client_secret). The secret is shown this once:
    only its hash is stored."""
    name = name.strip()
    if not name:
        raise ClientRegistrationError("نام پنجره دستگاه لازم است.")
    uris = _checked_redirect_uris(redirect_uris)
    secret: str = generate_client_secret()
    application = Application.objects.create(
        name=name,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        algorithm=Application.RS256_ALGORITHM,
        redirect_uris=" ".join(uris),
        client_secret=secret,
        hash_client_secret=True,
        skip_authorization=False,
    )
    AgencyWindowClient.objects.create(application=application, agency=agency)
    return str(application.client_id), secret


@transaction.atomic
def oidc_client_secret_rotate(*, client_id: str) -> str:
    """A new secret for a registered window (the old one stops working); returned this once."""
    application = Application.objects.select_for_update().get(client_id=client_id)
    secret: str = generate_client_secret()
    application.client_secret = secret
    application.save(update_fields=["client_secret", "updated"])
    return secret


@transaction.atomic
def oidc_client_ensure(*, agency: Agency, name: str, redirect_uris: Sequence[str]) -> tuple[str, str]:
    """The window named `name` of `agency`, registered if missing, else given these redirect URIs and a
    fresh secret (the secrets are hashed, so a secret cannot be read back): (client_id, client_secret)."""
    existing = (
        AgencyWindowClient.objects.select_related("application")
        .filter(agency=agency, application__name=name.strip())
        .first()
    )
    if existing is None:
        return oidc_client_register(agency=agency, name=name, redirect_uris=redirect_uris)
    application = existing.application
    application.redirect_uris = " ".join(_checked_redirect_uris(redirect_uris))
    application.save(update_fields=["redirect_uris", "updated"])
    return str(application.client_id), oidc_client_secret_rotate(client_id=application.client_id)
