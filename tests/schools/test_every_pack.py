"""Every bundled debate through every output: check, suggest and off-topic refusal, plans restored
from Markdown and Word, slides, print, the explorer's table and timeline, the schools page."""

from __future__ import annotations

import html
import io

import pytest
from pptx import Presentation

from arguments.cli import debate_about
from arguments.deck import render_pptx
from arguments.export import render_markdown
from arguments.imports import PlanInputs, named_pack, parse_export
from arguments.lint import lint_pack
from arguments.load import bundled_packs, load_pack
from arguments.outline import build_outline
from arguments.plan import PlanEdits, build_plan
from arguments.printout import render_html
from arguments.question import from_question
from arguments.suggest import debate_for as suggest_debate
from arguments.suggest import suggest_theses
from arguments.tables import (
    evidence_frame,
    school_profile,
    timeline_chart,
    timeline_frame,
    timeline_years,
    topic_matrix,
    year_span,
)
from arguments.word import render_docx

PACKS = {pack.info.id: pack for pack in (load_pack(folder) for folder in bundled_packs())}
IDS = sorted(PACKS)
# A question on no bundled debate: refused by each, with its reason.
NOWHERE = "Why did the French Revolution break out in 1789?"


def test_there_are_several_debates_the_default_first() -> None:
    assert len(PACKS) >= 2
    assert next(iter(PACKS)) == "soviet-foreign-policy-1921-39"


@pytest.mark.parametrize("pack_id", IDS)
def test_the_pack_is_valid_with_nothing_to_fix(pack_id: str) -> None:
    assert lint_pack(PACKS[pack_id]) == ()


@pytest.mark.parametrize("pack_id", IDS)
def test_every_curated_question_is_answered_from_its_own_debate(pack_id: str) -> None:
    pack, packs = PACKS[pack_id], list(PACKS.values())
    for question in pack.questions:
        found = suggest_theses(pack, question.text)
        assert found.on_topic, question.id
        assert found.ranked[0].thesis.id == question.theses[0], question.id  # its teacher-chosen order
        assert debate_about(packs, question.text) is pack, question.id  # and routed to it from any debate
    refused = suggest_theses(pack, NOWHERE)
    assert not refused.on_topic and refused.ranked == () and "1789" in refused.message


@pytest.mark.parametrize("pack_id", IDS)
def test_every_thesis_restores_from_markdown_and_word_exactly(pack_id: str) -> None:
    pack = PACKS[pack_id]
    for thesis in pack.theses:
        question = next((from_question(q, pack) for q in pack.questions if thesis.id in q.theses), None)
        first = pack.claim[thesis.claims[0]]
        edits = (
            PlanEdits(order=tuple(reversed(thesis.claims)))
            .with_dropped(first.id, first.support[0].evidence)
            .with_note("conclusion", "My own *note* — with <b>tags</b>")
        )
        plan = build_plan(pack, thesis.id, edits, question)
        for data in (render_markdown(plan).encode("utf-8"), render_docx(plan)):
            assert named_pack(data) == pack.info.id
            result = parse_export(data, pack)
            assert result.ok and result.warnings == (), (thesis.id, result.message)
            assert result.plan_inputs == PlanInputs(thesis.id, edits, question)


@pytest.mark.parametrize("pack_id", IDS)
def test_slides_and_print_for_every_thesis(pack_id: str) -> None:
    pack = PACKS[pack_id]
    for thesis in pack.theses:
        plan = build_plan(pack, thesis.id)
        outline = build_outline(plan)
        deck = Presentation(io.BytesIO(render_pptx(plan, outline)))
        school_names = [s.name for s in plan.schools]
        for slide in deck.slides:
            text = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
            assert any(name in text for name in school_names), (thesis.id, text[:80])  # the school in text
        page = render_html(plan, outline)
        assert plan.thesis.title.split()[0] in html.unescape(page) and "<script" not in page


@pytest.mark.parametrize("pack_id", IDS)
def test_explorer_table_timeline_and_schools_page(pack_id: str) -> None:
    pack = PACKS[pack_id]
    frame = evidence_frame(pack)
    assert list(frame["id"]) == [e.id for e in pack.evidence]
    assert set(t for themes in frame["themes"] for t in themes) == set(pack.info.theme_labels)
    first, last = year_span(pack)
    assert first <= pack.info.period[0] and last >= pack.info.period[1]
    years = timeline_years(pack, None)
    assert years == pack.info.timeline_years
    timeline = timeline_frame(pack, frame, years)
    assert len(timeline) >= len(pack.evidence) // 2  # most items are inside the course's years
    assert timeline_chart(pack, timeline, years).to_dict()["encoding"]
    matrix = topic_matrix(pack)
    assert len(matrix) == len(pack.topics) and list(matrix.columns[2:]) == [s.name for s in pack.schools]
    for school in pack.schools:
        profile = school_profile(pack, school.id)
        assert profile.relies_on and profile.claims, school.id


@pytest.mark.parametrize(
    ("text", "pack_id"),
    [
        ("Why did Stalin sign the Nazi-Soviet Pact in August 1939?", "soviet-foreign-policy-1921-39"),
        ("How far did the purges weaken Soviet foreign policy, 1936–38?", "soviet-foreign-policy-1921-39"),
        ("To what extent was Stalin responsible for the Cold War, 1945–49?", "cold-war-origins-1941-53"),
        # Near the other debate's words: Churchill's 1938–39 'grand alliance'; 'by 1947' is the Cold War's.
        (
            "How far was the United States responsible for the breakdown of the Grand Alliance by 1947?",
            "cold-war-origins-1941-53",
        ),
        # 'the spread of communism' is world revolution to the Soviet debate: a copy of a Cold War question.
        (
            '"Fear of the spread of communism led to the breakdown of the wartime alliance in Europe." Discuss.',
            "cold-war-origins-1941-53",
        ),
        ("Assess the importance of the Marshall Plan in the development of the Cold War.", "cold-war-origins-1941-53"),
    ],
)
def test_a_pasted_question_is_answered_from_the_debate_it_is_about(text: str, pack_id: str) -> None:
    packs = list(PACKS.values())
    assert debate_about(packs, text).info.id == pack_id
    for current in packs:  # whichever debate is open
        assert suggest_debate(packs, text, current)[0].info.id == pack_id
