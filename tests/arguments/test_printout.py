"""The print layout: the outline as one HTML page with nothing active in it, whatever the text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from arguments.outline import build_outline
from arguments.plan import PlanEdits, build_plan
from arguments.printout import render_html
from tests.arguments.test_imports import CURATED, MINI_PACK, THESIS
from tests.payloads import PAYLOADS

ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "section", "ul", "li", "span"}
ALLOWED |= {"blockquote"}


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_student_text_stays_text(payload: str) -> None:
    edits = PlanEdits().with_note("introduction", payload).with_thesis_text(payload)
    plan = build_plan(MINI_PACK, THESIS, edits, CURATED)
    page = Tags()
    page.feed(render_html(plan))
    assert {tag for tag, _ in page.tags} <= ALLOWED
    attributes = {name for _, attrs in page.tags for name, _ in attrs}
    assert attributes <= {"lang", "charset", "http-equiv", "content", "class"}
    note = dict(plan.edits.notes).get("introduction", "")
    if note:
        assert note in "".join(page.text)  # every character shown as typed


def test_every_part_is_a_section_with_its_heading() -> None:
    plan = build_plan(MINI_PACK, THESIS, PlanEdits(), CURATED)
    html = render_html(plan)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    for part in build_outline(plan).parts:
        assert f"<h2>{part.title}</h2>" in html.replace("&#x27;", "'")
    assert html.count("<section") == len(build_outline(plan).parts)
    assert html.count('<section class="small">') == 2  # the bibliography and checklist in small type
