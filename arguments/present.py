"""Pure helpers for showing a pack and a plan on screen: safe inline text, thesis choices, slides.

No Streamlit here: the app's pages call these, and the tests check them directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from arguments.export import evidence_notes, md, note_lines
from arguments.model import KIND_LABELS, Evidence, Pack, Question, Thesis, Work
from arguments.plan import BodyParagraph, EssayPlan, EvidenceUse


def inline(text: str) -> str:
    """One line of data or student text, inert in Streamlit Markdown (no HTML, links, maths, icons).

    Streamlit adds $maths$, :directives[…], :emoji: and :material/icons: to CommonMark, so the
    colons are escaped as well (``md(..., streamlit=True)``).
    """
    return md(text, streamlit=True)


def school_label(pack: Pack, school_ids: tuple[str, ...]) -> str:
    """The text label naming the schools: ``Collective Security school, German school``."""
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
    paragraph: int | None = None  # index into plan.paragraphs for kind == "paragraph"


def slides(plan: EssayPlan) -> tuple[Slide, ...]:
    """The projection sequence for a plan, following its (edited) paragraph order."""
    total = len(plan.paragraphs)
    out = [Slide("introduction", "Introduction")]
    out += [Slide("paragraph", f"Paragraph {p.number} of {total}", paragraph=i) for i, p in enumerate(plan.paragraphs)]
    out += [Slide("historiography", "Historiography"), Slide("conclusion", "Conclusion")]
    return tuple(out)


def clamp_step(step: int, count: int) -> int:
    return max(0, min(count - 1, step))


def file_name(plan: EssayPlan) -> str:
    return f"essay-plan-{plan.thesis.id}.md"


def short_cites(works: tuple[Work, ...]) -> str:
    """``Haslam (1984); Steiner (2011)``: inline citations (the bibliography gives the titles)."""
    return "; ".join(inline(w.short) for w in works)


def bibliography_line(work: Work) -> str:
    where = f", in *{inline(work.published_in)}*" if work.published_in else ""
    publisher = f", {inline(work.publisher)}" if work.publisher else ""
    return f"{inline(work.author)} ({work.year}). *{inline(work.title)}*{where}{publisher}."


def evidence_markdown(use: EvidenceUse, plan: EssayPlan, *, counter: bool, pack: Pack) -> str:
    """One evidence item of a paragraph: date, title, kind, schools (as text), summary, link, citation."""
    item = use.evidence
    lines = [f"**{inline(item.date.label)} · {inline(item.title)}** ({inline(KIND_LABELS[item.kind].lower())})"]
    if counter and use.schools:
        lines.append(f"**Relied on by:** {inline(', '.join(s.name for s in use.schools))}")
    lines += [f"**{label}:** {inline(text)}" for label, text in evidence_notes(use, counter=counter)]
    if use.outside_range and plan.question is not None:
        lines.append(
            f"**Outside the question's dates** ({inline(plan.question.years_label)}): use it only as labelled context."
        )
    works = tuple(pack.work[w] for w in item.sources if w in pack.work)
    lines.append(f"**Source:** {short_cites(works)}")
    return "  \n".join(lines)


def paragraph_markdown(plan: EssayPlan, paragraph: BodyParagraph, pack: Pack) -> str:
    """A whole body paragraph as one Markdown block: schools, claim, evidence for and against, link."""
    word = "School" if len(paragraph.schools) == 1 else "Schools"
    parts = [
        f"**{word}:** {inline(', '.join(s.name for s in paragraph.schools))}  \n"
        f"**Claim (topic sentence):** {inline(paragraph.topic_sentence)}",
        "**Supporting evidence** (in date order):",
    ]
    parts += [_bullet(evidence_markdown(u, plan, counter=False, pack=pack)) for u in paragraph.support] or [
        "- None left: restore an item below or find your own."
    ]
    parts.append("**Counter evidence and rebuttal:**")
    parts += [_bullet(evidence_markdown(u, plan, counter=True, pack=pack)) for u in paragraph.counter] or [
        "- None left: a top-band paragraph weighs at least one counter-argument."
    ]
    historians = short_cites(paragraph.historians) or "none recorded"
    parts.append(f"**Historians who argue this:** {historians}  \n**{inline(paragraph.link)}**")
    return "\n\n".join(parts)


def _bullet(block: str) -> str:
    """A multi-line block as one list item (continuation lines indented under the bullet)."""
    return "- " + block.replace("  \n", "  \n  ")


def evidence_option(item: Evidence) -> str:
    """How an evidence item is named in a control: ``16 April 1922 · Treaty of Rapallo``."""
    return f"{item.date.label} · {item.title}"


# --- the plan on screen, one part at a time ---------------------------------------------------------
# The plan page shows one part (introduction, a paragraph, historiography, conclusion, bibliography)
# with its editing controls, or the whole plan to read: a browser draws a long page slowly, and a
# part is what a student works on at once. Part ids: the section names, a paragraph's claim id,
# "bibliography" and "whole".

INTRODUCTION, HISTORIOGRAPHY, CONCLUSION, BIBLIOGRAPHY, WHOLE = (
    "introduction",
    "historiography",
    "conclusion",
    "bibliography",
    "whole",
)


def plan_parts(plan: EssayPlan) -> tuple[str, ...]:
    """The parts of a plan in reading order (paragraphs in the student's order), then the whole plan."""
    return (INTRODUCTION, *plan.order, HISTORIOGRAPHY, CONCLUSION, BIBLIOGRAPHY, WHOLE)


def part_label(plan: EssayPlan, part: str) -> str:
    """``Paragraph 2``, ``Introduction``…: a part's name in the part chooser (plain text)."""
    fixed = {
        INTRODUCTION: "Introduction",
        HISTORIOGRAPHY: "Historiography",
        CONCLUSION: "Conclusion",
        BIBLIOGRAPHY: f"Bibliography ({len(plan.bibliography)})",
        WHOLE: "Whole plan",
    }
    if part in fixed:
        return fixed[part]
    return f"Paragraph {plan.order.index(part) + 1}"


def paragraph_of(plan: EssayPlan, claim: str) -> BodyParagraph | None:
    return next((p for p in plan.paragraphs if p.claim.id == claim), None)


def note_markdown(note: str) -> str:
    """The student's note as an inert Markdown quote, as in the export ("" when there is none)."""
    return "\n".join(note_lines(note, streamlit=True))


def question_markdown(plan: EssayPlan) -> str:
    """What the question asks: its wording, command term, key concept, dates and loaded words."""
    analysis = plan.question
    if analysis is None:
        return ""
    lines = [
        f"**Question:** {inline(analysis.text)}",
        "",
        f"- **Command term:** {inline(analysis.command_label)}",
        f"- **Key concept:** {inline(analysis.concept_label)}",
        f"- **Date range:** {inline(analysis.years_label)}",
    ]
    if analysis.loaded_words:
        lines.append(f"- **Words to define or challenge:** {inline(', '.join(analysis.loaded_words))}")
    return "\n".join(lines)


def introduction_markdown(plan: EssayPlan) -> str:
    intro = plan.introduction
    fields = [("Context", intro.context)]
    if plan.question is not None:
        fields.append(("The question in its own terms", intro.question_focus))
    own = " (your wording)" if plan.edits.thesis_text else ""
    fields += [(f"Thesis{own}", intro.thesis_statement), ("Verdict", intro.verdict)]
    fields.append(("Criteria for judgement", intro.criteria))
    return _fields_then_list(fields, "Roadmap", intro.roadmap)


def _fields_then_list(fields: list[tuple[str, str]], list_label: str, items: tuple[str, ...]) -> str:
    """``- **Label:** text`` bullets, then a labelled bullet with a nested list (all text escaped)."""
    lines = [f"- **{label}:** {inline(text)}" for label, text in fields]
    lines.append(f"- **{list_label}:**")
    lines += [f"  - {inline(item)}" for item in items]
    return "\n".join(lines)


def historiography_markdown(plan: EssayPlan) -> str:
    hist = plan.historiography
    lines = [inline(hist.placement), ""]
    for view in hist.views:
        role = "this plan's view" if view.in_thesis else "rival view"
        lines.append(f"- **{inline(view.school.name)}** ({role}): {inline(view.school.summary)}")
        lines.append(f"  - **Basis:** {inline(view.school.basis)}")
        lines.append(f"  - **Historians:** {short_cites(view.works)}")
    lines += [
        "",
        f"**Why historians differ:** {inline(hist.why_differ)}",
        "",
        f"**Which reading convinces, and why:** {inline(hist.evaluation)}",
    ]
    return "\n".join(lines)


def conclusion_markdown(plan: EssayPlan) -> str:
    conc = plan.conclusion
    fields = [
        ("Judgement", conc.judgement),
        ("How to frame it", conc.judgement_frame),
        ("Weighing the paragraphs", conc.weighing),
    ]
    return _fields_then_list(fields, "Arguments weighed", conc.factors)


def bibliography_markdown(plan: EssayPlan) -> str:
    return "\n".join(f"- {bibliography_line(w)}" for w in plan.bibliography)


def whole_plan_markdown(plan: EssayPlan, pack: Pack) -> str:
    """Every part with its notes, in order, as one Markdown block (to read or print, not to edit)."""
    total = len(plan.paragraphs)
    blocks = [question_markdown(plan), "### Introduction", introduction_markdown(plan)]
    blocks.append(note_markdown(plan.introduction.note))
    for p in plan.paragraphs:
        blocks += [f"### Paragraph {p.number} of {total}", paragraph_markdown(plan, p, pack), note_markdown(p.note)]
    blocks += ["### Historiography", historiography_markdown(plan), note_markdown(plan.historiography.note)]
    blocks += ["### Conclusion", conclusion_markdown(plan), note_markdown(plan.conclusion.note)]
    blocks += [f"### Bibliography ({len(plan.bibliography)} works)", bibliography_markdown(plan)]
    return "\n\n".join(b for b in blocks if b)
