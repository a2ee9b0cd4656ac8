"""Two planner processes behind Debian's nginx (deploy/local.py), driven through the proxy.

Sessions work, each browser stays on its process, and when one process dies its pages reconnect
through nginx to the other at the same question, thesis and part (the URL), with their unsaved notes
gone, while the other process's sessions keep theirs.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from arguments.load import load_pack
from deploy.local import find_nginx
from tests.conftest import ROOT
from tests.e2e.conftest import LOOPBACK, _free_port, _need_chromium, wait_idle

pytestmark = pytest.mark.e2e

NOTES = "My notes on the conclusion"


def _need_nginx() -> None:
    if find_nginx():
        return
    reason = "nginx not found: install Debian's nginx (apt-get install nginx)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; REQUIRE_BROWSER=1 forbids skipping the browser tests")
    pytest.skip(reason)


@pytest.fixture
def planners(tmp_path) -> Iterator[dict]:
    """deploy/local.py with two processes; yields its state (url, run_dir, planners: address and pid)."""
    _need_chromium()
    _need_nginx()
    run = tmp_path / "run"
    command = [
        sys.executable, "deploy/local.py", "--processes", "2", "--first-port", "0",
        "--host", LOOPBACK, "--port", str(_free_port()), "--run-dir", str(run),
    ]  # fmt: skip
    out = (tmp_path / "local.log").open("wb")
    process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while not (run / "state.json").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"deploy/local.py did not start:\n{(tmp_path / 'local.log').read_text()}")
            time.sleep(0.2)
        yield json.loads((run / "state.json").read_text())
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        out.close()
    assert process.returncode == 0, (tmp_path / "local.log").read_text()
    for planner in json.loads((run / "state.json").read_text())["planners"]:  # a clean shutdown: none left
        with pytest.raises(ProcessLookupError):
            os.kill(planner["pid"], 0)


def route(page: Page) -> str:
    """The planner process nginx pins this browser to (its planner_route cookie)."""
    return {c["name"]: c["value"] for c in page.context.cookies()}["planner_route"]


def access_log(run_dir: str) -> list[tuple[str, str, str]]:
    """(request, cookie, upstream) for every request nginx passed on."""
    pattern = re.compile(r'"(?P<request>[^"]*)" \d+ cookie=(?P<cookie>\S+) upstream=(?P<upstream>.*)$')
    lines = (Path(run_dir) / "planner-access.log").read_text().splitlines()
    return [(m["request"], m["cookie"], m["upstream"]) for m in map(pattern.search, lines) if m]


def test_two_processes_behind_nginx_keep_sessions_and_survive_a_lost_process(browser: Browser, planners):
    pack = load_pack()
    question = pack.questions[-1]
    thesis = pack.thesis[question.theses[-1]]  # not the first choice anywhere: nothing restores it by chance
    link = f"{planners['url']}/?question={question.id}&thesis={thesis.id}&part=conclusion"

    # Browsers (each its own cookies) until both processes have at least one.
    pages: list[Page] = []
    sockets: dict[int, list[str]] = {}
    while len({route(p) for p in pages}) < 2:
        assert len(pages) < 5, "nginx sent every new browser to the same process"
        page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
        seen: list[str] = []
        sockets[id(page)] = seen
        page.on("websocket", lambda ws, seen=seen: seen.append(ws.url))
        page.goto(link)
        wait_idle(page)
        expect(page.get_by_role("heading", name=f"Essay plan: {thesis.title}")).to_be_visible()
        box = page.get_by_role("textbox", name=NOTES)
        box.fill(f"Unsaved note {len(pages)}")
        box.press("Tab")  # saved in the session when the box loses focus
        expect(page.get_by_text(re.compile(r"Your changes: 1 note\."))).to_be_visible()
        pages.append(page)
    routes = [route(p) for p in pages]
    addresses = {p["address"] for p in planners["planners"]}
    assert set(routes) == addresses

    # Each browser stays on its process: page, scripts, websocket, health checks, the download.
    for page in pages:
        wait_idle(page)
        with page.expect_download() as download:
            page.get_by_role("button", name="Download plan (.md)").click()
        assert "Unsaved note" in Path(download.value.path()).read_text(encoding="utf-8")
        assert route(page) == routes[pages.index(page)]
    strays = [line for line in access_log(planners["run_dir"]) if line[1] not in ("-", line[2])]
    assert strays == [], f"requests that left their browser's process: {strays}"

    # One process dies (as a crash would, no goodbye).
    lost = routes[0]
    os.kill(next(p["pid"] for p in planners["planners"] if p["address"] == lost), signal.SIGKILL)
    (kept,) = addresses - {lost}

    for page, was in zip(pages, routes, strict=True):
        if was == lost:
            # Reconnected through nginx to the other process: the same question, thesis and part…
            expect(page.get_by_role("textbox", name=NOTES)).to_have_value("", timeout=30_000)
            wait_idle(page)
            expect(page).to_have_url(link)  # "notes=1" gone: this session holds none
            expect(page.get_by_role("heading", name=f"Essay plan: {thesis.title}")).to_be_visible()
            expect(page.get_by_text(question.text, exact=True).first).to_be_visible()
            # … in a new session: the notes that were not downloaded are gone, as the README says,
            # and the page says so (the address carried "notes=1" from the lost session).
            expect(page.get_by_text(re.compile(r"Your changes:"))).to_have_count(0)
            expect(page.get_by_text("Your notes are not in this page:")).to_be_visible()
            assert route(page) == kept
            assert len(sockets[id(page)]) == 2
    time.sleep(1)  # let a wrongly dropped socket show
    for page, was in zip(pages, routes, strict=True):
        if was == kept:  # untouched: the same websocket, the same session, the note still there
            expect(page.get_by_text(re.compile(r"Your changes: 1 note\."))).to_be_visible()
            expect(page.get_by_role("textbox", name=NOTES)).to_have_value(re.compile(r"^Unsaved note \d$"))
            expect(page.get_by_text("Your notes are not in this page:")).to_have_count(0)
            assert len(sockets[id(page)]) == 1
            assert route(page) == kept

    # The moved browsers work on their new process: another part, and a note saved there.
    moved = pages[routes.index(lost)]
    moved.get_by_role("textbox", name=NOTES).fill("A note on the process that is left")
    moved.get_by_role("textbox", name=NOTES).press("Tab")
    expect(moved.get_by_text(re.compile(r"Your changes: 1 note\."))).to_be_visible()
    for page in pages:
        page.context.close()

    # nginx logs a websocket when it closes: every one stayed on its browser's process, but for the
    # lost process's browsers, sent on to the other one.
    time.sleep(1)
    passed_on = access_log(planners["run_dir"])
    assert all("?" not in request for request, _, _ in passed_on), "a query string (a pasted question) was logged"
    streams = [line for line in passed_on if "/_stcore/stream" in line[0]]
    assert len(streams) == len(pages) + routes.count(lost)
    strays = [(r, c, u) for r, c, u in passed_on if c != "-" and u.split()[-1] not in {c, kept if c == lost else c}]
    assert strays == [], f"requests that left their browser's process: {strays}"
