"""The interactive API documentation renders from the vendored Swagger UI, under the site's CSP."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def test_the_api_docs_list_the_catalog_endpoints(page: Page) -> None:
    page.goto("/api/v1/docs")
    expect(page.get_by_text("Panjereh API").first).to_be_visible()
    expect(page.locator("#swagger-ui").get_by_role("link", name="/api/v1/services/{code}", exact=True)).to_be_visible()


def test_the_openapi_document_is_served(page: Page) -> None:
    response = page.request.get("/api/v1/openapi.json")
    assert response.ok
    assert "/api/v1/services" in response.json()["paths"]
