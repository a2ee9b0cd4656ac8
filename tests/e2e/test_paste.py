"""A student pastes their own essay question in the browser (issue 5)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from arguments.load import load_pack
from arguments.suggest import suggest_theses
from tests.e2e.conftest import wait_idle

pytestmark = pytest.mark.e2e

QUESTION = "How far did the purges of 1936–38 weaken Soviet foreign policy?"


def test_student_pastes_a_question_picks_the_best_thesis_and_refreshes(page: Page, server, outside_requests):
    best = suggest_theses(load_pack(), QUESTION).ranked[0].thesis
    page.goto(server)
    wait_idle(page)
    box = page.get_by_role("textbox", name="Paste your essay question")
    box.fill(QUESTION)
    box.press("Enter")
    expect(page.get_by_text("How the planner reads your question:")).to_be_visible()
    wait_idle(page)
    page.get_by_text(best.title, exact=True).click()
    expect(page.get_by_role("heading", name=f"Essay plan: {best.title}")).to_be_visible()
    expect(page.get_by_text(f"This essay answers the question as set: “{QUESTION}”", exact=False)).to_be_visible()
    wait_idle(page)
    assert "q=" in page.url and f"thesis={best.id}" in page.url
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []
    page.reload()  # the pasted question is in the URL: a refresh keeps it, and the plan
    wait_idle(page)
    expect(page.get_by_role("textbox", name="Paste your essay question")).to_have_value(QUESTION)
    expect(page.get_by_role("heading", name=f"Essay plan: {best.title}")).to_be_visible()
