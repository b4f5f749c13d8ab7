"""Hypothesis strategies shared by the tests of ``panjereh.persian``."""

from __future__ import annotations

from hypothesis import strategies as st

# Characters that exercise every rule of the normaliser, so that arbitrary
# text hits them far more often than uniform sampling of Unicode would.
TRICKY = (
    "يىئكأإٱآؤةۀءٴـ"  # Arabic letters and hamza forms that get folded
    "یکاوهسمرتدگ"  # their Persian targets and other letters
    "\u064b\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670"  # marks
    "\u200b\u200c\u200d\ufeff\u00ad"  # zero-width characters and soft hyphen
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789"  # the three digit scripts
    "،؛؟٫٬.,-_()+ \t\n\u00a0\u3000"  # punctuation and whitespace
    "\u0301\u0308\u030cEeJjIİßﻻﺳﻼﯾ"  # Latin accents, case, presentation forms
)

any_char = st.one_of(
    st.sampled_from(TRICKY),
    st.characters(codec=None),
    st.characters(categories=["Cs"]),  # lone surrogates
)

# Arbitrary text: all of Unicode, lone surrogates included.
any_text = st.text(any_char)

# Text made of whole letters (no combining marks, which could merge with the
# neighbouring word when two texts are glued together).
word_text = st.text(st.sampled_from("يىئكأإٱآؤةۀءـیکاوهسمرتدگ aZß0۱٢\u200c"))

ascii_digits = st.text(st.sampled_from("0123456789"), min_size=1, max_size=20)
