"""The plan page through AppTest: choosing, the plan, edits and the export, the URL."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation

from app_pages import plan_view
from arguments import formats
from arguments.export import render_markdown
from arguments.imports import parse_export
from arguments.load import load_pack
from arguments.plan import MAX_NOTE_CHARS, PlanEdits, build_plan
from arguments.present import inline
from arguments.question import from_question
from tests.app.conftest import colons, markdown_text, no_exception, show_part
from tests.inert import PARSERS, active
from tests.payloads import NAMED

QUESTION = "collective-security-1933-39"
THESIS = "cs-genuine"


@pytest.fixture(scope="module")
def pack(ui_pack):
    return load_pack(ui_pack)


def expected_export(pack, at, thesis=THESIS, question=QUESTION):
    """What the engine renders for the edits the app holds: the export must be exactly this."""
    edits = at.session_state["edits"][thesis] if "edits" in at.session_state else PlanEdits()
    analysis = from_question(pack.question[question], pack) if question else None
    return render_markdown(build_plan(pack, thesis, edits, analysis))


def choose(at, question=QUESTION, thesis=THESIS):
    if question is not None:
        at.selectbox(key="question").select(question).run()
        no_exception(at)
    at.radio(key="thesis").set_value(thesis).run()
    no_exception(at)
    return at


def test_first_visit_explains_and_offers_every_thesis(app, pack):
    no_exception(app)
    assert app.title[0].value == "Plan your essay"
    assert "How it works" in markdown_text(app)
    assert app.selectbox(key="question").value is None
    assert app.radio(key="thesis").value is None
    assert app.radio(key="thesis").options == [inline(t.title) for t in pack.theses]
    assert not app.download_button  # nothing to download before a thesis is chosen
    assert dict(app.query_params) == {}


def test_question_narrows_theses_and_thesis_shows_the_plan(app, pack):
    app.selectbox(key="question").select(QUESTION).run()
    assert app.radio(key="thesis").options == [inline(pack.thesis[t].title) for t in pack.question[QUESTION].theses]
    assert "Practice question (not from a past paper)" in markdown_text(app)
    choose(app, question=None)
    text = markdown_text(app)
    assert "Essay plan: Collective security was genuine until the West failed it" in [h.value for h in app.header]
    assert "**School:** Collective Security school" in text  # school membership as a text label
    # The introduction comes first: what the question asks, the thesis, and the roadmap of claims.
    assert "### Introduction" in text
    assert "- **Decoded:** To what extent" in text
    assert "- **Roadmap:** 1\\. " in text and "A genuine turn to collective security" in text
    assert "Joins the League" not in text  # the paragraphs are one click away
    assert dict(app.query_params) == {"question": QUESTION, "thesis": THESIS}
    show_part(app, "whole")
    text = markdown_text(app)
    assert "**Topic sentence:** After 1933 Moscow turned in earnest to collective security." in text
    assert "**18 September 1934 · League entry:**" in text  # an exam plan: the item's short title
    assert "· Rapallo" not in text  # outside the question's dates: not in an exam plan
    assert dict(app.query_params) == {"question": QUESTION, "thesis": THESIS, "part": "whole"}


def test_thesis_change_updates_the_plan(app, pack):
    choose(app)
    show_part(app, "whole")
    first = markdown_text(app)
    assert "### Paragraph 1" in first
    app.radio(key="thesis").set_value("munich-first").run()
    no_exception(app)
    assert app.pills(key="part").value == "introduction"  # a new plan opens at its introduction
    show_part(app, "whole")
    second = markdown_text(app)
    assert second != first
    assert r"Essay plan: Munich decided it\: the West failed collective security" in [h.value for h in app.header]
    assert "**Schools:** Collective Security school, German school" in second
    assert "**Extent:** Largely" in second
    # The paragraphs follow the new thesis: Munich first.
    assert colons("### Paragraph 1\\: Munich killed collective security") in second
    assert second.index("Munich, not Moscow, killed collective security.") < second.index("### Paragraph 2")
    assert app.query_params["thesis"] == "munich-first"


def test_new_question_keeps_only_a_thesis_it_offers(app):
    choose(app)
    app.selectbox(key="question").select("why-pact-1939").run()
    no_exception(app)
    assert app.radio(key="thesis").value is None  # cs-genuine is not offered for this question
    assert inline("Past paper: IB Diploma History, May 2021, Paper 2") in markdown_text(app)
    assert dict(app.query_params) == {"question": "why-pact-1939"}


def test_download_button_gives_exactly_the_engine_export(app, pack, downloads):
    choose(app)
    button = app.download_button(key="export_md")
    assert button.proto.ignore_rerun  # on_click="ignore": downloading does not rerun the app
    file = downloads(app, "export_md")
    assert (file.filename, file.mimetype) == ("essay-plan-cs-genuine.md", "text/markdown")
    assert file.content.decode("utf-8") == expected_export(pack, app)


def test_every_format_downloads_without_a_rerun_and_is_made_only_on_click(app, pack, downloads, monkeypatch):
    made = []
    real = formats.render
    monkeypatch.setattr(plan_view, "render", lambda plan, name: made.append(name) or real(plan, name))
    choose(app)
    app.text_area(key="note__introduction").input("Mine <b>").run()
    assert made == []  # reruns draw the buttons; no file is made until one is clicked
    plan = build_plan(
        pack, THESIS, PlanEdits().with_note("introduction", "Mine <b>"), from_question(pack.question[QUESTION], pack)
    )
    for key, name, mime in (
        ("export_docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("export_pptx", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("export_html", "html", "text/html"),
    ):
        assert app.download_button(key=key).proto.ignore_rerun  # on_click="ignore"
        file = downloads(app, key)
        assert (file.filename, file.mimetype) == (f"essay-plan-cs-genuine.{name}", mime)
        assert made[-1] == name
        if name == "html":
            assert file.content.decode("utf-8") == formats.render(plan, "html")
    restored = parse_export(downloads(app, "export_docx").content, pack)
    assert restored.ok and restored.warnings == ()
    assert restored.plan_inputs.build(pack) == plan  # the Word file is the plan on screen, edits and all
    slides = Presentation(io.BytesIO(downloads(app, "export_pptx").content)).slides
    assert slides[0].shapes.title.text == f"Essay plan: {plan.thesis.title}"


def test_dropping_an_item_removes_it_from_the_view_and_the_export(app, pack, downloads):
    choose(app)
    show_part(app, "cs-genuine-turn")
    before = downloads(app, "export_md").content.decode("utf-8")
    assert before.count("· The Franco-Soviet treaty:") == 1  # an exam plan names it by its short title
    left_out = app.multiselect(key="drop__cs-genuine__cs-genuine-turn")
    assert "2 May 1935 · Franco-Soviet Treaty of Mutual Assistance" in left_out.options  # shown as date · title
    left_out.select("franco-soviet-treaty").run()
    no_exception(app)
    edits = app.session_state["edits"][THESIS]
    assert edits.dropped == {"cs-genuine-turn/franco-soviet-treaty"}
    export = downloads(app, "export_md").content.decode("utf-8")
    assert export == expected_export(pack, app)
    body = export.split("\n---\n", 1)[1]  # after the front matter (which records the drop)
    assert "Franco-Soviet treaty" not in body
    assert 'dropped: ["cs-genuine-turn/franco-soviet-treaty"]' in export
    assert app.multiselect(key="drop__cs-genuine__cs-genuine-turn").value == ["franco-soviet-treaty"]
    assert "1 item dropped" in markdown_text(app)
    app.multiselect(key="drop__cs-genuine__cs-genuine-turn").unselect("franco-soviet-treaty").run()
    assert downloads(app, "export_md").content.decode("utf-8") == before


def test_moving_a_paragraph_reorders_the_plan_and_export(app, pack, downloads):
    choose(app)
    show_part(app, "cs-genuine-turn")
    assert app.button(key="up__cs-genuine-turn").disabled
    app.button(key="down__cs-genuine-turn").click().run()
    no_exception(app)
    # The moved paragraph stays on screen under its new number.
    assert app.pills(key="part").value == "cs-genuine-turn"
    assert "### Paragraph 2" in markdown_text(app)
    assert not app.button(key="up__cs-genuine-turn").disabled
    export = downloads(app, "export_md").content.decode("utf-8")
    assert export == expected_export(pack, app)
    assert 'order: ["cs-munich", "cs-genuine-turn", "cs-rapallo-broken-by-hitler"]' in export
    assert export.index("Munich, not Moscow") < export.index("After 1933 Moscow")
    assert "paragraphs reordered" in markdown_text(app)


@pytest.mark.parametrize("name", ["script-tag", "img-onerror", "md-link-javascript", "html-comment-front-matter"])
def test_notes_appear_escaped_in_the_export(app, pack, downloads, name):
    choose(app)
    show_part(app, "cs-munich")
    payload = NAMED[name]
    app.text_area(key="note__cs-munich").input(payload).run()
    no_exception(app)
    assert app.session_state["edits"][THESIS].note("cs-munich") == payload.replace("\r\n", "\n")
    export = downloads(app, "export_md").content.decode("utf-8")
    assert export == expected_export(pack, app)
    assert "> **My notes:**" in export
    for parser in PARSERS:
        assert active(export, parser) == []  # no HTML, link or image anywhere in the file
    assert re.search(r"(?<!\\)<", export) is None  # every < is escaped


def test_own_thesis_wording_is_shown_escaped_and_exported(app, pack, downloads):
    choose(app)
    app.text_area(key="own_thesis").input("Mostly <b>yes</b> :red[because] $x$").run()
    no_exception(app)
    text = markdown_text(app)
    assert colons(r"**Thesis (your wording):** Mostly \<b\>yes\</b\> \:red\[because\] \$x\$") in text
    export = downloads(app, "export_md").content.decode("utf-8")
    assert export == expected_export(pack, app)
    assert r"**Thesis (your wording):** Mostly \<b\>yes\</b\>" in export


def test_a_note_over_the_limit_is_refused_but_kept_in_the_box(app, pack, downloads):
    choose(app)
    app.text_area(key="note__introduction").input("short note").run()
    long = "x" * (MAX_NOTE_CHARS + 1)
    app.text_area(key="note__introduction").input(long).run()
    no_exception(app)
    assert app.text_area(key="note__introduction").value == long  # nothing typed is lost
    assert any(f"at most {MAX_NOTE_CHARS} characters" in e.value for e in app.error)
    assert app.session_state["edits"][THESIS].note("introduction") == "short note"  # the last good note
    assert downloads(app, "export_md").content.decode("utf-8") == expected_export(pack, app)
    app.text_area(key="note__introduction").input("fixed").run()
    assert not app.error
    assert app.session_state["edits"][THESIS].note("introduction") == "fixed"


def test_a_change_of_thesis_refills_the_same_boxes_and_keeps_a_refused_draft(app):
    """The boxes keep their keys (the browser updates them instead of drawing new ones); each thesis
    has its own words in them, and a note refused as too long waits in its thesis's box."""
    choose(app)
    long = "y" * (MAX_NOTE_CHARS + 1)
    app.text_area(key="note__introduction").input(long).run()
    app.text_area(key="own_thesis").input("Mine for this thesis").run()
    app.radio(key="thesis").set_value("munich-first").run()
    no_exception(app)
    assert [t.key for t in app.text_area] == ["own_thesis", "note__introduction"]
    assert [t.value for t in app.text_area] == ["", ""] and not app.error
    app.text_area(key="note__introduction").input("other thesis note").run()
    app.radio(key="thesis").set_value(THESIS).run()
    assert app.text_area(key="note__introduction").value == long  # the refused text came back
    assert app.text_area(key="own_thesis").value == "Mine for this thesis"
    assert any(f"at most {MAX_NOTE_CHARS} characters" in e.value for e in app.error)
    app.radio(key="thesis").set_value("munich-first").run()
    assert app.text_area(key="note__introduction").value == "other thesis note" and not app.error
    assert app.session_state["edits"]["munich-first"].note("introduction") == "other thesis note"
    assert app.session_state["edits"][THESIS].note("introduction") == ""


def test_edits_are_kept_per_thesis(app):
    choose(app)
    show_part(app, "cs-munich")
    app.multiselect(key="drop__cs-genuine__cs-munich").select("munich-agreement").run()
    app.radio(key="thesis").set_value("munich-first").run()
    assert not app.session_state["edits"].get("munich-first", PlanEdits()).dropped
    app.radio(key="thesis").set_value(THESIS).run()
    assert app.session_state["edits"][THESIS].dropped == {"cs-munich/munich-agreement"}
    show_part(app, "cs-munich")
    assert app.multiselect(key="drop__cs-genuine__cs-munich").value == ["munich-agreement"]


def test_undo_all_changes(app, pack, downloads):
    choose(app)
    show_part(app, "cs-munich")
    app.multiselect(key="drop__cs-genuine__cs-munich").select("munich-agreement").run()
    show_part(app, "conclusion")
    app.text_area(key="note__conclusion").input("my conclusion").run()
    app.button(key="reset_edits").click().run()
    no_exception(app)
    assert app.session_state["edits"][THESIS] == PlanEdits()
    assert app.text_area(key="note__conclusion").value == ""
    assert app.pills(key="part").value == "conclusion"  # undo keeps the part on screen
    assert downloads(app, "export_md").content.decode("utf-8") == expected_export(pack, app)
    show_part(app, "cs-munich")
    assert app.multiselect(key="drop__cs-genuine__cs-munich").value == []


def test_url_restores_question_thesis_and_view(make_app):
    at = make_app(question=QUESTION, thesis="munich-first")
    no_exception(at)
    assert at.selectbox(key="question").value == QUESTION
    assert at.radio(key="thesis").value == "munich-first"
    assert r"Essay plan: Munich decided it\: the West failed collective security" in [h.value for h in at.header]
    at = make_app(question=QUESTION, thesis=THESIS, view="project", step="3")
    no_exception(at)
    assert at.title[0].value == "Paragraph 2 of 3"
    assert at.segmented_control(key="view").value == "project"
    assert dict(at.query_params) == {"question": QUESTION, "thesis": THESIS, "view": "project", "step": "3"}


def test_url_thesis_without_question(make_app):
    at = make_app(thesis="munich-first")
    no_exception(at)
    assert at.selectbox(key="question").value is None
    assert at.radio(key="thesis").value == "munich-first"
    assert dict(at.query_params) == {"thesis": "munich-first"}


def test_url_thesis_not_linked_to_the_question_is_still_restored(make_app):
    at = make_app(question="why-pact-1939", thesis=THESIS)
    no_exception(at)
    assert at.radio(key="thesis").value == THESIS
    assert "not one of this question's suggested theses" in at.radio(key="thesis").proto.captions[-1]


def test_unknown_ids_in_the_url_are_ignored_with_a_warning(make_app):
    at = make_app(question="nope", thesis="<b>bad</b>", view="slides")
    no_exception(at)
    warnings = [w.value for w in at.warning]
    assert warnings == [
        colons("This link asks for the question 'nope', which is not in the data pack; it was ignored."),
        "This link's thesis is not a valid id; it was ignored.",  # not an id: never echoed
        "This link asks for a view the planner does not have; the plan is shown.",  # not "the data pack"
    ]
    assert at.radio(key="thesis").value is None
    assert dict(at.query_params) == {}


def test_cli_pack_argument_wins_over_the_environment(make_app, monkeypatch, ui_pack, tmp_path):
    monkeypatch.setattr("sys.argv", ["streamlit_app.py", "--pack", str(ui_pack)])
    at = make_app(pack=tmp_path / "not-a-pack")  # the env var points nowhere; --pack is used
    no_exception(at)
    assert at.title[0].value == "Plan your essay"


def test_the_plan_is_shown_one_part_at_a_time_with_that_parts_controls(app, pack):
    choose(app)
    parts = app.pills(key="part")
    claims = list(pack.thesis[THESIS].claims)
    plan = build_plan(pack, THESIS, PlanEdits(), from_question(pack.question[QUESTION], pack))
    assert parts.options == ["Introduction", "Paragraph 1", "Paragraph 2", "Paragraph 3"] + [
        "Historiography",
        "Conclusion",
        f"Bibliography ({len(plan.bibliography)})",
        "Checklist",
        "Whole plan",
    ]
    assert parts.value == "introduction"
    assert [t.key for t in app.text_area] == ["own_thesis", "note__introduction"]
    for number, claim in enumerate(claims, start=1):
        show_part(app, claim)
        assert f"### Paragraph {number}\\:" in markdown_text(app)
        assert [t.key for t in app.text_area] == [f"note__{claim}"]
        assert [m.key for m in app.multiselect] == [f"drop__cs-genuine__{claim}"]
        assert dict(app.query_params) == {"question": QUESTION, "thesis": THESIS, "part": claim}
    for part, heading in [("historiography", "### Historiography"), ("conclusion", "### Conclusion")]:
        show_part(app, part)
        assert heading in markdown_text(app)
        assert [t.key for t in app.text_area] == [f"note__{part}"]
    show_part(app, "bibliography")
    assert "Haslam" in markdown_text(app) and not app.text_area
    show_part(app, "whole")
    assert not app.text_area and not app.multiselect


def test_the_whole_plan_holds_every_part_and_the_notes_as_text(app, pack):
    choose(app)
    show_part(app, "conclusion")
    app.text_area(key="note__conclusion").input("Weigh <b>Munich</b> first\n:red[x] $y$").run()
    show_part(app, "whole")
    text = markdown_text(app)
    headings = ["### Introduction", "### Paragraph 1", "### Paragraph 3", "### Historiography"]
    headings += ["### Conclusion", "### Bibliography", "### Top-band checklist"]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    assert colons("> **My notes:**\n>\n> Weigh \\<b\\>Munich\\</b\\> first\n> \\:red\\[x\\] \\$y\\$") in text
    assert not app.text_area and not app.multiselect  # to read or print: editing is part by part
    for parser in PARSERS:
        assert active(text, parser) == []


def test_a_link_opens_the_plan_at_a_part(make_app):
    at = make_app(question=QUESTION, thesis=THESIS, part="cs-munich")
    no_exception(at)
    assert at.pills(key="part").value == "cs-munich"
    assert [m.key for m in at.multiselect] == ["drop__cs-genuine__cs-munich"]
    assert dict(at.query_params) == {"question": QUESTION, "thesis": THESIS, "part": "cs-munich"}
    at = make_app(question=QUESTION, thesis=THESIS, part="not-a-part")
    no_exception(at)
    assert at.pills(key="part").value == "introduction"
    assert dict(at.query_params) == {"question": QUESTION, "thesis": THESIS}
