"""One origin for everything (`panjereh demo`): /exchange/ goes to the lean gateway handler,
everything else to Django's pages and API, run as WSGI in a thread pool (a2wsgi), which keeps
Django's sync views off the event loop without Django's one-thread ASGI bottleneck.

A national deployment routes /exchange/ to its own gateway processes
(`granian --interface asgi panjereh.exchange.gateway.asgi:application`) and the rest to
`granian --interface wsgi panjereh.wsgi:application`.
"""

import os
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panjereh.settings")
django.setup()

from a2wsgi import WSGIMiddleware  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.urls import get_resolver  # noqa: E402

from panjereh.exchange.gateway.app import gateway  # noqa: E402
from panjereh.infra.memory import settle  # noqa: E402

django_app = WSGIMiddleware(get_wsgi_application(), workers=8)  # type: ignore[arg-type]
get_resolver().url_patterns  # every view's module imported now, before the collector is settled  # noqa: B018
settle()


def _warm_up() -> None:
    """Build the search vocabulary before the first person searches (it takes a moment)."""
    from django.db import DatabaseError, connection

    from panjereh.catalog.search.engine import lexicon

    try:
        lexicon()
    except DatabaseError:
        pass  # not migrated yet: the first search builds it
    finally:
        connection.close()


threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()


async def application(scope, receive, send):  # type: ignore[no-untyped-def]
    if scope["type"] == "lifespan" or (scope["type"] == "http" and scope["path"].startswith("/exchange/")):
        await gateway(scope, receive, send)
    else:
        await django_app(scope, _as_coroutine(receive), send)


def _as_coroutine(receive: Callable[[], Awaitable[Any]]) -> Callable[[], Coroutine[Any, Any, Any]]:
    """a2wsgi reads request bodies with asyncio.run_coroutine_threadsafe(receive()), which takes only a
    coroutine; granian's receive() returns another kind of awaitable, so every POST body failed with a 500."""

    async def receive_coroutine() -> Any:
        return await receive()

    return receive_coroutine
