"""Persian text, digits, dates and Iranian identifiers.

Pure Python (stdlib + jdatetime): no Django here, so everything can be used
and tested anywhere — models, forms, API schemas, scripts.
"""

from .bills import Bill, InvalidBill, make_payment_id, parse_bill
from .digits import digit_script, format_decimal, to_ascii_digits, to_persian_digits
from .jalali import (
    PERSIAN_MONTHS,
    format_date,
    format_date_long,
    format_datetime,
    parse_date,
    to_jalali,
)
from .lemma import lemma, lemma_terms, lemmas
from .mobile import (
    SANDBOX_MOBILE_PREFIX,
    InvalidMobile,
    is_sandbox_mobile,
    is_valid_mobile,
    mask_mobile,
    normalize_mobile,
)
from .national_code import (
    InvalidNationalCode,
    is_valid_national_code,
    make_national_code,
    normalize_national_code,
)
from .normalize import (
    clean_input,
    compact,
    index_terms,
    joined_terms,
    normalize,
    same_text,
    tokens,
    with_leading_word,
)

__all__ = [
    "PERSIAN_MONTHS",
    "SANDBOX_MOBILE_PREFIX",
    "Bill",
    "InvalidBill",
    "InvalidMobile",
    "InvalidNationalCode",
    "clean_input",
    "compact",
    "digit_script",
    "format_date",
    "format_date_long",
    "format_datetime",
    "format_decimal",
    "index_terms",
    "is_sandbox_mobile",
    "is_valid_mobile",
    "is_valid_national_code",
    "joined_terms",
    "lemma",
    "lemma_terms",
    "lemmas",
    "make_national_code",
    "make_payment_id",
    "mask_mobile",
    "normalize",
    "normalize_mobile",
    "normalize_national_code",
    "parse_bill",
    "parse_date",
    "same_text",
    "to_ascii_digits",
    "to_jalali",
    "to_persian_digits",
    "tokens",
    "with_leading_word",
]
