"""Loading the labelled sample dataset (catalog/sample) through the same import as any agency."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

from panjereh.agencies.services import agency_upsert
from panjereh.catalog.imports import ImportReport, catalog_import
from panjereh.catalog.sample import AGENCIES, CATEGORIES, LIFE_EVENTS, generate_services
from panjereh.catalog.services import taxonomy_upsert

DEFAULT_SERVICES = 4200


def sample_load(*, services: int | None = None) -> ImportReport:
    """Idempotent: loading twice leaves the second run with everything `unchanged`."""
    with transaction.atomic():
        for agency in AGENCIES:
            agency_upsert(is_sample=True, **agency)
        taxonomy_upsert(categories=CATEGORIES, life_events=LIFE_EVENTS)
    records = enumerate(generate_services(services or DEFAULT_SERVICES), start=1)
    report = catalog_import(records, is_sample=True)
    cache.delete("portal:has_sample")
    return report
