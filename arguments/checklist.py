"""The top-band checklist (marking criteria §4), marked on a plan: what is met, what is still to do.

Each point gets a status and a one-line reason computed from the plan. Some points only the student
can meet (their own wording, their own judgement): those are marked "yours", never "met".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from arguments.essay import EssayPlan
from arguments.question import carries_term
from arguments.wording import extent_step

MET, TO_DO, YOURS = "met", "to do", "yours"


@dataclass(frozen=True)
class CheckItem:
    number: int
    point: str
    status: str
    reason: str


_VERDICT_WORDS = re.compile(
    r"\b(?:extent|largely|partly|mainly|mostly|entirely|limited|more|less|than|agree|disagree)\b", re.I
)


def _range(plan: EssayPlan) -> str:
    return plan.question.years_label if plan.question is not None else "the period"


def check_plan(
    plan: EssayPlan, words: int, defined: bool = True, rival_items: int | None = None
) -> tuple[CheckItem, ...]:
    """The plan marked against the top-band checklist; ``defined``: whether the plan shows its key
    terms' working definitions (the tightest exam plans list only the words to define);
    ``rival_items``: how many of the case against's items it shows (None: all)."""
    q, intro, conc = plan.question, plan.introduction, plan.conclusion
    body = plan.body
    items: list[CheckItem] = []

    def add(point: str, ok: bool | None, reason: str) -> None:
        status = YOURS if ok is None else (MET if ok else TO_DO)
        items.append(CheckItem(len(items) + 1, point, status, reason))

    add(
        "The question is decoded",
        q is not None,
        f"{q.command_label}; {q.concept_label}; {q.years_label}" if q else "choose or paste a question first",
    )
    statement = intro.thesis_statement
    direct = " because " in f" {statement} " and bool(_VERDICT_WORDS.search(statement) or extent_step(intro.verdict))
    keyed = q is None or carries_term(statement, plan.terms)
    add(
        "The thesis answers the question with an extent and a reason",
        direct and keyed and not intro.fit_warning,
        "extent and “because” in the question's terms"
        if direct and keyed and not intro.fit_warning
        else "word the thesis for this question: an extent, a “because”, the question's key terms",
    )
    add("Criteria for judgement are stated", bool(intro.criteria.strip()), "in the introduction")
    # A bare event opens with a full date ("23 August 2001: …") or says too little to argue anything.
    opening = all(
        not re.match(r"^\W*(?:On\s+)?\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b", p.topic_sentence)
        and len(p.topic_sentence.split()) >= 8
        for p in body
    )
    add(
        "Paragraphs argue, not narrate",
        opening and bool(plan.paragraphs),
        f"{len(plan.paragraphs)} argued paragraphs, each opening with a claim",
    )
    shown = {p.number: len(p.support) for p in body}
    if plan.opposing is not None and rival_items is not None:
        shown[plan.opposing.number] = min(rival_items, len(plan.opposing.support))
    thin = [str(number) for number, count in shown.items() if count < 2]
    add(
        "Evidence is specific and dated (two items or more a paragraph)",
        not thin,
        "every paragraph, the case against too, has two dated items"
        if not thin
        else f"paragraph {', '.join(thin)}: add a dated item",
    )
    add(
        "Each item is linked to its claim",
        all(u.how for p in body for u in p.support),
        "each item carries its “so what”",
    )
    uncountered = [str(p.number) for p in plan.paragraphs if not p.counter]
    add(
        "Counter-evidence is weighed with a verdict",
        not uncountered,
        "each paragraph has a counter and says if the claim stands, is qualified or concedes"
        if not uncountered
        else f"paragraph {', '.join(uncountered)}: add a counter and rebut it",
    )
    add(
        "Factors are ranked against each other",
        bool(conc.factors) and plan.opposing is not None,
        "ranked in each paragraph's link and in the conclusion; the opposing case weighed"
        if plan.opposing is not None
        else "no opposing case in the pack for these dates: weigh one yourself",
    )
    outside = [u.evidence.title for p in body for u in p.support + p.counter if u.outside_range]
    beyond = "the debate's evidence does not reach every year of the question: add your own"
    ends = beyond if intro.dates_warning else _ends(plan)
    add(
        "The question's whole period, and only that",
        not outside and ends == "",
        f"all body evidence inside {_range(plan)}" + (", both ends covered" if "–" in _range(plan) else "")
        if not outside and not ends
        else (f"{len(outside)} item(s) outside {_range(plan)}" if outside else ends),
    )
    named = [p for p in body if p.historians]
    bare = [str(p.number) for p in body if not p.historians]
    add(
        "Historians are integrated and evaluated",
        2 * len(named) >= len(body) and len(plan.historiography.entries) >= 2,
        f"historians in {len(named)} of {len(body)} paragraphs, weighed in the historiography"
        + (f"; for paragraph {', '.join(bare)} name one you have read" if bare else ""),
    )
    add(
        "Why historians differ, and which reading convinces",
        bool(plan.historiography.why_differ and plan.historiography.evaluation),
        "the schools' sources and methods compared; a verdict on which convinces",
    )
    add(
        "Attributions are accurate",
        True,
        "every historian is from the pack's checked records; check any you add against their book",
    )
    words_to_define = q.words_to_define if q else ()
    meanings = dict(intro.definitions) if defined else {}
    undefined = [w for w in words_to_define if w not in meanings]
    if words_to_define and not undefined:
        reason = f"working definitions of {', '.join(meanings)} in the plan: state them in your own words"
    else:
        reason = f"define {', '.join(undefined)} in your own words" if undefined else "define your key terms"
    add("Concepts are defined and used correctly", True if words_to_define and not undefined else None, reason)
    conceded = len(conc.concessions)  # the conclusion's own count: conceded counters and a case against that stands
    add(
        "The conclusion is a reasoned judgement, refined by the weighing",
        conc.judgement.strip() != statement.strip(),
        "the extent restated in the light of "
        + (f"{conceded} point{'s' * (conceded != 1)} conceded" if conceded else "the counters and the opposing case"),
    )
    limit = plan.length.words
    add(
        f"Sized for the exam ({plan.length.label})",
        limit is None or words <= limit,
        f"{words} words" + (f" of at most {limit}" if limit else ""),
    )
    add("Your own wording and judgement", None, "write the thesis and the verdict in your own words")
    return tuple(items)


def _ends(plan: EssayPlan) -> str:
    """ "" when both ends of a range of years have evidence, else what is missing.

    Each end is its first or last fifth in whole years, a year at least: 1845–49 needs an item from
    1845 and one from 1849, 1830–36 one from 1830–31 and one from 1835–36.
    """
    q = plan.question
    if q is None or q.years is None or q.years[1] == q.years[0]:
        return ""
    first, last = q.years
    edge = math.ceil((last - first + 1) / 5)  # years at each end
    years = [
        (u.evidence.date.year, u.evidence.date.end_year)
        for p in plan.body
        for u in p.support
        if u.evidence.kind != "interpretation"
    ]
    early = any(a < first + edge for a, _ in years)
    late = any(b > last - edge for _, b in years)
    if early and late:
        return ""
    span = (first, first + edge - 1) if not early else (last - edge + 1, last)
    missing = str(span[0]) if span[0] == span[1] else f"{span[0]}–{span[1]}"
    return f"nothing from {missing}: add evidence from that end of the range"
