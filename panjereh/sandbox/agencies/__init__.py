"""The simulated agencies, one module each; ``AGENCIES`` is the registry the app routes by."""

from __future__ import annotations

from ..protocol import Agency
from . import (
    civil_registry,
    conscription,
    energy,
    judiciary,
    police,
    property_registry,
    social_security,
    telecom_registry,
)

AGENCIES: tuple[Agency, ...] = (
    civil_registry.AGENCY,
    telecom_registry.AGENCY,
    judiciary.AGENCY,
    property_registry.AGENCY,
    police.AGENCY,
    conscription.AGENCY,
    social_security.AGENCY,
    energy.AGENCY,
)

__all__ = ["AGENCIES"]
