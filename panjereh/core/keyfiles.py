"""Private keys kept in files under var/keys/, created once and never committed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

RSA_KEY_BITS = 3072


def _key_file(path: Path, make: Callable[[], bytes]) -> bytes:
    """The bytes in `path`, made by `make()` and written (mode 0600) the first time they are asked for.

    The new key is written to a temporary file and linked into place, which fails if the name is
    taken: two processes starting at once agree on one key, and nobody reads a half-written file.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        data = make()
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-key-")  # created with mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_bytes()


def ed25519_key_file(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 key in `path` (32 raw bytes), generated the first time it is asked for."""
    raw = _key_file(
        path, lambda: Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    )
    return Ed25519PrivateKey.from_private_bytes(raw)


def rsa_key_file(path: Path) -> str:
    """The RSA private key in `path` as PEM text (PKCS#8), generated (3072 bits) the first time it is asked for."""

    def make() -> bytes:
        key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_BITS)
        return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())

    return _key_file(path, make).decode("ascii")


def secret_file(path: Path, size: int = 32) -> bytes:
    """`size` random bytes kept in `path` (a salt or an HMAC key), generated the first time they are asked for."""
    return _key_file(path, lambda: os.urandom(size))
