"""The client's address behind a reverse proxy. Django sees the proxy's address in REMOTE_ADDR; the
proxy says whom it serves in X-Forwarded-For, which anyone can also send. So the header is believed
only when the request comes from a proxy listed in TRUSTED_PROXIES (addresses or networks), and then
only up to the first address that is not one of them, read from the right: what a client put in the
header itself is to the left of what the trusted proxies added.

Everything that counts per address (login limits, public limits, staff sign-in) reads REMOTE_ADDR, so
this middleware, first in the chain, puts the client's address there; and counts it by `address_key`,
under which an IPv6 subscriber's whole /64 is one asker.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class ClientAddress:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        proxies = trusted_proxies(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
        if proxies:
            request.META["REMOTE_ADDR"] = client_address(
                request.META.get("REMOTE_ADDR", ""), request.META.get("HTTP_X_FORWARDED_FOR", ""), proxies
            )
        return self.get_response(request)


def client_address(peer: str, forwarded_for: str, proxies: tuple[Network, ...]) -> str:
    """The right-most address in the chain that is not a trusted proxy (the peer if it is not one)."""
    if not _trusted(peer, proxies):
        return peer
    for hop in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        if not _valid(hop):
            return peer  # a header we cannot read: the proxy's own address, not a guess
        if not _trusted(hop, proxies):
            return hop
    return peer


@cache
def trusted_proxies(entries: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


IPV6_SUBSCRIBER_PREFIX = 64  # what a subscriber is given: counting its addresses one by one gives 2**64 allowances


def address_key(address: str | None) -> str:
    """One asker, for a per-address limit: an IPv4 address as it is, an IPv6 address's /64 network (an
    IPv4 address mapped into IPv6 as the IPv4 address), anything unreadable as it came ("-" if empty)."""
    try:
        ip = ipaddress.ip_address((address or "").strip())
    except ValueError:
        return (address or "").strip() or "-"
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/{IPV6_SUBSCRIBER_PREFIX}", strict=False))
    return str(ip)


def request_address_key(request: HttpRequest) -> str:
    return address_key(request.META.get("REMOTE_ADDR"))
