"""The plan page's upload box (app_pages/plan_import.py): a downloaded plan comes back; a bad file changes nothing.

The file is what the page's own download button gave (read through the ``downloads`` fixture), so
these tests cover the whole round trip a student makes: download, close the tab, load the file.
"""

from __future__ import annotations

import io

import docx
import pytest

from app_pages.plan_import import LABEL, REPORT, UPLOAD
from arguments.export import render_markdown
from arguments.imports import parse_export
from arguments.load import BUNDLED_PACK, load_pack
from arguments.plan import PlanEdits, build_plan
from arguments.present import inline
from arguments.question import analyse_question, from_question
from arguments.suggest import suggest_theses
from tests.app.conftest import colons, markdown_text, no_exception, plan_title, show_part
from tests.payloads import NAMED

QUESTION = "collective-security-1933-39"
THESIS = "cs-genuine"
CLAIMS = ("cs-genuine-turn", "cs-munich", "cs-rapallo-broken-by-hitler")
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTE = f"{NAMED['script-tag']} {NAMED['md-link-javascript']} שלום 👩‍👩‍👧 e\u0301\nsecond line"


@pytest.fixture(scope="module")
def pack(ui_pack):
    return load_pack(ui_pack)


def choose(at, question=QUESTION, thesis=THESIS):
    if question is not None:
        at.selectbox(key="question").select(question).run()
    at.radio(key="thesis").set_value(thesis).run()
    no_exception(at)
    return at


def edit(at):
    """Every kind of edit: a move, a dropped item, notes (one hostile) and the student's own thesis."""
    show_part(at, "cs-genuine-turn").button(key="down__cs-genuine-turn").click().run()
    show_part(at, "cs-rapallo-broken-by-hitler")
    at.multiselect(key="drop__cs-genuine__cs-rapallo-broken-by-hitler").select("treaty-of-rapallo").run()
    show_part(at, "cs-munich").text_area(key="note__cs-munich").input(NOTE).run()
    show_part(at, "conclusion").text_area(key="note__conclusion").input("Weigh Munich first.").run()
    show_part(at, "introduction")
    at.text_area(key="own_thesis").input("Mostly genuine, *until* Munich: $x$").run()
    no_exception(at)
    return at


def upload(at, content: bytes, name: str = "essay-plan-cs-genuine.md"):
    at.file_uploader(key=UPLOAD).set_value((name, content, "text/markdown")).run()
    no_exception(at)
    return at


def shown_plan(at, pack) -> str:
    """The export of the plan the page now holds (its question, thesis and edits)."""
    question = at.session_state["question"]
    thesis = at.session_state["thesis"]
    edits = at.session_state["edits"].get(thesis, PlanEdits()) if "edits" in at.session_state else PlanEdits()
    analysis = from_question(pack.question[question], pack) if question else None
    return render_markdown(build_plan(pack, thesis, edits, analysis))


def snapshot(at, downloads) -> dict:
    """Everything a student could see of the plan on screen, and its download."""
    return {
        "question": at.session_state["question"],
        "thesis": at.session_state["thesis"],
        "edits": dict(at.session_state["edits"]) if "edits" in at.session_state else {},
        "markdown": markdown_text(at),
        "notes": {t.key: t.value for t in at.text_area},
        "left out": {m.key: m.value for m in at.multiselect},
        "url": dict(at.query_params),
        "download": downloads(at, "export_md").content if at.download_button else None,
    }


def test_the_box_is_on_the_plan_page_and_takes_markdown_and_word(app):
    box = app.file_uploader(key=UPLOAD)
    assert box.label == LABEL
    assert box.allowed_type == [".md", ".markdown", ".txt", ".docx"]
    assert not box.accept_multiple_files


def test_a_downloaded_plan_comes_back_exactly_in_a_new_session(make_app, pack, downloads):
    first = edit(choose(make_app()))
    exported = downloads(first, "export_md").content
    edits = first.session_state["edits"][THESIS]
    assert edits.order and edits.dropped and len(edits.notes) == 2 and edits.thesis_text

    at = upload(make_app(), exported)  # a fresh session: a new tab, or after the server restarted
    assert len(at.success) == 1 and not at.error and not at.warning
    assert at.success[0].value == inline(parse_export(exported, pack).message)
    assert at.session_state["edits"][THESIS] == edits
    assert shown_plan(at, pack) == exported.decode("utf-8")
    assert downloads(at, "export_md").content == exported  # the page's own download, byte for byte
    # Every widget shows the restored plan.
    assert at.selectbox(key="question").value == QUESTION
    assert at.radio(key="thesis").value == THESIS
    assert at.pills(key="part").value == "introduction"  # a restored plan opens at its introduction
    assert at.text_area(key="note__introduction").value == ""
    assert at.text_area(key="own_thesis").value == edits.thesis_text
    assert dict(at.query_params) == {"question": QUESTION, "thesis": THESIS, "notes": "1"}  # it holds notes
    text = markdown_text(at)
    assert "**Your changes:** 1 item dropped, paragraphs reordered, 2 notes, your own thesis wording." in text
    assert inline("Mostly genuine, *until* Munich: $x$") in text  # the own thesis, as escaped text
    show_part(at, "cs-munich")
    assert at.text_area(key="note__cs-munich").value == NOTE
    assert at.multiselect(key="drop__cs-genuine__cs-munich").value == []
    show_part(at, "cs-rapallo-broken-by-hitler")
    assert at.multiselect(key="drop__cs-genuine__cs-rapallo-broken-by-hitler").value == ["treaty-of-rapallo"]
    show_part(at, "introduction")

    at.run()  # the report stays while its file is in the box ...
    assert len(at.success) == 1
    at.file_uploader(key=UPLOAD).clear().run()  # ... and goes with it; the plan stays
    no_exception(at)
    assert not at.success and REPORT not in at.session_state
    assert downloads(at, "export_md").content == exported


def test_a_downloaded_word_file_comes_back_exactly_in_a_new_session(make_app, pack, downloads):
    first = edit(choose(make_app()))
    exported = downloads(first, "export_md").content
    word_file = downloads(first, "export_docx").content
    edits = first.session_state["edits"][THESIS]

    at = make_app()
    at.file_uploader(key=UPLOAD).set_value(("essay-plan-cs-genuine.docx", word_file, WORD)).run()
    no_exception(at)
    assert len(at.success) == 1 and not at.error and not at.warning
    assert at.session_state["edits"][THESIS] == edits
    assert at.radio(key="thesis").value == THESIS and at.selectbox(key="question").value == QUESTION
    assert downloads(at, "export_md").content == exported  # the same plan as the .md gives back
    assert downloads(at, "export_docx").content != b""


def test_a_word_file_edited_since_is_restored_with_a_warning_naming_the_changes(make_app, pack, downloads):
    first = choose(make_app())
    document = docx.Document(io.BytesIO(downloads(first, "export_docx").content))
    document.add_paragraph("Typed in Word afterwards.")
    edited = io.BytesIO()
    document.save(edited)
    at = make_app()
    at.file_uploader(key=UPLOAD).set_value(("plan.docx", edited.getvalue(), WORD)).run()
    no_exception(at)
    assert len(at.success) == 1 and len(at.warning) == 1
    assert "changed since it was downloaded (Top-band checklist)" in at.warning[0].value
    assert at.radio(key="thesis").value == THESIS


def test_a_loaded_plan_replaces_the_one_on_screen(make_app, pack, downloads):
    exported = downloads(edit(choose(make_app())), "export_md").content
    at = choose(make_app(), question=None, thesis="munich-first")
    at.text_area(key="note__introduction").input("kept for the other thesis").run()
    at.radio(key="thesis").set_value(THESIS).run()  # the same thesis, edited differently
    at.text_area(key="note__introduction").input("replaced by the file").run()
    show_part(at, "cs-rapallo-broken-by-hitler")
    at.text_area(key="note__cs-rapallo-broken-by-hitler").input("not in the file either").run()
    show_part(at, "cs-munich").multiselect(key="drop__cs-genuine__cs-munich").select("munich-agreement").run()
    at.segmented_control(key="view").set_value("project").run()
    at.segmented_control(key="view").set_value("plan").run()
    upload(at, exported)
    assert at.session_state["thesis"] == THESIS and at.session_state["question"] == QUESTION
    assert at.text_area(key="note__introduction").value == ""  # the file has no such note
    show_part(at, "cs-rapallo-broken-by-hitler")
    assert at.text_area(key="note__cs-rapallo-broken-by-hitler").value == ""
    show_part(at, "cs-munich")
    assert at.multiselect(key="drop__cs-genuine__cs-munich").value == []  # nor this drop
    assert shown_plan(at, pack) == exported.decode("utf-8")
    assert downloads(at, "export_md").content == exported
    # Edits to another thesis are not the file's business: they stay.
    assert at.session_state["edits"]["munich-first"].note("introduction") == "kept for the other thesis"


def test_an_unedited_plan_without_a_question_comes_back(make_app, pack, downloads):
    exported = downloads(choose(make_app(), question=None, thesis="munich-first"), "export_md").content
    at = upload(choose(make_app()), exported)
    assert at.session_state["question"] is None and at.session_state["thesis"] == "munich-first"
    assert plan_title(at).startswith("Essay plan: Munich decided it")
    assert downloads(at, "export_md").content == exported
    assert dict(at.query_params) == {"thesis": "munich-first"}


def test_upload_in_projection_view_is_not_offered_but_a_loaded_plan_opens_in_plan_view(make_app, downloads):
    exported = downloads(choose(make_app()), "export_md").content
    at = choose(make_app())
    at.segmented_control(key="view").set_value("project").run()
    assert not at.file_uploader  # the projection shows the plan only
    at.segmented_control(key="view").set_value("plan").run()
    upload(at, exported)
    assert at.session_state["view"] == "plan" and at.session_state["step"] == 0


# --- bad files: one clear message, the plan on screen untouched -------------------------------------------


def _cut_in_front_matter(doc: str) -> str:
    return doc[: doc.index("dropped:")]


def _replace(old: str, new: str):
    def change(doc: str) -> str:
        assert old in doc, old
        return doc.replace(old, new, 1)

    return change


BAD_FILES = {
    "not-an-export": (lambda doc: "# My essay\n\nSome notes on Munich.\n", "This is not a plan exported"),
    "empty": (lambda doc: "", "The file is empty."),
    "truncated": (_cut_in_front_matter, "The file is cut short"),
    "hand-edited-yaml": (_replace('thesis: "cs-genuine"', 'thesis: ["cs-genuine"'), "not valid YAML"),
    "inconsistent": (_replace("order: [", "order: 3\nx: ["), "edited into something the planner cannot read"),
    "unknown-thesis": (_replace('thesis: "cs-genuine"', 'thesis: "cs-gone"'), "thesis 'cs-gone' is not in"),
    "newer-format": (_replace("essay-plan: 1", "essay-plan: 7"), "exported by a newer version"),
    "over-1-mb": (lambda doc: doc + "x" * (1024 * 1024), "larger than 1 MB"),
    "not-utf8": (lambda doc: doc.encode("utf-16"), "not UTF-8"),
    "latin-1": (lambda doc: doc.replace("Munich", "Münich").encode("latin-1", "replace"), "not UTF-8"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_changes_nothing_and_says_what_is_wrong(make_app, pack, downloads, case):
    make_bad, expected = BAD_FILES[case]
    good = downloads(edit(choose(make_app())), "export_md").content.decode("utf-8")
    bad = make_bad(good)
    content = bad if isinstance(bad, bytes) else bad.encode("utf-8")
    assert not parse_export(content, pack).ok  # the case really is bad

    at = choose(make_app(), question=None, thesis="munich-first")
    show_part(at, "cs-munich").multiselect(key="drop__munich-first__cs-munich").select("munich-agreement").run()
    show_part(at, "conclusion")
    at.text_area(key="note__conclusion").input("my conclusion, not to be lost").run()
    before = snapshot(at, downloads)
    upload(at, content)
    assert len(at.error) == 1 and not at.success and not at.warning and not at.info
    message = at.error[0].value
    assert message == inline(parse_export(content, pack).message)
    assert expected in message.replace("\\", "")
    assert message.endswith(colons(r"Nothing was imported\: the plan you have open is unchanged."))
    assert snapshot(at, downloads) == before
    at.file_uploader(key=UPLOAD).clear().run()
    assert not at.error and snapshot(at, downloads) == before


def test_a_bad_file_on_an_empty_page_chooses_nothing(make_app):
    at = upload(make_app(), b"\x00\xff binary")
    assert len(at.error) == 1 and "not UTF-8" in at.error[0].value
    assert at.radio(key="thesis").value is None and at.selectbox(key="question").value is None
    assert not at.download_button and dict(at.query_params) == {}


def test_a_bad_file_after_a_good_one_keeps_the_restored_plan(make_app, pack, downloads):
    exported = downloads(edit(choose(make_app())), "export_md").content
    at = upload(make_app(), exported)
    upload(at, b"not a plan")
    assert len(at.error) == 1 and not at.success
    assert downloads(at, "export_md").content == exported


# --- files that partly fit: unknown ids are reported and skipped ----------------------------------------


def test_unknown_ids_are_reported_and_skipped(make_app, pack, downloads):
    first = edit(choose(make_app()))
    exported = downloads(first, "export_md").content.decode("utf-8")
    edits = first.session_state["edits"][THESIS]
    doc = exported
    for old, new in (
        ("order: [", 'order: ["no-such-claim", '),
        ("dropped: [", 'dropped: ["cs-munich/no-such-item", "gone-claim/munich-agreement", '),
        ("notes:\n", 'notes:\n  "gone-section": "a note for a paragraph the pack no longer has"\n'),
        ("essay-plan: 1\n", "essay-plan: 1\ncolour: blue\n"),
    ):
        assert old in doc, old
        doc = doc.replace(old, new, 1)
    result = parse_export(doc, pack)
    assert result.ok and len(result.warnings) == 5, result.warnings

    at = upload(make_app(), doc.encode("utf-8"))
    assert not at.error
    assert [s.value for s in at.success] == [inline(result.message)]
    assert "5 warnings below" in at.success[0].value
    assert [w.value for w in at.warning] == ["\n".join(f"- {inline(w)}" for w in result.warnings)]
    shown = at.warning[0].value
    for unknown in ("no-such-claim", "cs-munich/no-such-item", "gone-claim/munich-agreement", "gone-section", "colour"):
        assert f"'{unknown}'" in shown, unknown
    # The rest of the plan is restored exactly.
    assert at.session_state["edits"][THESIS] == edits
    assert shown_plan(at, pack) == exported
    assert downloads(at, "export_md").content.decode("utf-8") == exported


def test_a_typed_question_comes_back_as_the_pasted_question(make_app, pack, downloads):
    typed = "How far was Soviet foreign policy sincere about collective security, 1933–39? " + NAMED["img-onerror"]
    assert suggest_theses(pack, typed).on_topic
    edits = PlanEdits().with_dropped("cs-munich", "munich-agreement").with_note("introduction", "my intro")
    doc = render_markdown(build_plan(pack, THESIS, edits, analyse_question(typed, pack)))
    assert "question-text: " in doc
    at = upload(choose(make_app(), question=QUESTION, thesis=THESIS), doc.encode("utf-8"))
    assert len(at.success) == 1 and not at.error and not at.info
    assert at.session_state["question"] is None  # the chosen question gives way to the typed one
    assert at.text_input(key="pasted_question").value == typed
    assert at.session_state["thesis"] == THESIS and at.session_state["edits"][THESIS] == edits
    assert downloads(at, "export_md").content.decode("utf-8") == doc  # the plan follows the typed question
    assert dict(at.query_params) == {"q": typed, "thesis": THESIS, "notes": "1"}


def test_an_off_topic_typed_question_is_noted_and_the_plan_restored_without_it(make_app, pack, downloads):
    typed = "To what extent did the French Revolution change France, 1789–99? " + NAMED["img-onerror"]
    assert not suggest_theses(pack, typed).on_topic
    edits = PlanEdits().with_note("conclusion", "my conclusion")
    doc = render_markdown(build_plan(pack, THESIS, edits, analyse_question(typed, pack)))
    at = upload(choose(make_app(), question=None, thesis="munich-first"), doc.encode("utf-8"))
    assert len(at.success) == 1 and not at.error
    assert at.session_state["thesis"] == THESIS and at.session_state["edits"][THESIS] == edits
    assert at.session_state["question"] is None and at.text_input(key="pasted_question").value == ""
    assert len(at.info) == 1 and "restored without it" in at.info[0].value
    assert inline(typed) in at.info[0].value  # kept for the student, as escaped text
    assert downloads(at, "export_md").content.decode("utf-8") == render_markdown(build_plan(pack, THESIS, edits))


def test_a_typed_question_longer_than_the_box_is_cut_with_a_warning(make_app, pack):
    typed = "How far was Soviet foreign policy sincere about collective security, 1933–39? " + "Explain. " * 60
    assert len(typed) > 500
    doc = render_markdown(build_plan(pack, THESIS, PlanEdits(), analyse_question(typed, pack)))
    at = upload(make_app(), doc.encode("utf-8"))
    assert len(at.success) == 1 and len(at.warning) == 1
    assert "longer than the question box allows (500 characters)" in at.warning[0].value
    assert at.text_input(key="pasted_question").value == typed[:500].strip()
    assert at.session_state["thesis"] == THESIS


def test_a_question_pasted_and_cleared_earlier_does_not_drop_the_restored_thesis(make_app, downloads):
    bundled = load_pack(BUNDLED_PACK)
    typed = "How far was Soviet foreign policy sincere about collective security, 1933–39?"
    thesis = "gs-rapallo-to-pact"  # ranked well below the five the page offers for this question
    assert thesis not in [r.thesis.id for r in suggest_theses(bundled, typed).ranked[:5]]
    doc = render_markdown(build_plan(bundled, thesis, PlanEdits(), analyse_question(typed, bundled)))
    at = make_app(pack=BUNDLED_PACK)
    at.text_input(key="pasted_question").input("Why did the USSR sign a pact with Germany in 1939?").run()
    at.text_input(key="pasted_question").input("").run()  # cleared: back to every thesis
    upload(at, doc.encode("utf-8"))
    assert at.session_state["thesis"] == thesis
    assert downloads(at, "export_md").content.decode("utf-8") == doc
