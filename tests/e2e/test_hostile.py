"""Hostile text in the browser: typed into notes and the own-thesis box, and planted in the data pack.

Whatever the text, it shows as text: no dialog opens, no element is injected (no script, no
event-handler attribute, no image, frame or ``javascript:`` link from it), no request leaves the
machine, and the text a student typed, or a pack's author wrote, is on screen literally.
"""

from __future__ import annotations

import re
import shutil
import time
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from arguments.load import load_pack
from arguments.plan import MAX_NOTE_CHARS, clean_text
from tests.arguments.test_export_hostile import toml_string
from tests.conftest import MINI_PACK
from tests.e2e.conftest import running_server, show_part, wait_idle
from tests.payloads import NAMED

pytestmark = pytest.mark.e2e

THESIS = "cs-genuine"
# Every kind the issue names: script, event handlers, javascript: links, Markdown link and image
# injection, HTML comments and front-matter delimiters, a very long line, NUL and control characters.
OWN_THESIS = ["script-tag", "img-onerror", "svg-onload", "md-link-javascript", "md-image-tracker"]
INTRO_NOTE = [
    "html-comment-front-matter",
    "front-matter-delimiters",
    "nul-and-controls",
    "iframe-javascript",
    "event-handler-attribute",
    "autolinks",
    "mixed-case-html",
    "object-embed-form",
    "meta-refresh",
    "style-tag",
    "template-and-math",
    "streamlit-shortcodes",
]
PARAGRAPH_NOTE = ["very-long-line"]
OWN_LABEL = "Your thesis in your own words (optional: it replaces the thesis above)"
SHORTCODES = NAMED["streamlit-shortcodes"]
PLANTED = ["script-tag", "img-onerror", "svg-onload", "md-link-javascript", "md-image-tracker", "nul-and-controls"]


def joined(names: list[str]) -> str:
    return "\n".join(NAMED[n] for n in names)


def folded(text: str) -> str:
    """What the page shows of a text: whitespace folded; NUL becomes U+FFFD (as Markdown requires);
    the invisible word joiners that keep web addresses from becoming links are not seen."""
    return " ".join(text.replace("\x00", "\ufffd").replace("\u2060", "").split())


def shown(page: Page, selector: str = "[data-testid='stMain']") -> str:
    return folded(page.locator(selector).first.inner_text())


def revision_notes(page: Page) -> None:
    """Choose revision notes and wait until the plan shows them (the click's rerun may start late)."""
    page.get_by_role("radio", name="Revision notes").click()
    deadline = time.monotonic() + 20
    while "words of at most" in shown(page) and time.monotonic() < deadline:  # the exam plan's length check
        time.sleep(0.2)
    wait_idle(page)
    assert "words of at most" not in shown(page), "the plan did not turn into revision notes"


# Anything the payloads could have made of the page. Streamlit itself sets no on* attribute and
# none of these elements in the app's main area (the first check, before typing, proves it).
INJECTED = """() => {
    const found = [];
    const main = document.querySelector('[data-testid="stMain"]');
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            if (attr.name.toLowerCase().startsWith('on')) found.push(`${el.tagName} ${attr.name}`);
        }
    }
    for (const el of document.querySelectorAll('script')) {
        if (/xss|alert/i.test(el.textContent) || main.contains(el)) found.push('script');
    }
    for (const el of main.querySelectorAll('iframe, object, embed, meta, base, form, style')) {
        found.push(el.tagName);
    }
    for (const el of document.querySelectorAll('img, image, source, video, audio')) {
        const src = el.getAttribute('src') || el.getAttribute('href') || '';
        if (main.contains(el) || src === 'x' || /evil|javascript/i.test(src)) found.push(`${el.tagName} ${src}`);
    }
    for (const el of document.querySelectorAll('a[href], area[href]')) {
        const href = el.getAttribute('href').replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase();
        if (/^(javascript|data|vbscript):/.test(href)) found.push(`A ${href}`);
        else if (href.includes('evil.example')) found.push(`AUTOLINK ${href}`);
    }
    return found;
}"""


def injected(page: Page) -> list[str]:
    """What the payloads made of the page: elements, attributes and links they must not create."""
    return page.evaluate(INJECTED)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The app on a copy of the mini pack with payloads in an evidence summary and a claim's text."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    pack_dir = tmp_path / "pack"
    shutil.copytree(MINI_PACK, pack_dir)
    planted = " ".join(NAMED[n] for n in PLANTED)
    for name, line in (
        ("evidence/items.toml", 'summary = "The League admitted the USSR with a permanent Council seat."'),
        ("claims.toml", 'text = "After 1933 Moscow turned in earnest to collective security. League entry proves it."'),
        ("claims.toml", 'topic = "After 1933 Moscow turned in earnest to collective security."'),  # an exam plan's
    ):
        path = pack_dir / name
        source = path.read_text(encoding="utf-8")
        assert source.count(line) == 1, line
        path.write_text(source.replace(line, f"{line.split(' = ')[0]} = {toml_string(planted)}"), encoding="utf-8")
    for name, line in (  # shortcodes where a pack's words are drawn as Markdown: names and titles
        ("schools.toml", 'name = "Collective Security school"'),
        ("evidence/items.toml", 'title = "The USSR joins the League of Nations"'),
        ("evidence/items.toml", 'short = "League entry"'),  # the title an exam plan prints
    ):
        path = pack_dir / name
        source = path.read_text(encoding="utf-8")
        assert source.count(line) == 1, line
        planted_line = line[:-1] + " " + SHORTCODES + '"'
        path.write_text(source.replace(line, planted_line), encoding="utf-8")
    pack = load_pack(pack_dir)  # valid: the app will show it, not refuse it
    assert pack.item["ussr-joins-league"].summary == planted == pack.claim["cs-genuine-turn"].text
    assert pack.claim["cs-genuine-turn"].topic == planted
    assert pack.school["collective-security"].name.endswith(SHORTCODES)
    with running_server(tmp_path / "streamlit.log", env={"ESSAY_PLANNER_PACK": str(pack_dir)}) as url:
        yield url, planted


def type_into(page: Page, label: str, text: str, changes: str) -> None:
    """Type into a box and leave it; wait until the page has saved it (its changes line says ``changes``)."""
    box = page.get_by_role("textbox", name=label)
    box.fill(text)
    box.press("Tab")  # saved when the box loses focus
    expect(page.get_by_text(f"Your changes: {changes} The downloads include them.")).to_be_visible()
    wait_idle(page)
    expect(box).to_have_value(text)


def test_hostile_text_stays_text(page: Page, hostile_server, outside_requests):
    url, planted = hostile_server
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}/?thesis={THESIS}&part=whole")
    wait_idle(page)
    expect(page.get_by_role("heading", name=re.compile("^Essay plan: "))).to_be_visible()
    assert injected(page) == []  # the exam plan (lines cut to fit the time)
    revision_notes(page)  # every text in full

    # The planted pack text is in the whole plan, literally (claim text once per mention, summary too).
    assert injected(page) == []
    page_text = shown(page)
    assert page_text.count(folded(planted)) >= 3, "the claim (topic sentence) and the summary, as text"

    own, intro, paragraph = joined(OWN_THESIS), joined(INTRO_NOTE), joined(PARAGRAPH_NOTE)
    show_part(page, "Introduction")
    type_into(page, OWN_LABEL, own, "your own thesis wording.")
    type_into(page, "My notes on the introduction", intro, "1 note, your own thesis wording.")
    assert folded(clean_text(own)) in shown(page)  # the own thesis, in the introduction
    show_part(page, "Paragraph 1")
    type_into(page, "My notes on paragraph 1", paragraph, "2 notes, your own thesis wording.")
    assert injected(page) == []
    show_part(page, "Whole plan")  # every part with the notes, as text
    assert injected(page) == []
    text = shown(page)
    assert folded(clean_text(own)) in text and folded(clean_text(intro)) in text

    # Projection shows the notes and the thesis on the slides: as text too.
    page.get_by_role("radio", name="Project to class").click()
    slide = page.locator(".st-key-slide")
    expect(slide.locator("h1")).to_have_text("Introduction")
    wait_idle(page)
    assert injected(page) == []
    text = shown(page, ".st-key-slide")
    assert folded(clean_text(own)) in text and folded(clean_text(intro)) in text
    page.get_by_role("button", name=re.compile("^Next")).click()
    expect(slide.locator("h1")).to_have_text("Paragraph 1 of 3")
    wait_idle(page)
    assert injected(page) == []
    text = shown(page, ".st-key-slide")
    assert folded(planted) in text and folded(clean_text(paragraph)) in text
    assert dialogs == []


def test_a_note_over_the_limit_gets_a_clear_message(page: Page, hostile_server):
    url, _ = hostile_server
    page.goto(f"{url}/?thesis={THESIS}&part=conclusion")  # a link to one part of the plan
    wait_idle(page)
    box = page.get_by_role("textbox", name="My notes on the conclusion")
    box.fill("x" * (MAX_NOTE_CHARS + 1))
    box.press("Tab")
    message = f"A note can hold at most {MAX_NOTE_CHARS} characters; this one has {MAX_NOTE_CHARS + 1}."
    expect(page.get_by_text(message)).to_be_visible()
    expect(box).to_have_value("x" * (MAX_NOTE_CHARS + 1))  # nothing typed is lost
    expect(page.get_by_text("Your changes:")).to_have_count(0)  # and nothing over the limit is kept


def test_web_addresses_in_text_are_not_made_into_links(page: Page, hostile_server):
    url, _ = hostile_server
    page.goto(f"{url}/?thesis={THESIS}")  # the planted summary holds ![pixel](https://evil.example/pixel.png?…)
    wait_idle(page)
    type_into(page, OWN_LABEL, NAMED["autolinks"], "your own thesis wording.")
    links = [found for found in page.evaluate(INJECTED) if found.startswith("AUTOLINK ")]
    assert links == []


# What Streamlit draws for a shortcode it honours: an icon (a span with role img), its logo (an
# image), coloured or small text and badges (spans with a style). Text the planner draws never has them.
SHORTCODE_MARKS = """() => {
    const found = [];
    for (const block of document.querySelectorAll('[data-testid="stMain"] [data-testid="stMarkdownContainer"]')) {
        for (const el of block.querySelectorAll('[role="img"], img, span[style], [class*="stMarkdown"]')) {
            found.push(`${el.tagName} ${el.getAttribute('aria-label') || el.className || ''}`.trim());
        }
    }
    return found;
}"""


def test_streamlit_shortcodes_show_literally(page: Page, hostile_server):
    """Issue 12: `:material/…:`, `:streamlit:` and colour or badge directives from a student or the pack are text."""
    url, _ = hostile_server
    question = f"How far was Soviet foreign policy genuine about collective security, 1933-39? {SHORTCODES}"
    page.goto(f"{url}/?thesis={THESIS}&q={quote(question)}&part=whole")
    wait_idle(page)
    expect(page.get_by_role("heading", name=re.compile("^Essay plan: "))).to_be_visible()
    revision_notes(page)  # every item, the planted title among them
    show_part(page, "Introduction")
    type_into(page, "My notes on the introduction", f"note {SHORTCODES}", "1 note.")
    show_part(page, "Whole plan")
    text = shown(page)
    assert text.count(folded(SHORTCODES)) >= 4, "the pasted question, the note, the school name and the item title"
    for literal in (":material/warning:", ":streamlit:", ":red[red]", ":blue-badge[badge]", ":small[small]"):
        assert literal in text
    assert page.evaluate(SHORTCODE_MARKS) == []
    assert injected(page) == []


HOSTILE_LINKS = {
    "superscript-two": "view=project&step=%C2%B2",
    "circled-one": "view=project&step=%E2%91%A0",
    "4301-nines": "view=project&step=" + "9" * 4301,
    "long-unknown-question": "question=" + "x" * 20_000,
    "shortcode-thesis": "thesis=" + quote(":material/warning: :streamlit:"),
    "unknown-view": "view=unknown",
}


@pytest.mark.parametrize("query", HOSTILE_LINKS.values(), ids=HOSTILE_LINKS.keys())
def test_hostile_links_open_the_page_with_a_short_warning(page: Page, hostile_server, query):
    url, _ = hostile_server
    page.goto(f"{url}/?thesis={THESIS}&{query}")
    wait_idle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    warnings = page.get_by_test_id("stAlertContentWarning")
    expect(warnings.first).to_be_visible()
    for warning in warnings.all():
        assert len(warning.inner_text()) <= 160
    assert page.evaluate(SHORTCODE_MARKS) == [] and injected(page) == []
