"""Hostile text in notes, the student's thesis and question, and the data pack renders inert and round-trips.

For each payload the rendered Markdown is parsed with CommonMark and a GFM-like parser: it must
have no HTML, link or image token, the same shape as the same plan with a plain ``x`` in place of
the payload (so no heading, list, quote, code block or emphasis came from it), and the payload's
text must be readable, literally, in the parsed text. Importing the export restores it exactly.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from arguments.export import render_markdown, yaml_string
from arguments.imports import parse_export
from arguments.load import load_pack
from arguments.model import Pack
from arguments.plan import MAX_NOTE_CHARS, SECTIONS, PlanEdits, build_plan, clean_text
from arguments.question import analyse_question, from_question
from tests.inert import PARSERS, active, plain_text, structure
from tests.payloads import NAMED, PAYLOAD_IDS, PAYLOADS

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini_pack"
PACK = load_pack(MINI)
THESIS = "cs-genuine"
CLAIM = "cs-genuine-turn"
QUESTION = from_question(PACK.question["collective-security-1933-39"], PACK)
# Revision notes: every planted text is rendered, and no line is cut to fit an exam's time (an exam
# plan trims by length, so a long payload would change which extras it keeps, not what is active).
BASE_EDITS = PlanEdits(length="revision").with_dropped("cs-munich", "secret-protocol")


def neutral(text: str) -> str:
    """Text with the payload's line structure (blank lines kept) but nothing else: each line ``x``."""
    return "\n".join("x" if line.strip() else "" for line in clean_text(text).split("\n"))


def folded(text: str) -> str:
    """What a one-line field shows: whitespace folded; NUL becomes U+FFFD, as CommonMark requires."""
    return " ".join(text.split()).replace("\x00", "\ufffd")


def assert_inert(doc: str, baseline: str, literals: list[str]) -> None:
    for parser in PARSERS:
        assert active(doc, parser) == [], parser
        assert structure(doc, parser) == structure(baseline, parser), parser
        shown = plain_text(doc, parser)
        for literal in literals:
            assert literal in shown, (parser, literal)


def assert_round_trip(doc: str, pack: Pack, edits: PlanEdits, question=QUESTION) -> None:
    result = parse_export(doc, pack)
    assert result.ok, result.message
    assert result.warnings == ()
    assert result.plan_inputs is not None
    assert result.plan_inputs.thesis_id == THESIS
    assert result.plan_inputs.edits == edits
    assert result.plan_inputs.question == question
    assert render_markdown(result.plan_inputs.build(pack)) == doc


def test_there_are_enough_payloads() -> None:
    assert len(PAYLOADS) >= 25
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    for text in PAYLOADS:
        assert text.strip() and len(clean_text(text)) <= MAX_NOTE_CHARS


def _with_notes(text: str) -> PlanEdits:
    edits = BASE_EDITS
    for section in (*SECTIONS, CLAIM):
        edits = edits.with_note(section, text)
    return edits


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
def test_payload_as_note(payload: str) -> None:
    edits = _with_notes(payload)
    doc = render_markdown(build_plan(PACK, THESIS, edits, QUESTION))
    baseline = render_markdown(build_plan(PACK, THESIS, _with_notes(neutral(payload)), QUESTION))
    literals = [line.strip() for line in clean_text(payload).split("\n") if line.strip()]
    assert_inert(doc, baseline, literals)
    assert_round_trip(doc, PACK, edits)


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
def test_payload_as_thesis_text(payload: str) -> None:
    edits = BASE_EDITS.with_thesis_text(payload)
    doc = render_markdown(build_plan(PACK, THESIS, edits, QUESTION))
    baseline = render_markdown(build_plan(PACK, THESIS, BASE_EDITS.with_thesis_text("x"), QUESTION))
    assert_inert(doc, baseline, [folded(edits.thesis_text)])
    assert_round_trip(doc, PACK, edits)


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
def test_payload_as_question_text(payload: str) -> None:
    question = analyse_question(payload, PACK)
    doc = render_markdown(build_plan(PACK, THESIS, BASE_EDITS, question))
    # Same command, concept, years and loaded words: only the question's text differs.
    baseline = render_markdown(build_plan(PACK, THESIS, BASE_EDITS, dataclasses.replace(question, text="x")))
    assert_inert(doc, baseline, [folded(question.text)])
    assert_round_trip(doc, PACK, BASE_EDITS, question)


def toml_string(text: str) -> str:
    """A TOML basic string holding any text: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\' or code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029):
            out.append(f"\\u{code:04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


PLANTED = {
    "pack.toml": ['version = "0.1.0"'],
    "evidence/items.toml": [
        'title = "The USSR joins the League of Nations"',
        'summary = "The League admitted the USSR with a permanent Council seat."',
    ],
    "claims.toml": [
        'text = "After 1933 Moscow turned in earnest to collective security. League entry proves it."',
        'rebuttal = "Only partly damaging: the deal was commercial and Berlin refused politics."',
    ],
    "works/works.toml": ['title = "The Soviet Union and the Struggle for Collective Security in Europe, 1933–39"'],
}


def planted_pack(directory: Path, text: str) -> Pack:
    """A copy of the mini pack with ``text`` in a version, evidence title and summary, claim, rebuttal, work."""
    shutil.copytree(MINI, directory)
    for name, lines in PLANTED.items():
        path = directory / name
        source = path.read_text(encoding="utf-8")
        for line in lines:
            assert source.count(line) == 1, line
            source = source.replace(line, f"{line.split(' = ')[0]} = {toml_string(text)}")
        path.write_text(source, encoding="utf-8")
    return load_pack(directory)


def test_planting_reaches_every_field(tmp_path: Path) -> None:
    pack = planted_pack(tmp_path / "pack", "PLANTED")
    assert pack.info.version == "PLANTED"
    assert pack.item["ussr-joins-league"].title == pack.item["ussr-joins-league"].summary == "PLANTED"
    assert pack.claim[CLAIM].text == pack.claim[CLAIM].counter[0].rebuttal == "PLANTED"
    assert pack.work["haslam-1984"].title == "PLANTED"
    doc = render_markdown(build_plan(pack, THESIS, BASE_EDITS, QUESTION))
    assert doc.count("PLANTED") >= 7  # version (front matter), title and summary twice, claim, rebuttal, work


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
def test_payload_planted_in_data_pack(payload: str, tmp_path: Path) -> None:
    pack = planted_pack(tmp_path / "hostile", payload)
    baseline_pack = planted_pack(tmp_path / "plain", "x")
    edits = BASE_EDITS.with_note("introduction", "My note.")
    doc = render_markdown(build_plan(pack, THESIS, edits, QUESTION))
    baseline = render_markdown(build_plan(baseline_pack, THESIS, edits, QUESTION))
    assert_inert(doc, baseline, [folded(payload)])
    assert_round_trip(doc, pack, edits)


def test_the_checks_catch_active_markdown() -> None:
    """The checks above are not vacuous: unescaped payloads fail them."""
    raw = "\n\n".join(["# Heading", "<script>alert(1)</script>", "[a](javascript:alert(1))", "![i](https://e.x/i.png)"])
    for parser in PARSERS:
        assert {t.type for t in active(raw, parser)} >= {"html_block", "link_open", "image"}
        assert structure(raw, parser) != structure(neutral(raw), parser)


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
def test_front_matter_cannot_be_closed_early(payload: str) -> None:
    """No note or text can put a line ``---`` (or ``...``) into the document: only the two delimiters exist."""
    edits = _with_notes(payload).with_thesis_text(payload)
    lines = render_markdown(build_plan(PACK, THESIS, edits, analyse_question(payload, PACK))).split("\n")
    assert [i for i, line in enumerate(lines) if line.strip() in {"---", "..."}] == [0, lines.index("---", 1)]
    assert all(
        "\n" not in yaml_string(text) and "<" not in yaml_string(text) for text in (payload, NAMED["script-tag"])
    )
