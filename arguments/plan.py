"""Thesis (+ question, + the student's edits) → essay plan. Pure and deterministic.

The plan follows the top-band checklist in the marking criteria: a decoded question, a thesis
with a verdict and criteria, analytical paragraphs with dated evidence linked to each claim,
counter evidence with a rebuttal, a historiography paragraph that says why historians differ
and which reading convinces, and a conclusion whose verdict matches the introduction.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from arguments.model import Claim, Evidence, Pack, School, Thesis, Work
from arguments.question import GENERIC_SHAPES, QuestionAnalysis, carries_term, key_terms, stems_of

MAX_NOTE_CHARS = 2000
SECTIONS = ("introduction", "opposing", "historiography", "conclusion")


@dataclass(frozen=True)
class Length:
    """How much plan an essay of this length can carry (None: everything, as revision notes)."""

    label: str
    paragraphs: int | None  # body paragraphs, besides the opposing one
    support: int | None  # supporting items per paragraph
    counters: int | None  # counter items per paragraph
    historians: int | None  # historians named per paragraph
    words: int | None  # the plan's words without bibliography and checklist


# Word limits for the plan a student writes from (without bibliography and checklist): about two
# printed pages for 45 and 50 minutes. An exam plan keeps its reasoning in whole sentences (an
# examiner marked plans cut to fit 900 words down: their "because"s and rebuttals were cut off), so
# it meets these limits by leaving extras out, not by cutting sentences short.
LENGTHS: dict[str, Length] = {
    "45": Length("45-minute essay", 2, 2, 1, 1, 1100),
    "50": Length("50-minute essay", 3, 2, 1, 2, 1300),
    "60": Length("60-minute essay", 4, 2, 1, 2, 1550),
    "revision": Length("Revision notes (everything)", None, None, None, None, None),
}
DEFAULT_LENGTH = "50"
SALIENCE = 0.5  # weight of how many claims cite an item, when choosing a paragraph's evidence
HEADING_WORDS = 8  # a paragraph's heading: its claim's first words
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class UnknownIdError(KeyError):
    """An id the pack does not have; the message lists the valid ones."""

    def __init__(self, kind: str, wanted: str, valid: tuple[str, ...]) -> None:
        self.kind, self.wanted, self.valid = kind, wanted, valid
        super().__init__(f"unknown {kind} '{wanted}'; valid {kind} ids: {', '.join(valid)}")

    def __str__(self) -> str:
        return str(self.args[0])


class NoteTooLongError(ValueError):
    """A note over ``MAX_NOTE_CHARS`` characters."""


def clean_text(text: str) -> str:
    """Student text as stored: newlines unified, control characters (NUL included) removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text)


def paragraph_key(claim_id: str, evidence_id: str) -> str:
    return f"{claim_id}/{evidence_id}"


@dataclass(frozen=True)
class PlanEdits:
    """What the student changed: paragraph order, dropped items, notes, own thesis wording."""

    order: tuple[str, ...] = ()
    dropped: frozenset[str] = frozenset()
    notes: tuple[tuple[str, str], ...] = ()
    thesis_text: str = ""
    length: str = "50"  # a key of LENGTHS: the minutes the essay has, or "revision" for full notes

    def note(self, section: str) -> str:
        return dict(self.notes).get(section, "")

    def with_note(self, section: str, text: str) -> PlanEdits:
        text = clean_text(text)
        if len(text) > MAX_NOTE_CHARS:
            raise NoteTooLongError(
                f"A note can hold at most {MAX_NOTE_CHARS} characters; this one has {len(text)}. "
                "Shorten it (the text you typed is still in the box)."
            )
        notes = {k: v for k, v in self.notes if k != section}
        if text.strip():
            notes[section] = text
        return replace(self, notes=tuple(sorted(notes.items())))

    def with_thesis_text(self, text: str) -> PlanEdits:
        text = clean_text(text).strip()
        if len(text) > MAX_NOTE_CHARS:
            raise NoteTooLongError(f"Your thesis can hold at most {MAX_NOTE_CHARS} characters; it has {len(text)}.")
        return replace(self, thesis_text=text)

    def with_dropped(self, claim_id: str, evidence_id: str, dropped: bool = True) -> PlanEdits:
        key = paragraph_key(claim_id, evidence_id)
        return replace(self, dropped=self.dropped | {key} if dropped else self.dropped - {key})

    def with_moved(self, order: tuple[str, ...], claim_id: str, step: int) -> PlanEdits:
        """Move a paragraph ``step`` places (negative = up) within ``order`` (the current order)."""
        current = list(order)
        i = current.index(claim_id)
        j = max(0, min(len(current) - 1, i + step))
        current.insert(j, current.pop(i))
        return replace(self, order=tuple(current))

    def with_length(self, length: str) -> PlanEdits:
        if length not in LENGTHS:
            raise ValueError(f"unknown plan length '{length}'; valid: {', '.join(LENGTHS)}")
        return replace(self, length=length)

    @property
    def is_empty(self) -> bool:
        return self == PlanEdits()


# --- what the plan holds ------------------------------------------------------------------------

STANDS, QUALIFIED, CONCEDED = "stands", "qualified", "conceded"


def rebuttal_stance(rebuttal: str) -> str:
    """How a rebuttal leaves its claim, from the verdict it opens with (the pack's convention)."""
    opening = rebuttal.strip().casefold()[:40]
    if opening.startswith(("concede", "largely conceded", "conceded")):
        return CONCEDED
    if opening.startswith(("the claim stands", "stands")):
        return STANDS
    return QUALIFIED


@dataclass(frozen=True)
class EvidenceUse:
    """One evidence item placed in a paragraph, with why it matters there."""

    evidence: Evidence
    how: str
    rebuttal: str = ""
    schools: tuple[School, ...] = ()  # for counter items: the rival schools that rely on it
    outside_range: bool = False
    dropped: bool = False

    @property
    def stance(self) -> str:
        return rebuttal_stance(self.rebuttal) if self.rebuttal else ""


@dataclass(frozen=True)
class BodyParagraph:
    number: int
    claim: Claim
    schools: tuple[School, ...]
    support: tuple[EvidenceUse, ...]
    counter: tuple[EvidenceUse, ...]
    dropped: tuple[EvidenceUse, ...]
    historians: tuple[Work, ...]
    link: str
    topic_sentence: str
    heading: str
    rank: int = 0  # 1 = weighs most in the verdict
    note: str = ""
    role: str = "argument"  # "argument" | "opposing" (the strongest rival case, weighed)
    weighing: str = ""  # opposing paragraph: what the rival case does to the thesis

    @property
    def link_short(self) -> str:
        """The link in a few words: what the paragraph does to the thesis, and its rank."""
        does = {STANDS: "supports the thesis", QUALIFIED: "supports it, qualified", CONCEDED: "concedes ground"}
        rank = f"ranked {self.rank}" + (" (decisive)" if self.rank == 1 else "")
        return f"{does.get(self.stance, 'supports it, untested').capitalize()}; {rank}."

    @property
    def stance(self) -> str:
        """How the paragraph's claim survives its strongest counter ("" without one)."""
        return self.counter[0].stance if self.counter else ""


@dataclass(frozen=True)
class Introduction:
    context: str
    question_focus: str
    thesis_statement: str
    verdict: str
    criteria: str
    roadmap: tuple[str, ...]
    errors: tuple[str, ...] = ()  # "Avoid these errors": at most three corrections that bear on the plan
    fit_warning: str = ""  # said when no thesis in the pack is worded for this kind of question
    note: str = ""


@dataclass(frozen=True)
class SchoolView:
    school: School
    in_thesis: bool
    works: tuple[Work, ...]


@dataclass(frozen=True)
class HistorianEntry:
    """One historian in the argument: their claim, its evidence, how it holds up, where it bears."""

    work: Work
    school: str
    claim: str
    basis: str
    evaluation: str
    relevance: str
    basis_short: str = ""
    claim_short: str = ""  # the paragraph's heading


@dataclass(frozen=True)
class Historiography:
    placement: str
    entries: tuple[HistorianEntry, ...]
    why_differ: str
    evaluation: str
    why_differ_parts: tuple[str, ...] = ()  # one per school in the argument: its sources and method
    views: tuple[SchoolView, ...] = ()  # revision notes only: every school, side by side
    note: str = ""


@dataclass(frozen=True)
class Conclusion:
    judgement_frame: str
    judgement: str
    extent: str  # the thesis's extent, refined by what the plan concedes
    decisive: str
    concessions: tuple[str, ...]
    weighing: str
    factors: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class EssayPlan:
    pack_id: str
    pack_version: str
    thesis: Thesis
    schools: tuple[School, ...]
    question: QuestionAnalysis | None
    introduction: Introduction
    paragraphs: tuple[BodyParagraph, ...]
    historiography: Historiography
    conclusion: Conclusion
    bibliography: tuple[Work, ...]
    edits: PlanEdits = field(default_factory=PlanEdits)
    opposing: BodyParagraph | None = None
    terms: tuple[str, ...] = ()  # the question's key terms (stems)
    framed_by: str = ""  # the question whose wording of the thesis the plan uses

    @property
    def length(self) -> Length:
        return LENGTHS[self.edits.length]

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(p.claim.id for p in self.paragraphs)

    @property
    def body(self) -> tuple[BodyParagraph, ...]:
        """The body paragraphs in essay order: the argued ones, then the opposing case weighed."""
        return self.paragraphs + ((self.opposing,) if self.opposing else ())

    @property
    def outside_range(self) -> tuple[Evidence, ...]:
        seen: dict[str, Evidence] = {}
        for p in self.body:
            for use in p.support + p.counter:
                if use.outside_range:
                    seen.setdefault(use.evidence.id, use.evidence)
        return tuple(seen.values())


JUDGEMENT_FRAMES: dict[str, str] = {
    "to-what-extent": "Judge the extent: say how far the claim holds, where it stops holding, and why.",
    "how-far": "Judge how far: give a clear extent, weighed across the whole period, and why.",
    "evaluate": "Weigh strengths and limitations, then give an overall verdict with its reason.",
    "assess": "Weigh the factors against each other and give a reasoned overall verdict.",
    "discuss": "After a balanced review of the arguments, reach a clear, supported conclusion.",
    "examine": "Bring out the assumptions and interrelationships behind the issue, then judge.",
    "compare": "Set out the key similarities and differences side by side, and say which matter more.",
    "why": "Rank the reasons: which was most important, which were necessary, which only triggers.",
    "analyse": "Break the issue into its parts, show how they connect, and reach a judgement.",
}

COMMAND_GUIDANCE: dict[str, str] = {
    "to-what-extent": "weigh the merits of the claim and state a clear extent",
    "how-far": "weigh the claim and state a clear extent",
    "evaluate": "weigh strengths and limitations",
    "assess": "weigh the relative importance of the factors",
    "discuss": "review a range of arguments in balance before concluding",
    "examine": "uncover the assumptions and interrelationships in the issue",
    "compare": "set out similarities and differences, referring to both throughout",
    "why": "explain and rank the reasons",
    "analyse": "identify the parts of the issue and how they relate",
}

# The extents a verdict can take, strongest first: a plan that concedes twice moves one step down.
EXTENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Entirely", ("entirely", "wholly", "completely", "fully")),
    ("To a large extent", ("to a large extent", "largely", "mostly", "mainly", "to a great extent")),
    ("Partly", ("partly", "to some extent", "in part", "partially", "to a considerable extent")),
    ("Only to a limited extent", ("only to a limited extent", "to a limited extent", "only partly")),
    ("Hardly at all", ("hardly", "not at all", "barely", "very little")),
)
# Sentences in a correction written for the pack's authors (where an error was seen), not students.
_AUTHORS_NOTE = re.compile(r"\b(?:wiki|old notes|seed notes|source notes|course notes|encyclop\w+|wrongly give)", re.I)


_BACK_REFERENCE = re.compile(r"^(?:This|That|It|These|Those)\b[^:.]{0,100}:\s*")


# Words that say what a reading rests on: its sources, their date, its method.
_METHOD = re.compile(r"(?i)\b(?:archives?|documents?|records?|sources?|testimony|method|memoirs?|papers|evidence)\b")


def method_sentence(basis: str) -> str:
    """The sentence of a school's basis that says what it rests on (sources, method), else its first."""
    sentences = re.split(r"(?<=[.!?])\s+", basis.strip())
    return next((s for s in sentences if _METHOD.search(s)), sentences[0])


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def extent_step(verdict: str) -> int | None:
    lowered = verdict.casefold()
    for step, (_, words) in enumerate(EXTENTS):
        if any(lowered.startswith(w) for w in words):
            return step
    return None


def refine_extent(verdict: str, concessions: int) -> tuple[str, str]:
    """The conclusion's extent and what changed: two or more concessions move the extent one step down."""
    step = extent_step(verdict)
    if concessions == 0:
        return verdict, "The counters are answered, so the verdict stands as the introduction gave it."
    if concessions == 1 or step is None or step == len(EXTENTS) - 1:
        return verdict, "The verdict holds, but only with the qualification the plan concedes."
    lower = EXTENTS[step + 1][0]
    return lower, f"The plan concedes {concessions} points, so the extent drops from “{verdict}” to “{lower}”."


def clean_correction(text: str) -> str:
    """A correction as a student reads it: the right fact, without where the error was seen."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = [s for s in sentences if s and not _AUTHORS_NOTE.search(s)]
    if len(kept) < len(sentences) and kept:
        # "This is one-sided: the French did press Warsaw": drop the pointer to the sentence dropped.
        rest = _BACK_REFERENCE.sub("", kept[0], count=1)
        kept[0] = rest[:1].upper() + rest[1:]
    return " ".join(kept)


def answer_head(statement: str, words: int = 36) -> str:
    """A thesis statement's answer without its reasons: the part before "because" (or its first clauses)."""
    sentence = re.split(r",?\s+because\b", first_sentence(statement), maxsplit=1)[0]
    lead, colon, rest = sentence.partition(": ")
    if colon and len(lead.split()) < 8:  # "The claim holds to a large extent: Soviet policy …"
        sentence = rest[:1].upper() + rest[1:]
    head = re.split(r"[;:]\s", sentence, maxsplit=1)[0].strip().rstrip(",;:.")
    parts = head.split()
    if len(parts) > words:
        cut = " ".join(parts[:words])
        head = cut[: cut.rfind(",")] if cut.rfind(",") > len(cut) * 0.4 else cut
    return head.rstrip(",;: ") + "."


def _author_year(work: Work) -> tuple[str, int, str]:
    surname = work.short.split(" (")[0]
    return (unicodedata.normalize("NFKD", surname).casefold(), work.year, work.title.casefold())


def _order(thesis: Thesis, edits: PlanEdits) -> tuple[str, ...]:
    wanted = [c for c in dict.fromkeys(edits.order) if c in thesis.claims]
    return tuple(wanted + [c for c in thesis.claims if c not in wanted])


def _rival_schools(pack: Pack, evidence_id: str, own: tuple[str, ...]) -> tuple[School, ...]:
    return tuple(pack.school[s] for s in pack.stance(evidence_id)[0] if s not in own)


def _sources(pack: Pack) -> frozenset[str]:
    """Works that are sources, not scholarship: official publications and those the schools mark so."""
    marked = {w for s in pack.schools for h in s.historians if h.role == "source" for w in h.works}
    return frozenset(marked | {w.id for w in pack.works if w.kind in ("official", "documents")})


def _school_of(pack: Pack, work_id: str, fallback: tuple[School, ...]) -> str:
    for school in pack.schools:
        if any(work_id in h.works for h in school.historians):
            return school.name
    return "in no school"  # a critic or an outsider: never labelled with the paragraph's school


def _framing(pack: Pack, thesis: Thesis, question: QuestionAnalysis | None) -> tuple[object | None, str, str]:
    """The thesis worded for the question (a pack ``Framing``), the question it comes from, and a warning
    when the question's shape needs wording that no question in the pack gives this thesis."""
    if question is None:
        return None, "", ""
    if question.question_id and question.question_id in pack.question:
        own = pack.question[question.question_id]
        framing = own.framing_for(thesis.id)
        if framing is not None or thesis.id in own.theses:
            return framing, own.id, ""
    best, best_fit = None, 0.0
    for other in pack.questions:
        other_shape = other.shape or question.shape
        if other_shape != question.shape or thesis.id not in other.theses:
            continue
        fit = _years_overlap(question.years, other.years)
        if fit > best_fit:
            best, best_fit = other, fit
    if best is not None and best_fit >= 0.5:
        return best.framing_for(thesis.id), best.id, ""
    if question.shape in GENERIC_SHAPES:
        return None, "", ""
    return (
        None,
        "",
        f"No question in the pack words the thesis “{thesis.title}” for a question of this kind "
        f"({question.shape_label}). Its statement below answers a different question: use the plan as "
        "material and write the thesis, criteria and verdict for your question yourself.",
    )


def _years_overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> float:
    if a is None or b is None:
        return 1.0 if a == b else 0.5
    inter = min(a[1], b[1]) - max(a[0], b[0]) + 1
    union = max(a[1], b[1]) - min(a[0], b[0]) + 1
    return max(0.0, inter / union)


@lru_cache(maxsize=8192)
def _words_of(*texts: str) -> frozenset[str]:
    return frozenset().union(*(stems_of(t) for t in texts))


class _Picker:
    """Chooses evidence for a plan: inside the question's dates, fitted to its terms, never twice."""

    def __init__(self, pack: Pack, question: QuestionAnalysis | None, terms: tuple[str, ...], edits: PlanEdits):
        self.pack, self.question, self.terms, self.edits = pack, question, terms, edits
        self.used: set[str] = set()
        self.years_used: list[int] = []
        self.fits: dict[tuple[str, str, int], float] = {}
        self.covered: dict[str, bool] = {}

    def covers(self, item: Evidence) -> bool:
        if item.id not in self.covered:
            self.covered[item.id] = self.question is None or self.question.covers_item(item)
        return self.covered[item.id]

    def fit(self, item: Evidence, how: str) -> float:
        key = (item.id, how, len(self.years_used))
        if key not in self.fits:
            self.fits[key] = self._fit(item, how)
        return self.fits[key]

    def _fit(self, item: Evidence, how: str) -> float:
        words = _words_of(item.title, item.summary, how)
        score = sum(1.0 for t in self.terms if t in words)
        # An item many claims argue over is one an examiner expects (Munich, the protocol, the talks).
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

    def usable(self, claim: Claim, links: tuple) -> list:
        found = [
            link
            for link in links
            if self.covers(self.pack.item[link.evidence])
            and link.evidence not in self.used
            and paragraph_key(claim.id, link.evidence) not in self.edits.dropped
        ]
        if self.question is not None and self.question.historiography:
            return found  # a question about historians: their readings are the evidence
        # Otherwise a historian's reading belongs in the historians line, not among the dated events,
        # unless the claim has too few events to stand on.
        events = [link for link in found if self.pack.item[link.evidence].kind != "interpretation"]
        return events if len(events) >= 2 else found

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


def _support(picker: _Picker, claim: Claim, limit: int | None) -> tuple[list[EvidenceUse], list[EvidenceUse]]:
    pack, edits = picker.pack, picker.edits
    dropped = [
        EvidenceUse(pack.item[link.evidence], link.how, dropped=True)
        for link in claim.support
        if paragraph_key(claim.id, link.evidence) in edits.dropped
    ]
    if limit is None:
        links = [link for link in claim.support if paragraph_key(claim.id, link.evidence) not in edits.dropped]
    else:
        ranked = sorted(
            picker.usable(claim, claim.support), key=lambda link: -picker.fit(pack.item[link.evidence], link.how)
        )
        links = ranked[:limit]
    links.sort(key=lambda link: (pack.item[link.evidence].date, link.evidence))
    picker.take([link.evidence for link in links])
    uses = [
        EvidenceUse(pack.item[link.evidence], link.how, outside_range=not picker.covers(pack.item[link.evidence]))
        for link in links
    ]
    return uses, dropped


_SEVERITY = {CONCEDED: 0, QUALIFIED: 1, STANDS: 2}


def _counter_options(picker: _Picker, claim: Claim, exam: bool) -> tuple[list[EvidenceUse], list[EvidenceUse]]:
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
            schools=_rival_schools(pack, item.id, claim.schools),
            outside_range=not picker.covers(item),
            dropped=paragraph_key(claim.id, item.id) in edits.dropped,
        )
        (dropped if use.dropped else kept).append(use)
    if exam:
        kept = [u for u in kept if u.evidence.id not in picker.used and not u.outside_range]
        kept.sort(key=lambda u: (u.evidence.kind == "interpretation", _SEVERITY[u.stance]))
    return kept, dropped


def _assign_counters(options: list[list[EvidenceUse]]) -> list[list[EvidenceUse]]:
    """One counter a paragraph, no item twice: as many paragraphs countered as can be, then the most
    threatening counters (a few paragraphs and options: every combination is tried)."""
    best: tuple[tuple[int, int, int], list[EvidenceUse | None]] = ((-1, 0, 0), [])
    for combo in itertools.product(*[[*opts[:4], None] for opts in options]):
        chosen = [u.evidence.id for u in combo if u is not None]
        if len(chosen) != len(set(chosen)):
            continue
        readings = sum(u.evidence.kind == "interpretation" for u in combo if u is not None)
        score = (len(chosen), -readings, -sum(_SEVERITY[u.stance] for u in combo if u is not None))
        if score > best[0]:
            best = (score, list(combo))
    return [[u] if u is not None else [] for u in best[1]]


# A name in the question: capitalised words, joined by "of", "the" or a dash ("the League of Nations").
_NAME = re.compile(r"\b[A-Z][\w'’]+(?:(?:\s+(?:of|the|and)\s+|\s+|[–-])[A-Z][\w'’]+)*")


def _focus(question: QuestionAnalysis | None, terms: tuple[str, ...], generic: str = "") -> str:
    """The question's key phrase, to tie a topic sentence to it: its longest loaded word or phrase
    ("collective security"), else the longest name it gives ("the League of Nations"), else its key
    concept ("aims and motives"), else its last key word; the first of these that is a key term."""
    if question is None:
        return ""
    loaded = sorted(question.loaded_words, key=lambda w: -len(w.split()))
    first = question.text.split(" ", 1)[-1]  # not the opening word, capitalised as every sentence is
    common = set(generic.lower().split())
    names = sorted(
        (n for n in _NAME.findall(first) if len(n) > 3 and not set(n.lower().split()) <= common), key=lambda n: -len(n)
    )
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]+", question.text) if carries_term(w, terms)]
    for candidate in [*loaded, *names, question.concept_label, *words[-1:]]:
        if carries_term(candidate, terms):
            return candidate
    return ""


def _heading(claim: Claim) -> str:
    """A short name for the argument: the claim's first words (the topic sentence says it in full)."""
    sentence = first_sentence(claim.text).rstrip(".")
    clause = re.split(r",\s+(?:which|so that|so|while|because|since|and so)\b|;\s|:\s", sentence, maxsplit=1)[0]
    words = clause.split()
    return " ".join(words[:HEADING_WORDS]) + ("…" if len(words) > HEADING_WORDS else "")


def _topic_sentence(claim: Claim, terms: tuple[str, ...], focus: str) -> str:
    """The claim as the paragraph's opening, tied to the question's terms when it does not use them."""
    sentence = first_sentence(claim.text) if len(claim.text) > 320 else claim.text
    if not terms or carries_term(sentence, terms) or not focus:
        return sentence
    return f"On {focus}: {sentence}"


def _weighed_first(weighing: str, claims: list[Claim]) -> str:
    """The claim the weighing's first sentence is about (most shared words, three at least), or ""."""
    words = stems_of(first_sentence(weighing)) - _COMMON
    best, shared = "", 2
    for claim in claims:
        n = len(words & (stems_of(claim.text) - _COMMON))
        if n > shared:
            best, shared = claim.id, n
    return best


_COMMON = frozenset({"the", "a", "an", "of", "in", "to", "and", "was", "were", "is", "it", "its", "that", "for", "on"})


def _link(stance: str, rank: int, total: int) -> str:
    place = f"Weighs {rank} of {total} in the verdict" + (" (decisive)." if rank == 1 else ".")
    if stance == STANDS:
        return f"Supports the thesis: its strongest counter is answered. {place}"
    if stance == QUALIFIED:
        return f"Supports the thesis, with a qualification: the counter limits how far the claim reaches. {place}"
    if stance == CONCEDED:
        return (
            f"Concedes ground: the counter outweighs part of the claim, so the conclusion qualifies the extent. {place}"
        )
    return f"Supports the thesis, but no counter is left to weigh: find one. {place}"


def _historians(pack: Pack, claim: Claim, sources: frozenset[str], limit: int | None) -> tuple[Work, ...]:
    works = tuple(pack.work[w] for w in claim.held_by if w not in sources)
    return works if limit is None else works[:limit]


def _rival(pack: Pack, thesis: Thesis, picker: _Picker) -> Claim | None:
    """The strongest case against the thesis: its chosen rival (when it has evidence inside the dates),
    or the other school's claim that most often supplies the thesis's counter evidence and has most to
    say inside the dates, the question's terms breaking near ties."""
    chosen = pack.claim.get(thesis.rival)
    if chosen is not None and picker.usable(chosen, chosen.support) and picker.usable(chosen, chosen.counter):
        return chosen
    counters = {link.evidence for c in thesis.claims for link in pack.claim[c].counter}
    scored = []
    for claim in pack.claims:
        if claim.id in thesis.claims or set(claim.schools) & set(thesis.schools):
            continue
        usable = picker.usable(claim, claim.support)
        if usable:
            threat = 2.0 * sum(link.evidence in counters for link in claim.support) + len(usable) * 0.5
            if not picker.usable(claim, claim.counter):
                threat -= 3.0  # a case the plan could not answer from its own evidence: a weak choice
            scored.append((threat, claim, usable))
    scored.sort(key=lambda s: -s[0])
    best, best_score = None, float("-inf")
    for threat, claim, usable in scored[:6]:  # the fit to the question's terms costs more: the few best
        score = threat + 0.25 * sum(picker.fit(pack.item[link.evidence], link.how) for link in usable)
        if score > best_score:
            best, best_score = claim, score
    return best


def _opposing(pack: Pack, thesis: Thesis, picker: _Picker, length: Length, number: int) -> BodyParagraph | None:
    claim = _rival(pack, thesis, picker)
    if claim is None:
        return None
    support, _ = _support(picker, claim, None if length.support is None else 1)  # its single best item
    # The reply from the thesis's side: the rival claim's own counter evidence, with how it fares.
    replies = [
        EvidenceUse(
            pack.item[link.evidence],
            link.how,
            rebuttal=link.rebuttal,
            outside_range=not picker.covers(pack.item[link.evidence]),
        )
        for link in claim.counter
    ]
    if length.counters is not None:  # an exam plan never uses an item twice
        replies = [u for u in replies if u.evidence.id not in picker.used and not u.outside_range]
    replies.sort(key=lambda u: (u.outside_range, -_SEVERITY[u.stance]))
    reply = replies[: 1 if length.counters is not None else None]
    picker.take([u.evidence.id for u in reply])
    fares = reply[0].stance if reply else ""
    weighing = {
        CONCEDED: "The rival case fails against its best counter: the thesis stands.",
        QUALIFIED: "The rival case survives in part: the thesis holds, qualified.",
        STANDS: "The rival case stands: the thesis concedes this ground and lowers its extent.",
        "": "No answer to it inside the question's dates in this plan: find one, or concede the point.",
    }[fares]
    schools = tuple(pack.school[s] for s in claim.schools)
    return BodyParagraph(
        number=number,
        claim=claim,
        schools=schools,
        support=tuple(support),
        counter=tuple(reply),
        dropped=(),
        historians=_historians(pack, claim, _sources(pack), length.historians),
        link=weighing,
        topic_sentence=first_sentence(claim.text),
        heading=f"The strongest case against: {_heading(claim)}",
        role="opposing",
        weighing=weighing,
    )


def build_plan(
    pack: Pack,
    thesis_id: str,
    edits: PlanEdits | None = None,
    question: QuestionAnalysis | None = None,
) -> EssayPlan:
    """Build the essay plan for a thesis, shaped by the question (if any), its length and the student's edits."""
    if thesis_id not in pack.thesis:
        raise UnknownIdError("thesis", thesis_id, tuple(pack.thesis))
    edits = edits or PlanEdits()
    length = LENGTHS.get(edits.length, LENGTHS[DEFAULT_LENGTH])
    thesis = pack.thesis[thesis_id]
    schools = tuple(pack.school[s] for s in thesis.schools)
    terms = key_terms(question.text, pack.info.title) if question is not None else ()
    focus = _focus(question, terms, pack.info.title)
    picker = _Picker(pack, question, terms, edits)
    sources = _sources(pack)
    framing, framed_by, fit_warning = _framing(pack, thesis, question)

    # Which claims become paragraphs: in the student's (or thesis's) order; for an exam essay the
    # first few with evidence inside the question's dates (two items if they have them).
    order = _order(thesis, edits)
    if length.paragraphs is None:
        chosen = list(order)
    else:
        # The claims that bear most on this question: evidence inside its dates (two items if they have
        # them), items that speak to its terms, a topic sentence in its words; shown in the thesis's
        # (or the student's) order.
        # The thesis's author put its claims in order of weight: a small bonus for coming early.
        best = sorted(order, key=lambda c: (-picker.claim_fit(pack.claim[c]) + 0.75 * order.index(c), order.index(c)))
        chosen = [c for c in order if c in best[: length.paragraphs]]

    drafts = []
    for claim_id in chosen:
        claim = pack.claim[claim_id]
        support, dropped_support = _support(picker, claim, length.support)
        drafts.append((claim, support, dropped_support))
    paragraphs: list[BodyParagraph] = []

    options = [_counter_options(picker, claim, length.counters is not None) for claim, _, _ in drafts]
    counters = [kept for kept, _ in options]
    if length.counters is not None:  # an exam plan: the one counter that most threatens each claim
        counters = _assign_counters(counters)
    picker.take([u.evidence.id for chosen in counters for u in chosen])
    countered = [
        (claim, uses, chosen, gone + left)
        for (claim, uses, gone), chosen, (_, left) in zip(drafts, counters, options, strict=True)
    ]
    # Rank: a claim whose counter is answered weighs more than a qualified one, a conceded one least.
    # The thesis's own weighing, where it names one of these paragraphs, says which weighs most.
    named = _weighed_first(thesis.weighing, [c for c, _, _, _ in countered])
    strength = {c.id: (c.id == named, _SEVERITY.get(cs[0].stance, 1) if cs else 1, len(s)) for c, s, cs, _ in countered}
    ranking = sorted(strength, key=lambda c: (not strength[c][0], -strength[c][1], -strength[c][2], chosen.index(c)))
    for number, (claim, support, counter, dropped) in enumerate(countered, start=1):
        rank = ranking.index(claim.id) + 1
        stance = counter[0].stance if counter else ""
        paragraphs.append(
            BodyParagraph(
                number=number,
                claim=claim,
                schools=tuple(pack.school[s] for s in claim.schools),
                support=tuple(support),
                counter=tuple(counter),
                dropped=tuple(dropped),
                historians=_historians(pack, claim, sources, length.historians),
                link=_link(stance, rank, len(countered)),
                topic_sentence=_topic_sentence(claim, terms, focus),
                heading=_heading(claim),
                rank=rank,
                note=edits.note(claim.id),
            )
        )
    opposing = _opposing(pack, thesis, picker, length, len(paragraphs) + 1)
    if opposing is not None:
        opposing = replace(opposing, note=edits.note("opposing"))

    statement = edits.thesis_text or (framing.text if framing else thesis.text)
    verdict = framing.verdict if framing else thesis.verdict
    criteria = framing.criteria if framing else thesis.criteria
    if question is not None:
        terms_line = f" Define {', '.join(question.words_to_define)}." if question.words_to_define else ""
        shape = "" if question.shape in GENERIC_SHAPES else f" ({question.shape_label})"
        focus_line = (
            f"“{question.text}” asks you to {COMMAND_GUIDANCE[question.command]}{shape}, "
            f"about {question.concept_label}, {question.years_label}.{terms_line}"
        )
    else:
        focus_line = "No question chosen: state which question this thesis answers and define its key terms."
    body = paragraphs + ([opposing] if opposing else [])
    errors: dict[str, None] = {}
    for p in body:
        for use in p.support + p.counter:
            fixed = clean_correction(use.evidence.correction)
            if fixed:
                errors.setdefault(fixed, None)
    introduction = Introduction(
        context=first_sentence(thesis.context) if length.paragraphs is not None else thesis.context,
        question_focus=focus_line,
        thesis_statement=statement,
        verdict=verdict,
        criteria=criteria,
        roadmap=tuple(f"{p.number}. {p.heading}" for p in body),
        errors=tuple(errors)[:3] if length.paragraphs is not None else tuple(errors),
        fit_warning=fit_warning,
        note=edits.note("introduction"),
    )

    cited: dict[str, Work] = {}
    for p in body:
        for use in p.support + p.counter:
            for w in use.evidence.sources:
                cited.setdefault(w, pack.work[w])
        for work in p.historians:
            cited.setdefault(work.id, work)

    historiography = _historiography(pack, thesis, schools, paragraphs, opposing, length, cited)

    concessions = tuple(
        f"paragraph {p.number} ({p.counter[0].evidence.title})" for p in paragraphs if p.stance == CONCEDED
    )
    if opposing is not None and opposing.stance == STANDS:
        concessions += (f"paragraph {opposing.number} (the case against)",)
    extent, change = refine_extent(verdict, len(concessions))
    decisive = next((p for p in paragraphs if p.rank == 1), None)
    decisive_line = f"paragraph {decisive.number}: {decisive.heading}" if decisive else ""
    head = answer_head(statement)
    trailing = re.compile(rf",?\s+{re.escape(verdict.casefold())}\.$")
    if trailing.search(head.casefold()):  # "…rather than an alliance largely." → "Largely: …"
        head = head[: trailing.search(head.casefold()).start()] + "."  # type: ignore[union-attr]
    if verdict.casefold() in head.casefold():
        at = head.casefold().index(verdict.casefold())
        judgement = head if extent == verdict else head[:at] + extent.lower() + head[at + len(verdict) :]
    else:
        judgement = f"{extent}: {head}"
    qualified = [p for p in paragraphs if p.stance == QUALIFIED]
    if qualified and not concessions:
        limits = "; ".join(f"{p.counter[0].evidence.title} (paragraph {p.number})" for p in qualified[:2])
        change = f"The verdict holds, but only as far as the counters allow: {limits}."
    elif concessions:
        change += " Conceded: " + "; ".join(concessions) + "."
        change = change.replace("..", ".")
    if decisive:
        judgement += f" The decisive factor is {decisive_line}" + ("" if decisive_line.endswith("…") else ".")
    judgement += f" {change}"
    command = question.command if question is not None else "to-what-extent"
    all_claims = set(thesis.claims) <= {p.claim.id for p in paragraphs}
    ranked = sorted(paragraphs, key=lambda p: p.rank)
    conclusion = Conclusion(
        judgement_frame=JUDGEMENT_FRAMES[command],
        judgement=judgement,
        extent=extent,
        decisive=decisive_line,
        concessions=concessions,
        # The thesis's own ranking, where the plan has all its paragraphs and speaks in its words.
        weighing=thesis.weighing if length.paragraphs is None or (all_claims and not framing) else "",
        factors=tuple(f"{p.rank}. Paragraph {p.number} ({_why_ranked(p, named)})" for p in ranked),
        note=edits.note("conclusion"),
    )
    return EssayPlan(
        pack_id=pack.info.id,
        pack_version=pack.info.version,
        thesis=thesis,
        schools=schools,
        question=question,
        introduction=introduction,
        paragraphs=tuple(paragraphs),
        historiography=historiography,
        conclusion=conclusion,
        bibliography=tuple(sorted(cited.values(), key=_author_year)),
        edits=edits,
        opposing=opposing,
        terms=terms,
        framed_by=framed_by,
    )


_STANCE_WORDS = {STANDS: "stands", QUALIFIED: "stands, qualified", CONCEDED: "concedes ground"}


def _why_ranked(p: BodyParagraph, named: str) -> str:
    """Why a paragraph ranks where it does: the thesis's weighing, or how it survives its counter."""
    first = "the thesis's weighing puts it first; " if p.claim.id == named else ""
    if not p.counter:
        return first + "no counter tested"
    title = p.counter[0].evidence.title
    return (
        first
        + {
            STANDS: f"answers {title}",
            QUALIFIED: f"qualified by {title}",
            CONCEDED: f"concedes {title}",
        }[p.stance]
    )


def _historiography(
    pack: Pack,
    thesis: Thesis,
    schools: tuple[School, ...],
    paragraphs: list[BodyParagraph],
    opposing: BodyParagraph | None,
    length: Length,
    cited: dict[str, Work],
) -> Historiography:
    """The historians whose arguments the plan uses, each with claim, basis, evaluation and relevance;
    why their readings differ (the schools' own bases); and which reading convinces."""
    entries: list[HistorianEntry] = []
    seen: set[str] = set()
    wanted = 3 if length.paragraphs is not None else None
    for p in paragraphs + ([opposing] if opposing else []):
        for work in p.historians[:1]:
            if work.id in seen:
                continue
            seen.add(work.id)
            basis = "; ".join(f"{u.evidence.title} ({u.evidence.date.label})" for u in p.support) or "none in this plan"
            if p.role == "opposing":
                evaluation = p.weighing
            elif p.counter:
                counter = p.counter[0].evidence
                evaluation = f"{_STANCE_WORDS[p.stance].capitalize()} against {counter.title} ({counter.date.label})."
            else:
                evaluation = "Not yet tested against a counter."
            entries.append(
                HistorianEntry(
                    work=work,
                    school=_school_of(pack, work.id, p.schools),
                    claim=first_sentence(p.claim.text),
                    basis=basis,
                    evaluation=evaluation,
                    relevance=f"Paragraph {p.number}" + (" (the case against)" if p.role == "opposing" else ""),
                    basis_short="; ".join(u.evidence.date.label for u in p.support) or "none in this plan",
                    claim_short=p.heading.removeprefix("The strongest case against: "),
                )
            )
    if wanted is not None:
        own = [e for e in entries if not e.relevance.endswith("(the case against)")][: wanted - 1]
        against = [e for e in entries if e.relevance.endswith("(the case against)")][:1]
        entries = own + against if against else [e for e in entries][:wanted]
    rivals = tuple(s for s in opposing.schools if s not in schools) if opposing else ()
    rival_school = rivals[0] if rivals else None
    bases = [f"{s.name}: {method_sentence(s.basis)}" for s in schools]
    if rival_school is not None and rival_school not in schools:
        bases.append(f"{rival_school.name}: {method_sentence(rival_school.basis)}")
    why = " ".join(bases)
    parts = tuple(bases)
    views: tuple[SchoolView, ...] = ()
    if length.paragraphs is None:
        why = f"{why} {pack.info.why_historians_differ}"
        ordered = schools + tuple(s for s in pack.schools if s.id not in thesis.schools)
        view_list = []
        for school in ordered:
            works = tuple(dict.fromkeys(pack.work[w] for h in school.historians for w in h.works))
            for w in works:
                cited.setdefault(w.id, w)
            view_list.append(SchoolView(school, school.id in thesis.schools, works))
        views = tuple(view_list)
    names = " and the ".join(s.name for s in schools)
    rival = f", against the {' and the '.join(s.name for s in rivals)}" if rivals else ""
    evaluation = thesis.evaluation
    if length.paragraphs is not None:
        evaluation = " ".join(re.split(r"(?<=[.!?])\s+", thesis.evaluation)[:2])
    return Historiography(
        placement=f"This plan argues with the {names}{rival}.",
        entries=tuple(entries),
        why_differ=why,
        evaluation=evaluation,
        why_differ_parts=parts,
        views=views,
    )
