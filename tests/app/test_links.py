"""Hostile links (issue 12): every query parameter is read strictly, and the page never shows an exception.

A value that is not what a link of the planner's own holds (ASCII ids of at most 80 characters, a
slide number in ASCII digits, a known view) is ignored with a short, fixed warning that quotes at
most 80 characters of an id and nothing else of the link.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app_pages.plan_state import LOST_NOTES, MAX_ECHO, URL_KEYS
from tests.app.conftest import no_exception, plan_title
from tests.app.test_projection import BASE, slide_title

MAX_WARNING = 160  # characters: the longest fixed warning plus an 80-character id, with room to spare


def warnings(at) -> list[str]:
    return [w.value for w in at.warning]


@pytest.mark.parametrize("step", ["²", "①", "9" * 4301, "٣", "1.5", " 2", "-1", "0", "+3", "0x2", "1e3", "1000"])
def test_a_step_that_is_not_a_small_ascii_number_opens_the_first_slide(make_app, step):
    at = make_app(**BASE, step=step)
    no_exception(at)
    assert slide_title(at) == "Introduction"
    assert warnings(at) == ["This link's slide number is not a whole number from 1 to 999; the first slide is shown."]
    assert at.query_params["step"] == "1"


def test_a_valid_step_gives_no_warning(make_app):
    at = make_app(**BASE, step="2")
    no_exception(at)
    assert slide_title(at) == "Paragraph 1 of 3" and warnings(at) == []


def test_an_unknown_view_is_not_said_to_be_missing_from_the_data_pack(make_app):
    at = make_app(thesis="cs-genuine", view="unknown")
    no_exception(at)
    assert warnings(at) == ["This link asks for a view the planner does not have; the plan is shown."]
    assert plan_title(at) is not None


@pytest.mark.parametrize("key", ["question", "thesis"])
def test_a_huge_or_foreign_id_is_never_echoed(make_app, key):
    for value in ("x" * 100_000, "ｃｓ-genuine", "cs-genuine\n", "Remember :material/warning: and :streamlit:"):
        at = make_app(**{key: value})
        no_exception(at)
        assert warnings(at) == [f"This link's {key} is not a valid id; it was ignored."]
        assert plan_title(at) is None


def test_an_unknown_id_is_quoted_whole_only_up_to_80_characters(make_app):
    at = make_app(question="a" * MAX_ECHO)
    assert warnings(at) == [
        f"This link asks for the question '{'a' * MAX_ECHO}', which is not in the data pack; it was ignored."
    ]
    at = make_app(question="a" * (MAX_ECHO + 1))
    assert warnings(at) == ["This link's question is not a valid id; it was ignored."]


def test_a_malformed_part_opens_the_introduction(make_app):
    at = make_app(thesis="cs-genuine", part="<b>" * 1000)
    no_exception(at)
    assert warnings(at) == ["This link's part of the plan is not a valid id; the introduction is shown."]
    assert at.pills(key="part").value == "introduction"


# Anything a link could carry: any text, the characters that broke ``int()``, huge runs of digits.
VALUES = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="0123456789²³¹①٣۴߅०৪੫૬୭௮౯໙", max_size=12),
    st.integers(min_value=-(10**6), max_value=10**6).map(str),
    st.integers(min_value=1, max_value=5000).map(lambda n: "9" * n),  # int() refuses over 4,300 digits
    st.sampled_from(["cs-genuine", "collective-security-1933-39", "project", "plan", "whole", "conclusion", ""]),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(URL_KEYS), VALUES, min_size=1))
def test_any_link_opens_the_page_without_an_exception(make_app, query):
    at = make_app(**query)
    no_exception(at)
    assert at.title, "the page drew nothing"
    for warning in warnings(at):
        if warning == LOST_NOTES:  # fixed text ("notes=1" in the link): it quotes nothing from the link
            continue
        assert len(warning) <= MAX_WARNING
        for value in query.values():
            if len(value) > MAX_ECHO:
                assert value not in warning  # a long value is never quoted


def test_a_page_that_held_notes_says_they_are_gone_when_opened_again(make_app):
    """While the session holds the student's words the address says so (notes=1); a new session opened
    at that address (a refresh, a restarted planner, another process behind nginx) says the notes are
    not in it, once, and the address stops saying so until new notes are written."""
    at = make_app(thesis="cs-genuine")
    assert "notes" not in at.query_params
    at.text_area(key="note__introduction").input("My unsaved note").run()
    assert at.query_params["notes"] == "1"
    address = {k: at.query_params[k] for k in at.query_params}
    again = make_app(**address)  # the same address in a new session
    no_exception(again)
    assert [w.value for w in again.warning] == [LOST_NOTES]
    assert "notes" not in again.query_params  # this session holds none
    again.radio(key="thesis").set_value("cs-genuine").run()
    assert not again.warning  # said once
    fresh = make_app(thesis="cs-genuine")  # a link without notes: nothing to say
    assert not fresh.warning
