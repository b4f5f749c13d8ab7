"""Redis down: the portal keeps serving. Its limits go uncounted, said in the log once a minute, and
nothing a person does is lost (sessions and applications live in the database)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.test import Client

from panjereh.core import ratelimit

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_down(settings: Any, free_port: int) -> None:
    """The production cache configuration (settings.CACHES with REDIS_URL), pointed where nothing listens."""
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port}/0"
    settings.CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": settings.REDIS_URL,
                                   "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5,
                                               "IGNORE_EXCEPTIONS": True}}}  # fmt: skip
    ratelimit._uncounted_said[0] = -ratelimit.UNCOUNTED_SAID_EVERY_SECONDS


def test_limits_are_not_counted_and_the_log_says_so_once(redis_down: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="panjereh.core.ratelimit"):
        allowed = [ratelimit.allow("test", "someone", "2/m") for _ in range(5)]
    assert allowed == [True] * 5
    said = [r for r in caplog.records if "rate limits are not counted" in r.getMessage()]
    assert len(said) == 1


def test_the_portal_serves_search_and_pages(redis_down: None, settings: Any, catalog: Any) -> None:
    settings.PUBLIC_RATE_PER_IP = "2/m"  # would refuse the third request, if it could count
    client = Client(REMOTE_ADDR="10.9.0.1")
    statuses = [client.get("/api/v1/services", {"q": "گذرنامه"}).status_code for _ in range(4)]
    assert statuses == [200] * 4
    assert client.get("/").status_code == 200
    assert client.get("/services/", {"q": "گذرنامه"}).status_code == 200
    assert client.get("/readyz").json()["status"] == "degraded"


@pytest.mark.usefixtures("live_exchange")
def test_a_login_code_is_still_sent(redis_down: None, client: Client) -> None:
    from panjereh.accounts.models import OtpChallenge

    answer = client.post("/api/v1/auth/otp", {"national_code": "0012345679", "mobile": "09120005679"},
                         content_type="application/json")  # fmt: skip
    assert answer.status_code == 202, answer.content
    assert OtpChallenge.objects.count() == 1
