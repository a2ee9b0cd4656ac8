"""The Word document: Word's own styles, the outline's text (read back by pandoc), and the plan's state
in the custom properties, restored exactly (or, after an edit in Word, as far as the state allows)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from arguments import word
from arguments.cli import main
from arguments.export import render_markdown
from arguments.imports import KEPT, MAX_DOCX_BYTES, PlanInputs, parse_export
from arguments.outline import BIBLIOGRAPHY, build_outline
from arguments.plan import MAX_NOTE_CHARS, PlanEdits, build_plan
from tests.arguments.test_imports import (
    CURATED,
    MINI,
    MINI_PACK,
    THESIS,
    _check_any,
    plans,
    text_strategy,
    two_thesis_pack,
)
from tests.tools import pandoc_text

EDITS = (
    PlanEdits(order=tuple(reversed(MINI_PACK.thesis[THESIS].claims)))
    .with_dropped("cs-munich", "secret-protocol")
    .with_note("introduction", "First line <b>bold</b> & *stars*\nsecond | line")
    .with_note("conclusion", "Mine.")
    .with_thesis_text("My own thesis: Moscow wanted allies.")
)


def document(edits: PlanEdits = EDITS, question=CURATED) -> bytes:
    return word.render_docx(build_plan(MINI_PACK, THESIS, edits, question))


def restored(data: bytes) -> PlanInputs:
    result = parse_export(data, MINI_PACK)
    assert result.ok, result.message
    assert result.plan_inputs is not None
    return result.plan_inputs


def rejected(data: bytes) -> str:
    result = parse_export(data, MINI_PACK)
    assert not result.ok and result.plan_inputs is None and result.warnings == ()
    assert result.message.endswith(KEPT)
    return result.message


def rezip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The same .docx with some members replaced (or, with None, removed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in change:
                if change[info.filename] is not None:
                    dst.writestr(info.filename, change[info.filename])
            else:
                dst.writestr(info, src.read(info))
    return out.getvalue()


def test_headings_lists_and_notes_use_words_own_styles() -> None:
    plan = build_plan(MINI_PACK, THESIS, EDITS, CURATED)
    outline = build_outline(plan)
    doc = docx.Document(io.BytesIO(word.render_docx(plan)))
    paragraphs = doc.paragraphs
    assert paragraphs[0].style.name == "Title" and paragraphs[0].text == outline.title
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == [part.title for part in outline.parts]  # the navigation pane lists every part
    styles = {p.style.name for p in paragraphs}
    assert {"List Bullet", "List Bullet 2"} <= styles
    evidence = next(p for p in paragraphs if p.text.startswith("Evidence:"))
    item = paragraphs[paragraphs.index(evidence) + 1]
    assert item.style.name == "List Bullet 2"  # an item sits one level under its "Evidence" line
    assert item.runs[0].bold and item.runs[0].text.endswith(":")  # the label in bold, the text plain
    assert not item.runs[-1].bold
    quotes = [p.text for p in paragraphs if p.style.name == "Quote"]
    assert quotes[:3] == [word.NOTE_LABEL, "First line <b>bold</b> & *stars*", "second | line"]
    bibliography = headings.index(outline.part(BIBLIOGRAPHY).title)
    entry = [p for p in paragraphs if p.style.name == "Normal"][-1]
    assert entry.paragraph_format.first_line_indent < 0  # a hanging indent, as a reference list is set
    assert bibliography >= 0
    assert doc.core_properties.title == outline.title and doc.core_properties.author == ""


def test_pandoc_reads_the_outline_back_word_for_word() -> None:
    """An independent reader (pandoc) finds every part's title, lines and the student's notes."""
    plan = build_plan(MINI_PACK, THESIS, EDITS, CURATED)
    text = pandoc_text(word.render_docx(plan), "docx")
    assert "Thesis (your wording): My own thesis: Moscow wanted allies." in text
    assert "First line <b>bold</b> & *stars*" in text
    for part in build_outline(plan).parts:
        assert part.title in text
        for line in part.lines:
            assert line.text in text


def test_the_state_is_in_custom_properties_of_at_most_255_characters() -> None:
    long_note = "x" * MAX_NOTE_CHARS
    data = document(EDITS.with_note("historiography", long_note))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        custom = archive.read("docProps/custom.xml").decode()
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("_rels/.rels").decode()
        assert "docProps/thumbnail.jpeg" not in rels  # the template's picture of another document is gone
    assert 'PartName="/docProps/custom.xml"' in types and "custom-properties+xml" in types
    assert "relationships/custom-properties" in rels
    values = re.findall(r"<vt:lpwstr>(.*?)</vt:lpwstr>", custom, re.S)
    assert len(values) > MAX_NOTE_CHARS // word.CHUNK
    assert all(len(v) <= word.CHUNK for v in values)
    inputs = restored(data)
    assert dict(inputs.edits.notes)["historiography"] == long_note


def test_the_docx_restores_exactly_what_the_md_does() -> None:
    plan = build_plan(MINI_PACK, THESIS, EDITS, CURATED)
    from_docx = parse_export(word.render_docx(plan), MINI_PACK)
    assert from_docx.ok and from_docx.warnings == (), from_docx.warnings
    assert from_docx.plan_inputs == PlanInputs(THESIS, EDITS, CURATED)
    assert from_docx.plan_inputs.build(MINI_PACK) == plan
    assert from_docx.message.startswith("Plan restored: thesis 'cs-genuine', question")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory):
    return two_thesis_pack(tmp_path_factory.mktemp("packs") / "two")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_plan_round_trips_through_word(pack, data: st.DataObject) -> None:
    """Random edits, notes and questions with hostile text (control characters, RTL, HTML, '|')."""
    thesis_id, edits, question = data.draw(plans(pack))
    plan = build_plan(pack, thesis_id, edits, question)
    result = parse_export(word.render_docx(plan), pack)
    assert result.ok, result.message
    assert result.warnings == ()
    assert result.plan_inputs == PlanInputs(thesis_id, edits, question)


def test_a_document_edited_in_word_is_restored_and_the_changed_parts_named() -> None:
    doc = docx.Document(io.BytesIO(document()))
    conclusion = next(p for p in doc.paragraphs if p.text.startswith("Judgement:"))
    conclusion.add_run(" And I added this in Word.")
    doc.add_paragraph("A last thought, typed at the end.")
    out = io.BytesIO()
    doc.save(out)  # python-docx keeps the custom properties, as Word and LibreOffice do
    result = parse_export(out.getvalue(), MINI_PACK)
    assert result.ok and result.plan_inputs == PlanInputs(THESIS, EDITS, CURATED)
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert "changed since it was downloaded (Conclusion, Top-band checklist)" in warning
    assert "not in the restored plan" in warning
    assert "I added this" not in warning  # nothing typed in the file is echoed


def test_a_deleted_heading_is_named_as_a_change() -> None:
    doc = docx.Document(io.BytesIO(document()))
    heading = next(p for p in doc.paragraphs if p.text == "Historiography")
    heading._element.getparent().remove(heading._element)
    out = io.BytesIO()
    doc.save(out)
    (warning,) = parse_export(out.getvalue(), MINI_PACK).warnings
    assert "(Paragraph 3, Historiography)" in warning  # its lines now sit under the paragraph before it


def test_a_word_document_without_a_saved_plan_is_refused() -> None:
    out = io.BytesIO()
    docx.Document().save(out)
    assert "carries no saved plan" in rejected(out.getvalue())
    assert "Google Docs" in rejected(out.getvalue())


def test_a_plan_missing_some_of_its_properties_is_refused() -> None:
    data = document()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        custom = archive.read("docProps/custom.xml").decode()
    cut = re.sub(r'<property [^>]*name="essay-plan-state 2">.*?</property>', "", custom, flags=re.S)
    assert cut != custom
    assert "incomplete" in rejected(rezip(data, {"docProps/custom.xml": cut.encode()}))


@pytest.mark.parametrize("count", ["²", "0", "-1", "", "99", "two"])
def test_a_piece_count_edited_into_anything_else_is_refused(count: str) -> None:
    data = document()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        custom = archive.read("docProps/custom.xml").decode()
    edited = re.sub(r'(name="essay-plan-state-parts"><vt:i4>)\d+', rf"\g<1>{count}", custom)
    assert edited != custom
    assert "incomplete" in rejected(rezip(data, {"docProps/custom.xml": edited.encode()}))


def test_a_state_edited_into_nonsense_is_refused_like_the_md_front_matter() -> None:
    data = document()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        custom = archive.read("docProps/custom.xml").decode()
    broken = custom.replace('thesis: "cs-genuine"', 'thesis: "no-such-thesis"')
    assert broken != custom
    assert "'no-such-thesis' is not in the data pack" in rejected(rezip(data, {"docProps/custom.xml": broken.encode()}))


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda d: d[: len(d) // 2], "not a complete zip file"),
        (lambda d: rezip(d, {"word/document.xml": None}), "not a Word document"),
        (lambda d: rezip(d, {"word/document.xml": b"<w:document"}), "not well-formed XML"),
        (
            lambda d: rezip(
                d, {"docProps/custom.xml": b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'}
            ),
            "carries no saved plan",
        ),
    ],
)
def test_damaged_word_files_are_refused_with_the_reason(damage, expected: str) -> None:
    assert expected in rejected(damage(document()))


def test_a_part_too_large_for_a_plan_is_refused_before_it_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word, "MAX_MEMBER_BYTES", 10_000)
    assert "far larger than a plan's" in rejected(document())


def test_a_word_file_over_the_limit_is_refused() -> None:
    assert "larger than 10 MB" in rejected(b"PK\x03\x04" + b"\0" * MAX_DOCX_BYTES)


def test_cli_import_of_a_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(document())
    assert main(["import", str(path), "--pack", str(MINI)]) == 0
    data = capsys.readouterr().out
    assert '"thesis_text": "My own thesis: Moscow wanted allies."' in data
    assert main(["import", str(path), "--pack", str(MINI), "--format", "md"]) == 0
    assert capsys.readouterr().out == render_markdown(build_plan(MINI_PACK, THESIS, EDITS, CURATED))


# Never raises, whatever was done to the file; whatever it restores makes a plan (as for the .md).
GOOD = document()
with zipfile.ZipFile(io.BytesIO(GOOD)) as _archive:
    GOOD_STATE = _archive.read("docProps/custom.xml").decode()


@settings(max_examples=60, deadline=None)
@given(
    at=st.integers(min_value=0, max_value=len(GOOD) - 1),
    cut=st.integers(min_value=0, max_value=64),
    insert=st.binary(max_size=16),
)
def test_any_damage_to_the_bytes_of_a_word_file(at: int, cut: int, insert: bytes) -> None:
    _check_any(parse_export(GOOD[:at] + insert + GOOD[at + cut :], MINI_PACK), MINI_PACK)


@settings(max_examples=80, deadline=None)
@given(
    at=st.integers(min_value=0, max_value=len(GOOD_STATE)),
    cut=st.integers(min_value=0, max_value=40),
    insert=st.one_of(text_strategy, st.sampled_from(['"', "<", "&", "|", "---", "²", '" name="essay-plan-state 9'])),
)
def test_any_hand_edit_of_the_saved_state(at: int, cut: int, insert: str) -> None:
    state = GOOD_STATE[:at] + insert + GOOD_STATE[at + cut :]
    data = rezip(GOOD, {"docProps/custom.xml": state.encode("utf-8", "surrogatepass")})
    _check_any(parse_export(data, MINI_PACK), MINI_PACK)
