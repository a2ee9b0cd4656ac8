"""The plan page's pasted question (issue 5) through AppTest: decoded, ranked, planned, in the URL."""

from __future__ import annotations

import re

import pytest

from app_pages import plan_question
from app_pages.plan_state import MAX_PASTED_CHARS, PASTED
from arguments import suggest
from arguments.export import render_markdown
from arguments.load import BUNDLED_PACK, load_pack
from arguments.plan import PlanEdits, build_plan
from arguments.present import inline
from arguments.suggest import suggest_theses
from tests.app.conftest import markdown_text, no_exception, plan_title, show_part
from tests.inert import PARSERS, active

TERROR = "How far did the purges of 1936–38 weaken Soviet foreign policy?"
OFF_TOPIC = "Why did the French Revolution break out in 1789?"


@pytest.fixture(scope="module")
def pack():
    return load_pack(BUNDLED_PACK)


@pytest.fixture
def app(make_app):
    return make_app(pack=BUNDLED_PACK)


def paste(at, text):
    at.text_input(key=PASTED).input(text).run()
    no_exception(at)
    return at


def captions(at) -> list[str]:
    return list(at.radio(key="thesis").proto.captions)


def test_pasting_a_question_shows_what_it_asks_and_the_ranked_theses(app, pack):
    paste(app, TERROR)
    text = markdown_text(app)
    assert "**How the planner reads your question:**" in text
    assert "- **Key concept:** consequences and impact" in text
    assert "- **Command term:** How far" in text
    assert "- **Date range:** 1936–1938" in text
    # Best first: the radio offers the engine's top five, in its order, with school, score and reason.
    ranked = suggest_theses(pack, TERROR).ranked[: plan_question.TOP]
    radio = app.radio(key="thesis")
    assert radio.options == [inline(r.thesis.title) for r in ranked]
    assert radio.value is None and plan_title(app) is None  # the student picks; no plan yet
    for rank, (caption, r) in enumerate(zip(captions(app), ranked, strict=True), start=1):
        schools = ", ".join(pack.school[s].name for s in r.thesis.schools)
        word = "School" if len(r.thesis.schools) == 1 else "Schools"
        assert caption.startswith(inline(f"Rank {rank} · {word}: {schools} · Score {r.score:.2f} · Why: "))
    assert ranked[0].thesis.id == "terror-weakened-foreign-policy"
    assert dict(app.query_params) == {"q": TERROR}


def test_choosing_a_ranked_thesis_shows_the_plan_adapted_to_the_question(app, pack, downloads):
    paste(app, TERROR)
    best = suggest_theses(pack, TERROR).ranked[0].thesis
    app.radio(key="thesis").set_value(best.id).run()
    no_exception(app)
    assert plan_title(app) == f"Essay plan: {inline(best.title)}"
    text = markdown_text(app)
    assert f"**Question:** {inline(TERROR)}" in text and "**Decoded:** How far" in text
    text = markdown_text(show_part(app, "conclusion"))
    assert "**Judgement:**" in text and "**Ranked, decisive first:** paragraph" in text
    assert dict(app.query_params) == {"q": TERROR, "thesis": best.id, "part": "conclusion"}
    # The download is the engine's export for this question: it records the question's text.
    export = downloads(app, "export_md").content.decode("utf-8")
    analysis = suggest_theses(pack, TERROR).analysis
    assert export == render_markdown(build_plan(pack, best.id, PlanEdits(), analysis))
    assert f'question-text: "{TERROR}"' in export


def test_evidence_outside_the_pasted_questions_dates_is_flagged(app, pack):
    question = "Why did Stalin ally with Hitler in 1939?"
    paste(app, question)
    app.radio(key="thesis").set_value(suggest_theses(pack, question).ranked[0].thesis.id).run()
    no_exception(app)
    assert "Outside the question" not in markdown_text(show_part(app, "whole"))  # an exam plan leaves it out
    app.segmented_control(key="length").set_value("revision").run()  # revision notes flag it
    no_exception(app)
    assert "**Outside the question's dates (1939):**" in markdown_text(show_part(app, "whole"))


def test_a_question_without_a_command_term_is_read_as_to_what_extent(app):
    paste(app, "Soviet foreign policy and the Spanish Civil War")
    assert "- **Command term:** none found, so it is read as 'To what extent'" in markdown_text(app)
    assert app.radio(key="thesis").options  # still ranked


def test_an_off_topic_question_says_so_plainly_and_offers_no_thesis(app, pack):
    paste(app, TERROR)
    app.radio(key="thesis").set_value("terror-weakened-foreign-policy").run()
    paste(app, OFF_TOPIC)
    warnings = [w.value for w in app.warning]
    assert len(warnings) == 1 and warnings[0].startswith(inline(pack.vocabulary.topic.off_topic))
    assert "1789" in warnings[0]
    assert not app.radio  # no thesis to pick
    assert plan_title(app) is None
    assert "How the planner reads" not in markdown_text(app)
    assert dict(app.query_params) == {"q": OFF_TOPIC}


def test_the_url_restores_the_pasted_question_and_thesis(make_app, pack):
    at = make_app(pack=BUNDLED_PACK, q=TERROR, thesis="terror-weakened-foreign-policy")
    no_exception(at)
    assert at.text_input(key=PASTED).value == TERROR
    assert at.selectbox(key="question").value is None
    assert at.radio(key="thesis").value == "terror-weakened-foreign-policy"
    assert f"**Question:** {inline(TERROR)}" in markdown_text(at)
    assert dict(at.query_params) == {"q": TERROR, "thesis": "terror-weakened-foreign-policy"}


def test_a_refresh_after_pasting_restores_the_same_page(app, make_app):
    paste(app, TERROR)
    app.radio(key="thesis").set_value("terror-weakened-foreign-policy").run()
    refreshed = make_app(pack=BUNDLED_PACK, **dict(app.query_params))
    no_exception(refreshed)
    assert plan_title(refreshed) == plan_title(app)
    assert markdown_text(refreshed) == markdown_text(app)


def test_a_url_thesis_ranked_below_the_top_five_is_kept_last(make_app, pack):
    ranked = suggest_theses(pack, TERROR).ranked
    low = ranked[-1].thesis.id
    at = make_app(pack=BUNDLED_PACK, q=TERROR, thesis=low)
    no_exception(at)
    assert at.radio(key="thesis").value == low
    assert at.radio(key="thesis").options[-1] == inline(ranked[-1].thesis.title)
    assert captions(at)[-1].startswith(f"Rank {len(ranked)} · ")


def test_a_new_pasted_question_keeps_the_thesis_only_if_it_ranks_it(app, pack):
    paste(app, TERROR)
    app.radio(key="thesis").set_value("terror-weakened-foreign-policy").run()
    paste(app, "Examine the impact of the Great Terror on Soviet foreign policy, 1936–39.")
    assert app.radio(key="thesis").value == "terror-weakened-foreign-policy"
    paste(app, "Why did the USSR join the League of Nations in 1934?")
    assert app.radio(key="thesis").value is None
    assert plan_title(app) is None


def test_pasting_replaces_a_chosen_question_and_choosing_one_clears_the_paste(app, pack):
    question = pack.questions[0]
    app.selectbox(key="question").select(question.id).run()
    paste(app, TERROR)
    assert app.selectbox(key="question").value is None
    assert "q" in app.query_params and "question" not in app.query_params
    app.selectbox(key="question").select(question.id).run()
    no_exception(app)
    assert app.text_input(key=PASTED).value == ""
    assert "How the planner reads" not in markdown_text(app)
    assert app.radio(key="thesis").options == [inline(pack.thesis[t].title) for t in question.theses]
    assert dict(app.query_params) == {"question": question.id}


def test_clearing_the_box_brings_back_every_thesis(app, pack):
    paste(app, TERROR)
    paste(app, "   ")
    assert app.text_input(key=PASTED).value == ""
    assert len(app.radio(key="thesis").options) == len(pack.theses)
    assert dict(app.query_params) == {}


def test_pasted_text_is_shown_and_exported_inert(app, pack, downloads):
    hostile = (
        "How far was <img src=x onerror=alert(1)> [Stalin](javascript:alert(1)) :red[to blame] "
        "for the Nazi–Soviet Pact?"
    )
    paste(app, hostile)
    app.radio(key="thesis").set_value(suggest_theses(pack, hostile).ranked[0].thesis.id).run()
    no_exception(app)
    text = markdown_text(app)
    assert "**Question:** How far was \\<img" in text  # shown as text
    assert re.search(r"(?<!\\)<img", text) is None and ":red[" not in text
    export = downloads(app, "export_md").content.decode("utf-8")
    assert "question-text: " in export
    for parser in PARSERS:
        assert active(export, parser) == []  # no HTML, link or image anywhere in the file
    assert re.search(r"(?<!\\)<", export) is None


def test_a_long_paste_is_cut_at_the_limit(make_app):
    at = make_app(pack=BUNDLED_PACK, q="Why did Stalin sign the Nazi–Soviet Pact? " + "x" * 2 * MAX_PASTED_CHARS)
    no_exception(at)
    assert len(at.text_input(key=PASTED).value) == MAX_PASTED_CHARS


def test_the_ranking_is_computed_once_per_question_not_on_every_rerun(app, monkeypatch):
    calls = []
    real = suggest.suggest_theses

    def counting(pack, text):
        calls.append(text)
        return real(pack, text)

    monkeypatch.setattr(suggest, "suggest_theses", counting)  # what the page's debate_for ranks with
    paste(app, TERROR)
    assert calls == [TERROR]
    app.radio(key="thesis").set_value("terror-weakened-foreign-policy").run()
    app.text_area(key="note__introduction").input("my note").run()
    no_exception(app)
    assert calls == [TERROR]  # choosing and editing rerun the page without ranking again


def test_projection_keeps_the_pasted_question(make_app):
    at = make_app(pack=BUNDLED_PACK, q=TERROR, thesis="terror-weakened-foreign-policy", view="project", step="1")
    no_exception(at)
    assert at.title[0].value == "Introduction"
    assert f"**Question:** {inline(TERROR)}" in markdown_text(at)
    assert dict(at.query_params) == {
        "q": TERROR,
        "thesis": "terror-weakened-foreign-policy",
        "view": "project",
        "step": "1",
    }


def test_undoing_all_changes_keeps_the_pasted_question(app):
    paste(app, TERROR)
    app.radio(key="thesis").set_value("terror-weakened-foreign-policy").run()
    show_part(app, "conclusion")
    app.text_area(key="note__conclusion").input("my conclusion").run()
    app.button(key="reset_edits").click().run()
    no_exception(app)
    assert app.text_input(key=PASTED).value == TERROR
    assert app.radio(key="thesis").value == "terror-weakened-foreign-policy"
    assert f"**Question:** {inline(TERROR)}" in markdown_text(show_part(app, "introduction"))
