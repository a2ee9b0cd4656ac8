"""`check`'s content findings: links to theses of other years, schools without historians, mis-tagged historians."""

from __future__ import annotations

from arguments.cli import main
from arguments.lint import lint_pack
from arguments.load import load_pack
from tests.conftest import edit


def test_the_mini_pack_has_no_findings(mini_pack):
    assert lint_pack(mini_pack) == ()


def test_a_question_linked_to_a_thesis_of_other_years_is_named(pack_copy, capsys):
    edit(pack_copy / "questions.toml", "years = [1933, 1939]", "years = [1921, 1924]")
    findings = lint_pack(load_pack(pack_copy))
    assert len(findings) == 1
    found = findings[0]
    assert (found.file, found.record, found.field) == (
        "questions.toml",
        "question 'collective-security-1933-39'",
        "theses[1]",
    )
    assert found.line == 2
    assert "thesis 'cs-genuine' mostly covers other years" in found.message and "1921–1924" in found.message
    assert main(["check", "--pack", str(pack_copy)]) == 1
    err = capsys.readouterr().err
    assert "1 finding to fix" in err and "questions.toml:2" in err


def test_a_school_whose_historians_are_sources_is_named(pack_copy):
    edit(pack_copy / "schools.toml", 'works = ["tucker-1977"] }', 'works = ["tucker-1977"], role = "source" }')
    edit(pack_copy / "schools.toml", 'works = ["hochman-1984"] }', 'works = ["hochman-1984"], role = "precursor" }')
    findings = lint_pack(load_pack(pack_copy))
    assert [(f.record, f.field) for f in findings] == [("school 'german-orientation'", "historians")]
    assert "has 1 historian(s)" in findings[0].message


def test_a_historian_whose_own_reading_argues_against_their_school_is_named(pack_copy):
    items = pack_copy / "evidence" / "items.toml"
    items.write_text(
        items.read_text(encoding="utf-8")
        + """
[[evidence]]
id = "tucker-reading"
date = "1977"
title = "Tucker's reading"
short = "Tucker's reading"
kind = "interpretation"
themes = ["ideology"]
summary = "A reading that, as tagged here, cuts against the school Tucker is listed in."
sources = ["tucker-1977"]
challenges = ["german-orientation"]
""",
        encoding="utf-8",
    )
    findings = lint_pack(load_pack(pack_copy))
    assert [(f.record, f.field) for f in findings] == [("evidence 'tucker-reading'", "challenges")]
    assert "argues against 'german-orientation'" in findings[0].message
    assert findings[0].file == "evidence/items.toml" and findings[0].line


def test_a_claim_without_its_exam_wordings_is_named(pack_copy, capsys):
    edit(pack_copy / "claims.toml", 'label = "Munich killed collective security"\n', "")
    edit(pack_copy / "claims.toml", 'point = "A binding treaty with a Western democracy."\n', "")
    long = " ".join(["word"] * 25)
    edit(pack_copy / "claims.toml", 'reply = "Trade, not alliance."', f'reply = "{long}."')
    findings = lint_pack(load_pack(pack_copy))
    assert [(f.record, f.field) for f in findings] == [
        ("claim 'cs-genuine-turn'", "support[2].point"),
        ("claim 'cs-munich'", "label"),
        ("claim 'cs-rapallo-broken-by-hitler'", "counter[1].reply"),
    ]
    assert "no point for 'franco-soviet-treaty'" in findings[0].message
    assert "has no label" in findings[1].message
    assert "has 25 words (at most 24)" in findings[2].message
    assert all(f.file == "claims.toml" and f.line for f in findings)
    assert main(["check", "--pack", str(pack_copy)]) == 1
    assert "3 findings to fix" in capsys.readouterr().err


def test_a_short_thesis_without_its_extent_and_an_item_without_a_short_title_are_named(pack_copy):
    edit(pack_copy / "theses.toml", 'short = "To a large extent, because', 'short = "Largely, because')
    edit(pack_copy / "evidence" / "items.toml", 'short = "Munich"\n', "")
    findings = lint_pack(load_pack(pack_copy))
    assert [(f.record, f.field) for f in findings] == [
        ("evidence 'munich-agreement'", "short"),
        ("thesis 'cs-genuine'", "short"),
    ]
    assert "no short title" in findings[0].message
    assert "does not state the extent “To a large extent”" in findings[1].message
