from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

WINDOW = 2


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap («…»)
    url: str
    current: bool = False


def page_links(request: HttpRequest, current: int, total: int) -> list[PageLink]:
    """Links to the first, last and nearby pages, keeping the other query parameters."""
    wanted = {1, total, *range(current - WINDOW, current + WINDOW + 1)}
    numbers = sorted(n for n in wanted if 1 <= n <= total)
    links: list[PageLink] = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            links.append(PageLink(None, ""))
        links.append(PageLink(number, _url(request, number), number == current))
        previous = number
    return links if total > 1 else []


def _url(request: HttpRequest, number: int) -> str:
    params = request.GET.copy()
    params["page"] = str(number)
    return f"{request.path}?{params.urlencode()}"
