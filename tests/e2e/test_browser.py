"""The app in headless Chromium, used as a student and a teacher would use it."""

from __future__ import annotations

import contextlib
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from arguments.export import render_markdown
from arguments.load import load_pack
from arguments.plan import PlanEdits, build_plan
from arguments.question import from_question
from tests.e2e.conftest import choose_plan, show_part, wait_idle

pytestmark = pytest.mark.e2e

NOTE = "My own point: <img src=x onerror=alert('xss')> **not bold** [link](javascript:alert(1))"


@pytest.fixture(scope="module")
def pack():
    return load_pack()


@pytest.fixture(scope="module")
def choice(pack):
    """The first question that has a thesis, and that thesis: what a student might pick."""
    question = pack.questions[0]
    return question, pack.thesis[question.theses[0]]


def serious_violations(page: Page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def test_student_plans_edits_and_downloads(page: Page, server, pack, choice, outside_requests, tmp_path):
    question, thesis = choice
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_app(page, server)
    expect(page.get_by_role("heading", name="Plan your essay")).to_be_visible()

    # Pick the question from the list and the thesis by its title, as a student would.
    choose_plan(page, question.text, thesis.title)
    assert f"question={question.id}" in page.url and f"thesis={thesis.id}" in page.url
    assert serious_violations(page) == []

    # Drop the first evidence item, then write a note (saved when the box loses focus).
    plan = build_plan(pack, thesis.id, question=from_question(question, pack))
    first = plan.paragraphs[0]
    dropped = first.support[0].evidence
    show_part(page, "Paragraph 1")
    left_out = page.get_by_role("combobox", name="Evidence left out of my plan")
    left_out.click()
    left_out.press("ArrowDown")  # opens the list of this paragraph's items
    page.get_by_role("option", name=f"{dropped.date.label} · {dropped.title}", exact=True).click()
    page.keyboard.press("Escape")
    wait_idle(page)
    expect(page.get_by_text(re.compile(r"Your changes: 1 item dropped\."))).to_be_visible()
    show_part(page, "Introduction")
    box = page.get_by_role("textbox", name="My notes on the introduction")
    box.fill(NOTE)
    box.press("Tab")
    expect(page.get_by_text(re.compile(r"Your changes: 1 item dropped, 1 note\."))).to_be_visible()
    wait_idle(page)

    # The downloaded file is exactly the engine's export for the same edits.
    edits = PlanEdits().with_dropped(first.claim.id, dropped.id).with_note("introduction", NOTE)
    expected = render_markdown(build_plan(pack, thesis.id, edits, from_question(question, pack)))
    with page.expect_download() as info:
        page.locator(".st-key-export_md").get_by_role("button").click()
    download = info.value
    assert download.suggested_filename == f"essay-plan-{thesis.id}.md"
    path = tmp_path / "plan.md"
    download.save_as(path)
    assert path.read_text(encoding="utf-8") == expected
    assert "<img" not in expected.replace("\\<img", "")

    # Nothing the student typed became HTML on the page.
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []

    # Another thesis fills the same boxes with its own words (none yet); coming back brings the note back.
    other = pack.thesis[next(t for t in question.theses if t != thesis.id)]
    for title, note in ((other.title, ""), (thesis.title, NOTE)):
        page.get_by_text(title, exact=True).click()
        expect(page.get_by_role("heading", name=f"Essay plan: {title}")).to_be_visible()
        wait_idle(page)
        expect(page.get_by_role("textbox", name="My notes on the introduction")).to_have_value(note)

    # A refresh keeps the question and thesis (they are in the URL).
    page.reload()
    wait_idle(page)
    expect(page.get_by_role("heading", name=f"Essay plan: {thesis.title}")).to_be_visible()


def slide_heading(page: Page):
    return page.locator(".st-key-slide h1")


def test_teacher_projects_and_steps_with_buttons_and_keys(page: Page, server, choice, outside_requests):
    question, thesis = choice
    open_app(page, f"{server}/?question={question.id}&thesis={thesis.id}")
    page.get_by_role("radio", name="Project to class").click()
    expect(slide_heading(page)).to_have_text("Introduction")
    wait_idle(page)
    assert "view=project" in page.url and "step=1" in page.url

    # Large, high-contrast type at 1280×720 (the projection's style sheet arrives with the slide, but a
    # busy machine may paint the slide a moment before it: wait for it, up to 10 s, then measure).
    slide_text = '.st-key-slide [data-testid="stMarkdownContainer"] p'
    with contextlib.suppress(PlaywrightTimeout):  # measured below either way, and reported with the size found
        page.wait_for_function(
            f"() => {{ const p = document.querySelector('{slide_text}');"
            " return p && parseFloat(getComputedStyle(p).fontSize) >= 28; }",
            timeout=10_000,
        )
    size, ratio = page.evaluate(
        """() => {
            const p = document.querySelector('.st-key-slide [data-testid="stMarkdownContainer"] p');
            const rgb = s => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
            const lum = c => { const v = rgb(c).map(x => { x /= 255;
                return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
            let bg = p, colour = 'rgba(0, 0, 0, 0)';
            while (bg && (colour === 'rgba(0, 0, 0, 0)' || colour === 'transparent')) {
                colour = getComputedStyle(bg).backgroundColor; bg = bg.parentElement; }
            const [a, b] = [lum(getComputedStyle(p).color), lum(colour)].sort((x, y) => y - x);
            return [parseFloat(getComputedStyle(p).fontSize), (a + 0.05) / (b + 0.05)];
        }"""
    )
    assert size >= 28, size
    assert ratio >= 7, ratio
    assert serious_violations(page) == []

    # Next and previous by button and by keyboard.
    page.get_by_role("button", name=re.compile("^Next")).click()
    expect(slide_heading(page)).to_have_text(re.compile(r"^Paragraph 1 of \d+$"))
    wait_idle(page)
    page.keyboard.press("ArrowRight")
    expect(slide_heading(page)).to_have_text(re.compile(r"^Paragraph 2 of \d+$"))
    wait_idle(page)
    page.keyboard.press("ArrowLeft")
    expect(slide_heading(page)).to_have_text(re.compile(r"^Paragraph 1 of \d+$"))
    wait_idle(page)
    assert "step=2" in page.url

    # Counter evidence stays hidden until the teacher reveals it (key V).
    slide = page.locator(".st-key-slide")
    expect(slide).to_contain_text("hidden")
    expect(slide).not_to_contain_text("Rebuttal (")
    page.keyboard.press("v")
    expect(slide).to_contain_text("Rebuttal (")
    wait_idle(page)
    assert serious_violations(page) == []

    # The projected slide survives a refresh, and the sidebar never appears.
    page.reload()
    wait_idle(page)
    expect(slide_heading(page)).to_have_text(re.compile(r"^Paragraph 1 of \d+$"))
    assert page.get_by_test_id("stSidebar").count() == 0
