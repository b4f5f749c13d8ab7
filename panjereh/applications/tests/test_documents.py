"""Issued documents anyone can verify: by id, by the QR payload, with the published keys; revoked and
expired documents and revoked keys say so; rotation keeps old documents valid."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from panjereh.applications.documents import signing, verification
from panjereh.applications.models import DocumentKey, IssuedDocument

from .conftest import CLEAN, apply, citizen, client_for, issue, registry_name, run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keys_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.VAR_DIR = tmp_path


def flip(text: str, at: int) -> str:
    """The text with one base64url character changed."""
    return text[:at] + ("A" if text[at] != "A" else "B") + text[at + 1 :]


def test_a_genuine_document_is_valid_with_its_national_code_masked() -> None:
    document = issue()
    answer = verification.document_verify(document.id)
    assert answer["valid"] is True
    assert answer["status"] == "valid"
    assert answer["document"]["id"] == document.id
    assert answer["document"]["claims"]["national_code"] == "*******679"
    assert answer["document"]["key_id"] == document.key_id
    assert CLEAN not in json.dumps(answer, default=str)
    assert "اصیل" in answer["reason_fa"]


def test_the_payload_of_a_genuine_document_is_valid_and_ids_are_read_in_any_case() -> None:
    document = issue()
    assert verification.payload_verify(signing.compact_payload(document))["status"] == "valid"
    assert verification.document_verify(document.id.lower())["status"] == "valid"


def test_a_made_up_id_is_not_valid() -> None:
    issue()
    for made_up in ["ABCDEFGHJKLMNPQR", "", "x" * 5000, "../../etc/passwd", "۱۲۳"]:
        answer = verification.document_verify(made_up)
        assert (answer["valid"], answer["status"], answer["document"]) == (False, "not_found", None)


def test_a_tampered_payload_is_not_valid_and_never_raises() -> None:
    document = issue()
    prefix, fields, signature = signing.compact_payload(document).split(".")
    claims_at = signing.unb64url(fields).index(b"claims") * 4 // 3 + 4
    other_key = signing.key_rotate()
    wrong_kid = {**signing.signed_fields(document), "kid": other_key.key_id}
    unknown_kid = {**signing.signed_fields(document), "kid": "doc-nobody"}
    tampered = [
        f"{prefix}.{flip(fields, claims_at)}.{signature}",  # a character in the claims
        f"{prefix}.{fields}.{flip(signature, 10)}",  # a character in the signature
        f"{prefix}.{signing.b64url(signing.canonical(wrong_kid))}.{signature}",  # another published key
        f"{prefix}.{signing.b64url(signing.canonical(unknown_kid))}.{signature}",  # a key nobody published
        f"PJ2.{fields}.{signature}",
        f"{prefix}.{fields}",
        "PJ1.!!!.???",
        "PJ1.e30.AAAA",  # {} signed by nobody
        "garbage",
        "",
        "PJ1." + "A" * 5000 + ".A",
    ]
    for payload in tampered:
        answer = verification.payload_verify(payload)
        assert (answer["valid"], answer["status"], answer["document"]) == (False, "bad_signature", None), payload


def test_a_payload_must_match_the_stored_document_and_the_page_it_is_shown_on() -> None:
    document = issue()
    other = issue()
    payload = signing.compact_payload(document)
    assert verification.payload_verify(payload, document_id=other.id)["status"] == "bad_signature"
    # The stored record changed behind the signature: the signature over the stored fields fails.
    IssuedDocument.objects.filter(pk=document.pk).update(claims={**document.claims, "no_criminal_record": False})
    assert verification.document_verify(document.id)["status"] == "bad_signature"
    assert verification.payload_verify(payload)["status"] == "bad_signature"


def test_a_revoked_document_is_not_valid_and_says_why() -> None:
    document = issue()
    verification.document_revoke(document=document, reason="صدور به اشتباه", by="admin")
    for answer in (verification.document_verify(document.id),
                   verification.payload_verify(signing.compact_payload(document))):  # fmt: skip
        assert (answer["valid"], answer["status"]) == (False, "revoked")
        assert "صدور به اشتباه" in answer["reason_fa"]
        assert answer["document"]["revoked_at"] is not None
    assert document.application.events.filter(message__contains="باطل شد").count() == 1


def test_an_expired_document_is_not_valid() -> None:
    document = issue(valid_days=1)
    assert verification.document_verify(document.id)["status"] == "valid"
    IssuedDocument.objects.filter(pk=document.pk).update(issued_at=document.issued_at - datetime.timedelta(days=2))
    # The signature covers the dates, so re-sign as the issuer would have two days ago.
    stored = IssuedDocument.objects.get(pk=document.pk)
    stored.expires_at = stored.issued_at + datetime.timedelta(days=1)
    stored.signature = signing.b64url(
        signing._private_key(stored.key_id).sign(signing.canonical(signing.signed_fields(stored)))
    )
    stored.save()
    answer = verification.document_verify(document.id)
    assert (answer["valid"], answer["status"]) == (False, "expired")
    assert verification.payload_verify(signing.compact_payload(stored))["status"] == "expired"


def test_a_document_without_an_expiry_does_not_expire() -> None:
    document = issue(valid_days=None)
    assert verification.document_verify(document.id)["status"] == "valid"


def test_key_rotation_keeps_old_documents_valid_and_signs_new_ones_with_the_new_key() -> None:
    old = issue()
    out = call_command_output("documents", "rotate-key")
    new_key = out.strip()
    assert new_key != old.key_id
    new = issue()
    assert new.key_id == new_key
    assert verification.document_verify(old.id)["status"] == "valid"
    assert verification.payload_verify(signing.compact_payload(old))["status"] == "valid"
    assert verification.document_verify(new.id)["status"] == "valid"


def test_revoking_a_key_invalidates_what_it_signed_only() -> None:
    old = issue()
    signing.key_rotate()
    new = issue()
    out = call_command_output("documents", "revoke-key", old.key_id)
    assert out.startswith(f"revoked: {old.key_id}")
    for answer in (verification.document_verify(old.id),
                   verification.payload_verify(signing.compact_payload(old))):  # fmt: skip
        assert (answer["valid"], answer["status"]) == (False, "revoked")
        assert "کلید امضای این سند باطل شده" in answer["reason_fa"]
    assert verification.document_verify(new.id)["status"] == "valid"


def test_revoking_the_signing_key_makes_the_next_document_use_a_new_key() -> None:
    first = issue()
    verification.key_revoke(key_id=first.key_id)
    second = issue()
    assert second.key_id != first.key_id
    assert verification.document_verify(second.id)["status"] == "valid"


def test_a_key_retired_or_revoked_by_another_process_signs_nothing_more() -> None:
    """The process keeps its signing key, but looks at its row each time: a change made elsewhere counts."""
    from django.utils import timezone

    from panjereh.applications.models import DocumentKey

    first = issue()
    assert issue().key_id == first.key_id  # kept
    DocumentKey.objects.filter(pk=first.key_id).update(revoked_at=timezone.now())  # as another process would
    second = issue()
    assert second.key_id != first.key_id
    DocumentKey.objects.filter(pk=second.key_id).update(retired_at=timezone.now())
    assert issue().key_id not in (first.key_id, second.key_id)


def call_command_output(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_api_verifies_by_id_and_answers_200_for_unknown_ids() -> None:
    document = issue()
    client = Client()
    answer = client.get(f"/api/v1/documents/{document.id}/verification")
    assert answer.status_code == 200
    assert answer.json()["status"] == "valid"
    assert answer.json()["document"]["claims"]["national_code"] == "*******679"
    unknown = client.get("/api/v1/documents/NOSUCHDOCUMENT234/verification")
    assert unknown.status_code == 200
    assert unknown.json() == {"valid": False, "status": "not_found", "document": None,
                              "reason_fa": verification.REASONS["not_found"]}  # fmt: skip


def test_the_api_verifies_a_payload_and_rejects_a_tampered_one() -> None:
    document = issue()
    client = Client()
    payload = signing.compact_payload(document)
    good = client.post("/api/v1/documents/verification", {"payload": payload}, content_type="application/json")
    assert (good.status_code, good.json()["status"]) == (200, "valid")
    bad = client.post("/api/v1/documents/verification", {"payload": payload[:-3] + "AAA"},
                      content_type="application/json")  # fmt: skip
    assert (bad.status_code, bad.json()["valid"], bad.json()["status"]) == (200, False, "bad_signature")
    extra = client.post("/api/v1/documents/verification", {"payload": payload, "x": 1},
                        content_type="application/json")  # fmt: skip
    assert extra.status_code == 422
    assert extra.json()["error"]["code"] == "invalid_request"
    missing = client.post("/api/v1/documents/verification", "{}", content_type="application/json")
    assert (missing.status_code, missing.json()["error"]["code"]) == (422, "invalid_request")


def test_the_api_publishes_every_key_as_a_jwks() -> None:
    old = issue()
    new_key = signing.key_rotate()
    verification.key_revoke(key_id=old.key_id)
    keys = Client().get("/api/v1/documents/keys").json()["keys"]
    by_id = {key["key_id"]: key for key in keys}
    assert set(by_id) == {old.key_id, new_key.key_id}
    published = by_id[new_key.key_id]
    assert (published["alg"], published["crv"], published["kty"]) == ("EdDSA", "Ed25519", "OKP")
    assert published["x"] == published["public_key"] == new_key.public_key
    assert len(signing.unb64url(published["x"])) == 32
    assert published["revoked_at"] is None
    assert by_id[old.key_id]["revoked_at"] is not None


def test_the_payload_verifies_offline_with_only_the_published_key() -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    document = issue()
    key = Client().get("/api/v1/documents/keys").json()["keys"][0]
    _, fields, signature = signing.compact_payload(document).split(".")
    raw = signing.unb64url(fields)
    Ed25519PublicKey.from_public_bytes(signing.unb64url(key["x"])).verify(signing.unb64url(signature), raw)
    assert json.loads(raw)["kid"] == key["kid"]


def test_the_qr_code_is_an_inline_svg_of_the_short_verification_url() -> None:
    import segno

    document = issue()
    svg = verification.document_qr_svg(document, "https://panjereh.example")
    assert svg.startswith("<svg")
    assert "style=" not in svg
    url = verification.verify_url(document, "https://panjereh.example/")
    assert url == f"https://panjereh.example/verify/{document.id}"
    # a short URL makes a small, coarse code a phone scans at a glance; the signed one needed version 14+
    assert segno.make(url, error="m").version <= 4 < segno.make(verification.signed_verify_url(document)).version
    assert verification.document_qr_png(document, "https://x").startswith(b"\x89PNG")


def test_one_holding_the_document_gets_its_signed_payload_by_the_holders_national_code() -> None:
    person = citizen(CLEAN)
    document = issue(person)
    url = f"/api/v1/documents/{document.id}/signed-copy"
    given = Client().post(url, {"national_code": "۰۰۱۲۳۴۵۶۷۹"}, content_type="application/json")  # Persian digits
    assert given.status_code == 200, given.content
    assert given.json() == {"payload": signing.compact_payload(document),
                            "verify_url": f"/verify/{document.id}?p={given.json()['payload']}"}  # fmt: skip
    assert verification.payload_verify(given.json()["payload"])["status"] == "valid"
    as_printed = Client().post(url, {"national_code": "001-234567-9"}, content_type="application/json")
    assert as_printed.status_code == 200  # as the card prints it
    wrong = Client().post(url, {"national_code": "0012345687"}, content_type="application/json")
    unknown = Client().post("/api/v1/documents/ABCDEFGHJKLMNPQR/signed-copy", {"national_code": CLEAN},
                            content_type="application/json")  # fmt: skip
    assert wrong.status_code == unknown.status_code == 404
    assert wrong.json()["error"]["code"] == unknown.json()["error"]["code"] == "document_not_found"
    assert "payload" not in wrong.content.decode()


@pytest.mark.usefixtures("still_windows")
def test_strangers_with_the_id_alone_do_not_shut_out_one_holding_the_document() -> None:
    document = issue(citizen(CLEAN))
    url = f"/api/v1/documents/{document.id}/signed-copy"

    def ask(address: str, code: str) -> Any:
        return Client(REMOTE_ADDR=address).post(url, {"national_code": code}, content_type="application/json")

    wrong = [ask(f"10.3.0.{n % 4}", "0012345687").status_code for n in range(10)]  # ten, from four addresses
    assert wrong == [404] * 10
    assert ask("10.3.1.1", CLEAN).status_code == 200  # the verifier holding it, from a fresh address
    assert [ask("10.3.2.1", "0012345687").status_code for _ in range(21)] == [404] * 20 + [429]
    refused = ask("10.3.2.1", CLEAN)  # one address still guesses 20 an hour, the right code included
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_many_attempts"


@pytest.mark.usefixtures("still_windows")
def test_past_a_documents_daily_ceiling_guessing_stops_and_the_holder_still_has_it_on_their_page() -> None:
    from panjereh.core import ratelimit

    document = issue(citizen(CLEAN))
    for _ in range(500):  # as 500 wrong codes from 25 addresses in a day would leave it
        ratelimit.allow("signed-copy-miss-document", document.id, verification.MISSES_PER_DOCUMENT)
    url = f"/api/v1/documents/{document.id}/signed-copy"
    limited = Client(REMOTE_ADDR="10.3.3.1").post(url, {"national_code": CLEAN}, content_type="application/json")
    assert limited.status_code == 429 and limited.json()["error"]["code"] == "too_many_attempts"
    assert "فردا" in limited.json()["error"]["message"]
    own = client_for(document.citizen).get(f"/me/documents/{document.id}/")
    assert own.status_code == 200 and f"<code>{signing.compact_payload(document)}</code>" in own.content.decode()


def test_staff_revoke_a_document_in_the_admin_with_a_reason(client: Client) -> None:
    from django.contrib.auth import get_user_model

    from conftest import admin_login

    document = issue()
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x" * 20)
    admin_login(client, admin)
    url = "/admin/applications/issueddocument/"
    asked = client.post(url, {"action": "revoke", "_selected_action": [document.pk]})
    assert asked.status_code == 200 and "دلیل ابطال" in asked.content.decode()
    done = client.post(url, {"action": "revoke", "_selected_action": [document.pk], "apply": "1",
                             "reason": "صدور به اشتباه"})  # fmt: skip
    assert done.status_code == 302
    answer = verification.document_verify(document.id)
    assert answer["status"] == "revoked" and "صدور به اشتباه" in answer["reason_fa"]
    assert client.get(f"{url}{document.pk}/change/").status_code == 200  # viewable, not editable


def test_a_document_issued_by_a_smart_service_verifies_by_id_and_by_its_qr_payload(world: str) -> None:
    client = client_for(citizen(CLEAN))
    code = apply(client, "criminal-record-certificate").json()["tracking_code"]
    run_tasks()
    (listed,) = client.get(f"/api/v1/applications/{code}").json()["documents"]
    public = Client()
    by_id = public.get(f"/api/v1/documents/{listed['id']}/verification").json()
    assert (by_id["valid"], by_id["status"]) == (True, "valid")
    assert by_id["document"]["claims"] == {"holder": registry_name(CLEAN), "national_code": "*******679",
                                           "no_criminal_record": True}  # fmt: skip
    payload = signing.compact_payload(IssuedDocument.objects.get(pk=listed["id"]))
    by_payload = public.post("/api/v1/documents/verification", {"payload": payload}, content_type="application/json")
    assert by_payload.json()["status"] == "valid"
    assert "سند اصیل و معتبر است" in public.get(listed["verify_url"]).content.decode()


def test_workers_signing_their_first_documents_at_once_agree_on_one_key() -> None:
    """Each found no key and made one: two keys, and the second retired the first at once. Now the
    first key has one known id, so whoever comes second finds the other's."""
    signing._SIGNING_KEY.clear()
    first = signing._first_key()  # one worker
    second = signing._first_key()  # the other, a moment later, having also found no key
    assert first.pk == second.pk == signing.FIRST_KEY_ID and DocumentKey.objects.count() == 1
    signing._SIGNING_KEY.clear()
    assert signing.signing_key().pk == signing.FIRST_KEY_ID


@pytest.mark.usefixtures("still_windows")
def test_many_guesses_at_once_cannot_pass_the_count_together(monkeypatch: pytest.MonkeyPatch) -> None:
    """A guess is counted before the code is compared, and given back when right: a guess that finds the
    limit reached is refused even if the ones before it have not been answered yet."""
    from panjereh.core import ratelimit

    document = issue(citizen(CLEAN))
    compared: list[str] = []
    original = verification.is_valid_national_code

    def spy(text: str, **kwargs: Any) -> bool:
        compared.append(text)
        # while this guess is being compared, the address's allowance is all taken by others in flight
        assert not ratelimit.room("signed-copy-miss-address", "10.3.4.1", verification.MISSES_PER_ADDRESS) or (
            len(compared) < verification_limit()
        )
        return original(text, **kwargs)

    def verification_limit() -> int:
        return ratelimit.parse_rate(verification.MISSES_PER_ADDRESS)[0]

    monkeypatch.setattr(verification, "is_valid_national_code", spy)
    url = f"/api/v1/documents/{document.id}/signed-copy"
    guess = {"national_code": "0012345687"}
    answers = [Client(REMOTE_ADDR="10.3.4.1").post(url, guess, content_type="application/json")
               for _ in range(verification_limit() + 1)]  # fmt: skip
    assert [answer.status_code for answer in answers] == [404] * verification_limit() + [429]
    assert len(compared) == verification_limit()  # the last was refused before any comparison
    assert Client(REMOTE_ADDR="10.3.5.1").post(url, {"national_code": CLEAN},
                                               content_type="application/json").status_code == 200  # fmt: skip
    assert ratelimit.room("signed-copy-miss-address", "10.3.5.1", verification.MISSES_PER_ADDRESS)  # given back
