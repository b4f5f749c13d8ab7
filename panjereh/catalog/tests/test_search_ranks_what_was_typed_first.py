"""What the person typed outranks what search found for them: literal words in the title, then in
the keywords, then the same lemma, then a synonym, then a typo correction (issue 29). Each step is
tried among near-twins: many services that differ from the one expected by a word."""

from __future__ import annotations

import pytest

from conftest import import_records, profile
from panjereh.catalog.search import search_services

pytestmark = pytest.mark.django_db

# Kinds of the same act, so that a catalog holds many near-twins of one service.
KINDS = [
    "تحصیلی", "کاری", "توریستی", "زیارتی", "تجاری", "پزشکی", "ورزشی", "خبرنگاری", "ترانزیت", "دانشجویی",
    "خانوادگی", "سرمایه‌گذاری", "فرهنگی", "علمی", "هنری", "دیپلماتیک",
]  # fmt: skip


def twins(code: str, title: str, **fields: object) -> list[dict[str, object]]:
    """One service per kind: «title kind»."""
    return [profile(f"{code}-{n}", f"{title} {kind}", **fields) for n, kind in enumerate(KINDS)]


def codes(query: str) -> list[str]:
    return [service.code for service in search_services(query, page_size=100).services]


def found_first(query: str, expected: str, *, among: int) -> None:
    """`expected` is first and the `among` near-twins were found too (they do compete)."""
    found = codes(query)
    assert found[:1] == [expected], found[:3]
    assert len(found) >= among + 1


def test_a_singular_query_finds_a_title_in_the_broken_plural_and_the_reverse() -> None:
    import_records([
        profile("documents-verify", "تصدیق مدارک تحصیلی"),
        profile("deed-issue", "صدور سند مالکیت"),
        profile("e-services", "فهرست خدمات الکترونیک"),
        profile("board-members", "استعلام اعضای هیئت مدیره"),
        profile("utility-bills", "پرداخت قبوض آب و برق"),
        profile("vehicle-inspection", "معاینه فنی وسائط نقلیه"),  # with ئ, as often typed
        *twins("certificate-verify", "تصدیق گواهی"),
    ])  # fmt: skip
    assert codes("تصدیق مدرک تحصیلی")[:1] == ["documents-verify"]  # singular typed, plural in the title
    assert codes("مدرک")[:1] == ["documents-verify"]
    assert codes("صدور اسناد مالکیت")[:1] == ["deed-issue"]  # plural typed, singular in the title
    assert codes("خدمت‌های الکترونیک")[:1] == ["e-services"]  # a Persian plural for an Arabic one
    assert codes("خدمتها")[:1] == ["e-services"]  # ها written without the half-space
    assert codes("عضو هیئت مدیره")[:1] == ["board-members"]  # the ezafe of اعضای
    assert codes("قبض")[:1] == ["utility-bills"]
    assert codes("واسطه")[:1] == ["vehicle-inspection"]


def test_what_is_found_under_a_lemma_is_not_called_a_guess() -> None:
    import_records([profile("documents-verify", "تصدیق مدارک تحصیلی")])
    result = search_services("مدرک تحصیلی")
    assert result.count == 1 and not result.approximate and result.suggestion == ""


def test_an_unfinished_word_that_continues_the_phrase_beats_the_two_words_far_apart() -> None:
    """«پروانه ساختمان» is what people call the building permit («صدور پروانه ساختمانی»); engineers' work
    licences have both words whole, far apart, and must not bury it."""
    import_records([
        *twins("engineer-licence", "پروانه اشتغال به کار مهندسی ساختمان"),
        profile("building-permit", "صدور پروانه ساختمانی"),
    ])  # fmt: skip
    found_first("پروانه ساختمان", "building-permit", among=len(KINDS))
    assert codes("پروانه اشتغال")[:1] != ["building-permit"]  # a phrase of the licences still finds them


def test_an_exact_keyword_beats_a_synonym_expanded_title_among_many_near_twins() -> None:
    import_records([
        *twins("visa", "صدور روادید"),  # «ویزا» is a synonym of «روادید»
        profile("residence", "درخواست اقامت موقت اتباع خارجی", keywords=["ویزا"]),
    ])  # fmt: skip
    found_first("ویزا", "residence", among=len(KINDS))


def test_a_plate_query_finds_the_service_whose_keywords_say_plate_before_every_numbering_title() -> None:
    vehicles = ["سواری", "وانت", "کامیون", "اتوبوس", "مینی‌بوس", "تراکتور", "موتورسیکلت", "تاکسی", "امبولانس"]
    import_records([
        *[profile(f"numbering-{n}", f"شماره‌گذاری خودرو {kind}") for n, kind in enumerate(vehicles)],
        profile("ownership-transfer", "انتقال مالکیت وسیله نقلیه", keywords=["پلاک"]),
    ])  # fmt: skip
    found_first("پلاک", "ownership-transfer", among=len(vehicles))


def test_step_one_a_word_typed_in_the_title_outranks_the_same_word_in_keywords() -> None:
    import_records([
        *twins("certificate", "صدور گواهی", keywords=["مفاصاحساب"]),
        profile("settlement", "صدور مفاصاحساب بیمه کارفرمایان پیمانکاری عمرانی و ساختمانی"),
    ])  # fmt: skip
    found_first("مفاصاحساب", "settlement", among=len(KINDS))


def test_step_two_a_word_typed_in_keywords_outranks_its_lemma_in_titles() -> None:
    import_records([
        *twins("deeds", "ثبت اسناد"),  # «سند» is the lemma of «اسناد»
        profile("property-status", "استعلام وضعیت ملک", keywords=["سند"]),
    ])  # fmt: skip
    found_first("سند", "property-status", among=len(KINDS))


def test_step_three_a_lemma_in_the_title_outranks_a_synonym_in_titles() -> None:
    import_records([
        *twins("conveyance", "ثبت قباله"),  # «قباله» is a synonym of «سند»
        profile("deed-duplicate", "صدور المثنی سند"),  # «سند» is the lemma of «اسناد»
    ])  # fmt: skip
    found_first("اسناد", "deed-duplicate", among=len(KINDS))


def test_step_four_a_synonym_outranks_a_typo_correction() -> None:
    import_records([
        *twins("patent", "ثبت اختراع"),  # «اختراغ» is one letter away from «اختراع»
        profile("passport", "تمدید گذرنامه"),  # «پاسپورت» is a synonym of «گذرنامه»
    ])  # fmt: skip
    # No service has both words: each is found through one of them, the synonym's first.
    result = search_services("پاسپورت اختراغ", page_size=100)
    assert result.approximate
    found = [service.code for service in result.services]
    assert found[:1] == ["passport"], found[:3]
    assert len(found) == len(KINDS) + 1


def test_an_exact_title_still_ranks_first_among_twins_that_share_its_lemma() -> None:
    import_records([
        profile("deed-singular", "صدور سند"),
        profile("deeds-plural", "صدور اسناد"),
        *twins("deed-kind", "صدور اسناد"),
    ])  # fmt: skip
    plural = codes("صدور اسناد")
    assert plural[0] == "deeds-plural"  # the whole title, as typed
    assert plural.index("deed-singular") == len(KINDS) + 1  # after every twin with the word as typed
    singular = codes("صدور سند")
    assert singular[0] == "deed-singular"
    assert singular[1] == "deeds-plural"  # then the same lemma, the shortest title first


def test_a_typo_correction_in_the_title_outranks_a_word_found_only_in_the_summary() -> None:
    import_records([
        *twins("photo", "ارسال عکس", summary="عکس گذرنامه یا کارت ملی"),
        profile("passport", "تمدید گذرنامه"),
    ])  # fmt: skip
    result = search_services("گذرنامح", page_size=100)  # one letter away from «گذرنامه»
    found = [service.code for service in result.services]
    assert result.approximate and found[:1] == ["passport"], found[:3]
    assert len(found) == len(KINDS) + 1  # the twins compete: the summary is searched too


def test_the_release_that_added_plurals_indexes_again_the_services_that_use_them() -> None:
    import importlib

    from django.apps import apps

    from panjereh.catalog.models import Service
    from panjereh.catalog.search.index import backend

    import_records([profile("utility-bills", "پرداخت قبوض آب و برق"), profile("other", "تمدید گذرنامه")])
    backend().delete(list(Service.objects.values_list("pk", flat=True)))  # as an index built before the release
    assert codes("قبض") == [] and codes("گذرنامه") == []
    migration = importlib.import_module("panjereh.catalog.migrations.0006_search_index_new_plurals")
    migration.reindex_new_plurals(apps, None)
    assert codes("قبض") == ["utility-bills"]
    assert codes("گذرنامه") == []  # only the services that use the new plurals
