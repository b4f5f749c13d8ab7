"""Sample offices, labelled as sample data: each sample agency has an office in six provincial
capitals, open on Iranian office hours (Saturday to Wednesday 07:30–14:30, Thursday to 12:00). The
addresses and phone numbers are made up."""

from __future__ import annotations

from panjereh.agencies.models import Agency
from panjereh.appointments.models import Office

PROVINCES = [  # (slug, province, city, street, the province's telephone area code)
    ("tehran", "تهران", "تهران", "خیابان انقلاب", "21"),
    ("isfahan", "اصفهان", "اصفهان", "خیابان چهارباغ", "31"),
    ("razavi", "خراسان رضوی", "مشهد", "بلوار وکیل‌آباد", "51"),
    ("east-azerbaijan", "آذربایجان شرقی", "تبریز", "خیابان امام", "41"),
    ("fars", "فارس", "شیراز", "بلوار زند", "71"),
    ("khuzestan", "خوزستان", "اهواز", "خیابان نادری", "61"),
]
HOURS = {"sat": [["07:30", "14:30"]], "sun": [["07:30", "14:30"]], "mon": [["07:30", "14:30"]],
         "tue": [["07:30", "14:30"]], "wed": [["07:30", "14:30"]], "thu": [["07:30", "12:00"]], "fri": []}  # fmt: skip


def sample_offices_load() -> int:
    """Idempotent: the sample agencies' offices, as above; returns how many there are."""
    count = 0
    for agency in Agency.objects.filter(is_sample=True).order_by("code"):
        for n, (slug, province, city, street, area) in enumerate(PROVINCES):
            Office.objects.update_or_create(
                code=f"{agency.code}-{slug}"[:100],
                defaults={
                    "agency": agency, "name": f"دفتر {agency.name} در {city}", "province": province, "city": city,
                    "address": f"{city}، {street}، پلاک {(agency.pk * 7 + n * 13) % 300 + 1} (نشانی نمونه)",
                    "phone": f"0{area}3{(agency.pk * 97 + n) % 10_000_000:07d}", "hours": HOURS,  # 11 digits
                    "counters": 2 + (agency.pk + n) % 3, "slot_minutes": 15, "is_sample": True,
                },
            )  # fmt: skip
            count += 1
    return count
