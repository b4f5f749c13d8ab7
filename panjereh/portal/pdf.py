"""An issued document as a PDF: title, claims with Persian labels, Jalali dates, the id and the QR code.
Persian is shaped by HarfBuzz (fpdf2's text shaping) in the vendored Vazirmatn font."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from fpdf import FPDF

from panjereh.applications.documents import verification
from panjereh.persian import format_date

if TYPE_CHECKING:
    from panjereh.applications.models import IssuedDocument

FONT_DIR = Path(__file__).parent / "static" / "vendor" / "vazirmatn"


def document_pdf(document: IssuedDocument, origin: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(f"{document.title} {document.id}")
    pdf.set_subject(document.id)
    pdf.set_creator("Panjereh")
    pdf.add_font("Vazirmatn", fname=str(FONT_DIR / "Vazirmatn-Regular.ttf"))
    pdf.add_font("Vazirmatn", style="B", fname=str(FONT_DIR / "Vazirmatn-Bold.ttf"))
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")
    pdf.add_page()
    width = pdf.epw

    pdf.set_font("Vazirmatn", size=10)
    pdf.cell(width, 8, "پنجره ملی خدمات دولت", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Vazirmatn", style="B", size=18)
    pdf.cell(width, 14, document.title, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)

    pdf.set_font("Vazirmatn", size=12)
    for label, value in verification.claim_rows(document.claims, mask=False):
        pdf.cell(width, 9, f"{label}: {value}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.cell(width, 9, f"تاریخ صدور: {format_date(document.issued_at)}", align="R", new_x="LMARGIN", new_y="NEXT")
    expiry = format_date(document.expires_at) if document.expires_at else "بدون تاریخ انقضا"
    pdf.cell(width, 9, f"اعتبار تا: {expiry}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 9, "شناسه سند:", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_shaping(False)
    pdf.set_font("Helvetica", style="B", size=14)
    pdf.cell(width, 9, document.id, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl", script="arab", language="fas")

    pdf.ln(4)
    pdf.image(io.BytesIO(verification.document_qr_png(document, origin)), x=pdf.w - pdf.r_margin - 50, w=50)
    pdf.ln(2)
    pdf.set_font("Vazirmatn", size=9)
    note = (
        "برای بررسی اصالت، کد QR را بخوانید یا شناسه سند را در نشانی زیر وارد کنید. "
        "این سند با امضای دیجیتال کلیدی امضا شده است که شناسه‌اش در زیر آمده است."
    )
    pdf.multi_cell(width, 6, note, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 6, "نشانی اصالت‌سنجی و شناسه کلید امضا:", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_shaping(False)  # codes stay Latin, left to right: a hex key id has no Persian digits
    pdf.set_font("Helvetica", size=9)
    pdf.cell(width, 6, f"{origin.rstrip('/')}/verify/{document.id}", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(width, 6, document.key_id, align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
