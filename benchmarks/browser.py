"""Browser timings in headless Chromium, the planner against the bare baseline page in the same run.

- Cold first paint: a new browser context (empty cache, new session) opens the page; from
  navigation until the page's text is shown and the script is idle (median of several).
- Thesis change: from the click that picks another thesis until the new plan is shown and idle.
- Question change: from the click that picks another essay question (a full-page rerun, the thesis
  kept) until the plan for it is shown and idle, against the bare page's same selectbox change.
- Load: N browser sessions change thesis at the same moment; per-session time until its new plan
  shows (p50, p95); server memory (RSS) with 1 and with N sessions open.

Both pages are served at once and every measure takes turns between them (a paint of one, then of
the other; a switch of one, then of the other; a round of N at once on one, then on the other), so
a busy moment on a shared machine falls on both alike.
"""

from __future__ import annotations

import asyncio
import contextlib
import statistics
import time
from dataclasses import dataclass

from playwright.async_api import ElementHandle, Page, async_playwright

from arguments.load import load_pack
from benchmarks.pages import APP, BASELINE, BASELINE_LABEL, BASELINE_OPTIONS, BASELINE_TEXTS, check_baseline
from benchmarks.servers import CHROMIUM, CHROMIUM_ARGS, streamlit_server


@dataclass(frozen=True)
class Driver:
    """How to open a page and flip its choice between two states, and what text proves each state."""

    name: str
    path: str
    ready_text: str
    texts: tuple[str, str]
    kind: str  # "selectbox" (baseline) or "radio" (the planner's thesis list)
    options: tuple[str, str]
    label: str = ""

    async def setup(self, page: Page) -> None:
        """After the first paint, bring the page to state 0 (not timed)."""
        if self.kind == "radio":
            await _wait(page, await self.click(await self.prepare(page, 1), 1))

    async def prepare(self, page: Page, i: int) -> ElementHandle:
        """What a student does before the click that changes thesis: open the dropdown, or scroll the
        thesis list until the wanted one is in view (the timed click then scrolls neither page).

        Returns the element to click, found here, untimed: finding it by its role and accessible name
        makes Playwright work out the name of every such element on the page, a cost that grows with
        the page and is the test's, not the student's (a 1,000-node page paid several milliseconds a
        click for it).
        """
        option = self.options[(i + 1) % 2]
        if self.kind == "selectbox":
            await page.get_by_label(self.label).first.click()
            target = page.get_by_role("option", name=option, exact=True)
        else:
            target = page.get_by_role("radio", name=option).locator("xpath=ancestor::label[1]")
            await target.scroll_into_view_if_needed()
        return await target.element_handle()

    async def click(self, target: ElementHandle, i: int) -> str:
        """The timed click; returns the text that shows the change is complete."""
        await target.click()
        return self.texts[(i + 1) % 2]


def baseline_driver() -> Driver:
    return Driver("baseline", "/", BASELINE_TEXTS[0], BASELINE_TEXTS, "selectbox", BASELINE_OPTIONS, BASELINE_LABEL)


READY_TEXT = "Plan your essay"
QUESTION_LABEL = "Choose your essay question"


def question_driver() -> Driver:
    """Open a plan for a question, then change the essay question (a full-page rerun: the question boxes, the
    thesis list and the plan), keeping a thesis both questions offer. Each state is known by its decoded
    question, which names the key concept and the dates and appears nowhere else on the page."""
    from arguments.outline import QUESTION, build_outline
    from arguments.plan import PlanEdits, build_plan
    from arguments.question import from_question

    pack = load_pack()
    for first in pack.questions:
        for second in pack.questions:
            shared = [t for t in first.theses if t in second.theses]
            if first.id == second.id or not shared:
                continue
            texts = tuple(
                next(
                    line.text  # the question decoded: its task, concept and dates
                    for line in build_outline(build_plan(pack, shared[0], PlanEdits(), from_question(q, pack)))
                    .part(QUESTION)
                    .lines
                    if line.label == "Decoded"
                )
                for q in (first, second)
            )
            if texts[0] != texts[1]:
                path = f"/?question={first.id}&thesis={shared[0]}"
                return Driver("planner", path, texts[0], texts, "selectbox", (first.text, second.text), QUESTION_LABEL)
    raise SystemExit("the bundled pack has no two questions with a thesis in common")


def app_driver() -> Driver:
    """Open the page as a student does, then switch between two theses; each plan is known by its heading."""
    pack = load_pack()
    first, second = pack.theses[0], pack.theses[-1]
    texts = (f"Essay plan: {first.title}", f"Essay plan: {second.title}")
    return Driver("planner", "/", READY_TEXT, texts, "radio", (first.title, second.title))


# Done = the expected text is in the page and the script is idle. Checked once per animation
# frame with textContent (no layout), the same for both pages: Playwright's text locators
# normalise every element's text on each poll, which costs a large page far more than a small one
# and would measure the measuring.
_DONE = """text => {
  const app = document.querySelector("[data-testid='stApp']");
  return app && app.dataset.testScriptState === "notRunning" && document.body.textContent.includes(text);
}"""


async def _wait(page: Page, text: str) -> None:
    await page.wait_for_function(_DONE, arg=text, polling="raf", timeout=60000)


def _summary(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {
        "median_ms": round(statistics.median(times)),
        "p90_ms": round(times[int(0.9 * (len(times) - 1))]),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))]),
    }


def _turns(pages: dict[str, object], i: int) -> list[str]:
    """Who goes first alternates (A B, B A, A B…), so neither page always follows the other."""
    names = list(pages)
    return names if i % 2 == 0 else names[::-1]


async def _first_paint(browser, url: str, driver: Driver) -> float:
    """A new student: a fresh browser context (empty cache, new session) opens the page."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    start = time.perf_counter()
    await page.goto(url + driver.path)
    await _wait(page, driver.ready_text)
    elapsed = (time.perf_counter() - start) * 1000
    await context.close()
    return elapsed


async def _single(pages: dict[str, tuple[str, Driver]], switches: int, paints: int) -> dict[str, dict[str, object]]:
    """First paint and thesis changes, the pages taking turns so that both meet the same machine."""
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for url, driver in pages.values():  # the first request of a fresh server compiles the app: not timed
            await _first_paint(browser, url, driver)
        paint_times: dict[str, list[float]] = {name: [] for name in pages}
        for i in range(paints):
            for name in _turns(pages, i):
                url, driver = pages[name]
                paint_times[name].append(await _first_paint(browser, url, driver))
        opened = {}
        for name, (url, driver) in pages.items():
            page = await (await browser.new_context(viewport={"width": 1280, "height": 800})).new_page()
            await page.goto(url + driver.path)
            await _wait(page, driver.ready_text)
            await driver.setup(page)
            opened[name] = page
        switch_times: dict[str, list[float]] = {name: [] for name in pages}
        for i in range(switches):
            for name in _turns(pages, i):
                driver, page = pages[name][1], opened[name]
                target = await driver.prepare(page, i)
                start = time.perf_counter()
                text = await driver.click(target, i)
                await _wait(page, text)
                switch_times[name].append((time.perf_counter() - start) * 1000)
        await browser.close()
    return {
        name: {
            "first_paint_ms": round(statistics.median(paint_times[name])),
            "first_paint_samples": len(paint_times[name]),
            **{f"switch_{k}": v for k, v in _summary(switch_times[name]).items()},
        }
        for name in pages
    }


async def _timed_switch(driver: Driver, page: Page, target: ElementHandle, i: int, start: float) -> float:
    text = await driver.click(target, i)
    await _wait(page, text)
    return (time.perf_counter() - start) * 1000


async def _open_sessions(browser, url: str, driver: Driver, sessions: int, server) -> tuple[list[Page], int, int]:
    pages = []
    rss_one = 0
    for n in range(sessions):
        context = await browser.new_context(viewport={"width": 1280, "height": 800})
        page = await context.new_page()
        await page.goto(url + driver.path)
        await _wait(page, driver.ready_text)
        await driver.setup(page)
        pages.append(page)
        if n == 0:
            await asyncio.sleep(0.5)
            rss_one = server.memory_info().rss
    await asyncio.sleep(1.0)
    return pages, rss_one, server.memory_info().rss


async def _load(servers: dict[str, tuple[str, Driver, object]], sessions: int, rounds: int) -> dict[str, dict]:
    """Every page's N sessions change thesis at the same moment; the pages take turns, round by round."""
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        opened = {
            name: await _open_sessions(browser, url, driver, sessions, server)
            for name, (url, driver, server) in servers.items()
        }
        times: dict[str, list[float]] = {name: [] for name in servers}
        everyone: dict[str, list[float]] = {name: [] for name in servers}
        for r in range(rounds):
            for name in _turns(servers, r):
                driver = servers[name][1]
                pages = opened[name][0]
                targets = await asyncio.gather(*(driver.prepare(page, r) for page in pages))
                start = time.perf_counter()
                done = await asyncio.gather(
                    *(
                        _timed_switch(driver, page, target, r, start)
                        for page, target in zip(pages, targets, strict=True)
                    )
                )
                times[name] += done
                everyone[name].append(max(done))
        await browser.close()
    out = {}
    for name in servers:
        _, rss_one, rss_all = opened[name]
        out[name] = {
            "sessions": sessions,
            **_summary(times[name]),
            "all_done_median_ms": round(statistics.median(everyone[name])),
            "rss_1_session_mb": round(rss_one / 2**20, 1),
            f"rss_{sessions}_sessions_mb": round(rss_all / 2**20, 1),
            "mb_per_extra_session": round((rss_all - rss_one) / 2**20 / max(1, sessions - 1), 3),
        }
    return out


def run(switches: int = 20, sessions: int = 30, rounds: int = 3, paints: int = 5) -> dict[str, object]:
    """Both pages served at once; every measure alternates between them (a fair share of a noisy machine)."""
    check_baseline()
    drivers = {"baseline": (baseline_driver(), BASELINE), "planner": (app_driver(), APP)}
    with contextlib.ExitStack() as stack:
        served = {
            name: (*stack.enter_context(streamlit_server(file)), driver) for name, (driver, file) in drivers.items()
        }
        single = asyncio.run(_single({n: (url, d) for n, (url, _, d) in served.items()}, switches, paints))
        # A change of essay question against the same selectbox change of the bare page.
        questions = {
            "baseline": (served["baseline"][0], baseline_driver()),
            "planner": (served["planner"][0], question_driver()),
        }
        question = asyncio.run(_single(questions, switches, 1))
        load = (
            asyncio.run(_load({n: (url, d, srv) for n, (url, srv, d) in served.items()}, sessions, rounds))
            if sessions
            else None
        )
    results: dict[str, object] = {
        name: {"single": single[name], "question": question[name], "load": load[name] if load else None}
        for name in drivers
    }
    base, app = single["baseline"], single["planner"]
    ratios = {
        "first_paint": round(app["first_paint_ms"] / base["first_paint_ms"], 2),
        "switch_median": round(app["switch_median_ms"] / base["switch_median_ms"], 2),
        "switch_p90": round(app["switch_p90_ms"] / base["switch_p90_ms"], 2),
        "question_median": round(question["planner"]["switch_median_ms"] / question["baseline"]["switch_median_ms"], 2),
        "question_p90": round(question["planner"]["switch_p90_ms"] / question["baseline"]["switch_p90_ms"], 2),
    }
    if load:
        bl, al = load["baseline"], load["planner"]
        ratios["load_p50"] = round(al["median_ms"] / bl["median_ms"], 2)
        ratios["load_p95"] = round(al["p95_ms"] / bl["p95_ms"], 2)
    results["ratios"] = ratios
    results["targets"] = {
        "switch_median_within_1.1x": ratios["switch_median"] <= 1.1,
        "question_median_within_1.2x": ratios["question_median"] <= 1.2,
        "first_paint_within_1.1x": ratios["first_paint"] <= 1.1,
        **({"load_p95_within_2x": ratios["load_p95"] <= 2.0} if load else {}),
        **({"under_1mb_per_extra_session": load["planner"]["mb_per_extra_session"] < 1.0} if load else {}),
    }
    return results
