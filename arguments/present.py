"""Pure helpers for showing a pack and a plan on screen: safe inline text, thesis choices, slides.

No Streamlit here: the app's pages call these, and the tests check them directly.
"""

from __future__ import annotations

from dataclasses import dataclass

from arguments.export import evidence_notes, md
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
