"""The catalog hears of an agency's rename: registered at start-up by CatalogConfig.ready()."""

from __future__ import annotations

from panjereh.agencies import services as agency_services
from panjereh.catalog.services import agency_services_reindex


def test_the_catalog_listens_for_renames() -> None:
    assert agency_services_reindex in agency_services._RENAME_LISTENERS
