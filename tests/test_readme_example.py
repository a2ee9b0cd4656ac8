"""The README's example plan is the planner's own output for its question, not a stale copy."""

from __future__ import annotations

import re
from pathlib import Path

from arguments.export import render_markdown
from arguments.load import load_pack
from arguments.plan import PlanEdits, build_plan
from arguments.suggest import suggest_theses

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_example_plan_is_what_the_planner_writes_for_its_question():
    readme = README.read_text(encoding="utf-8")
    block = re.search(r"```markdown\n(## The question\n.*?)```\n", readme, re.DOTALL)
    assert block is not None, "the README's example plan is missing"
    shown = block.group(1)
    question = re.search(r"- \*\*Question:\*\* (.+)\n", shown).group(1)
    pack = load_pack()
    found = suggest_theses(pack, question)
    plan = build_plan(pack, found.ranked[0].thesis.id, PlanEdits(length="45"), found.analysis)
    written = render_markdown(plan)
    start = written.index("## The question")
    end = written.index("\n## ", written.index("## Conclusion") + 5)
    assert shown == written[start:end].rstrip() + "\n"
