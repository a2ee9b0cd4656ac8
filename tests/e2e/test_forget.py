"""A closed session is forgotten (issue 12): nothing it typed stays in the server, its download link is gone.

The server runs with a memory probe (``probe_server.py``), a reconnect time of 2 s instead of 120
and a sweep every second instead of ten, so the test sees in seconds what a class sees in minutes.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from arguments.load import load_pack
from tests.conftest import MINI_PACK, ROOT
from tests.e2e.conftest import running_server, wait_idle
from tests.e2e.test_privacy import save_text

pytestmark = pytest.mark.e2e

PROBE = ROOT / "tests" / "e2e" / "probe_server.py"
OWN = "Your thesis in your own words (optional: it replaces the thesis above)"


def holders(folder: Path, marker: str, timeout: float = 30) -> list[str]:
    """Ask the server's probe which of its objects hold ``marker``."""
    return ask(folder, marker.encode("utf-8").hex(), timeout)["holders"]


def live_objects(folder: Path, timeout: float = 30) -> dict[str, int]:
    """Ask the server's probe how many sessions, session states, download files… are alive."""
    return ask(folder, "stats", timeout)["counts"]


def ask(folder: Path, request: str, timeout: float) -> dict:
    answer = folder / "answer.json"
    answer.unlink(missing_ok=True)
    (folder / "request").write_text(request, encoding="ascii")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            found = json.loads(answer.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            time.sleep(0.1)
            continue
        if found["request"] == request:
            return found
    raise AssertionError("the server's memory probe did not answer")


def status(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def download_url(page: Page) -> str:
    with page.expect_download() as info:
        page.get_by_test_id("stDownloadButton").get_by_role("button", name="Download plan (.md)").click()
    return info.value.url


def open_plan(page: Page, url: str, pasted: str) -> None:
    page.goto(url)
    wait_idle(page)
    box = page.get_by_role("textbox", name="Paste your essay question")
    box.fill(pasted)
    box.press("Enter")
    ranked = page.get_by_role("radiogroup", name="Choose your thesis: ranked for your question, best first")
    ranked.get_by_text(load_pack(MINI_PACK).thesis["cs-genuine"].title).click(timeout=20_000)
    expect(page.get_by_role("heading", name=re.compile("^Essay plan: "))).to_be_visible()
    wait_idle(page)


def test_a_closed_session_leaves_nothing_it_typed_and_its_download_is_gone(browser: Browser, tmp_path):
    marker = f"zqx{uuid.uuid4().hex}"
    probe = tmp_path / "probe"
    probe.mkdir()
    env = {"ESSAY_PLANNER_PACK": str(MINI_PACK), "PROBE_DIR": str(probe), "ESSAY_PLANNER_SWEEP_SECONDS": "1"}
    args = ["--server.disconnectedSessionTTL", "2"]
    with running_server(tmp_path / "server.log", env=env, args=args, launcher=[str(PROBE)]) as url:
        # Another student stays on throughout: ending one session must not disturb theirs.
        other_context = browser.new_context(accept_downloads=True)
        other = other_context.new_page()
        open_plan(other, url, "How far was Soviet foreign policy genuine about collective security, 1933-39?")
        save_text(other, "My notes on the introduction", "the other student's note", "1 note.")
        other_download = download_url(other)

        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        open_plan(page, url, f"How far was Soviet foreign policy {marker} genuine about collective security, 1933-39?")
        save_text(page, "My notes on the introduction", f"intro {marker}", "1 note.")
        save_text(page, OWN, f"thesis {marker}", "1 note, your own thesis wording.")
        link = download_url(page)
        code, body = status(link)
        assert code == 200 and marker.encode() in body
        page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(
            files=[{"name": "plan.md", "mimeType": "text/markdown", "buffer": body}]
        )
        expect(page.get_by_text("Plan restored: thesis")).to_be_visible()
        wait_idle(page)
        held = holders(probe, marker)
        assert held, "the probe must see the open session's text (else the test below proves nothing)"

        context.close()  # the tab is closed
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            held, code = holders(probe, marker), status(link)[0]
            if not held and code == 404:
                break
            time.sleep(1)
        assert held == [], f"a closed session's text is still held by: {held}"
        assert code == 404, f"a closed session's download still answers {code}"

        assert status(other_download)[0] == 200  # the student still working keeps their download
        save_text(other, "My notes on the introduction", "a second note", "1 note.")  # and their session
        assert b"a second note" in status(download_url(other))[1]
        # Sweeps with nothing to end leave the engine's caches alone (they are emptied when a session ends).
        filled = live_objects(probe)["memo entries"]
        time.sleep(3)  # three sweeps
        assert filled > 0 and live_objects(probe)["memo entries"] >= filled
        other_context.close()
        time.sleep(5)  # the reconnect time and a sweep: no session is left
        ended = live_objects(probe)
        assert ended["sessions"] == 0 and ended["ended"] == 2, ended
        time.sleep(3)  # idle sweeps end nothing more (the send loop's last session is not ended again)
        assert live_objects(probe)["ended"] == 2
