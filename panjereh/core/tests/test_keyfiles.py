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


def test_an_rsa_key_is_made_once_as_pem_private_to_its_owner(tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    from panjereh.core.keyfiles import RSA_KEY_BITS, rsa_key_file

    path = tmp_path / "keys" / "oidc-rsa.pem"
    with ThreadPoolExecutor(4) as pool:
        pems = set(pool.map(lambda _: rsa_key_file(path), range(4)))
    assert len(pems) == 1 and rsa_key_file(path) in pems
    key = load_pem_private_key(path.read_bytes(), password=None)
    assert isinstance(key, RSAPrivateKey) and key.key_size == RSA_KEY_BITS
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["oidc-rsa.pem"]


def test_a_secret_file_keeps_its_random_bytes(tmp_path: Path) -> None:
    from panjereh.core.keyfiles import secret_file

    path = tmp_path / "salt"
    first = secret_file(path)
    assert len(first) == 32 and secret_file(path) == first
    assert secret_file(tmp_path / "other") != first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
