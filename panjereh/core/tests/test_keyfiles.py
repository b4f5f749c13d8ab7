from __future__ import annotations

import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from panjereh.core.keyfiles import ed25519_key_file


def public(path: Path) -> bytes:
    return ed25519_key_file(path).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def test_a_key_is_made_once_private_to_its_owner_and_the_same_ever_after(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "k.key"
    with ThreadPoolExecutor(8) as pool:  # many starting at once agree on one key
        keys = set(pool.map(lambda _: public(path), range(16)))
    assert len(keys) == 1 and public(path) in keys
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["k.key"]  # no temporary files left behind
