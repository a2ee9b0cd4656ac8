"""What an essay plan is: the student's edits, the plan's sizes and parts. Data only, no choices.

``arguments.plan`` builds these from a pack; ``arguments.outline`` lays them out for every output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from arguments.model import Claim, Evidence, School, Thesis, Work
from arguments.question import QuestionAnalysis

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
    "45": Length("45-minute essay", 2, 2, 1, 1, 800),
    "50": Length("50-minute essay", 3, 2, 1, 2, 900),
    "60": Length("60-minute essay", 4, 2, 1, 2, 1100),
    "revision": Length("Revision notes (everything)", None, None, None, None, None),
}
DEFAULT_LENGTH = "50"
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


@lru_cache(maxsize=16384)
def rebuttal_stance(rebuttal: str) -> str:
    """How a rebuttal leaves its claim, from the verdict it opens with (the pack's convention; cached:
    choosing an exam plan's counters asks it of the same few rebuttals many times)."""
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
    point: str = ""  # the pack's short "so what" (support), for an exam plan
    reply: str = ""  # the pack's short rebuttal (counter), for an exam plan
    fit: int = 0  # its place among the paragraph's items by how well it fits (0: best), shown in date order

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
    # In a question on one factor's importance, how this paragraph weighs against the factor's own
    # ("below the Court of Appeal (paragraph 2)"); "" if it is that paragraph or the question names none.
    against: str = ""
    # In such a question, a paragraph on another factor (it does not speak of the one asked about).
    other_factor: bool = False

    @property
    def link_short(self) -> str:
        """The link in a few words: what the paragraph does to the thesis, and its rank; a paragraph on
        another factor says so ("Another factor: ranked 2, below the Court of Appeal (paragraph 1); qualified.")."""
        rank = f"ranked {self.rank}" + (" (decisive)" if self.rank == 1 else "")
        against = f", {self.against}" if self.against else ""
        if self.other_factor:
            fares = {STANDS: "it stands", QUALIFIED: "qualified", CONCEDED: "concedes ground"}
            return f"Another factor: {rank}{against}; {fares.get(self.stance, 'untested')}."
        does = {STANDS: "supports the thesis", QUALIFIED: "supports it, qualified", CONCEDED: "concedes ground"}
        return f"{does.get(self.stance, 'supports it, untested').capitalize()}; {rank}{against}."

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
    dates_warning: str = ""  # said when the question's years run beyond the debate's evidence
    definitions: tuple[tuple[str, str], ...] = ()  # (word, working definition) for the question's key words
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
    basis_short: str = ""  # the items' short titles, for an exam plan
    claim_short: str = ""  # the paragraph's heading
    evaluation_short: str = ""  # how the claim fares, in a clause ("it stands, qualified against …")
    basis_ids: tuple[str, ...] = ()  # the evidence ids ``basis_short`` names


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
    judgement_brief: str = ""  # the same without naming the counters (the tightest exam plans)


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
