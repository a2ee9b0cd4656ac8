"""After the server restarts, the URL brings back the question, the thesis and the view."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from arguments.load import load_pack
from tests.e2e.conftest import _free_port, running_server, wait_idle

pytestmark = pytest.mark.e2e


def test_the_url_restores_question_thesis_and_view_after_a_restart(page: Page, tmp_path):
    pack = load_pack()
    question = pack.questions[-1]
    thesis = pack.thesis[question.theses[-1]]  # not the first choice anywhere: nothing restores it by chance
    port = _free_port()  # the same address before and after, as for a class's bookmarked link
    log = tmp_path / "streamlit.log"
    slide = page.locator(".st-key-slide h1")

    with running_server(log, port=port) as url:
        page.goto(f"{url}/?question={question.id}&thesis={thesis.id}")
        wait_idle(page)
        page.get_by_role("radio", name="Project to class").click()
        expect(slide).to_have_text("Introduction")
        page.get_by_role("button", name=re.compile("^Next")).click()
        expect(slide).to_have_text(re.compile(r"^Paragraph 1 of \d+$"))
        wait_idle(page)
        link = page.url
        assert f"question={question.id}" in link and f"thesis={thesis.id}" in link
        assert "view=project" in link and "step=2" in link

    with running_server(log, port=port):  # a new process: no session survives, only the URL
        page.goto(link)
        wait_idle(page)
        expect(slide).to_have_text(re.compile(r"^Paragraph 1 of \d+$"))
        expect(page.get_by_role("radio", name="Project to class")).to_be_checked()
        page.get_by_role("radio", name="Plan", exact=False).first.click()
        expect(page.get_by_role("heading", name=f"Essay plan: {thesis.title}")).to_be_visible()
        wait_idle(page)
        expect(page.get_by_role("combobox", name="Choose your essay question")).to_be_visible()
        expect(page.get_by_text(question.text, exact=True).first).to_be_visible()
        assert page.url.endswith(f"?question={question.id}&thesis={thesis.id}")
