"""The agency's inbox in the back office: an officer of the municipality sees the building permits
waiting for it, claims one and decides it with a reason; nobody else can. And the service
definitions: validated on save, and versioned once applications use them."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from panjereh.accounts.tests.staff_world import logged_in
from panjereh.applications.models import Application, ApplicationEvent, IssuedDocument, ServiceDefinition
from panjereh.applications.selectors import sla_clock
from panjereh.persian import to_persian_digits

from .conftest import apply, citizen, client_for, run_tasks

PERMIT = {"postal_code": "1345678901", "registration_number": "1234/56", "floors": 3, "area_m2": 240}
INBOX = "/admin/applications/application/"


def building_permit(key: str = "key-00000001") -> Application:
    client = client_for(citizen())
    response = apply(client, "building-permit", PERMIT, key=key)
    assert response.status_code == 201, response.content
    run_tasks()
    application = Application.objects.get(tracking_code=response.json()["tracking_code"])
    assert application.status == "waiting_for_agency"
    return application


def officer(name: str = "tehran-officer", agency: str = "tehran-municipality") -> Client:
    return logged_in(name, "officer", agency)


def detail(application: Application, step: str = "change") -> str:
    return f"{INBOX}{application.pk}/{step}/"


def decide(client: Client, application: Application, outcome: str, reason: str) -> Any:
    return client.post(detail(application, "decide"), {"outcome": outcome, "reason": reason})


def shown_code(application: Application) -> str:
    return to_persian_digits(application.tracking_code)


def test_the_inbox_shows_what_waits_for_the_officers_agency_and_nothing_of_another(world: str) -> None:
    application = building_permit()
    page = officer().get(INBOX)
    assert page.status_code == 200
    assert shown_code(application) in page.content.decode()
    assert "پروانه ساختمانی" in page.content.decode()

    other = logged_in("faraja-officer", "officer", "faraja").get(INBOX)
    assert other.status_code == 200
    assert shown_code(application) not in other.content.decode()


def test_the_inbox_opens_on_waiting_applications_and_filters_to_the_others(world: str) -> None:
    application = building_permit()
    client = officer()
    decide(client, application, "reject", "پلاک ثبتی با نقشه نمی‌خواند.")
    assert shown_code(application) not in client.get(INBOX).content.decode()
    assert shown_code(application) in client.get(INBOX, {"state": "rejected"}).content.decode()
    assert shown_code(application) in client.get(INBOX, {"state": "all"}).content.decode()


def test_an_officer_of_another_agency_gets_404_for_the_detail_and_the_decide_pages(world: str) -> None:
    application = building_permit()
    other = logged_in("faraja-officer", "officer", "faraja")
    assert other.get(detail(application)).status_code == 404
    assert other.get(detail(application, "decide")).status_code == 404
    assert decide(other, application, "approve", "خوب است.").status_code == 404
    assert other.post(detail(application, "claim")).status_code == 404
    application.refresh_from_db()
    assert application.status == "waiting_for_agency" and application.assigned_to is None


def test_the_detail_shows_the_form_the_registry_answers_and_the_timeline(world: str) -> None:
    application = building_permit()
    page = officer().get(detail(application)).content.decode()
    assert "کد پستی ملک" in page and "پلاک ثبتی" in page
    assert 'id="inquiries"' in page and "sabt/properties" in page and "پاسخ گرفت" in page
    assert "درخواست در کارتابل کارشناس دستگاه قرار گرفت." in page
    assert "تصمیم‌گیری" in page  # the officer may decide


def test_an_officer_claims_an_application_and_the_timeline_says_so(world: str) -> None:
    application = building_permit()
    client = officer()
    response = client.post(detail(application, "claim"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.assigned_to is not None and application.assigned_to.username == "tehran-officer"
    event = ApplicationEvent.objects.filter(application=application).last()
    assert event is not None
    assert (event.actor, event.actor_name) == ("officer", "کارشناس دستگاه")  # records never keep a login
    listing = client.get(INBOX).content.decode()  # colleagues see who took it (a member without a name: the login)
    assert '<td class="field-claimed_by"><bdi dir="ltr">tehran-officer</bdi></td>' in listing


def test_the_claim_action_of_the_list_claims_the_selected_applications(world: str) -> None:
    application = building_permit()
    response = officer().post(INBOX, {"action": "claim", "_selected_action": [str(application.pk)]})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.claimed_at is not None


def test_approving_issues_the_document_with_the_officers_reason(world: str) -> None:
    application = building_permit()
    client = officer()
    client.post(detail(application, "claim"))
    response = decide(client, application, "approve", "نقشه‌ها با ضوابط طرح تفصیلی می‌خواند.")
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "issued"
    assert application.decision_reason == "نقشه‌ها با ضوابط طرح تفصیلی می‌خواند."
    assert application.decided_by == "کارشناس دستگاه"  # the officer has no full name: never their login
    page = client_for(application.citizen).get(f"/me/applications/{application.tracking_code}/").content.decode()
    assert "tehran-officer" not in page and f"کارشناس {application.agency.name}" in page
    assert 'class="list-group list-group-numbered timeline persian-numbers"' in page
    document = IssuedDocument.objects.get(application=application)
    assert document.claims["floors"] == 3
    assert document.claims["registration_number"] == application.data["registration_number"]
    assert list(application.events.values_list("status", flat=True))[-1] == "issued"


def test_rejecting_records_the_reason_and_issues_nothing(world: str) -> None:
    application = building_permit()
    decide(officer(), application, "reject", "زیربنا بیش از تراکم مجاز است.")
    application.refresh_from_db()
    assert application.status == "rejected"
    assert application.decision_reason == "زیربنا بیش از تراکم مجاز است."
    assert not IssuedDocument.objects.exists()


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_decision_without_a_reason_is_refused_in_persian(world: str, reason: str) -> None:
    application = building_permit()
    response = decide(officer(), application, "reject", reason)
    assert response.status_code == 200
    assert "دلیل تصمیم را بنویسید؛ متقاضی آن را می‌بیند." in response.content.decode()
    application.refresh_from_db()
    assert application.status == "waiting_for_agency"


def test_a_supervisor_sees_the_application_but_may_not_claim_or_decide(world: str) -> None:
    application = building_permit()
    supervisor = logged_in("nazer", "supervisor", None)
    page = supervisor.get(detail(application))
    assert page.status_code == 200
    assert "تصمیم‌گیری" not in page.content.decode()
    assert supervisor.get(detail(application, "decide")).status_code == 403
    assert decide(supervisor, application, "approve", "تأیید.").status_code == 403
    assert supervisor.post(detail(application, "claim")).status_code == 403
    supervisor.post(INBOX, {"action": "claim", "_selected_action": [str(application.pk)]})
    application.refresh_from_db()
    assert application.status == "waiting_for_agency" and application.assigned_to is None


def test_an_overdue_application_is_marked_for_highlighting(world: str) -> None:
    application = building_permit()
    Application.objects.filter(pk=application.pk).update(due_at=timezone.now() - datetime.timedelta(hours=5, minutes=1))
    page = officer().get(INBOX).content.decode()
    assert 'class="inbox-overdue">۵ ساعت گذشته<' in page
    assert "applications/inbox.css" in page


def test_the_sla_clock_reads_in_persian() -> None:
    now = timezone.now()
    assert sla_clock(now + datetime.timedelta(days=2, hours=3, minutes=10), now) == ("۲ روز و ۳ ساعت مانده", False)
    assert sla_clock(now - datetime.timedelta(hours=5, minutes=2), now) == ("۵ ساعت گذشته", True)
    assert sla_clock(now + datetime.timedelta(minutes=40, seconds=5), now) == ("۴۰ دقیقه مانده", False)
    assert sla_clock(now + datetime.timedelta(days=1, seconds=30), now) == ("۱ روز مانده", False)


# --- service definitions ----------------------------------------------------------------------


def definition_post(definition: ServiceDefinition, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "active": "on" if definition.active else "",
        "service": definition.service_id,
        "agency": definition.agency_id,
        "title": definition.title,
        "decision_mode": definition.decision_mode,
        "form": json.dumps(definition.form, ensure_ascii=False),
        "inquiries": json.dumps(definition.inquiries, ensure_ascii=False),
        "rules": json.dumps(definition.rules, ensure_ascii=False),
        "approve_reason": definition.approve_reason,
        "document": json.dumps(definition.document, ensure_ascii=False),
        "sla_hours": definition.sla_hours,
        "forward_system": definition.forward_system_id or "",
        "forward_path": definition.forward_path,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def definition_url(definition: ServiceDefinition) -> str:
    return f"/admin/applications/servicedefinition/{definition.pk}/change/"


def test_a_definition_with_a_bad_rule_is_refused_with_a_persian_message(world: str) -> None:
    definition = ServiceDefinition.objects.get(code="building-permit")
    admin = logged_in("tehran-admin", "agency_admin", "tehran-municipality")
    bad = json.dumps([{"when": {"eval": ["os.system('x')"]}, "reason": "رد"}])
    response = admin.post(definition_url(definition), definition_post(definition, rules=bad))
    assert response.status_code == 200
    assert "قاعده ۱ عملگر ناشناخته دارد: eval" in response.content.decode()
    definition.refresh_from_db()
    assert definition.rules == []


def test_editing_a_definition_without_applications_changes_it_in_place(world: str) -> None:
    definition = ServiceDefinition.objects.get(code="building-permit")
    admin = logged_in("tehran-admin", "agency_admin", "tehran-municipality")
    response = admin.post(definition_url(definition), definition_post(definition, sla_hours=48))
    assert response.status_code == 302, response.context and response.context["errors"]
    assert list(ServiceDefinition.objects.filter(code="building-permit").values_list("version", "sla_hours")) == [
        (1, 48)
    ]


def test_editing_a_definition_that_applications_use_saves_a_new_version(world: str) -> None:
    application = building_permit()
    definition = application.definition
    admin = logged_in("tehran-admin", "agency_admin", "tehran-municipality")
    response = admin.post(definition_url(definition), definition_post(definition, sla_hours=48))
    assert response.status_code == 302, response.context and response.context["errors"]
    versions = ServiceDefinition.objects.filter(code="building-permit").order_by("version")
    assert list(versions.values_list("version", "active", "sla_hours")) == [(1, False, 240), (2, True, 48)]
    application.refresh_from_db()
    assert application.definition.version == 1  # decided under the version it was made with


def test_definitions_are_scoped_to_the_agency_and_read_only_for_officers(world: str) -> None:
    permit = ServiceDefinition.objects.get(code="building-permit")
    passport = ServiceDefinition.objects.get(code="passport-renewal")
    admin = logged_in("tehran-admin", "agency_admin", "tehran-municipality")
    assert admin.get(definition_url(passport)).status_code == 404
    assert admin.post(definition_url(passport), definition_post(passport, sla_hours=2)).status_code == 404
    reader = officer()
    assert reader.get(definition_url(permit)).status_code == 200
    assert reader.post(definition_url(permit), definition_post(permit, sla_hours=2)).status_code == 403


def test_an_application_a_colleague_has_taken_is_theirs_to_decide(world: str) -> None:
    application = building_permit()
    first, colleague = officer(), officer("tehran-officer-2")
    first.post(detail(application, "claim"))
    colleague.post(detail(application, "claim"))
    response = decide(colleague, application, "approve", "تأیید همکار.")
    assert "کارشناس دیگری رسیدگی به این درخواست را بر عهده گرفته است." in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.assigned_to.username) == ("waiting_for_agency", "tehran-officer")  # type: ignore[union-attr]
    decide(first, application, "approve", "نقشه‌ها با ضوابط می‌خواند.")
    application.refresh_from_db()
    assert application.status == "issued"


def test_deciding_an_application_nobody_took_takes_it_first(world: str) -> None:
    application = building_permit()
    decide(officer(), application, "reject", "پلاک ثبتی با نقشه نمی‌خواند.")
    application.refresh_from_db()
    assert application.status == "rejected"
    assert application.assigned_to.username == "tehran-officer"  # type: ignore[union-attr]
    messages = list(application.events.values_list("message", flat=True))
    assert messages[-2] == "کارشناس رسیدگی به درخواست را بر عهده گرفت."


def test_the_inbox_finds_an_application_by_its_whole_code_typed_in_any_digits(world: str) -> None:
    application, other = building_permit(), building_permit(key="key-00000002")
    code = application.tracking_code
    spaced = f"{to_persian_digits(code[:4])} {to_persian_digits(code[4:8])}-{code[8:]}"
    inbox = officer()
    for typed in (code, spaced):
        page = inbox.get(INBOX, {"q": typed}).content.decode()
        assert shown_code(application) in page and shown_code(other) not in page, typed
    page = inbox.get(INBOX, {"q": code[:6]}).content.decode()  # a part finds nothing
    assert shown_code(application) not in page and shown_code(other) not in page
