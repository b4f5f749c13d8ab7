from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django import forms

from panjereh.accounts.otp import CODE_MALFORMED, mobile_check, national_code_check
from panjereh.agencies.constants import WindowStatus
from panjereh.applications.tracking import clean_tracking_code
from panjereh.catalog.constants import Audience, Maturity
from panjereh.catalog.search import SearchFilters
from panjereh.core.errors import DomainError
from panjereh.persian import to_ascii_digits, to_persian_digits

SMART_CHOICES = [("", "همه"), ("1", "فقط هوشمند"), ("0", "غیرهوشمند")]


class SearchForm(forms.Form):
    q = forms.CharField(label="جستجوی خدمت", required=False, max_length=1000, strip=True)
    agency = forms.SlugField(label="دستگاه", required=False, max_length=64)
    audience = forms.ChoiceField(label="مخاطب", required=False, choices=[("", "همه"), *Audience.choices])
    maturity = forms.ChoiceField(label="سطح الکترونیکی", required=False, choices=[("", "همه"), *Maturity.choices])
    smart = forms.ChoiceField(label="هوشمند", required=False, choices=SMART_CHOICES)
    category = forms.SlugField(label="دسته", required=False, max_length=64)
    life_event = forms.SlugField(label="رویداد زندگی", required=False, max_length=64)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    error_messages = {"max_length": "عبارت جستجو بیش از حد بلند است."}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["q"].error_messages["max_length"] = "عبارت جستجو بیش از حد بلند است (بیشینه ۱۰۰۰ نویسه)."
        for name in ("agency", "category", "life_event"):
            self.fields[name].error_messages["invalid"] = "مقدار این فیلتر نادرست است."
        for name in ("audience", "maturity", "smart"):
            self.fields[name].error_messages["invalid_choice"] = "این گزینه مجاز نیست."
        self.fields["page"].error_messages["invalid"] = "شماره صفحه نادرست است."

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        smart = {"1": True, "0": False}.get(data.get("smart") or "")
        return SearchFilters(
            agency=data.get("agency") or None,
            audience=data.get("audience") or None,
            maturity=data.get("maturity") or None,
            smart=smart,
            category=data.get("category") or None,
            life_event=data.get("life_event") or None,
        )


NATIONAL = "national"  # the directory's province filter: the agencies of the whole country


class AgencyDirectoryForm(forms.Form):
    q = forms.CharField(label="نام دستگاه", required=False, max_length=200, strip=True)
    status = forms.ChoiceField(label="وضعیت پنجره واحد", required=False, choices=[("", "همه"), *WindowStatus.choices])
    province = forms.ChoiceField(label="استان", required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args: object, provinces: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        province = self.fields["province"]
        assert isinstance(province, forms.ChoiceField)
        province.choices = [("", "همه"), (NATIONAL, "دستگاه‌های کشوری"), *((p, p) for p in provinces)]
        self.fields["q"].error_messages["max_length"] = "نام دستگاه بیش از حد بلند است (بیشینه ۲۰۰ نویسه)."
        for name in ("status", "province"):
            self.fields[name].error_messages["invalid_choice"] = "این گزینه مجاز نیست."
        self.fields["page"].error_messages["invalid"] = "شماره صفحه نادرست است."

    def province_filter(self) -> str | None:
        """ "" for the agencies of the whole country, a province's name, or None for all."""
        chosen = self.cleaned_data.get("province") or ""
        return "" if chosen == NATIONAL else (chosen or None)


class LoginForm(forms.Form):
    national_code = forms.CharField(label="کد ملی", max_length=64, strip=True)
    mobile = forms.CharField(label="شماره همراه", max_length=64, strip=True)
    # the ALTCHA widget's solution, asked for only when the address has used its free allowance
    altcha = forms.CharField(required=False, max_length=4096, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["national_code"].widget.attrs.update(
            inputmode="numeric", autocomplete="off", dir="ltr", placeholder="۰۰۱۲۳۴۵۶۷۹"
        )
        self.fields["mobile"].widget.attrs.update(
            inputmode="tel", autocomplete="tel", dir="ltr", placeholder="۰۹۱۲۰۰۰۵۶۷۹"
        )
        self.fields["national_code"].error_messages["required"] = "کد ملی را وارد کنید."
        self.fields["mobile"].error_messages["required"] = "شماره همراه را وارد کنید."

    # Each field on its own, so that when both are wrong both say so (the service would stop at the first).
    def clean_national_code(self) -> str:
        return _checked(national_code_check, self.cleaned_data["national_code"])

    def clean_mobile(self) -> str:
        return _checked(mobile_check, self.cleaned_data["mobile"])


def _checked(check: Callable[[str], str], value: str) -> str:
    try:
        return check(value)
    except DomainError as error:
        raise forms.ValidationError(error.message, code=error.code) from None


class CodeForm(forms.Form):
    code = forms.CharField(label="کد یک‌بارمصرف", max_length=32, strip=True)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["code"].widget.attrs.update(
            inputmode="numeric", autocomplete="one-time-code", dir="ltr", autofocus=True, maxlength="6"
        )
        self.fields["code"].error_messages.update(required="کد پیامک‌شده را وارد کنید.", max_length=CODE_MALFORMED)


TRACKING_CODE_MALFORMED = "کد رهگیری درست نیست؛ کد رهگیری دوازده رقم است، آن را دوباره از روی رسید درخواست بخوانید."
LAST_DIGITS_MALFORMED = "چهار رقم آخر کد ملی متقاضی را به رقم بنویسید، مانند ۵۶۷۹."
FOUR_DIGITS = re.compile("[0-9]{4}")


class TrackForm(forms.Form):
    """/track/: a tracking code and the last four digits of the applicant's national code, each checked
    for its shape only (a tracking code's check digit is arithmetic): what is malformed names no
    application, so saying so tells nothing about which codes exist."""

    tracking_code = forms.CharField(label="کد رهگیری", max_length=40)
    last_digits = forms.CharField(label="چهار رقم آخر کد ملی", max_length=10)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tracking_code"].widget.attrs["id"] = "tracking-code"  # the ids the page's labels point at
        self.fields["last_digits"].widget.attrs["id"] = "last-digits"
        self.fields["tracking_code"].error_messages.update(
            required="کد رهگیری را بنویسید.", max_length=TRACKING_CODE_MALFORMED
        )
        self.fields["last_digits"].error_messages.update(
            required="چهار رقم آخر کد ملی متقاضی را بنویسید.", max_length=LAST_DIGITS_MALFORMED
        )

    def clean_tracking_code(self) -> str:
        code = clean_tracking_code(self.cleaned_data["tracking_code"])
        if code is None:
            raise forms.ValidationError(TRACKING_CODE_MALFORMED, code="invalid")
        return code

    def clean_last_digits(self) -> str:
        digits = "".join(to_ascii_digits(self.cleaned_data["last_digits"]).split())
        if not FOUR_DIGITS.fullmatch(digits):
            raise forms.ValidationError(LAST_DIGITS_MALFORMED, code="invalid")
        return digits


KEY_PATTERN = r"^[A-Za-z0-9_-]{16,128}$"
FIELD_MAX_LENGTH = 1000  # clean_form holds each type to its own, tighter limit


class ApplyForm(forms.Form):
    """A service definition's form, rendered as HTML. Django only carries the values: they are
    validated by panjereh.applications.forms.clean_form, whose Persian errors are added per field."""

    idempotency_key = forms.RegexField(regex=KEY_PATTERN, widget=forms.HiddenInput)

    def __init__(self, fields: list[dict[str, Any]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.declared = fields
        self.fields["idempotency_key"].error_messages.update(
            required="فرم ناقص رسید؛ صفحه را دوباره باز کنید.", invalid="فرم ناقص رسید؛ صفحه را دوباره باز کنید."
        )
        for spec in fields:
            self.fields[spec["name"]] = _field(spec)

    def renew_key(self, key: str) -> None:
        """Shown again with a fresh key (what was typed and the errors stay)."""
        self.data = {**{name: self.data.get(name) for name in self.data}, "idempotency_key": key}

    def data_for_service(self) -> dict[str, Any]:
        """What the person filled in, as the applications service takes it: empty fields left out."""
        values = {spec["name"]: self.cleaned_data.get(spec["name"]) for spec in self.declared}
        return {name: value for name, value in values.items() if value not in (None, "")}


def _field(spec: dict[str, Any]) -> forms.Field:
    kind = spec["type"]
    required = spec.get("required", True)
    label = spec["label"] if required else f"{spec['label']} (اختیاری)"
    common: dict[str, Any] = {"label": label, "help_text": spec.get("help", ""), "required": False}
    if kind == "boolean":
        return forms.BooleanField(**common)
    attrs: dict[str, str] = {}
    widget: forms.Widget
    if kind == "choice":
        options = [("", "انتخاب کنید"), *((c["value"], c["label"]) for c in spec["choices"])]
        widget = forms.Select(choices=options, attrs={"class": "form-select"})
    else:
        if kind in ("number", "national_code", "mobile", "postal_code", "date"):
            attrs.update(dir="ltr", inputmode="decimal" if kind == "number" else "numeric", autocomplete="off")
        if kind == "date":
            attrs["placeholder"] = "۱۴۰۳/۰۷/۱۵"
        widget = forms.TextInput(attrs={"class": "form-control", **attrs})
    if required:
        widget.attrs["aria-required"] = "true"
    if spec.get("help"):
        widget.attrs["aria-describedby"] = f"id_{spec['name']}-note"  # the help (or the error) under the field
    field = forms.CharField(max_length=FIELD_MAX_LENGTH, widget=widget, **common)
    field.error_messages["max_length"] = f"«{spec['label']}» بیش از حد بلند است."
    return field


class AppealForm(forms.Form):
    text = forms.CharField(label="دلیل اعتراض (اختیاری)", required=False, max_length=300, widget=forms.Textarea(
        attrs={"rows": 3, "class": "form-control"}))  # fmt: skip


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        # Nothing chosen at first: a preset would put five stars in the mouth of whoever just presses the button.
        label="امتیاز شما", coerce=int,
        choices=[("", "انتخاب کنید"), *((str(n), to_persian_digits(str(n))) for n in range(5, 0, -1))],
        widget=forms.Select(attrs={"class": "form-select"}),
    )  # fmt: skip
    comment = forms.CharField(label="نظر شما (اختیاری)", required=False, max_length=1000, widget=forms.Textarea(
        attrs={"rows": 2, "class": "form-control"}))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stars"].error_messages.update(
            required="امتیاز را انتخاب کنید.", invalid_choice="امتیاز باید از ۱ تا ۵ باشد."
        )
        self.fields["comment"].error_messages["max_length"] = "نظر شما حداکثر ۱۰۰۰ نویسه است."


class ComplaintForm(forms.Form):
    text = forms.CharField(label="شرح شکایت", max_length=2000, widget=forms.Textarea(
        attrs={"rows": 3, "class": "form-control"}))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].error_messages.update(
            required="شرح شکایت را بنویسید.", max_length="شرح شکایت حداکثر ۲۰۰۰ نویسه است."
        )


class BillForm(forms.Form):
    bill_id = forms.CharField(label="شناسه قبض", max_length=40, widget=forms.TextInput(
        attrs={"class": "form-control", "inputmode": "numeric", "autocomplete": "off", "dir": "ltr"}))  # fmt: skip
    payment_id = forms.CharField(label="شناسه پرداخت", max_length=40, widget=forms.TextInput(
        attrs={"class": "form-control", "inputmode": "numeric", "autocomplete": "off", "dir": "ltr"}))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in (("bill_id", "شناسه قبض"), ("payment_id", "شناسه پرداخت")):
            self.fields[name].error_messages.update(required=f"{label} را بنویسید.",
                                                    max_length=f"{label} بیش از حد بلند است.")  # fmt: skip
