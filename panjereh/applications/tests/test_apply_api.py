"""POST /api/v1/applications and GET /api/v1/applications/{tracking_code}: idempotency, bad input,
and who may read what. Bad input changes nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from panjereh.applications.models import Application, IdempotencyKey
from panjereh.applications.tracking import new_tracking_code
from panjereh.persian import to_persian_digits

from .conftest import apply, citizen, client_for, flagship_catalog

STUDY = {"university": "دانشگاه تهران", "degree": "master", "student_number": "40112345"}


@pytest.fixture
def definitions(db: None) -> None:
    flagship_catalog()


def test_the_same_key_and_body_give_the_same_application(definitions: None) -> None:
    client = client_for(citizen())
    first = apply(client, "criminal-record-certificate", key="same-key-123")
    again = apply(client, "criminal-record-certificate", key="same-key-123")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Application.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(definitions: None) -> None:
    client = client_for(citizen())
    apply(client, "study-exemption", STUDY, key="same-key-456")
    other = apply(client, "study-exemption", {**STUDY, "degree": "phd"}, key="same-key-456")
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert Application.objects.count() == 1


def test_a_duplicate_sent_while_the_first_is_in_flight_gets_409(definitions: None) -> None:
    from django.utils import timezone

    from panjereh.applications.services.submission import request_fingerprint

    person = citizen()
    now = timezone.now()
    IdempotencyKey.objects.create(citizen=person, key="in-flight-1", created_at=now,
                                  request_hash=request_fingerprint("criminal-record-certificate", {}),
                                  locked_until=now + timezone.timedelta(seconds=30))  # fmt: skip
    response = apply(client_for(person), "criminal-record-certificate", key="in-flight-1")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "request_in_progress"
    assert 1 <= int(response["Retry-After"]) <= 30  # when the lock of a request that died would pass
    assert not Application.objects.exists()


def test_a_key_abandoned_by_a_crashed_request_can_be_used_again_after_its_lock(definitions: None) -> None:
    from django.utils import timezone

    from panjereh.applications.services.submission import request_fingerprint

    person = citizen()
    past = timezone.now() - timezone.timedelta(minutes=5)
    IdempotencyKey.objects.create(citizen=person, key="abandoned-1", created_at=past, locked_until=past,
                                  request_hash=request_fingerprint("criminal-record-certificate", {}))  # fmt: skip
    response = apply(client_for(person), "criminal-record-certificate", key="abandoned-1")
    assert response.status_code == 201
    assert Application.objects.count() == 1


def test_keys_are_per_person(definitions: None) -> None:
    one = apply(client_for(citizen()), "criminal-record-certificate", key="shared-key-1")
    other = apply(client_for(citizen("1234567891", "09120007891")), "criminal-record-certificate", key="shared-key-1")
    assert other.status_code == 201
    assert one.json()["tracking_code"] != other.json()["tracking_code"]


def test_no_idempotency_key_is_a_400(definitions: None) -> None:
    client = client_for(citizen())
    response = client.post("/api/v1/applications", {"service": "criminal-record-certificate", "data": {}},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "idempotency_key_required", "field": "Idempotency-Key",
                                        "message": "سرآیند Idempotency-Key لازم است."}  # fmt: skip
    assert apply(client, "criminal-record-certificate", key="short").status_code == 400
    assert not Application.objects.exists()


def test_an_idempotency_key_sent_twice_or_with_a_comma_is_refused(definitions: None) -> None:
    """A server joins a header sent twice into one value with a comma (granian: "a,b"; others "a, b")."""
    client = client_for(citizen())
    for joined in ["dup-aaaaaaaa1,dup-bbbbbbbb2", "dup-aaaaaaaa1, dup-bbbbbbbb2", "one,key-with-a-comma"]:
        response = apply(client, "criminal-record-certificate", key=joined)
        assert response.status_code == 400, joined
        assert response.json()["error"]["code"] == "invalid_idempotency_key"
        assert response.json()["error"]["field"] == "Idempotency-Key"
    assert not Application.objects.exists() and not IdempotencyKey.objects.exists()
    assert apply(client, "criminal-record-certificate", key="dup-aaaaaaaa1").status_code == 201


def test_an_unknown_service_is_refused(definitions: None) -> None:
    response = apply(client_for(citizen()), "no-such-service")
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "unknown_service"
    assert response.json()["error"]["field"] == "service"
    assert not IdempotencyKey.objects.exists()


def test_a_service_is_also_found_by_its_catalog_code(definitions: None) -> None:
    response = apply(client_for(citizen()), "judiciary-criminal-record-certificate")
    assert response.status_code == 201


def test_a_form_that_does_not_validate_gets_a_persian_message_per_field(definitions: None) -> None:
    response = apply(client_for(citizen()), "study-exemption", {"degree": "kindergarten", "student_number": "x" * 30,
                                                                 "shoe_size": 42})  # fmt: skip
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_form"
    assert error["fields"] == {
        "shoe_size": "این فیلد در فرم این خدمت نیست.",
        "university": "«نام دانشگاه» را وارد کنید.",
        "degree": "گزینه «مقطع تحصیلی» از میان گزینه‌های فهرست نیست.",
        "student_number": "«شماره دانشجویی» حداکثر ۲۰ نویسه است.",
    }
    assert not Application.objects.exists()
    assert not IdempotencyKey.objects.exists()


def test_an_edit_of_a_definition_counts_from_the_next_submission(definitions: None) -> None:
    """The web process keeps definitions it has read; an edit in place, and a new version, still count at once."""
    from panjereh.applications.definitions_services import definition_save
    from panjereh.applications.models import ServiceDefinition
    from panjereh.applications.services.submission import definition_for

    client = client_for(citizen())
    kept = definition_for("study-exemption")  # read once: the process keeps it
    edited = ServiceDefinition.objects.get(pk=kept.pk)
    edited.form = [*edited.form, {"name": "faculty", "type": "text", "label": "دانشکده"}]
    definition_save(definition=edited)  # in place: no application uses it yet
    refused = apply(client, "study-exemption", STUDY, key="key-edited-01")
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {"faculty": "«دانشکده» را وارد کنید."}

    assert apply(client, "study-exemption", {**STUDY, "faculty": "فنی"}, key="key-edited-02").status_code == 201
    edited.form = edited.form[:-1]
    newer = definition_save(definition=edited)  # an application uses it now: a new version
    assert newer.version == 2
    code = apply(client, "study-exemption", STUDY, key="key-edited-03").json()["tracking_code"]
    assert Application.objects.get(tracking_code=code).definition_id == newer.pk


def test_form_input_in_persian_digits_is_normalised_once(definitions: None) -> None:
    data = {"postal_code": to_persian_digits("1345678901"), "registration_number": "۱۲۳۴/۵۶", "floors": "۳",
            "area_m2": "۲۴۰"}  # fmt: skip
    response = apply(client_for(citizen()), "building-permit", data)
    assert response.status_code == 201, response.content
    stored = Application.objects.get().data
    assert stored == {"postal_code": "1345678901", "registration_number": "1234/56", "floors": 3, "area_m2": 240}


def test_an_oversize_body_is_refused_before_it_is_read(definitions: None, settings: object) -> None:
    client = client_for(citizen())
    response = apply(client, "study-exemption", {**STUDY, "university": "ب" * 70_000})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert not Application.objects.exists()


def test_unknown_fields_in_the_body_are_refused(definitions: None) -> None:
    client = client_for(citizen())
    response = client.post("/api/v1/applications", json.dumps({"service": "criminal-record-certificate", "data": {},
                                                                "fee": 0}),
                           content_type="application/json", HTTP_IDEMPOTENCY_KEY="extra-field-1")  # fmt: skip
    assert response.status_code == 422
    assert not Application.objects.exists()


def test_applying_needs_a_login(definitions: None) -> None:
    response = apply(Client(), "criminal-record-certificate")
    assert response.status_code == 401


def test_api_clients_with_a_bearer_token_need_no_csrf_token(definitions: None) -> None:
    from panjereh.accounts.sessions import api_token_issue

    token, _ = api_token_issue(citizen().user)
    client = Client(enforce_csrf_checks=True)
    response = apply(client, "criminal-record-certificate", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 201, response.content


def test_a_session_without_its_csrf_token_cannot_apply(definitions: None) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen().user)
    assert apply(client, "criminal-record-certificate").status_code == 403
    assert not Application.objects.exists()


def test_another_persons_application_is_not_found(definitions: None) -> None:
    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    stranger = client_for(citizen("1234567891", "09120007891"))
    response = stranger.get(f"/api/v1/applications/{code}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert Client().get(f"/api/v1/applications/{code}").status_code == 401


def test_the_owner_reads_it_in_any_digit_script_and_a_mistyped_code_is_not_found(definitions: None) -> None:
    client = client_for(citizen())
    code = apply(client, "criminal-record-certificate").json()["tracking_code"]
    assert client.get(f"/api/v1/applications/{to_persian_digits(code)}").status_code == 200
    mistyped = code[:-2] + code[-1] + code[-2]  # two neighbours swapped: the check digit catches it
    if mistyped != code:
        assert client.get(f"/api/v1/applications/{mistyped}").status_code == 404
    assert client.get(f"/api/v1/applications/{new_tracking_code()}").status_code == 404
    assert client.get("/api/v1/applications/not-a-code").status_code == 404


def test_my_applications_lists_only_mine(definitions: None) -> None:
    mine = client_for(citizen())
    apply(mine, "criminal-record-certificate")
    apply(client_for(citizen("1234567891", "09120007891")), "criminal-record-certificate")
    listed = mine.get("/api/v1/applications").json()
    assert [item["service"] for item in listed] == ["criminal-record-certificate"]


def test_the_handling_agencys_staff_read_it_and_other_staff_do_not(definitions: None) -> None:
    from panjereh.accounts.services import staff_create

    code = apply(client_for(citizen()), "criminal-record-certificate").json()["tracking_code"]
    readers = {}
    for username, role, agency in (("judge-officer", "officer", "judiciary"), ("police-officer", "officer", "faraja"),
                                   ("national-supervisor", "supervisor", None)):  # fmt: skip
        staff = staff_create(username=username, role=role, agency_code=agency)
        client = Client()
        client.force_login(staff.member.user)
        readers[username] = client.get(f"/api/v1/applications/{code}").status_code
    # A supervisor measures agencies; opening a person's file is the handling agency's work only.
    assert readers == {"judge-officer": 200, "police-officer": 404, "national-supervisor": 404}


def test_an_application_is_stored_as_the_orm_would_store_it(definitions: None) -> None:
    """Submission writes its rows with panjereh.infra.rows (one-row SQL, outside the ORM's compiler):
    the row reads back through the ORM with its form, owner, definition and times intact."""
    from panjereh.applications.models import ApplicationEvent

    person = citizen()
    response = apply(client_for(person), "study-exemption", STUDY, key="stored-as-orm-1")
    application = Application.objects.select_related("definition").get(tracking_code=response.json()["tracking_code"])
    assert application.data == STUDY and application.citizen_id == person.pk
    assert (
        application.definition.code == "study-exemption" and application.agency_id == application.definition.agency_id
    )
    assert application.status == "submitted" and application.updated_at >= application.submitted_at
    assert IdempotencyKey.objects.get(key="stored-as-orm-1").application_id == application.pk
    (event,) = ApplicationEvent.objects.filter(application=application)
    assert event.status == "submitted" and event.at >= application.submitted_at


def test_a_definition_switched_off_or_replaced_elsewhere_is_noticed_at_the_next_submission(definitions: None) -> None:
    """The process keeps the active definition of each code, but looks at its row on every submission."""
    from panjereh.applications.definitions_services import definition_new_version
    from panjereh.applications.models import ServiceDefinition

    client = client_for(citizen())
    first = apply(client, "study-exemption", STUDY, key="kept-definition-1").json()["tracking_code"]
    used = Application.objects.get(tracking_code=first).definition
    newer = definition_new_version(definition=ServiceDefinition.objects.get(pk=used.pk))
    second = apply(client, "study-exemption", STUDY, key="kept-definition-2").json()["tracking_code"]
    assert Application.objects.get(tracking_code=second).definition_id == newer.pk != used.pk
    ServiceDefinition.objects.filter(pk=newer.pk).update(active=False)  # as another process would
    refused = apply(client, "study-exemption", STUDY, key="kept-definition-3")
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "unknown_service"


def test_the_promised_time_is_counted_on_working_days(definitions: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Submitted on the Wednesday before Nowruz, a 72-hour promise skips the Friday and the four days of
    Nowruz: due the Thursday after, not the Saturday (1 Farvardin) a plain clock would give."""
    import datetime

    from django.utils import timezone

    from panjereh.applications.models import ServiceDefinition
    from panjereh.core.working_days import TEHRAN

    frozen = datetime.datetime(2026, 3, 18, 10, 0, tzinfo=TEHRAN)
    monkeypatch.setattr(timezone, "now", lambda: frozen)
    ServiceDefinition.objects.filter(code="study-exemption").update(sla_hours=72, updated_at=frozen)  # read anew
    response = apply(client_for(citizen()), "study-exemption", STUDY, key="before-nowruz-1")
    assert response.status_code == 201, response.content
    application = Application.objects.get(tracking_code=response.json()["tracking_code"])
    assert application.promised_by == datetime.datetime(2026, 3, 26, 10, 0, tzinfo=TEHRAN)
