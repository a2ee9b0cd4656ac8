"""Privacy: a whole session talks only to the app's own address, and nothing a student types is logged or saved.

(Usage statistics off in the committed config: tests/test_streamlit_config.py.)
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from arguments.load import load_pack
from tests.conftest import MINI_PACK, ROOT
from tests.e2e.conftest import choose_plan, running_server, show_part, wait_idle

pytestmark = pytest.mark.e2e


def download(page: Page) -> bytes:
    with page.expect_download() as info:
        page.locator(".st-key-export_md").get_by_role("button").click()
    return info.value.path().read_bytes()


def save_text(page: Page, label: str, text: str, changes: str) -> None:
    """Type into a box and leave it; wait until the page has saved it (its changes line says ``changes``)."""
    wait_idle(page)
    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    box.press("Tab")
    expect(page.get_by_text(f"Your changes: {changes} The downloads include them.")).to_be_visible(timeout=20_000)
    wait_idle(page)


def test_a_whole_session_only_talks_to_the_app(page: Page, server):
    """Load, choose, edit, download, project (next and previous), explorer, schools: every request stays home."""
    origin = urlsplit(server).netloc  # 127.0.0.1:PORT
    seen: list[str] = []
    page.context.on("request", lambda request: seen.append(request.url))
    page.on("websocket", lambda socket: seen.append(socket.url))
    pack = load_pack()
    question = pack.questions[0]
    thesis = pack.thesis[question.theses[0]]

    page.goto(server)
    wait_idle(page)
    choose_plan(page, question.text, thesis.title)
    save_text(page, "My notes on the introduction", "A note that must stay on this machine.", "1 note.")
    assert b"A note that must stay on this machine." in download(page)

    page.get_by_role("radio", name="Project to class").click()
    slide = page.locator(".st-key-slide h1")
    expect(slide).to_have_text("Introduction")
    page.get_by_role("button", name=re.compile("^Next")).click()
    expect(slide).to_have_text(re.compile(r"^Paragraph 1 of \d+$"))
    page.get_by_role("button", name=re.compile("^Previous")).click()
    expect(slide).to_have_text("Introduction")
    wait_idle(page)

    page.get_by_role("link", name="Evidence explorer").click()
    expect(page.get_by_role("heading", name="Evidence explorer")).to_be_visible()
    wait_idle(page)
    page.get_by_role("link", name="Schools").click()
    expect(page.get_by_role("heading", name="Schools of historians")).to_be_visible()
    wait_idle(page)

    checked = [url for url in seen if urlsplit(url).scheme not in {"data", "blob", "about"}]
    assert [url for url in checked if urlsplit(url).netloc != origin] == []
    # The record is a real one: the page, its code, the app's socket and the download were all seen.
    paths = {urlsplit(url).path for url in checked}
    assert "/_stcore/stream" in paths and "/" in paths
    assert any(p.startswith("/static/") for p in paths) and any(re.match(r"^/media/\w+\.md$", p) for p in paths)


# --- nothing typed is logged or written to disk --------------------------------------------------------------

HOME_STREAMLIT = Path.home() / ".streamlit"


def _browser_side(path: Path, temp: Path) -> bool:
    """Playwright's Chromium profile and downloads folder: the student's side, where a download belongs."""
    try:
        first = path.relative_to(temp).parts[0]
    except (ValueError, IndexError):
        return False
    return first.startswith(("playwright", ".org.chromium"))


def files_now(roots: list[Path]) -> dict[Path, tuple[int, int]]:
    """Every regular file under the roots, with its modification time and size."""
    temp = Path(tempfile.gettempdir())
    found: dict[Path, tuple[int, int]] = {}
    for root in roots:
        for folder, dirs, files in os.walk(root, onerror=lambda error: None):
            here = Path(folder)
            dirs[:] = [d for d in dirs if not _browser_side(here / d, temp)]
            for name in files:
                path = here / name
                try:
                    info = path.lstat()
                except OSError:
                    continue
                if path.is_file() and not path.is_symlink():
                    found[path] = (info.st_mtime_ns, info.st_size)
    return found


def holding(paths: list[Path], markers: list[bytes]) -> list[Path]:
    out = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if any(marker in data for marker in markers):
            out.append(path)
    return out


def test_nothing_typed_reaches_the_server_log_or_disk(page: Page, tmp_path):
    marker = f"zqx{uuid.uuid4().hex}"
    forms = [marker.encode("utf-8"), marker.encode("utf-16-le"), marker.encode("utf-16-be")]
    roots = [ROOT, Path(tempfile.gettempdir()), HOME_STREAMLIT]
    before = files_now(roots)
    log = tmp_path / "server.log"  # stdout and stderr, at the most talkative log level
    env = {"ESSAY_PLANNER_PACK": str(MINI_PACK)}
    with running_server(log, env=env, args=["--logger.level", "debug"]) as url:
        page.goto(url)
        wait_idle(page)
        pasted = page.get_by_role("textbox", name="Paste your essay question")
        pasted.fill(f"How far was Soviet foreign policy {marker} genuine about collective security, 1933-39?")
        pasted.press("Enter")
        ranked = page.get_by_role("radiogroup", name="Choose your thesis: ranked for your question, best first")
        ranked.get_by_text(load_pack(MINI_PACK).thesis["cs-genuine"].title).click(timeout=20_000)
        expect(page.get_by_role("heading", name=re.compile("^Essay plan: "))).to_be_visible()
        wait_idle(page)
        save_text(page, "My notes on the introduction", f"intro {marker}", "1 note.")
        show_part(page, "Paragraph 1")
        save_text(page, "My notes on paragraph 1", f"paragraph {marker} <b>and</b> more", "2 notes.")
        show_part(page, "Introduction")
        own = "Your thesis in your own words (optional: it replaces the thesis above)"
        save_text(page, own, f"thesis {marker}", "2 notes, your own thesis wording.")
        saved = download(page)
        assert saved.count(marker.encode()) >= 4  # it reached the server: the download holds it
        # Loading the file back sends it to the server too.
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            files=[{"name": "plan.md", "mimeType": "text/markdown", "buffer": saved}]
        )
        expect(page.get_by_text("Plan restored: thesis")).to_be_visible()
        wait_idle(page)
        page.reload()  # the pasted question is in the address: the server reads it again
        wait_idle(page)
        expect(pasted).to_have_value(re.compile(marker))
    after = files_now(roots)

    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Runtime state: " in text  # a debug message: debug logging was on
    assert marker not in text
    written = sorted(path for path, stamp in after.items() if before.get(path) != stamp)
    assert log in written  # the scan sees the folders the server writes to
    assert holding(written, forms) == []
