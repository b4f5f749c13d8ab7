"""The registry of SMS backends, and choosing one by settings.SMS_BACKEND."""

from __future__ import annotations

from typing import Any

import pytest

from panjereh.notifications.backends import SmsBackend, SmsError, UnknownName, sms_backend, sms_backends
from panjereh.notifications.backends.console import ConsoleBackend
from panjereh.notifications.backends.file import FileBackend
from panjereh.notifications.backends.kavenegar import KavenegarBackend
from panjereh.notifications.backends.registry import Registry


class Pigeon(SmsBackend):
    def _send(self, to: str, text: str, local_id: int | None) -> None:
        pass


def test_the_three_backends_are_registered_under_their_names() -> None:
    assert sms_backends.names() == ["console", "file", "kavenegar"]
    assert [sms_backends.get(name) for name in sms_backends.names()] == [ConsoleBackend, FileBackend, KavenegarBackend]
    assert [backend.name for backend in (ConsoleBackend, FileBackend, KavenegarBackend)] == [
        "console",
        "file",
        "kavenegar",
    ]


def test_only_kavenegar_is_a_real_provider() -> None:
    assert [name for name in sms_backends.names() if sms_backends.get(name).is_real] == ["kavenegar"]


def test_an_unknown_name_is_an_error_naming_the_known_ones() -> None:
    with pytest.raises(UnknownName, match=r"^unknown SMS_BACKEND 'carrier-pigeon'; one of console, file, kavenegar$"):
        sms_backends.get("carrier-pigeon")

    assert "carrier-pigeon" not in sms_backends and "console" in sms_backends


def test_an_unknown_sms_backend_setting_raises_sms_error_naming_the_known_ones(settings: Any) -> None:
    settings.SMS_BACKEND = "carrier-pigeon"

    with pytest.raises(SmsError, match=r"^unknown SMS_BACKEND 'carrier-pigeon'; one of console, file, kavenegar$"):
        sms_backend()


@pytest.mark.parametrize(("name", "backend"), [("console", ConsoleBackend), ("file", FileBackend)])
def test_the_backend_is_chosen_by_the_setting(settings: Any, name: str, backend: type) -> None:
    settings.SMS_BACKEND = name

    assert type(sms_backend()) is backend


def test_a_registry_keeps_what_is_registered_and_lists_names_in_order() -> None:
    registry: Registry[type[SmsBackend]] = Registry("TEST_BACKEND")

    registry.register("pigeon")(Pigeon)
    registry.register("console")(ConsoleBackend)

    assert registry.names() == ["console", "pigeon"]
    assert registry.get("pigeon") is Pigeon
    with pytest.raises(UnknownName, match=r"^unknown TEST_BACKEND 'owl'; one of console, pigeon$"):
        registry.get("owl")


def test_a_name_cannot_be_taken_twice() -> None:
    registry: Registry[type[SmsBackend]] = Registry("TEST_BACKEND")
    registry.register("pigeon")(Pigeon)
    registry.register("pigeon")(Pigeon)  # the same class again (a module imported twice) is harmless

    with pytest.raises(ValueError, match=r"^TEST_BACKEND 'pigeon' is registered already$"):
        registry.register("pigeon")(ConsoleBackend)

    assert registry.get("pigeon") is Pigeon
