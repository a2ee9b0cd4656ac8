"""Projection mode through AppTest: one slide at a time, stepping, counter evidence on demand, the URL."""

from __future__ import annotations

from tests.app.conftest import markdown_text, no_exception, plan_title, show_part

BASE = {"question": "collective-security-1933-39", "thesis": "cs-genuine", "view": "project"}


def slide_title(at) -> str:
    return at.title[0].value


def test_reached_from_the_plan_page(app):
    app.radio(key="thesis").set_value("cs-genuine").run()
    app.segmented_control(key="view").set_value("project").run()
    no_exception(app)
    assert slide_title(app) == "Introduction"
    assert dict(app.query_params) == {"thesis": "cs-genuine", "view": "project", "step": "1"}
    assert not app.radio and not app.selectbox and not app.download_button  # no clutter
    app.segmented_control(key="view").set_value("plan").run()
    assert app.title[0].value == "Plan your essay"
    assert dict(app.query_params) == {"thesis": "cs-genuine"}


def test_steps_through_every_slide_and_back(make_app):
    at = make_app(**BASE)
    assert at.button(key="previous_slide").disabled
    titles = [slide_title(at)]
    for _ in range(5):
        at.button(key="next_slide").click().run()
        no_exception(at)
        titles.append(slide_title(at))
    assert titles == [
        "Introduction",
        "Paragraph 1 of 3",
        "Paragraph 2 of 3",
        "Paragraph 3 of 3",
        "Historiography",
        "Conclusion",
    ]
    assert at.button(key="next_slide").disabled
    assert at.query_params["step"] == "6"
    at.button(key="previous_slide").click().run()
    assert slide_title(at) == "Historiography" and at.query_params["step"] == "5"


def test_buttons_have_keyboard_shortcuts(make_app):
    at = make_app(**BASE, step="2")
    assert at.button(key="next_slide").proto.shortcut == "right"
    assert at.button(key="previous_slide").proto.shortcut == "left"
    assert at.button(key="reveal_counter").proto.shortcut == "v"


def test_counter_evidence_hidden_until_revealed(make_app):
    at = make_app(**BASE, step="2")
    text = markdown_text(at)
    assert "**School:** Collective Security school" in text
    assert "The Kandelaki credit deal" not in text
    assert "1 item hidden" in text
    at.button(key="reveal_counter").click().run()
    no_exception(at)
    text = markdown_text(at)
    assert "**Counter:** 9 April 1935 · The Kandelaki credit deal" in text
    assert "**Rebuttal (qualified):** The deal was commercial" in text
    at.button(key="next_slide").click().run()  # a new slide starts hidden again
    assert "The secret additional protocol" not in markdown_text(at)


def test_slides_follow_the_students_edits(app):
    app.radio(key="thesis").set_value("cs-genuine").run()
    show_part(app, "cs-genuine-turn").button(key="down__cs-genuine-turn").click().run()
    show_part(app, "cs-munich").multiselect(key="drop__cs-genuine__cs-munich").select("munich-agreement").run()
    app.text_area(key="note__cs-munich").input("Say <b>why</b> Munich matters").run()
    app.segmented_control(key="view").set_value("project").run()
    app.button(key="next_slide").click().run()
    text = markdown_text(app)
    assert "**Topic sentence:** Munich, not Moscow, killed collective security." in text
    assert "The Munich Agreement" not in text
    assert [t.value for t in app.text] == ["Say <b>why</b> Munich matters"]  # plain text, never HTML


def test_step_from_the_url_is_clamped(make_app):
    at = make_app(**BASE, step="99")
    no_exception(at)
    assert slide_title(at) == "Conclusion" and at.query_params["step"] == "6"
    at = make_app(**BASE, step="zero")
    assert slide_title(at) == "Introduction"


def test_projection_without_a_thesis_falls_back_to_the_plan_page(make_app):
    at = make_app(view="project")
    no_exception(at)
    assert at.title[0].value == "Plan your essay"
    at.radio(key="thesis").set_value("cs-genuine").run()
    assert plan_title(at) is not None  # the plan, not a surprise projection


def test_projection_css_is_static_and_large(make_app):
    at = make_app(**BASE)
    css = [h.value for h in at.html]
    assert len(css) == 1
    assert "font-size: 30px" in css[0] and "st-key-slide" in css[0]
    assert "Collective security" not in css[0]  # no pack or student text in the style sheet
