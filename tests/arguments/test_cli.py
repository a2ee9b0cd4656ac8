"""The command line as a student or teacher runs it (subprocesses): bad packs, and the bundled pack left alone."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from arguments.cli import main
from arguments.export import render_markdown
from arguments.load import BUNDLED_PACK, load_pack
from arguments.plan import PlanEdits, build_plan
from arguments.question import from_question
from arguments.suggest import suggest_theses

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini_pack"
QUESTION = "To what extent was Soviet foreign policy 1933–39 driven by a desire for collective security?"


def run_all(commands: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    """Run ``python -m arguments`` with each argument list, in parallel."""
    running = [
        (
            args,
            subprocess.Popen(
                [sys.executable, "-m", "arguments", *args],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            ),
        )
        for args in commands
    ]
    done = []
    for args, process in running:
        out, err = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(args, process.returncode, out, err))
    return done


def every_command(pack: str, export_file: Path, thesis: str, question_id: str) -> list[list[str]]:
    """Each subcommand, and each output format at least once."""
    commands = [
        ["check"],
        ["list", "schools"],
        ["list", "theses", "--format", "json"],
        ["list", "evidence"],
        ["list", "questions", "--format", "json"],
        ["plan", thesis],
        ["plan", thesis, "--format", "json"],
        ["plan", thesis, "--question-id", question_id],
        ["plan", "--question", QUESTION, "--format", "json"],
        ["suggest", QUESTION],
        ["suggest", QUESTION, "--format", "json"],
        ["import", str(export_file)],
        ["import", str(export_file), "--format", "md"],
    ]
    return [[*command, "--pack", pack] for command in commands]


# A broken copy of the mini pack: one problem of a different kind in each file.
BREAKS: dict[str, tuple[str, str]] = {
    "evidence/items.toml": ('date = "1922-04-16"', 'date = "1922-13-16"'),
    "claims.toml": (
        'evidence = "ussr-joins-league"\nhow = "Membership',
        'evidence = "no-such-item"\nhow = "Membership',
    ),
    "theses.toml": ('verdict = "To a large extent"\n', ""),
    "topics.toml": ("[[topic]]\n", "[[topic]\n"),
    "schools.toml": ('name = "German school"\n', 'name = "German school"\ncolour = "red"\n'),
    "questions.toml": ("years = [1933, 1939]", "years = [1939, 1933]"),
}
EXPECTED = [
    "evidence/items.toml:",
    "evidence 'treaty-of-rapallo' — field 'date': bad date: month 13 in '1922-13-16' does not exist",
    "claims.toml:",
    "claim 'cs-genuine-turn' — field 'support[1].evidence': refers to unknown evidence 'no-such-item'",
    "theses.toml:",
    "thesis 'cs-genuine' — field 'verdict': is missing: add it",
    "topics.toml:",
    "TOML syntax error",
    "schools.toml:",
    "school 'german-orientation' — field 'colour': unknown key",
    "questions.toml:",
    "question 'collective-security-1933-39' — field 'years': the first year is after the second",
    "works/latin1.toml:",
    "is not UTF-8 text: save it as UTF-8",
]


@pytest.fixture
def broken_pack(tmp_path: Path) -> Path:
    directory = tmp_path / "broken"
    shutil.copytree(MINI, directory)
    for name, (old, new) in BREAKS.items():
        path = directory / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) >= 1, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    (directory / "works" / "latin1.toml").write_bytes('[[work]]\nid = "caf"\nauthor = "Café"\n'.encode("latin-1"))
    return directory


def test_check_lists_every_problem_of_a_broken_pack(broken_pack: Path) -> None:
    [done] = run_all([["check", "--pack", str(broken_pack)]])
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == f"{broken_pack}: {len(lines) - 1} problems in the data pack"
    for expected in EXPECTED:
        assert expected in done.stderr, expected
    assert all(line.startswith("- ") for line in lines[1:])


def test_every_command_refuses_a_broken_pack_the_same_way(broken_pack: Path, tmp_path: Path) -> None:
    export_file = tmp_path / "plan.md"
    export_file.write_text(render_markdown(build_plan(load_pack(MINI), "cs-genuine")), encoding="utf-8")
    commands = every_command(str(broken_pack), export_file, "cs-genuine", "collective-security-1933-39")
    results = run_all([commands[i] for i in (0, 1, 5, 8, 9, 11)])  # one of each subcommand
    report = results[0].stderr
    assert "problems in the data pack" in report
    for done in results:
        assert (done.returncode, done.stdout, done.stderr) == (1, "", report), done.args


def test_a_missing_pack_folder_is_one_clear_problem(tmp_path: Path) -> None:
    [done] = run_all([["check", "--pack", str(tmp_path / "nowhere")]])
    assert done.returncode == 1 and done.stdout == ""
    assert "no such folder: point --pack at a copy of schools/" in done.stderr
    assert "Traceback" not in done.stderr


def snapshot(directory: Path) -> dict[str, str]:
    """Every file under a folder (hidden ones too) → the SHA-256 of its bytes."""
    return {
        path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def test_no_command_changes_the_bundled_pack(tmp_path: Path) -> None:
    before = snapshot(BUNDLED_PACK)
    assert before, "the bundled pack has files"
    pack = load_pack()
    thesis = pack.theses[0]
    question = next(q for q in pack.questions if thesis.id in q.theses)
    edits = (
        PlanEdits()
        .with_note("introduction", "A note.")
        .with_dropped(thesis.claims[0], pack.claim[thesis.claims[0]].support[0].evidence)
    )
    export_file = tmp_path / "plan.md"
    export_file.write_text(render_markdown(build_plan(pack, thesis.id, edits, from_question(question, pack))), "utf-8")
    commands = every_command(str(BUNDLED_PACK), export_file, thesis.id, question.id)
    commands += [["check"], ["plan", thesis.id]]  # the default pack, no --pack
    for done in run_all(commands):
        assert done.returncode == 0, (done.args, done.stderr)
        assert "Traceback" not in done.stderr
        assert done.stdout.strip(), done.args
    assert snapshot(BUNDLED_PACK) == before


def test_check_reports_a_syntax_error_alone_and_refuses_an_emptied_file(tmp_path: Path) -> None:
    """Issue 12, on the bundled pack: one deleted quote gave 68 problems, the syntax error last; an emptied
    topics.toml passed as "0 topics"."""
    quote = tmp_path / "quote"
    shutil.copytree(BUNDLED_PACK, quote)
    theses = quote / "theses.toml"
    text = theses.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.split("\n"), start=1) if row.startswith('title = "'))
    theses.write_text(text.replace('forced the pact on it"', "forced the pact on it", 1), encoding="utf-8")
    empty = tmp_path / "empty"
    shutil.copytree(BUNDLED_PACK, empty)
    (empty / "topics.toml").write_text("", encoding="utf-8")
    broken, emptied = run_all([["check", "--pack", str(quote)], ["check", "--pack", str(empty)]])
    assert broken.returncode == 1
    lines = broken.stderr.splitlines()
    assert lines[0] == f"{quote}: 1 problem in the data pack"
    assert lines[1].startswith(f"- theses.toml:{line}: TOML syntax error")
    assert "references to thesis ids elsewhere in the pack could not be checked" in lines[1]
    assert emptied.returncode == 1
    assert emptied.stderr.splitlines()[1:] == [
        "- topics.toml: holds no [[topic]] records: the pack needs at least one here "
        "(copy a [[topic]] block from topics.toml in the bundled schools/ folder)"
    ]


def test_plan_in_every_format(tmp_path: Path) -> None:
    """md, json and html print or go to --output; docx and pptx need --output; all are the same plan."""
    from arguments.formats import FORMATS, render
    from arguments.imports import parse_export

    pack = load_pack(MINI)
    plan = build_plan(
        pack, "cs-genuine", PlanEdits(), from_question(pack.question["collective-security-1933-39"], pack)
    )
    base = ["plan", "cs-genuine", "--question-id", "collective-security-1933-39", "--pack", str(MINI)]
    commands = [[*base, "--format", name, "--output", str(tmp_path / f"plan.{name}")] for name in FORMATS]
    commands += [[*base, "--format", "html"], [*base, "--format", "docx"]]
    done = run_all(commands)
    for name, result in zip(FORMATS, done, strict=False):
        assert result.returncode == 0, result.stderr
        assert result.stdout == "" and f"wrote {tmp_path / f'plan.{name}'}" in result.stderr
        written = (tmp_path / f"plan.{name}").read_bytes()
        if FORMATS[name].binary:
            assert written[:4] == b"PK\x03\x04"
        else:
            assert written.decode("utf-8") == render(plan, name)
    restored = parse_export((tmp_path / "plan.docx").read_bytes(), pack)
    assert restored.ok and restored.plan_inputs.build(pack) == plan
    html, docx = done[-2:]
    assert html.returncode == 0 and html.stdout == render(plan, "html")
    assert docx.returncode == 2 and docx.stdout == ""
    assert "--format docx writes a binary file: give --output FILE" in docx.stderr


def test_plan_output_to_a_folder_that_does_not_exist(tmp_path: Path) -> None:
    target = str(tmp_path / "no" / "x")
    [done] = run_all([["plan", "cs-genuine", "--pack", str(MINI), "--format", "pptx", "--output", target]])
    assert done.returncode == 2 and done.stderr.startswith(f"error: cannot write {target}")


def test_a_thesis_named_with_a_question_is_the_one_planned(tmp_path) -> None:
    """``plan THESIS --question TEXT`` plans that thesis for the question (not the top-ranked one)."""
    question = "Why did Stalin sign the Nazi-Soviet Pact in August 1939?"
    ranked = suggest_theses(load_pack(), question).ranked
    chosen = ranked[-1].thesis.id  # the lowest ranked
    out = tmp_path / "plan.json"
    assert main(["plan", chosen, "--question", question, "--format", "json", "--output", str(out)]) == 0
    data = json.loads(out.read_text("utf-8"))
    assert data["thesis"]["id"] == chosen and data["question"]["text"] == question


def test_list_without_a_pack_lists_every_debate(capsys):
    """The default is every bundled debate, for ``list`` as for the other commands: each under its heading
    (text), each record naming its debate (JSON)."""
    from arguments.load import bundled_packs

    packs = [load_pack(folder) for folder in bundled_packs()]
    assert main(["list", "questions"]) == 0
    text = capsys.readouterr().out
    for pack in packs:
        assert f"# {pack.info.id}: {pack.info.title}" in text
        assert all(q.id in text for q in pack.questions)
    assert main(["list", "theses", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {(r["debate"], r["id"]) for r in records} == {(p.info.id, t.id) for p in packs for t in p.theses}
