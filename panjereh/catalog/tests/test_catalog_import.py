"""`panjereh catalog import FILE`: per-line reasons, idempotent by code, exit 1 on any rejection."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from conftest import import_records, profile
from panjereh.agencies.models import Agency
from panjereh.catalog.imports import catalog_import, parse_lines
from panjereh.catalog.models import Service
from panjereh.catalog.search import search_services

pytestmark = pytest.mark.django_db


def write_lines(tmp_path: Path, lines: list[Any]) -> Path:
    path = tmp_path / "services.jsonl"
    path.write_text(
        "\n".join(line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines) + "\n",
        encoding="utf-8",
    )
    return path


def run_import(path: Path) -> tuple[int, str]:
    from io import StringIO

    out = StringIO()
    try:
        call_command("catalog", "import", str(path), stdout=out)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return code, out.getvalue()


def test_valid_lines_are_created_and_an_unknown_agency_is_created_from_the_line(tmp_path: Path) -> None:
    path = write_lines(tmp_path, [profile("a-one", "خدمت یکم"), profile("a-two", "خدمت دوم")])
    code, output = run_import(path)
    assert code == 0
    assert "created: 2" in output and "rejected: 0" in output
    assert Agency.objects.get(code="faraja").name == "فرماندهی انتظامی جمهوری اسلامی ایران"
    assert search_services("خدمت دوم").services[0].code == "a-two"


def test_importing_the_same_file_twice_changes_nothing(tmp_path: Path) -> None:
    path = write_lines(tmp_path, [profile("a-one", "خدمت یکم"), profile("a-two", "خدمت دوم")])
    run_import(path)
    before = list(Service.objects.values_list("code", "updated_at"))
    code, output = run_import(path)
    assert code == 0
    assert "created: 0" in output and "updated: 0" in output and "unchanged: 2" in output
    assert list(Service.objects.values_list("code", "updated_at")) == before


def test_a_changed_line_updates_the_service_and_its_search_entry(tmp_path: Path) -> None:
    run_import(write_lines(tmp_path, [profile("a-one", "خدمت یکم")]))
    code, output = run_import(write_lines(tmp_path, [profile("a-one", "صدور کارت سوخت", sla_days=7)]))
    assert code == 0 and "updated: 1" in output
    service = Service.objects.get(code="a-one")
    assert (service.title, service.sla_days) == ("صدور کارت سوخت", 7)
    assert search_services("کارت سوخت").services[0].code == "a-one"
    assert search_services("خدمت یکم").count == 0


BAD_LINES = [
    ("not json at all", "JSON"),
    ("[1, 2]", "شیء JSON"),
    ({**profile("b-1", "عنوان"), "title": ""}, "title"),
    ({k: v for k, v in profile("b-2", "عنوان").items() if k != "title"}, "«title» لازم است"),
    (profile("B_Bad Code", "عنوان"), "code"),
    (profile("b-3", "عنوان", audience="G2X"), "audience"),
    (profile("b-4", "عنوان", maturity="digital"), "maturity"),
    (profile("b-5", "عنوان", smart=True, maturity="semi"), "هوشمند"),
    (profile("b-6", "عنوان", fee_rials=-5), "fee_rials"),
    (profile("b-7", "عنوان", sla_days="سه"), "sla_days"),
    (profile("b-8", "عنوان", channels=["fax"]), "channels"),
    (profile("b-9", "عنوان", unknown_field=1), "unknown_field"),
    (profile("b-10", "عنوان", approved_on="1403-13-40"), "تاریخ"),
    (profile("b-11", "عنوان", categories=["no-such-category"]), "no-such-category"),
    (profile("b-12", "عنوان\x00با نویسه کنترلی"), "کنترلی"),
    (profile("b-13", "عنوان", service_url="javascript:alert(1)"), "نشانی"),
    (profile("b-14", "ع" * 201), "title"),
    (profile("b-15", "عنوان", agency={"code": "xy"}), "agency.name"),
]


@pytest.mark.parametrize(("line", "reason"), BAD_LINES)
def test_a_bad_line_is_refused_with_its_line_number_and_reason_and_the_others_go_in(
    tmp_path: Path, line: Any, reason: str
) -> None:
    path = write_lines(tmp_path, [profile("good-1", "خدمت خوب یکم"), line, profile("good-2", "خدمت خوب دوم")])
    code, output = run_import(path)
    assert code == 1
    rejected = [row for row in output.splitlines() if row.startswith("line ")]
    assert len(rejected) == 1 and rejected[0].startswith("line 2: rejected")
    assert reason in rejected[0]
    assert "created: 2" in output and "rejected: 1" in output
    assert set(Service.objects.values_list("code", flat=True)) == {"good-1", "good-2"}


def test_a_code_repeated_in_one_file_is_refused_on_its_second_line(tmp_path: Path) -> None:
    code, output = run_import(write_lines(tmp_path, [profile("dup", "یکم"), profile("dup", "دوم")]))
    assert code == 1
    assert "line 2: rejected" in output and "سطر 1" in output
    assert Service.objects.get(code="dup").title == "یکم"


def test_jalali_and_gregorian_approval_dates_in_any_digits_are_understood() -> None:
    report = import_records(
        [
            profile("d-1", "یکم", approved_on="1403-02-15"),
            profile("d-2", "دوم", approved_on="۱۴۰۳/۰۲/۱۵"),
            profile("d-3", "سوم", approved_on="2024-05-04"),
        ]
    )
    assert not report.rejected
    dates = {s.code: s.approved_on.isoformat() for s in Service.objects.all() if s.approved_on}
    assert dates == {"d-1": "2024-05-04", "d-2": "2024-05-04", "d-3": "2024-05-04"}


def test_text_is_stored_as_given_and_normalised_for_search_only() -> None:
    import_records([profile("t-1", "تمديد كارت سوخت")])  # Arabic yeh and kaf
    assert Service.objects.get(code="t-1").title == "تمديد كارت سوخت"
    assert search_services("تمدید کارت سوخت").services[0].code == "t-1"


def test_lines_that_are_not_utf8_or_too_long_are_refused() -> None:
    lines = [b"\xff\xfe broken", b"{" + b" " * (300 * 1024) + b"}", b"   ", json.dumps(profile("ok", "خوب")).encode()]
    report = catalog_import(parse_lines(lines))
    assert [r.line for r in report.rejected] == [1, 2]
    assert report.created == 1


def test_the_console_script_prints_counts_and_exits_1_on_a_rejection(tmp_path: Path) -> None:
    database = tmp_path / "cli.sqlite3"
    env = {"DATABASE_URL": f"sqlite:///{database}", "PATH": "/usr/bin:/bin", "PANJEREH_VAR_DIR": str(tmp_path)}
    panjereh = [sys.executable, "-m", "panjereh.cli"]
    subprocess.run([*panjereh, "migrate", "-v0"], check=True, env=env, timeout=120)
    with sqlite3.connect(database) as conn:  # the embedded default runs SQLite in WAL mode
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    path = write_lines(tmp_path, [profile("c-1", "خدمت"), "{bad"])
    result = subprocess.run(
        [*panjereh, "catalog", "import", str(path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    assert "created: 1" in result.stdout and "rejected: 1" in result.stdout and "line 2: rejected" in result.stdout
    missing = subprocess.run(
        [*panjereh, "catalog", "import", str(tmp_path / "nope.jsonl")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert missing.returncode == 1 and "پیدا نشد" in missing.stderr
