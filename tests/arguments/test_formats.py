"""One plan, every output: for every bundled thesis, each part's text is the same on screen, in the
Markdown file, in the Word document (read back by pandoc), in the slides (slide text and speaker notes,
read back by python-pptx) and in the print layout, formatting aside.

"The text of a part" here: its title, and every line of it ("Label: text", each nested line on its
own) with the student's note, compared as a sorted list. The slides move the counter evidence to the
slide after its claim and cut a line too long for one slide between its sentences, so for them the
part's words are compared, every one, as a sorted list. The slides carry the projection sequence
(question to conclusion), not the bibliography or the checklist.
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from pptx import Presentation

from arguments.deck import render_pptx
from arguments.export import render_markdown
from arguments.load import bundled_packs, load_pack
from arguments.model import Pack
from arguments.outline import BIBLIOGRAPHY, CHECKLIST, Outline, build_outline
from arguments.plan import SECTIONS, PlanEdits, build_plan
from arguments.present import part_markdown_of, whole_plan_markdown
from arguments.printout import render_html
from arguments.question import from_question
from arguments.word import render_docx
from tests.inert import plain_text
from tests.tools import pandoc_text

PACK = load_pack()
PACKS = {pack.info.id: pack for pack in (load_pack(folder) for folder in bundled_packs())}
NOT_ON_SLIDES = (BIBLIOGRAPHY, CHECKLIST)
_BULLET = re.compile(r"^\s*(?:[-*+•]\s+)?")


def normal(lines: list[str]) -> list[str]:
    """Lines without bullets and indents, whitespace folded, empty ones gone, sorted."""
    out = [" ".join(_BULLET.sub("", line).replace("\u2060", "").split()) for line in lines]
    return sorted(line for line in out if line)


def split_by_titles(lines: list[str], outline: Outline) -> dict[str, list[str]]:
    """Lines under each part's title (a line equal to the title starts the part)."""
    titles = {part.title for part in outline.parts}
    parts: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.strip() in titles and line.strip() not in parts:
            current = line.strip()
            parts[current] = []
        elif current is not None:
            parts[current].append(line)
    return {title: normal(found) for title, found in parts.items()}


def on_screen(outline: Outline) -> dict[str, list[str]]:
    """The whole plan as the plan page draws it (one Markdown block), read as text."""
    assert plain_text(whole_plan_markdown(outline), "commonmark")  # the page's own block parses
    out = {}
    for part in outline.parts:
        text = plain_text(part_markdown_of(outline, part.id, heading=False), "commonmark")
        note = plain_text(whole_plan_markdown_note(part.note), "commonmark")
        out[part.title] = normal((text + "\n" + note).split("\n"))
    return out


def whole_plan_markdown_note(note: str) -> str:
    from arguments.present import note_markdown

    return note_markdown(note)


def in_markdown(plan, outline: Outline) -> dict[str, list[str]]:
    text = render_markdown(plan).split("\n---\n", 1)[1]
    return split_by_titles(plain_text(text, "commonmark").split("\n"), outline)


def in_word(plan, outline: Outline) -> dict[str, list[str]]:
    return split_by_titles(pandoc_text(render_docx(plan, outline), "docx").split("\n"), outline)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = [""]
        self.skip = False

    def handle_starttag(self, tag, attrs):
        self.skip = tag in ("style", "title")
        if tag in ("li", "h1", "h2", "p", "blockquote"):
            self.lines.append("")

    def handle_endtag(self, tag):
        self.skip = False

    def handle_data(self, data):
        if not self.skip:
            parts = data.split("\n")
            self.lines[-1] += parts[0]
            self.lines += parts[1:]


def in_print(plan, outline: Outline) -> dict[str, list[str]]:
    reader = _Text()
    reader.feed(render_html(plan, outline))
    return split_by_titles(reader.lines, outline)


def in_slides(plan, outline: Outline) -> dict[str, list[str]]:
    deck = Presentation(io.BytesIO(render_pptx(plan, outline)))
    out: dict[str, list[str]] = {}
    for part in outline.parts:
        if part.id in NOT_ON_SLIDES:
            continue
        lines: list[str] = []
        for slide in deck.slides:
            title = slide.shapes.title.text_frame.text
            if title == part.title or title.startswith(part.title + " ("):
                body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
                lines += [p.text for p in body.text_frame.paragraphs]
                if slide.has_notes_slide:
                    lines += slide.notes_slide.notes_text_frame.text.split("\n")
        out[part.title] = words(lines)
    return out


def words(lines: list[str]) -> list[str]:
    """Every word of the lines (bullets aside), sorted."""
    return sorted(word for line in normal(lines) for word in line.split())


def edits_for(thesis_id: str, pack: Pack = PACK) -> PlanEdits:
    """A note in every part, the student's own thesis wording, and a dropped item."""
    thesis = pack.thesis[thesis_id]
    edits = PlanEdits().with_thesis_text(f"My own words: {thesis.title}, *really*.")
    for section in (*SECTIONS, *thesis.claims):
        edits = edits.with_note(section, f"Note on {section}:\n- check <this> & [that]\n\n1. then 2")
    first = pack.claim[thesis.claims[0]]
    return edits.with_dropped(first.id, first.support[0].evidence)


@pytest.mark.parametrize(("pack_id", "thesis_id"), [(p.info.id, t.id) for p in PACKS.values() for t in p.theses])
def test_every_part_reads_the_same_in_every_format(pack_id: str, thesis_id: str) -> None:
    pack = PACKS[pack_id]
    question = next((from_question(q, pack) for q in pack.questions if thesis_id in q.theses), None)
    plan = build_plan(pack, thesis_id, edits_for(thesis_id, pack), question)
    outline = build_outline(plan)
    screen = on_screen(outline)
    assert all(screen.values())
    assert in_markdown(plan, outline) == screen
    assert in_print(plan, outline) == screen
    assert in_word(plan, outline) == screen
    slides = in_slides(plan, outline)
    assert slides == {title: words(lines) for title, lines in screen.items() if title in slides}
    assert len(slides) == len(outline.parts) - len(NOT_ON_SLIDES)


def test_revision_notes_read_the_same_in_every_format() -> None:
    thesis_id = max(PACK.theses, key=lambda t: len(t.claims)).id
    plan = build_plan(PACK, thesis_id, edits_for(thesis_id).with_length("revision"))
    outline = build_outline(plan)
    screen = on_screen(outline)
    assert in_markdown(plan, outline) == screen
    assert in_print(plan, outline) == screen
    assert in_word(plan, outline) == screen
    slides = in_slides(plan, outline)
    assert slides == {title: words(lines) for title, lines in screen.items() if title in slides}
