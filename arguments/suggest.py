"""Any essay question → the theses that answer it, best first: the ranking.

Pure and offline (no language model, no Streamlit). Its parts, one job each: ``arguments.vocabulary``
(normalising text), ``arguments.topic`` (is the question about this pack at all?), ``arguments.index``
(the pack's BM25 indexes, built once per pack) and this module (the signals, blended); the command
line's printing is in ``arguments.cli``. Question and pack text go through the same
normalisation, which folds the debate's synonyms onto one token (every name of one treaty, one
policy or one country, from the pack's ``vocabulary.toml``). Each thesis is then scored on five
signals, each scaled to 0–1 and blended (``BLEND``):

* ``thesis``: BM25 (``rank-bm25``) over one document per thesis: its title, statement, context,
  criteria, weighing and the curated questions that list it (what it argues);
* ``claims``: BM25 over one document per claim (text, evidence titles, the "how" of each link);
  a thesis scores by its two best claims (what its paragraphs argue);
* ``evidence``: BM25 over one document per evidence item (title, summary, debate); a thesis
  scores by the mean of its best few items (what its plan will cite);
* ``curated``: similarity to the pack's curated questions, each passing on its teacher-chosen,
  ordered thesis list; a near copy of a curated question takes that order outright;
* ``dates``: the share of the thesis's evidence inside the question's date range, and for a long
  range how much of it the evidence spans, from both ends, and how evenly (a twenty-year question
  needs evidence from both ends: a thesis on its first half does not cover it). Historians'
  readings are dated by publication, so they are never coverage of the period: they count as
  evidence outside any range of the period and, for an undated question, the signal is
  the share of the thesis's evidence that comes from the period itself. For a question about
  historians ("why have historians disagreed", "how have views changed", "interpretations") the
  signal is the other way round: the share of the thesis's evidence that is historiography.

The three BM25 indexes share one idf computed over all the pack's text: with eleven theses an
idf over the theses alone cannot tell a rare word from a common one. The key concept adds a few
query words of low weight, and some tokens bring related ones (the pack's ``related`` words).

A question that is not about the pack's debate is reported as off-topic, with no
ranking, by the rule in :func:`arguments.topic.topic_check`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from rank_bm25 import BM25Okapi

from arguments.choose import framing_for, question_subject, same_question
from arguments.index import (
    Index,
    ThesisInfo,
    cosine,
    pack_index,
    vector,
)
from arguments.memo import per_pack
from arguments.model import Pack, Question, Thesis
from arguments.question import (
    GENERIC_SHAPES,
    QuestionAnalysis,
    analyse_question,
    find_years,
    from_question,
)
from arguments.topic import CURATED_ON_TOPIC, topic_check
from arguments.vocabulary import Vocabulary, fold

# Blend of the signals, each scaled to 0–1: the thesis's own argument, its best claims, its
# evidence, the curated questions that list it, and the fit of its evidence to the question's dates.
BLEND = {"thesis": 0.28, "claims": 0.14, "evidence": 0.18, "curated": 0.22, "dates": 0.18}
EVIDENCE_TOP = 4  # a thesis's evidence score: the mean of its best few items (a plan leans on a few)
CURATED_FLOOR = 0.2  # curated questions less similar than this say nothing
# A question this close to a curated one (a copy, or nearly) takes that question's thesis order.
CURATED_CLOSE, CURATED_CLOSE_WEIGHT = 0.75, 0.5
# A question's shape (rank the aims, compare two options, judge success…): theses the pack's
# questions of that shape list come forward; for a plain "how far" or "why" question, theses written
# only for other shapes step back.
SHAPE_BONUS, SHAPE_PENALTY = 0.12, 0.12
CONCEPT_PENALTY = 0.12  # a plain question on motives: theses written only for other concepts step back
BORROWED_WEIGHT = 0.05  # a thesis worded by a pack question on the subject: by that question's order
EXPANSION_WEIGHT = 0.5
CONCEPT_WEIGHT = 0.3
# The key concept as extra query words (low weight): what a thesis for such a question talks about.
CONCEPT_WORDS: dict[str, str] = {
    "aim": "aim",
    "cause": "cause reason",
    "success": "success failure gain",
    "change": "change continuity turn",
    "consequence": "impact effect",
    "significance": "",
    "comparison": "",
}


# ---------------------------------------------------------------------------------------------
# Ranking.
# ---------------------------------------------------------------------------------------------


class RankedThesis(NamedTuple):
    thesis: Thesis
    score: float
    reason: str


@dataclass(frozen=True)
class Suggestions:
    """What the question asks, whether it is on topic, and the theses that answer it, best first."""

    analysis: QuestionAnalysis
    on_topic: bool
    ranked: tuple[RankedThesis, ...]
    message: str = ""  # why it is off-topic, or what the plans leave out
    curated: Question | None = None  # the pack's question closest to it, if close
    similarity: float = 0.0  # to the pack's closest curated question (1 for a copy of one)

    @property
    def best(self) -> RankedThesis | None:
        return self.ranked[0] if self.ranked else None


def _date_fit(info: ThesisInfo, analysis: QuestionAnalysis) -> tuple[float, int]:
    """How well a thesis's supporting evidence fits the question's dates (0–1), and how many items
    of the period fall inside them.

    * A question about historians: the share of the evidence that is historiography.
    * No dates: the share of the evidence from the period itself (not dated by publication).
    * Dates: the share of all the evidence inside the range (historiography is never inside: it
      is dated by publication), times, for a range of six years or more, how much of the range the
      evidence covers (``_coverage``): usable evidence that reaches across the whole range.
    """
    spans, later = info.years, info.later
    total = len(spans) + later
    years = analysis.years
    inside = (
        [(max(a, years[0]), min(b, years[1])) for a, b in spans if a <= years[1] and b >= years[0]] if years else []
    )
    if not total:
        return 0.0, 0
    if analysis.historiography:
        return later / total, len(inside)
    if years is None:
        return len(spans) / total, len(spans)
    share = len(inside) / total
    first, last = years
    if last - first < 6 or not inside:
        return share, len(inside)
    return share * _coverage(inside, first, last), len(inside)


def _shape_fit(info: ThesisInfo, shape: str) -> float:
    """A bonus for a thesis the pack words for questions of this shape; a penalty for a thesis written
    only for other shapes when the question is a plain one."""
    if shape in info.shapes:
        return SHAPE_BONUS if shape not in GENERIC_SHAPES else 0.0
    if shape in GENERIC_SHAPES and info.shapes and not info.shapes & GENERIC_SHAPES:
        return -SHAPE_PENALTY
    return 0.0


def _wording_fit(pack: Pack, info: ThesisInfo, analysis: QuestionAnalysis, asked: dict[str, float]) -> float:
    """For a plain "how far" or "why" question: a penalty for a thesis whose plan would warn that it answers
    another key concept (a thesis on responsibility for a question on motives), when no question in the
    pack words it for this one; a small bonus for one that borrows the wording of a pack question on this
    subject, by the teacher's order of that question's theses (the theses chosen for it come first)."""
    if analysis.shape not in GENERIC_SHAPES:
        return 0.0
    _, framed_by, warning = framing_for(pack, info.thesis, analysis, asked)
    if warning:
        return -CONCEPT_PENALTY
    if not framed_by:
        return 0.0
    position = pack.question[framed_by].theses.index(info.thesis.id)
    return BORROWED_WEIGHT * max(0.0, 1 - 0.15 * position)


def _coverage(inside: list[tuple[int, int]], first: int, last: int) -> float:
    """How much of a long range (``first``–``last``) the evidence inside it covers, 0–1.

    Half is the span from the earliest to the latest item as a share of the range, so a gap at
    either end counts (a thesis whose items span 13 of a question's 19 years scores 13/19 there);
    half is evenness: each third of the range should hold two items, an item counting in a third
    that holds at least half a year of it.
    """
    length = last - first + 1
    span = (max(b for _, b in inside) - min(a for a, _ in inside) + 1) / length
    step = length / 3
    even = 0.0
    for i in range(3):
        low, high = first + i * step, first + (i + 1) * step
        held = sum(1 for a, b in inside if min(b + 1, high) - max(a, low) >= 0.5)
        even += min(1.0, held / 2) / 3
    return 0.5 * span + 0.5 * even


def _query(text: str, concept: str, words: Vocabulary) -> dict[str, float]:
    """Query words with weights: the question's own words, related words, the concept's words."""
    weights: dict[str, float] = {}
    for word in words.tokens(text):
        weights[word] = 1.0 if word not in words.generic else 0.2
    for word in list(weights):
        for extra in words.expansions.get(word, ()):
            weights.setdefault(extra, EXPANSION_WEIGHT)
    for word in words.tokens(CONCEPT_WORDS.get(concept, "")):
        weights.setdefault(word, CONCEPT_WEIGHT)
    return weights


def _scores(bm25: BM25Okapi, query: dict[str, float]) -> list[float]:
    total = [0.0] * bm25.corpus_size
    for word, weight in query.items():
        for i, value in enumerate(bm25.get_scores([word])):
            total[i] += weight * float(value)
    return total


def _scaled(values: list[float]) -> list[float]:
    top = max(values, default=0.0)
    return [v / top if top > 0 else 0.0 for v in values]


def _terms_addressed(
    query: dict[str, float], doc: Counter[str], idf: dict[str, float], forms: dict[str, str], words: Vocabulary
) -> list[str]:
    found = [t for t, w in query.items() if w >= 1.0 and doc.get(t) and t not in words.generic]
    found = [t for t in found if t in words.labels or idf.get(t, 0.0) >= 2.0]
    found.sort(key=lambda t: -idf.get(t, 1.0) * math.log1p(doc[t]))
    labels: list[str] = []
    for term in found[:3]:
        label = words.labels.get(term) or forms.get(term, term)
        if label not in labels:
            labels.append(label)
    return labels


def _year_span(spans: tuple[tuple[int, int], ...]) -> str:
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    return f"{first}–{str(last)[2:]}" if first // 100 == last // 100 and first != last else str(first)


@dataclass(frozen=True)
class _Signals:
    thesis: list[float]
    claims: list[float]
    evidence: list[float]
    curated: list[float]
    curated_for: dict[int, Question]
    best_similarity: float
    best_question: Question | None
    evidence_hits: list[list[str]]  # per thesis: its evidence ids that match best


def _signals(index: Index, query: dict[str, float]) -> _Signals:
    heads = _scaled(_scores(index.heads, query))
    claim_scores = _scaled(_scores(index.claims, query))
    item_scores = _scaled(_scores(index.evidence, query))
    # For the reason line: items that match the question's own words, not only related words.
    generic = index.vocabulary.generic
    own = {w: v for w, v in query.items() if v >= 1.0 and w not in generic}
    item_own = _scaled(_scores(index.evidence, own)) if own else [0.0] * len(item_scores)
    claims, evidence, hits = [], [], []
    for info in index.infos:
        mine = sorted((claim_scores[row] for row in info.claims), reverse=True)
        claims.append(0.6 * mine[0] + 0.4 * mine[1] if len(mine) > 1 else mine[0])
        weighted = sorted(((item_scores[row] * w, row) for row, w in info.evidence), reverse=True)
        best = weighted[:EVIDENCE_TOP]
        evidence.append(sum(v for v, _ in best) / EVIDENCE_TOP)
        hits.append([index.evidence_ids[row] for _, row in best if item_own[row] >= 0.5])

    # Similarity to the curated questions on the question's own words (no related or concept words),
    # so that a copy of a curated question scores 1.
    qvec = vector({w: 1.0 for w, v in query.items() if v >= 1.0 or w in generic}, index.idf, generic)
    sims = [cosine(qvec, v) for v in index.question_vectors]
    curated = [0.0] * len(index.infos)
    curated_for: dict[int, Question] = {}
    for question, sim in zip(index.questions, sims, strict=True):
        if sim < CURATED_FLOOR:
            continue
        strength = (sim - CURATED_FLOOR) / (1 - CURATED_FLOOR)
        for position, thesis_id in enumerate(question.theses):
            row = index.thesis_row.get(thesis_id)
            value = strength / (1 + 0.5 * position)
            if row is not None and value > curated[row]:
                curated[row] = value
                curated_for[row] = question
    best = max(range(len(sims)), key=sims.__getitem__) if sims else None
    return _Signals(
        heads,
        _scaled(claims),
        _scaled(evidence),
        curated,
        curated_for,
        sims[best] if best is not None else 0.0,
        index.questions[best] if best is not None else None,
        hits,
    )


@per_pack
def _folded_questions(pack: Pack) -> dict[str, Question]:
    """The pack's questions by their folded text (the first of any two that fold alike)."""
    folded: dict[str, Question] = {}
    for question in pack.questions:
        folded.setdefault(fold(question.text), question)
    return folded


def suggest_theses(pack: Pack, question_text: str) -> Suggestions:
    """Decode a question and rank the pack's theses for it (none when it is off-topic)."""
    index = pack_index(pack)
    text = " ".join(question_text.split())
    exact = _folded_questions(pack).get(fold(text))
    analysis = from_question(exact, pack) if exact is not None else analyse_question(text, pack)
    if not fold(text):
        return Suggestions(analysis, False, (), "No question given: type or paste an essay question.")
    words = index.vocabulary
    query = _query(text, analysis.concept, words)
    named = set(query) | set(fold(text).split())
    signals = _signals(index, query)
    check = topic_check(pack, analysis, named, signals.best_similarity)
    if not check.on_topic:
        return Suggestions(analysis, False, (), check.message, similarity=signals.best_similarity)

    fits = [_date_fit(info, analysis) for info in index.infos]
    dates = _scaled([fit for fit, _ in fits])
    close: dict[str, float] = {}
    if signals.best_question is not None and signals.best_similarity >= CURATED_CLOSE:
        strength = (signals.best_similarity - CURATED_CLOSE) / (1 - CURATED_CLOSE)
        for position, thesis_id in enumerate(signals.best_question.theses):
            close[thesis_id] = CURATED_CLOSE_WEIGHT * strength * (1 - 0.15 * position)
    asked = question_subject(pack, text)  # once for every thesis's wording; never kept
    ranked = []
    for row, info in enumerate(index.infos):
        score = (
            BLEND["thesis"] * signals.thesis[row]
            + BLEND["claims"] * signals.claims[row]
            + BLEND["evidence"] * signals.evidence[row]
            + BLEND["curated"] * signals.curated[row]
            + BLEND["dates"] * dates[row]
            + close.get(info.thesis.id, 0.0)
            + _shape_fit(info, analysis.shape)
            + _wording_fit(pack, info, analysis, asked)
        )
        ranked.append((score, row, fits[row][1]))
    # The pack's own question, or the same question in other words: its teacher-chosen theses first, in
    # its order ("… in causing the Cold War" is the pack's "… in the development of the Cold War").
    twin = exact if exact is not None else same_question(pack, analysis, asked)
    if twin is not None:
        order = {thesis_id: i for i, thesis_id in enumerate(twin.theses)}
        ranked.sort(key=lambda r: (order.get(index.infos[r[1]].thesis.id, len(order)), -r[0], r[1]))
    else:
        ranked.sort(key=lambda r: (-r[0], r[1]))

    forms = words.surface_forms(text)
    results = []
    for score, row, inside in ranked:
        info = index.infos[row]
        bits = []
        terms = _terms_addressed(query, index.head_docs[row], index.idf, forms, words)
        if terms:
            bits.append("argues about " + ", ".join(terms))
        hits = [pack.item[e].title for e in signals.evidence_hits[row][:2]]
        if hits:
            bits.append("evidence includes " + "; ".join(hits))
        total = len(info.years) + info.later
        if analysis.historiography:
            bits.append(f"{info.later} of {total} evidence items are historians' readings or later sources")
        elif analysis.years is not None:
            bits.append(f"{inside} of {total} evidence items in {analysis.years_label}")
        elif info.years:
            later = f" and {info.later} later readings" if info.later else ""
            bits.append(f"evidence from {_year_span(info.years)}{later}")
        question = signals.curated_for.get(row)
        if question is not None and signals.curated[row] >= 0.3:
            bits.append(f"chosen for the similar question '{question.id}'")
        reason = f"{info.school_names}: " + "; ".join(bits)
        results.append(RankedThesis(info.thesis, round(score, 3), reason))
    curated = signals.best_question if signals.best_similarity >= CURATED_ON_TOPIC else None
    return Suggestions(analysis, True, tuple(results), check.message, curated, signals.best_similarity)


def nor_the_others(others: Sequence[Pack]) -> str:
    """`` Nor is it about …``: the other debates a question was tried against ("" when there are none)."""
    if not others:
        return ""
    return " Nor is it about the planner's other debates: " + "; ".join(p.info.subject for p in others) + "."


def _topic_years(pack: Pack) -> tuple[int, int]:
    rules = pack.vocabulary.topic
    return (rules.years if rules is not None and rules.years else None) or pack.info.period


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and a[1] >= b[0]


def debate_for(packs: Sequence[Pack], text: str, current: Pack | None = None) -> tuple[Pack, Suggestions]:
    """The debate a question is about, and its ranking there: the debate with a near copy of the
    question among its curated ones (the closest), else the current debate (the first if none) if the
    question is about it, else the best-matching debate it is about, else the current one (off-topic).
    Among the debates a question is about, those whose years hold the years it names come first."""
    current = current if current is not None else packs[0]
    found = {id(pack): suggest_theses(pack, text) for pack in packs}
    on_topic = [pack for pack in packs if found[id(pack)].on_topic and found[id(pack)].best is not None]
    copies = [pack for pack in on_topic if found[id(pack)].similarity >= CURATED_CLOSE]
    # The years the question names itself ("by 2009" is 2009): a debate whose years hold them first.
    named = find_years(text)
    inside = [pack for pack in on_topic if named is None or _overlaps(named, _topic_years(pack))]
    on_topic = inside or on_topic
    if copies:
        best = max(copies, key=lambda pack: found[id(pack)].similarity)
    elif current in on_topic:
        best = current
    elif on_topic:
        best = max(on_topic, key=lambda pack: found[id(pack)].best.score)  # type: ignore[union-attr]
    else:
        best = current
    return best, found[id(best)]
