"""Command line for the essay planner's engine.

Without --pack, every debate bundled under schools/ is used: `check` checks them all, a thesis id or
a downloaded file opens the debate it belongs to, a question is answered from the debate it is about,
and `list` lists the default debate.

  python -m arguments check [--pack DIR]
  python -m arguments list schools|theses|evidence|questions [--format text|json] [--pack DIR]
  python -m arguments plan THESIS_ID [--question-id ID] [--length 45|50|60|revision] [--format FORMAT] [--output FILE]
  python -m arguments plan [THESIS_ID] --question "QUESTION" [--length …] [--format FORMAT] [--output FILE] [--pack DIR]
      FORMAT: md (default), json, html (the print layout), docx (Word) or pptx (PowerPoint); docx and pptx
      are written to --output FILE, the others to FILE or the terminal
  python -m arguments suggest "QUESTION" [--format text|json] [--pack DIR]
  python -m arguments import FILE [--format json|md] [--pack DIR]      FILE: a downloaded .md or .docx

Exit codes: 0 success, 1 invalid data pack, 2 bad usage or unknown id.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from arguments.formats import FORMATS, render
from arguments.load import PackError, bundled_packs, load_pack
from arguments.model import Pack
from arguments.plan import DEFAULT_LENGTH, LENGTHS, EssayPlan, PlanEdits, UnknownIdError, build_plan
from arguments.question import QuestionAnalysis, from_question
from arguments.suggest import Suggestions, debate_for, nor_the_others, suggest_theses

LISTABLE = ("schools", "theses", "evidence", "questions")
PLAN_FORMATS = tuple(FORMATS)


def write_plan(plan: EssayPlan, fmt: str, output: str | None) -> int:
    """Print the plan, or write it to ``output``; a binary format needs a file (exit 2 without one)."""
    if output is None and FORMATS[fmt].binary:
        print(
            f"error: --format {fmt} writes a binary file: give --output FILE (e.g. --output plan.{fmt})",
            file=sys.stderr,
        )
        return 2
    rendered = render(plan, fmt)
    if output is None:
        sys.stdout.write(rendered if isinstance(rendered, str) else rendered.decode())
        return 0
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        print(f"error: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return 2
    print(f"wrote {output} ({len(data):,} bytes)", file=sys.stderr)
    return 0


def plan_for_question(
    pack: Pack, text: str, length: str, others: Sequence[Pack] = (), thesis: str | None = None
) -> EssayPlan | None:
    """``plan [THESIS_ID] --question``: the plan for the thesis given, else the best one, adapted to the
    question (None if the question is off-topic or the thesis unknown, said why)."""
    suggestions = suggest_theses(pack, text)
    if not suggestions.on_topic or suggestions.best is None:
        print(f"error: {suggestions.message}{nor_the_others(others)}", file=sys.stderr)
        return None
    try:
        return build_plan(pack, thesis or suggestions.best.thesis.id, PlanEdits(length=length), suggestions.analysis)
    except UnknownIdError as error:
        print(f"error: {error}", file=sys.stderr)
        return None


def _add_pack(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--pack", metavar="DIR", help="a data-pack folder (default: every debate bundled in schools/)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m arguments",
        description="Essay planner engine: validate the data pack, list it, build essay plans.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="validate the data pack and summarise it")
    _add_pack(check)
    listing = sub.add_parser("list", help="list schools, theses, evidence or questions")
    listing.add_argument("what", choices=LISTABLE)
    listing.add_argument("--format", choices=("text", "json"), default="text")
    _add_pack(listing)
    plan = sub.add_parser("plan", help="print the essay plan for a thesis")
    plan.add_argument("thesis", metavar="THESIS_ID", nargs="?", help="a thesis id (see: list theses)")
    plan.add_argument("--question-id", metavar="ID", help="shape the plan for one of the pack's questions")
    plan.add_argument("--question", metavar="QUESTION", help="any essay question: plan for the best thesis")
    plan.add_argument("--format", choices=PLAN_FORMATS, default="md", help="default: %(default)s")
    plan.add_argument(
        "--output", metavar="FILE", help="write the plan to FILE (needed for docx and pptx; default: the terminal)"
    )
    plan.add_argument(
        "--length",
        choices=tuple(LENGTHS),
        default=DEFAULT_LENGTH,
        help="minutes for the essay (sizes the plan), or 'revision' for full notes (default: %(default)s)",
    )
    _add_pack(plan)
    suggest = sub.add_parser("suggest", help="rank the theses that answer an essay question")
    suggest.add_argument("question", metavar="QUESTION")
    suggest.add_argument("--format", choices=("text", "json"), default="text")
    _add_pack(suggest)
    restore = sub.add_parser("import", help="restore a plan from a downloaded Markdown or Word file")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--format", choices=("json", "md"), default="json")
    _add_pack(restore)
    return parser


def list_records(pack: Pack, what: str) -> list[dict[str, Any]]:
    if what == "schools":
        return [
            {
                "id": s.id,
                "name": s.name,
                "summary": s.summary,
                "historians": [{"name": h.name, "works": list(h.works)} for h in s.historians],
                "claims": [c.id for c in pack.claims if s.id in c.schools],
            }
            for s in pack.schools
        ]
    if what == "theses":
        return [
            {"id": t.id, "title": t.title, "text": t.text, "schools": list(t.schools), "claims": list(t.claims)}
            for t in pack.theses
        ]
    if what == "questions":
        return [
            {
                "id": q.id,
                "text": q.text,
                "command": q.command,
                "concept": q.concept,
                "years": list(q.years) if q.years else None,
                "theses": list(q.theses),
                "source": q.source.model_dump() if q.source else None,
            }
            for q in pack.questions
        ]
    return [
        {
            "id": e.id,
            "date": e.date.text,
            "title": e.title,
            "kind": e.kind,
            "themes": list(e.themes),
            "summary": e.summary,
            "sources": [
                {"id": w.id, "author": w.author, "title": w.title, "year": w.year}
                for w in (pack.work[s] for s in e.sources)
            ],
            "supports": list(pack.stance(e.id)[0]),
            "challenges": list(pack.stance(e.id)[1]),
        }
        for e in pack.evidence
    ]


def _text_line(what: str, record: dict[str, Any]) -> str:
    if what == "evidence":
        return f"{record['date']:<23} {record['id']:<40} {record['title']}"
    if what == "questions":
        return f"{record['id']:<34} {record['text']}"
    if what == "theses":
        return f"{record['id']:<36} {record['title']}"
    return f"{record['id']:<22} {record['name']}"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    folders = [args.pack] if args.pack else list(bundled_packs())
    packs = []
    for folder in folders:
        try:
            packs.append(load_pack(folder))
        except PackError as error:
            print(error.report(), file=sys.stderr)
            return 1
    if args.command == "check":
        return max(check(pack) for pack in packs)
    if args.command == "list":  # every debate, each under its own heading (or each record naming it)
        listed = [(p, list_records(p, args.what)) for p in packs]
        if args.format == "json":
            records = [{"debate": p.info.id, **r} for p, found in listed for r in found]
            print(json.dumps(records, ensure_ascii=False, indent=2))
        else:
            blocks = [
                (f"# {p.info.id}: {p.info.title}\n" if len(listed) > 1 else "")
                + "\n".join(_text_line(args.what, r) for r in found)
                for p, found in listed
            ]
            print("\n\n".join(blocks))
        return 0
    pack = _debate_for(args, packs)
    if args.command == "suggest":
        return run_suggest(pack, args.question, args.format, others=[p for p in packs if p is not pack])
    if args.command == "import":
        from arguments.imports import run_import

        return run_import(pack, args.file, args.format)
    if args.question is not None:
        others = [p for p in packs if p is not pack]
        found = plan_for_question(pack, args.question, args.length, others, args.thesis)
        return 2 if found is None else write_plan(found, args.format, args.output)
    if args.thesis is None:
        print('error: give a THESIS_ID or --question "QUESTION" (see: list theses)', file=sys.stderr)
        return 2
    question = None
    if args.question_id:
        if args.question_id not in pack.question:
            print(f"error: {UnknownIdError('question', args.question_id, tuple(pack.question))}", file=sys.stderr)
            return 2
        question = from_question(pack.question[args.question_id], pack)
    try:
        plan = build_plan(pack, args.thesis, PlanEdits(length=args.length), question)
    except UnknownIdError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return write_plan(plan, args.format, args.output)


def check(pack: Pack) -> int:
    """``check``: the pack's summary, or its findings (exit 1)."""
    from arguments.lint import lint_pack

    findings = lint_pack(pack)
    summary = (
        f"{len(pack.schools)} schools, {len(pack.evidence)} evidence items, {len(pack.claims)} claims, "
        f"{len(pack.theses)} theses, {len(pack.questions)} questions, {len(pack.topics)} topics, "
        f"{len(pack.works)} works"
    )
    if findings:
        n = len(findings)
        print(f"{pack.label}: loads ({summary}), but {n} finding{'s' * (n != 1)} to fix:", file=sys.stderr)
        print("\n".join(f"- {f}" for f in findings), file=sys.stderr)
        return 1
    print(f"{pack.label}: valid — {summary}")
    return 0


def _debate_for(args: argparse.Namespace, packs: list[Pack]) -> Pack:
    """The debate a command is about: the one holding its thesis, question or file's pack, the one a
    question is about, else the first (the default)."""
    if len(packs) == 1:
        return packs[0]
    thesis, question_id = getattr(args, "thesis", None), getattr(args, "question_id", None)
    for pack in packs:
        if (thesis and thesis in pack.thesis) or (question_id and question_id in pack.question):
            return pack
    text = getattr(args, "question", None)
    if text and args.command in ("suggest", "plan"):
        return debate_about(packs, text)
    if args.command == "import":
        named = _pack_named_in(args.file)
        return next((p for p in packs if p.info.id == named), packs[0])
    return packs[0]


def debate_about(packs: Sequence[Pack], text: str) -> Pack:
    """The debate a question is about (``suggest.debate_for``, the default first)."""
    return debate_for(packs, text)[0]


def _pack_named_in(path: str) -> str | None:
    """The pack id a downloaded plan names (its front matter or Word properties), if it can be read."""
    from arguments.imports import named_pack

    try:
        with open(path, "rb") as handle:
            return named_pack(handle.read(8 * 1024 * 1024))
    except OSError:
        return None


# --- suggest ---------------------------------------------------------------------------------------


def suggestions_to_list(pack: Pack, suggestions: Suggestions) -> list[dict[str, object]]:
    """The ranking as plain data, best first (empty when off-topic)."""
    return [
        {
            "thesis_id": r.thesis.id,
            "score": r.score,
            "reason": r.reason,
            "title": r.thesis.title,
            "schools": list(r.thesis.schools),
            "school_names": pack.school_names(r.thesis.schools),
        }
        for r in suggestions.ranked
    ]


def _analysis_line(analysis: QuestionAnalysis) -> str:
    return (
        f"Command term: {analysis.command_label} · Key concept: {analysis.concept_label} · "
        f"Dates: {analysis.years_label}"
    )


def run_suggest(pack: Pack, text: str, fmt: str, others: Sequence[Pack] = ()) -> int:
    """``suggest``: ranked theses as text lines or a JSON list; off-topic says so (exit 0)."""
    suggestions = suggest_theses(pack, text)
    if fmt == "json":
        print(json.dumps(suggestions_to_list(pack, suggestions), ensure_ascii=False, indent=2))
        return 0
    if not suggestions.on_topic:
        print(suggestions.message + nor_the_others(others))
        return 0
    print(_analysis_line(suggestions.analysis))
    if suggestions.message:
        print(suggestions.message)
    width = max(len(r.thesis.id) for r in suggestions.ranked)
    for r in suggestions.ranked:
        print(f"{r.thesis.id:<{width}}  {r.score:.3f}  {r.reason}")
    return 0
