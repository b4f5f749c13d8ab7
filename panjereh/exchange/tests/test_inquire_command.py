"""`panjereh exchange inquire`: the operator's check makes one inquiry as the platform's own system."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from panjereh.exchange.models import AuditRecord

SUBJECT = "1111111911"  # 8th digit 9: the sandbox judiciary reports a record


def test_one_inquiry_prints_its_status_audit_id_and_answer(live_exchange: str) -> None:
    out = io.StringIO()
    call_command("exchange", "inquire", "judiciary", "criminal-record", "--purpose", "criminal-record-certificate",
                 "--subject", SUBJECT, stdout=out)  # fmt: skip
    lines = out.getvalue().splitlines()
    assert lines[0] == "status: 200"
    record = AuditRecord.objects.get(subject=SUBJECT)
    assert lines[1] == f"audit id: {record.seq}"
    assert '"has_record": true' in out.getvalue()


def test_a_gateway_that_cannot_be_reached_is_a_persian_error(db: None, settings: object) -> None:
    settings.EXCHANGE_URL = "http://127.0.0.1:9"  # type: ignore[attr-defined]  # the discard port: nothing listens
    with pytest.raises(CommandError, match=r"^درگاه تبادل در دسترس نیست"):
        call_command("exchange", "inquire", "judiciary", "criminal-record", "--purpose", "criminal-record-certificate",
                     "--subject", SUBJECT, stdout=io.StringIO())  # fmt: skip
