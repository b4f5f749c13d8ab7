"""The gateway alone, for dedicated gateway processes at scale."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panjereh.settings")
django.setup()

from panjereh.exchange.gateway.app import gateway as application  # noqa: E402, F401
from panjereh.infra.memory import settle  # noqa: E402

settle()
