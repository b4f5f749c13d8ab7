from __future__ import annotations

from panjereh.portal.templatetags.portal import select_options


def test_menu_options_are_escaped_and_the_chosen_one_is_selected() -> None:
    html = select_options([("a", "الف"), ('b"><script>', "<b>ب</b>")], "a")
    assert html == (
        '<option value="a" selected>الف</option><option value="b&quot;&gt;&lt;script&gt;">&lt;b&gt;ب&lt;/b&gt;</option>'
    )
