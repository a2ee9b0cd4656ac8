"""A plan downloaded in the browser, loaded back into a fresh tab through the real upload box."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from arguments.load import load_pack
from tests.e2e.conftest import show_part, wait_idle

pytestmark = pytest.mark.e2e

WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTE = "Munich first. <b>not bold</b> [not a link](javascript:alert(1))"


@pytest.fixture(scope="module")
def choice():
    pack = load_pack()
    question = pack.questions[0]
    return question, pack.thesis[question.theses[0]]


def upload(page: Page, name: str, content: bytes, mime: str = "text/markdown") -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": content}]
    )
    wait_idle(page)


def open_with_a_note(page: Page, server: str, question, thesis) -> None:
    """The plan for a question and thesis, with a note on its conclusion (the edit a download keeps)."""
    page.goto(f"{server}/?question={question.id}&thesis={thesis.id}")
    wait_idle(page)
    show_part(page, "Conclusion")
    note = page.get_by_role("textbox", name="My notes on the conclusion")
    note.fill(NOTE)
    note.press("Tab")
    expect(page.get_by_text("Your changes: 1 note.")).to_be_visible()
    wait_idle(page)


def download(page: Page) -> bytes:
    with page.expect_download() as info:
        page.locator(".st-key-export_md").get_by_role("button").click()
    return info.value.path().read_bytes()


def test_download_then_load_into_a_new_tab_and_a_big_file_is_refused(page: Page, server, choice, outside_requests):
    question, thesis = choice
    open_with_a_note(page, server, question, thesis)
    saved = download(page)
    assert NOTE.split(".")[0].encode() in saved

    page.goto(server)  # a new session: the plan is gone until the file is loaded
    wait_idle(page)
    expect(page.get_by_role("heading", name="Plan your essay")).to_be_visible()
    upload(page, f"essay-plan-{thesis.id}.md", saved)
    expect(page.get_by_role("heading", name=f"Essay plan: {thesis.title}")).to_be_visible()
    expect(page.get_by_text("Plan restored: thesis")).to_be_visible()
    show_part(page, "Conclusion")
    expect(page.get_by_role("textbox", name="My notes on the conclusion")).to_have_value(NOTE)
    assert f"question={question.id}" in page.url and f"thesis={thesis.id}" in page.url
    assert download(page) == saved

    # 1.5 MB gets past Streamlit's upload limit (2 MB) to the planner, which refuses it clearly.
    upload(page, "huge.md", saved + b"x" * (1536 * 1024 - len(saved)))
    alert = page.get_by_test_id("stAlertContentError")
    expect(alert).to_have_count(1)
    expect(alert).to_contain_text("The file is larger than 1 MB")
    expect(alert).to_contain_text("Nothing was imported: the plan you have open is unchanged.")
    expect(page.get_by_role("textbox", name="My notes on the conclusion")).to_have_value(NOTE)
    assert download(page) == saved


def test_the_word_file_downloads_and_loads_back_into_a_new_tab(page: Page, server, choice, outside_requests):
    """The .docx is made on click (a callable download), carries the plan, and the box takes it."""
    question, thesis = choice
    open_with_a_note(page, server, question, thesis)
    with page.expect_download() as info:
        page.locator(".st-key-export_docx").get_by_role("button").click()
    assert info.value.suggested_filename == f"essay-plan-{thesis.id}.docx"
    word_file = info.value.path().read_bytes()
    assert word_file[:4] == b"PK\x03\x04"
    expect(page.get_by_text("Your changes: 1 note.")).to_be_visible()  # no rerun lost the edit
    saved = download(page)

    page.goto(server)
    wait_idle(page)
    upload(page, f"essay-plan-{thesis.id}.docx", word_file, WORD)
    expect(page.get_by_text("Plan restored: thesis")).to_be_visible()
    show_part(page, "Conclusion")
    expect(page.get_by_role("textbox", name="My notes on the conclusion")).to_have_value(NOTE)
    assert download(page) == saved  # the same plan as the .md downloaded before
