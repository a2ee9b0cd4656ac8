"""Checks of a valid pack's content that a schema cannot make: what `check` reports beyond errors.

A pack that loads can still mislead a student: a question linked to theses whose evidence lies in
other years, a school whose "historians" are really its sources, a historian listed in a school
that their own recorded interpretation argues against. Each finding names the file, the line, the
record and the field, and says what to do. The app still opens a pack with findings (they are
judgements for its authors); `python -m arguments check` lists them and exits 1.
"""

from __future__ import annotations

import re

from arguments.load import Problem
from arguments.model import Claim, Pack, Question, Thesis
from arguments.question import dated_by_publication, find_shape

MIN_HISTORIANS = 2
# A linked thesis whose period evidence lies less than this share inside the question's dates.
MIN_INSIDE_SHARE = 0.5
# The short wordings an exam plan prints (a 50-minute plan fits 900 words): at most this many words.
SHORT_WORDS = {"label": 8, "topic": 28, "point": 16, "reply": 24, "short": 45, "convinces": 35}
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def _problem(pack: Pack, kind: str, rid: str, field: str, message: str) -> Problem:
    file, line = pack.where.get((kind, rid), ("", None))
    return Problem(file, f"{kind} '{rid}'", field, message, line)


def thesis_years_inside(pack: Pack, thesis: Thesis, years: tuple[int, int]) -> tuple[int, int]:
    """How many of a thesis's supporting items from the period fall inside ``years``, of how many."""
    inside = total = 0
    seen: set[str] = set()
    for claim_id in thesis.claims:
        for link in pack.claim[claim_id].support:
            item = pack.item[link.evidence]
            if item.id in seen or dated_by_publication(item, pack.info.later_than):
                continue
            seen.add(item.id)
            total += 1
            inside += item.date.year <= years[1] and item.date.end_year >= years[0]
    return inside, total


def _question_findings(pack: Pack, question: Question) -> list[Problem]:
    shape = question.shape or find_shape(question.text, question.command)
    if question.years is None or shape == "historiography":
        return []
    found = []
    first, last = question.years
    for i, thesis_id in enumerate(question.theses, start=1):
        inside, total = thesis_years_inside(pack, pack.thesis[thesis_id], question.years)
        if total and inside / total < MIN_INSIDE_SHARE:
            found.append(
                _problem(
                    pack,
                    "question",
                    question.id,
                    f"theses[{i}]",
                    f"thesis '{thesis_id}' mostly covers other years: {inside} of its {total} supporting items "
                    f"fall inside {first}–{last}. Link a thesis about these years, or narrow the question",
                )
            )
    return found


def _short(
    found: list[Problem], pack: Pack, kind: str, rid: str, field: str, text: str, missing: str, limit: int = 0
) -> None:
    """A short wording an exam plan prints: present, and within its word limit."""
    n = len(_WORD.findall(text))
    limit = limit or SHORT_WORDS[field.rsplit(".", 1)[-1]]
    if not text:
        found.append(_problem(pack, kind, rid, field, missing))
    elif n > limit:
        found.append(_problem(pack, kind, rid, field, f"has {n} words (at most {limit}): an exam plan prints it whole"))


def _statement_findings(pack: Pack, kind: str, rid: str, field: str, short: str, verdict: str) -> list[Problem]:
    """A thesis's (or a framing's) short statement: present, short, and in the verdict's own words."""
    found: list[Problem] = []
    _short(found, pack, kind, rid, field, short, "no short statement: the thesis in one sentence of at most 45 words")
    if short and verdict.casefold() not in short.casefold():
        found.append(_problem(pack, kind, rid, field, f"does not state the extent “{verdict}” in its own words"))
    return found


def _claim_findings(pack: Pack, claim: Claim) -> list[Problem]:
    """A claim's short wordings: present, and short enough for an exam plan."""
    found: list[Problem] = []

    def short(field: str, text: str, missing: str) -> None:
        _short(found, pack, "claim", claim.id, field, text, missing)

    short("label", claim.label, "has no label: name the paragraph's argument in 3–8 words")
    short("topic", claim.topic, "no topic sentence: the claim's argument in at most 28 words")
    for i, link in enumerate(claim.support, start=1):
        short(
            f"support[{i}].point",
            link.point,
            f"no point for '{link.evidence}': say in one sentence what the item shows for this claim",
        )
    for i, link in enumerate(claim.counter, start=1):
        short(
            f"counter[{i}].reply",
            link.reply,
            f"no reply for '{link.evidence}': give the rebuttal in one or two short sentences, same verdict",
        )
    return found


def _rivals(pack: Pack) -> list[tuple[str, str, str, str, str]]:
    """Every chosen case against: (kind, record, field, thesis, rival claim), the theses' and the framings'."""
    chosen = [("thesis", t.id, "rival", t.id, t.rival) for t in pack.theses if t.rival]
    for question in pack.questions:
        for i, framing in enumerate(question.framing, start=1):
            if framing.rival:
                chosen.append(("question", question.id, f"framing[{i}].rival", framing.thesis, framing.rival))
    return chosen


def lint_pack(pack: Pack) -> tuple[Problem, ...]:
    """Content findings for a loaded pack, in file order."""
    found: list[Problem] = []
    for claim in pack.claims:
        found += _claim_findings(pack, claim)
    for thesis in pack.theses:
        found += _statement_findings(pack, "thesis", thesis.id, "short", thesis.short, thesis.verdict)
        missing = "no short evaluation: which reading convinces, and why, in one sentence of at most 35 words"
        _short(found, pack, "thesis", thesis.id, "convinces", thesis.convinces, missing)
    for question in pack.questions:
        for i, framing in enumerate(question.framing, start=1):
            found += _statement_findings(
                pack, "question", question.id, f"framing[{i}].short", framing.short, framing.verdict
            )
    for kind, rid, field, thesis_id, rival in _rivals(pack):
        claim, thesis = pack.claim[rival], pack.thesis[thesis_id]
        if not set(claim.schools) - set(thesis.schools):
            message = f"'{rival}' is argued only by the thesis's own schools: the case against needs another school"
            found.append(_problem(pack, kind, rid, field, message))
    for item in pack.evidence:
        _short(found, pack, "evidence", item.id, "short", item.short, "no short title: name the item in 2–6 words", 6)
    for question in pack.questions:
        found += _question_findings(pack, question)
    authors: dict[str, set[str]] = {}  # work id → schools that list its author
    for school in pack.schools:
        scholars = [h for h in school.historians if h.role == "historian"]
        if len(scholars) < MIN_HISTORIANS:
            found.append(
                _problem(
                    pack,
                    "school",
                    school.id,
                    "historians",
                    f"has {len(scholars)} historian(s) whose role is 'historian' (needs {MIN_HISTORIANS}): sources "
                    "and precursors do not count. Add historians' published works",
                )
            )
        for historian in school.historians:
            for work in historian.works:
                authors.setdefault(work, set()).add(school.id)
    for item in pack.evidence:
        if item.kind != "interpretation":
            continue
        for work in item.sources:
            for school_id in sorted(authors.get(work, set()) & set(item.challenges)):
                found.append(
                    _problem(
                        pack,
                        "evidence",
                        item.id,
                        "challenges",
                        f"this interpretation (from '{work}') argues against '{school_id}', yet schools.toml lists its "
                        f"author in that school: move the historian or correct the tag",
                    )
                )
    return tuple(sorted(found, key=lambda p: (p.file, p.line or 0, p.record, p.field)))
