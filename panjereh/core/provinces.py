"""Iran's provinces, as the platform names them (offices, provincial agencies, provincial closures)."""

from __future__ import annotations

# The 31 provinces: (ascii key, Persian name), largest first.
PROVINCES: list[tuple[str, str]] = [
    ("tehran", "تهران"),
    ("razavi-khorasan", "خراسان رضوی"),
    ("isfahan", "اصفهان"),
    ("fars", "فارس"),
    ("east-azarbaijan", "آذربایجان شرقی"),
    ("khuzestan", "خوزستان"),
    ("alborz", "البرز"),
    ("mazandaran", "مازندران"),
    ("west-azarbaijan", "آذربایجان غربی"),
    ("kerman", "کرمان"),
    ("sistan-baluchestan", "سیستان و بلوچستان"),
    ("gilan", "گیلان"),
    ("kermanshah", "کرمانشاه"),
    ("golestan", "گلستان"),
    ("hormozgan", "هرمزگان"),
    ("lorestan", "لرستان"),
    ("hamedan", "همدان"),
    ("kurdistan", "کردستان"),
    ("markazi", "مرکزی"),
    ("qom", "قم"),
    ("qazvin", "قزوین"),
    ("ardabil", "اردبیل"),
    ("yazd", "یزد"),
    ("zanjan", "زنجان"),
    ("bushehr", "بوشهر"),
    ("chaharmahal-bakhtiari", "چهارمحال و بختیاری"),
    ("north-khorasan", "خراسان شمالی"),
    ("kohgiluyeh-boyerahmad", "کهگیلویه و بویراحمد"),
    ("south-khorasan", "خراسان جنوبی"),
    ("semnan", "سمنان"),
    ("ilam", "ایلام"),
]
