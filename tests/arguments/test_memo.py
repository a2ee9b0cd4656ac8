"""The engine's memo caches can be forgotten (issue 12: a server forgets a student's words when a session ends)."""

from __future__ import annotations

import arguments.choose
import arguments.export
import arguments.outline
import arguments.question
from arguments import memo
from arguments.plan import PlanEdits, build_plan
from arguments.present import inline
from arguments.question import analyse_question


def test_forget_empties_every_engine_cache_that_saw_a_students_words(mini_pack):
    marker = "zqxmemomarker"
    own = f"Mostly {marker} because the West would not fight, which settled it; so Moscow turned away."
    inline(f"a note with {marker}")
    plan = build_plan(
        mini_pack, "cs-genuine", PlanEdits().with_thesis_text(own), analyse_question(f"Why {marker} 1939?", mini_pack)
    )
    arguments.outline.build_outline(plan)
    caches = list(memo.memo_caches())
    names = {f"{c.__module__}.{c.__name__}" for c in caches}
    assert {"arguments.export.md", "arguments.question.term_stem", "arguments.question.stems_of"} <= names
    assert {"arguments.outline.first_clause", "arguments.choose.words_of"} <= names
    assert sum(c.cache_info().currsize for c in caches) > 0
    assert memo.forget() == len(caches)
    assert [c for c in caches if c.cache_info().currsize] == []
    assert arguments.export.md.cache_info().currsize == arguments.question.term_stem.cache_info().currsize == 0
    assert arguments.choose.words_of.cache_info().currsize == 0
