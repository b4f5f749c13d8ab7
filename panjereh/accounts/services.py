"""Writes of accounts."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.apps import AppConfig, apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import Application

from panjereh.accounts.constants import StaffRole
from panjereh.accounts.identity import RegistryUnavailable, registry_identity
from panjereh.accounts.models import AgencyWindowClient, Citizen, StaffMember
from panjereh.agencies.models import Agency
from panjereh.persian import clean_input, normalize_national_code, to_persian_digits

logger = logging.getLogger(__name__)


@transaction.atomic
def citizen_identity_confirm(citizen: Citizen) -> bool:
    """Asks the civil registry who the citizen is and stores it (name, father's name, birth date,
    gender, and when it was asked); False if the registry could not answer, and nothing changes."""
    try:
        identity = registry_identity(citizen.national_code)
    except RegistryUnavailable as error:
        logger.warning("civil registry inquiry failed: %s", error)
        return False
    if not (identity.first_name and identity.last_name):  # an answer without a name confirms nobody
        logger.warning("civil registry answered without a name")
        return False
    citizen.first_name, citizen.last_name = identity.first_name, identity.last_name
    citizen.father_name, citizen.birth_date = identity.father_name, identity.birth_date
    citizen.gender, citizen.identity_checked_at = identity.gender, timezone.now()
    citizen.save(update_fields=[*IDENTITY_FIELDS, "updated_at"])
    return True


IDENTITY_FIELDS = ("first_name", "last_name", "father_name", "birth_date", "gender", "identity_checked_at")


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


# What each role may do, as Django permissions ("app_label.codename"); rows are then scoped to the
# member's agency by the admin (core.admin.AgencyScopedAdmin, in each app's admin.py). Supervisors
# only view agencies' rows (they do decide the evaluation: rounds and objections); officers keep their
# agency's service profiles, work its inbox and complaints, and object to its draft report card; agency
# admins also keep its systems, data services, grants and service definitions.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    StaffRole.SUPERVISOR: [
        "agencies.view_agency",
        "catalog.view_service",
        "exchange.view_agencysystem",
        "exchange.view_dataservice",
        "exchange.view_grant",
        "exchange.view_auditrecord",
        "applications.view_servicedefinition",
        "applications.view_application",
        "applications.view_complaint",
        "evaluation.view_round",
        "evaluation.change_round",  # open a round to review, publish it
        "evaluation.view_objection",
        "evaluation.change_objection",  # decide the agencies' objections
        "payments.view_payment",
        "help.view_pagefeedback",
        "help.change_pagefeedback",  # what people said of the pages: read, marked handled
        "core.view_announcedday",  # the official calendar the promised times are counted on, kept by the
        "core.add_announcedday",  # supervisors, as "in time" in the evaluation depends on it
        "core.change_announcedday",
        "core.delete_announcedday",
    ],
    StaffRole.OFFICER: [
        "agencies.view_agency",
        "catalog.view_service",
        "catalog.add_service",
        "catalog.change_service",
        "exchange.view_agencysystem",
        "exchange.view_dataservice",
        "exchange.view_grant",
        "exchange.view_auditrecord",
        "applications.view_servicedefinition",
        "applications.view_application",
        "applications.change_application",  # claim and decide in the inbox
        "applications.view_complaint",
        "applications.change_complaint",  # answer the agency's complaints
        "evaluation.view_round",
        "evaluation.view_objection",
        "evaluation.add_objection",  # object to the agency's draft report card
        "payments.view_payment",
    ],
    StaffRole.AGENCY_ADMIN: [
        "agencies.view_agency",
        "agencies.change_agency",
        "catalog.view_service",
        "catalog.add_service",
        "catalog.change_service",
        "catalog.delete_service",
        "exchange.view_agencysystem",
        "exchange.add_agencysystem",
        "exchange.change_agencysystem",
        "exchange.view_dataservice",
        "exchange.add_dataservice",
        "exchange.change_dataservice",
        "exchange.view_grant",
        "exchange.add_grant",
        "exchange.change_grant",
        "exchange.view_auditrecord",
        "applications.view_servicedefinition",
        "applications.add_servicedefinition",
        "applications.change_servicedefinition",
        "applications.view_application",
        "applications.change_application",
        "applications.view_complaint",
        "applications.change_complaint",
        "evaluation.view_round",
        "evaluation.view_objection",
        "evaluation.add_objection",
        "payments.view_payment",
        "payments.change_payment",  # record a refund made from the bank's panel
    ],
}


def role_groups_refresh(app_config: AppConfig, using: str = DEFAULT_DB_ALIAS, **_: Any) -> None:
    """After `migrate`: the role groups that exist get the permissions their role has now (a release may
    give a role new ones), so existing staff have them without being saved again. Connected to
    post_migrate, it acts once every app's permissions are made (on the signal of the last app), for
    the main database."""
    if using != DEFAULT_DB_ALIAS or app_config is not list(apps.get_app_configs())[-1]:
        return
    for role in StaffRole:
        if Group.objects.filter(name=role.label).exists():
            role_group(role)


def role_group(role: str) -> Group:
    """The group holding a role's permissions, named after the role and brought up to date."""
    group, _ = Group.objects.get_or_create(name=StaffRole(role).label)
    wanted = [perm.split(".") for perm in ROLE_PERMISSIONS[role]]
    query = Q(pk__in=[])
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    permissions = list(Permission.objects.filter(query))
    if len(permissions) != len(wanted):
        raise ImproperlyConfigured(f"missing permissions for {role}: run `panjereh migrate` first")
    group.permissions.set(permissions)
    return group


@dataclass(frozen=True)
class NewStaff:
    member: StaffMember
    password: str  # shown once, never stored in the clear
    provisioning_uri: str  # otpauth://… for the member's authenticator app, shown once


@transaction.atomic
def staff_create(
    *, username: str, role: str, agency_code: str | None, password: str | None = None, first_name: str = "",
    last_name: str = "",
) -> NewStaff:  # fmt: skip
    """A staff account: a user who may enter the admin, its role's group, and a TOTP device.

    The first and last name are what the back office calls the member by (the inbox's «کارشناس», the
    timeline); without them the member is only «کارشناس دستگاه» in the records. Without a password, a
    strong one is generated. Raises ValidationError (Persian messages) for an unknown role or agency, a
    taken username, a missing agency, a name too long or a weak password."""
    first_name, last_name = clean_input(first_name), clean_input(last_name)
    max_length = get_user_model()._meta.get_field("first_name").max_length or 150
    if len(first_name) > max_length or len(last_name) > max_length:
        raise ValidationError(f"نام و نام خانوادگی هر یک دست‌بالا {to_persian_digits(max_length)} نویسه است.",
                              code="name")  # fmt: skip
    if role not in StaffRole.values:
        raise ValidationError("نقش ناشناخته است؛ یکی از officer، agency_admin یا supervisor.", code="role")
    agency = None
    if agency_code:
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None:
            raise ValidationError(f"دستگاهی با کد {agency_code} نیست.", code="agency")
    elif role != StaffRole.SUPERVISOR:
        raise ValidationError("کارشناس و مدیر دستگاه باید به یک دستگاه وابسته باشند.", code="agency")
    users = get_user_model()
    if users.objects.filter(username=username).exists():
        raise ValidationError(f"نام کاربری {username} پیش‌تر گرفته شده است.", code="username")
    user = users(username=username, is_staff=True, first_name=first_name, last_name=last_name)
    password = password or secrets.token_urlsafe(18)
    _validate_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.add(role_group(role))
    member = StaffMember.objects.create(user=user, agency=agency, role=role)
    device = _totp_device_new(user)
    logger.info("staff created: %s (%s, %s)", username, role, agency_code or "-")
    return NewStaff(member=member, password=password, provisioning_uri=device.config_url)


@transaction.atomic
def staff_totp_reset(*, username: str) -> TOTPDevice:
    """Replaces a user's TOTP devices with a new one (a lost phone); the old codes stop working."""
    user = get_user_model().objects.filter(username=username, is_staff=True).first()
    if user is None:
        raise ValidationError(f"کارکنی با نام کاربری {username} نیست.", code="username")
    TOTPDevice.objects.filter(user=user).delete()
    logger.info("staff TOTP reset: %s", username)
    return _totp_device_new(user)


def _validate_password(password: str, user: Any) -> None:
    """The settings' password rules, all in Persian (Django's Persian lacks the minimum length's)."""
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError([
            ValidationError(
                f"گذرواژه دست‌کم باید {to_persian_digits(str(e.params['min_length']))} نویسه باشد.", code=e.code
            ) if e.code == "password_too_short" and e.params else e
            for e in error.error_list
        ]) from error  # fmt: skip


def _totp_device_new(user: Any) -> TOTPDevice:
    # Created unconfirmed and confirmed at once: the key goes only to the member, once, through the
    # command that made it. (A self-service enrolment would confirm it with the first code instead.)
    device = TOTPDevice.objects.create(user=user, name="برنامه احراز هویت", confirmed=False)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


def staff_groups_sync(member: StaffMember) -> None:
    """After a role change: the member's user holds exactly their role's group."""
    role_groups = Group.objects.filter(name__in=StaffRole.labels)
    member.user.groups.remove(*role_groups)
    member.user.groups.add(role_group(member.role))
