"""Bill and payment ids: the interbank scheme's check digits, the amount and kind they carry, any digits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panjereh.persian import InvalidBill, make_payment_id, parse_bill, to_persian_digits
from panjereh.persian.bills import check_digit


@pytest.mark.parametrize(
    ("bill_id", "payment_id", "kind", "amount"),
    [
        ("7748317800142", "1770160", "تلفن ثابت", 17_000),  # the scheme's published examples
        ("1117753200140", "12070160", "تلفن ثابت", 120_000),
        ("9985235404124", "0000880000568", "برق", 8_800_000),  # padded to 13 digits on the bill
        ("۹۹۸۵۲۳۵۴۰۴۱۲۴", "۸۸۰۰۰۰۵۶۸", "برق", 8_800_000),  # as typed on a Persian keyboard
        ("9985 2354 0412 4", " 880000568 ", "برق", 8_800_000),
    ],
)
def test_a_real_bill(bill_id: str, payment_id: str, kind: str, amount: int) -> None:
    bill = parse_bill(bill_id, payment_id)
    assert (bill.kind_name, bill.amount_rials) == (kind, amount)


@pytest.mark.parametrize(
    ("bill_id", "payment_id", "field", "says"),
    [
        ("7748317800143", "1770160", "bill_id", "شناسه قبض درست نیست"),  # its check digit
        ("7748317800142", "1770170", "payment_id", "شناسه پرداخت درست نیست"),
        ("7748317800142", "12070160", "payment_id", "از آنِ این شناسه قبض نیست"),  # another bill's
        ("12345", "1770160", "bill_id", "از ۶ تا ۱۳ رقم"),
        ("7748317800142", "000000000000", "payment_id", "شناسه پرداخت درست نیست"),  # twelve digits, all zeros
        ("7748317800142", "000001770", "payment_id", "شناسه پرداخت درست نیست"),  # padded to length
        ("77483178OO142", "1770160", "bill_id", "فقط رقم"),
        ("774831۷800142", "1770160", "bill_id", "فقط رقم"),  # two scripts in one number
        ("", "", "bill_id", "فقط رقم"),
    ],
)
def test_a_mistyped_bill_is_refused_naming_the_field(bill_id: str, payment_id: str, field: str, says: str) -> None:
    with pytest.raises(InvalidBill) as refused:
        parse_bill(bill_id, payment_id)
    assert refused.value.field == field and says in str(refused.value)


@given(
    body=st.text(alphabet="0123456789", min_size=4, max_size=8).filter(lambda t: t.lstrip("0")),
    company=st.text(alphabet="0123456789", min_size=3, max_size=3),
    kind=st.sampled_from(["1", "2", "3", "4", "5", "6", "8", "9"]),
    thousands=st.integers(min_value=1, max_value=99_999_999),
    year=st.integers(min_value=0, max_value=9),
    period=st.integers(min_value=1, max_value=12),
)
def test_a_made_bill_reads_back(body: str, company: str, kind: str, thousands: int, year: int, period: int) -> None:
    stem = body.lstrip("0") + company + kind
    bill_id = stem + check_digit(stem)
    payment_id = make_payment_id(bill_id, thousands * 1000, year, period)
    bill = parse_bill(to_persian_digits(bill_id), payment_id)
    assert (bill.bill_id, bill.amount_rials, bill.kind, bill.period) == (bill_id, thousands * 1000, kind,
                                                                          f"{year}{period:02d}")  # fmt: skip


@given(st.text(max_size=30), st.text(max_size=30))
def test_anything_else_is_refused_never_crashes(bill_id: str, payment_id: str) -> None:
    try:
        parse_bill(bill_id, payment_id)
    except InvalidBill as refused:
        assert refused.field in ("bill_id", "payment_id")
