"""Plan import: export → import gives back the identical plan; a bad file gets one clear message."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments.cli import main
from arguments.export import render_markdown
from arguments.imports import KEPT, MAX_IMPORT_BYTES, ImportResult, PlanInputs, parse_export
from arguments.load import load_pack
from arguments.model import Pack
from arguments.plan import MAX_NOTE_CHARS, SECTIONS, PlanEdits, build_plan, paragraph_key
from arguments.question import QuestionAnalysis, analyse_question, from_question
from tests.inert import PARSERS, active
from tests.payloads import PAYLOAD_IDS, PAYLOADS

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini_pack"
SECOND_THESIS = """
[[thesis]]
id = "munich-first"
title = "Munich, not Rapallo, decided Soviet policy"
schools = ["collective-security", "german-orientation"]
text = "Only partly: Munich ended the Western option, but the German channel never closed."
verdict = "Only partly"
context = "Two channels ran side by side."
criteria = "Which channel Moscow paid for."
claims = ["cs-munich", "cs-rapallo-broken-by-hitler", "cs-genuine-turn"]
weighing = "Munich weighs most."
evaluation = "Both readings use the same archives."
"""


def two_thesis_pack(directory: Path) -> Pack:
    """The mini pack plus a second thesis (another claim order, two schools)."""
    shutil.copytree(MINI, directory)
    with (directory / "theses.toml").open("a", encoding="utf-8") as handle:
        handle.write(SECOND_THESIS)
    return load_pack(directory)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return two_thesis_pack(tmp_path_factory.mktemp("packs") / "two")


MINI_PACK = load_pack(MINI)
THESIS = "cs-genuine"
CURATED = from_question(MINI_PACK.question["collective-security-1933-39"], MINI_PACK)


def export(pack: Pack, thesis: str = THESIS, edits: PlanEdits | None = None, question=None) -> str:
    return render_markdown(build_plan(pack, thesis, edits, question))


def restored(text: str | bytes, pack: Pack = MINI_PACK) -> PlanInputs:
    result = parse_export(text, pack)
    assert result.ok, result.message
    assert result.plan_inputs is not None
    return result.plan_inputs


def rejected(text: object, pack: Pack = MINI_PACK) -> str:
    """The message for a file that must be refused whole: nothing restored, no warnings, one message."""
    result = parse_export(text, pack)  # type: ignore[arg-type]
    assert isinstance(result, ImportResult)
    assert not result.ok
    assert result.plan_inputs is None
    assert result.warnings == ()
    assert result.message.endswith(KEPT)
    assert "\n" not in result.message
    return result.message


def with_front_matter(doc: str, old: str, new: str) -> str:
    """Edit a line of an export's front matter by hand."""
    head, sep, body = doc.partition("\n---\n")
    assert head.count(old) == 1, old
    return head.replace(old, new) + sep + body


# Hypothesis: random edits and random text, Markdown/HTML metacharacters, RTL, emoji, combining
# marks, control characters and line separators among them.
PIECES = [
    *"<>&\"'`*_[]()!#|~\\{}-=+.:;/%@$^ \t\n\r\x00\x01\x0b\x0c\x1b\x7f\x85\x9b\xa0",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\u200b",
    "\u200f",
    "\u202e",
    "\ufffd",
    "שלום",
    "مرحبا",
    "👩\u200d👩\u200d👧",
    "🇺🇦",
    "e\u0301",
    "a\u0336\u0489",
    "---",
    "...",
    "<!--",
    "-->",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "![i](https://evil.example/i.png)",
    "&amp;",
    "&#x3C;",
    "```",
    "\n---\n",
    "\n...\n",
    "\n===\n",
    "    ",
    "1. ",
    "\\u003C",
]
text_strategy = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=16).map("".join)


@st.composite
def plans(draw: st.DrawFn, pack: Pack) -> tuple[str, PlanEdits, QuestionAnalysis | None]:
    thesis = draw(st.sampled_from(pack.theses))
    claims = thesis.claims
    order = draw(st.one_of(st.just(()), st.permutations(claims).map(tuple)))
    keys = sorted(
        paragraph_key(c, link.evidence) for c in claims for link in pack.claim[c].support + pack.claim[c].counter
    )
    edits = PlanEdits(order=order, dropped=frozenset(draw(st.sets(st.sampled_from(keys)))))
    for section in draw(st.lists(st.sampled_from(list(SECTIONS) + list(claims)), unique=True)):
        edits = edits.with_note(section, draw(text_strategy))
    if draw(st.booleans()):
        edits = edits.with_thesis_text(draw(text_strategy))
    question = draw(
        st.one_of(
            st.none(),
            st.sampled_from(pack.questions).map(lambda q: from_question(q, pack)),
            text_strategy.map(lambda t: analyse_question(t, pack)).filter(lambda q: q.text != ""),
        )
    )
    return thesis.id, edits, question


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_export_then_import_gives_back_the_identical_plan(pack: Pack, data: st.DataObject) -> None:
    thesis_id, edits, question = data.draw(plans(pack))
    plan = build_plan(pack, thesis_id, edits, question)
    doc = render_markdown(plan)
    result = parse_export(doc.encode("utf-8"), pack)
    assert result.ok, result.message
    assert result.warnings == ()  # no skipped part, and the body is exactly what the planner writes
    assert result.plan_inputs == PlanInputs(thesis_id, edits, question)
    assert result.plan_inputs.build(pack) == plan
    assert active(doc, "commonmark") == []


def test_clean_text_normalisation_is_what_comes_back() -> None:
    """Notes are stored cleaned (CRLF → LF, control characters gone); the import gives back the stored form."""
    edits = PlanEdits().with_note("introduction", "a\r\nb\x00c\x1b").with_thesis_text("  mine\r ")
    assert edits.notes == (("introduction", "a\nbc"),) and edits.thesis_text == "mine"
    assert restored(export(MINI_PACK, edits=edits)).edits == edits


def test_every_bundled_thesis_and_question_round_trips() -> None:
    """The real pack's texts (quotes, dashes, apostrophes) round-trip for every thesis and its questions."""
    bundled = load_pack()
    assert len(bundled.theses) >= 3
    for thesis in bundled.theses:
        questions = [None, analyse_question(f"How far was {thesis.title} (1933–39)?", bundled)]
        questions += [from_question(q, bundled) for q in bundled.questions if thesis.id in q.theses]
        edits = PlanEdits(order=tuple(reversed(thesis.claims))).with_dropped(
            thesis.claims[0], bundled.claim[thesis.claims[0]].support[0].evidence
        )
        edits = edits.with_note(thesis.claims[-1], "Note: *mine*").with_thesis_text(thesis.text + " — my words")
        for question in questions:
            result = parse_export(export(bundled, thesis.id, edits, question), bundled)
            assert result.ok and result.warnings == (), (thesis.id, result.message, result.warnings)
            assert result.plan_inputs == PlanInputs(thesis.id, edits, question)


def test_an_unedited_plan_comes_back_unedited() -> None:
    inputs = restored(export(MINI_PACK, question=CURATED))
    assert inputs.edits.is_empty
    assert inputs.question == CURATED
    assert "order: []" in export(MINI_PACK)


def test_windows_line_endings_and_byte_order_mark_are_accepted() -> None:
    edits = PlanEdits().with_note("conclusion", "two\nlines").with_dropped("cs-munich", "secret-protocol")
    doc = export(MINI_PACK, edits=edits)
    result = parse_export(b"\xef\xbb\xbf" + doc.replace("\n", "\r\n").encode("utf-8"), MINI_PACK)
    assert result.ok and result.warnings == ()
    assert result.plan_inputs is not None and result.plan_inputs.edits == edits


def test_success_message_says_what_was_restored() -> None:
    edits = PlanEdits(order=("cs-munich", "cs-genuine-turn", "cs-rapallo-broken-by-hitler"))
    edits = edits.with_dropped("cs-munich", "secret-protocol").with_note("introduction", "n").with_thesis_text("t")
    result = parse_export(export(MINI_PACK, edits=edits, question=CURATED), MINI_PACK)
    assert result.message == (
        "Plan restored: thesis 'cs-genuine', question 'collective-security-1933-39', your paragraph order, "
        "1 dropped evidence item, your own thesis wording, 1 note."
    )


# Files that are refused whole.

GOOD = export(MINI_PACK, edits=PlanEdits().with_note("introduction", "My note"), question=CURATED)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty."),
        ("  \n\n", "The file is empty."),
        ("# My essay\n\nSome text.\n", "This is not a plan exported by the planner"),
        ("---\ntitle: My blog post\nlayout: post\n---\n\nHello\n", "This is not a plan exported by the planner"),
        ("Intro\n" + GOOD, "This is not a plan exported by the planner"),
        (
            '---\ntitle: "a\nessay-plan: 1"\n---\n',
            "This is not a plan exported by the planner: its front matter has no",
        ),
        (None, "That is not a file."),
        (12345, "That is not a file."),
    ],
    ids=["empty", "blank", "plain-markdown", "other-front-matter", "text-before", "key-in-a-string", "none", "int"],
)
def test_not_an_export(data: object, expected: str) -> None:
    assert rejected(data).startswith(expected)


def test_binary_and_other_encodings_are_not_utf8() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    assert "not UTF-8" in rejected(png)
    latin1 = GOOD.replace("My note", "Mon café").encode("latin-1", errors="replace")
    line = GOOD.split("\n").index('  "introduction": "My note"') + 1
    assert f"The file is not UTF-8 text (the first bad byte is on line {line})" in rejected(latin1)
    assert "save the file as UTF-8" in rejected(GOOD.encode("utf-16"))


def test_over_one_megabyte_is_refused_before_reading_it() -> None:
    big = GOOD + "x" * (MAX_IMPORT_BYTES - len(GOOD.encode()) + 1)
    assert len(big.encode()) == MAX_IMPORT_BYTES + 1
    assert rejected(big).startswith("The file is larger than 1 MB")
    assert rejected(big.encode()).startswith("The file is larger than 1 MB")
    assert rejected(b"\xff" * (MAX_IMPORT_BYTES + 1)).startswith("The file is larger than 1 MB")
    fits = GOOD + "x" * (MAX_IMPORT_BYTES - len(GOOD.encode()))
    assert parse_export(fits, MINI_PACK).ok


def test_every_cut_inside_the_front_matter_is_refused() -> None:
    end = GOOD.index("\n---\n") + 4  # the closing delimiter, without its newline
    for cut in range(1, end):
        message = rejected(GOOD[:cut])
        assert message.startswith("The file is cut short: its front matter"), (cut, message)


def test_a_cut_in_the_body_restores_the_whole_plan_with_a_warning() -> None:
    end = GOOD.index("\n---\n") + 4
    expected = restored(GOOD)
    for cut in [end, end + 1, *range(end + 2, len(GOOD) - 1, 97)]:
        result = parse_export(GOOD[:cut], MINI_PACK)
        assert result.ok and result.plan_inputs == expected, cut
        assert len(result.warnings) == 1 and result.warnings[0].startswith("The file is cut short at line"), cut
    assert parse_export(GOOD.rstrip("\n"), MINI_PACK).warnings == ()  # a lost final newline is no cut


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('order: ["cs-munich"]', 'order: ["cs-munich"', "The front matter is not valid YAML (line 8 of the file)"),
        ("thesis: ", "thesis: : :", "The front matter is not valid YAML (line 5 of the file)"),
        ('  "introduction"', '\t"introduction"', "The front matter is not valid YAML"),
        ("dropped: []", "dropped: !!python/object/apply:os.system ['echo hacked']", "not valid YAML"),
        ("dropped: []", "dropped: &a [*a]", "'dropped' should be a list"),
    ],
    ids=["unclosed-list", "colons", "tab-indent", "python-tag", "recursive-alias"],
)
def test_front_matter_that_is_not_valid_yaml(old: str, new: str, expected: str) -> None:
    doc = with_front_matter(
        export(MINI_PACK, edits=PlanEdits(order=("cs-munich",)).with_note("introduction", "n")), old, new
    )
    assert expected in rejected(doc)


def test_absurd_nesting_is_refused_not_crashed() -> None:
    doc = with_front_matter(GOOD, "dropped: []", "dropped: " + "[" * 500 + "]" * 500)
    assert "not valid YAML" in rejected(doc)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("order: [", 'order: "cs-munich"\nx: [', "'order' should be a list of claim ids"),
        ("dropped: []", "dropped: [1, 2]", "'dropped' should be a list of 'claim-id/evidence-id' entries"),
        ('thesis: "cs-genuine"', "thesis: 42", "'thesis' should be a thesis id (text)"),
        ('thesis: "cs-genuine"', "thesis:", "'thesis' is missing"),
        ('pack: "mini-pack"\n', "", "'pack' is missing"),
        ('  "introduction": "My note"', '  "introduction": [a, b]', "'notes' should be a table of section: text"),
        ("notes:\n", "notes: yes\nx:\n", "'notes' should be a table"),
        ('pack-version: "0.1.0"', "pack-version: 0.1", "'pack-version' should be text"),
        ("essay-plan: 1", 'essay-plan: "1"', "The front matter's 'essay-plan' should be the format number 1."),
        ("essay-plan: 1", "essay-plan: 2", "exported by a newer version of the planner (format 2)"),
    ],
    ids=[
        "order",
        "dropped",
        "thesis-int",
        "thesis-null",
        "no-pack",
        "note-list",
        "notes-bool",
        "version",
        "fmt",
        "newer",
    ],
)
def test_front_matter_with_wrong_types(old: str, new: str, expected: str) -> None:
    assert expected in rejected(with_front_matter(GOOD, old, new))


def test_all_type_problems_are_named_in_one_message() -> None:
    doc = with_front_matter(with_front_matter(GOOD, 'thesis: "cs-genuine"', "thesis: [x]"), "dropped: []", "dropped: 3")
    message = rejected(doc)
    assert "'thesis' should be a thesis id (text); 'dropped' should be a list" in message


def test_a_thesis_the_pack_no_longer_has() -> None:
    doc = with_front_matter(GOOD, 'thesis: "cs-genuine"', 'thesis: "retired-thesis"')
    assert rejected(doc) == (
        "The plan's thesis 'retired-thesis' is not in the data pack in use, 'mini-pack', so the plan cannot be "
        f"restored. {KEPT}"
    )


def test_another_pack_without_the_thesis_says_so() -> None:
    doc = with_front_matter(GOOD, 'thesis: "cs-genuine"', 'thesis: "their-thesis"')
    doc = with_front_matter(doc, 'pack: "mini-pack"', 'pack: "other-pack"')
    assert "(the file was made with another data pack, 'other-pack')" in rejected(doc)


# Files that are restored, with a warning for each part that no longer fits.


def warned(doc: str, pack: Pack = MINI_PACK) -> tuple[PlanInputs, tuple[str, ...]]:
    result = parse_export(doc, pack)
    assert result.ok, result.message
    assert result.plan_inputs is not None
    assert result.warnings, "expected a warning"
    assert f"{len(result.warnings)} warning" in result.message
    result.plan_inputs.build(pack)  # whatever is restored makes a plan
    return result.plan_inputs, result.warnings


def test_another_pack_with_the_same_ids_is_restored_with_a_warning() -> None:
    inputs, warnings = warned(with_front_matter(GOOD, 'pack: "mini-pack"', 'pack: "other-pack"'))
    assert inputs == restored(GOOD)
    assert warnings == (
        "This plan was made with another data pack, 'other-pack'; you are using 'mini-pack'. "
        "Whatever in it matches this pack was restored.",
    )


def test_another_pack_version_is_restored_with_a_warning() -> None:
    inputs, warnings = warned(with_front_matter(GOOD, 'pack-version: "0.1.0"', 'pack-version: "0.0.9"'))
    assert inputs == restored(GOOD)
    assert warnings == (
        "This plan was made with version '0.0.9' of the data pack; you are using version '0.1.0', "
        "so the plan's texts follow the current version.",
    )


def test_unknown_and_repeated_claims_in_the_order_are_skipped() -> None:
    doc = export(MINI_PACK, edits=PlanEdits(order=("cs-munich", "cs-genuine-turn", "cs-rapallo-broken-by-hitler")))
    doc = with_front_matter(doc, 'order: ["cs-munich", ', 'order: ["gone-claim", "cs-munich", "cs-munich", "<b>", ')
    inputs, warnings = warned(doc)
    assert inputs.edits.order == ("cs-munich", "cs-genuine-turn", "cs-rapallo-broken-by-hitler")
    assert warnings == (
        "The paragraph order names 2 claims ('gone-claim' and 1 other) not in this thesis; skipped.",
        "The paragraph order lists the claim 'cs-munich' more than once; the first place was kept.",
    )


def test_a_partial_order_is_kept_with_the_rest_after_it() -> None:
    edits = PlanEdits(order=("cs-munich",))
    inputs, warnings = warned(export(MINI_PACK, edits=edits))
    assert inputs.edits == edits
    assert warnings == (
        "The paragraph order leaves out 2 claims ('cs-genuine-turn', 'cs-rapallo-broken-by-hitler'); "
        "they follow the others.",
    )


def test_inconsistent_dropped_entries_are_skipped() -> None:
    edits = PlanEdits().with_dropped("cs-munich", "secret-protocol")
    doc = with_front_matter(
        export(MINI_PACK, edits=edits),
        'dropped: ["cs-munich/secret-protocol"]',
        'dropped: ["cs-munich/secret-protocol", "cs-munich/treaty-of-rapallo", "gone-claim/secret-protocol", '
        '"no-slash", "a/b/c", "cs-munich/"]',
    )
    inputs, warnings = warned(doc)
    assert inputs.edits == edits
    assert warnings == (
        "The dropped-evidence list has 3 entries not of the form 'claim-id/evidence-id'; skipped.",
        "The dropped-evidence list names the entry 'gone-claim/secret-protocol' for a paragraph not in this "
        "thesis; skipped.",
        "The dropped-evidence list names the entry 'cs-munich/treaty-of-rapallo' whose evidence is not in that "
        "paragraph; skipped.",
    )


def test_notes_for_unknown_sections_and_over_long_notes_are_skipped() -> None:
    edits = PlanEdits().with_note("introduction", "kept").with_note("cs-munich", "kept too")
    doc = with_front_matter(
        export(MINI_PACK, edits=edits),
        '  "introduction": "kept"',
        f'  "introduction": "kept"\n  "appendix": "lost"\n  "conclusion": "{"y" * (MAX_NOTE_CHARS + 1)}"',
    )
    inputs, warnings = warned(doc)
    assert inputs.edits == edits
    assert warnings == (
        "Notes for the section 'appendix' not in this plan were skipped; copy them from the file by hand.",
        f"The note for the conclusion is over the limit of {MAX_NOTE_CHARS} characters and was not restored; "
        "copy it from the file by hand.",
    )


def test_over_long_thesis_wording_is_skipped() -> None:
    doc = with_front_matter(GOOD, "order: []", f'order: []\nthesis-text: "{"z" * (MAX_NOTE_CHARS + 1)}"')
    inputs, warnings = warned(doc)
    assert inputs == restored(GOOD)
    assert warnings[0].startswith(f"Your own thesis wording has more than {MAX_NOTE_CHARS} characters")


def test_question_problems_are_skipped() -> None:
    unknown = with_front_matter(GOOD, 'question: "collective-security-1933-39"', 'question: "old-question"')
    inputs, warnings = warned(unknown)
    assert inputs.question is None
    assert warnings == (
        "The question 'old-question' is not in this data pack; the plan was restored without a question.",
    )
    both = with_front_matter(GOOD, "order: []", 'order: []\nquestion-text: "Why?"')
    inputs, warnings = warned(both)
    assert inputs.question == CURATED
    assert warnings == ("The file names both a question and a question text; the question was used.",)
    blank = with_front_matter(GOOD, 'question: "collective-security-1933-39"', 'question-text: "  "')
    assert warned(blank)[1] == ("The question in the file is empty; the plan was restored without a question.",)


def test_unknown_keys_are_ignored_with_a_warning() -> None:
    inputs, warnings = warned(with_front_matter(GOOD, "order: []", 'order: []\nfavourite: "x"\n"<b>": 1'))
    assert inputs == restored(GOOD)
    assert warnings == ("The front matter has 2 keys ('favourite' and 1 other) this planner does not use; ignored.",)


def test_a_body_edited_by_hand_is_reported() -> None:
    old = "- **Context (background, not evidence):** Hitler came to power"
    assert old in GOOD
    doc = GOOD.replace(old, "- **Context (background, not evidence):** Hitler was appointed")
    line = doc.split("\n").index("- **Context (background, not evidence):** Hitler was appointed in January 1933.") + 1
    inputs, warnings = warned(doc)
    assert inputs == restored(GOOD)
    assert warnings == (
        f"The text below the front matter differs from what the planner writes for this plan (from line {line}): "
        "it was edited by hand. Only the front matter is read back, so those changes are not in the restored plan.",
    )


@pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS)
def test_messages_never_echo_hostile_text(payload: str) -> None:
    """Ids, keys and versions from the file reach a message only if they are well-formed ids."""
    hostile = yaml_quoted(payload)
    docs = [
        with_front_matter(GOOD, 'thesis: "cs-genuine"', f"thesis: {hostile}"),
        with_front_matter(with_front_matter(GOOD, 'thesis: "cs-genuine"', f"thesis: {hostile}"), "pack: ", "p: "),
        with_front_matter(GOOD, "order: []", f"order: [{hostile}]\ndropped2: 1\n{hostile}: 2"),
        with_front_matter(GOOD, 'pack: "mini-pack"', f"pack: {hostile}"),
        with_front_matter(GOOD, 'pack-version: "0.1.0"', f"pack-version: {hostile}"),
        with_front_matter(GOOD, "dropped: []", f"dropped: [{hostile}, {yaml_quoted('cs-munich/' + payload)}]"),
        with_front_matter(GOOD, '  "introduction"', f'  {hostile}: x\n  "introduction"'),
        with_front_matter(GOOD, 'question: "collective-security-1933-39"', f"question: {hostile}"),
    ]
    for doc in docs:
        result = parse_export(doc, MINI_PACK)
        for text in (result.message, *result.warnings):
            assert payload.strip() not in text
            for parser in PARSERS:
                assert active(text, parser) == []


def yaml_quoted(text: str) -> str:
    return json.dumps(text)  # JSON strings are YAML double-quoted strings


# Never raises, whatever the input; whatever it restores makes a plan.


def _check_any(result: ImportResult, pack: Pack) -> None:
    assert isinstance(result, ImportResult)
    if result.ok:
        assert result.plan_inputs is not None
        result.plan_inputs.build(pack)
    else:
        assert result.plan_inputs is None and result.warnings == ()


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_any_bytes_or_text(data: bytes | str) -> None:
    _check_any(parse_export(data, MINI_PACK), MINI_PACK)


@settings(max_examples=150, deadline=None)
@given(
    at=st.integers(min_value=0, max_value=len(GOOD)),
    cut=st.integers(min_value=0, max_value=40),
    insert=st.one_of(
        text_strategy, st.sampled_from(PAYLOADS), st.sampled_from(["\n---\n", ": ", "[", "- ", "&a", "*a"])
    ),
)
def test_any_hand_edit_of_an_export(at: int, cut: int, insert: str) -> None:
    _check_any(parse_export(GOOD[:at] + insert + GOOD[at + cut :], MINI_PACK), MINI_PACK)


# The command line.


def test_cli_import_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edits = PlanEdits(order=("cs-munich",)).with_note("introduction", "<b>mine</b>").with_thesis_text("Mine.")
    path = tmp_path / "plan.md"
    path.write_text(export(MINI_PACK, edits=edits, question=CURATED), encoding="utf-8")
    assert main(["import", str(path), "--pack", str(MINI)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "thesis": {"id": THESIS, "title": MINI_PACK.thesis[THESIS].title},
        "question": {
            "id": CURATED.question_id,
            "text": CURATED.text,
            "command": CURATED.command,
            "concept": CURATED.concept,
            "years": list(CURATED.years or ()),
            "loaded_words": list(CURATED.loaded_words),
            "shape": CURATED.shape,
        },
        "edits": {
            "order": ["cs-munich"],
            "dropped": [],
            "notes": {"introduction": "<b>mine</b>"},
            "thesis_text": "Mine.",
            "length": "50",
        },
        "warnings": [
            "The paragraph order leaves out 2 claims ('cs-genuine-turn', 'cs-rapallo-broken-by-hitler'); "
            "they follow the others."
        ],
    }


def test_cli_import_md_prints_the_plan_again(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.md"
    path.write_text(GOOD, encoding="utf-8")
    assert main(["import", str(path), "--format", "md", "--pack", str(MINI)]) == 0
    captured = capsys.readouterr()
    assert captured.out == GOOD and captured.err == ""


def test_cli_import_of_a_bad_file_exits_2_with_the_message(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text(GOOD[:50], encoding="utf-8")
    missing = tmp_path / "missing.md"
    for target, message in ((path, "error: The file is cut short"), (missing, f"error: cannot read {missing}")):
        done = subprocess.run(
            [sys.executable, "-m", "arguments", "import", str(target), "--pack", str(MINI)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr.startswith(message) and done.stderr.count("\n") == 1
        assert "Traceback" not in done.stderr


def test_a_plan_saved_before_the_exam_plan_restores_as_revision_notes_and_says_so() -> None:
    old = GOOD.replace('length: "50"\n', "")
    assert old != GOOD
    inputs, warnings = warned(old)
    assert inputs.edits.length == "revision"
    assert inputs.edits.with_length("50") == restored(GOOD).edits
    assert warnings[0].startswith("This plan was saved by an earlier version of the planner")


def test_a_length_the_planner_does_not_know_is_named_and_the_default_used() -> None:
    inputs, warnings = warned(GOOD.replace('length: "50"', 'length: "90"'))
    assert inputs.edits.length == "50"
    assert warnings == (
        "The plan's length '90' is not one this planner knows (45, 50, 60, revision); the default was used.",
    )
    _, warnings = warned(GOOD.replace('length: "50"', 'length: "<b>90</b>"'))
    assert "<b>" not in warnings[0]  # what the file says is not echoed
    assert warnings[0].startswith("The plan's length (not shown: not a well-formed length) is not one")


# --- issue 12 ----------------------------------------------------------------------------------------


def test_an_export_with_trailing_spaces_on_every_line_is_restored() -> None:
    """A mail program or an editor left spaces (or tabs) at every line end: the plan is still the same plan."""
    order = ("cs-munich", "cs-genuine-turn", "cs-rapallo-broken-by-hitler")
    edits = PlanEdits(order=order).with_note("introduction", "a note  with two spaces").with_thesis_text("Mine")
    doc = export(MINI_PACK, edits=edits)
    for padding in ("  ", "\t", " \t "):
        padded = "\n".join(line + padding for line in doc.split("\n"))
        result = parse_export(padded, MINI_PACK)
        assert result.ok, result.message
        assert result.plan_inputs.edits == edits and result.warnings == ()
        assert parse_export(padded.encode("utf-8").replace(b"\n", b"\r\n"), MINI_PACK).ok  # Windows line ends too


def test_an_order_repeating_one_id_10000_times_gives_one_short_warning() -> None:
    doc = with_front_matter(GOOD, "order: [", "order: [" + '"cs-munich", ' * 10_000 + '"nope", ' * 10_000)
    inputs, warnings = warned(doc)
    assert inputs.edits.order[:1] == ("cs-munich",)
    assert warnings == (
        "The paragraph order names the claim 'nope' not in this thesis; skipped.",
        "The paragraph order lists the claim 'cs-munich' more than once; the first place was kept.",
        "The paragraph order leaves out 2 claims ('cs-genuine-turn', 'cs-rapallo-broken-by-hitler'); "
        "they follow the others.",
    )
    doc = with_front_matter(GOOD, "dropped: [", "dropped: [" + '"x/y", ' * 10_000)
    _, warnings = warned(doc)
    assert all(len(w) < 200 for w in warnings), warnings


YAML_VALUES = [
    "a", "1", "-1", "0", "2", "true", "null", "~", "[]", "{}", "[1]", "[a, [b]]", "{a: 1}", "{a: [b]}",
    "2001-13-45", "2001-02-03", "1e999", ".nan", "0x10", "'x'", '"\\u0000"', "!!binary aGk=", "&a [*a]",
    "{notes: {x: 1}}", "|\n  text", "[\"cs-munich/secret-protocol\", 1]", "{introduction: [1]}",
]  # fmt: skip
FRONT_KEYS = [line.split(":", 1)[0] for line in GOOD.split("\n---\n", 1)[0].split("\n")[1:] if ":" in line]


@settings(max_examples=200, deadline=None)
@given(key=st.sampled_from(FRONT_KEYS), value=st.sampled_from(YAML_VALUES))
def test_any_value_for_any_key_of_the_front_matter(key: str, value: str) -> None:
    """A hand edit that keeps the YAML valid but puts any type of value under any key: never raises."""
    head, sep, body = GOOD.partition("\n---\n")
    lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in head.split("\n")]
    _check_any(parse_export("\n".join(lines) + sep + body, MINI_PACK), MINI_PACK)
