"""The print layout, printed by Chromium itself (``page.pdf``): a 45-minute exam plan fits two pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from arguments.load import load_pack
from arguments.plan import PlanEdits, build_plan
from arguments.printout import render_html
from arguments.question import from_question

pytestmark = pytest.mark.e2e

PACK = load_pack()
# Every bundled question with the first thesis it suggests.
CHOICES = [(q.id, q.theses[0]) for q in PACK.questions if q.theses]
# Pages for each exam length, on A4 and on US Letter, bibliography and checklist included.
MOST_PAGES = {"45": 2, "50": 3, "60": 3}


def pages(page: Page, html: str, paper: str) -> int:
    page.set_content(html)
    pdf = page.pdf(format=paper)
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("length", sorted(MOST_PAGES))
def test_an_exam_plan_prints_on_two_pages(page: Page, length: str) -> None:
    """Every question for the 45-minute plan; every fourth for the longer ones (the suite stays quick)."""
    counts = {}
    for question_id, thesis_id in CHOICES if length == "45" else CHOICES[::4]:
        plan = build_plan(PACK, thesis_id, PlanEdits(length=length), from_question(PACK.question[question_id], PACK))
        html = render_html(plan)
        for paper in ("A4", "Letter"):
            counts[(question_id, paper)] = pages(page, html, paper)
    too_long = {k: n for k, n in counts.items() if n > MOST_PAGES[length]}
    assert not too_long, too_long


def test_the_printed_page_holds_the_plan_and_nothing_of_the_screen(page: Page) -> None:
    plan = build_plan(PACK, CHOICES[0][1], PlanEdits().with_note("conclusion", "<b>mine</b>"))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_content(render_html(plan))
    page.emulate_media(media="print")
    text = page.inner_text("body")
    assert text.startswith(f"Essay plan: {plan.thesis.title}")
    assert "<b>mine</b>" in text  # the note as typed, not as HTML
    assert page.locator("b").count() == 0 and page.locator("script, img, a, button, input").count() == 0
    assert requests == []  # it loads nothing
