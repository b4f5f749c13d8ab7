"""The rule language (JSON Logic, no eval) and the checks a definition passes before it is used."""

from __future__ import annotations

import pytest

from panjereh.applications import rules
from panjereh.applications.definitions import definition_errors
from panjereh.applications.forms import FormInvalid, clean_form
from panjereh.applications.sample import DEFINITIONS

INPUTS = {"form": {}, "person": {"age": 30}, "inquiries": {"record": {"has_record": True, "records": [1]}}}


def test_the_first_rule_that_holds_rejects_with_its_reason() -> None:
    decision = rules.decide(
        [{"when": {"<": [{"var": "person.age"}, 18]}, "reason": "زیر هجده سال"},
         {"when": {"var": "inquiries.record.has_record"}, "reason": "سابقه دارد"}],
        INPUTS, "پذیرفته شد",
    )  # fmt: skip
    assert decision == rules.Outcome(False, "سابقه دارد")


def test_no_rule_holding_approves_with_the_approval_reason() -> None:
    assert rules.decide([], INPUTS, "پذیرفته شد") == rules.Outcome(True, "پذیرفته شد")


def test_the_inputs_hash_is_stable_and_changes_with_any_input() -> None:
    same = {"person": {"age": 30}, "inquiries": INPUTS["inquiries"], "form": {}}
    assert rules.inputs_hash(INPUTS) == rules.inputs_hash(same)
    assert rules.inputs_hash(INPUTS) != rules.inputs_hash({**INPUTS, "person": {"age": 31}})


def test_an_unknown_operation_is_a_rule_error_not_a_crash() -> None:
    with pytest.raises(rules.RuleError):
        rules.evaluate({"__import__": ["os"]}, INPUTS)


def test_every_sample_definition_is_valid() -> None:
    for spec in DEFINITIONS:
        assert definition_errors(spec) == [], spec["code"]


def test_a_definition_with_bad_parts_lists_each_problem_in_persian() -> None:
    errors = definition_errors({
        "decision_mode": "automatic",
        "form": [{"name": "Bad Name", "type": "colour", "label": ""}],
        "inquiries": [{"name": "x", "provider": "Judiciary!", "service": "criminal-record"}],
        "rules": [{"when": {"eval": ["1+1"]}, "reason": "x"}, {"when": True}],
        "document": None,
    })  # fmt: skip
    assert "قاعده ۱ عملگر ناشناخته دارد: eval" in errors
    assert any("نام فیلد ۱" in e for e in errors)
    assert any("نوع فیلد ۱" in e for e in errors)
    assert any("«provider»" in e for e in errors)
    assert any("قاعده ۲ باید دقیقاً when و reason" in e for e in errors)
    assert "خدمت هوشمند باید سندی صادر کند." in errors


FIELDS = [
    {"name": "age", "type": "number", "label": "سن", "min": 18, "max": 120},
    {"name": "born", "type": "date", "label": "تاریخ تولد"},
    {"name": "code", "type": "national_code", "label": "کد ملی همسر"},
    {"name": "mobile", "type": "mobile", "label": "همراه", "required": False},
    {"name": "agree", "type": "boolean", "label": "موافقت"},
]


def test_a_form_is_cleaned_from_any_digit_script() -> None:
    clean = clean_form(FIELDS, {"age": "۳۰", "born": "۱۳۷۰/۰۱/۰۱", "code": "۰۰۱۲۳۴۵۶۷۹", "agree": True})
    assert clean == {"age": 30, "born": "1991-03-21", "code": "0012345679", "agree": True}


def test_each_bad_field_gets_its_own_persian_message() -> None:
    with pytest.raises(FormInvalid) as caught:
        clean_form(FIELDS, {"age": 12, "born": "1370/13/01", "code": "1111111111", "mobile": "123", "agree": "yes"})
    assert caught.value.errors == {
        "age": "«سن» نباید کمتر از ۱۸ باشد.",
        "born": "«تاریخ تولد» باید تاریخ شمسی درست مانند ۱۴۰۳/۰۷/۱۵ باشد.",
        "code": "«کد ملی همسر» کد ملی درستی نیست.",
        "mobile": "«همراه» شماره همراه درستی نیست.",
        "agree": "«موافقت» باید بله یا خیر باشد.",
    }


def test_numbers_refuse_nan_infinity_and_booleans() -> None:
    for bad in ("NaN", "inf", True, [1], {"a": 1}):
        with pytest.raises(FormInvalid):
            clean_form(FIELDS[:1], {"age": bad})
