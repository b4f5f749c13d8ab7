"""The exchange in the running demo: the platform inquires of the sandbox agencies through the
gateway over real HTTP, a fault knob turns an agency's answers into errors, and the audit log of
it all verifies — and catches an edited record."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import urllib.request

SUBJECT_WITH_RECORD = "1111111911"  # the sandbox judiciary: 8th digit 9 means a record


def panjereh(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "panjereh.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip


def sandbox_faults(env: dict[str, str], agency: str, knobs: dict[str, object] | None) -> None:
    base = f"http://127.0.0.1:{env['SANDBOX_PORT']}/_faults"
    if knobs is None:
        request = urllib.request.Request(base, method="DELETE")
    else:
        request = urllib.request.Request(f"{base}/{agency}", data=json.dumps(knobs).encode(), method="PUT",
                                         headers={"Content-Type": "application/json"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def test_the_sandbox_answers_through_the_gateway_and_every_call_is_audited(demo_env: dict[str, str]) -> None:
    answer = panjereh(demo_env, "exchange", "inquire", "judiciary", "criminal-record",
                      "--purpose", "criminal-record-certificate", "--subject", SUBJECT_WITH_RECORD)  # fmt: skip
    assert answer.returncode == 0, answer.stderr
    assert "status: 200" in answer.stdout and '"has_record": true' in answer.stdout

    refused = panjereh(demo_env, "exchange", "inquire", "judiciary", "criminal-record",
                       "--purpose", "marketing", "--subject", SUBJECT_WITH_RECORD)  # fmt: skip
    assert refused.returncode == 1 and "purpose_not_allowed" in refused.stdout

    sandbox_faults(demo_env, "judiciary", {"error_rate": 1.0})
    try:
        failing = panjereh(demo_env, "exchange", "inquire", "judiciary", "criminal-record",
                           "--purpose", "criminal-record-certificate", "--subject", SUBJECT_WITH_RECORD)  # fmt: skip
    finally:
        sandbox_faults(demo_env, "judiciary", None)
    assert failing.returncode == 1 and "status: 502" in failing.stdout and "provider_error" in failing.stdout

    verified = panjereh(demo_env, "audit", "verify")
    assert verified.returncode == 0 and "verified:" in verified.stdout

    # The gateway process counted the calls; the web process's /metrics adds up every process's counts.
    counted = exchange_calls(demo_env)
    assert counted[("judiciary", "criminal-record", "ok")] >= 1
    assert counted[("judiciary", "criminal-record", "provider_error")] >= 1


def exchange_calls(env: dict[str, str]) -> dict[tuple[str, str, str], float]:
    from prometheus_client.parser import text_string_to_metric_families

    request = urllib.request.Request(f"http://127.0.0.1:{env['PORT']}/metrics",
                                     headers={"Authorization": f"Bearer {env['METRICS_TOKEN']}"})  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        text = response.read().decode()
    return {
        (sample.labels["provider"], sample.labels["service"], sample.labels["outcome"]): sample.value
        for family in text_string_to_metric_families(text) if family.name == "panjereh_exchange_calls"
        for sample in family.samples if sample.name == "panjereh_exchange_calls_total"
    }  # fmt: skip


def edit_last_record(database_url: str) -> int:
    """Change the purpose of the newest audit record behind the platform's back, in the audit log's
    database; its seq."""
    query = (
        "UPDATE exchange_auditrecord SET purpose = 'something-else' "
        "WHERE seq = (SELECT max(seq) FROM exchange_auditrecord)"
    )
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as conn:
            conn.execute(query)
            return int(conn.execute("SELECT max(seq) FROM exchange_auditrecord").fetchone()[0])
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(query)
        row = conn.execute("SELECT max(seq) FROM exchange_auditrecord").fetchone()
        assert row is not None
        return int(row[0])


def test_an_edited_audit_record_is_caught(demo_env: dict[str, str]) -> None:
    panjereh(demo_env, "exchange", "inquire", "sabtahval", "person", "--purpose", "login-identity",
             "--subject", "0012345679")  # fmt: skip
    seq = edit_last_record(demo_env["AUDIT_DATABASE_URL"])
    tampered = panjereh(demo_env, "audit", "verify")
    assert tampered.returncode == 1 and f"first bad record {seq}" in tampered.stdout
