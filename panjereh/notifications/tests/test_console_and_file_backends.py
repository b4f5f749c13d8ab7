"""The console and file SMS backends."""

from __future__ import annotations

import datetime
import json
import stat
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from panjereh.notifications.backends import SmsError, sms_backend
from panjereh.notifications.backends.console import ConsoleBackend
from panjereh.notifications.backends.file import FileBackend

MOBILE = "09121234567"
CODE_TEXT = "کد ورود شما به پنجره: ۴۸۲۹۱۷\nاین کد را به کسی ندهید.\n@panjereh.ir #482917"


def outbox_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def outbox(settings: Any, tmp_path: Path) -> Path:
    path = tmp_path / "sms" / "outbox.jsonl"
    settings.SMS_BACKEND = "file"
    settings.SMS_OUTBOX = str(path)
    return path


def test_the_console_backend_prints_the_recipient_and_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    ConsoleBackend().send(MOBILE, CODE_TEXT)

    assert capsys.readouterr().out == f"[SMS to {MOBILE}]\n{CODE_TEXT}\n"


def test_the_file_backend_appends_one_json_line_per_message(outbox: Path) -> None:
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    FileBackend().send(MOBILE, CODE_TEXT)
    FileBackend().send("09350000000", "دومین پیام")
    after = datetime.datetime.now(datetime.UTC)

    lines = outbox_lines(outbox)
    assert [(line["to"], line["text"]) for line in lines] == [(MOBILE, CODE_TEXT), ("09350000000", "دومین پیام")]
    for line in lines:
        assert set(line) == {"to", "text", "at"}
        at = datetime.datetime.fromisoformat(line["at"])
        assert at.utcoffset() == datetime.timedelta(0)
        assert before <= at <= after


def test_persian_text_is_written_as_utf8_not_escaped(outbox: Path) -> None:
    FileBackend().send(MOBILE, CODE_TEXT)

    raw = outbox.read_bytes()
    assert "کد ورود شما به پنجره".encode() in raw
    assert b"\\u" not in raw
    assert raw.count(b"\n") == 1  # the text's own newlines are escaped inside the one line
    assert raw.endswith(b"\n")


def test_the_outbox_defaults_to_var_sms_outbox_jsonl(settings: Any, tmp_path: Path) -> None:
    settings.SMS_OUTBOX = ""
    settings.VAR_DIR = tmp_path / "var"

    FileBackend().send(MOBILE, CODE_TEXT)

    assert outbox_lines(tmp_path / "var" / "sms" / "outbox.jsonl")[0]["text"] == CODE_TEXT


def test_the_outbox_is_created_readable_by_its_owner_only(outbox: Path) -> None:
    FileBackend().send(MOBILE, CODE_TEXT)

    assert stat.S_IMODE(outbox.stat().st_mode) == 0o600


def test_threads_sending_together_never_interleave_lines(outbox: Path) -> None:
    threads, per_thread = 8, 50
    text = "پیامی بلند " * 2000  # about 40 KB a line: far over one buffered write
    start = threading.Barrier(threads)

    def sender(number: int) -> None:
        backend = FileBackend()
        start.wait()
        for index in range(per_thread):
            backend.send(f"0912000{number:04d}", f"{index} {text}")

    workers = [threading.Thread(target=sender, args=(number,)) for number in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)

    lines = outbox_lines(outbox)
    assert Counter(line["to"] for line in lines) == {f"0912000{number:04d}": per_thread for number in range(threads)}
    for number in range(threads):
        texts = [line["text"] for line in lines if line["to"] == f"0912000{number:04d}"]
        assert texts == [f"{index} {text}" for index in range(per_thread)]


# Each child imports the backend, waits for the parent's go on stdin (so all four write at once) and
# sends its 50 messages of about 40 KB.
CHILD = """
import sys
from pathlib import Path
from panjereh.notifications.backends.file import FileBackend

backend = FileBackend(Path(sys.argv[1]))
sys.stdin.readline()
for index in range(int(sys.argv[3])):
    backend.send(sys.argv[2], f"{index} " + "پیامی بلند " * 2000)
"""


def test_processes_sending_together_never_interleave_lines(outbox: Path) -> None:
    processes, per_process = 4, 50
    children = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(outbox), f"0935000{number:04d}", str(per_process)],
            stdin=subprocess.PIPE,
            text=True,
        )
        for number in range(processes)
    ]
    try:
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.close()
        assert [child.wait(60) for child in children] == [0] * processes
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()

    raw = outbox.read_text(encoding="utf-8").splitlines()
    assert len(raw) == processes * per_process
    lines = [json.loads(line) for line in raw]
    for number in range(processes):
        texts = [line["text"] for line in lines if line["to"] == f"0935000{number:04d}"]
        assert texts == [f"{index} " + "پیامی بلند " * 2000 for index in range(per_process)]


def test_an_outbox_that_is_a_directory_raises_sms_error(settings: Any, tmp_path: Path) -> None:
    settings.SMS_OUTBOX = str(tmp_path)

    with pytest.raises(SmsError, match="cannot write the SMS outbox"):
        FileBackend().send(MOBILE, CODE_TEXT)


def test_an_outbox_under_a_file_raises_sms_error(settings: Any, tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("")
    settings.SMS_OUTBOX = str(tmp_path / "not-a-folder" / "outbox.jsonl")

    with pytest.raises(SmsError, match="cannot write the SMS outbox"):
        FileBackend().send(MOBILE, CODE_TEXT)


def test_the_file_backend_chosen_by_the_setting_writes_the_outbox(
    outbox: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sms_backend().send(MOBILE, CODE_TEXT)

    assert [(line["to"], line["text"]) for line in outbox_lines(outbox)] == [(MOBILE, CODE_TEXT)]
    assert capsys.readouterr().out == ""


def test_the_console_backend_chosen_by_the_setting_prints_and_writes_no_file(
    settings: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings.SMS_BACKEND = "console"
    settings.SMS_OUTBOX = str(tmp_path / "outbox.jsonl")

    sms_backend().send(MOBILE, CODE_TEXT)

    assert capsys.readouterr().out == f"[SMS to {MOBILE}]\n{CODE_TEXT}\n"
    assert not (tmp_path / "outbox.jsonl").exists()
