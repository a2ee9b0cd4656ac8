"""The second debate in a real browser: chosen from the page, named in the address, answering a
pasted question, and downloaded exactly as the engine writes it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from arguments.export import render_markdown
from arguments.load import bundled_packs, load_pack
from arguments.plan import build_plan
from arguments.question import from_question
from tests.e2e.conftest import choose_plan, wait_idle

pytestmark = pytest.mark.e2e

COLD_WAR = load_pack(next(f for f in bundled_packs() if f.name == "cold-war-origins"))


def test_a_student_opens_the_cold_war_debate_plans_and_downloads(page: Page, server, outside_requests, tmp_path):
    page.goto(server)
    wait_idle(page)
    page.get_by_role("combobox", name="Debate").click()
    page.get_by_role("option", name=COLD_WAR.info.title, exact=True).click()
    wait_idle(page)
    assert f"debate={COLD_WAR.info.id}" in page.url
    expect(page).to_have_title(f"Essay planner: {COLD_WAR.info.subject}")

    question = COLD_WAR.questions[0]
    thesis = COLD_WAR.thesis[question.theses[0]]
    choose_plan(page, question.text, thesis.title)
    assert f"question={question.id}" in page.url and f"debate={COLD_WAR.info.id}" in page.url

    expected = render_markdown(build_plan(COLD_WAR, thesis.id, question=from_question(question, COLD_WAR)))
    with page.expect_download() as info:
        page.locator(".st-key-export_md").get_by_role("button").click()
    path = tmp_path / "plan.md"
    info.value.save_as(path)
    assert path.read_text(encoding="utf-8") == expected

    # The link reopens the same debate, question and thesis in a fresh tab.
    fresh = page.context.new_page()
    fresh.goto(page.url)
    wait_idle(fresh)
    expect(fresh.get_by_role("heading", name=f"Essay plan: {thesis.title}")).to_be_visible()
    assert outside_requests == []


def test_a_pasted_cold_war_question_opens_its_debate(page: Page, server):
    page.goto(server)  # the default debate
    wait_idle(page)
    box = page.get_by_role("textbox", name="Paste your essay question")
    box.fill("How far was the United States responsible for the breakdown of the Grand Alliance by 1947?")
    box.press("Enter")
    wait_idle(page)
    expect(page.get_by_text(f"Your question is about {COLD_WAR.info.subject}")).to_be_visible()
    assert f"debate={COLD_WAR.info.id}" in page.url
    expect(page.get_by_role("radiogroup")).to_be_visible()  # ranked theses to choose from
