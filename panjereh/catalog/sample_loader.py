"""Loading the labelled sample dataset (catalog/sample) through the same import as any agency."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db import transaction

from panjereh.agencies.models import Agency
from panjereh.agencies.services import agency_upsert
from panjereh.catalog.imports import ImportReport, catalog_import
from panjereh.catalog.sample import AGENCIES, CATEGORIES, LIFE_EVENTS, generate_services
from panjereh.catalog.selectors import listed_services
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
    _declare_services()
    cache.delete("portal:has_sample")
    return report


def _declare_services() -> None:
    """Each sample agency declares (in the planning organisation's list) its listed services and some not
    listed yet: from none more, for most connected windows, to twice as many, for windows not started."""
    listed, ids = listed_services(), dict(Agency.objects.values_list("code", "pk"))
    for agency in AGENCIES:
        count = listed.get(ids[agency["code"]], 0)
        share = {"connected": 0.9, "launched": 0.6}.get(agency["window_status"], 0.4)
        wobble = int(hashlib.sha256(agency["code"].encode()).hexdigest()[:4], 16) / 0xFFFF * 0.3
        agency_upsert(code=agency["code"], is_sample=True, declared_services=round(count / min(1.0, share + wobble)))
