"""Sample data: the ~170 main Iranian government agencies (دستگاه‌های اجرایی).

SYNTHETIC SAMPLE DATA.  The names are the real Persian names of real agencies
and the websites are plausible official domains, but every other attribute here
-- the single-window status, the window URL and every date -- is generated
deterministically for demos and tests.  Nothing in this module is a claim
about any real agency's real status.

Each entry is a dict::

    {"code": "ascii-kebab-code", "name": "نام فارسی", "kind": "ministry",
     "website": "https://www.moi.ir", "window_status": "connected",
     "window_url": "https://www.moi.ir/eservices",
     "launched_on": "2022-01-15", "connected_on": "2022-09-30"}

Dates are Gregorian ISO strings between 2021-03-21 (1 Farvardin 1400) and
2025-03-20 (end of 1403).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

KINDS = (
    "ministry",
    "organisation",
    "company",
    "foundation",
    "bank",
    "municipality",
    "judiciary",
    "military",
    "council",
)
WINDOW_STATUSES = ("not_started", "launched", "connected")

# (code, Persian name, kind, website)
_AGENCY_ROWS: list[tuple[str, str, str, str]] = [
    # -- ministries --------------------------------------------------------
    ("moi", "وزارت کشور", "ministry", "https://www.moi.ir"),
    ("justice", "وزارت دادگستری", "ministry", "https://www.justice.ir"),
    ("mfa", "وزارت امور خارجه", "ministry", "https://www.mfa.gov.ir"),
    ("moe", "وزارت نیرو", "ministry", "https://www.moe.gov.ir"),
    ("ict", "وزارت ارتباطات و فناوری اطلاعات", "ministry", "https://www.ict.gov.ir"),
    ("mop", "وزارت نفت", "ministry", "https://www.mop.ir"),
    ("mefa", "وزارت امور اقتصادی و دارایی", "ministry", "https://www.mefa.ir"),
    ("mcls", "وزارت تعاون، کار و رفاه اجتماعی", "ministry", "https://www.mcls.gov.ir"),
    ("behdasht", "وزارت بهداشت، درمان و آموزش پزشکی", "ministry", "https://www.behdasht.gov.ir"),
    ("msrt", "وزارت علوم، تحقیقات و فناوری", "ministry", "https://www.msrt.ir"),
    ("medu", "وزارت آموزش و پرورش", "ministry", "https://www.medu.ir"),
    ("mrud", "وزارت راه و شهرسازی", "ministry", "https://www.mrud.ir"),
    ("msy", "وزارت ورزش و جوانان", "ministry", "https://www.msy.gov.ir"),
    ("farhang", "وزارت فرهنگ و ارشاد اسلامی", "ministry", "https://www.farhang.gov.ir"),
    ("maj", "وزارت جهاد کشاورزی", "ministry", "https://www.maj.ir"),
    ("mcth", "وزارت میراث فرهنگی، گردشگری و صنایع دستی", "ministry", "https://www.mcth.ir"),
    ("mod", "وزارت دفاع و پشتیبانی نیروهای مسلح", "ministry", "https://www.mod.ir"),
    ("mimt", "وزارت صنعت، معدن و تجارت", "ministry", "https://www.mimt.gov.ir"),
    ("intelligence", "وزارت اطلاعات", "ministry", "https://www.vaja.ir"),
    # -- presidency, national organisations and councils --------------------
    ("pbo", "سازمان برنامه و بودجه کشور", "organisation", "https://www.mporg.ir"),
    ("aro", "سازمان اداری و استخدامی کشور", "organisation", "https://www.aro.gov.ir"),
    ("isti", "معاونت علمی، فناوری و اقتصاد دانش‌بنیان ریاست جمهوری", "organisation", "https://www.isti.ir"),
    ("elites", "بنیاد ملی نخبگان", "foundation", "https://www.bmn.ir"),
    ("aeoi", "سازمان انرژی اتمی ایران", "organisation", "https://www.aeoi.org.ir"),
    ("doe", "سازمان حفاظت محیط زیست", "organisation", "https://www.doe.ir"),
    ("women", "معاونت امور زنان و خانواده ریاست جمهوری", "organisation", "https://www.women.gov.ir"),
    ("isaar", "بنیاد شهید و امور ایثارگران", "foundation", "https://www.isaar.ir"),
    ("amar", "مرکز آمار ایران", "organisation", "https://www.amar.org.ir"),
    ("isiri", "سازمان ملی استاندارد ایران", "organisation", "https://www.isiri.gov.ir"),
    ("nipo", "سازمان ملی بهره‌وری ایران", "organisation", "https://www.nipo.gov.ir"),
    ("hadafmandi", "سازمان هدفمندسازی یارانه‌ها", "organisation", "https://www.hadafmandi.ir"),
    ("imps", "مرکز آموزش مدیریت دولتی", "organisation", "https://www.imps.ac.ir"),
    ("ido", "سازمان تبلیغات اسلامی", "organisation", "https://www.ido.ir"),
    ("irib", "سازمان صدا و سیمای جمهوری اسلامی ایران", "organisation", "https://www.irib.ir"),
    ("emdad", "کمیته امداد امام خمینی (ره)", "foundation", "https://www.emdad.ir"),
    ("bonyad-maskan", "بنیاد مسکن انقلاب اسلامی", "foundation", "https://www.bonyadmaskan.ir"),
    ("irmf", "بنیاد مستضعفان انقلاب اسلامی", "foundation", "https://www.irmf.ir"),
    ("rcs", "جمعیت هلال احمر جمهوری اسلامی ایران", "organisation", "https://www.rcs.ir"),
    ("kanoon", "کانون پرورش فکری کودکان و نوجوانان", "organisation", "https://www.kanoon.ir"),
    ("nlai", "سازمان اسناد و کتابخانه ملی جمهوری اسلامی ایران", "organisation", "https://www.nlai.ir"),
    ("dchq", "ستاد مبارزه با مواد مخدر", "council", "https://www.dchq.ir"),
    ("majazi", "مرکز ملی فضای مجازی", "council", "https://www.majazi.ir"),
    ("itec", "دبیرخانه شورای اجرایی فناوری اطلاعات", "council", ""),
    ("freezones", "دبیرخانه شورای عالی مناطق آزاد تجاری، صنعتی و ویژه اقتصادی", "council", "https://www.freezones.ir"),
    ("majlis", "مجلس شورای اسلامی", "council", "https://www.parliran.ir"),
    # -- economy and finance -------------------------------------------------
    ("tax", "سازمان امور مالیاتی کشور", "organisation", "https://www.tax.gov.ir"),
    ("customs", "گمرک جمهوری اسلامی ایران", "organisation", "https://www.irica.ir"),
    ("cbi", "بانک مرکزی جمهوری اسلامی ایران", "bank", "https://www.cbi.ir"),
    ("centinsur", "بیمه مرکزی جمهوری اسلامی ایران", "organisation", "https://www.centinsur.ir"),
    ("seo", "سازمان بورس و اوراق بهادار", "organisation", "https://www.seo.ir"),
    ("iraninsurance", "شرکت سهامی بیمه ایران", "company", "https://www.iraninsurance.ir"),
    ("egfi", "صندوق ضمانت صادرات ایران", "organisation", "https://www.egfi.ir"),
    ("inif", "صندوق نوآوری و شکوفایی", "organisation", "https://www.inif.ir"),
    ("bmi", "بانک ملی ایران", "bank", "https://www.bmi.ir"),
    ("sepah", "بانک سپه", "bank", "https://www.banksepah.ir"),
    ("keshavarzi", "بانک کشاورزی", "bank", "https://www.bki.ir"),
    ("maskan", "بانک مسکن", "bank", "https://www.bank-maskan.ir"),
    ("edbi", "بانک توسعه صادرات ایران", "bank", "https://www.edbi.ir"),
    ("bim", "بانک صنعت و معدن", "bank", "https://www.bim.ir"),
    ("postbank", "پست بانک ایران", "bank", "https://www.postbank.ir"),
    ("ttbank", "بانک توسعه تعاون", "bank", "https://www.ttbank.ir"),
    # -- labour, welfare and pensions ---------------------------------------
    ("tamin", "سازمان تأمین اجتماعی", "organisation", "https://www.tamin.ir"),
    ("behzisti", "سازمان بهزیستی کشور", "organisation", "https://www.behzisti.ir"),
    ("cspf", "صندوق بازنشستگی کشوری", "organisation", "https://www.cspf.ir"),
    ("tvto", "سازمان آموزش فنی و حرفه‌ای کشور", "organisation", "https://www.irantvto.ir"),
    ("roostaa", "صندوق بیمه اجتماعی کشاورزان، روستاییان و عشایر", "organisation", "https://www.roostaa.ir"),
    ("ssofa", "سازمان تأمین اجتماعی نیروهای مسلح", "military", "https://www.ssofa.ir"),
    # -- health ---------------------------------------------------------------
    ("ihio", "سازمان بیمه سلامت ایران", "organisation", "https://www.ihio.gov.ir"),
    ("fda", "سازمان غذا و دارو", "organisation", "https://www.fda.gov.ir"),
    ("ibto", "سازمان انتقال خون ایران", "organisation", "https://www.ibto.ir"),
    ("ems", "سازمان اورژانس کشور", "organisation", ""),
    ("irimc", "سازمان نظام پزشکی جمهوری اسلامی ایران", "organisation", "https://www.irimc.org"),
    ("srd", "صندوق رفاه دانشجویان وزارت بهداشت، درمان و آموزش پزشکی", "organisation", ""),
    # -- science, research and education ------------------------------------
    ("sanjesh", "سازمان سنجش آموزش کشور", "organisation", "https://www.sanjesh.org"),
    ("swf", "صندوق رفاه دانشجویان وزارت علوم، تحقیقات و فناوری", "organisation", "https://www.swf.ir"),
    ("saorg", "سازمان امور دانشجویان", "organisation", "https://www.saorg.ir"),
    ("irost", "سازمان پژوهش‌های علمی و صنعتی ایران", "organisation", "https://www.irost.ir"),
    ("irstm", "موزه ملی علوم و فناوری جمهوری اسلامی ایران", "organisation", ""),
    ("acecr", "جهاد دانشگاهی", "organisation", "https://www.acecr.ac.ir"),
    ("dres", "سازمان نوسازی، توسعه و تجهیز مدارس کشور", "organisation", "https://www.dres.ir"),
    ("literacy", "سازمان نهضت سوادآموزی", "organisation", ""),
    # -- roads, housing and transport ---------------------------------------
    ("rai", "شرکت راه‌آهن جمهوری اسلامی ایران", "company", "https://www.rai.ir"),
    ("cao", "سازمان هواپیمایی کشوری", "organisation", "https://www.cao.ir"),
    ("rmto", "سازمان راهداری و حمل و نقل جاده‌ای", "organisation", "https://www.rmto.ir"),
    ("pmo", "سازمان بنادر و دریانوردی", "organisation", "https://www.pmo.ir"),
    ("irimo", "سازمان هواشناسی کشور", "organisation", "https://www.irimo.ir"),
    ("ncc", "سازمان نقشه‌برداری کشور", "organisation", "https://www.ncc.gov.ir"),
    ("airports", "شرکت فرودگاه‌ها و ناوبری هوایی ایران", "company", "https://www.airport.ir"),
    ("nlho", "سازمان ملی زمین و مسکن", "organisation", "https://www.nlho.ir"),
    ("mojri", "سازمان مجری ساختمان‌ها و تأسیسات دولتی و عمومی", "organisation", ""),
    # -- energy, water and oil ------------------------------------------------
    ("tavanir", "شرکت مادرتخصصی توانیر", "company", "https://www.tavanir.org.ir"),
    ("abfa", "شرکت مهندسی آب و فاضلاب کشور", "company", "https://www.abfa.ir"),
    ("wrm", "شرکت مدیریت منابع آب ایران", "company", "https://www.wrm.ir"),
    ("satba", "سازمان انرژی‌های تجدیدپذیر و بهره‌وری انرژی برق (ساتبا)", "organisation", "https://www.satba.gov.ir"),
    ("tbtb", "شرکت توزیع نیروی برق تهران بزرگ", "company", "https://www.tbtb.ir"),
    ("tpww", "شرکت آب و فاضلاب استان تهران", "company", "https://www.tpww.ir"),
    ("nigc", "شرکت ملی گاز ایران", "company", "https://www.nigc.ir"),
    ("nioc", "شرکت ملی نفت ایران", "company", "https://www.nioc.ir"),
    ("niopdc", "شرکت ملی پخش فرآورده‌های نفتی ایران", "company", "https://www.niopdc.ir"),
    ("nipc", "شرکت ملی صنایع پتروشیمی", "company", "https://www.nipc.ir"),
    # -- ICT ------------------------------------------------------------------
    ("ito", "سازمان فناوری اطلاعات ایران", "organisation", "https://www.ito.gov.ir"),
    ("tic", "شرکت ارتباطات زیرساخت", "company", "https://www.tic.ir"),
    ("post", "شرکت ملی پست جمهوری اسلامی ایران", "company", "https://www.post.ir"),
    ("cra", "سازمان تنظیم مقررات و ارتباطات رادیویی", "organisation", "https://www.cra.ir"),
    ("isa", "سازمان فضایی ایران", "organisation", "https://www.isa.ir"),
    ("tci", "شرکت مخابرات ایران", "company", "https://www.tci.ir"),
    # -- industry, mine and trade --------------------------------------------
    ("tpo", "سازمان توسعه تجارت ایران", "organisation", "https://www.tpo.ir"),
    ("ecdc", "مرکز توسعه تجارت الکترونیکی", "organisation", "https://www.ecommerce.gov.ir"),
    ("cppo", "سازمان حمایت مصرف‌کنندگان و تولیدکنندگان", "organisation", "https://www.cppo.ir"),
    ("imidro", "سازمان توسعه و نوسازی معادن و صنایع معدنی ایران", "organisation", "https://www.imidro.gov.ir"),
    ("isipo", "سازمان صنایع کوچک و شهرک‌های صنعتی ایران", "organisation", "https://www.isipo.ir"),
    ("gsi", "سازمان زمین‌شناسی و اکتشافات معدنی کشور", "organisation", "https://www.gsi.ir"),
    ("incc", "مرکز ملی فرش ایران", "organisation", "https://www.incc.ir"),
    ("tazirat", "سازمان تعزیرات حکومتی", "organisation", "https://www.tazirat.gov.ir"),
    # -- judiciary ------------------------------------------------------------
    ("judiciary", "قوه قضاییه", "judiciary", "https://www.eadl.ir"),
    ("sabt", "سازمان ثبت اسناد و املاک کشور", "judiciary", "https://www.ssaa.ir"),
    ("prisons", "سازمان زندان‌ها و اقدامات تأمینی و تربیتی کشور", "judiciary", "https://www.prisons.ir"),
    ("lmo", "سازمان پزشکی قانونی کشور", "judiciary", "https://www.lmo.ir"),
    ("divan", "دیوان عدالت اداری", "judiciary", "https://www.divan-edalat.ir"),
    ("bazresi", "سازمان بازرسی کل کشور", "judiciary", "https://www.bazresi.ir"),
    ("adliran", "مرکز آمار، فناوری اطلاعات و ارتباطات قوه قضاییه", "judiciary", "https://www.adliran.ir"),
    # -- interior ---------------------------------------------------------------
    ("sabtahval", "سازمان ثبت احوال کشور", "organisation", "https://www.sabteahval.ir"),
    ("imo", "سازمان شهرداری‌ها و دهیاری‌های کشور", "organisation", "https://www.imo.org.ir"),
    ("ndmo", "سازمان مدیریت بحران کشور", "organisation", "https://www.ndmo.ir"),
    # -- police and armed forces ------------------------------------------------
    ("faraja", "فرماندهی انتظامی جمهوری اسلامی ایران", "military", "https://www.police.ir"),
    ("conscription", "سازمان وظیفه عمومی", "military", "https://www.vazifeh.police.ir"),
    ("rahvar", "پلیس راهور فراجا", "military", "https://www.rahvar120.ir"),
    ("fata", "پلیس فضای تولید و تبادل اطلاعات فراجا (فتا)", "military", "https://www.cyberpolice.ir"),
    # -- culture, pilgrimage, sport -----------------------------------------------
    ("hajj", "سازمان حج و زیارت", "organisation", "https://www.haj.ir"),
    ("awqaf", "سازمان اوقاف و امور خیریه", "organisation", "https://www.awqaf.ir"),
    ("cinema", "سازمان امور سینمایی و سمعی و بصری", "organisation", ""),
    ("youth", "معاونت امور جوانان وزارت ورزش و جوانان", "organisation", ""),
    # -- agriculture and natural resources -------------------------------------
    ("ivo", "سازمان دامپزشکی کشور", "organisation", "https://www.ivo.ir"),
    ("ppo", "سازمان حفظ نباتات کشور", "organisation", "https://www.ppo.ir"),
    ("frw", "سازمان منابع طبیعی و آبخیزداری کشور", "organisation", "https://www.frw.ir"),
    ("ashayer", "سازمان امور عشایر ایران", "organisation", "https://www.ashayer.ir"),
    ("shilat", "سازمان شیلات ایران", "organisation", "https://www.shilat.com"),
    ("gtc", "شرکت بازرگانی دولتی ایران", "company", "https://www.gtc.ir"),
    ("laoi", "سازمان امور اراضی کشور", "organisation", "https://www.laoi.ir"),
]

# Municipalities of the 31 provincial capitals: (code prefix, city, province, website).
_CAPITALS: list[tuple[str, str, str, str]] = [
    ("tehran", "تهران", "تهران", "https://www.tehran.ir"),
    ("mashhad", "مشهد", "خراسان رضوی", "https://www.mashhad.ir"),
    ("isfahan", "اصفهان", "اصفهان", "https://www.isfahan.ir"),
    ("shiraz", "شیراز", "فارس", "https://www.shiraz.ir"),
    ("tabriz", "تبریز", "آذربایجان شرقی", "https://www.tabriz.ir"),
    ("karaj", "کرج", "البرز", "https://www.karaj.ir"),
    ("ahvaz", "اهواز", "خوزستان", "https://www.ahvaz.ir"),
    ("qom", "قم", "قم", "https://www.qom.ir"),
    ("kermanshah", "کرمانشاه", "کرمانشاه", "https://www.kermanshah.ir"),
    ("urmia", "ارومیه", "آذربایجان غربی", "https://www.urmia.ir"),
    ("rasht", "رشت", "گیلان", "https://www.rasht.ir"),
    ("zahedan", "زاهدان", "سیستان و بلوچستان", "https://www.zahedan.ir"),
    ("hamedan", "همدان", "همدان", "https://www.hamedan.ir"),
    ("kerman", "کرمان", "کرمان", "https://www.kerman.ir"),
    ("yazd", "یزد", "یزد", "https://www.yazd.ir"),
    ("ardabil", "اردبیل", "اردبیل", "https://www.ardabil.ir"),
    ("bandar-abbas", "بندرعباس", "هرمزگان", "https://www.bandarabbas.ir"),
    ("arak", "اراک", "مرکزی", "https://www.arak.ir"),
    ("zanjan", "زنجان", "زنجان", "https://www.zanjan.ir"),
    ("sanandaj", "سنندج", "کردستان", "https://www.sanandaj.ir"),
    ("qazvin", "قزوین", "قزوین", "https://www.qazvin.ir"),
    ("khorramabad", "خرم‌آباد", "لرستان", "https://www.khorramabad.ir"),
    ("gorgan", "گرگان", "گلستان", "https://www.gorgan.ir"),
    ("sari", "ساری", "مازندران", "https://www.sari.ir"),
    ("birjand", "بیرجند", "خراسان جنوبی", "https://www.birjand.ir"),
    ("bojnurd", "بجنورد", "خراسان شمالی", "https://www.bojnourd.ir"),
    ("bushehr", "بوشهر", "بوشهر", "https://www.bushehr.ir"),
    ("ilam", "ایلام", "ایلام", "https://www.ilam.ir"),
    ("shahrekord", "شهرکرد", "چهارمحال و بختیاری", "https://www.shahrekord.ir"),
    ("yasuj", "یاسوج", "کهگیلویه و بویراحمد", "https://www.yasuj.ir"),
    ("semnan", "سمنان", "سمنان", "https://www.semnan.ir"),
]

MUNICIPALITY_CITIES: dict[str, str] = {f"{slug}-municipality": city for slug, city, _, _ in _CAPITALS}
# The agencies of one province (the rest serve the whole country).
_PROVINCE_OF: dict[str, str] = {
    "tpww": "تهران",
    "tbtb": "تهران",
    **{f"{slug}-municipality": province for slug, _, province, _ in _CAPITALS},
}

# Agencies that the sample always shows as connected (the demo's flagship
# services live there).  Sample data only -- not a statement of fact.
_ALWAYS_CONNECTED = (
    "faraja",
    "judiciary",
    "sabt",
    "sabtahval",
    "conscription",
    "tamin",
    "tax",
    "customs",
    "ict",
    "ito",
    "tavanir",
    "abfa",
    "tehran-municipality",
    "moi",
    "centinsur",
    "tpo",
    "postbank",
    "ihio",
    "hajj",
    "rahvar",
)

_FIRST_DAY = date(2021, 3, 21)  # 1 Farvardin 1400
_LAST_DAY = date(2025, 3, 20)  # 30 Esfand 1403
_SEED = 1401


def _window_url(website: str) -> str:
    return f"{website}/eservices" if website else ""


def _build() -> list[dict[str, Any]]:
    rows = list(_AGENCY_ROWS) + [
        (f"{slug}-municipality", f"شهرداری {city}", "municipality", site) for slug, city, _, site in _CAPITALS
    ]
    rng = random.Random(_SEED)  # noqa: S311 -- reproducible sample data, not security
    total = len(rows)
    n_connected = round(total * 0.55)
    n_launched = round(total * 0.30)
    pinned = [code for code, *_ in rows if code in _ALWAYS_CONNECTED]
    others = [code for code, *_ in rows if code not in _ALWAYS_CONNECTED]
    rng.shuffle(others)
    order = pinned + others
    status = {}
    for i, code in enumerate(order):
        if i < n_connected:
            status[code] = "connected"
        elif i < n_connected + n_launched:
            status[code] = "launched"
        else:
            status[code] = "not_started"

    span = (_LAST_DAY - _FIRST_DAY).days
    agencies = []
    for code, name, kind, website in rows:
        st = status[code]
        launched_on = connected_on = None
        if st != "not_started":
            # launch somewhere in the first three years, connect afterwards
            launched = _FIRST_DAY + timedelta(days=rng.randrange(0, span - 400))
            launched_on = launched.isoformat()
            if st == "connected":
                gap = rng.randrange(30, (_LAST_DAY - launched).days)
                connected_on = (launched + timedelta(days=gap)).isoformat()
        agencies.append(
            {
                "code": code,
                "name": name,
                "kind": kind,
                "website": website,
                "province": _PROVINCE_OF.get(code, ""),
                "window_status": st,
                "window_url": _window_url(website) if st != "not_started" else "",
                "launched_on": launched_on,
                "connected_on": connected_on,
            }
        )
    return agencies


AGENCIES: list[dict[str, Any]] = _build()

AGENCIES_BY_CODE: dict[str, dict[str, Any]] = {a["code"]: a for a in AGENCIES}
