"""`/metrics` for Prometheus: what the processes counted (panjereh.core.metrics, added up across
processes in multiprocess mode), and what the database knows, read at scrape time: the task queue's
depth and lag, messages by SMS state, payments by status."""

from __future__ import annotations

import os
from collections.abc import Iterator

from django.db import DatabaseError
from django.db.models import Count
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

from panjereh.notifications.models import Notification
from panjereh.ops.health import readiness
from panjereh.payments.models import Payment


class DatabaseCollector:
    """Gauges read from the database when Prometheus scrapes (cheap: indexed counts)."""

    def collect(self) -> Iterator[Metric]:
        try:
            worker = readiness()[1]["worker"]
            sms = dict(Notification.objects.values_list("sms_state").annotate(n=Count("id")).order_by())
            payments = dict(Payment.objects.values_list("status").annotate(n=Count("id")).order_by())
        except (DatabaseError, KeyError):
            return
        yield GaugeMetricFamily("panjereh_tasks_due", "Tasks due and not yet taken by a worker.",
                                value=worker.get("due_tasks", 0))  # fmt: skip
        yield GaugeMetricFamily("panjereh_task_lag_seconds", "How long the task due longest has waited.",
                                value=worker.get("lag_seconds", 0.0))  # fmt: skip
        messages = GaugeMetricFamily("panjereh_sms_messages", "Messages by the state of their SMS.", labels=["state"])
        for state, count in sorted(sms.items()):
            messages.add_metric([state], count)
        yield messages
        paid = GaugeMetricFamily("panjereh_payments", "Payments by status.", labels=["status"])
        for status, count in sorted(payments.items()):
            paid.add_metric([status], count)
        yield paid


def exposition() -> bytes:
    """The text Prometheus reads: this process's registry, or every process's in multiprocess mode."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        registry.register(DatabaseCollector())
        return generate_latest(registry)
    return generate_latest(REGISTRY) + generate_latest(_with(registry, DatabaseCollector()))


def _with(registry: CollectorRegistry, collector: DatabaseCollector) -> CollectorRegistry:
    registry.register(collector)
    return registry
