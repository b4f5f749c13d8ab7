"""Sample data: service categories and life events of the national window.

SYNTHETIC SAMPLE DATA for demos and tests.  The codes are stable ASCII kebab
identifiers; the names and descriptions are Persian.
"""

from __future__ import annotations

CATEGORIES: list[dict[str, str]] = [
    {
        "code": "identity-documents",
        "name": "هویت و اسناد سجلی",
        "description": "شناسنامه، کارت هوشمند ملی، ثبت ولادت و فوت، امور اتباع خارجی و سایر اسناد هویتی.",
    },
    {
        "code": "vehicles-driving",
        "name": "خودرو و رانندگی",
        "description": "گواهینامه، پلاک و سند خودرو، خلافی و جریمه‌های رانندگی، ناوگان حمل و نقل جاده‌ای.",
    },
    {
        "code": "housing-construction",
        "name": "مسکن و ساختمان",
        "description": "سند مالکیت، پروانه ساختمانی، طرح‌های حمایتی مسکن، زمین و شهرسازی.",
    },
    {
        "code": "business-permits",
        "name": "کسب‌وکار و مجوزها",
        "description": "پروانه کسب، ثبت شرکت، جواز تأسیس، کارت بازرگانی، مجوزهای صنفی و دانش‌بنیان.",
    },
    {
        "code": "tax-customs",
        "name": "مالیات و گمرک",
        "description": "ثبت‌نام و اظهارنامه مالیاتی، مالیات بر ارزش افزوده، سامانه مؤدیان، ترخیص و اظهار کالا.",
    },
    {
        "code": "finance-banking",
        "name": "امور مالی و بانکی",
        "description": "چک صیادی، تسهیلات بانکی، بیمه‌های بازرگانی، بورس و سهام عدالت.",
    },
    {
        "code": "health-insurance",
        "name": "سلامت و بیمه",
        "description": "بیمه درمان، نسخه الکترونیک، پروانه‌های پزشکی و دارویی، خدمات بهداشتی.",
    },
    {
        "code": "education",
        "name": "تحصیل و آموزش",
        "description": "ثبت‌نام مدرسه و دانشگاه، کنکور، مدارک تحصیلی، وام دانشجویی و آموزش‌های مهارتی.",
    },
    {
        "code": "employment-pension",
        "name": "کار و بازنشستگی",
        "description": "سوابق بیمه، مستمری، بازنشستگی، بیمه بیکاری، روابط کار و استخدام.",
    },
    {
        "code": "judiciary-legal",
        "name": "قضایی و حقوقی",
        "description": "دادخواست و شکواییه، گواهی عدم سوء پیشینه، انحصار وراثت، اسناد رسمی و امور انتظامی.",
    },
    {
        "code": "utilities",
        "name": "آب، برق، گاز و مخابرات",
        "description": "انشعاب، قبض، کنتور، تلفن ثابت و همراه، اینترنت و خدمات پستی.",
    },
    {
        "code": "travel-pilgrimage",
        "name": "سفر و زیارت",
        "description": "گذرنامه، روادید، حج و عمره، سفر اربعین، بلیت قطار و هواپیما و گردشگری.",
    },
    {
        "code": "military-service",
        "name": "نظام وظیفه",
        "description": "معافیت تحصیلی و کفالت، کارت پایان خدمت، اعزام، امریه و خروج از کشور مشمولان.",
    },
    {
        "code": "welfare-support",
        "name": "حمایت و رفاه",
        "description": "یارانه، کالابرگ، خدمات بهزیستی و کمیته امداد، ایثارگران و جبران خسارت حوادث.",
    },
    {
        "code": "agriculture",
        "name": "کشاورزی، منابع طبیعی و محیط زیست",
        "description": "مجوزهای کشاورزی و دامداری، دامپزشکی، حفظ نباتات، منابع طبیعی، شیلات و محیط زیست.",
    },
    {
        "code": "culture-sport",
        "name": "فرهنگ و ورزش",
        "description": "مجوزهای نشر، سینما و هنر، میراث فرهنگی، کتابخانه، باشگاه‌ها و رویدادهای ورزشی.",
    },
    {
        "code": "municipal",
        "name": "خدمات شهری",
        "description": "عوارض شهرداری، پایان کار، گزارش مشکلات شهری (۱۳۷)، حمل و نقل عمومی و آتش‌نشانی.",
    },
    {
        "code": "civic-participation",
        "name": "مشارکت مدنی و امور اجتماعی",
        "description": "سازمان‌های مردم‌نهاد، احزاب، انتخابات، شکایات مردمی و دسترسی آزاد به اطلاعات.",
    },
]

LIFE_EVENTS: list[dict[str, str]] = [
    {
        "code": "birth",
        "name": "تولد فرزند",
        "description": "ثبت ولادت، صدور شناسنامه و کارت ملی نوزاد، بیمه و حمایت‌های فرزندآوری.",
    },
    {
        "code": "marriage",
        "name": "ازدواج",
        "description": "ثبت ازدواج، وام ازدواج، کمک هزینه ازدواج و ثبت واقعه در شناسنامه.",
    },
    {
        "code": "starting-business",
        "name": "راه‌اندازی کسب‌وکار",
        "description": "ثبت شرکت، پروانه کسب، کد اقتصادی، ثبت‌نام مالیاتی و کارت بازرگانی.",
    },
    {
        "code": "buying-home",
        "name": "خرید یا ساخت مسکن",
        "description": "سند مالکیت، استعلام ملک، پروانه ساختمانی، تسهیلات و طرح‌های حمایتی مسکن.",
    },
    {
        "code": "moving-home",
        "name": "تغییر محل سکونت",
        "description": "انشعاب و انتقال آب، برق، گاز و تلفن، کد پستی و ثبت اطلاعات سکونت.",
    },
    {
        "code": "retirement",
        "name": "بازنشستگی",
        "description": "سوابق بیمه، درخواست بازنشستگی، حکم و فیش مستمری و خدمات بازنشستگان.",
    },
    {
        "code": "death",
        "name": "فوت بستگان",
        "description": "ثبت فوت، انحصار وراثت، مستمری بازماندگان، کمک هزینه کفن و دفن و مالیات بر ارث.",
    },
    {
        "code": "military-service",
        "name": "خدمت سربازی",
        "description": "معافیت‌ها، اعزام، امریه، کسری خدمت و کارت پایان خدمت.",
    },
    {
        "code": "studying",
        "name": "تحصیل",
        "description": "ثبت‌نام مدرسه و دانشگاه، کنکور، وام دانشجویی، مدارک و تأییدیه تحصیلی.",
    },
    {
        "code": "driving",
        "name": "رانندگی و خرید خودرو",
        "description": "گواهینامه، نقل و انتقال و پلاک خودرو، خلافی، بیمه شخص ثالث و کارت سوخت.",
    },
    {
        "code": "travelling-abroad",
        "name": "سفر به خارج از کشور",
        "description": "گذرنامه، روادید، اجازه خروج، ارز مسافرتی، حج، عمره و سفر اربعین.",
    },
    {
        "code": "job-seeking",
        "name": "جست‌وجوی کار",
        "description": "کاریابی، آزمون‌های استخدامی، آموزش مهارت و بیمه بیکاری.",
    },
]

CATEGORY_CODES: frozenset[str] = frozenset(c["code"] for c in CATEGORIES)
LIFE_EVENT_CODES: frozenset[str] = frozenset(e["code"] for e in LIFE_EVENTS)
