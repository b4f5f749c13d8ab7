"""An agency's objection to its draft card needs a reason of ten characters once runs of spaces (and
invisible characters) count as one: «ا» and «ب» with twenty spaces between say nothing."""

from __future__ import annotations

import pytest

from panjereh.core.errors import InvalidInput
from panjereh.evaluation.models import Objection
from panjereh.evaluation.services import objection_file, round_compute, round_to_review
from panjereh.evaluation.tests.conftest import AFTER, History


@pytest.mark.parametrize("reason", ["ا" + " " * 20 + "ب", "ا" + "\u200b" * 12 + "ب", "کند\n\n\n\n\n\n\n\nبود"])
def test_an_objection_whose_reason_is_mostly_spaces_is_refused(history: History, reason: str) -> None:
    round_compute(code="1403-Q2", now=AFTER)
    round_to_review(code="1403-Q2")
    with pytest.raises(InvalidInput) as refused:
        objection_file(code="1403-Q2", agency=history.poor, indicator="latency", reason=reason, by="x", now=AFTER)
    assert (refused.value.code, refused.value.field) == ("reason_too_short", "reason")
    assert not Objection.objects.exists()
    filed = objection_file(code="1403-Q2", agency=history.poor, indicator="latency", reason="  قطعی برق بود  ",
                           by="x", now=AFTER)  # fmt: skip
    assert filed.reason == "قطعی برق بود"
