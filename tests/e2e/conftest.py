"""Browser tests: `streamlit run` on a free loopback port, driven by Debian's headless Chromium.

Most tests share one server (``server``); a test that needs its own (another pack, a restart, a
captured debug log) starts it with ``running_server``.

Without /usr/bin/chromium the tests skip with a reason, unless REQUIRE_BROWSER=1 (CI), where
they fail instead. Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import ROOT

# CI machines are small and busy: give page assertions room before calling them failed.
expect.set_options(timeout=15_000)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOOPBACK = "127.0.0.1"
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"


def _need_chromium() -> None:
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return
    reason = f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; REQUIRE_BROWSER=1 forbids skipping the browser tests")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(
    log: Path,
    *,
    port: int | None = None,
    env: dict[str, str | None] | None = None,
    args: Sequence[str] = (),
    launcher: Sequence[str] = ("-m", "streamlit"),
) -> Iterator[str]:
    """``streamlit run`` from the repository root (so .streamlit/config.toml applies); yields its URL.

    Its output goes to ``log``; ``env`` adds to (or, with a None value, removes from) the environment.
    The bundled pack is used unless ``env`` sets ESSAY_PLANNER_PACK. ``launcher``: what Python runs
    instead of ``-m streamlit`` (``tests/e2e/probe_server.py`` adds a memory probe).
    """
    port = port or _free_port()
    environ = {k: v for k, v in os.environ.items() if k != "ESSAY_PLANNER_PACK"}
    for key, value in (env or {}).items():
        if value is None:
            environ.pop(key, None)
        else:
            environ[key] = value
    command = [
        sys.executable, *launcher, "run", "streamlit_app.py",
        "--server.port", str(port), "--server.address", LOOPBACK, "--server.headless", "true", *args,
    ]  # fmt: skip
    with log.open("ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=environ)
    url = f"http://{LOOPBACK}:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[str]:
    """The app on the bundled pack, shared by the browser tests that do not need a server of their own."""
    _need_chromium()
    with running_server(tmp_path_factory.mktemp("server") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    _need_chromium()
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 720}, "accept_downloads": True}


@pytest.fixture
def outside_requests(page) -> Iterator[list[str]]:
    """Every request or web socket that goes anywhere but 127.0.0.1 (it must stay empty)."""
    seen: list[str] = []

    def check(url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if parts.hostname != LOOPBACK:
            seen.append(url)

    page.context.on("request", lambda request: check(request.url))
    page.on("websocket", lambda socket: check(socket.url))
    yield seen
    assert seen == [], f"requests left 127.0.0.1: {seen}"


def wait_idle(page) -> None:
    """The script has finished its run and no element is stale."""
    page.wait_for_selector(READY, timeout=20_000)
    page.wait_for_function("document.querySelectorAll('[data-stale=\"true\"]').length === 0", timeout=20_000)


def choose_plan(page, question_text: str, thesis_title: str) -> None:
    """Pick a question from the list and a thesis by its title, as a student would, until its plan shows."""
    page.get_by_role("combobox", name="Choose your essay question").click()
    page.get_by_role("option", name=question_text, exact=True).click()
    wait_idle(page)
    page.get_by_text(thesis_title, exact=True).click()
    expect(page.get_by_role("heading", name=f"Essay plan: {thesis_title}")).to_be_visible()
    wait_idle(page)


def show_part(page, name: str) -> None:
    """Click a part of the plan in the part chooser (``Introduction``, ``Paragraph 1``, ``Whole plan``…).

    Waits for the part itself: the address names it (``part=``) and, for a paragraph, its heading shows.
    """
    wait_idle(page)
    parts = page.get_by_role("radiogroup", name="Part of the plan to show")  # single-choice pills are radios
    parts.get_by_role("radio", name=name, exact=True).click()
    fixed = {"Whole plan": "whole", "Historiography": "historiography", "Conclusion": "conclusion"}
    if name == "Introduction":
        expect(page).not_to_have_url(re.compile(r"[?&]part="))
    elif name in fixed:
        expect(page).to_have_url(re.compile(rf"[?&]part={fixed[name]}(&|$)"))
    elif name.startswith("Bibliography"):
        expect(page).to_have_url(re.compile(r"[?&]part=bibliography(&|$)"))
    else:  # a paragraph: the address names its claim
        expect(page.get_by_role("heading", name=re.compile(rf"^{re.escape(name)}: "))).to_be_visible()
        expect(page).not_to_have_url(re.compile(r"[?&]part=(whole|introduction)(&|$)"))
    wait_idle(page)
