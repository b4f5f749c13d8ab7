"""The national window as an OpenID Connect provider for agency windows (django-oauth-toolkit).

Claims come from the Citizen behind the logged-in user:

- `sub` (scope openid): a pairwise identifier, HMAC-SHA256 over (sector, user pk) with a key kept in
  var/keys/oidc-subject.key (or OIDC_SUBJECT_KEY). The sector is the agency's code, so one agency's
  windows agree on a person while two agencies cannot join their records by `sub`; it is never the
  national code, and it is stable as long as the key and the user row are.
- `given_name`, `family_name`, `name`, `birthdate` (ISO date), `gender` (scope profile);
- `national_code` (scope national_code), only for citizens: staff without a Citizen row get none.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from oauth2_provider.models import RefreshToken
from oauth2_provider.oauth2_validators import OAuth2Validator

from panjereh.accounts.models import RedeemedAuthorizationCode
from panjereh.accounts.selectors import citizen_of
from panjereh.core.keyfiles import secret_file

# What the consent screen lists for each scope, in Persian.
CLAIM_LABELS: dict[str, list[str]] = {
    "openid": ["شناسه کاربری ویژه این دستگاه (کد ملی شما نیست)"],
    "profile": ["نام و نام خانوادگی", "تاریخ تولد", "جنسیت"],
    "national_code": ["کد ملی"],
}
PROFILE_CLAIMS = ["given_name", "family_name", "name", "birthdate", "gender"]


def consent_claims(scopes: Iterable[str]) -> list[str]:
    """The Persian names of what a window asks for with `scopes`, in a stable order."""
    wanted = set(scopes)
    return [label for scope, labels in CLAIM_LABELS.items() if scope in wanted for label in labels]


@cache
def _subject_key() -> bytes:
    configured: str = getattr(settings, "OIDC_SUBJECT_KEY", "")
    if configured:
        return configured.encode()
    return secret_file(Path(settings.VAR_DIR) / "keys" / "oidc-subject.key")


def subject_sector(application: Any) -> str:
    """The agency's code for a registered agency window; the client id for a client made another way
    (DOT's admin), which then gets subjects of its own."""
    try:
        window = application.agency_window
    except ObjectDoesNotExist:
        return f"client:{application.client_id}"
    return f"agency:{window.agency.code}"


def pairwise_subject(user_pk: object, sector: str) -> str:
    mac = hmac.new(_subject_key(), f"{sector}\x00{user_pk}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


class NationalWindowValidator(OAuth2Validator):  # type: ignore[misc]  # DOT ships no types
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "national_code": "national_code"}

    def get_claim_dict(self, request: Any) -> dict[str, Any]:
        sector = subject_sector(request.client)
        claims: dict[str, Any] = {"sub": pairwise_subject(request.user.pk, sector)}
        citizen = citizen_of(request.user)
        if citizen is None:
            return claims
        profile = {
            "given_name": citizen.first_name,
            "family_name": citizen.last_name,
            "name": citizen.full_name,
            "birthdate": citizen.birth_date.isoformat() if citizen.birth_date else "",
            "gender": citizen.gender,
        }
        claims.update({key: value for key, value in profile.items() if value})  # unknown claims are left out
        claims["national_code"] = citizen.national_code
        return claims

    def get_discovery_claims(self, request: Any) -> list[str]:
        return ["sub", *PROFILE_CLAIMS, "national_code"]

    def validate_redirect_uri(self, client_id: str, redirect_uri: str, request: Any, *args: Any, **kwargs: Any) -> bool:
        """Exactly one of the registered URIs, character for character: DOT would let a loopback URI
        through on any port (RFC 8252 7.3, for native apps); agency windows are web servers."""
        return redirect_uri in request.client.redirect_uris.split()

    def save_bearer_token(self, token: dict[str, Any], request: Any, *args: Any, **kwargs: Any) -> Any:
        """Also remembers which family of tokens an authorization code began (by the code's hash)."""
        saved = super().save_bearer_token(token, request, *args, **kwargs)
        if request.grant_type == "authorization_code" and getattr(request, "code", None) and token.get("refresh_token"):
            family = (
                RefreshToken.objects.filter(token_checksum=_sha256(token["refresh_token"]))
                .values_list("token_family", flat=True)
                .first()
            )
            now = timezone.now()
            if family is not None:
                RedeemedAuthorizationCode.objects.get_or_create(
                    code_hash=_sha256(request.code), defaults={"token_family": family, "created_at": now}
                )
            # A code older than its refresh tokens can live has nothing left to revoke.
            horizon = now - datetime.timedelta(seconds=settings.OIDC_REFRESH_TOKEN_SECONDS)
            RedeemedAuthorizationCode.objects.filter(created_at__lt=horizon).delete()
        return saved

    def validate_code(self, client_id: str, code: str, client: Any, request: Any, *args: Any, **kwargs: Any) -> bool:
        """A code exchanged a second time was stolen: the family of tokens its first exchange began is
        revoked (RFC 6749 §4.1.2), and the exchange is refused as before."""
        if super().validate_code(client_id, code, client, request, *args, **kwargs):
            return True
        for family in RedeemedAuthorizationCode.objects.filter(code_hash=_sha256(code)).values_list(
            "token_family", flat=True
        ):
            RefreshToken.revoke_family(family)
        return False

    # `prompt=none` is answered by the consent view itself (portal/sso.py: login_required or
    # consent_required); oauthlib asks these first, and raises NotImplementedError without them.
    def validate_silent_login(self, request: Any) -> bool:
        return True

    def validate_silent_authorization(self, request: Any) -> bool:
        return True


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()
