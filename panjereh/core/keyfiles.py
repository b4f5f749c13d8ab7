"""Private keys kept in files under var/keys/, created once and never committed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat


def ed25519_key_file(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 key in `path`, generated (mode 0600) the first time it is asked for.

    The new key is written to a temporary file and linked into place, which fails if the name is
    taken: two processes starting at once agree on one key, and nobody reads a half-written file.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-key-")  # created with mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return Ed25519PrivateKey.from_private_bytes(path.read_bytes())
