"""Iranian bill and payment identifiers (شناسه قبض، شناسه پرداخت), as the banks' interbank bill scheme
(«طرح هماهنگ پرداخت الکترونیکی قبوض») defines them.

- The bill id, 6 to 13 digits: the subscriber's file number, a 3-digit company code, one digit for the
  kind of bill (1 water, 2 electricity, 3 gas, 4 fixed line, 5 mobile, 6 municipal dues, 8 tax, 9 traffic
  fines) and a check digit over the rest.
- The payment id, 6 to 13 digits: the amount in thousands of rials, the year's last digit, a 2-digit
  period, a check digit over those, and a last check digit over the bill id and the payment id before it.

Both check digits are mod 11 with weights 2 to 7 repeating from the right; a remainder of 0 or 1 gives
0. Leading zeros mean nothing (a printed bill may pad either id to 13 digits) and are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .digits import ARABIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS, to_ascii_digits

KINDS = {
    "1": "آب", "2": "برق", "3": "گاز", "4": "تلفن ثابت", "5": "تلفن همراه", "6": "عوارض شهرداری",
    "8": "مالیات", "9": "جریمه راهنمایی و رانندگی",
}  # fmt: skip
_SCRIPTS = (LATIN_DIGITS, PERSIAN_DIGITS, ARABIC_DIGITS)


class InvalidBill(ValueError):
    """Not a bill id and payment id that belong together; `field` is the one at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Bill:
    bill_id: str
    payment_id: str
    kind: str  # its digit (KINDS)
    amount_rials: int
    period: str  # the year's last digit and the period, as printed

    @property
    def kind_name(self) -> str:
        return KINDS[self.kind]


def check_digit(digits: str) -> str:
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(digits)))
    remainder = total % 11
    return "0" if remainder < 2 else str(11 - remainder)


def _digits(text: str, field: str, name: str) -> str:
    text = "".join(text.split())  # spaces people type between groups of digits
    if not text or not any(all(ch in script for ch in text) for script in _SCRIPTS):
        raise InvalidBill(field, f"{name} فقط رقم است.")
    typed = to_ascii_digits(text)
    digits = typed.lstrip("0")
    if not 6 <= len(digits) <= 13:
        if 6 <= len(typed) <= 13:  # the right length as typed, but zeros in front of too little
            raise InvalidBill(field, f"{name} درست نیست؛ آن را دوباره از روی قبض بخوانید.")
        raise InvalidBill(field, f"{name} از ۶ تا ۱۳ رقم است.")
    return digits


def parse_bill(bill_id: str, payment_id: str) -> Bill:
    """The bill, if both ids are well formed and belong together; else InvalidBill naming the field."""
    bill = _digits(bill_id, "bill_id", "شناسه قبض")
    payment = _digits(payment_id, "payment_id", "شناسه پرداخت")
    if check_digit(bill[:-1]) != bill[-1] or bill[-2] not in KINDS:
        raise InvalidBill("bill_id", "شناسه قبض درست نیست؛ آن را دوباره از روی قبض بخوانید.")
    if check_digit(payment[:-2]) != payment[-2]:
        raise InvalidBill("payment_id", "شناسه پرداخت درست نیست؛ آن را دوباره از روی قبض بخوانید.")
    if check_digit(bill + payment[:-1]) != payment[-1]:
        raise InvalidBill("payment_id", "این شناسه پرداخت از آنِ این شناسه قبض نیست.")
    amount = int(payment[:-5] or "0") * 1000
    if amount <= 0:
        raise InvalidBill("payment_id", "این قبض مبلغی برای پرداخت ندارد.")
    return Bill(bill_id=bill, payment_id=payment, kind=bill[-2], amount_rials=amount, period=payment[-5:-2])


def make_payment_id(bill_id: str, amount_rials: int, year_digit: int, period: int) -> str:
    """A payment id for a bill (for tests and sample data): the amount in thousands of rials."""
    body = f"{amount_rials // 1000}{year_digit % 10}{period:02d}"
    body += check_digit(body)
    return body + check_digit(bill_id + body)
