"""Markdown export: a golden plan, CommonMark structure, and nothing active from data or notes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from markdown_it import MarkdownIt

from arguments.export import md, plan_to_dict, render_markdown, yaml_string
from arguments.plan import PlanEdits, build_plan
from arguments.question import from_question

GOLDEN = Path(__file__).resolve().parent.parent / "fixtures" / "golden" / "mini_cs-genuine.md"
COMMONMARK = MarkdownIt("commonmark")


def golden_plan(pack):
    edits = (
        PlanEdits()
        .with_dropped("cs-munich", "triple-alliance-proposal")
        .with_moved(pack.thesis["cs-genuine"].claims, "cs-munich", -1)
        .with_note("cs-munich", "Ask: *who* gained?\n<b>not bold</b>\n1. not a list")
        .with_note("introduction", "Define collective security first.")
    )
    question = from_question(pack.question["collective-security-1933-39"], pack)
    return build_plan(pack, "cs-genuine", edits, question)


def tokens_of(text: str):
    for token in COMMONMARK.parse(text):
        yield token
        yield from token.children or ()


def test_golden_markdown(mini_pack):
    text = render_markdown(golden_plan(mini_pack))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_structure_parses_as_commonmark(mini_pack):
    text = render_markdown(golden_plan(mini_pack))
    body = text.split("\n---\n", 1)[1]
    tokens = COMMONMARK.parse(body)
    titles = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert titles == [
        "Essay plan: Collective security was genuine until the West failed it",
        "The question",
        "Introduction",
        "Paragraph 1: Munich killed collective security",  # headings name the argument (the claims' labels)
        "Paragraph 2: A genuine turn to collective security",
        "Paragraph 3: Hitler, not Moscow, broke Rapallo",
        "Historiography",
        "Conclusion",
        "Bibliography (3)",
        "Top-band checklist",
    ]
    assert [t.tag for t in tokens if t.type == "heading_open"] == ["h1"] + ["h2"] * 9


def test_no_raw_html_and_notes_stay_literal(mini_pack):
    text = render_markdown(golden_plan(mini_pack))
    kinds = {t.type for t in tokens_of(text)}
    assert not kinds & {"html_block", "html_inline"}
    rendered = COMMONMARK.render(text)
    assert "&lt;b&gt;not bold&lt;/b&gt;" in rendered
    assert "<b>" not in rendered and "<ol" not in rendered.split("My notes")[-1].split("</blockquote>")[0]
    assert "Ask: *who* gained?" in rendered


def test_front_matter_is_yaml_and_inert(mini_pack):
    text = render_markdown(golden_plan(mini_pack))
    assert text.startswith("---\n")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["thesis"] == "cs-genuine"
    assert meta["order"][0] == "cs-munich"
    assert meta["dropped"] == ["cs-munich/triple-alliance-proposal"]
    assert meta["notes"]["cs-munich"].startswith("Ask: *who* gained?")
    front = text.split("---\n")[1]
    assert not set("<>*`_!&") & set(front)  # only the YAML lists' own brackets and quotes


def test_dropped_item_leaves_the_export(mini_pack):
    text = render_markdown(golden_plan(mini_pack))
    assert "· The triple-alliance offer" not in text  # an exam plan names items by their short titles
    assert "· Munich:" in text


def test_an_exam_plan_leaves_out_what_is_outside_the_dates_and_revision_notes_flag_it(mini_pack):
    assert "· Rapallo" not in render_markdown(golden_plan(mini_pack))
    plan = golden_plan(mini_pack)
    text = render_markdown(build_plan(mini_pack, "cs-genuine", plan.edits.with_length("revision"), plan.question))
    assert "Treaty of Rapallo" in text
    assert "**Outside the question's dates (1933–1939):** use it only as labelled context" in text


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "![i](http://evil/x.png)",
        "<img src=x onerror=alert(1)>",
    ],
)
def test_md_escapes_active_markup(payload):
    rendered = COMMONMARK.render(md(payload))
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered


def test_yaml_string_round_trips():
    for text in ["plain", 'quote " and \\', "line\nbreak", "emoji 😀 and RTL עברית", "\u2028sep", "a: b # c"]:
        assert yaml.safe_load(f"v: {yaml_string(text)}")["v"] == text


def test_json_plan_lists_evidence_ids(mini_pack):
    data = plan_to_dict(golden_plan(mini_pack))
    paragraphs = data["paragraphs"]
    assert [p["claim"]["id"] for p in paragraphs] == ["cs-munich", "cs-genuine-turn", "cs-rapallo-broken-by-hitler"]
    assert [s["id"] for s in paragraphs[0]["support"]] == ["munich-agreement"]
    assert [c["id"] for c in paragraphs[0]["counter"]] == ["secret-protocol"]
    assert paragraphs[0]["dropped"] == ["triple-alliance-proposal"]
