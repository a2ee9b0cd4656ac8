"""The loader validates a whole pack and names file, record and field for every problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from arguments.load import KINDS, PackError, Problem, bundled_packs, check_pack, load_pack
from arguments.model import Work
from tests.conftest import edit


def problems_of(directory: Path) -> tuple[Problem, ...]:
    pack, problems = check_pack(directory)
    assert pack is None, "a broken pack must not load"
    assert problems
    return problems


def find(problems: tuple[Problem, ...], file: str, record: str = "", field: str = "") -> Problem:
    for problem in problems:
        if problem.file == file and record in problem.record and problem.field.startswith(field):
            return problem
    raise AssertionError(f"no problem for {file} / {record} / {field} in:\n" + "\n".join(map(str, problems)))


def test_mini_pack_is_valid(mini_pack):
    assert mini_pack.info.id == "mini-pack"
    assert [e.id for e in mini_pack.evidence][0] == "treaty-of-rapallo"  # sorted by date


def test_syntax_error_names_the_line(pack_copy):
    edit(pack_copy / "claims.toml", 'held_by = ["carley-1999"]', 'held_by = "carley-1999')
    lines = (pack_copy / "claims.toml").read_text(encoding="utf-8").splitlines()
    problem = find(problems_of(pack_copy), "claims.toml")
    assert "TOML syntax error" in problem.message
    assert problem.line == lines.index('held_by = "carley-1999') + 1  # the line with the unterminated string


def test_unknown_key(pack_copy):
    edit(pack_copy / "evidence" / "items.toml", 'kind = "event"', 'kind = "event"\ncolour = "red"')
    problem = find(problems_of(pack_copy), "evidence/items.toml", "ussr-joins-league", "colour")
    assert "unknown key" in problem.message
    assert "allowed keys" in problem.message
    assert problem.line == 2


def test_missing_field(pack_copy):
    edit(pack_copy / "theses.toml", 'verdict = "To a large extent"\n', "")
    problem = find(problems_of(pack_copy), "theses.toml", "cs-genuine", "verdict")
    assert "missing" in problem.message


def test_empty_field(pack_copy):
    edit(pack_copy / "evidence" / "items.toml", 'title = "Treaty of Rapallo"', 'title = "   "')
    problem = find(problems_of(pack_copy), "evidence/items.toml", "treaty-of-rapallo", "title")
    assert "empty" in problem.message


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ("18/09/1934", "not an ISO date"),
        ("1934-13-01", "month 13"),
        ("1935-02-30", "day 30"),
        ("0850-01-01", "outside 1000"),
        ("2999", "outside 1000"),
        ("1939/1934", "ends before it starts"),
    ],
)
def test_bad_dates(pack_copy, bad, words):
    edit(pack_copy / "evidence" / "items.toml", 'date = "1934-09-18"', f'date = "{bad}"')
    problem = find(problems_of(pack_copy), "evidence/items.toml", "ussr-joins-league", "date")
    assert words in problem.message
    assert problem.message.startswith("bad date")


def test_unquoted_toml_date_gets_a_hint(pack_copy):
    edit(pack_copy / "evidence" / "items.toml", 'date = "1934-09-18"', "date = 1934-09-18")
    problem = find(problems_of(pack_copy), "evidence/items.toml", "ussr-joins-league", "date")
    assert "quoted string" in problem.message


def test_duplicate_id_across_files(pack_copy):
    extra = pack_copy / "evidence" / "more.toml"
    first = (pack_copy / "evidence" / "items.toml").read_text(encoding="utf-8").split("\n\n")[0]
    extra.write_text(first + "\n", encoding="utf-8")
    problem = find(problems_of(pack_copy), "evidence/more.toml", "ussr-joins-league", "id")
    assert "duplicate id" in problem.message
    assert "evidence/items.toml:2" in problem.message


def test_id_must_be_kebab_case(pack_copy):
    edit(pack_copy / "evidence" / "items.toml", 'id = "treaty-of-rapallo"', 'id = "Treaty_of_Rapallo"')
    problem = find(problems_of(pack_copy), "evidence/items.toml", "Treaty_of_Rapallo", "id")
    assert "kebab-case" in problem.message


@pytest.mark.parametrize(
    ("file", "old", "new", "record", "field", "kind"),
    [
        (
            "evidence/items.toml",
            'sources = ["tucker-1977"]',
            'sources = ["nobody-2000"]',
            "treaty-of-rapallo",
            "sources",
            "work",
        ),
        (
            "claims.toml",
            'evidence = "munich-agreement"',
            'evidence = "munich-1939"',
            "cs-munich",
            "support[1]",
            "evidence",
        ),
        (
            "claims.toml",
            'schools = ["collective-security"]',
            'schools = ["marxist"]',
            "cs-genuine-turn",
            "schools",
            "school",
        ),
        ("theses.toml", '"cs-munich", ', '"cs-munich-x", ', "cs-genuine", "claims[2]", "claim"),
        (
            "questions.toml",
            'theses = ["cs-genuine"]',
            'theses = ["gone"]',
            "collective-security-1933-39",
            "theses",
            "thesis",
        ),
        ("topics.toml", 'evidence = ["munich-agreement"]', 'evidence = ["munich"]', "munich", "evidence", "evidence"),
        (
            "schools.toml",
            'works = ["raack-1995"]',
            'works = ["raack-1996"]',
            "german-orientation",
            "historians[3]",
            "work",
        ),
    ],
)
def test_dangling_references(pack_copy, file, old, new, record, field, kind):
    edit(pack_copy / file, old, new)
    problem = find(problems_of(pack_copy), file, record, field)
    assert f"unknown {kind}" in problem.message


def test_claim_needs_two_supporting_items(pack_copy):
    text = (pack_copy / "claims.toml").read_text(encoding="utf-8")
    block = "[[claim.support]]\n" + 'evidence = "triple-alliance-proposal"\n'
    block += 'how = "Moscow still offered an alliance in 1939."\n'
    block += 'point = "Moscow still offered an alliance in 1939."\n\n'
    assert block in text
    (pack_copy / "claims.toml").write_text(text.replace(block, ""), encoding="utf-8")
    problem = find(problems_of(pack_copy), "claims.toml", "cs-munich", "support")
    assert "at least 2 supporting" in problem.message
    assert "(has 1)" in problem.message


def test_claim_needs_a_counter_item(pack_copy):
    text = (pack_copy / "claims.toml").read_text(encoding="utf-8")
    start = text.index('[[claim.counter]]\nevidence = "secret-protocol"')
    end = text.index("[[claim]]", start)
    (pack_copy / "claims.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    problem = find(problems_of(pack_copy), "claims.toml", "cs-munich", "counter")
    assert "counter" in problem.message


def test_same_item_cannot_support_and_counter_one_claim(pack_copy):
    edit(pack_copy / "claims.toml", 'evidence = "secret-protocol"', 'evidence = "munich-agreement"')
    problem = find(problems_of(pack_copy), "claims.toml", "cs-munich", "counter")
    assert "both supporting and counter" in problem.message


def test_evidence_without_citation(pack_copy):
    edit(pack_copy / "evidence" / "items.toml", 'sources = ["tucker-1977"]', "sources = []")
    problem = find(problems_of(pack_copy), "evidence/items.toml", "treaty-of-rapallo", "sources")
    assert "no citation" in problem.message


def test_not_utf8(pack_copy):
    path = pack_copy / "topics.toml"
    path.write_bytes(path.read_bytes() + "\n# Caf\xe9\n".encode("latin-1"))
    problem = find(problems_of(pack_copy), "topics.toml")
    assert "UTF-8" in problem.message


def test_missing_file(pack_copy):
    (pack_copy / "theses.toml").unlink()
    problem = find(problems_of(pack_copy), "theses.toml")
    assert "missing" in problem.message


def test_every_problem_is_reported_at_once(pack_copy):
    edit(pack_copy / "evidence" / "items.toml", 'date = "1934-09-18"', 'date = "1934-99"')
    edit(pack_copy / "claims.toml", 'evidence = "munich-agreement"', 'evidence = "nowhere"')
    edit(pack_copy / "theses.toml", 'criteria = "', 'criterion = "')
    with pytest.raises(PackError) as caught:
        load_pack(pack_copy)
    files = {p.file for p in caught.value.problems}
    assert {"evidence/items.toml", "claims.toml", "theses.toml"} <= files
    report = caught.value.report()
    assert report.count("\n- ") >= 4
    assert "Traceback" not in report


def test_problem_text_names_file_line_record_and_field(pack_copy):
    edit(pack_copy / "evidence" / "items.toml", 'date = "1934-09-18"', 'date = "1934-99"')
    problem = find(problems_of(pack_copy), "evidence/items.toml", "ussr-joins-league", "date")
    assert str(problem).startswith("evidence/items.toml:2 — evidence 'ussr-joins-league' — field 'date': bad date")


def test_missing_folder():
    with pytest.raises(PackError) as caught:
        load_pack("/nonexistent/pack")
    assert "no such folder" in caught.value.report()


# --- issue 12: a check a teacher can trust -------------------------------------------------------------


def test_a_syntax_error_comes_first_and_alone_for_its_file(pack_copy):
    edit(pack_copy / "claims.toml", 'held_by = ["carley-1999"]', 'held_by = "carley-1999')
    edit(pack_copy / "evidence" / "items.toml", 'title = "Treaty of Rapallo"', 'title = "   "')  # a problem elsewhere
    line = (pack_copy / "claims.toml").read_text(encoding="utf-8").splitlines().index('held_by = "carley-1999') + 1
    problems = problems_of(pack_copy)
    first = problems[0]
    assert first.file == "claims.toml" and first.message.startswith("TOML syntax error") and first.line == line
    assert [p for p in problems if p.file == "claims.toml"] == [first]  # alone for its file
    assert not [p for p in problems if "unknown claim" in p.message]  # the thesis names claims in that file
    assert "(3 references to claim ids elsewhere in the pack could not be checked" in first.message
    assert [p.file for p in problems] == ["claims.toml", "evidence/items.toml"]


def test_the_report_puts_syntax_errors_first(pack_copy):
    edit(pack_copy / "works" / "works.toml", "[[work]]", "[[work]", count=1)
    edit(pack_copy / "evidence" / "items.toml", 'title = "Treaty of Rapallo"', 'title = "   "')
    lines = PackError(pack_copy, problems_of(pack_copy)).report().splitlines()
    assert "TOML syntax error" in lines[1] and "works/works.toml" in lines[1]
    assert "references to work ids" in lines[1] and len(lines) == 3


def test_a_duplicate_id_is_reported_beside_an_invalid_record(pack_copy):
    extra = pack_copy / "evidence" / "more.toml"
    first = (pack_copy / "evidence" / "items.toml").read_text(encoding="utf-8").split("\n\n")[0]
    extra.write_text(first + "\n", encoding="utf-8")
    edit(pack_copy / "evidence" / "items.toml", 'title = "The USSR joins the League of Nations"', 'title = ""')
    problems = problems_of(pack_copy)
    assert "empty" in find(problems, "evidence/items.toml", "ussr-joins-league", "title").message
    duplicate = find(problems, "evidence/more.toml", "ussr-joins-league", "id")
    assert "duplicate id" in duplicate.message and "evidence/items.toml:2" in duplicate.message


def test_records_that_name_an_invalid_record_are_not_blamed_as_well(pack_copy):
    edit(pack_copy / "theses.toml", 'verdict = "To a large extent"\n', "")
    problems = problems_of(pack_copy)
    assert [(p.file, p.field) for p in problems] == [("theses.toml", "verdict")]  # not "unknown thesis" too


REQUIRED = {"topics.toml": "topic", "questions.toml": "question", "schools.toml": "school", "theses.toml": "thesis"}
REQUIRED |= {"claims.toml": "claim"}


@pytest.mark.parametrize(("file", "kind"), REQUIRED.items())
@pytest.mark.parametrize("content", ["", "# emptied by mistake\n"])
def test_a_required_file_with_no_records_is_refused(pack_copy, file, kind, content):
    (pack_copy / file).write_text(content, encoding="utf-8")
    problems = problems_of(pack_copy)
    first = problems[0]
    assert first.file == file and first.message.startswith(f"holds no [[{kind}]] records: the pack needs at least one")
    assert f"copy a [[{kind}]] block from {file}" in first.message
    assert not [p for p in problems if f"unknown {kind} " in p.message]  # counted in that one line instead


def test_an_extra_file_with_no_records_is_refused_with_what_to_do(pack_copy):
    (pack_copy / "claims").mkdir()
    (pack_copy / "claims" / "more.toml").write_text("\n", encoding="utf-8")
    [problem] = problems_of(pack_copy)
    assert problem.file == "claims/more.toml"
    assert problem.message.endswith("or delete the file")


@pytest.mark.parametrize(
    ("author", "cited_as", "short"),
    [
        ("Arthur M. Schlesinger Jr", "", "Schlesinger (1967)"),
        ("George C. Herring, Jr.", "", "Herring (1967)"),
        ("Mikhail Heller and Aleksandr Nekrich", "", "Heller and Nekrich (1967)"),
        ("Chen Jian", "Chen", "Chen (1967)"),  # family name first: the pack says how to cite it
    ],
)
def test_a_citation_names_the_surname(author: str, cited_as: str, short: str) -> None:
    work = Work(id="a-work", author=author, title="A title", year=1967, kind="book", cited_as=cited_as)
    assert work.short == short


@pytest.mark.parametrize("folder", bundled_packs(), ids=lambda p: p.name)
def test_where_names_each_records_id_line(folder: Path) -> None:
    """``Pack.where`` (what ``check`` cites) points at every record's ``id = ...`` line, in every file."""
    pack = load_pack(folder)
    records = (pack.works, pack.schools, pack.evidence, pack.claims, pack.theses, pack.questions, pack.topics)
    assert len(pack.where) == sum(map(len, records)) and {kind for kind, _ in pack.where} == {k.key for k in KINDS}
    for (kind, rid), (file, line) in pack.where.items():
        lines = (folder / file).read_text(encoding="utf-8").splitlines()
        assert line is not None and re.fullmatch(rf'\s*id\s*=\s*"{re.escape(rid)}"\s*', lines[line - 1]), (kind, rid)


def test_a_record_whose_id_comes_after_its_first_sub_table_is_found_by_its_header(pack_copy):
    """An ``id`` written below the record's first sub-table is not the record's own line: its header is."""
    path = pack_copy / "claims.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("[[claim]]")
    record_end = text.index("[[claim]]", first + 1)
    record = text[first:record_end]
    own_id = re.search(r'\nid = "([^"]+)"\n', record)
    assert own_id is not None
    moved = (
        record.replace(own_id.group(0), "\n", 1).rstrip("\n") + f'\n\n[[claim.support]]\nid = "{own_id.group(1)}"\n\n'
    )
    path.write_text(text[:first] + moved + text[record_end:], encoding="utf-8")
    problem = find(problems_of(pack_copy), "claims.toml", "#1 (no id)")
    assert problem.line == text[:first].count("\n") + 1  # the [[claim]] header


def test_a_file_changed_after_loading_gives_no_line_rather_than_a_wrong_one(pack_copy):
    """Lines are found when first asked for, from the file; if it changed since, none is given."""
    pack = load_pack(pack_copy)
    path = pack_copy / "evidence" / "items.toml"
    path.write_text("# a comment that moves every record down a line\n" + path.read_text(encoding="utf-8"), "utf-8")
    assert pack.where[("evidence", "treaty-of-rapallo")] == ("evidence/items.toml", None)
    assert pack.where[("claim", pack.claims[0].id)][1] is not None  # the files left alone still say


def test_a_key_term_must_follow_a_work_of_the_pack(pack_copy):
    """vocabulary.toml's [[term]] names the work its meaning follows; an unknown one is reported with
    the file, the line, the term and the field."""
    (pack_copy / "vocabulary.toml").write_text(
        '[[term]]\nword = "collective security"\nmeaning = "A pledge against aggression"\nsource = "haslam-1984"\n'
        '\n[[term]]\nword = "appeasement"\nmeaning = "Concessions to avoid war"\nsource = "nobody-2001"\n',
        encoding="utf-8",
    )
    problem = find(problems_of(pack_copy), "vocabulary.toml", "term 'appeasement'", "source")
    assert "unknown work 'nobody-2001'" in problem.message and problem.line == 6  # its [[term]] line
    assert len([p for p in problems_of(pack_copy) if p.file == "vocabulary.toml"]) == 1  # haslam-1984 exists


def test_every_citation_reads_surname_and_year():
    """ "Kennan (1947)", not "Kennan] (1947)" for the pen name "X [George F. Kennan]"."""
    for folder in bundled_packs():
        for work in load_pack(folder).works:
            assert re.fullmatch(r"[\w’'. -]+ \(\d{4}\)", work.short, re.UNICODE), work.short
