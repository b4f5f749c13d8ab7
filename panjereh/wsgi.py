import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panjereh.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # every view's module imported now, before the collector is settled  # noqa: B018

from panjereh.infra.memory import settle  # noqa: E402

settle()
