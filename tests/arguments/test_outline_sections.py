"""Fitting an exam plan to its time builds each part once per cut it reads (``outline._Sections``): the
parts so shared between the trims tried are the parts each trim builds on its own, for every trim."""

from __future__ import annotations

import pytest

from arguments.load import bundled_packs, load_pack
from arguments.outline import FULL, TRIMS, _Sections, brief, compress, count_words, reasoned
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


def test_a_shortened_answer_keeps_its_reasoning():
    """The answer to the case against, cut to fit an exam plan, drops the phrase before its "so …" (it
    used to keep the facts and cut the "so …" away: "… forced out at the end of May…")."""
    answer = (
        "The Corn Laws were repealed in June 1846, weeks before the worst of the famine winter began in Ireland, "
        "so repeal came too late to feed anyone that year."
    )
    assert (
        reasoned(answer, 20)
        == "The Corn Laws were repealed in June 1846, so repeal came too late to feed anyone that year."
    )
    assert reasoned(answer, 40) == answer  # whole when it fits
    # Never a main clause ("decided …"), nor a phrase that names whom a pronoun after it means ("him").
    verb = (
        "Peel, who had long defended protection for the landed interest, decided in 1845 that the ports must "
        "open, so the party split."
    )
    assert reasoned(verb, 16) == brief(verb, 16)
    pronoun = (
        "The protectionists held their seats in the election of 1847, before Peel had founded a party of his "
        "own, so the split outlived him."
    )
    assert reasoned(pronoun, 16) == brief(pronoun, 16)


def test_a_dropped_insert_leaves_the_comma_a_following_clause_needs():
    """ "… breaches that began in 1845, before Peel took office, so it settles who moved first" lost its comma
    with the insert ("in 1845 so it settles"), in a weighing line an examiner read."""
    assert compress("The repeal came in 1846, after the famine began, and it split the party.") == (
        "The repeal came in 1846, and it split the party."
    )
    assert compress("The breach began in 1845, before Peel took office, so it settles who moved first.") == (
        "The breach began in 1845, so it settles who moved first."
    )
    assert (
        compress("Peel, who led the party, repealed the Corn Laws in 1846.") == "Peel repealed the Corn Laws in 1846."
    )
