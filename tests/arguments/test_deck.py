"""The slide deck, read back with python-pptx: the projection sequence, 28 pt or more, the reveal,
speaker notes, and the schools named on every slide."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Pt

from arguments import deck
from arguments.outline import Line, build_outline
from arguments.plan import PlanEdits, build_plan
from arguments.present import slides
from tests.arguments.test_imports import CURATED, MINI_PACK, THESIS

EDITS = PlanEdits().with_note("introduction", "Ask the class first.").with_note("cs-munich", "Munich map.")


def read(plan) -> list[dict]:
    """Each slide: title, body paragraphs (text, level), every run's size, the other text, the notes."""
    out = []
    for slide in Presentation(io.BytesIO(deck.render_pptx(plan))).slides:
        title = slide.shapes.title.text_frame.text
        body, sizes, other = [], [], []
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                sizes += [run.font.size for run in paragraph.runs]
                if shape.is_placeholder and shape.placeholder_format.idx == 1:
                    body.append((paragraph.text, paragraph.level))
                elif shape != slide.shapes.title:
                    other.append(paragraph.text)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        out.append({"title": title, "body": body, "sizes": sizes, "other": other, "notes": notes})
    return out


def test_the_deck_follows_the_projection_sequence_with_a_reveal_after_each_claim() -> None:
    plan = build_plan(MINI_PACK, THESIS, EDITS, CURATED)
    outline = build_outline(plan)
    shown = read(plan)
    titles = [s["title"] for s in shown]
    assert titles[0] == outline.title
    expected = ["The question"] + [outline.part(step.part).title for step in slides(plan)]
    assert [t for t in titles if t in expected] == expected  # every part, in projection order
    for p in plan.body:
        title = outline.part(p.claim.id if p.role != "opposing" else "opposing").title
        claim_at = titles.index(title)
        reveal_at = titles.index(f"{title} ({deck.REVEAL})")
        # the reveal comes after the claim's own slides, before the next part
        assert all(t.startswith(title) for t in titles[claim_at : reveal_at + 1])
        claim_text = " ".join(t for s in shown[claim_at:reveal_at] for t, _ in s["body"])
        reveal_text = " ".join(t for t, _ in shown[reveal_at]["body"])
        for use in p.counter:
            named = use.evidence.short or use.evidence.title  # an exam plan names an item by its short title
            assert named not in claim_text  # hidden until the reveal
            assert named in reveal_text


def test_rebuttals_and_historians_are_in_the_speaker_notes_not_on_the_slide() -> None:
    plan = build_plan(MINI_PACK, THESIS, EDITS, CURATED)
    shown = read(plan)
    reveals = [s for s in shown if s["title"].endswith(f"({deck.REVEAL})")]
    assert len(reveals) == len(plan.body)  # a paragraph without a counter says so on its reveal slide
    assert any(not p.counter for p in plan.body)
    for p, slide in zip(plan.body, reveals, strict=True):
        on_slide = " ".join(t for t, _ in slide["body"])
        assert "Rebuttal" not in on_slide and "Historians" not in on_slide
        if p.counter:
            assert "Rebuttal (" in slide["notes"] or "How the rival case fares (" in slide["notes"]
        else:
            assert on_slide.startswith("Counter: none left")
        if p.historians:
            assert f"Historians: {p.historians[0].short}" in slide["notes"]
    intro = next(s for s in shown if s["title"] == "Introduction")
    assert intro["notes"] == "My notes:\nAsk the class first."


def test_every_piece_of_text_is_at_least_28_pt_and_the_schools_are_named_on_every_slide() -> None:
    plan = build_plan(MINI_PACK, THESIS, EDITS, CURATED)
    names = ", ".join(s.name for s in plan.schools)
    for slide in read(plan):
        assert slide["sizes"] and all(size is not None and size >= Pt(28) for size in slide["sizes"]), slide
        assert any(names in text for text in slide["other"] + [t for t, _ in slide["body"]]), slide["title"]


def test_a_long_part_goes_on_over_slides_never_in_smaller_type(bundled_pack) -> None:
    plan = build_plan(bundled_pack, bundled_pack.theses[0].id, PlanEdits(length="revision"))
    shown = read(plan)
    continued = [s for s in shown if s["title"].endswith(f"({deck.CONTINUED})")]
    assert continued
    for slide in shown:
        rows = sum(max(1, -(-len(text) // deck.CHARS_PER_LINE)) for text, _ in slide["body"])
        # a slide holds what fits, unless it holds one sentence longer than a slide
        assert rows <= deck.LINES_PER_SLIDE or len(slide["body"]) == 1, slide["title"]


def test_a_line_too_long_for_a_slide_is_cut_between_sentences() -> None:
    sentence = "Moscow weighed every offer against the cost of war in two places at once, east and west."
    line = Line("Why they differ", " ".join([sentence] * 12), (Line("Basis", "short"),))
    pieces = deck._pieces(line)
    assert len(pieces) == 2 and pieces[0].label == "Why they differ" and pieces[1].label == ""
    assert " ".join(p.text for p in pieces) == line.text  # every word, in order
    assert all(len(deck._line_text(p)) <= deck.LINES_PER_SLIDE * deck.CHARS_PER_LINE for p in pieces)
    assert deck._pieces(Line("Short", sentence)) == [Line("Short", sentence)]
    entries = deck._entries([line])
    assert [depth for depth, _ in entries] == [0, 0, 1]  # its children follow the last piece


def test_nested_lines_keep_their_level() -> None:
    plan = build_plan(MINI_PACK, THESIS, EDITS, CURATED)
    paragraph = next(s for s in read(plan) if any(t.startswith("Evidence:") for t, _ in s["body"]))
    at = [t for t, _ in paragraph["body"]].index("Evidence:")
    assert paragraph["body"][at][1] == 0 and paragraph["body"][at + 1][1] == 1
