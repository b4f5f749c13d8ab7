"""The gateway alone, for dedicated gateway processes at scale."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panjereh.settings")
django.setup()

from panjereh.core.memory import settle  # noqa: E402
from panjereh.exchange.gateway.app import gateway as application  # noqa: E402, F401

settle()
