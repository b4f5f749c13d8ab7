"""Sample data: the service subjects each agency offers, as plain tables.

SYNTHETIC SAMPLE DATA.  The subjects are real kinds of Iranian government
services (the names people know from my.gov.ir and the agencies' own single
windows), but which agency lists which variant, and everything the generator
derives from these tables, is made up for demos and tests.

A subject is a tuple ``(key, phrase, actions)`` or ``(key, phrase, actions,
audience)``:

* ``key``: an ASCII kebab fragment used to build the service code;
* ``phrase``: the Persian noun phrase («گذرنامه», «پروانه کسب»);
* ``actions``: space-separated keys of :data:`ACTIONS`; ``main`` means the
  phrase is already a complete service title;
* ``audience``: optional override of the audience ("G2C", "G2B", "G2B2C",
  "G2G"); otherwise it is inferred from the title.

:data:`SUBJECTS` maps an agency code to ``{category code: [subject, ...]}``.
Municipalities share :data:`MUNICIPAL_SUBJECTS`; state banks share
:data:`BANK_SUBJECTS`.
"""

from __future__ import annotations

# action key -> (code fragment, Persian title template)
ACTIONS: dict[str, tuple[str, str]] = {
    "main": ("", "{}"),
    "issue": ("issue", "صدور {}"),
    "renew": ("renewal", "تمدید {}"),
    "dup": ("duplicate", "صدور {} المثنی"),
    "cancel": ("cancellation", "ابطال {}"),
    "inquiry": ("inquiry", "استعلام {}"),
    "track": ("tracking", "پیگیری وضعیت {}"),
    "request": ("request", "درخواست {}"),
    "register": ("registration", "ثبت‌نام {}"),
    "record": ("record", "ثبت {}"),
    "change": ("change", "تغییر {}"),
    "amend": ("correction", "اصلاح {}"),
    "transfer": ("transfer", "انتقال {}"),
    "pay": ("payment", "پرداخت {}"),
    "object": ("objection", "اعتراض به {}"),
    "verify": ("verification", "استعلام اصالت {}"),
    "inspect": ("inspection", "بازدید کارشناسی {}"),
    "refund": ("refund", "استرداد {}"),
    "get": ("receipt", "دریافت {}"),
    "replace": ("replacement", "تعویض {}"),
    "upgrade": ("upgrade", "ارتقای {}"),
    "remove": ("removal", "جمع‌آوری {}"),
    "move": ("relocation", "جابه‌جایی {}"),
    "install": ("installation", "نصب {}"),
    "settle": ("settlement", "تسویه {}"),
}

# Generic services almost every agency offers, most common first, as (key,
# phrase, category, audience); an empty category means the agency's main one.  Their titles
# always carry the agency name, e.g.
# «ثبت و پیگیری شکایات، انتقادات و پیشنهادات (بانک سپه)».
GENERIC_SUBJECTS: list[tuple[str, str, str, str]] = [
    ("complaints", "ثبت و پیگیری شکایات، انتقادات و پیشنهادات", "civic-participation", "G2C"),
    ("public-meeting", "نوبت‌دهی ملاقات مردمی با مدیران", "civic-participation", "G2C"),
    ("foia", "درخواست دسترسی آزاد به اطلاعات", "civic-participation", "G2C"),
    ("recruitment", "ثبت‌نام آزمون استخدامی", "employment-pension", "G2C"),
    ("letter-verification", "استعلام اصالت نامه‌ها و گواهی‌های صادره", "", "G2C"),
    ("tenders", "ثبت‌نام در مناقصه‌ها و مزایده‌ها", "business-permits", "G2B"),
    ("suppliers", "ثبت‌نام و ارزیابی تأمین‌کنندگان کالا و خدمات", "business-permits", "G2B"),
    ("employment-record", "صدور گواهی سوابق خدمت کارکنان", "employment-pension", "G2C"),
    ("internship", "ثبت‌نام کارآموزی دانشجویان", "education", "G2C"),
    ("research-support", "حمایت از پایان‌نامه‌ها و طرح‌های پژوهشی", "education", "G2C"),
]
# How many generic services come before the agency's provincial offices.
GENERIC_FIRST = 4

MUNICIPAL_SUBJECTS: dict[str, list[tuple[str, ...]]] = {
    "municipal": [
        ("urban-problem-report", "گزارش مشکلات شهری (۱۳۷)", "main"),
        ("renewal-levy", "عوارض نوسازی و عمران شهری", "pay"),
        ("car-levy", "عوارض سالیانه خودرو", "pay inquiry"),
        ("trade-levy", "عوارض کسب و پیشه", "pay"),
        ("waste-levy", "عوارض پسماند", "pay object"),
        ("transfer-clearance", "مفاصاحساب نقل و انتقال ملک", "issue"),
        ("levy-commission", "اعتراض به عوارض در کمیسیون ماده ۷۷", "main"),
        ("excavation-permit", "مجوز حفاری معابر", "issue", "G2B"),
        ("tree-cutting", "مجوز قطع درختان", "issue"),
        ("billboard", "مجوز نصب تابلوی تبلیغاتی", "issue renew", "G2B"),
        ("traffic-zone", "مجوز تردد در محدوده طرح ترافیک", "issue"),
        ("metro-card", "کارت بلیت الکترونیک حمل و نقل عمومی", "issue"),
        ("taxi-licence", "پروانه تاکسیرانی", "issue renew"),
        ("technical-inspection", "معاینه فنی خودرو", "main"),
        ("fire-safety", "گواهی ایمنی ساختمان از آتش‌نشانی", "issue"),
        ("fire-visit", "بازدید ایمنی آتش‌نشانی از اماکن", "request"),
        ("burial", "خدمات تدفین در آرامستان", "request"),
        ("market-booth", "اجاره غرفه در بازارهای روز", "request"),
        ("recycling", "جمع‌آوری پسماند خشک", "request"),
        ("pest-control", "سم‌پاشی و مبارزه با جانوران موذی", "request"),
        ("recycling-booth", "تحویل پسماند خشک در غرفه‌های بازیافت", "main"),
        ("citizen-card", "کارت شهروندی", "issue"),
        ("sidewalk", "اصلاح و بازسازی پیاده‌رو", "request"),
    ],
    "housing-construction": [
        ("building-permit", "پروانه ساختمانی", "issue renew amend dup"),
        ("completion", "گواهی پایان کار ساختمان", "issue dup"),
        ("no-violation", "گواهی عدم خلاف ساختمان", "issue"),
        ("demolition", "مجوز تخریب و نوسازی ساختمان", "issue"),
        ("article-100", "اعتراض به رأی کمیسیون ماده ۱۰۰", "main"),
        ("zoning", "اطلاعات ملک (دستور نقشه)", "inquiry"),
        ("land-use", "تغییر کاربری ملک", "request"),
        ("scaffolding", "مجوز نصب داربست و اشغال معبر", "issue"),
        ("old-fabric", "تسهیلات نوسازی بافت فرسوده", "request"),
    ],
}

BANK_SUBJECTS: dict[str, list[tuple[str, ...]]] = {
    "finance-banking": [
        ("online-account", "افتتاح حساب برخط", "main"),
        ("bank-card", "کارت بانکی", "issue dup"),
        ("chequebook", "دسته‌چک صیادی", "request"),
        ("marriage-loan", "تسهیلات قرض‌الحسنه ازدواج", "register"),
        ("childbirth-loan", "تسهیلات قرض‌الحسنه فرزندآوری", "register"),
        ("loan-instalment", "اقساط تسهیلات", "pay"),
        ("guarantee", "ضمانت‌نامه بانکی", "issue", "G2B"),
        ("loan-status", "وضعیت تسهیلات و تعهدات", "inquiry"),
        ("second-password", "رمز دوم پویا", "get"),
        ("guarantor", "ضمانت وام به‌صورت الکترونیکی", "main"),
    ],
}

SUBJECTS: dict[str, dict[str, list[tuple[str, ...]]]] = {
    # ------------------------------------------------------------------ moi
    "moi": {
        "civic-participation": [
            ("ngo-licence", "پروانه فعالیت سازمان‌های مردم‌نهاد", "issue renew amend cancel"),
            ("ngo-changes", "تغییرات اساسنامه و هیئت‌مدیره سازمان‌های مردم‌نهاد", "record"),
            ("party-licence", "پروانه فعالیت احزاب و تشکل‌های سیاسی", "issue renew"),
            ("party-congress", "مجوز برگزاری کنگره احزاب", "request"),
            ("assembly", "مجوز برگزاری راهپیمایی و تجمعات", "request"),
            ("political-meeting", "مجوز برگزاری همایش‌های سیاسی", "request"),
            ("council-candidacy", "ثبت‌نام داوطلبان انتخابات شوراهای اسلامی شهر و روستا", "main"),
            ("majlis-candidacy", "ثبت‌نام داوطلبان انتخابات مجلس شورای اسلامی", "main"),
            ("election-staff", "ثبت‌نام عوامل اجرایی و ناظران انتخابات", "main"),
            ("polling-station", "محل شعب اخذ رأی", "inquiry"),
            ("election-complaint", "ثبت شکایت انتخاباتی", "main"),
            ("samad", "ثبت درخواست در سامانه ارتباط مردم و دولت (سامد)", "main"),
            ("governor-meeting", "نوبت‌دهی ملاقات مردمی با استاندار و فرماندار", "main"),
            ("omid", "ثبت‌نام در سکوی خدمات شهروندان (سامانه امید)", "main"),
            ("social-harm", "گزارش آسیب‌های اجتماعی محله", "record"),
            ("religious-groups", "مجوز فعالیت تشکل‌های دینی", "issue renew"),
        ],
        "identity-documents": [
            ("amayesh", "کارت آمایش اتباع خارجی", "issue renew dup"),
            ("travel-slip", "برگ تردد اتباع خارجی", "issue renew"),
            ("foreign-marriage", "پروانه زناشویی بانوان ایرانی با اتباع خارجی", "issue"),
            ("foreign-school", "مجوز تحصیل فرزندان اتباع خارجی", "issue"),
            ("foreign-census", "ثبت اطلاعات اتباع خارجی در طرح سرشماری", "main"),
            ("foreign-exit", "برگ خروج قطعی اتباع خارجی", "issue"),
            ("foreign-residence", "گواهی اقامت اتباع خارجی", "issue"),
        ],
        "business-permits": [
            ("peddler-card", "کارت پیله‌وری مرزنشینان", "issue renew dup"),
            ("border-card", "کارت مبادلات مرزی", "issue renew"),
            ("border-coop", "ثبت تعاونی مرزنشینان", "main"),
            ("border-market", "مجوز فعالیت در بازارچه‌های مرزی", "issue renew", "G2B"),
        ],
        "municipal": [
            ("dehyari", "مجوز تأسیس دهیاری", "issue", "G2G"),
            ("city-status", "ارتقای روستا به شهر", "request", "G2G"),
            ("council-resolution", "شکایت از مصوبات شوراهای اسلامی شهر", "record"),
            ("fares", "تصویب نرخ کرایه حمل و نقل عمومی درون‌شهری", "main", "G2G"),
        ],
        "welfare-support": [
            ("disaster-aid", "جبران خسارت حوادث غیرمترقبه", "request"),
        ],
    },
    # -------------------------------------------------------- police (faraja)
    "faraja": {
        "travel-pilgrimage": [
            ("passport", "گذرنامه", "issue renew dup cancel track"),
            ("arbaeen-passport", "گذرنامه زیارتی اربعین", "issue"),
            ("spouse-consent", "اذن خروج از کشور همسر", "record cancel"),
            ("minor-exit", "اجازه خروج فرزندان زیر ۱۸ سال از کشور", "record"),
        ],
        "vehicles-driving": [
            ("driving-licence", "گواهینامه رانندگی", "issue renew dup"),
            ("intl-licence", "گواهینامه بین‌المللی رانندگی", "issue renew"),
            ("motorcycle-licence", "گواهینامه موتورسیکلت", "issue renew dup"),
            ("licence-points", "نمره منفی گواهینامه رانندگی", "inquiry"),
            ("practical-test", "آزمون عملی گواهینامه رانندگی", "register"),
            ("theory-test", "آزمون آیین‌نامه رانندگی", "register"),
        ],
        "identity-documents": [
            ("lost-docs", "گزارش مفقودی اسناد و مدارک", "record"),
            ("biometrics", "انگشت‌نگاری و ثبت اطلاعات بیومتریک", "main"),
            ("lost-docs-cert", "گواهی مفقودی مدارک", "issue"),
            ("residence-permit", "پروانه اقامت اتباع خارجی", "issue renew cancel"),
            ("exit-reentry", "روادید خروج و بازگشت اتباع خارجی", "issue"),
        ],
        "judiciary-legal": [
            ("theft-report", "گزارش سرقت", "record"),
            ("police-complaint", "شکایت در کلانتری", "record"),
            ("missing-person", "گزارش مفقودی افراد", "record"),
            ("police-case", "پرونده‌های انتظامی", "track"),
        ],
        "business-permits": [
            ("public-places", "گواهی تأیید صلاحیت اماکن عمومی", "issue renew"),
            ("security-firm", "مجوز مؤسسات خدمات حفاظتی و مراقبتی", "issue renew", "G2B"),
            ("hunting-weapon", "پروانه حمل سلاح شکاری", "issue renew transfer dup"),
            ("gun-shop", "پروانه فروشگاه سلاح و مهمات شکاری", "issue renew", "G2B"),
            ("staff-clearance", "گواهی تأیید صلاحیت کارکنان اماکن عمومی", "issue"),
        ],
    },
    "rahvar": {
        "vehicles-driving": [
            ("car-fines", "خلافی خودرو", "inquiry"),
            ("fines", "جریمه‌های رانندگی", "pay object"),
            ("motorcycle-fines", "خلافی موتورسیکلت", "inquiry"),
            ("plate", "پلاک خودرو", "issue replace"),
            ("plate-release", "فک پلاک خودرو", "main"),
            ("my-plates", "پلاک‌های فعال به نام من", "inquiry"),
            ("vehicle-card", "کارت خودرو", "dup"),
            ("vehicle-transfer", "نقل و انتقال مالکیت خودرو", "main"),
            ("motorcycle-plate", "پلاک موتورسیکلت", "issue replace"),
            ("motorcycle-transfer", "نقل و انتقال مالکیت موتورسیکلت", "main"),
            ("impound-release", "رفع توقیف خودرو", "request"),
            ("crash-report", "گزارش کروکی تصادفات", "get"),
            ("e-crash", "کروکی الکترونیکی تصادفات جزئی", "record"),
            ("crash-expert", "کارشناسی تصادفات در محل", "request"),
            ("vehicle-docs", "وضعیت سند و کارت خودرو", "inquiry"),
            ("colour-change", "تغییر رنگ خودرو", "main"),
            ("engine-change", "تعویض موتور خودرو", "main"),
            ("heavy-vehicle-permit", "مجوز تردد خودروهای سنگین در معابر شهری", "issue", "G2B"),
            ("escort", "اسکورت محموله‌های ترافیکی", "request", "G2B"),
        ],
    },
    "fata": {
        "judiciary-legal": [
            ("cybercrime", "گزارش جرائم سایبری", "record"),
            ("online-fraud", "گزارش کلاهبرداری اینترنتی", "record"),
            ("cyber-advice", "مشاوره امنیت فضای مجازی", "request"),
            ("cyber-case", "پرونده جرائم رایانه‌ای", "track"),
        ],
    },
    "conscription": {
        "military-service": [
            ("study-exemption", "معافیت تحصیلی", "main renew cancel"),
            ("end-of-service-card", "کارت پایان خدمت", "issue dup"),
            ("exemption-card", "کارت معافیت دائم", "issue dup"),
            ("sponsorship-exemption", "معافیت کفالت", "request"),
            ("medical-exemption", "معافیت پزشکی", "request"),
            ("medical-exam", "معاینه پزشکی مشمولان", "main"),
            ("exit-permit", "مجوز خروج از کشور مشمولان", "issue"),
            ("exit-bail", "سپرده‌گذاری وثیقه خروج از کشور مشمولان", "main"),
            ("dispatch", "اعزام به خدمت", "request"),
            ("ready-slip", "برگ آماده به خدمت", "issue"),
            ("service-reduction", "کسری خدمت", "request"),
            ("amriyeh", "امریه سربازی", "request"),
            ("post-transfer", "انتقال محل خدمت سربازی", "request"),
            ("status", "وضعیت نظام وظیفه", "inquiry"),
            ("absence-pardon", "بخشودگی اضافه خدمت غیبت", "request"),
            ("absentee-status", "تعیین وضعیت مشمولان غایب", "main"),
            ("elite-service", "ثبت‌نام در طرح سربازی نخبگان", "main"),
            ("service-cert", "گواهی اشتغال به خدمت سربازان", "issue"),
        ],
    },
    # ------------------------------------------------------------- judiciary
    "judiciary": {
        "judiciary-legal": [
            ("criminal-record", "گواهی عدم سوء پیشینه", "main"),
            ("criminal-record-abroad", "گواهی عدم سوء پیشینه برای ارائه به خارج از کشور", "request"),
            ("sana", "ثبت‌نام در سامانه ثنا", "main"),
            ("e-petition", "دادخواست الکترونیکی", "record"),
            ("complaint", "شکواییه", "record"),
            ("e-notice", "ابلاغیه‌های الکترونیکی", "get"),
            ("case", "پرونده قضایی", "track"),
            ("inheritance", "گواهی انحصار وراثت", "request"),
            ("appeal", "تجدیدنظرخواهی از آرای قضایی", "record"),
            ("retrial", "اعاده دادرسی", "request"),
            ("court-fee", "هزینه دادرسی", "pay refund"),
            ("enforcement", "اجرای احکام مدنی", "track"),
            ("exit-ban", "ممنوع‌الخروجی", "inquiry"),
            ("exit-ban-lift", "رفع ممنوع‌الخروجی", "request"),
            ("online-hearing", "شرکت در جلسه دادرسی برخط", "main"),
            ("dispute-council", "دعوا در شورای حل اختلاف", "record"),
            ("reconciliation", "صلح و سازش", "request"),
            ("expert", "ارجاع به کارشناس رسمی دادگستری", "request"),
            ("bail", "وثیقه الکترونیکی", "record"),
            ("lawyer-licence", "پروانه وکالت", "issue renew"),
            ("judgment", "رأی قضایی", "get verify"),
            ("judge-meeting", "ملاقات با مسئولان قضایی", "request"),
        ],
    },
    "prisons": {
        "judiciary-legal": [
            ("visit", "نوبت‌دهی ملاقات زندانیان", "main"),
            ("leave", "مرخصی زندانیان", "request"),
            ("parole", "آزادی مشروط", "request"),
            ("e-monitoring", "نظارت الکترونیکی (پابند الکترونیکی)", "request"),
            ("deposit", "واریز وجه به حساب زندانیان", "main"),
            ("prisoner-status", "وضعیت زندانیان", "inquiry"),
        ],
    },
    "lmo": {
        "judiciary-legal": [
            ("appointment", "نوبت‌دهی معاینات پزشکی قانونی", "main"),
            ("certificate", "گواهی پزشکی قانونی", "issue"),
            ("body-release", "مجوز دفن و تحویل متوفی", "issue"),
            ("dna", "آزمایش تعیین هویت ژنتیکی", "request"),
            ("commission", "کمیسیون پزشکی قانونی", "request"),
        ],
    },
    "divan": {
        "judiciary-legal": [
            ("petition", "دادخواست دیوان عدالت اداری", "record"),
            ("case", "پرونده دیوان عدالت اداری", "track"),
            ("rulings", "آرای هیئت عمومی دیوان عدالت اداری", "inquiry"),
            ("halt", "دستور موقت دیوان عدالت اداری", "request"),
        ],
    },
    "bazresi": {
        "civic-participation": [
            ("corruption", "گزارش تخلف و فساد اداری", "record"),
            ("agency-complaint", "شکایت از دستگاه‌های اجرایی", "record"),
            ("complaint-status", "شکایات مردمی در سازمان بازرسی", "track"),
        ],
    },
    "adliran": {
        "judiciary-legal": [
            ("sana-id", "شناسه یکتای ثنا", "get"),
            ("e-offices", "دفاتر خدمات الکترونیک قضایی", "inquiry"),
            ("e-signature", "گواهی امضای الکترونیکی قضایی", "issue renew"),
            ("e-office-licence", "مجوز دفتر خدمات الکترونیک قضایی", "issue renew", "G2B"),
        ],
    },
    "justice": {
        "judiciary-legal": [
            ("official-translator", "پروانه مترجم رسمی", "issue renew"),
            ("translation-verify", "ترجمه رسمی اسناد", "verify"),
            ("expert-licence", "پروانه کارشناس رسمی دادگستری", "issue renew"),
            ("legal-aid", "معاضدت قضایی", "request"),
            ("mediation", "میانجیگری در امور کیفری", "request"),
            ("foreign-judgment", "اجرای احکام دادگاه‌های خارجی", "request"),
            ("notary-exam", "آزمون سردفتری اسناد رسمی", "register"),
        ],
    },
    "sabt": {
        "housing-construction": [
            ("ownership-certificate", "گواهی مالکیت ملک", "main"),
            ("title-deed", "سند مالکیت تک‌برگ", "issue dup"),
            ("property-status", "وضعیت ثبتی ملک", "inquiry"),
            ("my-properties", "املاک من", "inquiry"),
            ("subdivision", "تفکیک ملک", "request"),
            ("partition", "افراز ملک", "request"),
            ("mortgage", "سند رهنی", "record"),
            ("mortgage-release", "فک رهن ملک", "main"),
            ("pre-sale", "ثبت قرارداد پیش‌فروش ساختمان", "main"),
            ("deed-transfer", "نقل و انتقال رسمی ملک", "main"),
        ],
        "business-permits": [
            ("llc", "ثبت تأسیس شرکت با مسئولیت محدود", "main"),
            ("private-joint-stock", "ثبت تأسیس شرکت سهامی خاص", "main"),
            ("nonprofit", "ثبت مؤسسه غیرتجاری", "main"),
            ("company-changes", "تغییرات شرکت‌ها", "record"),
            ("dissolution", "انحلال شرکت", "record"),
            ("company-name", "پیشنهاد و رزرو نام شرکت", "main"),
            ("trademark", "علامت تجاری", "record renew transfer"),
            ("patent", "ثبت اختراع", "main"),
            ("patent-renewal", "تمدید اعتبار گواهینامه اختراع", "main"),
            ("industrial-design", "ثبت طرح صنعتی", "main"),
            ("geo-indication", "ثبت نشان جغرافیایی", "main"),
        ],
        "judiciary-legal": [
            ("dowry-writ", "اجراییه مهریه", "issue"),
            ("deed-enforcement", "پرونده اجرای اسناد رسمی", "track"),
            ("power-of-attorney", "وکالت‌نامه رسمی", "verify cancel"),
            ("official-notice", "اظهارنامه رسمی", "record"),
            ("marriage-registration", "ثبت ازدواج دائم", "main"),
            ("divorce-registration", "ثبت طلاق", "main"),
            ("notary-licence", "پروانه دفترخانه اسناد رسمی", "issue renew", "G2B"),
            ("deed-verify", "سند رسمی", "verify"),
        ],
    },
    # ------------------------------------------------------------- identity
    "sabtahval": {
        "identity-documents": [
            ("birth-certificate", "شناسنامه", "issue dup replace"),
            ("certificate-entries", "مندرجات شناسنامه", "amend"),
            ("birth-registration", "ثبت ولادت", "main"),
            ("birth-abroad", "ثبت ولادت ایرانیان خارج از کشور", "main"),
            ("id-card", "کارت هوشمند ملی", "issue dup track"),
            ("death-registration", "ثبت واقعه فوت", "main"),
            ("death-certificate", "گواهی فوت", "issue"),
            ("name-change", "تغییر نام و نام خانوادگی", "main"),
            ("marriage-event", "ثبت واقعه ازدواج در شناسنامه", "main"),
            ("divorce-event", "ثبت واقعه طلاق در شناسنامه", "main"),
            ("birth-date", "تصحیح تاریخ تولد", "main"),
            ("national-code", "کد ملی", "inquiry"),
            ("id-biometrics", "ثبت اطلاعات بیومتریک کارت هوشمند ملی", "main"),
            ("civil-record", "سوابق سجلی", "inquiry"),
            ("identity-inquiry", "استعلام اطلاعات هویتی برای دستگاه‌های اجرایی", "main", "G2G"),
            ("mother-nationality", "تعیین تکلیف تابعیت فرزندان حاصل از ازدواج زنان ایرانی با مردان خارجی", "request"),
        ],
    },
    "mfa": {
        "travel-pilgrimage": [
            ("visa", "روادید ورود اتباع خارجی", "issue renew"),
            ("e-visa", "روادید الکترونیکی", "request track"),
            ("mikhak", "ثبت‌نام در سامانه خدمات کنسولی (میخک)", "main"),
            ("abroad-passport", "گذرنامه ایرانیان مقیم خارج از کشور", "issue renew"),
            ("laissez-passer", "برگ عبور", "issue"),
        ],
        "judiciary-legal": [
            ("doc-legalisation", "تأیید اسناد و مدارک برای ارائه به خارج از کشور", "main"),
            ("consular-poa", "وکالت‌نامه کنسولی", "record verify"),
            ("translation-approval", "تأیید ترجمه رسمی اسناد", "main"),
        ],
        "identity-documents": [
            ("consular-birth", "ثبت ولادت در نمایندگی‌های خارج از کشور", "main"),
            ("consular-marriage", "ثبت ازدواج در نمایندگی‌های خارج از کشور", "main"),
            ("life-certificate", "گواهی حیات ایرانیان مقیم خارج", "issue"),
            ("nationality-cert", "گواهی تابعیت", "issue"),
        ],
    },
    # ----------------------------------------------------------------- ICT
    "ict": {
        "utilities": [
            ("sim-card-ownership", "استعلام سیم‌کارت‌های به نام من", "main"),
            ("operator-complaint", "شکایت از اپراتورهای ارتباطی", "record"),
            ("rural-internet", "درخواست اینترنت پرسرعت روستایی", "main"),
            ("hamta", "ثبت گوشی تلفن همراه در سامانه همتا", "main"),
            ("phone-unblock", "رفع انسداد گوشی تلفن همراه", "request"),
            ("stolen-phone", "مسدودسازی گوشی سرقتی", "request"),
        ],
        "business-permits": [
            ("informatics-rank", "رتبه شورای عالی انفورماتیک", "request renew", "G2B"),
            ("ict-licence", "پروانه فعالیت در حوزه فناوری اطلاعات و ارتباطات", "issue renew", "G2B"),
            ("startup-support", "ثبت‌نام در طرح حمایت از استارت‌آپ‌ها", "main", "G2B"),
        ],
    },
    "ito": {
        "civic-participation": [
            ("my-gov-login", "احراز هویت در پنجره ملی خدمات دولت هوشمند", "main"),
            ("gsb", "اتصال دستگاه‌های اجرایی به شبکه ملی تبادل اطلاعات", "request", "G2G"),
            ("service-profile", "ثبت شناسنامه خدمات دستگاه‌های اجرایی", "main", "G2G"),
            ("evaluation", "ارزیابی خدمات الکترونیکی دستگاه‌های اجرایی", "main", "G2G"),
            ("data-access", "دسترسی دستگاه‌های اجرایی به داده‌های پایه", "request", "G2G"),
        ],
        "business-permits": [
            ("e-signature", "گواهی امضای دیجیتال", "issue renew cancel"),
            ("security-lab", "تأییدیه امنیتی محصولات فاوا", "request", "G2B"),
        ],
    },
    "tic": {
        "utilities": [
            ("bandwidth", "اجاره پهنای باند بین‌الملل", "request", "G2B"),
            ("colocation", "خدمات هم‌مکانی و میزبانی مرکز داده", "request", "G2B"),
            ("transit", "خدمات ترانزیت ارتباطی", "request", "G2B"),
            ("dc-registration", "ثبت مرکز داده", "main", "G2B"),
        ],
    },
    "post": {
        "utilities": [
            ("parcel", "مرسوله پستی", "track"),
            ("send-parcel", "ارسال مرسوله پستی", "main"),
            ("postcode", "کد پستی", "inquiry"),
            ("postcode-cert", "گواهی کد پستی", "issue"),
            ("po-box", "اجاره صندوق پستی", "main renew"),
            ("lost-found", "مدارک گمشده در پست یافته‌ها", "inquiry"),
            ("e-parcel", "ارسال مدارک و اسناد دولتی با پست", "main"),
        ],
    },
    "cra": {
        "utilities": [
            ("radio-licence", "پروانه ارتباطات رادیویی", "issue renew"),
            ("type-approval", "تأییدیه نمونه تجهیزات ارتباطی", "issue", "G2B"),
            ("subscriber-complaint", "شکایت مشترکان اپراتورهای ارتباطی", "record"),
            ("isp-licence", "پروانه ارائه خدمات اینترنت", "issue renew", "G2B"),
            ("amateur-radio", "پروانه رادیو آماتوری", "issue renew"),
        ],
    },
    "isa": {
        "business-permits": [
            ("space-licence", "مجوز فعالیت در حوزه فضایی", "issue", "G2B"),
            ("satellite-data", "داده‌ها و تصاویر ماهواره‌ای", "request"),
            ("space-startups", "حمایت از شرکت‌های فناور فضایی", "request", "G2B"),
        ],
    },
    "tci": {
        "utilities": [
            ("landline", "واگذاری خط تلفن ثابت", "request"),
            ("landline-transfer", "انتقال خط تلفن ثابت", "request"),
            ("landline-bill", "قبض تلفن ثابت", "pay inquiry"),
            ("adsl", "درخواست اینترنت پرسرعت خانگی", "main"),
            ("owner-change", "تغییر نام مالک خط تلفن ثابت", "main"),
            ("line-fault", "گزارش خرابی خط تلفن ثابت", "record"),
            ("ftth", "درخواست اینترنت فیبر نوری (FTTH)", "main"),
        ],
    },
    # -------------------------------------------------------------- energy
    "moe": {
        "utilities": [
            ("water-licence", "پروانه بهره‌برداری از منابع آب", "issue renew"),
            ("contractor-rank", "تشخیص صلاحیت پیمانکاران صنعت آب و برق", "request", "G2B"),
            ("water-ngo", "ثبت تشکل‌های آب‌بران", "main"),
            ("energy-audit", "ممیزی انرژی ساختمان‌ها", "request"),
        ],
    },
    "tavanir": {
        "utilities": [
            ("electricity-connection", "درخواست انشعاب برق", "main"),
            ("power-increase", "افزایش قدرت انشعاب برق", "request"),
            ("owner-change", "تغییر نام مشترک برق", "main"),
            ("meter-move", "کنتور برق", "move install replace"),
            ("temporary-cut", "قطع موقت انشعاب برق", "request"),
            ("bill", "قبض برق", "pay inquiry dup"),
            ("outage", "گزارش قطعی برق (۱۲۱)", "main"),
            ("meter-split", "تفکیک کنتور برق", "request"),
            ("well-electrification", "برق‌رسانی به چاه کشاورزی", "request"),
            ("tariff-change", "تغییر تعرفه برق", "request"),
            ("connection-removal", "انشعاب برق", "remove"),
            ("blackout-schedule", "جدول خاموشی‌های برنامه‌ریزی‌شده", "inquiry"),
            ("bill-objection", "صورتحساب برق", "object"),
        ],
    },
    "tbtb": {
        "utilities": [
            ("tehran-connection", "انشعاب برق در تهران بزرگ", "request"),
            ("smart-meter", "کنتور هوشمند برق", "install"),
            ("street-lights", "گزارش خرابی روشنایی معابر", "record"),
        ],
    },
    "satba": {
        "utilities": [
            ("home-solar", "ثبت‌نام نیروگاه خورشیدی خانگی", "main"),
            ("renewable-ppa", "انعقاد قرارداد خرید تضمینی برق تجدیدپذیر", "main", "G2B"),
            ("renewable-licence", "مجوز احداث نیروگاه تجدیدپذیر", "issue", "G2B"),
        ],
    },
    "abfa": {
        "utilities": [
            ("water-connection", "درخواست انشعاب آب", "main"),
            ("sewer-connection", "درخواست انشعاب فاضلاب", "main"),
            ("owner-change", "تغییر نام مشترک آب", "main"),
            ("bill", "قبض آب", "pay inquiry"),
            ("leak", "اعلام حوادث و نشت آب (۱۲۲)", "main"),
            ("split", "تفکیک انشعاب آب", "request"),
            ("diameter", "افزایش قطر انشعاب آب", "request"),
            ("removal", "انشعاب آب", "remove"),
            ("bill-objection", "صورتحساب آب", "object"),
            ("meter", "کنتور آب", "replace move"),
            ("tanker", "درخواست آب‌رسانی سیار", "main"),
            ("water-test", "آزمایش کیفیت آب", "request"),
        ],
    },
    "tpww": {
        "utilities": [
            ("tehran-water", "انشعاب آب در استان تهران", "request"),
            ("water-quality", "گزارش کیفیت آب شرب", "record"),
            ("tehran-sewer", "انشعاب فاضلاب در استان تهران", "request"),
        ],
    },
    "wrm": {
        "utilities": [
            ("well-permit", "مجوز حفر چاه", "issue"),
            ("well-licence", "پروانه بهره‌برداری از چاه", "issue renew transfer"),
            ("water-allocation", "تخصیص آب", "request", "G2B"),
            ("river-permit", "مجوز برداشت آب از رودخانه", "issue"),
            ("smart-meter", "کنتور هوشمند چاه‌های کشاورزی", "install"),
            ("riverbed", "استعلام حریم و بستر رودخانه", "main"),
        ],
    },
    # ----------------------------------------------------------------- oil
    "mop": {
        "utilities": [
            ("fuel-quota", "سهمیه سوخت", "inquiry"),
            ("kerosene", "سهمیه نفت سفید و گاز مایع", "request"),
            ("oil-contractors", "ثبت‌نام پیمانکاران صنعت نفت", "main", "G2B"),
            ("oil-recruitment", "آزمون استخدامی صنعت نفت", "register"),
        ],
    },
    "nigc": {
        "utilities": [
            ("gas-connection", "درخواست انشعاب گاز", "main"),
            ("bill", "قبض گاز", "pay inquiry"),
            ("owner-change", "تغییر نام مشترک گاز", "main"),
            ("leak", "گزارش نشت گاز (۱۹۴)", "main"),
            ("piping-inspection", "بازرسی لوله‌کشی گاز ساختمان", "request"),
            ("capacity", "افزایش ظرفیت کنتور گاز", "request"),
            ("meter", "کنتور گاز", "move"),
            ("installer-licence", "پروانه صلاحیت مجریان لوله‌کشی گاز", "issue renew"),
            ("industrial-gas", "گازرسانی به واحدهای صنعتی", "request", "G2B"),
            ("bill-objection", "صورتحساب گاز", "object"),
        ],
    },
    "nioc": {
        "business-permits": [
            ("vendor-list", "ثبت‌نام سازندگان داخلی کالای صنعت نفت", "main", "G2B"),
            ("data-request", "داده‌های اکتشافی نفت و گاز", "request", "G2B"),
            ("land-compensation", "غرامت اراضی واقع در مسیر خطوط لوله", "request"),
        ],
    },
    "niopdc": {
        "vehicles-driving": [
            ("fuel-card", "کارت سوخت", "issue dup"),
            ("fleet-fuel", "سهمیه سوخت ناوگان حمل و نقل", "request", "G2B"),
            ("station", "مجوز احداث جایگاه سوخت", "issue", "G2B"),
            ("cng-station", "مجوز احداث جایگاه سی‌ان‌جی", "issue", "G2B"),
            ("ashayer-fuel", "سهمیه سوخت عشایر و روستاییان", "request"),
        ],
    },
    "nipc": {
        "business-permits": [
            ("feedstock", "تخصیص خوراک واحدهای پتروشیمی", "request", "G2B"),
            ("downstream", "مجوز طرح‌های پایین‌دستی پتروشیمی", "issue", "G2B"),
            ("product-allocation", "سهمیه مواد پتروشیمی صنایع تکمیلی", "request", "G2B"),
        ],
    },
    # ------------------------------------------------------------- economy
    "mefa": {
        "finance-banking": [
            ("edalat-shares", "سهام عدالت", "inquiry"),
            ("edalat-release", "آزادسازی سهام عدالت", "main"),
            ("edalat-inheritance", "انتقال سهام عدالت متوفیان به وراث", "main"),
            ("licence-portal", "ثبت درخواست در درگاه ملی مجوزهای کشور", "main", "G2B"),
            ("business-climate", "شکایت از مقررات مزاحم کسب‌وکار", "record", "G2B"),
            ("state-property", "ثبت‌نام در مزایده اموال مازاد دولتی", "main"),
        ],
    },
    "tax": {
        "tax-customs": [
            ("vat-registration", "ثبت‌نام در نظام مالیات بر ارزش افزوده", "main"),
            ("business-return", "ارسال اظهارنامه مالیات بر درآمد مشاغل", "main"),
            ("corporate-return", "ارسال اظهارنامه مالیات عملکرد اشخاص حقوقی", "main", "G2B"),
            ("inheritance-return", "ارسال اظهارنامه مالیات بر ارث", "main"),
            ("rent-return", "ارسال اظهارنامه مالیات بر درآمد اجاره املاک", "main"),
            ("clearance", "گواهی مفاصاحساب مالیاتی", "issue"),
            ("file", "تشکیل پرونده مالیاتی", "main"),
            ("economic-code", "کد اقتصادی", "get"),
            ("assessment", "برگ تشخیص مالیات", "object"),
            ("debt", "بدهی مالیاتی", "pay inquiry"),
            ("vat-refund", "استرداد مالیات بر ارزش افزوده", "request"),
            ("moadian", "ثبت‌نام در سامانه مؤدیان", "main"),
            ("e-invoice", "صدور صورتحساب الکترونیکی در سامانه مؤدیان", "main", "G2B"),
            ("article-187", "گواهی ماده ۱۸۷ قانون مالیات‌های مستقیم", "issue"),
            ("luxury-car", "مالیات خودروهای گران‌قیمت", "pay"),
            ("empty-homes", "مالیات خانه‌های خالی", "object"),
            ("exemption", "معافیت مالیاتی", "request"),
            ("instalments", "تقسیط بدهی مالیاتی", "request"),
            ("penalty-waiver", "بخشودگی جرایم مالیاتی", "request"),
            ("pos-link", "الصاق پرونده مالیاتی به کارتخوان‌های بانکی", "main"),
        ],
    },
    "customs": {
        "tax-customs": [
            ("import-declaration", "اظهارنامه واردات کالا", "record"),
            ("export-declaration", "اظهارنامه صادرات کالا", "record"),
            ("clearance", "ترخیص کالا از گمرک", "main"),
            ("transit", "ترانزیت خارجی کالا", "request"),
            ("duty-refund", "استرداد حقوق ورودی", "request"),
            ("temporary-import", "ورود موقت کالا", "request"),
            ("passenger-goods", "ترخیص کالای همراه مسافر", "main"),
            ("passenger-phone", "اظهار و پرداخت عوارض گوشی تلفن همراه مسافری", "main"),
            ("broker-licence", "پروانه حق‌العمل‌کاری گمرکی", "issue renew"),
            ("tariff", "تعرفه و حقوق ورودی کالا", "inquiry"),
            ("abandoned-goods", "کالای متروکه", "inquiry"),
            ("valuation", "ارزش گمرکی کالا", "object"),
            ("green-lane", "عضویت در مسیر سبز گمرکی", "request"),
            ("origin-check", "مدارک مبدأ کالا", "verify"),
        ],
    },
    "cbi": {
        "finance-banking": [
            ("sayad-register", "ثبت چک صیادی", "main"),
            ("sayad-confirm", "تأیید و انتقال چک صیادی", "main"),
            ("cheque-credit", "وضعیت اعتباری صادرکننده چک", "inquiry"),
            ("bounced-cheque", "رفع سوء اثر چک برگشتی", "main"),
            ("loans", "تسهیلات و تعهدات (سامانه سمات)", "inquiry"),
            ("travel-fx", "ارز مسافرتی", "request"),
            ("student-fx", "ارز دانشجویی", "request"),
            ("fx-commitment", "رفع تعهد ارزی صادرکنندگان", "main", "G2B"),
            ("exchange-licence", "مجوز فعالیت صرافی", "issue renew", "G2B"),
            ("bank-complaint", "شکایت از بانک‌ها و مؤسسات اعتباری", "record"),
            ("my-accounts", "حساب‌های بانکی به نام من", "inquiry"),
            ("marriage-loan-queue", "صف تسهیلات قرض‌الحسنه ازدواج و فرزندآوری", "inquiry"),
        ],
    },
    "centinsur": {
        "finance-banking": [
            ("third-party", "بیمه‌نامه شخص ثالث", "inquiry verify", "G2B2C"),
            ("claims-history", "سوابق خسارت بیمه شخص ثالث", "inquiry"),
            ("discount-transfer", "انتقال تخفیف عدم خسارت بیمه‌نامه", "main", "G2B2C"),
            ("agent-licence", "پروانه نمایندگی بیمه", "issue renew"),
            ("broker-licence", "پروانه کارگزاری بیمه", "issue renew", "G2B"),
            ("insurance-complaint", "شکایت از شرکت‌های بیمه", "record"),
            ("diyeh-rate", "نرخ دیه سال جاری", "inquiry"),
            ("startup-insurtech", "مجوز فعالیت کسب‌وکارهای فناور بیمه", "issue", "G2B"),
        ],
    },
    "iraninsurance": {
        "finance-banking": [
            ("buy-third-party", "خرید بیمه‌نامه شخص ثالث", "main", "G2B2C"),
            ("car-claim", "خسارت بیمه بدنه و شخص ثالث", "request", "G2B2C"),
            ("fire-insurance", "خرید بیمه‌نامه آتش‌سوزی منازل", "main", "G2B2C"),
            ("travel-insurance", "خرید بیمه مسافرتی خارج از کشور", "main", "G2B2C"),
            ("policy-renewal", "بیمه‌نامه درمان تکمیلی", "renew"),
        ],
    },
    "seo": {
        "finance-banking": [
            ("sejam", "ثبت‌نام و احراز هویت در سامانه سجام", "main", "G2B2C"),
            ("trading-code", "کد معاملاتی بورس", "get"),
            ("fund-licence", "مجوز تأسیس نهادهای مالی", "issue renew", "G2B"),
            ("broker-complaint", "شکایت از کارگزاری‌های بورس", "record"),
            ("shareholder-info", "دارایی‌های بورسی سهامداران", "inquiry"),
        ],
    },
    "egfi": {
        "finance-banking": [
            ("export-guarantee", "ضمانت‌نامه صادراتی", "issue", "G2B"),
            ("credit-insurance", "بیمه اعتبار صادراتی", "request", "G2B"),
            ("buyer-rating", "اعتبارسنجی خریداران خارجی", "request", "G2B"),
        ],
    },
    "inif": {
        "business-permits": [
            ("kb-loan", "تسهیلات شرکت‌های دانش‌بنیان", "request", "G2B"),
            ("kb-guarantee", "ضمانت‌نامه شرکت‌های دانش‌بنیان", "issue", "G2B"),
            ("first-sale", "حمایت از فروش محصولات دانش‌بنیان", "request", "G2B"),
            ("vc-support", "مشارکت در سرمایه‌گذاری خطرپذیر", "request", "G2B"),
        ],
    },
    "postbank": {
        "finance-banking": [
            ("rural-banking", "خدمات بانکی دفاتر پیشخوان روستایی", "main", "G2B2C"),
            ("ict-office-licence", "مجوز دفاتر ارتباطات و فناوری اطلاعات روستایی", "issue renew", "G2B"),
        ],
    },
    "keshavarzi": {
        "agriculture": [
            ("farm-loan", "تسهیلات بخش کشاورزی", "request"),
            ("wheat-payment", "واریز وجه خرید تضمینی گندم", "inquiry"),
        ],
    },
    "maskan": {
        "housing-construction": [
            ("housing-loan", "تسهیلات خرید مسکن", "request"),
            ("national-housing", "تسهیلات نهضت ملی مسکن", "request"),
            ("housing-deposit", "سپرده صندوق پس‌انداز مسکن یکم", "main"),
        ],
    },
    "edbi": {"tax-customs": [("export-loan", "تسهیلات صادراتی", "request", "G2B")]},
    "bim": {"business-permits": [("industry-loan", "تسهیلات سرمایه در گردش واحدهای صنعتی", "request", "G2B")]},
    "ttbank": {"business-permits": [("coop-loan", "تسهیلات اشتغال تعاونی‌ها", "request", "G2B")]},
    "sepah": {"finance-banking": [("retiree-loan", "تسهیلات ویژه بازنشستگان نیروهای مسلح", "request")]},
    "bmi": {"finance-banking": [("gold-coin", "ثبت‌نام در پیش‌فروش سکه طلا", "main")]},
    # -------------------------------------------------------------- labour
    "tamin": {
        "employment-pension": [
            ("insurance-history", "گواهی سوابق بیمه", "main"),
            ("contribution-record", "سوابق پرداخت حق بیمه", "inquiry"),
            ("voluntary", "بیمه اختیاری", "register"),
            ("self-employed", "بیمه مشاغل آزاد", "register"),
            ("construction-workers", "بیمه کارگران ساختمانی", "register"),
            ("drivers", "بیمه رانندگان حمل و نقل عمومی", "register"),
            ("employer-list", "ارسال لیست حق بیمه کارفرمایان", "main", "G2B"),
            ("employer-clearance", "مفاصاحساب بیمه‌ای کارفرمایان", "issue"),
            ("workshop-code", "کد کارگاه", "get"),
            ("debt-instalments", "تقسیط بدهی کارفرمایان", "request"),
            ("contractor-cert", "گواهی حق بیمه پیمانکاران", "issue"),
            ("marriage-allowance", "کمک هزینه ازدواج بیمه‌شدگان", "request"),
            ("funeral-allowance", "کمک هزینه کفن و دفن", "request"),
            ("sick-pay", "غرامت دستمزد ایام بیماری", "request"),
            ("maternity-pay", "غرامت دستمزد ایام بارداری", "request"),
            ("unemployment", "مقرری بیمه بیکاری", "register"),
            ("retirement", "بازنشستگی", "request"),
            ("survivors", "مستمری بازماندگان", "request"),
            ("disability", "مستمری ازکارافتادگی", "request"),
            ("pension-slip", "فیش مستمری بازنشستگان", "get"),
            ("pension-order", "حکم مستمری", "get"),
            ("retiree-loan", "وام بازنشستگان", "register"),
            ("dependants", "افراد تحت تکفل", "record"),
            ("history-transfer", "انتقال سوابق بیمه بین صندوق‌های بازنشستگی", "main"),
            ("history-merge", "ادغام سوابق بیمه‌ای", "request"),
            ("insurance-number", "شماره بیمه", "get"),
            ("pension-objection", "میزان مستمری", "object"),
        ],
        "health-insurance": [
            ("e-prescription", "نسخه الکترونیک", "inquiry"),
            ("eligibility", "اعتبار بیمه درمانی", "inquiry"),
            ("medical-refund", "هزینه‌های درمانی", "refund"),
            ("prosthesis", "کمک هزینه وسایل کمک‌پزشکی", "request"),
        ],
    },
    "cspf": {
        "employment-pension": [
            ("pension-order", "حکم بازنشستگی کشوری", "get"),
            ("pay-slip", "فیش حقوق بازنشستگان کشوری", "get"),
            ("emergency-loan", "وام ضروری بازنشستگان کشوری", "register"),
            ("supplementary", "بیمه تکمیلی بازنشستگان کشوری", "register"),
            ("heirs-pension", "برقراری مستمری وراث", "request"),
            ("retirement-request", "درخواست بازنشستگی کارکنان دولت", "main", "G2G"),
            ("welfare-card", "کارت رفاهی بازنشستگان", "issue"),
        ],
    },
    "roostaa": {
        "employment-pension": [
            ("rural-insurance", "بیمه اجتماعی روستاییان و عشایر", "register"),
            ("rural-contribution", "حق بیمه روستاییان", "pay"),
            ("rural-pension", "مستمری بیمه‌شدگان روستایی", "request"),
        ],
    },
    "ssofa": {
        "employment-pension": [
            ("military-pension", "حکم حقوق بازنشستگان نیروهای مسلح", "get"),
            ("military-retiree-loan", "وام بازنشستگان نیروهای مسلح", "register"),
            ("military-survivors", "مستمری وراث نیروهای مسلح", "request"),
            ("military-welfare", "خدمات رفاهی بازنشستگان نیروهای مسلح", "register"),
        ],
    },
    "mcls": {
        "employment-pension": [
            ("labour-dispute", "دادخواست در هیئت‌های تشخیص و حل اختلاف کار", "record"),
            ("work-contract", "قرارداد کار", "record"),
            ("foreign-work-permit", "پروانه کار اتباع خارجی", "issue renew"),
            ("job-centres", "ثبت‌نام کارجویان در مراکز کاریابی", "main"),
            ("job-agency", "مجوز مؤسسات کاریابی", "issue renew", "G2B"),
            ("safety-contractor", "گواهی تأیید صلاحیت ایمنی پیمانکاران", "issue renew", "G2B"),
            ("home-business", "مجوز مشاغل خانگی", "issue"),
            ("labour-inspection", "بازرسی کار از کارگاه‌ها", "request"),
        ],
        "welfare-support": [
            ("subsidy-inquiry", "یارانه نقدی", "inquiry"),
            ("decile", "دهک‌بندی خانوار", "object"),
            ("coupon", "کالابرگ الکترونیکی", "inquiry"),
            ("household-info", "اطلاعات خانوار در پایگاه رفاه ایرانیان", "amend"),
        ],
        "business-permits": [
            ("coop-registration", "ثبت تأسیس شرکت تعاونی", "main"),
            ("coop-changes", "تغییرات شرکت‌های تعاونی", "record"),
        ],
    },
    "hadafmandi": {
        "welfare-support": [
            ("subsidy-register", "ثبت‌نام یارانه", "main"),
            ("subsidy-account", "تغییر حساب واریز یارانه", "main"),
            ("head-change", "تغییر سرپرست خانوار یارانه", "main"),
            ("subsidy-cancel", "انصراف از دریافت یارانه", "main"),
            ("subsidy-status", "وضعیت یارانه خانوار", "inquiry"),
        ],
    },
    "behzisti": {
        "welfare-support": [
            ("disability-file", "تشکیل پرونده افراد دارای معلولیت", "main"),
            ("disability-card", "کارت معلولیت", "issue dup"),
            ("client-pension", "مستمری مددجویان بهزیستی", "inquiry"),
            ("kindergarten", "پروانه تأسیس مهدکودک", "issue renew", "G2B"),
            ("adoption", "فرزندپذیری", "request"),
            ("counselling", "مشاوره تلفنی صدای مشاور (۱۴۸۰)", "main"),
            ("rent-deposit", "کمک ودیعه مسکن مددجویان", "request"),
            ("assistive", "وسایل کمک‌توانبخشی", "request"),
            ("elderly-care", "پروانه مراکز نگهداری سالمندان", "issue renew", "G2B"),
            ("addiction-centre", "پروانه مراکز ترک اعتیاد", "issue renew", "G2B"),
            ("social-emergency", "اورژانس اجتماعی (۱۲۳)", "main"),
        ],
    },
    "emdad": {
        "welfare-support": [
            ("coverage", "تحت پوشش قرار گرفتن خانواده‌های نیازمند", "request"),
            ("client-pension", "مستمری مددجویان کمیته امداد", "inquiry"),
            ("student-aid", "کمک هزینه تحصیلی دانش‌آموزان مددجو", "request"),
            ("dowry", "کمک هزینه تهیه جهیزیه", "request"),
            ("job-loan", "وام اشتغال مددجویان", "request"),
            ("ekram", "ثبت‌نام حامی ایتام و محسنین (طرح اکرام)", "main"),
            ("zakat", "پرداخت زکات و صدقات", "main"),
            ("housing-aid", "کمک به تأمین مسکن مددجویان", "request"),
        ],
    },
    "isaar": {
        "welfare-support": [
            ("veteran-card", "کارت ایثارگری", "issue dup"),
            ("veteran-cert", "گواهی ایثارگری", "issue"),
            ("quota", "سهمیه ایثارگران در آزمون‌ها", "inquiry"),
            ("housing-loan", "وام مسکن ایثارگران", "request"),
            ("medical", "خدمات درمانی ایثارگران", "request"),
            ("veteran-employment", "معرفی ایثارگران برای استخدام", "request"),
        ],
    },
    "tvto": {
        "education": [
            ("courses", "ثبت‌نام دوره‌های آموزش فنی و حرفه‌ای", "main"),
            ("skills-exam", "آزمون مهارت فنی و حرفه‌ای", "register"),
            ("skills-cert", "گواهینامه مهارت فنی و حرفه‌ای", "issue dup verify"),
            ("institute-licence", "مجوز آموزشگاه آزاد فنی و حرفه‌ای", "issue renew", "G2B"),
            ("intl-skills", "ترجمه گواهینامه مهارت برای اشتغال در خارج از کشور", "request"),
        ],
    },
    "nipo": {
        "business-permits": [
            ("productivity-cert", "گواهی ارزیابی بهره‌وری بنگاه‌ها", "issue", "G2B"),
            ("productivity-training", "دوره‌های آموزش مدیریت بهره‌وری", "register"),
            ("productivity-award", "ثبت‌نام در جایزه ملی بهره‌وری", "main"),
        ],
    },
    # -------------------------------------------------------------- health
    "behdasht": {
        "health-insurance": [
            ("clinic-licence", "پروانه مطب پزشکان", "issue renew", "G2B"),
            ("pharmacy-licence", "پروانه تأسیس داروخانه", "issue renew", "G2B"),
            ("lab-licence", "پروانه بهره‌برداری آزمایشگاه تشخیص طبی", "issue renew", "G2B"),
            ("foreign-degree", "ارزشیابی مدارک پزشکی خارج از کشور", "request"),
            ("workforce-plan", "ثبت‌نام طرح نیروی انسانی مشمولان قانون خدمت پزشکان", "main"),
            ("health-card", "کارت بهداشت متصدیان مواد غذایی", "issue renew"),
            ("vaccination", "واکسیناسیون بزرگسالان", "main"),
            ("health-record", "پرونده الکترونیک سلامت", "inquiry"),
            ("hospital-booking", "نوبت‌دهی بیمارستان‌های دولتی", "main"),
            ("malpractice", "شکایت از کادر درمان", "record"),
            ("medical-ads", "مجوز تبلیغات پزشکی", "issue"),
            ("residency-exam", "آزمون دستیاری تخصصی", "register"),
            ("child-care", "نوبت‌دهی مراقبت‌های سلامت کودکان", "main"),
            ("newborn-screening", "غربالگری سلامت نوزادان", "main"),
            ("prenatal-care", "مراقبت‌های دوران بارداری", "main"),
        ],
    },
    "fda": {
        "health-insurance": [
            ("food-licence", "پروانه ساخت فرآورده‌های غذایی", "issue renew", "G2B"),
            ("drug-import", "مجوز ورود دارو", "issue", "G2B"),
            ("irc", "کد اصالت فرآورده (IRC)", "get"),
            ("device-import", "مجوز واردات تجهیزات پزشکی", "issue", "G2B"),
            ("technical-manager", "پروانه مسئول فنی", "issue renew", "G2B"),
            ("drug-verify", "اصالت دارو و مکمل", "inquiry"),
            ("adverse-event", "گزارش عوارض ناخواسته دارویی", "record"),
            ("export-health", "گواهی بهداشت صادرات فرآورده‌ها", "issue", "G2B"),
        ],
    },
    "ihio": {
        "health-insurance": [
            ("universal", "بیمه سلامت همگانی", "register"),
            ("e-prescription", "نسخه الکترونیک بیمه سلامت", "inquiry"),
            ("coverage", "پوشش بیمه سلامت", "inquiry"),
            ("dependants", "افراد تحت تکفل بیمه سلامت", "record"),
            ("rural", "بیمه سلامت روستاییان و عشایر", "register"),
            ("validity", "اعتبار دفترچه بیمه سلامت", "renew"),
            ("expats", "بیمه سلامت ایرانیان مقیم خارج از کشور", "register"),
            ("provider-contract", "انعقاد قرارداد با مراکز درمانی", "main", "G2B"),
        ],
    },
    "ibto": {
        "health-insurance": [
            ("donation", "نوبت‌دهی اهدای خون", "main"),
            ("donor-card", "کارت اهداکننده خون", "issue"),
            ("rare-blood", "ثبت‌نام اهداکنندگان گروه‌های خونی نادر", "main"),
        ],
    },
    "ems": {
        "health-insurance": [
            ("ambulance", "اعزام آمبولانس (۱۱۵)", "main"),
            ("event-cover", "پوشش امدادی رویدادها و همایش‌ها", "request"),
            ("private-ambulance", "مجوز مراکز آمبولانس خصوصی", "issue renew", "G2B"),
        ],
    },
    "irimc": {
        "health-insurance": [
            ("medical-council-no", "تخصیص شماره نظام پزشکی", "main"),
            ("license-renewal", "پروانه اشتغال پزشکی", "renew"),
            ("ethics-complaint", "شکایت انتظامی از شاغلان حرفه‌های پزشکی", "record"),
            ("doctor-search", "مشخصات پزشکان دارای پروانه", "inquiry"),
        ],
    },
    "srd": {
        "education": [
            ("med-student-loan", "وام دانشجویان علوم پزشکی", "request"),
            ("med-loan-settle", "بدهی وام دانشجویان علوم پزشکی", "settle"),
            ("med-dorm", "خوابگاه دانشجویان علوم پزشکی", "request"),
        ],
    },
    # ------------------------------------------------------------- science
    "msrt": {
        "education": [
            ("foreign-degree", "ارزشیابی مدارک تحصیلی خارج از کشور", "request"),
            ("degree-approval", "تأییدیه تحصیلی", "issue"),
            ("scholarship", "ثبت‌نام بورس تحصیلی خارج از کشور", "main"),
            ("student-transfer", "انتقال و میهمانی دانشجویان", "request"),
            ("private-university", "مجوز تأسیس مؤسسه آموزش عالی غیردولتی", "issue", "G2B"),
            ("student-exit", "مجوز خروج از کشور دانشجویان", "issue"),
            ("intl-students", "پذیرش دانشجویان بین‌المللی", "request"),
            ("degree-verify", "مدرک تحصیلی دانشگاهی", "verify"),
            ("university-window", "ثبت‌نام در پنجره واحد خدمات دانشگاهی", "main"),
            ("sabbatical", "فرصت مطالعاتی اعضای هیئت علمی", "request"),
        ],
    },
    "sanjesh": {
        "education": [
            ("konkur", "ثبت‌نام آزمون سراسری (کنکور)", "main"),
            ("entrance-card", "کارت ورود به جلسه آزمون", "get"),
            ("scorecard", "کارنامه آزمون سراسری", "get"),
            ("field-selection", "انتخاب رشته آزمون سراسری", "main"),
            ("masters", "ثبت‌نام آزمون کارشناسی ارشد", "main"),
            ("phd", "ثبت‌نام آزمون دکتری", "main"),
            ("civil-service-exam", "ثبت‌نام آزمون استخدامی فراگیر دستگاه‌های اجرایی", "main"),
            ("results", "نتایج نهایی آزمون‌ها", "inquiry"),
            ("exam-objection", "کلید سؤالات آزمون", "object"),
        ],
    },
    "swf": {
        "education": [
            ("tuition-loan", "وام شهریه دانشجویی", "request"),
            ("loan-repayment", "اقساط وام دانشجویی", "pay"),
            ("loan-settlement", "بدهی وام دانشجویی", "settle"),
            ("student-marriage-loan", "وام ازدواج دانشجویی", "request"),
            ("debt-statement", "بدهی دانشجویان", "inquiry"),
        ],
    },
    "saorg": {
        "education": [
            ("guest-transfer", "انتقال دانشجویان از خارج به داخل کشور", "request"),
            ("student-complaints", "پیگیری شکایات و امور دانشجویی", "main"),
            ("student-exit-bail", "سپرده تعهد خروج دانشجویان", "request"),
        ],
    },
    "irost": {
        "business-permits": [
            ("lab-tests", "خدمات آزمایشگاهی و کالیبراسیون", "request", "G2B"),
            ("tech-incubator", "پذیرش در مراکز رشد فناوری", "request", "G2B"),
        ],
    },
    "irstm": {
        "culture-sport": [
            ("museum-visit", "رزرو بازدید از موزه ملی علوم و فناوری", "main"),
            ("invention-exhibit", "ثبت‌نام در نمایشگاه اختراعات و نوآوری‌ها", "main"),
        ],
    },
    "acecr": {
        "education": [
            ("acecr-courses", "ثبت‌نام دوره‌های آموزش تخصصی جهاد دانشگاهی", "main"),
            ("acecr-research", "خدمات پژوهشی و آزمایشگاهی", "request", "G2B"),
            ("infertility", "نوبت‌دهی پژوهشگاه رویان", "main"),
        ],
    },
    "elites": {
        "education": [
            ("elite-membership", "عضویت در بنیاد ملی نخبگان", "request"),
            ("elite-grants", "جوایز و تسهیلات نخبگان", "request"),
            ("elite-service", "امریه نخبگان وظیفه (طرح شهید احمدی روشن)", "register"),
            ("olympiad-medalists", "حمایت از دانش‌آموزان مدال‌آور المپیادها", "request"),
        ],
    },
    "isti": {
        "business-permits": [
            ("kb-evaluation", "ارزیابی و تأیید شرکت‌های دانش‌بنیان", "request", "G2B"),
            ("kb-renewal", "گواهی دانش‌بنیان", "renew"),
            ("kb-products", "ثبت محصولات دانش‌بنیان", "main", "G2B"),
            ("creative-cos", "تأیید صلاحیت شرکت‌های خلاق", "request", "G2B"),
            ("tech-parks", "پذیرش در پارک‌های علم و فناوری", "request", "G2B"),
        ],
    },
    # ----------------------------------------------------------- education
    "medu": {
        "education": [
            ("first-grade", "پیش‌ثبت‌نام دانش‌آموزان پایه اول", "main"),
            ("school-registration", "ثبت‌نام دانش‌آموزان در مدارس", "main"),
            ("report-card", "کارنامه تحصیلی دانش‌آموزان", "get"),
            ("enrolment-cert", "گواهی اشتغال به تحصیل دانش‌آموزان", "issue"),
            ("diploma", "مدرک دیپلم", "dup verify"),
            ("diploma-approval", "تأییدیه تحصیلی دیپلم و پیش‌دانشگاهی", "issue"),
            ("private-school", "مجوز تأسیس مدرسه غیردولتی", "issue renew", "G2B"),
            ("student-transfer", "نقل و انتقال دانش‌آموزان", "request"),
            ("foreign-students", "ثبت‌نام دانش‌آموزان اتباع خارجی", "main"),
            ("health-screening", "نوبت‌دهی سنجش سلامت نوآموزان بدو ورود به دبستان", "main"),
            ("final-exams", "نتایج امتحانات نهایی", "inquiry"),
            ("exam-objection", "نمره امتحانات نهایی", "object"),
            ("teacher-transfer", "نقل و انتقال فرهنگیان", "request"),
            ("special-needs", "ثبت‌نام دانش‌آموزان با نیازهای ویژه", "main"),
        ],
    },
    "dres": {
        "education": [
            ("school-donors", "ثبت‌نام خیرین مدرسه‌ساز", "main"),
            ("school-building", "مجوز احداث فضای آموزشی", "issue", "G2B"),
            ("school-safety", "گزارش ایمنی ساختمان مدارس", "record"),
        ],
    },
    "literacy": {
        "education": [
            ("literacy-class", "ثبت‌نام در کلاس‌های سوادآموزی", "main"),
            ("literacy-cert", "گواهی پایان دوره سوادآموزی", "issue"),
            ("literacy-teacher", "ثبت‌نام آموزشیاران نهضت سوادآموزی", "main"),
        ],
    },
    "kanoon": {
        "culture-sport": [
            ("membership", "عضویت در کتابخانه‌های کانون پرورش فکری", "main"),
            ("workshops", "ثبت‌نام کارگاه‌های فرهنگی و هنری کودکان", "main"),
            ("mobile-library", "درخواست کتابخانه سیار روستایی", "main"),
        ],
    },
    # -------------------------------------------------- roads and transport
    "mrud": {
        "housing-construction": [
            ("national-housing", "ثبت‌نام طرح نهضت ملی مسکن", "main"),
            ("residence-info", "اطلاعات سکونت در سامانه املاک و اسکان", "record amend"),
            ("engineer-licence", "پروانه اشتغال به کار مهندسی ساختمان", "issue renew upgrade"),
            ("builders", "تشخیص صلاحیت انبوه‌سازان مسکن", "request", "G2B"),
            ("lease-code", "کد رهگیری قرارداد اجاره", "issue"),
            ("land-use-change", "تغییر کاربری اراضی خارج از محدوده شهر", "request"),
            ("housing-eligibility", "شرایط متقاضیان طرح‌های حمایتی مسکن", "inquiry"),
            ("urban-plan", "طرح تفصیلی شهرها", "inquiry"),
        ],
        "vehicles-driving": [
            ("transit-permit", "مجوز حمل و نقل بین‌المللی کالا", "issue renew", "G2B"),
            ("road-toll", "عوارض آزادراهی", "pay"),
        ],
    },
    "rai": {
        "travel-pilgrimage": [
            ("train-ticket", "خرید بلیت قطار", "main", "G2B2C"),
            ("ticket-refund", "بلیت قطار", "refund"),
            ("rail-freight", "حمل بار ریلی", "request", "G2B"),
            ("wagon-licence", "پروانه بهره‌برداری واگن‌های خصوصی", "issue", "G2B"),
        ],
    },
    "cao": {
        "travel-pilgrimage": [
            ("pilot-licence", "گواهینامه خلبانی", "issue renew"),
            ("drone", "ثبت و مجوز پرواز پهپاد", "main"),
            ("airline-complaint", "شکایت مسافران از شرکت‌های هواپیمایی", "record"),
            ("aviation-staff", "گواهینامه کارکنان فنی هوانوردی", "issue renew"),
            ("flight-delay", "خسارت تأخیر پروازها", "request"),
        ],
    },
    "airports": {
        "travel-pilgrimage": [
            ("lost-luggage", "اشیای گمشده در فرودگاه‌ها", "inquiry"),
            ("cip", "رزرو خدمات تشریفات فرودگاهی", "main"),
            ("airport-parking", "هزینه پارکینگ فرودگاه", "pay"),
        ],
    },
    "rmto": {
        "vehicles-driving": [
            ("driver-smart-card", "کارت هوشمند راننده", "issue renew dup"),
            ("fleet-smart-card", "کارت هوشمند ناوگان", "issue renew"),
            ("waybill", "صدور بارنامه الکترونیکی", "main", "G2B"),
            ("passenger-manifest", "صورت‌وضعیت مسافری", "issue", "G2B"),
            ("transport-company", "پروانه فعالیت شرکت‌های حمل و نقل جاده‌ای", "issue renew", "G2B"),
            ("road-status", "اطلاع از وضعیت راه‌ها (۱۴۱)", "main"),
            ("driver-logbook", "دفترچه کار رانندگان", "issue"),
            ("fleet-renewal", "ثبت‌نام در طرح نوسازی ناوگان حمل و نقل عمومی", "main"),
        ],
    },
    "pmo": {
        "travel-pilgrimage": [
            ("seafarer-cert", "گواهینامه دریانوردی", "issue renew"),
            ("vessel-registration", "ثبت و صدور سند شناور", "main"),
            ("seaman-book", "دفترچه دریانوردی", "issue renew"),
            ("ship-clearance", "مجوز ورود و خروج کشتی", "issue", "G2B"),
            ("maritime-exam", "آزمون دریانوردی", "register"),
            ("port-warehouse", "انبارداری کالا در بنادر", "request", "G2B"),
            ("boat-licence", "پروانه شناورهای تفریحی", "issue renew"),
        ],
    },
    "irimo": {
        "agriculture": [
            ("weather-cert", "گواهی وضعیت هواشناسی برای جبران خسارت", "issue"),
            ("climate-data", "داده‌های آماری هواشناسی", "request"),
            ("farm-forecast", "پیش‌بینی هواشناسی کشاورزی", "inquiry"),
        ],
    },
    "ncc": {
        "housing-construction": [
            ("maps", "خرید نقشه‌های رقومی پایه", "main"),
            ("aerial-photo", "مجوز عکس‌برداری هوایی", "issue", "G2B"),
            ("geodesy", "مختصات ایستگاه‌های ژئودزی", "inquiry"),
            ("surveyor-licence", "پروانه نقشه‌برداری", "issue renew", "G2B"),
        ],
    },
    "nlho": {
        "housing-construction": [
            ("land-allocation", "ثبت‌نام واگذاری زمین طرح‌های مسکن", "main"),
            ("land-deed", "سند اراضی واگذارشده", "issue"),
            ("land-status", "وضعیت واگذاری زمین", "inquiry"),
        ],
    },
    "mojri": {
        "housing-construction": [
            ("govt-buildings", "نظارت بر ساخت ساختمان‌های دولتی", "request", "G2G"),
            ("contractor-evaluation", "ارزیابی پیمانکاران طرح‌های عمرانی دولتی", "request", "G2B"),
            ("hospital-projects", "پیگیری طرح‌های بیمارستانی", "main", "G2G"),
        ],
    },
    "bonyad-maskan": {
        "housing-construction": [
            ("rural-loan", "تسهیلات مقاوم‌سازی مسکن روستایی", "request"),
            ("rural-deed", "سند مالکیت روستایی", "issue"),
            ("guide-plan", "طرح هادی روستایی", "inquiry"),
            ("rural-housing", "ثبت‌نام مسکن روستایی", "main"),
        ],
    },
    # ---------------------------------------------------------------- trade
    "mimt": {
        "business-permits": [
            ("business-licence", "پروانه کسب", "issue renew dup cancel"),
            ("establishment", "جواز تأسیس واحد صنعتی", "issue renew"),
            ("operation-licence", "پروانه بهره‌برداری واحد صنعتی", "issue renew"),
            ("trade-card", "کارت بازرگانی", "issue renew dup"),
            ("order-registration", "ثبت سفارش واردات کالا", "main", "G2B"),
            ("iran-code", "شناسه کالا و خدمات (ایران‌کد)", "get"),
            ("exploration", "پروانه اکتشاف معدن", "issue renew"),
            ("mining-licence", "پروانه بهره‌برداری معدن", "issue renew transfer"),
            ("ntsw", "ثبت‌نام در سامانه جامع تجارت", "main", "G2B"),
            ("guild-complaint", "شکایت از واحدهای صنفی (۱۲۴)", "record"),
            ("overpricing", "گزارش گران‌فروشی و کم‌فروشی", "record"),
            ("car-sale", "ثبت‌نام در سامانه یکپارچه فروش خودرو", "main"),
            ("warehouse", "ثبت انبارها در سامانه جامع انبارها", "main", "G2B"),
            ("industrial-cert", "گواهی تولید داخل", "issue", "G2B"),
            ("e-shop", "مجوز کسب‌وکارهای اینترنتی", "issue"),
            ("car-import", "ثبت‌نام واردات خودرو", "main"),
        ],
    },
    "tpo": {
        "business-permits": [
            ("export-incentives", "مشوق‌های صادراتی", "register"),
            ("foreign-fair", "مجوز شرکت در نمایشگاه‌های خارجی", "issue", "G2B"),
            ("certificate-origin", "گواهی مبدأ کالا", "issue", "G2B"),
            ("domestic-fair", "مجوز برگزاری نمایشگاه‌های داخلی", "issue", "G2B"),
            ("exporter-rank", "رتبه‌بندی صادرکنندگان", "request", "G2B"),
            ("trade-info", "اطلاعات بازارهای هدف صادراتی", "request", "G2B"),
        ],
    },
    "ecdc": {
        "business-permits": [
            ("enamad", "نماد اعتماد الکترونیکی", "issue renew upgrade"),
            ("shop-complaint", "شکایت از کسب‌وکارهای اینترنتی", "record"),
            ("trust-check", "اعتبار فروشگاه‌های اینترنتی", "inquiry"),
            ("e-signature-cert", "گواهی امضای الکترونیکی", "issue renew"),
        ],
    },
    "cppo": {
        "business-permits": [
            ("consumer-complaint", "شکایت مصرف‌کنندگان", "record"),
            ("price-label", "درج قیمت تولیدکننده روی کالا", "main", "G2B"),
            ("after-sales", "مجوز خدمات پس از فروش", "issue", "G2B"),
        ],
    },
    "isiri": {
        "business-permits": [
            ("standard-mark", "پروانه کاربرد نشان استاندارد", "issue renew"),
            ("import-conformity", "گواهی انطباق کالای وارداتی", "issue", "G2B"),
            ("partner-labs", "تأیید صلاحیت آزمایشگاه‌های همکار", "request renew", "G2B"),
            ("mark-verify", "نشان استاندارد", "verify"),
            ("export-standard", "گواهی استاندارد کالای صادراتی", "issue", "G2B"),
            ("substandard", "گزارش کالای غیراستاندارد", "record"),
            ("car-type", "تأییدیه نوع خودرو", "issue", "G2B"),
            ("sampling", "نمونه‌برداری از کالای تولیدی", "request", "G2B"),
        ],
    },
    "imidro": {
        "business-permits": [
            ("mining-zones", "ثبت‌نام در مزایده واگذاری پهنه‌های معدنی", "main", "G2B"),
            ("mining-investment", "مشارکت در طرح‌های معدنی", "request", "G2B"),
        ],
    },
    "isipo": {
        "business-permits": [
            ("industrial-land", "واگذاری زمین در شهرک‌های صنعتی", "request", "G2B"),
            ("lease-to-own", "قرارداد اجاره به شرط تملیک زمین صنعتی", "record", "G2B"),
            ("estate-services", "خدمات زیربنایی شهرک‌های صنعتی", "request", "G2B"),
            ("cluster-support", "حمایت از خوشه‌های صنعتی", "request", "G2B"),
        ],
    },
    "gsi": {
        "business-permits": [
            ("geo-maps", "خرید نقشه‌های زمین‌شناسی", "main"),
            ("mineral-analysis", "آنالیز نمونه‌های معدنی", "request", "G2B"),
            ("geo-hazard", "استعلام مخاطرات زمین‌شناسی", "main"),
        ],
    },
    "incc": {
        "business-permits": [
            ("carpet-id", "شناسنامه فرش دستباف", "issue"),
            ("weaver-insurance", "معرفی بافندگان فرش برای بیمه", "request"),
            ("carpet-export", "گواهی اصالت فرش صادراتی", "issue", "G2B"),
        ],
    },
    "tazirat": {
        "judiciary-legal": [
            ("tazirat-complaint", "شکایت تعزیراتی", "record"),
            ("tazirat-case", "پرونده تعزیرات حکومتی", "track"),
            ("tazirat-fine", "جریمه‌های تعزیراتی", "pay object"),
        ],
    },
    "freezones": {
        "business-permits": [
            ("fz-licence", "مجوز فعالیت اقتصادی در مناطق آزاد", "issue renew", "G2B"),
            ("fz-car", "مجوز ورود خودرو به مناطق آزاد", "issue"),
            ("fz-residence", "کارت اقامت مناطق آزاد", "issue renew"),
            ("fz-investment", "مجوز سرمایه‌گذاری خارجی در مناطق آزاد", "issue", "G2B"),
        ],
    },
    # ------------------------------------------------------ culture & sport
    "farhang": {
        "culture-sport": [
            ("book-permit", "مجوز نشر کتاب", "request"),
            ("publisher-licence", "پروانه نشر", "issue renew"),
            ("periodical", "پروانه انتشار نشریه", "issue renew"),
            ("concert", "مجوز برگزاری اجرای موسیقی", "request"),
            ("art-school", "مجوز آموزشگاه آزاد هنری", "issue renew", "G2B"),
            ("press-card", "کارت خبرنگاری", "issue renew"),
            ("cultural-centre", "مجوز تأسیس کانون‌های فرهنگی و هنری", "issue"),
            ("ad-agency", "پروانه کانون‌های تبلیغاتی", "issue renew", "G2B"),
            ("news-site", "ثبت پایگاه‌های خبری برخط", "main"),
            ("printing-house", "پروانه چاپخانه", "issue renew", "G2B"),
        ],
    },
    "cinema": {
        "culture-sport": [
            ("film-production", "پروانه ساخت فیلم سینمایی", "issue"),
            ("screening", "پروانه نمایش فیلم", "issue"),
            ("home-video", "مجوز توزیع آثار نمایش خانگی", "issue", "G2B"),
            ("film-institute", "مجوز آموزشگاه آزاد سینمایی", "issue renew", "G2B"),
        ],
    },
    "hajj": {
        "travel-pilgrimage": [
            ("tamattu", "ثبت‌نام حج تمتع", "main"),
            ("umrah", "ثبت‌نام عمره مفرده", "main"),
            ("atabat", "ثبت‌نام زیارت عتبات عالیات", "main"),
            ("arbaeen", "ثبت‌نام زائران اربعین در سامانه سماح", "main"),
            ("hajj-deposit", "فیش حج", "transfer refund"),
            ("hajj-queue", "نوبت تشرف حج", "inquiry"),
            ("pilgrim-training", "ثبت‌نام در آموزش‌های حضوری زائران", "main"),
            ("caravan-licence", "مجوز مدیران کاروان‌های زیارتی", "issue renew", "G2B"),
        ],
    },
    "awqaf": {
        "culture-sport": [
            ("endowment-lease", "اجاره‌نامه موقوفات", "renew"),
            ("endowment-deed", "ثبت وقف‌نامه", "main"),
            ("vows", "پرداخت نذورات", "main"),
            ("mosque-trustees", "ثبت اعضای هیئت‌امنای مساجد و بقاع متبرکه", "main"),
            ("charity", "ثبت مؤسسات خیریه", "main"),
        ],
    },
    "nlai": {
        "culture-sport": [
            ("library-card", "عضویت در کتابخانه ملی", "main"),
            ("fipa", "دریافت فیپا (فهرست‌نویسی پیش از انتشار)", "main"),
            ("isbn", "شابک کتاب", "get"),
            ("legal-deposit", "واسپاری نسخه‌های کتاب", "main"),
            ("archives", "دسترسی به اسناد تاریخی", "request"),
        ],
    },
    "ido": {
        "culture-sport": [
            ("religious-boards", "ثبت هیئت‌های مذهبی", "main"),
            ("cultural-events", "مجوز برگزاری مراسم مذهبی", "request"),
            ("quran-institutes", "مجوز مؤسسات قرآنی", "issue renew"),
        ],
    },
    "irib": {
        "culture-sport": [
            ("tv-ads", "پخش آگهی بازرگانی", "request", "G2B"),
            ("archive-footage", "آرشیو تصویری صدا و سیما", "request"),
            ("audience-feedback", "ثبت نظرات مخاطبان صدا و سیما", "main"),
        ],
    },
    "msy": {
        "culture-sport": [
            ("club-licence", "پروانه تأسیس باشگاه ورزشی", "issue renew", "G2B"),
            ("sport-insurance", "کارت بیمه ورزشی", "issue renew"),
            ("competitions", "مجوز برگزاری مسابقات ورزشی", "request"),
            ("coach-card", "کارت مربیگری", "issue renew"),
            ("venue-booking", "رزرو اماکن ورزشی", "main"),
            ("gym-licence", "پروانه بهره‌برداری اماکن ورزشی", "issue renew", "G2B"),
        ],
    },
    "youth": {
        "civic-participation": [
            ("youth-ngo", "ثبت تشکل‌های جوانان", "main"),
            ("marriage-counselling", "مشاوره ازدواج جوانان", "request"),
            ("youth-houses", "مجوز خانه‌های جوان", "issue"),
        ],
    },
    "mcth": {
        "travel-pilgrimage": [
            ("travel-agency", "مجوز دفاتر خدمات مسافرتی", "issue renew", "G2B"),
            ("tour-guide", "کارت راهنمایان گردشگری", "issue renew"),
            ("eco-lodge", "مجوز اقامتگاه بوم‌گردی", "issue renew"),
            ("hotel", "پروانه بهره‌برداری تأسیسات گردشگری", "issue renew", "G2B"),
            ("tour-permit", "مجوز برگزاری تور گردشگری", "issue", "G2B"),
        ],
        "culture-sport": [
            ("heritage-listing", "ثبت آثار در فهرست آثار ملی", "request"),
            ("craftsman-card", "کارت شناسایی صنعتگران صنایع دستی", "issue renew"),
            ("excavation", "مجوز کاوش باستان‌شناسی", "issue"),
            ("restoration", "مجوز مرمت بناهای تاریخی", "issue"),
            ("buffer-zone", "حریم آثار تاریخی", "inquiry"),
            ("museum-licence", "مجوز تأسیس موزه خصوصی", "issue"),
        ],
    },
    # --------------------------------------------------------- agriculture
    "maj": {
        "agriculture": [
            ("livestock-licence", "پروانه بهره‌برداری دامداری", "issue renew"),
            ("greenhouse", "مجوز احداث گلخانه", "issue"),
            ("farmer-card", "کارت هوشمند کشاورزی", "issue"),
            ("wheat-purchase", "ثبت‌نام خرید تضمینی گندم", "main"),
            ("feed-quota", "تخصیص نهاده‌های دامی", "request"),
            ("bazargah", "ثبت‌نام در سامانه بازارگاه", "main"),
            ("farm-establishment", "جواز تأسیس واحدهای کشاورزی", "issue renew"),
            ("crop-insurance", "بیمه محصولات کشاورزی", "register"),
            ("poultry", "پروانه تأسیس مرغداری", "issue renew"),
            ("fertiliser", "سهمیه کود شیمیایی", "request"),
            ("agri-engineers", "پروانه صلاحیت حرفه‌ای مهندسان کشاورزی", "issue renew"),
            ("cultivation-pattern", "الگوی کشت", "inquiry"),
        ],
    },
    "ivo": {
        "agriculture": [
            ("transport-health", "گواهی بهداشتی حمل دام و فرآورده‌های دامی", "issue"),
            ("farm-health", "پروانه بهداشتی واحدهای دامی", "issue renew"),
            ("livestock-vaccination", "واکسیناسیون دام", "request"),
            ("animal-import", "مجوز ورود فرآورده‌های خام دامی", "issue", "G2B"),
            ("quarantine", "قرنطینه دامی", "request"),
            ("vet-clinic", "پروانه درمانگاه دامپزشکی", "issue renew"),
            ("pet-id", "شناسنامه حیوانات خانگی", "issue"),
        ],
    },
    "ppo": {
        "agriculture": [
            ("phytosanitary", "گواهی بهداشت گیاهی صادرات", "issue", "G2B"),
            ("plant-import", "مجوز ورود محصولات گیاهی", "issue", "G2B"),
            ("pesticide-registration", "ثبت سموم کشاورزی", "main", "G2B"),
            ("pesticide-shop", "پروانه فروش سموم و نهاده‌های کشاورزی", "issue renew"),
            ("pest-report", "گزارش طغیان آفات و بیماری‌های گیاهی", "record"),
        ],
    },
    "frw": {
        "agriculture": [
            ("tree-felling", "مجوز قطع درخت در اراضی ملی", "issue"),
            ("grazing", "پروانه چرای دام", "issue renew"),
            ("forest-fire", "گزارش آتش‌سوزی جنگل‌ها و مراتع (۱۵۰۴)", "main"),
            ("mine-in-forest", "استعلام منابع طبیعی برای طرح‌های معدنی", "main", "G2B"),
            ("land-dispute", "رفع تداخلات اراضی ملی", "request"),
            ("seedlings", "توزیع نهال رایگان", "request"),
        ],
    },
    "ashayer": {
        "agriculture": [
            ("nomad-card", "کارت هوشمند عشایری", "issue"),
            ("migration-route", "خدمات ایل‌راه‌ها و مسیرهای کوچ", "request"),
            ("nomad-feed", "سهمیه علوفه عشایر", "request"),
        ],
    },
    "shilat": {
        "agriculture": [
            ("fishing-licence", "پروانه صید", "issue renew"),
            ("aquaculture", "مجوز پرورش ماهی", "issue renew"),
            ("fishing-vessel", "پروانه شناور صیادی", "issue renew"),
            ("fishermen-insurance", "بیمه صیادان", "register"),
        ],
    },
    "gtc": {
        "agriculture": [
            ("guaranteed-purchase", "تحویل گندم به مراکز خرید تضمینی", "main"),
            ("staple-goods", "توزیع کالاهای اساسی", "inquiry"),
            ("silo-booking", "نوبت تحویل محصول به سیلوها", "main"),
        ],
    },
    "laoi": {
        "agriculture": [
            ("farmland-use", "تغییر کاربری اراضی کشاورزی", "request"),
            ("hadnegar", "سند حدنگار اراضی کشاورزی", "issue"),
            ("farmland-inquiry", "اراضی کشاورزی", "inquiry"),
        ],
    },
    "doe": {
        "agriculture": [
            ("env-inquiry", "استعلام زیست‌محیطی احداث واحدهای صنعتی", "main", "G2B"),
            ("hunting-licence", "پروانه شکار و صید", "issue renew"),
            ("eia", "گزارش ارزیابی اثرات زیست‌محیطی", "record", "G2B"),
            ("env-violation", "گزارش تخلفات زیست‌محیطی (۱۵۴۰)", "main"),
            ("wildlife-keeping", "مجوز نگهداری حیات وحش", "issue"),
            ("cites", "مجوز صادرات و واردات گونه‌های حیات وحش (سایتس)", "issue", "G2B"),
            ("env-lab", "تأیید صلاحیت آزمایشگاه‌های محیط زیست", "request", "G2B"),
        ],
    },
    # ---------------------------------------------------------- misc national
    "pbo": {
        "business-permits": [
            ("contractor-rank", "گواهینامه صلاحیت پیمانکاری", "issue renew upgrade", "G2B"),
            ("consultant-rank", "گواهینامه صلاحیت مشاوره", "issue renew", "G2B"),
            ("price-list", "فهرست‌بهای پایه", "get"),
            ("project-budget", "اعتبارات طرح‌های عمرانی", "inquiry", "G2G"),
        ],
    },
    "aro": {
        "employment-pension": [
            ("iran-employee", "حکم کارگزینی در سامانه کارمند ایران", "get"),
            ("civil-service-exam", "ثبت‌نام آزمون استخدامی دستگاه‌های اجرایی", "main"),
            ("suggestions", "ثبت پیشنهاد در نظام پیشنهادهای کارکنان دولت", "main"),
            ("service-catalogue", "تأیید شناسنامه خدمات دستگاه‌های اجرایی", "main", "G2G"),
            ("manager-competence", "ثبت‌نام در ارزیابی شایستگی مدیران", "main"),
        ],
    },
    "aeoi": {
        "health-insurance": [
            ("radiation-licence", "پروانه کار با اشعه", "issue renew"),
            ("radioactive-import", "پروانه واردات چشمه‌های پرتوزا", "issue", "G2B"),
            ("dosimetry", "خدمات دزیمتری فردی", "request"),
            ("contamination", "گواهی عدم آلودگی پرتوی کالا", "issue", "G2B"),
        ],
    },
    "women": {
        "welfare-support": [
            ("women-heads", "ثبت‌نام در طرح حمایت از زنان سرپرست خانوار", "main"),
            ("women-ngo", "ثبت سازمان‌های مردم‌نهاد حوزه زنان و خانواده", "main"),
            ("family-counselling", "مشاوره خانواده", "request"),
        ],
    },
    "amar": {
        "civic-participation": [
            ("microdata", "داده‌های خرد آماری", "request"),
            ("census", "سرشماری عمومی نفوس و مسکن", "main"),
            ("statistics", "نتایج طرح‌های آماری", "inquiry"),
        ],
    },
    "imps": {
        "education": [
            ("manager-courses", "ثبت‌نام دوره‌های آموزش مدیران دولتی", "main"),
            ("training-cert", "گواهی دوره‌های آموزش ضمن خدمت", "issue verify"),
        ],
    },
    "irmf": {
        "welfare-support": [
            ("irmf-loan", "تسهیلات اشتغال مناطق محروم", "request"),
            ("irmf-housing", "کمک به تأمین مسکن محرومان", "request"),
            ("irmf-students", "حمایت تحصیلی از دانش‌آموزان مناطق محروم", "request"),
        ],
    },
    "rcs": {
        "welfare-support": [
            ("volunteer", "ثبت‌نام داوطلبان هلال احمر", "main"),
            ("rescue", "درخواست امداد و نجات (۱۱۲)", "main"),
            ("rcs-pharmacy", "داروهای کمیاب از داروخانه‌های هلال احمر", "request"),
            ("first-aid", "ثبت‌نام دوره‌های آموزش کمک‌های اولیه", "main"),
            ("missing-relatives", "جست‌وجوی بستگان مفقودشده در حوادث", "request"),
        ],
    },
    "dchq": {
        "welfare-support": [
            ("addiction-report", "گزارش مردمی درباره مواد مخدر", "record"),
            ("treatment", "معرفی به مراکز درمان اعتیاد", "request"),
            ("prevention-ngo", "حمایت از سازمان‌های مردم‌نهاد پیشگیری از اعتیاد", "request"),
        ],
    },
    "majazi": {
        "civic-participation": [
            ("platform-licence", "مجوز سکوهای داخلی", "request", "G2B"),
            ("content-report", "گزارش محتوای مجرمانه", "record"),
            ("domestic-messengers", "حمایت از پیام‌رسان‌های داخلی", "request", "G2B"),
        ],
    },
    "itec": {
        "civic-participation": [
            ("round-report", "کارنامه ارزیابی دولت الکترونیکی دستگاه‌ها", "get", "G2G"),
            ("ranking", "رتبه‌بندی دستگاه‌های اجرایی در دولت هوشمند", "inquiry"),
            ("weekly-report", "گزارش هفتگی اتصال دستگاه‌ها به پنجره ملی", "get", "G2G"),
        ],
    },
    "majlis": {
        "civic-participation": [
            ("article-90", "شکایت به کمیسیون اصل نود (۹۰) قانون اساسی", "record"),
            ("mp-meeting", "ملاقات با نمایندگان مجلس", "request"),
            ("bill-tracking", "طرح‌ها و لوایح مجلس", "track"),
        ],
    },
    "ndmo": {
        "welfare-support": [
            ("damage-report", "ثبت خسارت حوادث طبیعی", "main"),
            ("earthquake-aid", "تسهیلات بازسازی مناطق آسیب‌دیده", "request"),
            ("shelter", "اسکان اضطراری", "request"),
        ],
    },
    "imo": {
        "municipal": [
            ("dehyari-levy", "عوارض دهیاری‌ها", "pay"),
            ("municipal-staff", "آزمون استخدامی شهرداری‌ها", "register"),
            ("rural-guide", "طرح‌های عمرانی دهیاری‌ها", "inquiry", "G2G"),
        ],
    },
    "mod": {
        "military-service": [
            ("mod-amriyeh", "امریه سربازی در صنایع دفاعی", "register"),
            ("mod-elites", "ثبت‌نام نخبگان در طرح‌های پژوهشی دفاعی", "main"),
            ("controlled-goods", "مجوز ورود کالاهای کنترلی", "issue", "G2B"),
            ("defence-suppliers", "ثبت‌نام سازندگان داخلی تجهیزات دفاعی", "main", "G2B"),
        ],
    },
    "intelligence": {
        "civic-participation": [
            ("report-113", "ثبت گزارش مردمی به شماره ۱۱۳", "main"),
            ("security-clearance", "استعلام صلاحیت امنیتی متقاضیان", "main", "G2G"),
            ("fraud-warning", "گزارش کلاهبرداری‌های ارزی و طلا", "record"),
        ],
    },
}
