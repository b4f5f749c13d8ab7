"""What the second outside review found, each answered: a Persian page for a refused CSRF token and for
a method a page does not take, 413 (not 400) for a body over the limit, no-store on a logged-in
caller's API answers, HSTS by default, owner-only files, Persian digits in form errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_refused_csrf_token_is_a_persian_page() -> None:
    answer = Client(enforce_csrf_checks=True).post("/login/", {"national_code": "0012345679", "mobile": "0912"})
    page = answer.content.decode()
    assert answer.status_code == 403 and 'lang="fa"' in page and "فرم کهنه شده" in page
    assert "Forbidden" not in page


def test_a_method_a_page_does_not_take_is_a_persian_page() -> None:
    answer = Client().get("/logout/")
    assert answer.status_code == 405 and "POST" in answer["Allow"]
    assert "این روش درخواست برای این نشانی پذیرفته نیست." in answer.content.decode()


def test_a_body_over_the_limit_is_413_in_the_envelope() -> None:
    body = '{"national_code": "' + "1" * (2 * 1024 * 1024) + '"}'
    answer = Client().post("/api/v1/auth/otp", body, content_type="application/json")
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "payload_too_large"


def test_a_logged_in_callers_api_answers_are_never_stored_on_the_way() -> None:
    from django.contrib.auth import get_user_model

    browser = Client()
    browser.force_login(get_user_model().objects.create_user("nc-0012345679"))
    mine = browser.get("/api/v1/me")
    assert "no-store" in mine["Cache-Control"] and "Authorization" in mine["Vary"]
    public = Client().get("/api/v1/agencies")
    assert "no-store" not in public.get("Cache-Control", "")


def test_https_answers_carry_hsts() -> None:
    assert settings.SECURE_HSTS_SECONDS >= 365 * 24 * 3600
    assert "max-age=" in Client().get("/healthz", secure=True)["Strict-Transport-Security"]


@pytest.mark.parametrize("storage", ["default", "staticfiles"])
def test_stored_files_are_the_owners_only(tmp_path: Path, storage: str) -> None:
    saved = FileSystemStorage(location=tmp_path, **settings.STORAGES[storage]["OPTIONS"]).save(
        "a/b.txt", ContentFile(b"x")
    )
    assert (tmp_path / saved).stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o700


def test_form_errors_are_in_persian_digits() -> None:
    page = Client().post("/login/", {"national_code": "1" * 5000, "mobile": "09120005679"}).content.decode()
    assert "۶۴" in page and " 64 " not in page and "5000" not in page
