"""What an agency admin pastes into a service definition's JSON fields is checked and refused in Persian,
never a 500 (JSON nested hundreds deep once exhausted Python's stack); the admin's own messages count in
Persian digits; the help names the form's fields in Persian instead of pointing at the repository."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import format_html
from django.utils.safestring import SafeString

from conftest import admin_login
from panjereh.accounts.tests.staff_world import logged_in
from panjereh.agencies.services import agency_upsert
from panjereh.applications.admin import digits_in_text
from panjereh.applications.admin_forms import MAX_JSON_DEPTH, json_too_deep
from panjereh.applications.models import ServiceDefinition
from panjereh.catalog.models import Service

pytestmark = pytest.mark.django_db
ADD = "/admin/applications/servicedefinition/add/"
TOO_DEEP = "ساختار JSON بیش از ۵۰ لایه تودرتو دارد؛ آن را ساده‌تر بنویسید."


@pytest.fixture
def service() -> Service:
    agency = agency_upsert(code="tehran-municipality", name="شهرداری تهران")
    return Service.objects.create(code="tehran-permit", agency=agency, title="پروانه ساختمانی")


@pytest.fixture
def admin() -> Client:
    return logged_in("tehran-admin", "agency_admin", "tehran-municipality")


def post(service: Service, **changes: Any) -> dict[str, Any]:
    data = {"code": "tehran-permit-online", "active": "on", "service": service.pk, "agency": service.agency_id,
            "title": "پروانه ساختمانی", "decision_mode": "human", "form": "[]", "inquiries": "[]", "rules": "[]",
            "approve_reason": "", "document": "", "sla_hours": 72, "forward_path": ""}  # fmt: skip
    data.update(changes)
    return data


def nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize("field", ["form", "inquiries", "rules", "document"])
@pytest.mark.parametrize("deep", ["[" * 500 + "]" * 500, nested(500), "[" * 5000 + "]" * 5000, "[" * 5000])
def test_json_hundreds_deep_is_refused_in_persian(service: Service, admin: Client, field: str, deep: str) -> None:
    response = admin.post(ADD, post(service, **{field: deep}))
    assert response.status_code == 200
    assert TOO_DEEP in response.content.decode()
    assert not ServiceDefinition.objects.exists()


def test_json_of_a_real_depth_is_read_as_before(service: Service, admin: Client) -> None:
    rule = {"when": {"and": [{"==": [{"var": "form.floors"}, 0]}, {"in": ["x", ["x", "y"]]}]}, "reason": "رد"}
    response = admin.post(ADD, post(service, rules=json.dumps([rule], ensure_ascii=False)))
    assert response.status_code == 302, response.context and response.context["errors"]
    assert ServiceDefinition.objects.get().rules == [rule]


def test_the_depth_is_counted_without_recursion_and_brackets_in_strings_do_not_count() -> None:
    assert not json_too_deep(nested(MAX_JSON_DEPTH))
    assert json_too_deep(nested(MAX_JSON_DEPTH + 1))
    assert not json_too_deep(json.dumps({"reason": "[" * 1000, "quote": '\\"[[[[' + "{" * 100}))
    assert json_too_deep("[" * 1_000_000)  # a parser would have run out of stack long before


def test_the_saved_message_counts_the_version_in_persian_digits(service: Service, admin: Client) -> None:
    response = admin.post(ADD, post(service), follow=True)
    page = response.content.decode()
    messages = page.split('class="messagelist"')[1].split("</ul>")[0]
    assert "(نسخه ۱)" in messages and "(نسخه 1)" not in messages
    definition = ServiceDefinition.objects.get()
    assert f"/admin/applications/servicedefinition/{definition.pk}/change/" in messages  # the link's address as it is


def test_only_the_text_of_a_message_changes_its_digits_never_its_markup() -> None:
    message = format_html('«<a href="/x/12/">{}</a>» 3', "پروانه 'A1' (نسخه 2)")
    shown = digits_in_text(message)
    assert shown == '«<a href="/x/12/">پروانه &#x27;A۱&#x27; (نسخه ۲)</a>» ۳' and isinstance(shown, SafeString)
    assert digits_in_text("<b>2</b>") == "<b>۲</b>" and not isinstance(digits_in_text("2"), SafeString)


def test_the_form_field_is_explained_in_persian_not_by_a_repository_path(service: Service, admin: Client) -> None:
    page = admin.get(ADD).content.decode()
    assert "docs/applications.md" not in page
    assert "فهرست فیلدهای فرمی که متقاضی پر می‌کند" in page and "national_code" in page


def test_the_bulk_delete_reads_as_persian(service: Service, admin: Client) -> None:
    admin.post(ADD, post(service))
    superuser = User.objects.create_superuser("root", password="a-long-root-password-1404")
    client = Client()
    admin_login(client, superuser)
    page = client.get("/admin/applications/servicedefinition/").content.decode()
    assert '<option value="delete_selected">حذف تعریف‌های انتخاب‌شده</option>' in page
    assert "های انتخاب شده" not in page
