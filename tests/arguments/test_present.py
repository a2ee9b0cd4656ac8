"""Screen helpers: inert inline text, thesis choices, projection slides, evidence cards."""

from __future__ import annotations

import pytest

from arguments.export import WORD_JOINER
from arguments.model import Question
from arguments.outline import build_outline
from arguments.plan import PlanEdits, build_plan
from arguments.present import (
    SYNTHESIS_GROUP,
    WHOLE,
    bibliography_line,
    clamp_step,
    file_name,
    inline,
    note_markdown,
    paragraph_of,
    part_label,
    part_markdown_of,
    plan_parts,
    question_source,
    slides,
    thesis_caption,
    thesis_group,
    thesis_options,
    whole_plan_markdown,
)
from arguments.question import from_question
from tests.inert import PARSERS, active, plain_text
from tests.payloads import PAYLOADS


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("parser", PARSERS)
def test_inline_is_inert_and_keeps_the_visible_text(payload, parser):
    shown = inline(payload)
    assert "\n" not in shown
    assert active(shown, parser) == []
    # CommonMark turns NUL into U+FFFD; every other character is shown as typed.
    assert plain_text(shown, parser) == " ".join(payload.split()).replace("\x00", "\ufffd")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("costs $5 and $10", r"costs \$5 and \$10"),  # no maths
        (":red[alarm]", r"\:{WJ}red\[alarm\]"),  # no coloured-text directive
        # Streamlit reads icons after the escapes are resolved: a word joiner (U+2060) after a colon a word follows
        (":material/home: :smile:", r"\:{WJ}material/home\: \:{WJ}smile\:"),  # no icons or emoji
        (":streamlit: :blue-badge[x]", r"\:{WJ}streamlit\: \:{WJ}blue-badge\[x\]"),  # no logo, no badge
        ("1939: the pact", r"1939\: the pact"),  # a colon before a space starts nothing
        ("x:streamlit:y", r"x\:{WJ}streamlit\:{WJ}y"),
    ],
)
def test_inline_escapes_streamlit_markdown_extras(text, escaped):
    assert inline(text) == escaped.replace("{WJ}", WORD_JOINER)


def test_question_theses_in_question_order(mini_pack):
    question = mini_pack.question["collective-security-1933-39"]
    assert thesis_options(mini_pack, question) == question.theses


def test_browsing_groups_theses_by_school_with_syntheses_last(bundled_pack):
    options = thesis_options(bundled_pack, None)
    assert sorted(options) == sorted(t.id for t in bundled_pack.theses)
    groups = [thesis_group(bundled_pack, bundled_pack.thesis[t]) for t in options]
    order = [s.name for s in bundled_pack.schools] + [SYNTHESIS_GROUP]
    assert [order.index(g) for g in groups] == sorted(order.index(g) for g in groups)
    assert groups[-1] == SYNTHESIS_GROUP


def test_a_linked_thesis_outside_the_question_is_still_offered(bundled_pack):
    question = min(bundled_pack.questions, key=lambda q: len(q.theses))
    outsider = next(t.id for t in bundled_pack.theses if t.id not in question.theses)
    options = thesis_options(bundled_pack, question, outsider)
    assert options == (*question.theses, outsider)
    assert "not one of this question's suggested theses" in thesis_caption(
        bundled_pack, bundled_pack.thesis[outsider], question
    )
    assert thesis_options(bundled_pack, question, "no-such-thesis") == question.theses


def test_caption_names_schools_as_text_and_the_verdict(mini_pack):
    caption = thesis_caption(mini_pack, mini_pack.thesis["cs-genuine"])
    assert caption == "School: Collective Security school · Verdict: To a large extent"


def test_question_source_says_past_paper_or_practice(bundled_pack):
    past = next(q for q in bundled_pack.questions if q.source is not None)
    assert question_source(past).startswith("Past paper: " + past.source.board)
    practice = Question(id="q", text="Why?", command="why", concept="cause", theses=("x",))
    assert question_source(practice) == "Practice question (not from a past paper)"


def test_slides_follow_the_edited_paragraph_order(mini_pack):
    edits = PlanEdits(length="revision").with_moved(("cs-genuine-turn", "cs-munich"), "cs-munich", -1)
    plan = build_plan(mini_pack, "cs-genuine", edits)
    sequence = slides(plan)
    kinds = [s.kind for s in sequence]
    assert kinds[0] == "introduction" and kinds[-2:] == ["historiography", "conclusion"]
    total = len(plan.body)
    assert [s.title for s in sequence[1 : 1 + total]] == [f"Paragraph {i} of {total}" for i in range(1, total + 1)]
    assert plan.body[sequence[1].paragraph].claim.id == "cs-munich"
    assert sequence[1].part == "cs-munich"


@pytest.mark.parametrize(("step", "expected"), [(-3, 0), (0, 0), (4, 4), (5, 5), (99, 5)])
def test_clamp_step(step, expected):
    assert clamp_step(step, 6) == expected


def test_evidence_line_has_date_title_link_and_citation(mini_pack):
    question = from_question(mini_pack.question["collective-security-1933-39"], mini_pack)
    plan = build_plan(mini_pack, "cs-genuine", PlanEdits(length="revision"), question)
    outline = build_outline(plan)
    card = part_markdown_of(outline, "cs-rapallo-broken-by-hitler")
    assert (
        "**16 April 1922 · Treaty of Rapallo:** Shows the old partnership Moscow would have kept. (Tucker (1977))"
        in card
    )
    assert "**What:** Germany and Soviet Russia restored relations and dropped claims." in card
    assert "**Outside the question's dates (1933–1939):**" in card
    first = part_markdown_of(outline, plan.paragraphs[0].claim.id)
    assert "German school" in first  # the rival school, as text
    assert "**Rebuttal (qualified):** Only partly damaging" in first


def test_exam_plan_keeps_body_evidence_inside_the_dates(mini_pack):
    question = from_question(mini_pack.question["collective-security-1933-39"], mini_pack)
    plan = build_plan(mini_pack, "cs-genuine", question=question)
    assert all(not u.outside_range for p in plan.body for u in p.support)
    assert "Treaty of Rapallo" not in part_markdown_of(build_outline(plan), "cs-genuine-turn")


def test_evidence_lines_escape_pack_text(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine")
    use = plan.paragraphs[0].support[0]
    hostile = use.evidence.model_copy(
        update={"title": "<img src=x onerror=alert(1)>", "short": "<img src=y>", "summary": "[x](javascript:1)"}
    )
    paragraph = plan.paragraphs[0]
    bad = type(paragraph)(**{**paragraph.__dict__, "support": (type(use)(hostile, "[y](javascript:2)"),)})
    plan = type(plan)(**{**plan.__dict__, "paragraphs": (bad, *plan.paragraphs[1:])})
    card = part_markdown_of(build_outline(plan), paragraph.claim.id)
    assert "img" in card
    for parser in PARSERS:
        assert active(card, parser) == []


def test_bibliography_line(mini_pack):
    line = bibliography_line(mini_pack.work["tucker-1977"])
    expected = r"Robert C. Tucker (1977). *The Emergence of Stalin's Foreign Policy*, in *Slavic Review 36\:{WJ}4*."
    assert line == expected.replace("{WJ}", WORD_JOINER)


def test_file_name(mini_pack):
    assert file_name(build_plan(mini_pack, "cs-genuine")) == "essay-plan-cs-genuine.md"
    assert file_name(build_plan(mini_pack, "cs-genuine"), "docx") == "essay-plan-cs-genuine.docx"


def test_plan_parts_follow_the_students_order_and_are_named_plainly(mini_pack):
    edits = PlanEdits(length="revision").with_moved(("cs-genuine-turn", "cs-munich"), "cs-munich", -1)
    plan = build_plan(mini_pack, "cs-genuine", edits)
    parts = plan_parts(plan)
    opposing = ("opposing",) if plan.opposing else ()
    tail = ("historiography", "conclusion", "bibliography", "checklist", WHOLE)
    assert parts == ("introduction", *plan.order, *opposing, *tail)
    assert parts[1] == "cs-munich"  # moved up: it is paragraph 1 now
    labels = [part_label(plan, p) for p in parts]
    assert labels[:4] == ["Introduction", "Paragraph 1", "Paragraph 2", "Paragraph 3"]
    assert labels[-5:] == [
        "Historiography",
        "Conclusion",
        f"Bibliography ({len(plan.bibliography)})",
        "Checklist",
        "Whole plan",
    ]
    assert paragraph_of(plan, "cs-munich").number == 1
    assert paragraph_of(plan, "not-a-claim") is None


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_note_is_an_inert_quote_line_by_line(payload):
    shown = note_markdown(f"first line\n{payload}\n\nlast")
    assert shown.startswith("> **My notes:**\n>\n> first line\n")
    assert all(line.startswith(">") for line in shown.split("\n"))
    for parser in PARSERS:
        assert active(shown, parser) == []
    assert note_markdown("") == ""


def test_the_whole_plan_has_every_part_in_order_with_notes(mini_pack):
    question = from_question(mini_pack.question["collective-security-1933-39"], mini_pack)
    edits = PlanEdits(length="revision").with_note("cs-munich", "Munich first <b>").with_note("conclusion", "Weigh it")
    plan = build_plan(mini_pack, "cs-genuine", edits, question)
    text = whole_plan_markdown(build_outline(plan))
    order = ["### The question", "### Introduction", "### Paragraph 1", "### Paragraph 2"]
    order += ["### Paragraph 3", "### Historiography", "### Conclusion", "### Bibliography", "### Top-band checklist"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    munich = text.index("### Paragraph 2")  # cs-munich is the thesis's second claim
    assert text.index(r"> Munich first \<b\>") > munich
    assert text.index("> Weigh it") > text.index("### Conclusion")
    for parser in PARSERS:
        assert active(text, parser) == []
    assert build_outline(build_plan(mini_pack, "cs-genuine")).part("question") is None  # no question, no part
