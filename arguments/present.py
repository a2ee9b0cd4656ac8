"""Pure helpers for showing a pack and a plan on screen: safe inline text, thesis choices, slides.

No Streamlit here: the app's pages call these, and the tests check them directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from arguments.export import md, note_lines
from arguments.model import Evidence, Pack, Question, Thesis, Work
from arguments.outline import (
    BIBLIOGRAPHY,
    CHECKLIST,
    CONCLUSION,
    HISTORIOGRAPHY,
    INTRODUCTION,
    OPPOSING,
    Outline,
    part_markdown,
)
from arguments.plan import BodyParagraph, EssayPlan


def inline(text: str) -> str:
    """One line of data or student text, inert in Streamlit Markdown (no HTML, links, maths, icons).

    Streamlit adds $maths$, :directives[…], :emoji: and :material/icons: to CommonMark, so the
    colons are escaped as well (``md(..., streamlit=True)``).
    """
    return md(text, streamlit=True)


def school_label(pack: Pack, school_ids: tuple[str, ...]) -> str:
    """The text label naming the schools: ``Realist school, Revisionist school``."""
    return ", ".join(pack.school[s].name for s in school_ids if s in pack.school)


SYNTHESIS_GROUP = "Syntheses (several schools)"


def thesis_group(pack: Pack, thesis: Thesis) -> str:
    return pack.school[thesis.schools[0]].name if len(thesis.schools) == 1 else SYNTHESIS_GROUP


def thesis_options(pack: Pack, question: Question | None, current: str | None = None) -> tuple[str, ...]:
    """The thesis ids to offer: the question's theses (in its order), or every thesis grouped by school.

    A thesis asked for by a link (``current``) but not linked to the question is kept at the end,
    so a teacher's link always restores what it names.
    """
    if question is not None:
        ids = tuple(t for t in question.theses if t in pack.thesis)
    else:
        order = {s.id: i for i, s in enumerate(pack.schools)}

        def key(thesis: Thesis) -> int:
            return order.get(thesis.schools[0], 0) if len(thesis.schools) == 1 else len(order)

        ids = tuple(t.id for t in sorted(pack.theses, key=key))
    if current is not None and current in pack.thesis and current not in ids:
        ids += (current,)
    return ids


def thesis_caption(pack: Pack, thesis: Thesis, question: Question | None = None) -> str:
    """A one-line caption under a thesis choice: its schools (as text) and its verdict."""
    word = "School" if len(thesis.schools) == 1 else "Schools"
    caption = f"{word}: {school_label(pack, thesis.schools)} · Verdict: {thesis.verdict}"
    if question is not None and thesis.id not in question.theses:
        caption += " · not one of this question's suggested theses"
    return caption


def question_source(question: Question) -> str:
    """Where a question comes from: a named past paper, or a practice question."""
    if question.source is None:
        return "Practice question (not from a past paper)"
    parts = [question.source.board, question.source.session, question.source.paper]
    return "Past paper: " + ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Slide:
    """One screen of projection mode: the introduction, one body paragraph, historiography or conclusion."""

    kind: str  # "introduction" | "paragraph" | "historiography" | "conclusion"
    title: str
    part: str  # the outline part it shows
    paragraph: int | None = None  # index into plan.body for kind == "paragraph"


def slides(plan: EssayPlan) -> tuple[Slide, ...]:
    """The projection sequence for a plan, following its (edited) paragraph order, the opposing case last."""
    body = plan.body
    total = len(body)
    out = [Slide("introduction", "Introduction", INTRODUCTION)]
    out += [
        Slide("paragraph", f"Paragraph {p.number} of {total}", OPPOSING if p.role == "opposing" else p.claim.id, i)
        for i, p in enumerate(body)
    ]
    out += [Slide("historiography", "Historiography", HISTORIOGRAPHY), Slide("conclusion", "Conclusion", CONCLUSION)]
    return tuple(out)


def clamp_step(step: int, count: int) -> int:
    return max(0, min(count - 1, step))


def file_name(plan: EssayPlan, extension: str = "md") -> str:
    return f"essay-plan-{plan.thesis.id}.{extension}"


def bibliography_line(work: Work) -> str:
    where = f", in *{inline(work.published_in)}*" if work.published_in else ""
    publisher = f", {inline(work.publisher)}" if work.publisher else ""
    return f"{inline(work.author)} ({work.year}). *{inline(work.title)}*{where}{publisher}."


def evidence_option(item: Evidence) -> str:
    """How an evidence item is named in a control: ``16 April 2002 · The treaty is signed``."""
    return f"{item.date.label} · {item.title}"


# --- the plan on screen, one part at a time ---------------------------------------------------------
# The plan page shows one part (introduction, a paragraph, historiography, conclusion, bibliography)
# with its editing controls, or the whole plan to read: a browser draws a long page slowly, and a
# part is what a student works on at once. Part ids: the section names, a paragraph's claim id,
# "bibliography" and "whole".

WHOLE = "whole"


def plan_parts(plan: EssayPlan) -> tuple[str, ...]:
    """The parts of a plan in reading order (paragraphs in the student's order), then the whole plan."""
    opposing = (OPPOSING,) if plan.opposing is not None else ()
    return (INTRODUCTION, *plan.order, *opposing, HISTORIOGRAPHY, CONCLUSION, BIBLIOGRAPHY, CHECKLIST, WHOLE)


def part_label(plan: EssayPlan, part: str) -> str:
    """``Paragraph 2``, ``Introduction``…: a part's name in the part chooser (plain text)."""
    fixed = {
        INTRODUCTION: "Introduction",
        HISTORIOGRAPHY: "Historiography",
        CONCLUSION: "Conclusion",
        BIBLIOGRAPHY: f"Bibliography ({len(plan.bibliography)})",
        CHECKLIST: "Checklist",
        WHOLE: "Whole plan",
    }
    if part in fixed:
        return fixed[part]
    if part == OPPOSING and plan.opposing is not None:
        return f"Paragraph {plan.opposing.number}: the case against"
    return f"Paragraph {plan.order.index(part) + 1}"


def paragraph_of(plan: EssayPlan, part: str) -> BodyParagraph | None:
    if part == OPPOSING:
        return plan.opposing
    return next((p for p in plan.paragraphs if p.claim.id == part), None)


def note_markdown(note: str) -> str:
    """The student's note as an inert Markdown quote, as in the export ("" when there is none)."""
    return "\n".join(note_lines(note, streamlit=True))


def part_markdown_of(outline: Outline, part: str, *, heading: bool = True, reveal: bool = True) -> str:
    """One part of the plan on screen: its heading and lines, every character of text escaped."""
    found = outline.part(part)
    if found is None:
        return ""
    body = part_markdown(found, inline, reveal=reveal)
    return f"### {inline(found.title)}\n\n{body}" if heading else body


def whole_plan_markdown(outline: Outline) -> str:
    """Every part with its notes, in order, as one Markdown block (to read or print, not to edit)."""
    blocks = []
    for part in outline.parts:
        blocks += [part_markdown_of(outline, part.id), note_markdown(part.note)]
    return "\n\n".join(b for b in blocks if b)
