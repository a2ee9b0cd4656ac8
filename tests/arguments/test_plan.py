"""The planner: deterministic plans shaped by the checklist, the question and the student's edits."""

from __future__ import annotations

import pytest

from arguments.plan import MAX_NOTE_CHARS, NoteTooLongError, PlanEdits, UnknownIdError, build_plan, clean_text
from arguments.question import from_question


def test_same_input_same_plan(mini_pack):
    assert build_plan(mini_pack, "cs-genuine") == build_plan(mini_pack, "cs-genuine")


def test_unknown_thesis_lists_valid_ids(mini_pack):
    with pytest.raises(UnknownIdError) as caught:
        build_plan(mini_pack, "nope")
    assert "cs-genuine" in str(caught.value)


def test_paragraph_per_claim_in_thesis_order(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine")
    assert plan.order == mini_pack.thesis["cs-genuine"].claims
    assert [p.number for p in plan.paragraphs] == [1, 2, 3]


REVISION = PlanEdits(length="revision")  # revision notes: every claim, item and school


def test_support_in_date_order_counter_with_rebuttal_and_rival_school(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine", REVISION)
    for paragraph in plan.paragraphs:
        dates = [u.evidence.date for u in paragraph.support]
        assert dates == sorted(dates)
        assert len(paragraph.support) >= 2 and paragraph.counter
        assert all(u.rebuttal for u in paragraph.counter)
    kandelaki = plan.paragraphs[0].counter[0]
    assert [s.id for s in kandelaki.schools] == ["german-orientation"]


def test_introduction_and_conclusion_agree(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine")
    assert plan.introduction.verdict == "To a large extent"
    assert plan.conclusion.judgement.startswith("To a large extent")
    assert len(plan.introduction.roadmap) == len(plan.paragraphs) == len(plan.conclusion.factors)


def test_revision_notes_place_thesis_first_and_cite_every_school(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine", REVISION)
    views = plan.historiography.views
    assert [v.school.id for v in views] == ["collective-security", "german-orientation"]
    assert views[0].in_thesis and not views[1].in_thesis
    assert plan.historiography.why_differ.endswith(mini_pack.info.why_historians_differ)
    assert not build_plan(mini_pack, "cs-genuine").historiography.views  # an exam plan: its own schools only


def test_bibliography_has_every_cited_work_once_sorted(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine")
    ids = [w.id for w in plan.bibliography]
    assert len(ids) == len(set(ids))
    # An exam plan lists what it cites: each item's first source and the historians it names.
    cited = {u.evidence.sources[0] for p in plan.paragraphs for u in p.support + p.counter}
    cited |= {w.id for p in plan.paragraphs for w in p.historians}
    assert cited == set(ids)
    assert [w.short for w in plan.bibliography][0].startswith("Carley")
    revision = build_plan(mini_pack, "cs-genuine", REVISION)  # revision notes: every source of every item
    every = {s for p in revision.paragraphs for u in p.support + p.counter for s in u.evidence.sources}
    assert every <= {w.id for w in revision.bibliography}


def test_question_flags_evidence_outside_its_dates(mini_pack):
    question = from_question(mini_pack.question["collective-security-1933-39"], mini_pack)
    plan = build_plan(mini_pack, "cs-genuine", REVISION, question)
    assert [e.id for e in plan.outside_range] == ["treaty-of-rapallo"]
    assert build_plan(mini_pack, "cs-genuine", question=question).outside_range == ()  # an exam plan leaves it out
    assert "1933–1939" in plan.introduction.question_focus


def test_dropping_and_restoring_an_item(mini_pack):
    edits = PlanEdits().with_dropped("cs-munich", "munich-agreement")
    plan = build_plan(mini_pack, "cs-genuine", edits)
    paragraph = plan.paragraphs[1]
    assert "munich-agreement" not in [u.evidence.id for u in paragraph.support]
    assert [u.evidence.id for u in paragraph.dropped] == ["munich-agreement"]
    restored = build_plan(mini_pack, "cs-genuine", edits.with_dropped("cs-munich", "munich-agreement", False))
    assert restored == build_plan(mini_pack, "cs-genuine")


def test_dropping_in_one_paragraph_keeps_the_item_elsewhere(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine", PlanEdits().with_dropped("cs-genuine-turn", "ussr-joins-league"))
    assert "ussr-joins-league" in [u.evidence.id for u in plan.paragraphs[2].support]


def test_moving_paragraphs(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine")
    edits = PlanEdits().with_moved(plan.order, "cs-rapallo-broken-by-hitler", -2)
    moved = build_plan(mini_pack, "cs-genuine", edits)
    assert moved.order == ("cs-rapallo-broken-by-hitler", "cs-genuine-turn", "cs-munich")
    assert moved.introduction.roadmap[0] == "1. Hitler, not Moscow, broke Rapallo"
    assert PlanEdits().with_moved(plan.order, "cs-genuine-turn", -1).order == plan.order


def test_stale_order_is_repaired(mini_pack):
    plan = build_plan(mini_pack, "cs-genuine", PlanEdits(order=("gone", "cs-munich", "cs-munich")))
    assert plan.order == ("cs-munich", "cs-genuine-turn", "cs-rapallo-broken-by-hitler")


def test_notes_and_own_thesis(mini_pack):
    edits = PlanEdits().with_note("cs-munich", "Check Ragsdale").with_note("conclusion", "Be bold")
    edits = edits.with_thesis_text("  My own thesis.  ")
    plan = build_plan(mini_pack, "cs-genuine", edits)
    assert plan.paragraphs[1].note == "Check Ragsdale"
    assert plan.conclusion.note == "Be bold"
    assert plan.introduction.thesis_statement == "My own thesis."
    assert edits.with_note("cs-munich", "   ").note("cs-munich") == ""


def test_note_length_limit_and_cleaning():
    with pytest.raises(NoteTooLongError, match=str(MAX_NOTE_CHARS)):
        PlanEdits().with_note("introduction", "x" * (MAX_NOTE_CHARS + 1))
    assert clean_text("a\r\nb\x00c\x1b\td") == "a\nbc\td"


def test_edits_are_immutable():
    edits = PlanEdits()
    with pytest.raises(AttributeError):
        edits.order = ("x",)  # type: ignore[misc]
