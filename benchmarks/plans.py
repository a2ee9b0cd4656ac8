"""Every plan of the bundled packs, for checking that an engine change alters no output, and timing them.

  python -m benchmarks.plans dump DIR     # write each plan's Markdown (and its plain data) to DIR
  python -m benchmarks.plans time         # ms to plan + render the curated plans, memo caches warm and cold

A plan for every pack, every curated question (its curated analysis, and the same text analysed as
if pasted) and no question, every thesis of the pack, every length (exam 45, 50, 60; revision).
``diff -r BEFORE AFTER`` on two dumps shows any change.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

from arguments.export import plan_to_dict, render_markdown
from arguments.load import bundled_packs, load_pack
from arguments.memo import forget
from arguments.model import Pack
from arguments.plan import LENGTHS, PlanEdits, build_plan
from arguments.question import QuestionAnalysis, analyse_question, from_question


def cases(packs: list[Pack]) -> Iterator[tuple[str, Pack, str, PlanEdits, QuestionAnalysis | None]]:
    """(name, pack, thesis id, edits, question) for every plan the dump holds."""
    for pack in packs:
        questions: list[tuple[str, QuestionAnalysis | None]] = [("none", None)]
        for q in pack.questions:
            questions.append((q.id, from_question(q, pack)))
            questions.append((f"{q.id}.pasted", analyse_question(q.text, pack)))
        for name, question in questions:
            for thesis in pack.theses:
                for length in LENGTHS:
                    yield (
                        f"{pack.info.id}/{name}/{thesis.id}.{length}",
                        pack,
                        thesis.id,
                        PlanEdits(length=length),
                        question,
                    )


def bundled() -> list[Pack]:
    return [load_pack(folder) for folder in bundled_packs()]


def dump(directory: Path) -> int:
    count = 0
    for name, pack, thesis_id, edits, question in cases(bundled()):
        plan = build_plan(pack, thesis_id, edits, question)
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.with_suffix(path.suffix + ".md").write_text(render_markdown(plan), encoding="utf-8")
        data = json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=1, sort_keys=True)
        path.with_suffix(path.suffix + ".json").write_text(data, encoding="utf-8")
        count += 1
    return count


def curated(packs: list[Pack]) -> Iterator[tuple[str, Pack, str, PlanEdits, QuestionAnalysis | None]]:
    """The plans students open most: each curated question with each thesis it lists, at every length."""
    for pack in packs:
        for q in pack.questions:
            question = from_question(q, pack)
            for thesis_id in q.theses:
                for length in LENGTHS:
                    yield (
                        f"{pack.info.id}/{q.id}/{thesis_id}.{length}",
                        pack,
                        thesis_id,
                        PlanEdits(length=length),
                        question,
                    )


def timing(repeats: int, every: bool = False) -> dict[str, float]:
    """Per plan, median over ``repeats`` rounds of the curated plans (``every``: every plan the dump holds):
    warm (memo caches full) and cold (the engine's memo caches emptied before each round)."""
    all_cases = list((cases if every else curated)(bundled()))
    warm, cold = [], []
    for _ in range(repeats):
        for rounds, clear in ((cold, True), (warm, False)):
            if clear:
                forget()
            start = time.process_time()  # CPU time: other jobs on a shared machine disturb it less
            for _name, pack, thesis_id, edits, question in all_cases:
                render_markdown(build_plan(pack, thesis_id, edits, question))
            rounds.append((time.process_time() - start) * 1000 / len(all_cases))
    return {
        "plans": len(all_cases),
        "warm_cpu_ms_per_plan": round(statistics.median(warm), 3),
        "warm_cpu_ms_per_plan_best": round(min(warm), 3),
        "cold_round_cpu_ms_per_plan": round(statistics.median(cold), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("dump").add_argument("directory", type=Path)
    timer = sub.add_parser("time")
    timer.add_argument("--repeats", type=int, default=7)
    timer.add_argument("--every", action="store_true", help="every plan of the dump, not just the curated ones")
    args = parser.parse_args()
    if args.command == "dump":
        print(f"{dump(args.directory)} plans written to {args.directory}")
    else:
        print(json.dumps(timing(args.repeats, args.every)))


if __name__ == "__main__":
    main()
