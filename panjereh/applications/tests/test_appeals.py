"""An appeal sends an automatic rejection to a person at the agency, once. What allows it is the
stored fact that the platform's rules decided, never the name shown as the one who decided."""

from __future__ import annotations

import importlib
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from panjereh.applications.constants import DecisionMode, Status
from panjereh.applications.models import Application
from panjereh.applications.services.processing import SYSTEM_NAME
from panjereh.applications.tracking import new_tracking_code

from .conftest import WITH_RECORD, apply, citizen, client_for, issue, run_tasks
from .test_inbox import PERMIT, decide, officer

NOT_ALLOWED = "اعتراض فقط یک بار و فقط به تصمیم خودکار ممکن است."


def appeal(client: Client, code: str) -> tuple[int, Any]:
    response = client.post(f"/api/v1/applications/{code}/appeal", {"text": "سابقه من پاک شده است"},
                           content_type="application/json")  # fmt: skip
    return response.status_code, response.json()


def appeal_form_shown(client: Client, code: str) -> bool:
    page = client.get(f"/me/applications/{code}/").content.decode()
    return f'action="/me/applications/{code}/appeal/"' in page


def test_a_rejection_by_an_officer_whose_name_reads_like_the_platforms_cannot_be_appealed(world: str) -> None:
    person = client_for(citizen())
    code = apply(person, "building-permit", PERMIT).json()["tracking_code"]
    run_tasks()
    reviewer = officer()  # shown by their full name: the platform's own label for its automatic decisions
    staff = get_user_model().objects.filter(username="tehran-officer")
    staff.update(first_name="پنجره ملی", last_name="(تصمیم خودکار)")
    application = Application.objects.get(tracking_code=code)
    decide(reviewer, application, "reject", "زیربنا بیش از تراکم مجاز است.")
    application.refresh_from_db()
    assert (application.status, application.decided_by) == (Status.REJECTED, SYSTEM_NAME)
    assert not application.decided_automatically

    assert not appeal_form_shown(person, code)
    refused = {"error": {"code": "appeal_not_allowed", "message": NOT_ALLOWED, "field": None}}
    assert appeal(person, code) == (409, refused)
    application.refresh_from_db()
    assert (application.status, application.appealed_at) == (Status.REJECTED, None)


def test_an_automatic_rejection_is_appealed_once_and_then_decided_by_a_person(world: str) -> None:
    person = client_for(citizen(WITH_RECORD, "09120004590"))
    code = apply(person, "criminal-record-certificate").json()["tracking_code"]
    run_tasks()
    application = Application.objects.get(tracking_code=code)
    assert (application.status, application.decided_automatically) == (Status.REJECTED, True)
    assert appeal_form_shown(person, code)

    status, appealed = appeal(person, code)
    assert (status, appealed["status"], appealed["appealed"]) == (200, Status.WAITING_FOR_AGENCY, True)
    application.refresh_from_db()
    assert application.status == Status.WAITING_FOR_AGENCY
    assert application.appealed_at is not None and not application.decided_automatically

    status, again = appeal(person, code)
    assert (status, again["error"]["code"]) == (409, "wrong_status")
    decide(officer("judiciary-officer", "judiciary"), application, "reject", "سابقه در سامانه قضایی ثبت است.")
    application.refresh_from_db()
    assert application.status == Status.REJECTED and not application.decided_automatically
    assert not appeal_form_shown(person, code)
    status, refused = appeal(person, code)
    assert (status, refused["error"]["message"]) == (409, NOT_ALLOWED)


def test_the_migration_marks_the_standing_decisions_the_platform_made(db: None) -> None:
    migration = importlib.import_module("panjereh.applications.migrations.0002_application_decided_automatically")
    issued = issue().application  # decided_by left empty, as a test-made document's application is
    made = {}
    for name, status, by in [("rejected_by_rules", Status.REJECTED, SYSTEM_NAME), ("issued_by_rules", Status.ISSUED,
                             SYSTEM_NAME), ("appealed", Status.WAITING_FOR_AGENCY, SYSTEM_NAME),
                             ("by_an_officer", Status.REJECTED, "tehran-officer")]:  # fmt: skip
        made[name] = Application.objects.create(
            tracking_code=new_tracking_code(), citizen=issued.citizen, definition=issued.definition,
            agency=issued.agency, status=status, decision_mode=DecisionMode.AUTOMATIC, submitted_at=timezone.now(),
            decided_by=by,
        )  # fmt: skip
    migration.mark_automatic_decisions(apps, None)
    marked = set(Application.objects.filter(decided_automatically=True).values_list("pk", flat=True))
    assert marked == {made["rejected_by_rules"].pk, made["issued_by_rules"].pk}
