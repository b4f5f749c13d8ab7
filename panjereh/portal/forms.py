from __future__ import annotations

from django import forms

from panjereh.catalog.constants import Audience, Maturity
from panjereh.catalog.search import SearchFilters

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


class LoginForm(forms.Form):
    national_code = forms.CharField(label="کد ملی", max_length=64, strip=True)
    mobile = forms.CharField(label="شماره همراه", max_length=64, strip=True)

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


class CodeForm(forms.Form):
    code = forms.CharField(label="کد یک‌بارمصرف", max_length=32, strip=True)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["code"].widget.attrs.update(
            inputmode="numeric", autocomplete="one-time-code", dir="ltr", autofocus=True, maxlength="6"
        )
        self.fields["code"].error_messages["required"] = "کد پیامک‌شده را وارد کنید."
