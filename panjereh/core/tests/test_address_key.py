"""What one asker is for a per-address limit: an IPv4 address, or an IPv6 subscriber's /64."""

from __future__ import annotations

import pytest

from panjereh.core.client_address import address_key


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),  # the same subscriber
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),  # another
        ("::ffff:203.0.113.7", "203.0.113.7"),  # IPv4, mapped into IPv6
        (" 203.0.113.7 ", "203.0.113.7"),
        ("", "-"),
        (None, "-"),
        ("not an address", "not an address"),
    ],
)
def test_address_key(address: str | None, key: str) -> None:
    assert address_key(address) == key
