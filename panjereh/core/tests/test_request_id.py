"""Every request has an id, kept from X-Request-ID when the caller (or the proxy) sends a sensible one,
named in the answer, and on every log line written while it is answered; with LOG_FORMAT=json each
line on standard error is one JSON object."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from django.utils.module_loading import import_string

from panjereh.core.request_id import HEADER, RequestIdFilter, bound

NEW_ID = re.compile(r"[0-9a-f]{32}")


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a fault of ours")


urlpatterns = [path("boom/", boom)]  # this module is the URLconf of the test of a 500


@pytest.mark.django_db
def test_a_well_formed_id_from_the_caller_is_kept_and_named_in_the_answer(client: Client) -> None:
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-7f3a.2b_9")
    assert response[HEADER] == "proxy-7f3a.2b_9"


MALFORMED = ["short", "with space in it", "x" * 65, "<script>alert(1)</script>", "شناسه-درخواست"]


@pytest.mark.django_db
@pytest.mark.parametrize("offered", ["", *MALFORMED])
def test_an_id_that_is_missing_or_malformed_is_replaced_by_a_new_one(client: Client, offered: str) -> None:
    headers = {"HTTP_X_REQUEST_ID": offered} if offered else {}
    first, second = client.get("/healthz", **headers), client.get("/healthz", **headers)
    assert first.status_code == 200  # never an error
    assert NEW_ID.fullmatch(first[HEADER]) and NEW_ID.fullmatch(second[HEADER])
    assert first[HEADER] != second[HEADER]


@pytest.mark.django_db
def test_an_answer_not_found_names_the_id_too(client: Client) -> None:
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID="lb-0000000404")
    assert (response.status_code, response[HEADER]) == (404, "lb-0000000404")


@pytest.mark.django_db
def test_a_fault_is_answered_with_the_id_and_logged_with_it(settings: Any, caplog: pytest.LogCaptureFixture) -> None:
    settings.ROOT_URLCONF = __name__
    caplog.handler.addFilter(RequestIdFilter())
    response = Client(raise_request_exception=False).get("/boom/", HTTP_X_REQUEST_ID="lb-0000000500")
    assert (response.status_code, response[HEADER]) == (500, "lb-0000000500")
    [logged] = [record for record in caplog.records if record.name == "django.request"]
    assert logged.exc_info is not None and logged.request_id == "lb-0000000500"  # type: ignore[attr-defined]


def test_outside_a_request_a_log_line_has_an_empty_request_id(caplog: pytest.LogCaptureFixture) -> None:
    caplog.handler.addFilter(RequestIdFilter())
    logging.getLogger("panjereh.test").warning("between requests")
    assert caplog.records[-1].request_id == ""  # type: ignore[attr-defined]


def json_line(settings: Any, record: logging.LogRecord) -> dict[str, Any]:
    """The line the settings' JSON formatter writes for a record, parsed back."""
    spec = dict(settings.LOGGING["formatters"]["json"])
    formatter = import_string(spec.pop("()"))(**spec)
    line = formatter.format(record)
    assert "\n" not in line
    parsed: dict[str, Any] = json.loads(line)
    return parsed


def test_the_json_formatter_writes_time_level_logger_message_request_id_and_exception(settings: Any) -> None:
    logger = logging.getLogger("panjereh.test")
    try:
        raise ValueError("دستگاه پاسخ نداد")
    except ValueError:
        failed = sys.exc_info()
    record = logger.makeRecord(logger.name, logging.ERROR, __file__, 1, "استعلام %s ناموفق", ("ثبت",), failed)
    with bound("req-0000abcd"):
        RequestIdFilter().filter(record)
    line = json_line(settings, record)
    assert (line["level"], line["logger"], line["message"], line["request_id"]) == (
        "ERROR", "panjereh.test", "استعلام ثبت ناموفق", "req-0000abcd",
    )  # fmt: skip
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00", line["time"])  # ISO 8601, UTC
    assert "Traceback" in line["exception"] and "ValueError: دستگاه پاسخ نداد" in line["exception"]


def test_a_line_without_an_exception_has_no_exception_field(settings: Any) -> None:
    record = logging.getLogger("panjereh.test").makeRecord("panjereh.test", logging.INFO, __file__, 1, "ok", (), None)
    RequestIdFilter().filter(record)
    line = json_line(settings, record)
    assert "exception" not in line and line["request_id"] == ""


def test_with_log_format_json_every_line_on_standard_error_is_a_json_object(tmp_path: Path) -> None:
    script = (
        "import logging, django\n"
        "django.setup()\n"
        "from panjereh.core.request_id import bound\n"
        "with bound('proc-0000beef'):\n"
        "    logging.getLogger('panjereh.test').warning('یک %s', 'هشدار')\n"
        "logging.getLogger('panjereh.test').info('no request')\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "panjereh.settings", "LOG_FORMAT": "json",
           "PANJEREH_VAR_DIR": str(tmp_path), "LOG_LEVEL": "INFO"}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    assert [(line["message"], line["request_id"]) for line in lines] == [
        ("یک هشدار", "proc-0000beef"),
        ("no request", ""),
    ]
