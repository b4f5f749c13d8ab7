"""A per-checkout development secret, so no key is ever committed to the repository; and sealing the
secrets the platform has to keep."""

from __future__ import annotations

import base64
import functools
import os
import secrets
from pathlib import Path

from cryptography.fernet import Fernet, MultiFernet


def local_secret_key(var_dir: Path) -> str:
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:  # O_EXCL: when two processes start at once, the first one's key wins
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


# Secrets the platform must keep in order to check them (an agency system's HS256 key) are stored
# sealed: Fernet (AES-128-CBC and HMAC-SHA256, from `cryptography`), with a key that never enters the
# database — SECRETS_KEY (a Fernet key) or var/keys/secrets.key (made once, mode 0600). Older keys
# listed in SECRETS_KEYS_PREVIOUS still open what they sealed.
SEALED_PREFIX = "fernet:"


class SealBroken(ValueError):
    """A sealed value that no known key opens (edited, or sealed with a key this host lacks)."""


def seal(text: str) -> str:
    return SEALED_PREFIX + _fernet().encrypt(text.encode()).decode("ascii")


def unseal(value: str) -> str:
    """The text inside a sealed value; a value stored before sealing began is returned as it is."""
    if not value.startswith(SEALED_PREFIX):
        return value
    from cryptography.fernet import InvalidToken

    try:
        return _fernet().decrypt(value[len(SEALED_PREFIX) :].encode("ascii")).decode()
    except (InvalidToken, UnicodeError) as error:
        raise SealBroken("no known key opens this sealed value") from error


def is_sealed(value: str) -> bool:
    return value.startswith(SEALED_PREFIX)


@functools.cache
def _fernet() -> MultiFernet:
    from django.conf import settings

    from panjereh.core.keyfiles import secret_file

    configured = os.environ.get("SECRETS_KEY", "").strip()
    current = (
        configured.encode()
        if configured
        else base64.urlsafe_b64encode(secret_file(Path(settings.VAR_DIR) / "keys" / "secrets.key"))
    )
    previous = [key.strip().encode() for key in os.environ.get("SECRETS_KEYS_PREVIOUS", "").split(",") if key.strip()]
    return MultiFernet([Fernet(key) for key in (current, *previous)])
