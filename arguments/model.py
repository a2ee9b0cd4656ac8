"""The domain: schools of historians, works, dated evidence, claims, theses, questions, topics.

Records are frozen pydantic models validated straight from the data pack's TOML tables; a loaded
pack is a frozen dataclass of tuples with read-only indexes, safe to share between sessions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from arguments.dates import HistDate, parse_date

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True)]

EvidenceKind = Literal["event", "primary-source", "interpretation"]
WorkKind = Literal["book", "article", "chapter", "documents", "memoir", "official"]
CommandTerm = Literal[
    "to-what-extent", "how-far", "evaluate", "discuss", "examine", "compare", "why", "assess", "analyse"
]
Concept = Literal["aim", "cause", "success", "change", "consequence", "significance", "comparison"]
# What a question makes a plan do (its shape), beyond its command term: rank aims, compare two
# options, set criteria of success, weigh two motives, judge individuals, trace change, and so on.
Shape = Literal[
    "extent",
    "causes",
    "main-aim",
    "rather-than",
    "two-motives",
    "success",
    "compare",
    "individuals",
    "change",
    "historiography",
]
HistorianRole = Literal["historian", "precursor", "source"]

COMMAND_LABELS: dict[str, str] = {
    "to-what-extent": "To what extent",
    "how-far": "How far",
    "evaluate": "Evaluate",
    "discuss": "Discuss",
    "examine": "Examine",
    "compare": "Compare and contrast",
    "why": "Why",
    "assess": "Assess",
    "analyse": "Analyse",
}
KIND_LABELS: dict[str, str] = {
    "event": "Event",
    "primary-source": "Primary source",
    "interpretation": "Historian's interpretation",
}


def _as_date(value: object) -> HistDate:
    return parse_date(value)


def _as_pairs(value: object) -> object:
    return tuple(value.items()) if isinstance(value, dict) else value


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)


def _years(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


Years = Annotated[tuple[int, int], BeforeValidator(_years)]


class PackInfo(Record):
    """The pack's manifest (``pack.toml``): what the debate is, and the words and years it spans.

    Everything topic-specific the engine and the app need comes from here or from the pack's
    ``vocabulary.toml``: the code knows no topic.
    """

    id: Id
    version: Text
    title: Text
    description: OptionalText = ""
    why_historians_differ: Text
    # The subject a question must be about, in words ("the foreign policy of a state in a period").
    subject: Text
    # The years the course covers: open-ended ranges in a question ("after 2001") are closed with it.
    period: Years
    # The explorer's timeline (the period when absent).
    timeline: Years | None = None
    # Where a question that gives only its end ("by 2009") starts (the period's first year when absent).
    open_start: int | None = None
    # Evidence dated after this year is about how the period was read later (documents published,
    # historians' books): dated by publication, not by the events it is about.
    later_than: int
    # A few names the explorer's search box offers as examples.
    search_example: OptionalText = ""
    # The course's factors, in order: id → label.
    themes: Annotated[tuple[tuple[Id, Text], ...], BeforeValidator(_as_pairs)] = Field(min_length=1)

    @property
    def theme_labels(self) -> dict[str, str]:
        return dict(self.themes)

    @property
    def open_period(self) -> tuple[int, int]:
        """The years that close a question's open-ended range ("by 2009", "after 2003")."""
        return (self.open_start or self.period[0], self.period[1])

    @property
    def timeline_years(self) -> tuple[int, int]:
        return self.timeline or self.period


class Work(Record):
    id: Id
    author: Text
    title: Text
    year: int = Field(ge=1800, le=2100)
    publisher: OptionalText = ""
    published_in: OptionalText = ""
    kind: WorkKind
    # The name(s) a citation uses, when it is not the last word of each author's name (an author
    # whose family name comes first).
    cited_as: OptionalText = ""

    @cached_property
    def surnames(self) -> str:
        """``Smith and Jones``: the author(s) as a citation names them."""
        return self.cited_as or _surnames(self.author)

    @cached_property
    def family_names(self) -> tuple[str, ...]:
        """``("Smith", "Jones")``: each family name its citation gives ("Smith and Jones", "Smith et al.")."""
        return tuple(n for n in re.split(r"\s+and\s+|\s+et al\.", self.surnames) if n)

    @cached_property
    def short(self) -> str:
        """``Smith (1984)``: surname(s) and year, for inline citations."""
        return f"{self.surnames} ({self.year})"


_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\.?$")


def _surname(name: str) -> str:
    words = [w for w in name.split() if not _SUFFIX.match(w)]
    return words[-1] if words else name


def _surnames(author: str) -> str:
    # Notes in brackets go; a pen name's author in square brackets stays, without them ("X [A. Smith]").
    people = re.sub(r"\s*\([^)]*\)", "", author).replace("[", "").replace("]", "")
    names = [p.strip() for p in re.split(r",|\band\b", people) if p.strip() and not _SUFFIX.match(p.strip())]
    return " and ".join(_surname(n) for n in names) if len(names) <= 2 else f"{_surname(names[0])} et al."


class Historian(Record):
    name: Text
    works: tuple[Id, ...] = Field(min_length=1)
    # "source": a government, an office or a politician whose text is evidence, not scholarship
    # (an official history); "precursor": an early voice the school grew from.
    role: HistorianRole = "historian"


class School(Record):
    id: Id
    name: Text
    summary: Text
    basis: Text
    method: OptionalText = ""  # what its reading rests on (sources, context, method), in one sentence
    historians: tuple[Historian, ...] = Field(min_length=3)


class Evidence(Record):
    id: Id
    date: Annotated[HistDate, BeforeValidator(_as_date)]
    title: Text
    short: OptionalText = ""  # the title in a few words, for an exam plan ("The treaty of May 2001")
    kind: EvidenceKind
    themes: tuple[Id, ...] = Field(min_length=1)  # ids of the pack's themes (pack.toml)
    summary: Text
    sources: tuple[Id, ...] = Field(min_length=1)
    supports: tuple[Id, ...] = ()
    challenges: tuple[Id, ...] = ()
    debate: OptionalText = ""
    correction: OptionalText = ""

    def named(self, short: bool) -> str:
        """The item's title, or its short title (an exam plan's) where it has one."""
        return self.short if short and self.short else self.title


class SupportLink(Record):
    evidence: Id
    how: Text
    point: OptionalText = ""  # the item's "so what" in one short sentence, for an exam plan


class CounterLink(Record):
    evidence: Id
    how: Text
    rebuttal: Text
    reply: OptionalText = ""  # the rebuttal in one or two short sentences, for an exam plan


class Claim(Record):
    id: Id
    schools: tuple[Id, ...] = Field(min_length=1)
    label: OptionalText = ""  # the paragraph's heading: the argument in a few words
    text: Text
    topic: OptionalText = ""  # the text as a topic sentence (≤ 28 words), for an exam plan
    held_by: tuple[Id, ...] = ()
    support: tuple[SupportLink, ...] = Field(min_length=2)
    counter: tuple[CounterLink, ...] = Field(min_length=1)


class Thesis(Record):
    id: Id
    title: Text
    schools: tuple[Id, ...] = Field(min_length=1)
    text: Text
    short: OptionalText = ""  # the statement in one sentence (≤ 45 words), for an exam plan
    verdict: Text
    context: Text
    criteria: Text
    claims: tuple[Id, ...] = Field(min_length=3)
    weighing: Text
    evaluation: Text
    convinces: OptionalText = ""  # the evaluation in one sentence (≤ 35 words), for an exam plan
    # The rival claim the plan's opposing paragraph weighs (chosen by the planner when empty).
    rival: Annotated[str, StringConstraints(pattern=r"^$|" + ID_PATTERN)] = ""


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"is not a valid regular expression ({error})") from None
    return pattern


Pattern = Annotated[str, StringConstraints(min_length=1), AfterValidator(_compiles)]
Token = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$")]
Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, to_lower=True)]


class Synonym(Record):
    """Spellings and names of one thing, folded onto one token (``vocabulary.toml`` ``[[synonym]]``)."""

    token: Token
    label: OptionalText = ""  # how it reads in a reason line ("the non-aggression pact")
    patterns: tuple[Pattern, ...] = Field(min_length=1)
    related: tuple[Token, ...] = ()  # query words that also count, at half weight


class PeriodPhrase(Record):
    """A phrase that names a span of years ("the inter-war years")."""

    pattern: Pattern
    years: Years


class Words(Record):
    generic: tuple[Word, ...] = ()  # in nearly every thesis: they count for little in the ranking
    stop: tuple[Word, ...] = ()  # say nothing about the subject
    loaded: tuple[Word, ...] = ()  # loaded words a question may use, beyond the general ones
    naming: tuple[Word, ...] = ()  # too common in titles to name an item in a topic sentence


class TopicRules(Record):
    """What makes a question about this debate (``vocabulary.toml`` ``[topic]``)."""

    years: Years | None = None  # the years a question may name (the pack's period when absent)
    off_topic: Text
    actors: tuple[Word, ...] = ()
    terms: tuple[Word, ...] = ()
    fields: tuple[Word, ...] = ()
    excluded: tuple[Word, ...] = ()
    actor_only: OptionalText = ""
    other_periods: tuple[Word, ...] = ()
    wider: tuple[Word, ...] = ()
    wider_pairs: tuple[tuple[Word, ...], ...] = ()
    wider_note: OptionalText = ""
    frames: tuple[Pattern, ...] = ()
    frame_words: tuple[Word, ...] = ()
    neighbours: tuple[Word, ...] = ()
    neighbour_note: OptionalText = ""


class Term(Record):
    """A key term of the debate, defined for the plans of questions that use it (checklist 13)."""

    word: Word  # as a question writes it, in lower case
    meaning: Text  # one sentence in the pack's own words
    source: Id  # the work the meaning follows


class VocabularySpec(Record):
    """The pack's ``vocabulary.toml``: how questions and the pack's texts are read (optional)."""

    words: Words = Words()
    term: tuple[Term, ...] = ()
    period: tuple[PeriodPhrase, ...] = ()
    synonym: tuple[Synonym, ...] = ()
    topic: TopicRules | None = None


class QuestionSource(Record):
    board: Text
    session: Text
    paper: OptionalText = ""


class Framing(Record):
    """A thesis worded for one question: its statement, extent and criteria in the question's terms."""

    thesis: Id
    text: Text
    short: OptionalText = ""  # the statement in one sentence (≤ 45 words), for an exam plan
    verdict: Text
    criteria: Text
    # The case against the thesis as worded for this question (the thesis's own `rival` when empty).
    rival: Annotated[str, StringConstraints(pattern=r"^$|" + ID_PATTERN)] = ""


class Question(Record):
    id: Id
    text: Text
    command: CommandTerm
    concept: Concept
    shape: Shape | None = None  # worked out from the text when absent
    years: tuple[int, int] | None = None
    theses: tuple[Id, ...] = Field(min_length=1)
    source: QuestionSource | None = None
    note: OptionalText = ""
    framing: tuple[Framing, ...] = ()

    def framing_for(self, thesis_id: str) -> Framing | None:
        return next((f for f in self.framing if f.thesis == thesis_id), None)


class Topic(Record):
    id: Id
    title: Text
    evidence: tuple[Id, ...] = Field(min_length=1)
    readings: Annotated[tuple[tuple[Id, Text], ...], BeforeValidator(_as_pairs)] = Field(min_length=1)

    def reading(self, school_id: str) -> str:
        return dict(self.readings).get(school_id, "")


def _index(records: tuple, key: str = "id") -> Mapping:
    return MappingProxyType({getattr(r, key): r for r in records})


@dataclass(frozen=True)
class Pack:
    """A whole, valid data pack. Immutable: tuples of frozen records and read-only indexes."""

    info: PackInfo
    works: tuple[Work, ...]
    schools: tuple[School, ...]
    evidence: tuple[Evidence, ...]
    claims: tuple[Claim, ...]
    theses: tuple[Thesis, ...]
    questions: tuple[Question, ...]
    topics: tuple[Topic, ...]
    vocabulary: VocabularySpec = VocabularySpec()
    # Where each record was read: (kind, id) → (file relative to the pack, line), for messages.
    where: Mapping[tuple[str, str], tuple[str, int | None]] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False
    )
    work: Mapping[str, Work] = field(init=False, repr=False, compare=False)
    school: Mapping[str, School] = field(init=False, repr=False, compare=False)
    item: Mapping[str, Evidence] = field(init=False, repr=False, compare=False)
    claim: Mapping[str, Claim] = field(init=False, repr=False, compare=False)
    thesis: Mapping[str, Thesis] = field(init=False, repr=False, compare=False)
    question: Mapping[str, Question] = field(init=False, repr=False, compare=False)
    stances: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]] = field(init=False, repr=False, compare=False)
    uses: Mapping[str, int] = field(init=False, repr=False, compare=False)  # claims citing each item

    def __post_init__(self) -> None:
        for name, records in (
            ("work", self.works),
            ("school", self.schools),
            ("item", self.evidence),
            ("claim", self.claims),
            ("thesis", self.theses),
            ("question", self.questions),
        ):
            object.__setattr__(self, name, _index(records))
        uses: dict[str, int] = {}
        helps: dict[str, list[str]] = {}  # the schools of the claims each item supports or counters
        hurts: dict[str, list[str]] = {}
        for claim in self.claims:
            for side, links in ((helps, claim.support), (hurts, claim.counter)):
                for link in links:
                    uses[link.evidence] = uses.get(link.evidence, 0) + 1
                    side.setdefault(link.evidence, []).extend(claim.schools)
        object.__setattr__(self, "uses", MappingProxyType(uses))
        order = {s.id: i for i, s in enumerate(self.schools)}

        def in_order(own: tuple[str, ...], more: list[str] | None) -> tuple[str, ...]:
            schools = tuple(dict.fromkeys(own + tuple(more))) if more else own  # most items name one or none
            return (
                schools if len(schools) < 2 else tuple(sorted(dict.fromkeys(schools), key=lambda s: order.get(s, 99)))
            )

        stances = {
            e.id: (in_order(e.supports, helps.get(e.id)), in_order(e.challenges, hurts.get(e.id)))
            for e in self.evidence
        }
        object.__setattr__(self, "stances", MappingProxyType(stances))

    def stance(self, evidence_id: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The schools an item supports and those it challenges, from its own fields and the claims."""
        return self.stances.get(evidence_id, ((), ()))

    @property
    def label(self) -> str:
        return f"{self.info.id}@{self.info.version}"

    def school_names(self, ids: tuple[str, ...]) -> str:
        return ", ".join(self.school[s].name for s in ids)
