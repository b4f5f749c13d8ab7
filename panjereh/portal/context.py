from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from panjereh.agencies.selectors import sample_data_present
from panjereh.notifications.services import unread_count


def site(request: HttpRequest) -> dict[str, object]:
    """Whether the catalog holds sample data, so every page can say so (cached briefly); and a signed-in
    person's unread messages, counted in the header."""
    has_sample = cache.get("portal:has_sample")
    if has_sample is None:
        has_sample = sample_data_present()
        cache.set("portal:has_sample", has_sample, 60)
    user = getattr(request, "user", None)
    unread = unread_count(user.pk) if user is not None and user.is_authenticated else 0
    return {"has_sample_data": has_sample, "unread_messages": unread}
