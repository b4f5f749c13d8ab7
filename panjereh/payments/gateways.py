"""Bank gateways behind a registry, one chosen by settings.PAYMENT_GATEWAY (as SMS backends are):

- `sandbox`: the sandbox bank (panjereh.sandbox.bank) at SANDBOX_BANK_URL: it speaks Zarinpal's protocol,
  so it is django-iranian-payment's Zarinpal gateway with the bank's address swapped for the sandbox's
  (the default, and what `panjereh demo` uses);
- `zarinpal`, `zibal`: the real gateways through django-iranian-payment, configured by the environment
  (PAYMENT_MERCHANT_ID; PAYMENT_GATEWAY_SANDBOX=1 for the provider's own test environment).

The library's gateways are stateless (start, verify); its HTTP goes through our `HttpxTransport`, the
library's documented extension point. Refunds are made through the sandbox bank's API; the real
gateways' refunds are made from the merchant's panel, so for them a refund is recorded as due and
listed in the daily reconciliation until the finance office enters its reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django_iranian_payment.core import (
    BaseTransport,
    GatewayConnectionError,
    GatewayError,
    PaymentRequest,
    get_gateway_class,
)

from panjereh.core.registry import Registry

TIMEOUT_SECONDS = 10.0
ZARINPAL_SANDBOX = "https://sandbox.zarinpal.com/"


class GatewayUnreachable(Exception):
    """The bank did not answer, or answered with nonsense: nothing is known to have been paid."""


@dataclass(frozen=True)
class Started:
    authority: str  # the bank's id of this transaction, sent back with the person
    redirect_url: str  # where the person pays


@dataclass(frozen=True)
class Verdict:
    paid: bool
    reference: str = ""  # the bank's reference number, when paid
    card: str = ""  # masked card number, when the bank says
    code: str = ""  # the bank's code, kept with the event


class HttpxTransport(BaseTransport):  # type: ignore[misc]  # the library has no type hints
    """The library's HTTP layer on httpx, with `rewrite` (prefix → prefix) applied to every address:
    how the sandbox bank stands in for a real one."""

    def __init__(self, rewrite: dict[str, str] | None = None) -> None:
        self.rewrite = rewrite or {}

    def address(self, url: str) -> str:
        for prefix, replacement in self.rewrite.items():
            if url.startswith(prefix):
                return replacement + url.removeprefix(prefix)
        return url

    def post(
        self, url: str, *, json: Any = None, data: Any = None, headers: Any = None, timeout: float = 15
    ) -> dict[str, Any]:
        try:
            response = httpx.post(self.address(url), json=json, data=data, headers=headers, timeout=timeout)
            answer = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise GatewayConnectionError(f"no answer from the gateway: {error}") from error
        if not isinstance(answer, dict):
            raise GatewayConnectionError("the gateway's answer is not a JSON object")
        return answer


class Gateway:
    """One configured gateway: start a payment, verify it with the bank, refund it when the bank can."""

    name = ""
    slug = "zarinpal"  # the library's gateway

    def __init__(self, config: dict[str, Any], *, sandbox: bool, transport: HttpxTransport) -> None:
        self.transport = transport
        self.library = get_gateway_class(self.slug)(
            config, sandbox=sandbox, timeout=TIMEOUT_SECONDS, transport=transport
        )

    @classmethod
    def from_settings(cls) -> Gateway:
        merchant = settings.PAYMENT_MERCHANT_ID
        return cls({"merchant_id": merchant, "merchant": merchant}, sandbox=settings.PAYMENT_GATEWAY_SANDBOX,
                   transport=HttpxTransport())  # fmt: skip

    def start(self, *, payment_id: str, amount_rials: int, callback_url: str, description: str, mobile: str) -> Started:
        request = PaymentRequest(amount=amount_rials, callback_url=callback_url, order_id=payment_id,
                                 description=description, mobile=mobile or None, currency="rial")  # fmt: skip
        try:
            result = self.library.initiate(request)
        except GatewayError as error:
            raise GatewayUnreachable(str(error)) from error
        if not result.authority:
            raise GatewayUnreachable("the gateway gave no transaction id")
        return Started(authority=str(result.authority), redirect_url=self.transport.address(result.redirect_url))

    def verify(self, *, authority: str, amount_rials: int, payment_id: str) -> Verdict:
        try:
            result = self.library.verify(authority=authority, amount=amount_rials, order_id=payment_id)
        except GatewayConnectionError as error:
            raise GatewayUnreachable(str(error)) from error
        except GatewayError as error:
            return Verdict(paid=False, code=str(error))
        if result.is_success:
            return Verdict(paid=True, reference=str(result.reference_id or ""), card=str(result.card_number or ""),
                           code="100")  # fmt: skip
        return Verdict(paid=False, code=str(result.error_code or ""))

    def refund(self, *, authority: str) -> str | None:
        """The refund's reference, or None when this gateway's refunds are made by hand."""
        return None

    def page_origin(self) -> str:
        """The origin of the bank's payment page: the portal's form that starts a payment is let post
        to it (the Content-Security-Policy's form-action follows the redirect there)."""
        return "https://sandbox.zarinpal.com" if self.library.sandbox else "https://payment.zarinpal.com"


payment_gateways: Registry[type[Gateway]] = Registry("PAYMENT_GATEWAY")


@payment_gateways.register("zarinpal")
class ZarinpalGateway(Gateway):
    name = "zarinpal"


@payment_gateways.register("zibal")
class ZibalGateway(Gateway):
    name, slug = "zibal", "zibal"

    def page_origin(self) -> str:
        return "https://gateway.zibal.ir"


@payment_gateways.register("sandbox")
class SandboxGateway(Gateway):
    """Zarinpal's protocol, answered by the sandbox bank at settings.SANDBOX_BANK_URL."""

    name = "sandbox"

    @classmethod
    def from_settings(cls) -> Gateway:
        bank = settings.SANDBOX_BANK_URL.rstrip("/") + "/"
        return cls({"merchant_id": settings.PAYMENT_MERCHANT_ID}, sandbox=True,
                   transport=HttpxTransport({ZARINPAL_SANDBOX: bank}))  # fmt: skip

    def page_origin(self) -> str:
        parts = urlsplit(settings.SANDBOX_BANK_URL)
        return f"{parts.scheme}://{parts.netloc}"

    def refund(self, *, authority: str) -> str | None:
        answer = self.transport.post(
            settings.SANDBOX_BANK_URL.rstrip("/") + "/refund.json",
            json={"merchant_id": settings.PAYMENT_MERCHANT_ID, "authority": authority}, timeout=TIMEOUT_SECONDS,
        )  # fmt: skip
        data = answer.get("data")
        if not isinstance(data, dict) or data.get("code") != 100:
            raise GatewayUnreachable(f"the sandbox bank refused the refund: {answer.get('errors')}")
        return str(data["refund_id"])


def payment_gateway() -> Gateway:
    """The gateway settings.PAYMENT_GATEWAY names, made from the settings as they are now."""
    return payment_gateways.get(settings.PAYMENT_GATEWAY).from_settings()
