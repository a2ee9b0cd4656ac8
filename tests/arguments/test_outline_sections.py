"""Fitting an exam plan to its time builds each part once per cut it reads (``outline._Sections``): the
parts so shared between the trims tried are the parts each trim builds on its own, for every trim."""

from __future__ import annotations

import pytest

from arguments.load import bundled_packs, load_pack
from arguments.outline import FULL, TRIMS, _Sections, count_words
from arguments.plan import LENGTHS, PlanEdits, build_plan
from arguments.question import from_question

PACKS = [load_pack(folder) for folder in bundled_packs()]


@pytest.mark.parametrize("pack", PACKS, ids=lambda pack: pack.info.id)
def test_parts_shared_between_trims_are_the_parts_each_trim_builds_alone(pack):
    for question in pack.questions[::3]:
        analysis = from_question(question, pack)
        for thesis_id in question.theses:
            for length in LENGTHS:
                plan = build_plan(pack, thesis_id, PlanEdits(length=length), analysis)
                shared = _Sections(plan)
                for trim in (*TRIMS, *reversed(TRIMS), FULL):
                    alone = _Sections(plan).parts(trim)
                    assert shared.parts(trim) == alone, (question.id, thesis_id, length, trim)
                    assert shared.words(trim) == sum(count_words(p) for p in alone if p.counted)
