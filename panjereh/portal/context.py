from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from panjereh.agencies.selectors import sample_data_present


def site(request: HttpRequest) -> dict[str, object]:
    """Whether the catalog holds sample data, so every page can say so (cached briefly)."""
    has_sample = cache.get("portal:has_sample")
    if has_sample is None:
        has_sample = sample_data_present()
        cache.set("portal:has_sample", has_sample, 60)
    return {"has_sample_data": has_sample}
