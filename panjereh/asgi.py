"""One origin for everything (`panjereh demo`): /exchange/ goes to the lean gateway handler,
everything else to Django's pages and API, run as WSGI in a thread pool (a2wsgi), which keeps
Django's sync views off the event loop without Django's one-thread ASGI bottleneck.

A national deployment routes /exchange/ to its own gateway processes
(`granian --interface asgi panjereh.exchange.gateway.asgi:application`) and the rest to
`granian --interface wsgi panjereh.wsgi:application`.
"""

import os
import threading

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panjereh.settings")
django.setup()

from a2wsgi import WSGIMiddleware  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

from panjereh.exchange.gateway.app import gateway  # noqa: E402

django_app = WSGIMiddleware(get_wsgi_application(), workers=8)  # type: ignore[arg-type]


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

        async def receive_coroutine():  # type: ignore[no-untyped-def]
            # a2wsgi hands receive() to asyncio.run_coroutine_threadsafe, which wants a coroutine;
            # granian's receive() returns another awaitable, so every request body failed (500).
            return await receive()

        await django_app(scope, receive_coroutine, send)
