"""A student pastes their own essay question in the browser (issue 5)."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from app_pages.plan_question import TOP
from arguments.export import render_markdown
from arguments.load import load_pack
from arguments.plan import PlanEdits, build_plan
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
    expect(page.get_by_role("listitem").filter(has_text=f"Question: {QUESTION}")).to_be_visible()
    wait_idle(page)
    assert "q=" in page.url and f"thesis={best.id}" in page.url
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []
    page.reload()  # the pasted question is in the URL: a refresh keeps it, and the plan
    wait_idle(page)
    expect(page.get_by_role("textbox", name="Paste your essay question")).to_have_value(QUESTION)
    expect(page.get_by_role("heading", name=f"Essay plan: {best.title}")).to_be_visible()


# The thesis radio is redrawn with other options (a pasted question's ranking, another question's
# theses, a restored plan's) under the same key. The chosen thesis must stay ticked in the browser:
# a radio shown empty sends its empty value back on the next interaction, and the thesis is lost.
INTERNAL = "internal-politics-1934-39"  # offers the terror thesis second; TERROR ranks it first
TERROR_ID = "terror-weakened-foreign-policy"
DOMESTIC_ID = "ip-domestic-drivers"  # first for INTERNAL, second for TERROR_QUESTION
TERROR_QUESTION = "terror-foreign-policy-1934-39"


@pytest.fixture(scope="module")
def pack():
    return load_pack()


def choose_question(page: Page, text: str, question_id: str) -> None:
    box = page.get_by_role("combobox", name="Choose your essay question")
    box.click()
    box.fill(text)  # the list is long: filter it, as a student would
    page.get_by_role("option", name=text, exact=True).click()
    expect(page).to_have_url(re.compile(rf"question={re.escape(question_id)}\b"))  # the rerun has happened
    wait_idle(page)


def choose_thesis(page: Page, title: str) -> None:
    page.get_by_text(title, exact=True).click()
    expect(page.get_by_role("heading", name=f"Essay plan: {title}")).to_be_visible()
    wait_idle(page)


def paste(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="Paste your essay question")
    box.fill(text)
    box.press("Enter")
    expect(page.get_by_text("How the planner reads your question:")).to_be_visible()
    wait_idle(page)


def expect_ticked(page: Page, thesis_id: str, title: str) -> None:
    """The thesis radio ticks this thesis and no other; its plan is shown and in the URL."""
    radios = page.get_by_role("radiogroup", name=re.compile(r"^Choose your thesis")).get_by_role("radio")
    expect(radios.and_(page.get_by_role("radio", name=title, exact=True))).to_be_checked()
    expect(radios.and_(page.locator(":checked"))).to_have_count(1)
    expect(page.get_by_role("heading", name=f"Essay plan: {title}")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"thesis={re.escape(thesis_id)}\b"))


def write_note_and_blur(page: Page, text: str) -> None:
    box = page.get_by_role("textbox", name="My notes on the introduction")
    box.fill(text)
    box.press("Tab")  # the next interaction: the radio's value goes back with it
    expect(page.get_by_text("Your changes: 1 note.")).to_be_visible()
    wait_idle(page)


def test_pasting_a_question_that_ranks_the_chosen_thesis_keeps_it_ticked(page: Page, server, pack):
    question, thesis = pack.question[INTERNAL], pack.thesis[TERROR_ID]
    ranked = [r.thesis.id for r in suggest_theses(pack, QUESTION).ranked[:TOP]]
    assert TERROR_ID in ranked and ranked.index(TERROR_ID) != question.theses.index(TERROR_ID)  # other options
    page.goto(server)
    wait_idle(page)
    choose_question(page, question.text, question.id)
    choose_thesis(page, thesis.title)
    paste(page, QUESTION)
    expect(page.get_by_text("Rank 1 · ")).to_be_visible()  # the radio now holds the ranking
    expect_ticked(page, TERROR_ID, thesis.title)
    write_note_and_blur(page, "The show trials first.")
    expect_ticked(page, TERROR_ID, thesis.title)
    expect(page).to_have_url(re.compile(r"[?&]q="))
    assert "question=" not in page.url


def test_another_question_that_offers_the_chosen_thesis_keeps_it_ticked(page: Page, server, pack):
    first, second, thesis = pack.question[INTERNAL], pack.question[TERROR_QUESTION], pack.thesis[DOMESTIC_ID]
    assert first.theses != second.theses and first.theses.index(DOMESTIC_ID) != second.theses.index(DOMESTIC_ID)
    page.goto(server)
    wait_idle(page)
    choose_question(page, first.text, first.id)
    choose_thesis(page, thesis.title)
    choose_question(page, second.text, second.id)
    expect_ticked(page, DOMESTIC_ID, thesis.title)
    write_note_and_blur(page, "Domestic politics first.")
    expect_ticked(page, DOMESTIC_ID, thesis.title)


def test_a_restored_plan_for_a_pasted_question_keeps_its_thesis_ticked(page: Page, server, pack):
    thesis = pack.thesis[TERROR_ID]
    saved = render_markdown(build_plan(pack, TERROR_ID, PlanEdits(), suggest_theses(pack, QUESTION).analysis))
    page.goto(server)
    wait_idle(page)
    choose_question(page, pack.question[INTERNAL].text, INTERNAL)
    choose_thesis(page, thesis.title)
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": f"essay-plan-{TERROR_ID}.md", "mimeType": "text/markdown", "buffer": saved.encode()}]
    )
    expect(page.get_by_text("Plan restored: thesis")).to_be_visible()
    expect(page.get_by_text("Rank 1 · ")).to_be_visible()  # the pasted question's ranking, not INTERNAL's list
    wait_idle(page)
    expect_ticked(page, TERROR_ID, thesis.title)
    write_note_and_blur(page, "Restored, then noted.")
    expect_ticked(page, TERROR_ID, thesis.title)
