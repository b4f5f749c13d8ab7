"""Behind a reverse proxy every citizen would share the proxy's address (and one person could use
up a whole city's login allowance); a client that sends X-Forwarded-For itself must not choose its
address. The header is believed only from TRUSTED_PROXIES, read from the right."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from panjereh.core.client_address import client_address, trusted_proxies

PROXIES = trusted_proxies(("10.0.0.0/8", "127.0.0.1"))


@pytest.mark.parametrize(
    ("peer", "header", "client"),
    [
        ("10.0.0.5", "5.6.7.8", "5.6.7.8"),  # one trusted proxy in front
        ("10.0.0.5", "1.1.1.1, 5.6.7.8, 10.0.0.9", "5.6.7.8"),  # what the client wrote is to the left
        ("5.6.7.8", "1.1.1.1", "5.6.7.8"),  # not from a proxy: the header is the client's own words
        ("10.0.0.5", "", "10.0.0.5"),
        ("10.0.0.5", "not-an-address", "10.0.0.5"),
        ("10.0.0.5", "10.0.0.6, 10.0.0.7", "10.0.0.5"),  # proxies all the way: the peer
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_is_the_right_most_address_that_is_not_a_trusted_proxy(peer: str, header: str, client: str) -> None:
    assert client_address(peer, header, PROXIES) == client


@pytest.mark.django_db
@pytest.mark.usefixtures("fresh_limits")
def test_people_behind_a_trusted_proxy_are_counted_one_by_one(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.PUBLIC_RATE_PER_IP = "2/m"
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    one = [proxy.get("/api/v1/services", HTTP_X_FORWARDED_FOR="5.6.7.8").status_code for _ in range(3)]
    other = proxy.get("/api/v1/services", HTTP_X_FORWARDED_FOR="5.6.7.9").status_code
    assert one == [200, 200, 429] and other == 200
    # Without the setting the header is nobody's word: a client cannot pick a fresh address with it.
    settings.TRUSTED_PROXIES = []
    direct = Client(REMOTE_ADDR="5.5.5.5")
    spoofed = [direct.get("/api/v1/services", HTTP_X_FORWARDED_FOR=f"9.9.9.{n}").status_code for n in range(3)]
    assert spoofed == [200, 200, 429]
