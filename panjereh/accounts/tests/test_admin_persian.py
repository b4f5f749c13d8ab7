"""The back office speaks Persian where Django's admin spoke English: the note above a form's errors,
the two-box selectors of the grant, data service and service-profile forms, the boolean icons' text
for screen readers, the dashboard's hidden column header, the digits of Django's own error messages
and its error pages, which are the back office's own under /admin/ (docs/staff.md)."""

from __future__ import annotations

import ast
import gettext
import io
import json
import re
import struct
from pathlib import Path

import django
import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver
from django.utils import translation

from panjereh.accounts.admin_site import persian_error_digits
from panjereh.accounts.tests.staff_world import exchange_world, logged_in, service_of
from panjereh.agencies.models import Agency

pytestmark = pytest.mark.usefixtures("catalog")

DJANGO = Path(django.__file__).parent
LOCALE = Path(__file__).resolve().parents[2] / "locale" / "fa" / "LC_MESSAGES"

# What the review heard in English on the back office's pages.
ENGLISH = [
    "Please correct the error below.",
    "Please correct the errors below.",
    "Model name",
    'alt="True"',
    'alt="False"',
    'alt="None"',
    "Breadcrumbs",
    "Page not found",
]
PORTAL_ONLY = ["حساب من", 'id="page-feedback"', "آیا این صفحه سودمند بود؟"]
ICON = re.compile(r'<img src="/static/admin/img/icon-(\w+).svg" alt="([^"]+)">')


def po_entries(path: Path) -> dict[tuple[str | None, str], list[str]]:
    """A .po file's translations: (context, msgid) → [msgstr] or [msgstr[0], msgstr[1]]; the header left out."""
    entries: dict[tuple[str | None, str], list[str]] = {}
    entry: dict[str, str] = {}
    key = ""

    def flush() -> None:
        if entry.get("msgid"):
            strings = [entry[name] for name in sorted(entry) if name.startswith("msgstr")]
            entries[(entry.get("msgctxt"), entry["msgid"])] = strings
        entry.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith('"'):
            entry[key] += ast.literal_eval(line)
            continue
        key, literal = line.split(" ", 1)
        if key in ("msgctxt", "msgid") and any(name.startswith("msgstr") for name in entry):
            flush()
        entry[key] = ast.literal_eval(literal)
    flush()
    return entries


def english_messages(app: str, domain: str) -> dict[tuple[str | None, str], list[str]]:
    """Every message Django's admin has (its English catalog lists them all)."""
    return po_entries(DJANGO / "contrib" / app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po")


def test_the_back_offices_pages_hold_none_of_djangos_english() -> None:
    world = exchange_world()
    supervisor = logged_in("nazer", "supervisor", None)
    officer = logged_in("faraja-officer", "officer", "faraja")
    pages = {
        "dashboard": supervisor.get("/admin/"),
        "data services": supervisor.get("/admin/exchange/dataservice/"),  # two boolean columns
        "a data service, read only": supervisor.get(f"/admin/exchange/dataservice/{world.b.data_service.pk}/change/"),
        "grants": supervisor.get("/admin/exchange/grant/"),
        "service profiles": officer.get("/admin/catalog/service/"),
        "a refused form": officer.post("/admin/catalog/service/add/", {"code": "x", "title": ""}),
        "a page that is not there": supervisor.get("/admin/nothing-here/"),
    }
    for name, response in pages.items():
        page = response.content.decode()
        assert [english for english in ENGLISH if english in page] == [], name

    assert '<th scope="col">نام بخش</th>' in pages["dashboard"].content.decode()
    assert '<nav aria-label="مسیر صفحه">' in pages["grants"].content.decode()
    icons = ICON.findall(pages["data services"].content.decode())
    assert set(icons) == {("yes", "بله"), ("no", "خیر")}, icons
    assert ("yes", "بله") in ICON.findall(pages["a data service, read only"].content.decode())
    note = '<p class="errornote">\n    لطفاً خطاهای زیر را درست کنید.\n    </p>'
    assert note in pages["a refused form"].content.decode()


def test_djangos_error_messages_show_persian_digits_and_what_was_typed_keeps_its_own() -> None:
    officer = logged_in("faraja-officer", "officer", "faraja")
    faraja = Agency.objects.get(code="faraja")
    title = ("پروانه 12345 " * 30)[:250]
    response = officer.post("/admin/catalog/service/add/", {"code": "x", "agency": faraja.pk, "title": title,
                                                             "fee_rials": "-5", "sla_days": "3"})  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    errors = dict(re.findall(r'<ul class="errorlist" id="id_(\w+)_error"><li>(.*?)</li></ul>', page))
    assert errors["title"] == "طول این مقدار باید حداکثر ۲۰۰ کاراکتر باشد (طولش ۲۵۰ است)."
    assert errors["fee_rials"] == "مطمئن شوید این مقدار بزرگتر و یا مساوی ۰ است."
    assert [error for error in errors.values() if re.search("[0-9]", error)] == []
    # The inputs are outside the lists: what was typed comes back as it was typed.
    assert f'name="title" value="{title}"' in page
    assert 'name="fee_rials" value="-5"' in page
    assert 'name="sla_days" value="3"' in page


def test_only_the_text_of_an_error_list_is_made_persian() -> None:
    page = (
        '<input name="n" value="12"><ul class="errorlist nonfield" id="id_form-0-n_error">'
        "<li>بیش از 2 رقم اعشار نباشد؛ مقدار 2.505 &#x27;نادرست&#x27; است</li>"
        '<li>کد <bdi dir="ltr">faraja-2</bdi> و <code>v2</code>: 3</li></ul><p>12</p>'
    )
    assert persian_error_digits(page) == (
        '<input name="n" value="12"><ul class="errorlist nonfield" id="id_form-0-n_error">'
        "<li>بیش از ۲ رقم اعشار نباشد؛ مقدار ۲٫۵۰۵ &#x27;نادرست&#x27; است</li>"
        '<li>کد <bdi dir="ltr">faraja-2</bdi> و <code>v2</code>: ۳</li></ul><p>12</p>'
    )


def test_the_two_box_selectors_and_the_calendar_read_persian_from_the_admins_script_catalog() -> None:
    agency_admin = logged_in("ict-admin", "agency_admin", "ict")
    world = exchange_world()
    for form in (f"/admin/exchange/grant/{world.a_reads_b.pk}/change/",
                 f"/admin/exchange/dataservice/{world.b.data_service.pk}/change/",
                 f"/admin/catalog/service/{service_of('ict').pk}/change/"):  # fmt: skip
        page = agency_admin.get(form).content.decode()
        assert 'class="selectfilter"' in page and '<script src="/admin/jsi18n/">' in page, form

    script = agency_admin.get("/admin/jsi18n/").content.decode()
    found = re.search(r"const newcatalog = (\{.*?\});\n", script, re.DOTALL)
    assert found, "no catalog in the admin's script"
    catalog = json.loads(found.group(1))
    untranslated = [
        msgid
        for (context, msgid) in english_messages("admin", "djangojs")
        if not catalog.get(f"{context}\x04{msgid}" if context else msgid)
    ]
    assert untranslated == []
    assert catalog['Choose %s by selecting them and then select the "Choose" arrow button.'] == (
        "%s را برگزینید و سپس دکمهٔ پیکان «انتخاب» را بزنید."
    )
    assert catalog["Choose all %s"] == "انتخاب همهٔ %s"
    assert catalog["Remove selected %s"] == "حذف برگزیده‌ها (%s)"
    assert catalog["Available %s"] == "%s (موجود)"  # Django's «%sی موجود» read «هدف‌های مجازی موجود»


def in_persian(context: str | None, msgid: str, plural: bool) -> str:
    if context:
        return translation.npgettext(context, msgid, msgid, 1) if plural else translation.pgettext(context, msgid)
    return translation.ngettext(msgid, msgid, 1) if plural else translation.gettext(msgid)


def test_every_message_of_djangos_admin_has_its_persian() -> None:
    with translation.override("fa"):
        untranslated = [
            msgid
            for (context, msgid), strings in english_messages("admin", "django").items()
            if re.search(r"[A-Za-z]", re.sub(r"%\(\w+\)s", "", msgid))  # words, not only placeholders
            and in_persian(context, msgid, plural=len(strings) > 1) == msgid
        ]
    assert untranslated == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_committed_catalogs_are_compiled_from_their_sources(domain: str) -> None:
    """Edit the .po, compile it (docs/staff.md), commit both: a .po ahead of its .mo fails here."""
    source = po_entries(LOCALE / f"{domain}.po")
    mo = (LOCALE / f"{domain}.mo").read_bytes()
    compiled = gettext.GNUTranslations(io.BytesIO(mo))
    for (context, msgid), strings in source.items():
        if len(strings) == 1:
            assert (compiled.pgettext(context, msgid) if context else compiled.gettext(msgid)) == strings[0], msgid
        else:
            for n, expected in ((1, strings[0]), (2, strings[1])):
                assert compiled.ngettext(msgid, "-", n) == expected, msgid
    # Nothing more either: the .mo's count of messages (GNU gettext's format: its third word) is the
    # .po's, with the header.
    magic, _revision, count = struct.unpack("<3I", mo[:12])
    assert (magic, count) == (0x950412DE, len(source) + 1)


def test_the_back_office_has_its_own_404_403_and_500_pages_and_the_portal_keeps_its_own() -> None:
    supervisor = logged_in("nazer", "supervisor", None)
    not_there = supervisor.get("/admin/nothing-here/")
    forbidden = supervisor.get("/admin/catalog/service/add/")  # supervisors change nothing
    server_error = get_resolver().resolve_error_handler(500)
    failed = server_error(RequestFactory().get("/admin/catalog/service/"))
    for response, status, message in (
        (not_there, 404, "موردی با این نشانی پیدا نشد."),
        (forbidden, 403, "اجازه این کار را ندارید."),
        (failed, 500, "خطایی در سامانه رخ داد؛ لطفاً بعداً دوباره تلاش کنید."),
    ):
        page = response.content.decode()
        assert response.status_code == status
        assert '<div id="site-name"><a href="/admin/">پنجره ملی خدمات دولت — مدیریت</a></div>' in page
        assert f"<h1>{message}</h1>" in page
        assert f"<p>کد خطا: {'۴۰۴' if status == 404 else '۴۰۳' if status == 403 else '۵۰۰'}</p>" in page
        assert [portal for portal in PORTAL_ONLY if portal in page] == []

    citizen_page = Client().get("/nothing-here/").content.decode()
    assert 'id="page-feedback"' in citizen_page and 'id="site-name"' not in citizen_page
    failed = server_error(RequestFactory().get("/services/"))
    assert 'id="page-feedback"' in failed.content.decode() and failed.status_code == 500


def test_the_delete_action_reads_as_one_phrase() -> None:
    from django.utils.translation import gettext, override

    with override("fa"):
        label = gettext("Delete selected %(verbose_name_plural)s") % {"verbose_name_plural": "شناسنامه‌های خدمات"}
    assert label == "حذف شناسنامه‌های خدمات انتخاب‌شده"
