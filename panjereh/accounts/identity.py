"""What the registries say about a person, asked through the exchange like any agency would ask:
the telecom registry (does this mobile belong to this national code?) and the civil registry
(the person's name, father's name, birth date, gender). Each inquiry is audited and shows in the
person's "who accessed my data"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from panjereh.exchange.client import ExchangeUnreachable, inquire


class RegistryUnavailable(Exception):
    """The registry (or the exchange) did not give a usable answer."""


@dataclass(frozen=True)
class Identity:
    first_name: str
    last_name: str
    father_name: str
    birth_date: datetime.date | None
    gender: str
    alive: bool


def mobile_owned(national_code: str, mobile: str) -> bool:
    data = _ask("cra", "mobile-ownership", {"national_code": national_code, "mobile": mobile},
                purpose="mobile-ownership-check", subject=national_code)  # fmt: skip
    if not isinstance(data.get("owned"), bool):
        raise RegistryUnavailable("the telecom registry's answer has no `owned`")
    return bool(data["owned"])


def registry_identity(national_code: str) -> Identity:
    data = _ask("sabtahval", "person", {"national_code": national_code}, purpose="login-identity",
                subject=national_code)  # fmt: skip
    return Identity(
        first_name=str(data.get("first_name", ""))[:100],
        last_name=str(data.get("last_name", ""))[:100],
        father_name=str(data.get("father_name", ""))[:100],
        birth_date=_date(data.get("birth_date_gregorian")),
        gender=str(data.get("gender", "")) if data.get("gender") in ("male", "female") else "",
        alive=data.get("alive") is not False,
    )


def _ask(provider: str, service: str, body: dict[str, str], *, purpose: str, subject: str) -> dict[str, Any]:
    """The provider's answer through the exchange, or RegistryUnavailable for any other outcome."""
    try:
        answer = inquire(provider, service, body, purpose=purpose, subject=subject)
    except ExchangeUnreachable as error:
        raise RegistryUnavailable(str(error)) from error
    if not answer.ok:
        raise RegistryUnavailable(f"{provider}/{service} answered {answer.status}")
    return answer.data


def _date(value: object) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None
