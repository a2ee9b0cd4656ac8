"""Essay plan → PowerPoint (.pptx): the projection sequence as a slide deck a teacher can reuse.

The deck renders the plan's outline (``arguments.outline``) in the order of projection mode
(``arguments.present.slides``): a title slide, the question, the introduction, each paragraph, the
historiography and the conclusion. Every piece of text is at least 28 pt (titles 30 pt, bold), so a part
that does not fit one slide goes on over the next ("continued"), never in smaller type. A
paragraph's counter evidence is on the slide after its claim (the reveal), and the rebuttals and the
historians are in that slide's speaker notes; the student's notes on a part are in the speaker notes of
its first slide. Every slide names the plan's schools in text (the title slide under its title, the
others at their foot).
"""

from __future__ import annotations

import io
import math
import re

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


Entry = tuple[int, Line]  # a line at its depth, without its children (they are entries of their own)


_SENTENCE_END = re.compile(r"(?<=[.;:!?…])\s+")


def _pieces(line: Line) -> list[Line]:
    """A line too long for one slide, cut between sentences into pieces that each fit (the first keeps
    the label, the rest go on unlabelled); a single sentence longer than a slide stays whole."""
    room = LINES_PER_SLIDE * CHARS_PER_LINE
    if len(_line_text(line)) <= room:
        return [Line(line.label, line.text, kind=line.kind)]
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(line.text):
        label = len(line.label) + 2 if not pieces else 0
        if pieces and len(pieces[-1]) + 1 + len(sentence) + label <= room:
            pieces[-1] += " " + sentence
        else:
            pieces.append(sentence)
    return [Line(line.label if n == 0 else "", text, kind=line.kind) for n, text in enumerate(pieces)]


def _entries(lines: list[Line], depth: int = 0) -> list[Entry]:
    out: list[Entry] = []
    for line in lines:
        out += [(depth, piece) for piece in _pieces(line)]
        out += _entries(list(line.children), depth + 1)
    return out


def _rows(line: Line) -> int:
    """About how many printed lines a line takes on a slide."""
    return max(1, math.ceil(len(_line_text(line)) / CHARS_PER_LINE))


def _pages(entries: list[Entry]) -> list[list[Entry]]:
    """Entries in slide-sized groups, in order: a line's children may go on over the next slide, but a
    line itself is never split (one longer than a slide has a slide of its own)."""
    pages: list[list[Entry]] = [[]]
    used = 0
    for entry in entries:
        rows = _rows(entry[1])
        if pages[-1] and used + rows > LINES_PER_SLIDE:
            pages.append([])
            used = 0
        pages[-1].append(entry)
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


def _body(frame, entries: list[Entry]) -> None:
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.word_wrap = True
    for n, (depth, line) in enumerate(entries):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.level = min(depth, 4)
        if line.label:
            _set_run(paragraph.add_run(), line.label + ":" + (" " if line.text else ""), BODY_PT, bold=True)
        if line.text:
            _set_run(paragraph.add_run(), line.text, BODY_PT)


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

    def slide(self, title: str, entries: list[Entry], notes: list[str]) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[_TITLE_AND_CONTENT])
        heading, body = slide.placeholders[0], slide.placeholders[1]
        _place(heading, Inches(0.25), Inches(1.1))
        _place(body, Inches(1.45), Inches(5.1))
        heading.text_frame.word_wrap = True
        heading.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        _set_run(heading.text_frame.paragraphs[0].add_run(), title, TITLE_PT, bold=True)
        _body(body.text_frame, entries)
        if notes:
            slide.notes_slide.notes_text_frame.text = "\n".join(notes)
        self._footer(slide)

    def part(self, part: Part, *, reveal: bool = False) -> None:
        """A part over as many slides as it needs; with ``reveal``, its counter lines on the slides after."""
        shown = [line for line in part.lines if not (reveal and line.kind == "counter")]
        held = [line for line in part.lines if reveal and line.kind == "counter"]
        notes = [NOTE_LABEL, *part.note.split("\n")] if part.note else []
        for n, page in enumerate(_pages(_entries(shown))):
            self.slide(part.title if n == 0 else f"{part.title} ({CONTINUED})", page, notes if n == 0 else [])
        if not held:
            return
        on_slide = [Line(line.label, line.text, kind=line.kind) for line in held if line.label != HISTORIANS]
        in_notes = [child for line in held if line.label != HISTORIANS for child in line.children]
        in_notes += [line for line in held if line.label == HISTORIANS]
        for n, page in enumerate(_pages(_entries(on_slide))):
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
