"""A payment's receipt: what it says (shared by the page and the PDF), and the PDF itself. Persian is
shaped by HarfBuzz (fpdf2's text shaping) in the vendored Vazirmatn font, as the documents are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fpdf import FPDF

from panjereh.payments.constants import PaymentStatus, Purpose
from panjereh.persian import format_datetime, to_persian_digits
from panjereh.portal.pdf import FONT_DIR

if TYPE_CHECKING:
    from panjereh.payments.models import Payment


def rials(amount: int) -> str:
    return to_persian_digits(f"{amount:,}").replace(",", "٬") + " ریال"


def receipt_rows(payment: Payment) -> list[tuple[str, str, bool]]:
    """(label, value, whether the value is a Latin code read left to right)."""
    citizen = payment.citizen
    rows = [
        ("پرداخت‌کننده", citizen.full_name or "—", False),
        ("بابت", payment.description, False),
        ("دستگاه", payment.agency.name, False),
        *_subject(payment),
        ("مبلغ", rials(payment.amount_rials), False),
        ("شماره مرجع بانک", to_persian_digits(payment.reference), False),
        ("کارت", payment.card or "—", True),
        ("زمان پرداخت", format_datetime(payment.settled_at) if payment.settled_at else "—", False),
        ("شناسه پرداخت", str(payment.id), True),
    ]
    if payment.status == PaymentStatus.REFUNDED and payment.refunded_at:
        rows.append(("بازگردانده شد", f"{format_datetime(payment.refunded_at)}، شماره مرجع "
                     f"{to_persian_digits(payment.refund_reference)}", False))  # fmt: skip
    return rows


def _subject(payment: Payment) -> list[tuple[str, str, bool]]:
    if payment.purpose == Purpose.BILL:
        bill_id, _, payment_id = payment.subject.partition("-")
        return [
            ("شناسه قبض", to_persian_digits(bill_id), False),
            ("شناسه پرداخت", to_persian_digits(payment_id), False),
        ]
    return [("کد رهگیری درخواست", to_persian_digits(payment.subject), False)]


def receipt_pdf(payment: Payment) -> bytes:
    pdf = FPDF(format=(148, 210))  # A5, in millimetres
    pdf.set_title(f"رسید پرداخت {payment.id}")
    pdf.set_creator("Panjereh")
    pdf.add_font("Vazirmatn", fname=str(FONT_DIR / "Vazirmatn-Regular.ttf"))
    pdf.add_font("Vazirmatn", style="B", fname=str(FONT_DIR / "Vazirmatn-Bold.ttf"))
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
    pdf.add_page()
    width = pdf.epw
    pdf.set_font("Vazirmatn", size=9)
    pdf.cell(width, 7, "پنجره ملی خدمات دولت", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Vazirmatn", style="B", size=16)
    pdf.cell(width, 12, "رسید پرداخت", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    for label, value, latin in receipt_rows(payment):
        pdf.set_font("Vazirmatn", size=11)
        pdf.cell(width, 8, f"{label}:", align="R", new_x="LMARGIN", new_y="NEXT")
        if latin:  # a code, in Latin letters, left to right
            pdf.set_text_shaping(False)
            pdf.set_font("Helvetica", size=10)
            pdf.cell(width, 7, value, align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
        else:
            pdf.set_font("Vazirmatn", style="B", size=11)
            pdf.multi_cell(width, 7, value, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Vazirmatn", size=8)
    pdf.multi_cell(width, 5, "این رسید از پنجره ملی خدمات دولت دریافت شده است؛ شماره مرجع بانک گواه پرداخت است.",
                   align="R")  # fmt: skip
    return bytes(pdf.output())
