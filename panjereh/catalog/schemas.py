"""The service-profile import format (shared/CONTRACTS.md), as a strict pydantic model."""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

from panjereh.catalog.constants import Audience, Channel, Maturity
from panjereh.persian import parse_date

CODE_PATTERN = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"


def _no_control_characters(value: Any) -> Any:
    if isinstance(value, str) and any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
        raise ValueError("متن نویسه‌های کنترلی نامجاز دارد.")
    return value


Text = Annotated[str, BeforeValidator(_no_control_characters)]
Code = Annotated[str, StringConstraints(min_length=2, max_length=100, pattern=CODE_PATTERN)]
Line = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class AgencyRef(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Annotated[str, StringConstraints(min_length=2, max_length=64, pattern=CODE_PATTERN)]
    name: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]


class ServiceProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: Code
    agency: AgencyRef
    title: Annotated[Text, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]
    summary: Annotated[Text, StringConstraints(max_length=2000)] = ""
    description: Annotated[Text, StringConstraints(max_length=20000)] = ""
    audience: Audience
    maturity: Maturity
    smart: bool = False
    channels: list[Channel] = Field(default_factory=list, max_length=len(Channel))
    requirements: list[Line] = Field(default_factory=list, max_length=50)
    fee_rials: int = Field(default=0, ge=0, le=10**15)
    sla_days: int = Field(default=0, ge=0, le=3650)
    keywords: list[Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=30
    )
    legal_basis: Annotated[Text, StringConstraints(max_length=2000)] = ""
    revision: int = Field(default=1, ge=1, le=10**6)
    approved_on: datetime.date | None = None
    categories: list[Code] = Field(default_factory=list, max_length=10)
    life_events: list[Code] = Field(default_factory=list, max_length=10)
    service_url: Annotated[str, StringConstraints(max_length=300)] = ""

    @field_validator("approved_on", mode="before")
    @classmethod
    def _jalali_or_gregorian(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip():
            try:  # "1403-02-15" (Jalali) or "2024-05-04" (Gregorian), in any digits
                return parse_date(value)
            except ValueError:
                raise ValueError("تاریخ تصویب نادرست است؛ نمونه درست: 1403-02-15 یا 2024-05-04.") from None
        return value or None

    @field_validator("service_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if value and not re.match(r"^https?://[^\s/$.?#][^\s]*$", value):
            raise ValueError("نشانی خدمت باید با http:// یا https:// آغاز شود.")
        return value

    @field_validator("channels")
    @classmethod
    def _unique_channels(cls, value: list[Channel]) -> list[Channel]:
        return list(dict.fromkeys(value))

    @model_validator(mode="after")
    def _smart_needs_full(self) -> ServiceProfileIn:
        if self.smart and self.maturity != Maturity.FULL:
            raise ValueError("خدمت هوشمند باید تمام الکترونیکی (maturity = full) باشد.")
        return self
