"""Importing service profiles: the JSON Lines format of shared/CONTRACTS.md.

Idempotent by `code`: a known code is updated, an unknown one created, an unchanged one left
alone. Each line is validated on its own; a bad line is refused with its line number and a
Persian reason and the others still go in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from pydantic import ValidationError

from panjereh.agencies.models import Agency
from panjereh.agencies.services import agency_get_or_create
from panjereh.catalog.errors import persian_reason
from panjereh.catalog.models import Category, LifeEvent, Service
from panjereh.catalog.schemas import ServiceProfileIn
from panjereh.catalog.search import index_services, refresh_statistics

CHUNK = 500
BULK = 1000  # from this many changed services on, refresh the planner's statistics afterwards
MAX_LINE_BYTES = 256 * 1024
PLAIN_FIELDS = (
    "title", "summary", "description", "audience", "maturity", "channels", "requirements",
    "fee_rials", "sla_days", "keywords", "legal_basis", "revision", "approved_on", "service_url",
)  # fmt: skip


@dataclass
class Rejection:
    line: int
    reason: str
    field: str | None = None


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)


@dataclass
class _Valid:
    line: int
    profile: ServiceProfileIn


def parse_lines(lines: Iterable[str | bytes]) -> Iterator[tuple[int, Any]]:
    """(line number, parsed JSON or a Rejection) for each non-blank line."""
    for number, raw in enumerate(lines, start=1):
        if len(raw) > MAX_LINE_BYTES:
            yield number, Rejection(number, "سطر بیش از حد بلند است (بیشینه ۲۵۶ کیلوبایت).")
            continue
        try:
            text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError:
            yield number, Rejection(number, "سطر با UTF-8 کدگذاری نشده است.")
            continue
        text = text.strip().lstrip("\ufeff")
        if not text:
            continue
        try:
            yield number, json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            yield number, Rejection(number, "سطر JSON معتبر نیست.")


def catalog_import(records: Iterable[tuple[int, Any]], *, is_sample: bool = False) -> ImportReport:
    """Import (line number, record) pairs; records are dicts of the import format."""
    report = ImportReport()
    seen: dict[str, int] = {}
    chunk: list[_Valid] = []
    for number, record in records:
        valid = _validate(number, record, seen, report)
        if valid is not None:
            chunk.append(valid)
        if len(chunk) >= CHUNK:
            _save_chunk(chunk, report, is_sample)
            chunk = []
    if chunk:
        _save_chunk(chunk, report, is_sample)
    if report.created + report.updated >= BULK:
        refresh_statistics()
    return report


def _validate(number: int, record: Any, seen: dict[str, int], report: ImportReport) -> _Valid | None:
    if isinstance(record, Rejection):
        report.rejected.append(record)
        return None
    if not isinstance(record, dict):
        report.rejected.append(Rejection(number, "هر سطر باید یک شیء JSON باشد."))
        return None
    try:
        profile = ServiceProfileIn.model_validate(record)
    except ValidationError as error:
        reason, field_name = persian_reason(error)
        report.rejected.append(Rejection(number, reason, field_name))
        return None
    if profile.code in seen:
        report.rejected.append(
            Rejection(number, f"کد «{profile.code}» پیش‌تر در سطر {seen[profile.code]} آمده است.", "code")
        )
        return None
    seen[profile.code] = number
    return _Valid(number, profile)


@transaction.atomic
def _save_chunk(chunk: list[_Valid], report: ImportReport, is_sample: bool) -> None:
    categories = _codes(Category, chunk, "categories")
    life_events = _codes(LifeEvent, chunk, "life_events")
    existing = Service.objects.prefetch_related("categories", "life_events").in_bulk(
        [item.profile.code for item in chunk], field_name="code"
    )
    agencies: dict[str, Agency] = {}
    created: list[tuple[Service, _Valid]] = []
    changed: list[tuple[Service, _Valid]] = []
    for item in chunk:
        profile = item.profile
        missing = [c for c in profile.categories if c not in categories] or [
            c for c in profile.life_events if c not in life_events
        ]
        if missing:
            report.rejected.append(
                Rejection(item.line, f"دسته یا رویداد زندگی «{missing[0]}» شناخته نیست.", "categories")
            )
            continue
        if profile.agency.code not in agencies:
            agencies[profile.agency.code], _ = agency_get_or_create(
                code=profile.agency.code, name=profile.agency.name, is_sample=is_sample
            )
        values = {name: getattr(profile, name) for name in PLAIN_FIELDS}
        values["smart_claimed"] = profile.smart  # the agency's word; `smart` itself is measured
        values["agency_id"] = agencies[profile.agency.code].pk
        values["is_sample"] = is_sample
        service = existing.get(profile.code)
        if service is None:
            created.append((Service(code=profile.code, **values), item))
        elif _differs(service, values, profile):
            for name, value in values.items():
                setattr(service, name, value)
            changed.append((service, item))
        else:
            report.unchanged += 1
    Service.objects.bulk_create([service for service, _ in created])
    if changed:
        Service.objects.bulk_update(
            [service for service, _ in changed],
            [*PLAIN_FIELDS, "smart_claimed", "agency_id", "is_sample", "updated_at"],
        )
    touched = created + changed
    _set_relations(touched, categories, life_events)
    if touched:
        index_services([service.pk for service, _ in touched])
    report.created += len(created)
    report.updated += len(changed)


def _codes(model: type[Category] | type[LifeEvent], chunk: list[_Valid], attribute: str) -> dict[str, int]:
    wanted = {code for item in chunk for code in getattr(item.profile, attribute)}
    return dict(model.objects.filter(code__in=wanted).values_list("code", "id"))


def _differs(service: Service, values: dict[str, Any], profile: ServiceProfileIn) -> bool:
    if any(getattr(service, name) != value for name, value in values.items()):
        return True
    current_categories = sorted(category.code for category in service.categories.all())
    current_events = sorted(event.code for event in service.life_events.all())
    return current_categories != sorted(set(profile.categories)) or current_events != sorted(set(profile.life_events))


def _set_relations(
    touched: list[tuple[Service, _Valid]], categories: dict[str, int], life_events: dict[str, int]
) -> None:
    if not touched:
        return
    ids = [service.pk for service, _ in touched]
    category_link = Service.categories.through
    event_link = Service.life_events.through
    category_link.objects.filter(service_id__in=ids).delete()
    event_link.objects.filter(service_id__in=ids).delete()
    category_link.objects.bulk_create(
        [
            category_link(service_id=s.pk, category_id=categories[c])
            for s, item in touched
            for c in set(item.profile.categories)
        ]
    )
    event_link.objects.bulk_create(
        [
            event_link(service_id=s.pk, lifeevent_id=life_events[c])
            for s, item in touched
            for c in set(item.profile.life_events)
        ]
    )
