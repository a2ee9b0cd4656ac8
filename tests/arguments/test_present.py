"""Screen helpers: inert inline text, thesis choices, projection slides, evidence cards."""

from __future__ import annotations

import pytest

from arguments.model import Question
from arguments.plan import PlanEdits, build_plan
from arguments.present import (
    SYNTHESIS_GROUP,
    WHOLE,
    bibliography_line,
    clamp_step,
    evidence_markdown,
    file_name,
    inline,
    note_markdown,
    paragraph_of,
    part_label,
    plan_parts,
    question_markdown,
    question_source,
    short_cites,
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
        (":red[alarm]", r"\:red\[alarm\]"),  # no coloured-text directive
        (":material/home: :smile:", r"\:material/home\: \:smile\:"),  # no icons or emoji
        ("1939: the pact", r"1939\: the pact"),
    ],
)
def test_inline_escapes_streamlit_markdown_extras(text, escaped):
    assert inline(text) == escaped


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
    plan = build_plan(
        mini_pack, "cs-genuine", PlanEdits().with_moved(("cs-genuine-turn", "cs-munich"), "cs-munich", -1)
    )
    sequence = slides(plan)
    assert [s.kind for s in sequence] == [
        "introduction",
        "paragraph",
        "paragraph",
        "paragraph",
        "historiography",
        "conclusion",
    ]
    assert [s.title for s in sequence[1:4]] == ["Paragraph 1 of 3", "Paragraph 2 of 3", "Paragraph 3 of 3"]
    assert plan.paragraphs[sequence[1].paragraph].claim.id == "cs-munich"


@pytest.mark.parametrize(("step", "expected"), [(-3, 0), (0, 0), (4, 4), (5, 5), (99, 5)])
def test_clamp_step(step, expected):
    assert clamp_step(step, 6) == expected


def test_evidence_card_has_date_title_summary_link_and_citation(mini_pack):
    question = from_question(mini_pack.question["collective-security-1933-39"])
    plan = build_plan(mini_pack, "cs-genuine", question=question)
    rapallo_paragraph = next(p for p in plan.paragraphs if p.claim.id == "cs-rapallo-broken-by-hitler")
    rapallo = next(u for u in rapallo_paragraph.support if u.evidence.id == "treaty-of-rapallo")
    card = evidence_markdown(rapallo, plan, counter=False, pack=mini_pack)
    assert card.startswith("**16 April 1922 · Treaty of Rapallo** (event)")
    assert "**What:** Germany and Soviet Russia restored relations and dropped claims." in card
    assert "**How it supports the claim:** Shows the old partnership Moscow would have kept." in card
    assert "**Outside the question's dates** (1933–1939)" in card
    assert card.endswith("**Source:** Tucker (1977)")
    counter = plan.paragraphs[0].counter[0]
    card = evidence_markdown(counter, plan, counter=True, pack=mini_pack)
    assert "**Relied on by:** German school" in card  # the rival school, as text
    assert "**Rebuttal:** Only partly damaging" in card


def test_evidence_card_escapes_pack_text(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine")
    use = plan.paragraphs[0].support[0]
    hostile = use.evidence.model_copy(update={"title": "<img src=x onerror=alert(1)>", "summary": "[x](javascript:1)"})
    card = evidence_markdown(type(use)(hostile, use.how), plan, counter=False, pack=mini_pack)
    for parser in PARSERS:
        assert active(card, parser) == []


def test_citations_and_bibliography(mini_pack):
    works = (mini_pack.work["haslam-1984"], mini_pack.work["roberts-1995"])
    assert short_cites(works) == "Haslam (1984); Roberts (1995)"
    line = bibliography_line(mini_pack.work["tucker-1977"])
    assert line == r"Robert C. Tucker (1977). *The Emergence of Stalin's Foreign Policy*, in *Slavic Review 36\:4*."


def test_file_name(mini_pack):
    assert file_name(build_plan(mini_pack, "cs-genuine")) == "essay-plan-cs-genuine.md"


def test_plan_parts_follow_the_students_order_and_are_named_plainly(mini_pack):
    plan = build_plan(
        mini_pack, "cs-genuine", PlanEdits().with_moved(("cs-genuine-turn", "cs-munich"), "cs-munich", -1)
    )
    parts = plan_parts(plan)
    assert parts == ("introduction", *plan.order, "historiography", "conclusion", "bibliography", WHOLE)
    assert parts[1] == "cs-munich"  # moved up: it is paragraph 1 now
    labels = [part_label(plan, p) for p in parts]
    assert labels == [
        "Introduction",
        "Paragraph 1",
        "Paragraph 2",
        "Paragraph 3",
        "Historiography",
        "Conclusion",
        f"Bibliography ({len(plan.bibliography)})",
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
    question = from_question(mini_pack.question["collective-security-1933-39"])
    edits = PlanEdits().with_note("cs-munich", "Munich first <b>").with_note("conclusion", "Weigh it")
    plan = build_plan(mini_pack, "cs-genuine", edits, question)
    text = whole_plan_markdown(plan, mini_pack)
    order = ["**Question:**", "### Introduction", "### Paragraph 1 of 3", "### Paragraph 2 of 3"]
    order += ["### Paragraph 3 of 3", "### Historiography", "### Conclusion", "### Bibliography"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    munich = text.index("### Paragraph 2 of 3")  # cs-munich is the thesis's second claim
    assert text.index(r"> Munich first \<b\>") > munich
    assert text.index("> Weigh it") > text.index("### Conclusion")
    for parser in PARSERS:
        assert active(text, parser) == []
    assert question_markdown(build_plan(mini_pack, "cs-genuine")) == ""  # no question, no block
