"""A crowd behind one carrier address is not refused a login code: past the address's free allowance a
request is taken with a solved ALTCHA challenge, each solution once, up to a ceiling proofs cannot lift."""

from __future__ import annotations

import base64
import json
from typing import Any

import altcha
import pytest
from django.test import Client

from panjereh.accounts import proof_of_work
from panjereh.accounts.tests.conftest import MOBILE, OTHER, PERSON, Outbox

pytestmark = pytest.mark.usefixtures("live_exchange")

CROWD = "10.9.0.1"  # one carrier address, many people


@pytest.fixture(autouse=True)
def _cheap_proofs(settings: Any) -> None:
    settings.ALTCHA_COST = 50  # the same protocol, less work for the test machine
    settings.OTP_RATE_PER_IP = "1/h"
    settings.OTP_RESEND_SECONDS = 0


def solved(client: Client) -> str:
    """What the browser's widget sends: the challenge the server gave, solved."""
    answer = client.get("/api/v1/auth/challenge", REMOTE_ADDR=CROWD)
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    challenge = altcha.Challenge.from_dict(answer.json())
    solution = altcha.solve_challenge(challenge)
    assert solution is not None
    return altcha.Payload(challenge, solution).to_base64()


def ask(client: Client, proof: str | None = None, national_code: str = PERSON, mobile: str = MOBILE) -> Any:
    body = {"national_code": national_code, "mobile": mobile, **({"altcha": proof} if proof else {})}
    return client.post("/api/v1/auth/otp", body, content_type="application/json", REMOTE_ADDR=CROWD)


def code_of(answer: Any) -> str:
    return str(answer.json()["error"]["code"])


def test_past_the_free_allowance_a_solved_challenge_gets_the_code(client: Client, outbox: Outbox) -> None:
    assert ask(client).status_code == 202  # the address's one free request
    refused = ask(client, national_code=OTHER)
    assert refused.status_code == 429 and code_of(refused) == "proof_of_work_required"
    assert refused.json()["error"]["field"] == "altcha" and len(outbox.messages()) == 1
    answer = ask(client, solved(client))
    assert answer.status_code == 202 and len(outbox.messages()) == 2


def test_a_solution_is_taken_once(client: Client, outbox: Outbox) -> None:
    ask(client)
    proof = solved(client)
    assert ask(client, proof).status_code == 202
    again = ask(client, proof)
    assert again.status_code == 429 and code_of(again) == "proof_of_work_required"
    rewritten = base64.b64encode(json.dumps(json.loads(base64.b64decode(proof)), indent=1).encode()).decode()
    assert code_of(ask(client, rewritten)) == "proof_of_work_required"  # the same challenge, written anew


@pytest.mark.parametrize("forgery", ["unsigned", "wrong-counter", "other-key", "garbage"])
def test_a_forged_or_unsolved_proof_is_refused(client: Client, outbox: Outbox, forgery: str) -> None:
    ask(client)
    if forgery == "garbage":
        proof = "bm90IGEgcHJvb2Y="
    else:
        body = json.loads(base64.b64decode(solved(client)))
        if forgery == "unsigned":
            body["challenge"].pop("signature")
        elif forgery == "wrong-counter":
            body["solution"]["counter"] += 1
        proof = base64.b64encode(json.dumps(body).encode()).decode()
        if forgery == "other-key":
            theirs = altcha.create_challenge(algorithm="PBKDF2/SHA-256", cost=50, hmac_secret="not-ours")
            solution = altcha.solve_challenge(theirs)
            assert solution is not None
            proof = altcha.Payload(theirs, solution).to_base64()
    answer = ask(client, proof)
    assert answer.status_code == 429 and code_of(answer) == "proof_of_work_required"
    assert len(outbox.messages()) == 1


def test_proofs_cannot_lift_the_ceiling(client: Client, outbox: Outbox, settings: Any) -> None:
    settings.OTP_RATE_PER_IP_PROVEN = "1/h"
    ask(client)
    assert ask(client, solved(client)).status_code == 202
    over = ask(client, solved(client))
    assert over.status_code == 429 and code_of(over) == "too_many_requests"


def test_an_expired_challenge_is_refused(client: Client, outbox: Outbox, monkeypatch: pytest.MonkeyPatch) -> None:
    ask(client)
    monkeypatch.setattr(proof_of_work, "VALID_SECONDS", -10)  # given out already past its end
    assert code_of(ask(client, solved(client))) == "proof_of_work_required"
