"""سامانه شاهکار — the telecom registry: does this mobile number belong to this national code?

The rule of the sandbox: it does exactly when the last four digits of the mobile (normalised,
``09xxxxxxxxx``) equal the last four digits of the national code. So for any code there are
plenty of numbers that match; the person's own is ``people.person(code).mobile``, ``"0912000" +
code[-4:]``, in the range kept for synthetic people that a real SMS provider never gets.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..protocol import Agency, JSONObject, Service


def owns(national_code: str, mobile: str) -> bool:
    """The ownership rule; both arguments already normalised."""
    return mobile[-4:] == national_code[-4:]


def mobile_ownership(request: Mapping[str, str]) -> JSONObject:
    return {"owned": owns(request["national_code"], request["mobile"])}


AGENCY = Agency(
    slug="telecom-registry",
    title="سازمان تنظیم مقررات و ارتباطات رادیویی (شاهکار)",
    services=(Service("mobile-ownership", "استعلام مالکیت تلفن همراه", ("national_code", "mobile"), mobile_ownership),),
)
