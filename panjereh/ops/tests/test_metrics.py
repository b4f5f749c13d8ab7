"""`/metrics`: not there without METRICS_TOKEN, refused without it, and with it the request latency by
URL pattern (never by path) and what the database knows: the task queue, messages, payments."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from panjereh.notifications.models import Notification, SmsState
from panjereh.notifications.services import send_notification_sms

pytestmark = [pytest.mark.django_db(databases=["default", "audit"]), pytest.mark.usefixtures("catalog")]
TOKEN = "a-long-random-scrape-token"


def scraped(client: Client) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def test_not_there_without_a_token_and_refused_without_the_right_one(client: Client, settings: Any) -> None:
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404
    settings.METRICS_TOKEN = TOKEN
    refused = client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong")
    assert refused.status_code == 401 and refused["WWW-Authenticate"] == 'Bearer realm="metrics"'
    assert client.get("/metrics").status_code == 401


def test_request_latency_by_url_pattern_and_the_databases_counts(client: Client, settings: Any) -> None:
    settings.METRICS_TOKEN = TOKEN
    assert client.get("/services/faraja-passport-renewal/").status_code == 200
    assert client.get("/services/no-such-service/").status_code == 404
    send_notification_sms.enqueue(1)
    user = get_user()
    Notification.objects.create(user=user, dedupe_key="m1", title="t", body="b", created_at=timezone.now(),
                                mobile="09120005679", sms_state=SmsState.FAILED)  # fmt: skip
    text = scraped(client)
    route = 'panjereh_http_request_duration_seconds_count{method="GET",route="services/<slug:code>/",status='
    assert route + '"2xx"}' in text and route + '"4xx"}' in text
    assert "faraja-passport-renewal" not in text and "no-such-service" not in text  # paths are never labels
    assert "panjereh_tasks_due 1.0" in text
    assert 'panjereh_sms_messages{state="failed"} 1.0' in text


def get_user() -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("person-1")
