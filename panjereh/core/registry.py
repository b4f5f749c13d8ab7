"""A registry of plugins by name, for every outside system behind a setting (SMS backends; payment
gateways next).

Modelled on open-forms' `plugins/registry.py`: a class registers itself with a decorator under the
name a setting picks, and the registry answers by name or lists the names it knows.

    sms_backends = Registry[type[SmsBackend]]("SMS_BACKEND")

    @sms_backends.register("console")
    class ConsoleBackend(SmsBackend): ...

    sms_backends.get("console")  # → ConsoleBackend
    sms_backends.names()         # → ["console", "file", "kavenegar"]
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class UnknownName(LookupError):
    """No plugin is registered under this name; the message names the known ones."""

    def __init__(self, kind: str, name: str, known: list[str]) -> None:
        super().__init__(f"unknown {kind} {name!r}; one of {', '.join(known)}")
        self.name = name
        self.known = known


class Registry(Generic[T]):
    """Plugins of one kind by name; `kind` names them in errors (the setting that picks one)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._plugins: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        """A decorator keeping its class under `name`; a name is taken once."""

        def decorator(plugin: T) -> T:
            if self._plugins.get(name, plugin) is not plugin:
                raise ValueError(f"{self.kind} {name!r} is registered already")
            self._plugins[name] = plugin
            return plugin

        return decorator

    def get(self, name: str) -> T:
        """The plugin registered under `name`; UnknownName listing the known names if none is."""
        try:
            return self._plugins[name]
        except KeyError:
            raise UnknownName(self.kind, name, self.names()) from None

    def names(self) -> list[str]:
        return sorted(self._plugins)

    def __contains__(self, name: object) -> bool:
        return name in self._plugins
