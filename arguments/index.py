"""The ranking's index: one BM25 document per thesis, claim and evidence item, with one idf over all the
pack's text (with a dozen theses an idf over the theses alone cannot tell a rare word from a common one),
and the curated questions as vectors. Built once per pack object and cached while the pack lives (a pack
is immutable)."""

from __future__ import annotations

import math
import threading
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from rank_bm25 import BM25Okapi

from arguments.model import Pack, Question, Thesis
from arguments.question import (
    dated_by_publication,
    find_shape,
)
from arguments.vocabulary import Vocabulary, pack_vocabulary

# ---------------------------------------------------------------------------------------------
# The index.
# ---------------------------------------------------------------------------------------------

# Field weights: how many times each part of a record goes into its document.
W_TITLE, W_TEXT, W_CLAIM, W_QUESTION = 2, 1, 2, 1
BM25_K1, BM25_B = 1.2, 0.75


@dataclass(frozen=True)
class ThesisInfo:
    thesis: Thesis
    school_names: str
    years: tuple[tuple[int, int], ...]  # spans of its supporting evidence from the period itself
    claims: tuple[int, ...]  # rows in the claim index
    evidence: tuple[tuple[int, float], ...]  # rows in the evidence index, with weight (support 1, counter 0.5)
    later: int = 0  # supporting items dated by publication (historiography)
    shapes: frozenset[str] = frozenset()  # the shapes of the curated questions that list it


@dataclass
class Index:
    infos: tuple[ThesisInfo, ...]
    heads: BM25Okapi  # one document per thesis: its own argument
    head_docs: tuple[Counter[str], ...]
    claims: BM25Okapi  # one per claim: its text and the titles of its evidence
    evidence: BM25Okapi  # one per evidence item: title, summary, debate
    evidence_ids: tuple[str, ...]
    idf: dict[str, float]
    questions: tuple[Question, ...]
    question_vectors: tuple[dict[str, float], ...]
    vocabulary: Vocabulary
    thesis_row: dict[str, int] = field(default_factory=dict)


def _repeat(parts: Iterable[tuple[str, int]], words: Vocabulary) -> list[str]:
    out: list[str] = []
    for text, weight in parts:
        out += words.tokens(text) * weight
    return out


def _build(pack: Pack) -> Index:
    words = pack_vocabulary(pack)
    evidence_ids = tuple(e.id for e in pack.evidence)
    evidence_row = {e: i for i, e in enumerate(evidence_ids)}
    evidence_docs = [
        _repeat([(e.title, W_TITLE), (e.summary, W_TEXT), (e.debate, W_TEXT)], words) for e in pack.evidence
    ]
    claim_ids = tuple(c.id for c in pack.claims)
    claim_row = {c: i for i, c in enumerate(claim_ids)}
    claim_docs = []
    for claim in pack.claims:
        parts = [(claim.text, W_CLAIM)]
        parts += [(pack.item[s.evidence].title, 1) for s in claim.support]
        parts += [(s.how, 1) for s in claim.support]
        claim_docs.append(_repeat(parts, words))

    infos, head_docs = [], []
    for thesis in pack.theses:
        parts = [
            (thesis.title, W_TITLE),
            (thesis.text, W_TEXT),
            (thesis.context, W_TEXT),
            (thesis.criteria, W_TEXT),
            (thesis.weighing, W_TEXT),
        ]
        parts += [(q.text, W_QUESTION) for q in pack.questions if thesis.id in q.theses]
        head_docs.append(_repeat(parts, words))
        weights: dict[int, float] = {}
        spans, later = [], 0
        for claim_id in thesis.claims:
            claim = pack.claim[claim_id]
            for link in claim.support:
                weights[evidence_row[link.evidence]] = 1.0
                item = pack.item[link.evidence]
                if dated_by_publication(item, pack.info.later_than):
                    later += 1
                else:
                    spans.append((item.date.year, item.date.end_year))
            for link in claim.counter:
                weights.setdefault(evidence_row[link.evidence], 0.5)
        infos.append(
            ThesisInfo(
                thesis,
                pack.school_names(thesis.schools),
                tuple(spans),
                tuple(claim_row[c] for c in thesis.claims),
                tuple(weights.items()),
                later,
                frozenset(
                    q.shape or find_shape(q.text, q.command, q.concept) for q in pack.questions if thesis.id in q.theses
                ),
            )
        )

    questions = tuple(pack.questions)
    question_tokens = [words.tokens(q.text) for q in questions]
    school_docs = [words.tokens(f"{s.name} {s.summary}") for s in pack.schools]
    corpus = head_docs + claim_docs + evidence_docs + question_tokens + school_docs
    df: Counter[str] = Counter()
    for doc in corpus:
        df.update(set(doc))
    n = len(corpus)
    # One idf for every index, from all the pack's text: with eleven theses, an idf computed over
    # the theses alone cannot tell a rare word from a common one.
    idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
    heads = BM25Okapi(head_docs, k1=BM25_K1, b=BM25_B)
    claims = BM25Okapi(claim_docs, k1=BM25_K1, b=BM25_B)
    evidence = BM25Okapi(evidence_docs, k1=BM25_K1, b=BM25_B)
    for bm25 in (heads, claims, evidence):
        bm25.idf = idf
    index = Index(
        infos=tuple(infos),
        heads=heads,
        head_docs=tuple(Counter(d) for d in head_docs),
        claims=claims,
        evidence=evidence,
        evidence_ids=evidence_ids,
        idf=idf,
        questions=questions,
        question_vectors=tuple(vector({t: 1.0 for t in q}, idf, words.generic) for q in question_tokens),
        vocabulary=words,
    )
    index.thesis_row = {info.thesis.id: i for i, info in enumerate(infos)}
    return index


def vector(weights: dict[str, float], idf: dict[str, float], generic: frozenset[str]) -> dict[str, float]:
    vector = {w: v * idf.get(w, 1.0) * (0.3 if w in generic else 1.0) for w, v in weights.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {w: v / norm for w, v in vector.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(v * b.get(w, 0.0) for w, v in a.items())


_CACHE: dict[int, tuple[weakref.ref[Pack], Index]] = {}
_CACHE_LOCK = threading.Lock()


def pack_index(pack: Pack) -> Index:
    """The pack's index, built on first use and kept while the pack lives (thread-safe)."""
    key = id(pack)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0]() is pack:
            return cached[1]
        index = _build(pack)
        _CACHE[key] = (weakref.ref(pack, lambda _ref, key=key: _CACHE.pop(key, None)), index)
        return index
