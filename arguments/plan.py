"""Thesis (+ question, + the student's edits) → essay plan. Pure and deterministic.

The plan follows the top-band checklist in the marking criteria: a decoded question, a thesis
with a verdict and criteria, analytical paragraphs with dated evidence linked to each claim,
counter evidence with a rebuttal, a historiography paragraph that says why historians differ
and which reading convinces, and a conclusion whose verdict matches the introduction.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from arguments.model import Claim, Evidence, Pack, School, Thesis, Work
from arguments.question import QuestionAnalysis

MAX_NOTE_CHARS = 2000
SECTIONS = ("introduction", "historiography", "conclusion")
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

    @property
    def is_empty(self) -> bool:
        return self == PlanEdits()


@dataclass(frozen=True)
class EvidenceUse:
    """One evidence item placed in a paragraph, with why it matters there."""

    evidence: Evidence
    how: str
    rebuttal: str = ""
    schools: tuple[School, ...] = ()  # for counter items: the rival schools that rely on it
    outside_range: bool = False
    dropped: bool = False


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
    note: str = ""

    @property
    def topic_sentence(self) -> str:
        return self.claim.text


@dataclass(frozen=True)
class Introduction:
    context: str
    question_focus: str
    thesis_statement: str
    verdict: str
    criteria: str
    roadmap: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class SchoolView:
    school: School
    in_thesis: bool
    works: tuple[Work, ...]


@dataclass(frozen=True)
class Historiography:
    placement: str
    views: tuple[SchoolView, ...]
    why_differ: str
    evaluation: str
    note: str = ""


@dataclass(frozen=True)
class Conclusion:
    judgement_frame: str
    judgement: str
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

    @property
    def order(self) -> tuple[str, ...]:
        return tuple(p.claim.id for p in self.paragraphs)

    @property
    def outside_range(self) -> tuple[Evidence, ...]:
        seen: dict[str, Evidence] = {}
        for p in self.paragraphs:
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


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def _judgement(verdict: str, statement: str) -> str:
    """The verdict, then the thesis, without saying the verdict twice."""
    if statement.casefold().startswith(verdict.casefold().rstrip(".")):
        return statement
    return f"{verdict}: {statement}"


def _author_year(work: Work) -> tuple[str, int, str]:
    surname = work.short.split(" (")[0]
    return (unicodedata.normalize("NFKD", surname).casefold(), work.year, work.title.casefold())


def _order(thesis: Thesis, edits: PlanEdits) -> tuple[str, ...]:
    wanted = [c for c in dict.fromkeys(edits.order) if c in thesis.claims]
    return tuple(wanted + [c for c in thesis.claims if c not in wanted])


def _rival_schools(pack: Pack, evidence_id: str, own: tuple[str, ...]) -> tuple[School, ...]:
    return tuple(pack.school[s] for s in pack.stance(evidence_id)[0] if s not in own)


def build_plan(
    pack: Pack,
    thesis_id: str,
    edits: PlanEdits | None = None,
    question: QuestionAnalysis | None = None,
) -> EssayPlan:
    """Build the essay plan for a thesis, shaped by the question (if any) and the student's edits."""
    if thesis_id not in pack.thesis:
        raise UnknownIdError("thesis", thesis_id, tuple(pack.thesis))
    edits = edits or PlanEdits()
    thesis = pack.thesis[thesis_id]
    schools = tuple(pack.school[s] for s in thesis.schools)
    cited: dict[str, Work] = {}

    def covers(item: Evidence) -> bool:
        return question is None or question.covers_item(item)

    def cite(work_ids: tuple[str, ...]) -> tuple[Work, ...]:
        works = tuple(pack.work[w] for w in work_ids)
        for work in works:
            cited.setdefault(work.id, work)
        return works

    paragraphs = []
    thesis_idea = thesis.title.rstrip(".")
    for number, claim_id in enumerate(_order(thesis, edits), start=1):
        claim = pack.claim[claim_id]
        support, counter, dropped = [], [], []
        for link in sorted(claim.support, key=lambda s: (pack.item[s.evidence].date, s.evidence)):
            item = pack.item[link.evidence]
            gone = paragraph_key(claim.id, item.id) in edits.dropped
            use = EvidenceUse(item, link.how, outside_range=not covers(item), dropped=gone)
            (dropped if gone else support).append(use)
        for link in sorted(claim.counter, key=lambda s: (pack.item[s.evidence].date, s.evidence)):
            item = pack.item[link.evidence]
            gone = paragraph_key(claim.id, item.id) in edits.dropped
            use = EvidenceUse(
                item,
                link.how,
                rebuttal=link.rebuttal,
                schools=_rival_schools(pack, item.id, claim.schools),
                outside_range=not covers(item),
                dropped=gone,
            )
            (dropped if gone else counter).append(use)
        for use in support + counter:
            cite(use.evidence.sources)
        paragraphs.append(
            BodyParagraph(
                number=number,
                claim=claim,
                schools=tuple(pack.school[s] for s in claim.schools),
                support=tuple(support),
                counter=tuple(counter),
                dropped=tuple(dropped),
                historians=cite(claim.held_by),
                link=f"Link back to the thesis: this paragraph supports the judgement “{thesis_idea}”.",
                note=edits.note(claim.id),
            )
        )

    thesis_statement = edits.thesis_text or thesis.text
    if question is not None:
        terms = f", defining {', '.join(question.loaded_words)}" if question.loaded_words else ""
        focus = (
            f"This essay answers the question as set: “{question.text}” It will {COMMAND_GUIDANCE[question.command]}"
            f" about {question.concept_label}, across {question.years_label}{terms}."
        )
    else:
        focus = "No question chosen: state which question this thesis answers and define its key terms."
    introduction = Introduction(
        context=thesis.context,
        question_focus=focus,
        thesis_statement=thesis_statement,
        verdict=thesis.verdict,
        criteria=thesis.criteria,
        roadmap=tuple(f"{p.number}. {first_sentence(p.claim.text)}" for p in paragraphs),
        note=edits.note("introduction"),
    )

    ordered_schools = schools + tuple(s for s in pack.schools if s.id not in thesis.schools)
    views = []
    for school in ordered_schools:
        work_ids = tuple(dict.fromkeys(w for h in school.historians for w in h.works))
        views.append(SchoolView(school, school.id in thesis.schools, cite(work_ids)))
    names = " and the ".join(s.name for s in schools)
    historians = "; ".join(dict.fromkeys(w.short for v in views if v.in_thesis for w in v.works))
    historiography = Historiography(
        placement=f"This plan argues with the {names} ({historians}), against the readings below.",
        views=tuple(views),
        why_differ=pack.info.why_historians_differ,
        evaluation=thesis.evaluation,
        note=edits.note("historiography"),
    )

    command = question.command if question is not None else "to-what-extent"
    conclusion = Conclusion(
        judgement_frame=JUDGEMENT_FRAMES[command],
        judgement=_judgement(thesis.verdict, thesis_statement),
        weighing=thesis.weighing,
        factors=tuple(f"{p.number}. {first_sentence(p.claim.text)}" for p in paragraphs),
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
    )
