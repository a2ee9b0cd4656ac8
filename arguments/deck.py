"""Essay plan → PowerPoint (.pptx): the projection sequence as a slide deck a teacher can reuse.

The deck renders the plan's outline (``arguments.outline``) in the order of projection mode
(``arguments.present.slides``): a title slide, the question, the introduction, each paragraph, the
historiography and the conclusion. Every piece of text is at least 28 pt (titles 30 pt, bold), so a part
that does not fit one slide goes on over the next ("continued"), never in smaller type. A
paragraph's counter evidence is on the slide after its claim (the reveal); the rebuttals and the
historians are in that slide's speaker notes, with the student's notes for the part. Each slide
names the plan's schools in text at its foot.
"""

from __future__ import annotations

import io
import math

from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from arguments.outline import QUESTION, Line, Outline, Part, build_outline
from arguments.plan import EssayPlan
from arguments.present import slides

BODY_PT = 28
TITLE_PT = 30  # two lines of a long paragraph heading fit the title box
FOOT_PT = 28
# What fits the body box at 28 pt (12.3 in × 4.9 in): about 58 characters a line, 10 lines.
CHARS_PER_LINE = 58
LINES_PER_SLIDE = 10
REVEAL = "counter evidence"
CONTINUED = "continued"
NOTE_LABEL = "My notes:"
HISTORIANS = "Historians"  # the outline's label for a paragraph's historians: speaker notes, not the slide
_TITLE_SLIDE, _TITLE_AND_CONTENT = 0, 1
_WIDTH, _HEIGHT = Inches(13.333), Inches(7.5)
_MARGIN = Inches(0.5)


def _line_text(line: Line) -> str:
    return f"{line.label}: {line.text}" if line.label and line.text else line.label + ":" if line.label else line.text


def _rows(line: Line) -> float:
    """About how many printed lines a line and its children take on a slide."""
    own = max(1, math.ceil(len(_line_text(line)) / CHARS_PER_LINE))
    return own + sum(_rows(c) for c in line.children)


def _pages(lines: list[Line]) -> list[list[Line]]:
    """Lines in slide-sized groups, in order; a line (with its children) is never split."""
    pages: list[list[Line]] = [[]]
    used = 0.0
    for line in lines:
        rows = _rows(line)
        if pages[-1] and used + rows > LINES_PER_SLIDE:
            pages.append([])
            used = 0.0
        pages[-1].append(line)
        used += rows
    return pages


def _notes_lines(lines: list[Line], depth: int = 0) -> list[str]:
    out = []
    for line in lines:
        out.append("  " * depth + _line_text(line))
        out += _notes_lines(list(line.children), depth + 1)
    return out


def _set_run(run, text: str, size: int, *, bold: bool = False) -> None:
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold


def _body(frame, lines: list[Line]) -> None:
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    first = True

    def add(line: Line, depth: int) -> None:
        nonlocal first
        paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
        first = False
        paragraph.level = min(depth, 4)
        if line.label:
            _set_run(paragraph.add_run(), line.label + ":" + (" " if line.text else ""), BODY_PT, bold=True)
        if line.text:
            _set_run(paragraph.add_run(), line.text, BODY_PT)
        for child in line.children:
            add(child, depth + 1)

    for line in lines:
        add(line, 0)


def _place(shape, top: int, height: int) -> None:
    """A placeholder across the slide's width (the layouts are drawn for 4:3; the deck is 16:9)."""
    shape.left, shape.top, shape.width, shape.height = _MARGIN, top, _WIDTH - 2 * _MARGIN, height


class _Deck:
    def __init__(self, plan: EssayPlan) -> None:
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = _WIDTH, _HEIGHT
        word = "School" if len(plan.schools) == 1 else "Schools"
        self.schools = f"{word}: {', '.join(s.name for s in plan.schools)}"

    def _footer(self, slide) -> None:
        box = slide.shapes.add_textbox(_MARGIN, Inches(6.65), _WIDTH - 2 * _MARGIN, Inches(0.7))
        box.text_frame.word_wrap = True
        _set_run(box.text_frame.paragraphs[0].add_run(), self.schools, FOOT_PT)

    def title_slide(self, title: str, subtitle: str) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_TITLE_SLIDE])
        heading, sub = slide.placeholders[0], slide.placeholders[1]
        _place(heading, Inches(1.2), Inches(3))
        _place(sub, Inches(4.4), Inches(2))
        heading.text_frame.word_wrap = True
        _set_run(heading.text_frame.paragraphs[0].add_run(), title, TITLE_PT + 6, bold=True)
        _set_run(sub.text_frame.paragraphs[0].add_run(), subtitle, BODY_PT)  # names the schools

    def slide(self, title: str, lines: list[Line], notes: list[str]) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_TITLE_AND_CONTENT])
        heading, body = slide.placeholders[0], slide.placeholders[1]
        _place(heading, Inches(0.25), Inches(1.1))
        _place(body, Inches(1.45), Inches(5.1))
        heading.text_frame.word_wrap = True
        heading.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        _set_run(heading.text_frame.paragraphs[0].add_run(), title, TITLE_PT, bold=True)
        _body(body.text_frame, lines)
        if notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(notes)
        self._footer(slide)

    def part(self, part: Part, *, reveal: bool = False) -> None:
        """A part over as many slides as it needs; with ``reveal``, its counter lines on the slides after."""
        shown = [line for line in part.lines if not (reveal and line.kind == "counter")]
        held = [line for line in part.lines if reveal and line.kind == "counter"]
        notes = [NOTE_LABEL, *part.note.split("\n")] if part.note else []
        for n, page in enumerate(_pages(shown)):
            self.slide(part.title if n == 0 else f"{part.title} ({CONTINUED})", page, notes if n == 0 else [])
        if not held:
            return
        on_slide = [Line(line.label, line.text, kind=line.kind) for line in held if line.label != HISTORIANS]
        in_notes = [child for line in held if line.label != HISTORIANS for child in line.children]
        in_notes += [line for line in held if line.label == HISTORIANS]
        for n, page in enumerate(_pages(on_slide)):
            title = f"{part.title} ({REVEAL}{'' if n == 0 else ', ' + CONTINUED})"
            self.slide(title, page, _notes_lines(in_notes) if n == 0 else [])

    def save(self) -> bytes:
        out = io.BytesIO()
        self.prs.save(out)
        return out.getvalue()


def render_pptx(plan: EssayPlan, outline: Outline | None = None) -> bytes:
    """The projection sequence as a .pptx: title, question, introduction, paragraphs (each with its
    reveal), historiography, conclusion."""
    outline = outline or build_outline(plan)
    deck = _Deck(plan)
    deck.title_slide(outline.title, f"{deck.schools} · {plan.length.label}")
    question = outline.part(QUESTION)
    if question is not None:
        deck.part(question)
    for step in slides(plan):
        part = outline.part(step.part)
        if part is not None:
            deck.part(part, reveal=step.kind == "paragraph")
    deck.prs.core_properties.title = outline.title
    deck.prs.core_properties.author = ""
    return deck.save()
