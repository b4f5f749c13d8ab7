"""A payment's receipt as a PDF, saying what the page says (payments.selectors.receipt_lines). Persian
is shaped by HarfBuzz (fpdf2's text shaping) in the vendored Vazirmatn font, as the documents are; a
value read left to right (a card number in Persian digits, the portal's tracking number) is shaped
left to right in the same font.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fpdf import FPDF

from panjereh.payments.selectors import receipt_lines
from panjereh.portal.pdf import FONT_DIR

if TYPE_CHECKING:
    from panjereh.payments.models import Payment


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
    for line in receipt_lines(payment):
        pdf.set_font("Vazirmatn", size=11)
        pdf.cell(width, 8, f"{line.label}:", align="R", new_x="LMARGIN", new_y="NEXT")
        if line.ltr:
            pdf.set_text_shaping(use_shaping_engine=True, direction="ltr")
            pdf.set_font("Vazirmatn", size=10)
            pdf.cell(width, 7, line.value, align="R", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
        else:
            pdf.set_font("Vazirmatn", style="B", size=11)
            pdf.multi_cell(width, 7, line.value, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Vazirmatn", size=8)
    pdf.multi_cell(width, 5, "این رسید از پنجره ملی خدمات دولت دریافت شده است؛ شماره مرجع بانک گواه پرداخت است.",
                   align="R")  # fmt: skip
    return bytes(pdf.output())
