"""Checks of a valid pack's content that a schema cannot make: what `check` reports beyond errors.

A pack that loads can still mislead a student: a question linked to theses whose evidence lies in
other years, a school whose "historians" are really its sources, a historian listed in a school
that their own recorded interpretation argues against. Each finding names the file, the line, the
record and the field, and says what to do. The app still opens a pack with findings (they are
judgements for its authors); `python -m arguments check` lists them and exits 1.
"""

from __future__ import annotations

from arguments.load import Problem
from arguments.model import Pack, Question, Thesis
from arguments.question import dated_by_publication, find_shape

MIN_HISTORIANS = 2
# A linked thesis whose period evidence lies less than this share inside the question's dates.
MIN_INSIDE_SHARE = 0.5


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
            if item.id in seen or dated_by_publication(item):
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


def lint_pack(pack: Pack) -> tuple[Problem, ...]:
    """Content findings for a loaded pack, in file order."""
    found: list[Problem] = []
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
