"""Device cookies (OWASP, «Slow Down Online Guessing Attacks with Device Cookies»): a browser that has
logged a person in before is recognised the next time, so that the limits a stranger can fill do not
lock the person out.

The per-mobile and per-national-code limits on codes sent protect a person's phone from being flooded,
and anyone who knows their national code and mobile (pairs leak) can use them up. A request from a
browser holding this person's device cookie is counted against that device's own allowance instead:
the stranger, who does not hold it, cannot reach it. A person on a new device after such an attack still
waits for the hour to pass; docs/identity.md says so.

The cookie is signed with SECRET_KEY and names the person only by a keyed hash of their national code
(unreadable without the key), with a random id for the device.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core import signing
from django.http import HttpResponse
from django.utils.crypto import salted_hmac

COOKIE = "panjereh_device"
SALT = "panjereh.accounts.devices"
MAX_AGE_SECONDS = 180 * 24 * 3600  # about six months: a device not used to log in for longer is new again


def device_cookie_set(response: HttpResponse, national_code: str) -> None:
    """Marks the browser this answer goes to as one this person has logged in with."""
    value = signing.dumps({"p": _person(national_code), "d": secrets.token_urlsafe(12)}, salt=SALT, compress=True)
    response.set_cookie(COOKIE, value, max_age=MAX_AGE_SECONDS, secure=settings.SESSION_COOKIE_SECURE,
                        httponly=True, samesite="Lax")  # fmt: skip


def trusted_device(value: str | None, national_code: str) -> str | None:
    """The device's id if `value` is a device cookie of ours, unexpired, for this national code; else None."""
    if not value or len(value) > 200:
        return None
    try:
        data = signing.loads(value, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or data.get("p") != _person(national_code) or not isinstance(data.get("d"), str):
        return None
    return str(data["d"])


def _person(national_code: str) -> str:
    return salted_hmac(SALT, national_code, algorithm="sha256").hexdigest()[:32]
