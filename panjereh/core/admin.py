"""Admin helpers shared by the apps."""

from __future__ import annotations

from typing import Any

from django.db import models

# Web addresses typed without a scheme are taken as https (Django 6's default, chosen now).
HTTPS_URLS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}
