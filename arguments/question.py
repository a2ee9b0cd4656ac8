"""Decode an essay question: command term, key concept, date range and loaded words.

Pure string work, no I/O: used for curated questions and for questions a student pastes in.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from arguments.dates import MONTHS
from arguments.memo import per_pack
from arguments.model import COMMAND_LABELS, Evidence, Pack, Question
from arguments.vocabulary import Vocabulary, pack_vocabulary

CONCEPT_LABELS: dict[str, str] = {
    "aim": "aims and motives",
    "cause": "causes and reasons",
    "success": "success and failure",
    "change": "change and continuity",
    "consequence": "consequences and impact",
    "significance": "significance",
    "comparison": "similarity and difference",
}

# (command, pattern): the first that matches wins, so longer phrases come first.
_COMMANDS: tuple[tuple[str, str], ...] = (
    ("to-what-extent", r"\bto what extent\b|\bto what degree\b"),
    (
        "how-far",
        r"\bhow far\b|\bhow (?:successful|effective|important|significant|much|valid|convincing|consistent"
        r"|genuine|sincere|serious|realistic|justified|accurate|fair|great|strong|close|real|likely)\b",
    ),
    ("compare", r"\bcompare\b|^contrast\b|\bsimilarities and differences\b|\bsimilarities between\b"),
    ("evaluate", r"\bevaluate\b"),
    ("assess", r"\bassess\b"),
    ("examine", r"\bexamine\b"),
    ("analyse", r"\banaly[sz]e\b"),
    ("discuss", r"\bdiscuss\b|\bdo you agree\b|\bagree or disagree\b"),
    ("why", r"\bwhy\b|\bexplain\b|\baccount for\b|\breasons? for\b"),
    # Questions without a formal command term, in the way teachers often word them.
    ("assess", r"\b(?:what|which) (?:was|were) the (?:main|most important|chief|principal|key)\b"),
    ("assess", r"\bwhich (?:better|best|more (?:fully|convincingly))\b"),
    ("analyse", r"\bin what ways?\b|\bhow (?:did|does|do|was|were|have|has)\b|\bwhat (?:did|does|do|was|were)\b"),
)

# An opening quotation (the claim to weigh) and the instruction after it: "'…' How far do you agree?"
_OPENING_QUOTE = re.compile(r"^\s*[\"“‘'](?P<quote>.+)[\"”’'](?P<tail>[^\"”’']*)$", re.DOTALL)

# (concept, pattern): the first that matches wins. Blame and causation outrank "failure" and
# "success" ("to blame for the failure of …" asks about causes), and change outranks aims.
_CONCEPTS: tuple[tuple[str, str], ...] = (
    ("comparison", r"\bcompar\w*|\bcontrast\w*|\bsimilarit\w*|\bdifferences?\b"),
    # The part played by people ("the role of individuals", "did the leader personally direct") is significance,
    # and so is one factor's weight among the causes ("How important was the Corn Laws' repeal in causing …").
    (
        "significance",
        r"\bindividuals?\b|\bpersonally\b|\brole of\b"
        r"|\bhow (?:important|significant)\b|\b(?:importance|significance) of\b",
    ),
    ("cause", r"\bcaus\w*|\bresult of\b|\bled to\b|\bresponsib\w*|\bblame\w*|\borigins?\b|\bbrought about\b"),
    ("success", r"\bsuccess\w*|\bfail\w*|\bachiev\w*|\beffective\w*|\bsecur(?:e|ing) the\b"),
    (
        "change",
        r"\bchang\w*|\bcontinuity\b|\bshift\w*|\bturning point\b|\btransform\w*|\bconsisten\w*"
        r"|\b(?:remain|remained|stay|stayed) the same\b",
    ),
    (
        "aim",
        r"\baims?\b|\bgoals?\b|\bobjectives?\b|\bdriv(?:en|e|es|ing)\b|\bdrove\b|\bmotiv\w*|\bintention\w*"
        r"|\bintend\w*|\bdesire\w*|\bpurpose\w*|\bsought\b|\bwant\w*|\bpreferred\b|\bthe key to\b",
    ),
    # "Shaped by the threat from its neighbour" asks what caused a policy, as "why" does.
    ("cause", r"\bwhy\b|\breasons?\b|\bexplain\w*|\bfactors?\b|\bshap\w*"),
    (
        "consequence",
        r"\bimpact\b|\beffects?\b|\bconsequence\w*|\binfluence\w*|\boutcomes?\b|\bweaken\w*|\bstrengthen\w*"
        r"|\bdamag\w*|\bharm\w*",
    ),
    ("significance", r"\bsignifican\w*|\bimportan\w*|\bkey\b|\brole\b"),
)

LOADED_WORDS: tuple[str, ...] = (
    "main",
    "mainly",
    "primarily",
    "only",
    "always",
    "consistent",
    "genuine",
    "driven",
    "desire",
    "most important",
    "key",
    "responsible",
    "blame",
    "successful",
    "ideology",
    "security",
    "genuinely",
    "sincere",
    "real",
    "defensive",
    "expansionist",
    "opportunistic",
    "pragmatic",
    "entirely",
    "solely",
    "inevitable",
    "reluctant",
    "forced",
    "failure",
    "practical",
    "ideological",
    "revolution",
    "continuity",
    "individuals",
    "personally",
    "significant",
    "significance",
    "important",
    "importance",
    "impact",
)

# What a question's loaded word means as a test the essay can apply: a working definition a student
# states in the introduction (marking criteria, checklist 13). Topic-free: a debate's own terms are
# defined, with their source, in its pack (vocabulary.toml [[term]]).
LOADED_MEANINGS: dict[str, str] = {
    "main": "more important than any other single factor",
    "mainly": "more than all the other reasons together",
    "primarily": "first and above all others",
    "only": "with no other reason at all",
    "always": "at every point in the period, without exception",
    "consistent": "the same aims and methods throughout",
    "genuine": "meant in earnest: pursued when it cost something",
    "genuinely": "in earnest: pursued when it cost something",
    "sincere": "meant in earnest: pursued when it cost something",
    "real": "meant in earnest: pursued when it cost something",
    "driven": "steered by this motive, not merely helped by it",
    "desire": "what leaders sought, judged by deeds as well as words",
    "most important": "more important than any other single factor",
    "key": "without it, the outcome would have been different",
    "responsible": "caused it by choices that could have gone otherwise",
    "blame": "responsibility for a harmful outcome, by avoidable choices",
    "successful": "achieving its own aims at a bearable cost",
    "failure": "not achieving what it set out to do",
    "ideology": "beliefs about how the world works and should be",
    "ideological": "guided by beliefs about how the world should be",
    "security": "the safety of the state and its territory",
    "defensive": "protecting what the state held, not gaining more",
    "expansionist": "seeking control beyond what the state held",
    "opportunistic": "seizing chances as they came, without a plan",
    "pragmatic": "guided by what would work, not by doctrine",
    "practical": "guided by what would work, not by doctrine",
    "entirely": "with nothing else involved",
    "solely": "with nothing else involved",
    "inevitable": "bound to happen whatever anyone chose",
    "reluctant": "against the actors' own preference",
    "forced": "imposed, leaving no real choice",
    "continuity": "aims and methods that stayed the same",
    "individuals": "particular people's choices, not institutions or circumstances",
    "personally": "by the person's own choices",
    # A factor's or an event's weight: what the essay measures it by (marking criteria: define the concept).
    "significant": "made a lasting difference to what followed, judged by what changed, how much and for how long",
    "significance": "how far it changed what followed, judged by what changed, how much and for how long",
    "important": "how much difference it made to the outcome, weighed against the other factors",
    "importance": "how much difference it made to the outcome, weighed against the other factors",
    "impact": "the changes it caused, judged by how deep and how lasting they were",
}

# A question about historians rather than about events: why they disagree, how their views have
# changed, what new sources did, how interpretations compare. "Historians have argued that X. How
# far do you agree?" is not one: it asks about X.
_HISTORIOGRAPHY = re.compile(
    r"\bhistoriograph\w*|\binterpretations\b|\binterpretations? of\b|\bhistorical debate\b"
    r"|\bhistorians?'?s?'? (?:views?|interpretations?|readings?|accounts?|explanations?|verdicts?|debates?"
    r"|judgements?|judgments?|assessments?)\b"
    r"|\b(?:why|how) (?:have|do|did|has) historians\b|\bhistorians (?:have )?(?:disagreed|differed|debated)\b"
    r"|\bhistorians (?:disagree|differ|debate)\b|\bviews? of historians\b"
    r"|\b(?:new|newly (?:available|opened)|opening of(?: the)?)(?: \w+)? (?:sources|archives|documents|records)\b"
    r"|\barchives\b",
)


def dated_by_publication(item: Evidence, later_than: int) -> bool:
    """A historian's reading (any date), or an item dated after the pack's ``later_than`` year (a
    publication of documents, an admission decades later): dated by publication, not by events."""
    return item.kind == "interpretation" or item.date.year > later_than


_YEAR_SPAN = re.compile(
    r"\b(1[5-9][0-9]{2}|20[0-9]{2})\s*(?:-|–|—|/|to|and|until|till|through|up to)\s*((?:1[5-9]|20)?[0-9]{2})\b(?!s)"
)
_DECADE = re.compile(r"\b(?:(early|mid|late)[\s-]*)?(1[5-9][0-9]|20[0-9])0'?s\b", re.IGNORECASE)
# "after the new leader came to power in 2003", "since 2004", "from 2003"; not "from the treaty to 2009".
_OPEN_START = re.compile(
    r"\b(?:after|since|following)\s+(?:\w+\s+){0,5}?(19[0-9]{2})\b|\bfrom\s+(?:(?!to\b|and\b)\w+\s+){0,3}?(19[0-9]{2})\b",
    re.IGNORECASE,
)
# "by" only right before the year ("by 2009", "by the end of 2006"): "replaced by her deputy in May 2009"
# names one year, not the period up to it.
_OPEN_END = re.compile(
    r"\b(?:before|up to|until|till|prior to)\s+(?:\w+\s+){0,3}?(19[0-9]{2})\b"
    r"|\bby\s+(?:(?:the\s+)?(?:end|start|beginning|middle|spring|summer|autumn|winter)\s+of\s+)?(19[0-9]{2})\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(1[5-9][0-9]{2}|20[0-9]{2})\b")
_DECADE_PART = {None: (0, 9), "early": (0, 3), "mid": (3, 6), "late": (6, 9)}


SHAPE_LABELS: dict[str, str] = {
    "extent": "weigh a claim and give an extent",
    "causes": "explain and rank the causes",
    "main-aim": "rank the aims against each other and name the main one",
    "rather-than": "compare the two options and say why one was chosen",
    "two-motives": "define both motives, then weigh one against the other",
    "success": "set criteria of success, then judge against them",
    "compare": "likenesses and differences, both sides throughout",
    "individuals": "weigh individuals against institutions and circumstances",
    "change": "weigh change against continuity across the period",
    "historiography": "explain why historians differ and which reading convinces",
}
# Shapes that any thesis's own wording can answer; the others need a thesis worded for them.
GENERIC_SHAPES = frozenset({"extent", "causes"})

_MAIN_AIM = re.compile(
    r"\b(?:main|chief|principal|primary|overriding|most important|key|dominant|central)\s+"
    r"(?:aims?|goals?|objectives?|priorit\w+|concerns?|motives?|purposes?|intentions?)\b"
)
_RATHER = re.compile(
    r"\brather than\b|\binstead of\b|\bin preference to\b|\bmore than\b|\bversus\b|\bvs\.?\s|\bor\b|,?\s*not\b"
)
_PRAGMATIC = re.compile(
    r"\b(?:practical\w*|pragmati\w*|realis\w*|security|national interests?|self-interest\w*|power politics)\b"
)
_DOCTRINAL = re.compile(r"\b(?:ideolog\w*|revolution\w*|doctrin\w*|principle\w*|communis\w*)\b")
# One word on each side, no article after: qualities ("reactive rather than planned"), not options
# ("a pact with one power rather than an alliance").
_TWO_QUALITIES = re.compile(r"\b(?:was|were|is|be|been|more|mainly|largely)\s+\w+ rather than (?!an?\b|the\b)\w+\b")
_TWO_OPTIONS = re.compile(r"\brather than\b|\binstead of\b|\bin preference to\b")
_INDIVIDUALS = re.compile(
    r"\bindividuals?\b|\bpersonal(?:ly|ity|ities)?\b|\brole of [A-Z]\w+|\bleaders?hip\b|\bone man\b"
    r"|\bhow (?:important|significant) was [A-Z]\w+\b(?! (?:of|in)\b)"
)


def find_shape(text: str, command: str, concept: str | None = None) -> str:
    """What a question makes a plan do (see ``SHAPE_LABELS``), from its wording and command term."""
    if is_historiography(text):
        return "historiography"
    if command == "compare":
        return "compare"
    lowered = text.lower()
    if _MAIN_AIM.search(lowered):
        return "main-aim"
    if _RATHER.search(lowered) and _PRAGMATIC.search(lowered) and _DOCTRINAL.search(lowered):
        return "two-motives"
    if _TWO_QUALITIES.search(lowered):
        return "two-motives"  # "reactive rather than planned": two characters of a policy, define and weigh
    if _TWO_OPTIONS.search(lowered):
        return "rather-than"
    if _INDIVIDUALS.search(text):
        return "individuals"
    concept = concept or find_concept(text, command)
    if concept == "success":
        return "success"
    if concept == "change":
        return "change"
    if command == "why" or concept == "cause":
        return "causes"
    return "extent"


_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "not",
        "nor",
        "but",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "did",
        "do",
        "does",
        "how",
        "far",
        "what",
        "which",
        "who",
        "whom",
        "why",
        "when",
        "where",
        "extent",
        "degree",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "their",
        "there",
        "his",
        "her",
        "he",
        "she",
        "they",
        "them",
        "between",
        "during",
        "years",
        "year",
        "period",
        "after",
        "before",
        "since",
        "until",
        "than",
        "rather",
        "more",
        "most",
        "much",
        "very",
        "into",
        "over",
        "under",
        "about",
        "as",
        "evaluate",
        "discuss",
        "examine",
        "assess",
        "analyse",
        "analyze",
        "compare",
        "contrast",
        "explain",
        "account",
        "agree",
        "disagree",
        "you",
        "your",
        "would",
        "could",
        "should",
        "reasons",
        "reason",
        "have",
        "has",
        "had",
        "better",
    ]
)
_WORDS = re.compile(r"[a-z][a-z'-]+")


_SUFFIXES = ("ically", "ical", "ally", "ful", "ness", "ing", "ies", "ion", "ity", "ic", "al", "ed", "es", "s", "y")


@lru_cache(maxsize=65536)
def term_stem(word: str) -> str:
    """A rough stem, enough to match ``ideological`` with ``ideology`` and ``successful`` with ``success``."""
    word = word.lower().strip("'-")
    for suffix in (
        "ically",
        "ical",
        "ally",
        "ful",
        "ness",
        "ing",
        "ies",
        "ion",
        "ity",
        "ic",
        "al",
        "ed",
        "es",
        "s",
        "y",
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= (3 if suffix == "s" else 4):
            return word[: -len(suffix)]
    return word


def key_terms(text: str, generic: str = "") -> tuple[str, ...]:
    """The question's own content words (stems), without stop words, dates or the pack's generic words."""
    skip = {term_stem(w) for w in _WORDS.findall(generic.lower())}
    seen: dict[str, None] = {}
    for word in _WORDS.findall(text.lower().replace("\u2019", "'")):
        stem = term_stem(word)
        if word not in _STOP and stem not in skip and len(stem) > 2:
            seen.setdefault(stem, None)
    return tuple(seen)


@lru_cache(maxsize=8192)
def stems_of(text: str) -> frozenset[str]:
    """The stems of a text's words (cached: the pack's texts are few and immutable)."""
    return frozenset(term_stem(w) for w in _WORDS.findall(text.lower()))


def carries_term(sentence: str, terms: tuple[str, ...]) -> bool:
    """Whether a sentence uses one of the question's terms: the same stem, or (for words of five letters
    or more) the same first five letters, so that ``succeeded`` carries ``successful`` and ``Anglo-Irish``
    carries ``Irish``."""
    stems = stems_of(sentence.replace("-", " ").replace("–", " "))
    if any(t in stems for t in terms):
        return True
    heads = {s[:5] for s in stems if len(s) >= 5}
    return any(len(t) >= 5 and t[:5] in heads for t in terms)


_HOW_WHAT = re.compile(r"^\W*how (important|significant|successful|effective|serious|far)\b", re.IGNORECASE)


@dataclass(frozen=True)
class QuestionAnalysis:
    """What a question asks: the first item of a top-band plan (marking criteria, checklist 1)."""

    text: str
    command: str
    concept: str
    years: tuple[int, int] | None
    loaded_words: tuple[str, ...]
    question_id: str | None = None
    command_found: bool = True
    historiography: bool = False  # it asks about historians' interpretations, not only events
    shape: str = "extent"
    later_than: int = 9999  # the pack's: items dated after it are dated by publication
    pivot: int | None = None  # the year a turning-point question names (its dates run before and after it)
    # The first and last days an open end names with its month ("after March 2003", "up to June 2009").
    starts: date | None = None
    ends: date | None = None

    @property
    def words_to_define(self) -> tuple[str, ...]:
        """The loaded words, without those inside a longer one ("trade" in "free trade")."""
        words = self.loaded_words
        return tuple(w for w in words if not any(w != other and w in other for other in words))

    @property
    def shape_label(self) -> str:
        return SHAPE_LABELS[self.shape]

    @property
    def command_label(self) -> str:
        """The command term as the question words it: "How important" asks what "How far" does."""
        asked = _HOW_WHAT.match(self.text) if self.command == "how-far" else None
        return f"How {asked.group(1).lower()}" if asked else COMMAND_LABELS[self.command]

    @property
    def concept_label(self) -> str:
        return CONCEPT_LABELS[self.concept]

    @property
    def years_label(self) -> str:
        if self.years is None:
            return "no dates given: cover the whole period the question implies"
        first, last = self.years
        if self.pivot is not None:
            return f"{self.pivot} as a turning point: weigh {first}–{self.pivot} against {self.pivot}–{last}"
        if (self.starts is not None or self.ends is not None) and first == last:
            since = MONTHS[self.starts.month] if self.starts is not None else "January"
            return f"{since} – {MONTHS[self.ends.month] if self.ends is not None else 'December'} {last}"
        if self.starts is not None or self.ends is not None:
            since = f"{MONTHS[self.starts.month]} {first}" if self.starts is not None else str(first)
            until = f"{MONTHS[self.ends.month]} {last}" if self.ends is not None else str(last)
            return f"{since} – {until}"
        return str(first) if first == last else f"{first}–{last}"

    def covers(self, first_year: int, last_year: int) -> bool:
        """Whether a span of years overlaps the question's date range (always true without one)."""
        if self.years is None:
            return True
        return first_year <= self.years[1] and last_year >= self.years[0]

    def covers_item(self, item: Evidence) -> bool:
        """Whether an item may be used without an "outside the question's dates" flag.

        A historian's reading is dated by its publication, not by the events it reads, so it is
        never outside the dates; in a question about historians, neither is any later item (the
        publication of documents decades later, an official admission).
        """
        if item.kind == "interpretation" or (self.historiography and dated_by_publication(item, self.later_than)):
            return True
        if self.ends is not None and item.date.start > self.ends:
            return False
        if self.starts is not None and item.date.end < self.starts:
            return False
        return self.covers(item.date.year, item.date.end_year)


def find_years(
    text: str,
    until: int | None = None,
    period: tuple[int, int] | None = None,
    words: Vocabulary | None = None,
) -> tuple[int, int] | None:
    """The date range a question sets (years after ``until``, if given, left out).

    ``2001–09``, ``2001-2009``, ``2001 to 2009``, ``between 2001 and 2009`` give their span;
    ``the 1980s`` → (1980, 1989) and ``the late 1980s`` → (1986, 1989); ``after 2003`` runs to the end
    of the pack's ``period`` and ``before 2003`` from its start (or from an event the question names that
    the pack's vocabulary dates: "the Corn Laws crisis … up to 1846"); a phrase the pack's vocabulary
    dates (its ``[[period]]`` entries) gives its years. Several dates give the span from the earliest
    to the latest. A question about historians passes ``until``: "how have views changed since
    1991" dates the historians, not the events.
    """
    text = text.replace("\u2019", "'")
    years: list[int] = []
    for match in _YEAR_SPAN.finditer(text):
        first = int(match.group(1))
        second = match.group(2)
        last = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
        if last >= first:
            years += [first, last]
    rest = _YEAR_SPAN.sub(" ", text)
    for match in _DECADE.finditer(rest):
        low, high = _DECADE_PART[match.group(1).lower() if match.group(1) else None]
        decade = int(match.group(2)) * 10
        years += [decade + low, decade + high]
    rest = _DECADE.sub(" ", rest)
    years += [int(m.group(1)) for m in _YEAR.finditer(rest)]
    # "after 1832" runs on to the end of the period and "up to 1846" back to its start, unless the
    # question gives the other end itself ("the famine of 1845 and policy up to June 1846": 1845–1846).
    for match in _OPEN_START.finditer(rest):
        year = int(match.group(1) or match.group(2))
        if period and not any(y > year for y in years):
            years.append(max(year, period[1]))
    # An open end runs back to what the question names, if the pack dates it ("the Corn Laws crisis … up to 1846").
    named = words.period_years(text) if words is not None else None
    for match in _OPEN_END.finditer(rest):
        year = int(match.group(1) or match.group(2))
        if period and not any(y < year for y in years):
            years.append(min(year, named[0] if named is not None and named[0] <= year else period[0]))
    if until is not None:
        years = [y for y in years if y <= until]
    if named is not None and not years:
        years = list(named)
    return (min(years), max(years)) if years else None


_MONTH = "|".join(MONTHS[1:])
_A_MONTH = re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b")
_MONTH_START = re.compile(rf"\b(after|since|from|following)\s+(?:(?:the\s+)?\w+\s+of\s+)?({_MONTH})\s+(\d{{4}})\b")
_MONTH_END = re.compile(
    rf"\b(before|up to|until|till|prior to|by|to)\s+(?:the\s+)?(?:end\s+of\s+)?({_MONTH})\s+(\d{{4}})\b"
)


def find_month_ends(text: str, years: tuple[int, int] | None, causes: bool = False) -> tuple[date | None, date | None]:
    """The first and last days a question's open ends name with a month, when they are the ends of its
    ``years``: "after March 2003" starts on 1 April, "since March 2003" on 1 March; "up to June 2009" ends
    on 30 June, "before June 2009" on 31 May. A month in a name ("the treaty of March 2003") bounds
    nothing, except in a question on ``causes``: what caused the treaty of March 2003 came by March 2003."""
    if years is None:
        return None, None
    starts = ends = None
    if causes:
        named = [MONTHS.index(m.group(1)) for m in _A_MONTH.finditer(text) if int(m.group(2)) == years[1]]
        if named:
            ends = date(years[1], max(named), calendar.monthrange(years[1], max(named))[1])
    for match in _MONTH_START.finditer(text):
        word, month, year = match.group(1).lower(), MONTHS.index(match.group(2)), int(match.group(3))
        if year == years[0]:
            first = date(year, month, 1)
            starts = _next_month(first) if word == "after" else first
    for match in _MONTH_END.finditer(text):
        word, month, year = match.group(1).lower(), MONTHS.index(match.group(2)), int(match.group(3))
        if year == years[1]:
            last = date(year, month, calendar.monthrange(year, month)[1])
            ends = date(year, month, 1) - timedelta(days=1) if word in ("before", "prior to") else last
    if starts is not None and (starts.year != years[0] or starts.month == 1):
        starts = None  # "after December 2002" starts the next year; January starts the year itself
    if ends is not None and (ends.year != years[1] or ends.month == 12):
        ends = None
    return starts, ends


_NAMED_IN_MONTH = re.compile(rf"((?:[\w'’–-]+\s+){{1,6}})(?:of|in)\s+({_MONTH})\s+(\d{{4}})\b")


def month_bounds(text: str, years: tuple[int, int] | None, causes: bool, pack: Pack) -> tuple[date | None, date | None]:
    """``find_month_ends``, with a question on causes ending on the day of the event it names."""
    starts, ends = find_month_ends(text, years, causes)
    return starts, event_day(text, ends, pack) if causes else ends


def event_day(text: str, ends: date | None, pack: Pack) -> date | None:
    """A question on causes that names its event by its month ("the repeal of June 1846") ends on the day
    the pack dates that event, not the month's last: what came later that month did not cause it. The
    event is the first item of that month, dated to the day, whose title names what the question does
    (one of the pack's synonyms: "the repeal", "the Corn Law repeal")."""
    if ends is None:
        return None
    words = pack_vocabulary(pack)
    names = {synonym.token for synonym in pack.vocabulary.synonym} - words.generic  # not "the USSR"
    for match in _NAMED_IN_MONTH.finditer(text):
        if int(match.group(3)) != ends.year or MONTHS.index(match.group(2)) != ends.month:
            continue
        wanted = names.intersection(words.tokens(match.group(1)))
        days = [
            item.date.end
            for item in pack.evidence
            if wanted
            and item.date.start == item.date.end
            and (item.date.start.year, item.date.start.month) == (ends.year, ends.month)
            and wanted.intersection(words.tokens(item.title))
        ]
        if days:
            return min(days)
    return ends


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _command_in(text: str) -> str | None:
    lowered = text.lower().strip()
    for command, pattern in _COMMANDS:
        if re.search(pattern, lowered):
            return command
    return None


def find_command(text: str) -> tuple[str, bool]:
    """The command term, and whether one was found (``to-what-extent`` is the default).

    A question that opens with a quotation is judged by the instruction after it, so words inside
    the quotation ("why", "compared with") do not count as the command.
    """
    quoted = _OPENING_QUOTE.match(text)
    if quoted:
        command = _command_in(quoted.group("tail"))
        if command is not None:
            return command, True
    command = _command_in(text)
    return (command, True) if command is not None else ("to-what-extent", False)


_MACHINERY = re.compile("|".join([p for _, p in _CONCEPTS + _COMMANDS] + [r"\brather\b"]))


def machinery(word: str) -> bool:
    """Whether a word is part of what a question asks to do ("driven", "caused", "how"), not its subject."""
    return bool(_MACHINERY.fullmatch(word.lower()))


def states_concept(text: str, command: str) -> bool:
    """Whether a question names its key concept (otherwise ``find_concept`` assumes aims)."""
    lowered = text.lower()
    return command in ("compare", "why") or any(re.search(pattern, lowered) for _, pattern in _CONCEPTS)


def find_concept(text: str, command: str) -> str:
    """The key concept: comparison for "compare", causes for "why", otherwise the first match."""
    if command == "compare":
        return "comparison"
    if command == "why":
        return "cause"
    lowered = text.lower()
    for concept, pattern in _CONCEPTS:
        if re.search(pattern, lowered):
            return concept
    return "aim"


def find_loaded_words(text: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The loaded words a question uses (the general ones and the pack's own, ``extra``), in the
    order the question uses them."""
    lowered = text.lower()
    found = ((re.search(rf"\b{re.escape(w)}\b", lowered), w) for w in dict.fromkeys(LOADED_WORDS + extra))
    return tuple(w for m, w in sorted(((m, w) for m, w in found if m), key=lambda f: f[0].start()))


def is_historiography(text: str) -> bool:
    """Whether a question asks about historians (their disagreements, sources, changing views)."""
    return bool(_HISTORIOGRAPHY.search(text.lower().replace("\u2019", "'")))


PIVOT_SPAN = 5  # years either side of a turning point a question names
_TURNING_POINT = re.compile(r"\bturning[\s-]point\b|\bwatershed\b")


def analyse_question(text: str, pack: Pack) -> QuestionAnalysis:
    """Decode a question typed or pasted by a student, in the terms of the pack's debate."""
    clean = " ".join(text.split())
    command, found = find_command(clean)
    historiography = is_historiography(clean)
    info, words = pack.info, pack_vocabulary(pack)
    # In a question about historians, a year after the period ("since 1991") dates the historians.
    years = find_years(clean, info.later_than - 1 if historiography else None, info.open_period, words)
    shape = find_shape(clean, command)
    pivot = None
    if years is not None and years[0] == years[1] and _TURNING_POINT.search(clean.lower()):
        # "Was 2004 a turning point?" names the pivot, not the period: weigh the years before against
        # the years after it (five either side, within the pack's period).
        pivot = years[0]
        first, last = info.open_period
        years = (max(first, pivot - PIVOT_SPAN), min(last, pivot + PIVOT_SPAN)) if first <= pivot <= last else years
    concept = find_concept(clean, command)
    causes = concept == "cause" and not historiography
    named = words.period_years(clean) if causes and years is not None and years[0] == years[1] else None
    if named is not None and years is not None and named[0] < years[0]:
        # What caused an event of one year began before it: from what the question names as a cause,
        # when the pack dates it ("the repeal of June 1846 … the result of the Irish famine").
        years = (named[0], years[1])
    starts, ends = month_bounds(clean, years, causes, pack) if pivot is None else (None, None)
    return QuestionAnalysis(
        text=clean,
        command=command,
        concept=concept,
        years=years,
        starts=starts,
        ends=ends,
        loaded_words=find_loaded_words(clean, words.loaded),
        command_found=found,
        historiography=historiography,
        shape=shape,
        later_than=info.later_than,
        pivot=pivot,
    )


def from_question(question: Question, pack: Pack) -> QuestionAnalysis:
    """The analysis of a curated question: its recorded command, concept and years win (a month its
    wording gives to an end of those years bounds it, as in a pasted question). Worked out once per pack
    question: the plan page asks for it on every rerun."""
    if pack.question.get(question.id) is not question:  # not one of this pack's own: nothing to keep
        return _from_question(question, pack)
    analysed = _curated(pack)
    if question.id not in analysed:
        analysed[question.id] = _from_question(question, pack)
    return analysed[question.id]


@per_pack
def _curated(pack: Pack) -> dict[str, QuestionAnalysis]:
    return {}  # filled as the pack's questions are asked for (the pack and its questions never change)


def _from_question(question: Question, pack: Pack) -> QuestionAnalysis:
    historiography = is_historiography(question.text)
    causes = question.concept == "cause" and not historiography
    starts, ends = month_bounds(question.text, question.years, causes, pack)
    return QuestionAnalysis(
        text=question.text,
        command=question.command,
        concept=question.concept,
        years=question.years,
        starts=starts,
        ends=ends,
        loaded_words=find_loaded_words(question.text, pack_vocabulary(pack).loaded),
        question_id=question.id,
        historiography=historiography,
        shape=question.shape or find_shape(question.text, question.command, question.concept),
        later_than=pack.info.later_than,
    )
