"""Several debates in one planner: the choice, the URL that names it, and a pasted question answered
from the debate it is about."""

from __future__ import annotations

import os

import pytest

from arguments.load import BUNDLED_PACK, bundled_packs, load_pack
from arguments.present import inline
from tests.app.conftest import no_exception, plan_title

DEFAULT = load_pack(BUNDLED_PACK)
OTHER = next(load_pack(folder) for folder in bundled_packs() if folder != BUNDLED_PACK)
BOTH = os.pathsep.join(str(folder) for folder in bundled_packs())


@pytest.fixture
def debates(make_app):
    def make(**query: str):
        return make_app(pack=BOTH, **query)

    return make


def test_the_debates_are_offered_and_the_default_needs_no_parameter(debates):
    at = debates()
    no_exception(at)
    choice = at.selectbox(key="_debate_choice")
    assert choice.options == [p.info.title for p in (DEFAULT, OTHER)] and choice.value == DEFAULT.info.id
    assert "debate" not in at.query_params  # old links stay exact: the default is the debate without one
    assert at.selectbox(key="question").options[0] == DEFAULT.questions[0].text


def test_choosing_a_debate_names_it_in_the_url_and_starts_its_page_afresh(debates):
    at = debates(question=DEFAULT.questions[0].id)
    at.selectbox(key="_debate_choice").set_value(OTHER.info.id).run()
    no_exception(at)
    assert at.query_params["debate"] == OTHER.info.id and "question" not in at.query_params
    assert at.selectbox(key="question").options == [q.text for q in OTHER.questions]
    question = OTHER.questions[0]
    at.selectbox(key="question").set_value(question.id).run()
    at.radio(key="thesis").set_value(question.theses[0]).run()
    no_exception(at)
    assert plan_title(at) == f"Essay plan: {inline(OTHER.thesis[question.theses[0]].title)}"
    at.switch_page("app_pages/explorer.py").run()  # the top navigation: the debate stays
    no_exception(at)
    assert len(at.dataframe[0].value) == len(OTHER.evidence)


def test_a_link_names_its_debate_and_a_bad_one_falls_back_with_a_warning(debates):
    question = OTHER.questions[1]
    at = debates(debate=OTHER.info.id, question=question.id, thesis=question.theses[0])
    no_exception(at)
    assert at.selectbox(key="_debate_choice").value == OTHER.info.id
    assert plan_title(at) is not None
    bad = debates(debate="no-such-debate")
    no_exception(bad)
    assert bad.selectbox(key="_debate_choice").value == DEFAULT.info.id
    assert any("debate the planner does not have" in w.value for w in bad.warning)


def test_a_pasted_question_is_answered_from_the_debate_it_is_about(debates):
    at = debates()
    text = "How far was Stalin responsible for the breakdown of the wartime alliance between 1945 and 1949?"
    at.text_input(key="pasted_question").input(text).run()
    no_exception(at)
    assert at.selectbox(key="_debate_choice").value == OTHER.info.id
    assert at.query_params["debate"] == OTHER.info.id
    assert any(OTHER.info.subject in i.value for i in at.info)
    ranked = at.radio(key="thesis").options
    assert ranked and all(t in {inline(th.title) for th in OTHER.theses} for t in ranked)
    # Back in the default debate, a question about it stays there.
    at.selectbox(key="_debate_choice").set_value(DEFAULT.info.id).run()
    at.text_input(key="pasted_question").input("Why did Stalin sign the Nazi-Soviet Pact in August 1939?").run()
    assert at.selectbox(key="_debate_choice").value == DEFAULT.info.id
    # A question on neither is refused, naming both debates.
    at.text_input(key="pasted_question").input("Why did the French Revolution break out in 1789?").run()
    warning = at.warning[0].value
    assert DEFAULT.info.subject in warning and OTHER.info.subject in warning
