"""Which claims, evidence, counters and rival case an essay plan uses: inside the question's dates,
fitted to its terms, never an item twice. The choices behind ``arguments.plan.build_plan``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from functools import lru_cache

from arguments.essay import (
    CONCEDED,
    QUALIFIED,
    STANDS,
    BodyParagraph,
    EvidenceUse,
    Length,
    PlanEdits,
    paragraph_key,
)
from arguments.index import pack_index
from arguments.memo import per_pack
from arguments.model import Claim, Evidence, Framing, Pack, Question, School, SupportLink, Thesis, Work
from arguments.question import (
    CONCEPT_LABELS,
    GENERIC_SHAPES,
    LOADED_MEANINGS,
    QuestionAnalysis,
    carries_term,
    find_shape,
    key_terms,
    machinery,
    states_concept,
    stems_of,
)
from arguments.vocabulary import pack_vocabulary
from arguments.wording import first_sentence, heading_of, names_in, run_on

SALIENCE = 0.5  # weight of how many claims cite an item, when choosing a paragraph's evidence


_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_SENTENCE_START = re.compile(r"(?:^|[.:;?!·(“\"‘]|\u2013|\u2014)\s*$")


@per_pack
def common_words(pack: Pack) -> frozenset[str]:
    """Words the pack writes in lower case inside its sentences and never capitalised there: common
    words, not names ("rigged", but not the "Court" of the Court of Appeal)."""
    lower: set[str] = set()
    capital: set[str] = set()
    texts = [e.title for e in pack.evidence] + [e.summary for e in pack.evidence] + [c.text for c in pack.claims]
    for text in texts:
        for match in _WORD.finditer(text):
            word = match.group()
            if word[0].islower():
                lower.add(word)
            elif not _SENTENCE_START.search(text[: match.start()]):
                capital.add(word.lower())
    return frozenset(lower - capital)


def in_sentence(pack: Pack, title: str) -> str:
    """A title run on inside a sentence: "qualified against rigged county election", not "… against
    Rigged county election"; a name it opens with keeps its capital."""
    return run_on(title, common_words(pack))


# "Smith (1995)", "Jones's (1984)", "(Brown 1972; Green 1992)", "White (1991, 1995)".
_CITATION = re.compile(r"\b([A-Z][\w’'-]*?[a-z])(?:['’]s)?\s+\(?(\d{4}(?:(?:,\s*|\s+and\s+)\d{4})*)\b")


@per_pack
def _works_by_name(pack: Pack) -> dict[tuple[str, int], tuple[Work, ...]]:
    found: dict[tuple[str, int], tuple[Work, ...]] = {}
    for work in pack.works:
        for surname in work.family_names:
            found[(surname, work.year)] = found.get((surname, work.year), ()) + (work,)
    return found


@per_pack
def _historian_by_surname(pack: Pack) -> dict[str, Work]:
    """Historians of the schools (not their sources) with one work in the pack: named without a year
    ("Jones and Smith draw on …"), the work is still the one meant."""
    works: dict[str, set[str]] = {}
    for school in pack.schools:
        for historian in school.historians:
            if historian.role != "source":
                for w in historian.works:
                    if pack.work[w].kind in ("official", "documents"):
                        continue  # an institution, not a person
                    for surname in pack.work[w].family_names:
                        works.setdefault(surname, set()).add(w)
    return {
        name: pack.work[next(iter(ids))]
        for name, ids in works.items()
        if len(ids) == 1 and len(name) > 2 and not name.isupper()
    }


@per_pack
def _named_by_text(pack: Pack) -> dict[str, tuple[Work, ...]]:
    return {}  # one of the pack's own sentences -> the works it names (never a student's text)


def works_named(pack: Pack, texts: list[str], private: list[str] | None = None) -> list[Work]:
    """The pack's works a plan's sentences cite by surname and year ("as Smith (1995) argued"), or
    by the surname of a historian with one work in the pack, so that its bibliography lists every
    work the plan names, not only those its evidence comes from. ``texts`` are the pack's own
    sentences (what each names is kept with the pack); ``private``, a student's, read and forgotten."""
    cache = _named_by_text(pack)
    named: dict[str, Work] = {}
    for text in texts:
        if text not in cache:
            cache[text] = _named_in(pack, text)
        named.update((w.id, w) for w in cache[text])
    for text in private or ():
        named.update((w.id, w) for w in _named_in(pack, text))
    return list(named.values())


def _named_in(pack: Pack, text: str) -> tuple[Work, ...]:
    index, single = _works_by_name(pack), _historian_by_surname(pack)
    named: dict[str, Work] = {}
    for match in _CITATION.finditer(text):
        for year in re.findall(r"\d{4}", match.group(2)):
            for work in index.get((match.group(1), int(year)), ()):
                named.setdefault(work.id, work)
    # "Smith's study" too; not a word of a longer name ("the Victoria Cross" is not Cross's).
    for name in (n for n in single if n in text):
        for match in re.finditer(rf"\b{re.escape(name)}(?:['’]s)?\b(?! [A-Z])", text):
            before = text[max(0, match.start() - 40) : match.start()].split()[-1:]
            if not (before and before[0][:1].isupper() and not before[0].endswith((".", ":", ";"))):
                named.setdefault(single[name].id, single[name])
    return tuple(named.values())


def definitions_for(pack: Pack, question: QuestionAnalysis | None) -> tuple[tuple[str, str], ...]:
    """Working definitions of the words a question asks the student to define: the pack's own key
    terms, with the work each follows ("free trade: … (Smith 1990)"), else what the
    question's loaded word asks the essay to test ("main": more important than any other factor)."""
    if question is None:
        return ()
    terms = {t.word: t for t in pack.vocabulary.term}
    found = []
    for word in question.words_to_define:
        if word in terms:
            work = pack.work[terms[word].source]
            found.append((word, f"{run_on(terms[word].meaning, common_words(pack))} ({work.surnames} {work.year})"))
        elif word in LOADED_MEANINGS:
            found.append((word, LOADED_MEANINGS[word]))
    return tuple(found)


def claim_order(thesis: Thesis, edits: PlanEdits) -> tuple[str, ...]:
    wanted = [c for c in dict.fromkeys(edits.order) if c in thesis.claims]
    return tuple(wanted + [c for c in thesis.claims if c not in wanted])


def rival_schools(pack: Pack, evidence_id: str, own: tuple[str, ...]) -> tuple[School, ...]:
    return tuple(pack.school[s] for s in pack.stance(evidence_id)[0] if s not in own)


def sources_of(pack: Pack) -> frozenset[str]:
    """Works that are sources, not scholarship: official publications and those the schools mark so."""
    marked = {w for s in pack.schools for h in s.historians if h.role == "source" for w in h.works}
    return frozenset(marked | {w.id for w in pack.works if w.kind in ("official", "documents")})


def school_of(pack: Pack, work_id: str, fallback: tuple[School, ...]) -> str:
    for school in pack.schools:
        if any(work_id in h.works for h in school.historians):
            return school.name
    return "in no school"  # a critic or an outsider: never labelled with the paragraph's school


def framing_for(
    pack: Pack, thesis: Thesis, question: QuestionAnalysis | None, asked: dict[str, float] | None = None
) -> tuple[object | None, str, str]:
    """The thesis worded for the question (a pack ``Framing``), the question it comes from, and a warning
    when no question in the pack words this thesis for a question of this kind.

    A wording is borrowed from the pack question that is the same question in other words (its subject
    words nearly all shared, its dates fitting: a pasted "'X was primarily responsible.' How far do you
    agree?" takes the pack's "'X was primarily responsible for the outbreak …' Discuss", whatever shape
    each reads as), else from one of the same shape with dates that fit; for a plain "how far" or "why"
    question that names its key concept, only from a question on that concept (a wording on
    responsibility never answers a question on motives), of the same shape first, else of another shape
    on the same subject ("Security rather than ideology explains…" answers "How far was it driven by
    security?"). ``asked``: the question's ``question_subject``, when the caller weighs many theses."""
    if question is None:
        return None, "", ""
    if question.question_id and question.question_id in pack.question:
        own = pack.question[question.question_id]
        framing = own.framing_for(thesis.id)
        if framing is not None or thesis.id in own.theses:
            return framing, own.id, ""
    # A plain "how far" or "why" question says what it asks only through its key concept; other shapes
    # say it through their shape ("the role of", "compare"), whatever concept a question records.
    stated = question.shape in GENERIC_SHAPES and states_concept(question.text, question.command)
    asked = asked if asked is not None else question_subject(pack, question.text)  # never kept
    # A question on what caused an event or what it did ("the Corn Laws") borrows only from a question
    # that names it. (One on aims may name a place or a rival aim that the wording answers without naming.)
    named = (
        _named_things(pack).intersection(asked)
        if question.concept in EVENT_CONCEPTS and question.shape in GENERIC_SHAPES
        else frozenset()
    )
    best, best_fit = None, (0, 0.0, 0.0)
    for other in pack.questions:
        if thesis.id not in other.theses:
            continue
        overlap, inside, on_subject = _closeness(pack, question, other, asked)
        other_concept = stated and not same_concept(other.concept, question.concept)
        if on_subject >= SAME_QUESTION and overlap >= 0.5 and (not other_concept or inside >= WHOLE_SUBJECT):
            # The same question in other words, whatever shape each reads as; read as another concept only
            # if it holds the whole subject asked ("in causing the X" and "in the development of the X").
            fit = (2, overlap, on_subject)
        elif other_concept:
            continue
        elif named and not named & _things_named(pack, other.text):
            continue  # it names none of the things asked about: its wording would answer another question
        elif shape_of(other) == question.shape:
            if overlap < 0.5 and not (years_within(question.years, other.years) and on_subject >= SUBJECT_FLOOR):
                continue  # a shorter span inside a longer one, on the same subject, still takes its wording
            fit = (1, overlap, on_subject)
        elif stated and years_within(question.years, other.years) and on_subject >= SUBJECT_FLOOR:
            fit = (0, on_subject, 0.0)
        else:
            continue
        if fit > best_fit:  # the same question, then the same shape; the dates that fit best; the same subject
            best, best_fit = other, fit
    if best is not None:
        framing = best.framing_for(thesis.id)
        if best.years and question.years and best.years != question.years:
            # The wording borrowed (the thesis's own, where that question uses it) in the years asked.
            own = Framing(
                thesis=thesis.id, text=thesis.text, short=thesis.short, verdict=thesis.verdict, criteria=thesis.criteria
            )
            moved = redated(framing or own, best.years, question.years)
            framing = moved if framing is not None or moved != own else None
        return framing, best.id, ""
    if question.shape in GENERIC_SHAPES:
        return None, "", _concept_warning(pack, thesis, question) if stated else ""
    return (
        None,
        "",
        f"No question in the pack words the thesis “{thesis.title}” for a question of this kind "
        f"({question.shape_label}). Its statement below answers a different question: use the plan as "
        "material and write the thesis, criteria and verdict for your question yourself.",
    )


def same_question(pack: Pack, question: QuestionAnalysis, asked: dict[str, float] | None = None) -> Question | None:
    """The pack question that is the one asked in other words, or None: it names a thing the question
    names ("the Corn Laws"), holds the whole subject asked, shares most of its own and fits the dates.
    Its teacher's theses answer the question asked, in the teacher's order."""
    asked = asked if asked is not None else question_subject(pack, question.text)  # never kept
    named = _named_things(pack).intersection(asked)
    best, best_fit = None, (0.0, 0.0)
    for other in pack.questions if named else ():
        overlap, inside, on_subject = _closeness(pack, question, other, asked)
        close = inside >= WHOLE_SUBJECT and on_subject >= SAME_QUESTION and overlap >= 0.5
        if close and (overlap, on_subject) > best_fit and named & _things_named(pack, other.text):
            best, best_fit = other, (overlap, on_subject)
    return best


def _closeness(
    pack: Pack, question: QuestionAnalysis, other: Question, asked: dict[str, float]
) -> tuple[float, float, float]:
    """How close a pack question is to the one asked: the share of the asked years it covers, the share of
    the asked subject it holds, and how far the two share their subjects (``shared_subject``)."""
    inside, back = subject_shares(pack, question.text, other.text, asked)
    return years_overlap(question.years, other.years), inside, (inside + back) / 2


# How far a pack question must be on the subject of the one asked to lend it a wording written for another
# shape of question (see ``shared_subject``).
SUBJECT_FLOOR = 0.35
# How far it must be on the subject to be the same question in other words (its own wording wins).
SAME_QUESTION = 0.6
# Questions on an event: what caused it, what it did, how much it mattered. One borrows a wording only
# from a pack question that names the same event.
EVENT_CONCEPTS = frozenset({"cause", "consequence", "significance"})
# The share of the asked question's subject a pack question must hold to be the same question when it
# is recorded as asking about another concept.
WHOLE_SUBJECT = 0.9


def shared_subject(pack: Pack, asked: str, other: str, asked_words: dict[str, float] | None = None) -> float:
    """How far two questions are on one subject: the mean of the share of each one's subject words that
    the other uses, each word weighted by its rarity in the pack, the question's machinery ("how far",
    "driven", "caused") left out. "Driven by a desire for security" and "security rather than ideology
    explains" share their subject; "driven by reparations" does not."""
    inside, back = subject_shares(pack, asked, other, asked_words)
    return (inside + back) / 2


def subject_shares(
    pack: Pack, asked: str, other: str, asked_words: dict[str, float] | None = None
) -> tuple[float, float]:
    """The share of the asked question's subject words that the other uses, and the other way round."""

    def share(of: dict[str, float], inside: dict[str, float]) -> float:
        return sum(v for t, v in of.items() if t in inside) / (sum(of.values()) or 1.0)

    known = _pack_subjects(pack)  # the pack's own questions' subjects, worked out once; never a student's
    a = asked_words if asked_words is not None else known.get(asked) or question_subject(pack, asked)
    b = known.get(other) or question_subject(pack, other)
    return share(a, b), share(b, a)


def question_subject(pack: Pack, text: str) -> dict[str, float]:
    """A question's subject words, each weighted by its rarity in the pack (generic words at 0.3)."""
    index = pack_index(pack)
    words = index.vocabulary
    kept = " ".join(w for w in _WORD.findall(text) if not machinery(w))
    return {t: index.idf.get(t, 1.0) * (0.3 if t in words.generic else 1.0) for t in words.tokens(kept)}


@per_pack
def _named_things(pack: Pack) -> frozenset[str]:
    """The things the pack's vocabulary names with a label ("the Court of Appeal"), its generic words left out."""
    vocabulary = pack.vocabulary
    return frozenset(s.token for s in vocabulary.synonym if s.label) - frozenset(vocabulary.words.generic)


@per_pack
def _named_by_theses(pack: Pack) -> dict[str, frozenset[str]]:
    return {}  # thesis id -> the named things its own statement names, filled as plans ask


def _things_named(pack: Pack, question_text: str) -> frozenset[str]:
    known = _pack_subjects(pack).get(question_text) or question_subject(pack, question_text)
    return _named_things(pack).intersection(known)


@per_pack
def _pack_subjects(pack: Pack) -> dict[str, dict[str, float]]:
    return {q.text: question_subject(pack, q.text) for q in pack.questions}


def shape_of(question: Question) -> str:
    """What a pack question makes a plan do: its recorded shape, else read from its wording."""
    return question.shape or find_shape(question.text, question.command, question.concept)


# Concepts that ask the same thing from either end: what the rise of a dictator did to a policy (its
# consequences) is why the policy changed (its causes); an event's significance for a policy is judged
# by its consequences for it.
_SAME_CONCEPTS = {frozenset({"cause", "consequence"}), frozenset({"significance", "consequence"})}


def same_concept(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in _SAME_CONCEPTS


def years_within(asked: tuple[int, int] | None, other: tuple[int, int] | None) -> bool:
    """Whether another question's period holds the whole of the one asked (or the two overlap by half)."""
    if asked is not None and other is not None and other[0] <= asked[0] and asked[1] <= other[1]:
        return True
    return years_overlap(asked, other) >= 0.5


_SPAN = re.compile(r"\b(1[5-9]\d\d|20\d\d)[–-](\d\d(?:\d\d)?)\b")
_A_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def redated(framing: Framing, period: tuple[int, int], asked: tuple[int, int]) -> Framing:
    """A wording borrowed from a question on a longer period, put in the dates asked: "in 1815–30"
    becomes "in 1815–22" when every other year it names lies inside the years asked (a wording that
    cites a later event keeps its own dates: it argues about that longer period)."""

    def span(match: re.Match[str]) -> tuple[int, int]:
        first, end = int(match.group(1)), match.group(2)
        return first, int(end) if len(end) == 4 else first // 100 * 100 + int(end)

    def dated(text: str) -> str:
        if any(span(m) == period for m in _SPAN.finditer(text)):
            rest = _SPAN.sub("", text)
            if all(asked[0] <= int(y) <= asked[1] for y in _A_YEAR.findall(rest)):
                return _SPAN.sub(lambda m: _span_like(m, asked) if span(m) == period else m.group(), text)
        return text

    fields = {name: dated(getattr(framing, name)) for name in ("text", "short", "verdict", "criteria")}
    return framing.model_copy(update=fields)


def _span_like(match: re.Match[str], years: tuple[int, int]) -> str:
    """``years`` written as the matched span was ("1815–30", "1815-1830")."""
    dash = match.group()[4]
    if len(match.group(2)) == 2 and years[0] // 100 == years[1] // 100:
        return f"{years[0]}{dash}{years[1] % 100:02d}"
    return f"{years[0]}{dash}{years[1]}"


def _concept_warning(pack: Pack, thesis: Thesis, question: QuestionAnalysis) -> str:
    """A warning when the thesis's own statement answers questions about another key concept (the
    pack's questions that use it unworded are all about causes, and this one asks about motives)."""
    if question.concept == "significance":  # asks about one factor: see ``factor_warning``
        return ""
    listing = [q for q in pack.questions if thesis.id in q.theses]
    # The concepts of the questions it answers in its own words; if every one words it anew, the
    # concept most of them ask about.
    own = Counter(q.concept for q in listing if q.framing_for(thesis.id) is None) or Counter(q.concept for q in listing)
    own = {c for c, n in own.items() if n == max(own.values())}
    if not own or any(same_concept(c, question.concept) for c in own):
        return ""
    kinds = " or ".join(sorted(CONCEPT_LABELS[c] for c in own))
    return (
        f"Your question asks about {question.concept_label}; the thesis “{thesis.title}” is written for "
        f"questions about {kinds}, and no question in the pack words it for yours. Use the plan as "
        "material and write the thesis, criteria and verdict for your question yourself."
    )


def named_factor(pack: Pack, question: QuestionAnalysis | None) -> str:
    """The one factor whose importance a question asks about ("Assess the importance of the Court of
    Appeal…", "How significant was the appeal court…"), as the pack's vocabulary names it ("the Court of
    Appeal"), else as the question names it; "" for any other kind of question. A plan weighs that
    factor against the others its paragraphs name."""
    if question is None or question.concept != "significance" or question.shape not in GENERIC_SHAPES:
        return ""
    words = pack_vocabulary(pack)
    named = next((t for t in words.tokens(question.text) if t in words.labels and t not in words.generic), None)
    if named is not None:
        return words.labels[named]
    terms = key_terms(question.text, pack.info.title)
    return next((n for n in names_in(question, pack.info.title) if carries_term(n, terms)), "")


def names_factor(pack: Pack, text: str, factor: str) -> bool:
    """Whether a text names the factor: every word of its name, read with the pack's synonyms (so
    "appeal court" names the Court of Appeal, and "Anglo-Irish" splits as a hyphen does)."""
    if not factor:
        return False
    words = pack_vocabulary(pack)
    wanted = set(words.tokens(factor))
    return bool(wanted) and wanted <= set(words.tokens(text))


def factor_warning(pack: Pack, thesis: Thesis, question: QuestionAnalysis | None, factor: str, framed_by: str) -> str:
    """A warning when a question asks how important one factor was (``factor``: the Court of Appeal) and
    the thesis is not written about it: its statement and verdict then answer another question. A
    thesis named for the factor, or worded by a pack question about it, needs none."""
    if question is None or not factor or names_factor(pack, thesis.title, factor):
        return ""
    if framed_by in pack.question and names_factor(pack, pack.question[framed_by].text, factor):
        return ""
    return (
        f"Your question asks how important {factor} was; this thesis is written for another question. "
        f"Use its paragraphs as material: write a thesis that weighs {factor} against the other factors "
        "they name, and judge its importance in your conclusion."
    )


def subject_warning(pack: Pack, thesis: Thesis, question: QuestionAnalysis | None, framed_by: str) -> str:
    """A warning when a question on an event's causes or consequences names what no wording here names
    (no pack question on it lends one, and the thesis's own statement does not name it): the statement
    then answers another question."""
    if question is None or framed_by or question.concept not in EVENT_CONCEPTS or question.shape not in GENERIC_SHAPES:
        return ""
    named = _things_named(pack, question.text)
    if not named:
        return ""
    stated = _named_by_theses(pack)  # the pack's own sentences only: worked out once per thesis
    if thesis.id not in stated:
        stated[thesis.id] = _things_named(pack, thesis.text)
    if named & stated[thesis.id]:
        return ""
    words = pack_vocabulary(pack)
    labels = sorted(words.labels.get(t, t) for t in named)
    asked = labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"
    return (
        f"Your question asks about {asked}; no question in the pack words the thesis “{thesis.title}” for it, "
        "and its statement below answers another question. Use the plan as material and write the thesis, "
        "criteria and verdict for your question yourself."
    )


def dates_warning(pack: Pack, question: QuestionAnalysis | None) -> str:
    """A warning when the question's years run beyond the debate's period: the pack holds no evidence
    there, so the student must bring their own (a question about historians is dated by them, not here)."""
    if question is None or question.years is None or question.historiography:
        return ""
    (first, last), (start, end) = question.years, pack.info.period
    if last > end:
        gap = str(last) if last == end + 1 else f"{end + 1}–{last}"
        return (
            f"Your question runs to {last}, but this debate's evidence ends in {end}: add your own evidence "
            f"for {gap} and weigh it in your conclusion."
        )
    if first < start:
        gap = str(first) if first == start - 1 else f"{first}–{start - 1}"
        return (
            f"Your question starts in {first}, but this debate's evidence begins in {start}: add your own "
            f"evidence for {gap} and weigh it in your conclusion."
        )
    return ""


def years_overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    if a is None or b is None:
        return 1.0 if a == b else 0.5
    inter = min(a[1], b[1]) - max(a[0], b[0]) + 1
    union = max(a[1], b[1]) - min(a[0], b[0]) + 1
    return max(0.0, inter / union)


@lru_cache(maxsize=8192)
def words_of(*texts: str) -> frozenset[str]:
    return frozenset().union(*(stems_of(t) for t in texts))


class Coverage(dict[str, bool]):
    """Whether each item (by id) is inside the question's dates, worked out the first time it is asked."""

    def __init__(self, pack: Pack, question: QuestionAnalysis | None):
        super().__init__()
        self.pack, self.question = pack, question

    def __missing__(self, evidence_id: str) -> bool:
        covered = self[evidence_id] = self.question is None or self.question.covers_item(self.pack.item[evidence_id])
        return covered


@per_pack
def readings_of(pack: Pack) -> frozenset[str]:
    """The items that are a historian's reading, not a dated event."""
    return frozenset(e.id for e in pack.evidence if e.kind == "interpretation")


class Picker:
    """Chooses evidence for a plan: inside the question's dates, fitted to its terms, never twice."""

    def __init__(
        self,
        pack: Pack,
        question: QuestionAnalysis | None,
        terms: tuple[str, ...],
        edits: PlanEdits,
        promised: frozenset[str] = frozenset(),
    ):
        self.pack, self.question, self.terms, self.edits = pack, question, terms, edits
        self.promised = promised  # words of the thesis statement: the evidence it promises comes first
        self.used: set[str] = set()
        self.years_used: list[int] = []
        self.fits: dict[tuple[str, str, int], float] = {}
        self.covered = Coverage(pack, question)
        self.readings = readings_of(pack)
        self.naming = stems_of(" ".join(pack_vocabulary(pack).naming))  # the pack's too-common title words

    def covers(self, item: Evidence) -> bool:
        return self.covered[item.id]

    def fit(self, item: Evidence, how: str) -> float:
        key = (item.id, how, len(self.years_used))
        if key not in self.fits:
            self.fits[key] = self._fit(item, how)
        return self.fits[key]

    def _fit(self, item: Evidence, how: str) -> float:
        words = words_of(item.title, item.summary, how)
        score = sum(1.0 for t in self.terms if t in words)
        score += min(2.0, 0.5 * len(words & self.promised))
        # An item many claims argue over is one an examiner expects (the crisis every school reads its own way).
        score += SALIENCE * math.log1p(self.pack.uses.get(item.id, 0))
        if item.kind == "interpretation":
            score -= 1.5  # a historian's reading belongs in the historians line, not as an event
        years = self.question.years if self.question is not None else None
        if years and years[1] - years[0] >= 4 and item.kind != "interpretation":
            span = years[1] - years[0]
            early = item.date.year <= years[0] + span / 4
            late = item.date.end_year >= years[1] - span / 4
            if early and not any(y <= years[0] + span / 4 for y in self.years_used):
                score += 1.5
            if late and not any(y >= years[1] - span / 4 for y in self.years_used):
                score += 1.5
        return score

    def _open(self, claim: Claim, links: tuple) -> list:
        """The links whose items the plan may still use: unused, inside the dates, not left out."""
        used, covered, dropped = self.used, self.covered, self.edits.dropped
        return [
            link
            for link in links
            if link.evidence not in used
            and covered[link.evidence]
            and not (dropped and paragraph_key(claim.id, link.evidence) in dropped)
        ]

    def usable(self, claim: Claim, links: tuple) -> list:
        found = self._open(claim, links)
        if self.question is not None and self.question.historiography:
            return found  # a question about historians: their readings are the evidence
        # Otherwise a historian's reading belongs in the historians line, not among the dated events,
        # unless the claim has too few events to stand on.
        events = [link for link in found if link.evidence not in self.readings]
        return events if len(events) >= 2 else found

    def has_usable(self, claim: Claim, links: tuple) -> bool:
        """Whether ``usable`` would find anything (it keeps all it finds when it has fewer than two events)."""
        return bool(self._open(claim, links))

    def claim_fit(self, claim: Claim) -> float:
        """How much a claim has to say on this question, for choosing an exam plan's paragraphs."""
        usable = self.usable(claim, claim.support)
        fits = sorted((self.fit(self.pack.item[link.evidence], link.how) for link in usable), reverse=True)
        said = sum(1.0 for t in self.terms if t in stems_of(claim.text))
        return 3.0 * min(len(usable), 2) + sum(fits[:2]) + said

    def take(self, ids: list[str]) -> None:
        for evidence_id in ids:
            self.used.add(evidence_id)
            item = self.pack.item[evidence_id]
            if item.kind != "interpretation":
                self.years_used.append(item.date.year)


NAMED_BONUS = 2.0
# Words of a short title that name no particular item (the pack adds its own: ``[words] naming``).
_TITLE_WORDS = stems_of(
    "the a an of on and in to for with by at from its his her their speech proposal offer reading talks"
)


def choose_support(
    picker: Picker, claim: Claim, limit: int | None, reserved: frozenset[str] = frozenset(), answer: str = ""
) -> tuple[list[EvidenceUse], list[EvidenceUse]]:
    """A paragraph's supporting items: the best fits (``reserved``: other paragraphs' counters, which a
    topic sentence's naming them does not pull in; ``answer``: the reply to the case against, whose items
    the plan shows when it names them, so that the reply answers evidence on the page)."""
    pack, edits = picker.pack, picker.edits
    dropped = [
        EvidenceUse(pack.item[link.evidence], link.how, dropped=True, point=link.point)
        for link in claim.support
        if paragraph_key(claim.id, link.evidence) in edits.dropped
    ]
    if limit is None:
        links = [link for link in claim.support if paragraph_key(claim.id, link.evidence) not in edits.dropped]
    else:
        # An item the paragraph's own topic sentence or heading names (the treaty its heading names) comes
        # first among equals; one the reply to the case against names comes first of all.
        named = stems_of(f"{claim.topic} {claim.label}") - _TITLE_WORDS - picker.naming
        answered = {w for w in stems_of(answer) - _TITLE_WORDS - picker.naming if len(w) > 3}  # not "out"

        def rank(link: SupportLink) -> tuple[bool, float]:
            title = stems_of(pack.item[link.evidence].short) - _TITLE_WORDS
            bonus = NAMED_BONUS * (link.evidence not in reserved and bool(named & title))
            return (not answered & title, -picker.fit(pack.item[link.evidence], link.how) - bonus)

        ranked = sorted(picker.usable(claim, claim.support), key=rank)
        links = ranked[:limit]
    fit = {link.evidence: place for place, link in enumerate(links)}
    links.sort(key=lambda link: (pack.item[link.evidence].date, link.evidence))
    picker.take([link.evidence for link in links])
    uses = [
        EvidenceUse(
            pack.item[link.evidence],
            link.how,
            outside_range=not picker.covers(pack.item[link.evidence]),
            point=link.point,
            fit=fit[link.evidence],
        )
        for link in links
    ]
    return uses, dropped


SEVERITY = {CONCEDED: 0, QUALIFIED: 1, STANDS: 2}


def counter_options(picker: Picker, claim: Claim, exam: bool) -> tuple[list[EvidenceUse], list[EvidenceUse]]:
    """A claim's counters (for an exam: inside the dates and unused, the most threatening first) and
    those the student left out."""
    pack, edits = picker.pack, picker.edits
    dropped, kept = [], []
    for link in sorted(claim.counter, key=lambda s: (pack.item[s.evidence].date, s.evidence)):
        item = pack.item[link.evidence]
        use = EvidenceUse(
            item,
            link.how,
            rebuttal=link.rebuttal,
            reply=link.reply,
            schools=rival_schools(pack, item.id, claim.schools),
            outside_range=not picker.covers(item),
            dropped=paragraph_key(claim.id, item.id) in edits.dropped,
        )
        (dropped if use.dropped else kept).append(use)
    if exam:
        kept = [u for u in kept if u.evidence.id not in picker.used and not u.outside_range]
        kept.sort(key=lambda u: (u.evidence.kind == "interpretation", SEVERITY[u.stance]))
    return kept, dropped


def assign_counters(options: list[list[EvidenceUse]]) -> list[list[EvidenceUse]]:
    """One counter a paragraph, no item twice: as many paragraphs countered as can be, then the most
    threatening counters (a few paragraphs and options: every combination is tried)."""
    best: tuple[tuple[int, int, int], list[EvidenceUse | None]] = ((-1, 0, 0), [])
    for combo in itertools.product(*[[*opts[:4], None] for opts in options]):
        chosen = [u.evidence.id for u in combo if u is not None]
        if len(chosen) != len(set(chosen)):
            continue
        readings = sum(u.evidence.kind == "interpretation" for u in combo if u is not None)
        score = (len(chosen), -readings, -sum(SEVERITY[u.stance] for u in combo if u is not None))
        if score > best[0]:
            best = (score, list(combo))
    return [[u] if u is not None else [] for u in best[1]]


# A name in the question: capitalised words, joined by "of", "the" or a dash ("the Court of Appeal").


def historians_of(pack: Pack, claim: Claim, sources: frozenset[str], limit: int | None) -> tuple[Work, ...]:
    works = tuple(pack.work[w] for w in claim.held_by if w not in sources)
    return works if limit is None else works[:limit]


@per_pack
def _rival_candidates(pack: Pack) -> dict[str, tuple[tuple[Claim, float], ...]]:
    """For each thesis, the claims that could make the case against it (another school's, not its own),
    each with the part of its threat the pack alone decides: how often its evidence is the thesis's
    counter evidence, less how often it rests on the thesis's own evidence."""
    candidates = {}
    for thesis in pack.theses:
        counters = {link.evidence for c in thesis.claims for link in pack.claim[c].counter}
        agreed = {link.evidence for c in thesis.claims for link in pack.claim[c].support}
        own = set(thesis.schools)
        candidates[thesis.id] = tuple(
            (
                claim,
                2.0 * sum(link.evidence in counters for link in claim.support)
                - 1.0 * sum(link.evidence in agreed for link in claim.support),  # it rests on our evidence
            )
            for claim in pack.claims
            if claim.id not in thesis.claims and own.isdisjoint(claim.schools)
        )
    return candidates


def rival_claim(pack: Pack, thesis: Thesis, picker: Picker, preferred: str = "") -> Claim | None:
    """The strongest case against the thesis: the rival chosen for it as worded for this question
    (``preferred``, a framing's), else its own chosen rival (each when it has evidence inside the dates),
    or the other school's claim that most often supplies the thesis's counter evidence and has most to
    say inside the dates, the question's terms breaking near ties."""
    for rival in (preferred, thesis.rival):
        chosen = pack.claim.get(rival)
        if chosen is not None and picker.usable(chosen, chosen.support) and picker.has_usable(chosen, chosen.counter):
            return chosen
    scored = []
    for claim, threat in _rival_candidates(pack)[thesis.id]:
        usable = picker.usable(claim, claim.support)
        if usable:
            threat += len(usable) * 0.5
            if not picker.has_usable(claim, claim.counter):
                threat -= 3.0  # a case the plan could not answer from its own evidence: a weak choice
            scored.append((threat, claim, usable))
    scored.sort(key=lambda s: -s[0])
    best, best_score = None, float("-inf")
    for threat, claim, usable in scored[:6]:  # the fit to the question's terms costs more: the few best
        score = threat + 0.25 * sum(picker.fit(pack.item[link.evidence], link.how) for link in usable)
        if score > best_score:
            best, best_score = claim, score
    return best


def opposing_paragraph(
    pack: Pack, thesis: Thesis, picker: Picker, length: Length, number: int, preferred: str = ""
) -> BodyParagraph | None:
    """The strongest rival case on this question, its best items, and the answer to it (how it leaves the
    thesis, ``rival_weighing``, is said once the plan's extent is known)."""
    claim = rival_claim(pack, thesis, picker, preferred)
    if claim is None:
        return None
    # The reply from the thesis's side: the rival claim's own counter evidence, with how it fares.
    replies = [
        EvidenceUse(
            pack.item[link.evidence],
            link.how,
            rebuttal=link.rebuttal,
            reply=link.reply,
            outside_range=not picker.covers(pack.item[link.evidence]),
        )
        for link in claim.counter
    ]
    if length.counters is not None:  # an exam plan never uses an item twice
        replies = [u for u in replies if u.evidence.id not in picker.used and not u.outside_range]
    replies.sort(key=lambda u: (u.outside_range, -SEVERITY[u.stance]))
    reply = replies[: 1 if length.counters is not None else None]
    # Its best items, as many as a paragraph's: an item the reply answers by name among them.
    answer = " ".join(u.how for u in reply) if length.counters is not None else ""  # what the answer line shows
    support, _ = choose_support(picker, claim, length.support, answer=answer)
    picker.take([u.evidence.id for u in reply])
    schools = tuple(pack.school[s] for s in claim.schools)
    return BodyParagraph(
        number=number,
        claim=claim,
        schools=schools,
        support=tuple(support),
        counter=tuple(reply),
        dropped=(),
        historians=historians_of(pack, claim, sources_of(pack), length.historians),
        link="",
        topic_sentence=claim.topic if claim.topic and length.paragraphs is not None else first_sentence(claim.text),
        heading=f"The strongest case against: {run_on(heading_of(claim), common_words(pack))}",
        role="opposing",
    )


def rival_weighing(pack: Pack, stance: str, extent: str, top: BodyParagraph | None) -> str:
    """How the case against leaves the thesis, in the extent the plan defends (the introduction's):
    one it survives in part is weighed against the plan's strongest paragraph (``top``)."""
    if stance == QUALIFIED and top is not None:
        return (
            f"It qualifies “{in_sentence(pack, extent)}” without overturning it: paragraph {top.number} "
            f"({in_sentence(pack, top.heading.rstrip('.…'))}) weighs more."
        )
    return {
        CONCEDED: f"It fails against its best counter, so the thesis keeps its extent: “{extent}”.",
        QUALIFIED: f"It survives in part: it qualifies “{extent}” but does not overturn it.",
        STANDS: "It stands: the thesis concedes this ground, and the conclusion lowers its extent.",
        "": "No answer to it inside the question's dates in this plan: find one, or concede the point.",
    }[stance]
