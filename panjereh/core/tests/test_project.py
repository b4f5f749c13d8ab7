"""Project-level guarantees: the configured database is the one in use, the OpenAPI file is current."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_the_tests_run_on_the_database_named_by_database_url() -> None:
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith("postgres") else "sqlite"
    assert connection.vendor == expected
    if expected == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA compile_options")
            assert "ENABLE_FTS5" in {row[0] for row in cursor.fetchall()}


def test_the_committed_openapi_document_is_current(tmp_path: Path) -> None:
    fresh = tmp_path / "openapi.json"
    call_command("export_openapi_schema", api="panjereh.api.main.api", indent=2, sorted=True, output=str(fresh))
    committed = ROOT / "docs" / "openapi.json"
    assert committed.exists(), "docs/openapi.json is missing: run `make openapi`"
    assert json.loads(committed.read_text()) == json.loads(fresh.read_text()), (
        "docs/openapi.json is stale: run `make openapi`"
    )
