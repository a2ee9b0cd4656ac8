"""One plan, one outline: the parts of a plan as headings and labelled lines, written once.

Every output renders this outline and nothing else: the Markdown file, the plan on screen (one
part or the whole plan), the projection slides. Wording lives here; the renderers only escape
and lay out. The word count (and so the exam-size check) is taken from the same text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from arguments.checklist import MET, TO_DO, CheckItem, check_plan
from arguments.essay import BodyParagraph, EssayPlan, EvidenceUse
from arguments.model import KIND_LABELS, Work
from arguments.question import GENERIC_SHAPES
from arguments.wording import command_guidance, first_sentence, run_on

Escape = Callable[[str], str]

QUESTION, INTRODUCTION, OPPOSING, HISTORIOGRAPHY, CONCLUSION, BIBLIOGRAPHY, CHECKLIST = (
    "question",
    "introduction",
    "opposing",
    "historiography",
    "conclusion",
    "bibliography",
    "checklist",
)
STANCE_LABELS = {"stands": "the claim stands", "qualified": "qualified", "conceded": "conceded"}
# How the case against fares against the plan's answer to it (its stance against that counter).
RIVAL_FARES = {"stands": "the rival case still stands", "qualified": "it survives in part", "conceded": "it gives way"}


@dataclass(frozen=True)
class Line:
    """A labelled line ("Thesis: …"), or a plain item when ``label`` is empty, with nested lines."""

    label: str
    text: str
    children: tuple[Line, ...] = ()
    kind: str = ""  # "counter": hidden on a projected slide until revealed


@dataclass(frozen=True)
class Part:
    id: str  # "question", "introduction", a claim id, "opposing", "historiography", …
    title: str
    lines: tuple[Line, ...]
    note: str = ""  # the student's note for this part
    counted: bool = True  # counts towards the plan's size (not the bibliography or checklist)


@dataclass(frozen=True)
class Outline:
    title: str
    parts: tuple[Part, ...]
    words: int
    checklist: tuple[CheckItem, ...] = ()  # the checklist's marks, as its part shows them

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)


# Words a descriptive line may take in an exam plan, cut at a clause (the background, what each
# school rests on, the verdict on the readings at the tightest); reasoning is never cut.
BUDGET = {"context": 24, "why": 32, "convinces": 36}
# A topic sentence carries the argument: an exam plan cuts only a long one, at a clause after its point.
TOPIC_WORDS = 40
ANSWER_WORDS = 48  # the answer to the case against, in an exam plan: its first sentence, or a clause of it
_VERDICT_OPENING = re.compile(
    r"^(?:qualified|the claim stands|stands|largely conceded|conceded|concede[^:]{0,40})\s*:\s*", re.I
)


@dataclass(frozen=True)
class Trim:
    """What an exam plan leaves out to fit its time: extras first, never the reasoning."""

    errors: int = 2  # lines of "Avoid these errors"
    context: bool = True  # the introduction's background line
    citations: bool = True  # a short citation after each item (the bibliography lists them all)
    entries: int = 3  # historians in the historiography paragraph
    lean: bool = False  # the question's task in one line, no separate extent line (the thesis has it)
    signposts: bool = True  # the roadmap names each paragraph's argument (else: their numbers and roles)
    basis: bool = True  # a historian's entry names the items it rests on (else: the paragraph that has them)
    answer: int = ANSWER_WORDS  # words of the answer to the case against
    counters: bool = True  # the judgement names the counters that qualify each paragraph
    definitions: bool = True  # the key terms' working definitions (else only the words to define)
    rival_items: int = 2  # dated items for the case against
    weighing: bool = True  # the conclusion's line on why the decisive paragraph weighs most (the ranking stays)


def _ladder(*steps: dict[str, object]) -> tuple[Trim, ...]:
    """Each trim leaves out what the one before did, and one thing more."""
    trims, trim = [], Trim()
    for step in steps:
        trim = replace(trim, **step)
        trims.append(trim)
    return tuple(trims)


# Tried in turn until the plan fits: extras first, then the tightest wordings.
TRIMS = _ladder(
    {},
    {"errors": 1},
    {"context": False},
    {"citations": False},
    {"errors": 0, "entries": 2},
    {"lean": True},
    {"signposts": False},
    {"basis": False},
    {"counters": False},
    {"rival_items": 1},
    {"answer": ANSWER_WORDS // 2},
    {"definitions": False},  # a term left undefined costs a checklist point (13); the rest costs less
    {"weighing": False},  # the ranking still names the decisive paragraph
    {"entries": 1},  # the last resort: one historian weighed in the historiography (the paragraphs name theirs)
)
FULL = Trim(errors=99, entries=99)  # revision notes: everything


@lru_cache(maxsize=16384)
def _boundaries(sentence: str) -> tuple[int, ...]:
    """Where a sentence can be cut: after a comma, semicolon, colon or dash outside brackets and quotes."""
    found, depth, quoted = [], 0, False
    for i, ch in enumerate(sentence):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in '“”"':
            quoted = not quoted
        elif depth == 0 and not quoted and (ch in ",;:" or sentence.startswith(" –", i)):
            found.append(i)
    return tuple(found)


# Inserts a sentence reads the same without: brackets, and comma-bounded phrases that open with a
# preposition or a relative word (", with a permanent Council seat,"). The main clause stays whole.
_BRACKETS = re.compile(r"\s*\([^()]*\)")
_INSERT = re.compile(
    r",\s+(?:with|which|who|whose|whom|including|under|during|after|before|like|unlike|as|in|on|at|for|from|"
    r"by|through|despite|then|once|its|their|his|her|both|even)\b[^,;:]{0,80},"
)


@lru_cache(maxsize=65536)
def first_clause(sentence: str) -> str:
    """A sentence up to its first semicolon: an independent clause, whole (never a fragment)."""
    cut = next((at for at in _boundaries(sentence) if sentence[at] == ";"), None)
    if cut is None or len(sentence[:cut].split()) < 8:
        return sentence
    return sentence[:cut].rstrip() + "."


# What follows a list's second-last comma: "…, institutions and economies," (the comma ended a list
# item, not an insert: "to a division built into policies, institutions and economies").
_LIST_TAIL = re.compile(r"\s*\w+(?:\s+\w+)?\s+(?:and|or)\s+\w+\s*[,.;]")


# A clause the insert stood before that needs its comma back ("in 1846, after the famine began, and it
# split the party" → "in 1846, and it split the party").
_JOINED = re.compile(r"\s+(?:and|but|so|yet|or|nor|while|whereas|because|though|although|which|who)\b")


def _drop_insert(match: re.Match[str]) -> str:
    if _LIST_TAIL.match(match.string, match.end()):
        return match.group()
    return "," if _JOINED.match(match.string, match.end()) else ""


@lru_cache(maxsize=65536)
def compress(sentence: str) -> str:
    """A sentence without the inserts it reads the same without; never cut short."""
    shorter = _BRACKETS.sub("", sentence)
    shorter = _INSERT.sub(_drop_insert, shorter)
    return shorter if len(shorter.split()) >= 6 else sentence


# A sentence that opens with a phrase before its main clause: a participle or a preposition.
_OPENER = re.compile(
    r"^(?:\w+ing|In|On|At|By|After|Before|With|From|When|While|Although|Though|As|Once|Having|Faced|Left|Unlike|Like|Despite|For|Within|Until|Since)\b"
)


@lru_cache(maxsize=65536)
def brief(text: str, words: int) -> str:
    """The first sentence of ``text`` in about ``words`` words: cut at a clause (never inside brackets or
    quotes, never into a fragment of less than half the budget), else kept whole."""
    sentence = first_sentence(text.strip())
    if len(sentence.split()) <= words:
        return sentence
    best = None
    opener = _OPENER.match(sentence) is not None
    for at in _boundaries(sentence):
        n = len(sentence[:at].split())
        if opener and n <= 10 and best is None:
            continue  # "Joining the alliance in 2004, …": an opening phrase says nothing yet
        if n >= words / 2 and (best is None or n <= words):
            best = at
            if n >= words:
                break
    if best is None:
        return sentence
    return sentence[:best].rstrip(" ,;:–") + "…"


# Where an answer's reasoning starts: its last ", so …", ", which …" or ": …" clause.
_REASON = re.compile(r"(?:, (?=so |which )|: )")
# A phrase that trails its clause and can go ("…, weeks before the treaty, so …"): it opens with a
# preposition, an article or a participle, never with a verb, "that" or "the" (a main clause).
_TRAILING = re.compile(
    r"(?:after|against|at|before|by|despite|during|for|from|in|less|more|on|only|since|under|until|while|with|"
    r"within|without|weeks|days|months|years|a|an|\w+ing)\b"
)


_PRONOUN = re.compile(r"\b(?:he|him|his|she|her|they|them|their)\b")


@lru_cache(maxsize=16384)
def reasoned(text: str, words: int) -> str:
    """The first sentence of ``text`` in about ``words`` words, keeping the clause that draws its
    conclusion: the phrase before ", so …" goes first ("The Corn Laws went in 1846, weeks before the
    famine's worst winter, so …" keeps "so …"). Otherwise, as ``brief``."""
    sentence = first_sentence(text.strip())
    if len(sentence.split()) <= words:
        return sentence
    boundaries = _boundaries(sentence)
    cuts = [m.start() for m in _REASON.finditer(sentence) if m.start() in boundaries]
    before = [b for b in boundaries if cuts and b < cuts[-1]]
    if before:
        head, dropped, tail = sentence[: before[-1]], sentence[before[-1] + 1 : cuts[-1]], sentence[cuts[-1] :]
        shorter = head + tail
        dangling = _PRONOUN.search(tail) and re.search(r"\b[A-Z]", dropped)  # "him" was the one it named
        if (
            _TRAILING.match(dropped.strip())
            and not dangling
            and len(shorter.split()) <= words
            and len(head.split()) >= 6
        ):
            return shorter
    return brief(sentence, words)


def without_verdict(rebuttal: str) -> str:
    """A rebuttal without its opening verdict word (the label already says it)."""
    rest = _VERDICT_OPENING.sub("", rebuttal.strip(), count=1)
    return rest[:1].upper() + rest[1:] if rest else rebuttal


def cites(works: tuple[Work, ...] | list[Work]) -> str:
    return "; ".join(w.short for w in works)


def _short(trim: Trim) -> Callable[[str, str], str]:
    """Exam plans keep each line's first sentence, without asides; revision notes keep everything."""
    if trim is FULL:
        return lambda text, _kind: text
    return lambda text, _kind: first_clause(compress(first_sentence(text.strip())))


def _evidence(use: EvidenceUse, plan: EssayPlan, works: dict[str, Work], trim: Trim) -> Line:
    item = use.evidence
    full = trim is FULL
    source = cites([works[w] for w in item.sources if w in works][: None if full else 1]) if trim.citations else ""
    how = use.point if use.point and not full else _short(trim)(use.how, "how")
    text = f"{how} ({source})" if source else how
    children: list[Line] = []
    if full:
        children.append(Line("What", item.summary))
        children.append(Line("Kind", KIND_LABELS[item.kind]))
    return Line(_named(use, trim, works), text, tuple(children) + _outside(use, plan))


def _named(use: EvidenceUse, trim: Trim, works: dict[str, Work]) -> str:
    """``18 September 2004 · The state joins the alliance``: an item's date and title (short in an exam
    plan). A historian's reading is cited as one, not dated like an event: ``Smith (1995): the treaty
    was a bluff`` (its title's own "Smith:" not said twice)."""
    item = use.evidence
    title = item.named(short=trim is not FULL)
    work = _reading_of(use, works)
    if work is None:
        return f"{item.date.label} · {title}"
    said, colon, rest = title.partition(": ")
    if colon and (said in work.author or said in work.surnames):
        return f"{work.short}: {rest}"  # "Smith: the treaty was a bluff"
    for name in (work.author, work.surnames):
        if title.startswith(f"{name} "):  # "Smith on the treaty" → "Smith (1995) on the treaty"
            return f"{work.short}{title[len(name) :]}"
    return f"{work.short}: {title}"


def _reading_of(use: EvidenceUse, works: dict[str, Work]) -> Work | None:
    """The work a historian's reading comes from (None for a dated event)."""
    item = use.evidence
    return works.get(item.sources[0]) if item.kind == "interpretation" and item.sources else None


def _cites(use: EvidenceUse, works: dict[str, Work], text: str) -> bool:
    """Whether ``text`` cites the work a historian's reading comes from ("Smith (1995) shows …")."""
    work = _reading_of(use, works)
    return work is not None and work.short in text


def _rebuttal(use: EvidenceUse, trim: Trim) -> str:
    """The rebuttal in full (revision notes), else the pack's short reply, else its first sentence."""
    if trim is FULL:
        return use.rebuttal
    return use.reply or _short(trim)(without_verdict(use.rebuttal), "rebuttal")


def _outside(use: EvidenceUse, plan: EssayPlan) -> tuple[Line, ...]:
    """The flag on an item outside the question's dates (revision notes only: an exam plan leaves them out)."""
    if not (use.outside_range and plan.question is not None):
        return ()
    return (Line(f"Outside the question's dates ({plan.question.years_label})", "use it only as labelled context"),)


def _rival_items(p: BodyParagraph, count: int) -> tuple[EvidenceUse, ...]:
    """The case against's items an exam plan shows, in date order: the best fits, not the earliest (those
    its answer names fit best: ``choose_support``)."""
    best = sorted(p.support, key=lambda u: u.fit)[:count]
    return tuple(u for u in p.support if u in best)


def _paragraph(p: BodyParagraph, plan: EssayPlan, works: dict[str, Work], trim: Trim) -> Part:
    full = trim is FULL
    lines = [Line("School" if len(p.schools) == 1 else "Schools", ", ".join(s.name for s in p.schools))]
    if p.role == "opposing":
        lines.append(Line("The rival case", p.topic_sentence if full else brief(p.topic_sentence, TOPIC_WORDS)))
        shown = p.support if full else _rival_items(p, trim.rival_items)
        lines.append(Line("Its evidence", "", tuple(_evidence(u, plan, works, trim) for u in shown)))
        for use in p.counter:
            # The answer in the plan's own voice (the counter's "how", written against the rival claim),
            # labelled with how the rival case fares; revision notes add the rival school's own reply.
            how = use.how if full else reasoned(use.how, trim.answer)
            # A historian's reading whose answer cites them already ("Smith (1995) shows …") is not cited twice.
            answer = how if _cites(use, works, how) else f"{_named(use, trim, works)}: {how}"
            reply = (Line(f"The rival school's reply ({STANCE_LABELS[use.stance]})", _rebuttal(use, trim)),)
            label = f"The answer ({RIVAL_FARES[use.stance]})"
            lines.append(Line(label, answer, (reply if full else ()) + _outside(use, plan), kind="counter"))
        lines.append(Line("Weighed", p.weighing))  # one generated sentence: nothing to shorten
    else:
        lines.append(Line("Topic sentence", p.topic_sentence if full else brief(p.topic_sentence, TOPIC_WORDS)))
        if p.support:
            lines.append(Line("Evidence", "", tuple(_evidence(u, plan, works, trim) for u in p.support)))
        else:
            lines.append(Line("Evidence", "none inside the question's dates: find your own or choose another thesis"))
        for use in p.counter:
            # Revision notes say which schools rely on the item; an exam plan just weighs it.
            rivals = (
                f" (relied on by the {' and the '.join(s.name for s in use.schools)})" if full and use.schools else ""
            )
            lines.append(
                Line(
                    f"Counter{rivals}",
                    _named(use, trim, works) + (f": {use.how}" if full else ""),
                    (Line(f"Rebuttal ({STANCE_LABELS[use.stance]})", _rebuttal(use, trim)),) + _outside(use, plan),
                    kind="counter",
                )
            )
        if not p.counter:
            lines.append(Line("Counter", "none left: a top-band paragraph weighs at least one", kind="counter"))
    # At the tightest, the case against names its historian in the historiography only.
    if p.historians and not (trim.lean and not trim.basis and p.role == "opposing"):
        lines.append(
            Line(
                "Historians",
                "; ".join(dict.fromkeys(f"{w.short}, {w.title}" for w in p.historians))
                if full
                else _by_author(p.historians),
                kind="counter",
            )
        )
    if p.role != "opposing":
        lines.append(Line("Link", p.link if full else p.link_short))
    part_id = OPPOSING if p.role == "opposing" else p.claim.id
    heading = p.heading
    return Part(part_id, f"Paragraph {p.number}: {heading}", tuple(lines), p.note)


def build_outline(plan: EssayPlan) -> Outline:
    """The plan as parts: question, introduction, paragraphs, historiography, conclusion, bibliography,
    checklist (the checklist is marked on the word count of the parts before it). An exam plan drops
    extras, then cuts lines to their first clauses, until it fits the essay's time (``TRIMS``)."""
    limit = plan.length.words
    # The plan's title and its schools line count too, as a word count of the page would count them.
    header = _words(f"Essay plan: {plan.thesis.title}") + _words(
        f"Schools: {', '.join(s.name for s in plan.schools)} · {plan.length.label}"
    )
    sections = _Sections(plan)
    if limit is None:
        trim = FULL
    else:  # the first (least cut) trim that fits: fewer words with each trim, so halve the search
        low, high = 0, len(TRIMS) - 1
        while low < high:
            middle = (low + high) // 2
            if sections.words(TRIMS[middle]) + header <= limit:
                high = middle
            else:
                low = middle + 1
        trim = TRIMS[low]
    parts = sections.parts(trim)
    words = sections.words(trim) + header
    bibliography = tuple(Line("", bibliography_entry(w)) for w in plan.bibliography)
    marks = {MET: "met", TO_DO: "to do"}
    checked = check_plan(plan, words, defined=trim.definitions, rival_items=None if trim is FULL else trim.rival_items)
    checklist = tuple(Line(f"{c.number}. {c.point}", f"{marks.get(c.status, 'yours')}: {c.reason}") for c in checked)
    parts += [
        Part(BIBLIOGRAPHY, f"Bibliography ({len(plan.bibliography)})", bibliography, counted=False),
        Part(CHECKLIST, "Top-band checklist", checklist, counted=False),
    ]
    return Outline(f"Essay plan: {plan.thesis.title}", tuple(parts), words, checked)


class _Sections:
    """A plan's parts (question to conclusion) under each trim tried, with their word counts. A part is
    built once for each value of the trim's fields it reads: most steps of the ladder change one or two
    parts, so fitting a plan to its time builds the rest once, not once per trim tried."""

    def __init__(self, plan: EssayPlan):
        self.plan = plan
        self.works = {w.id: w for w in plan.bibliography}
        self.built: dict[tuple[object, ...], tuple[Part, int]] = {}

    def _part(self, key: tuple[object, ...], build: Callable[[], Part]) -> tuple[Part, int]:
        found = self.built.get(key)
        if found is None:
            part = build()
            found = self.built[key] = (part, count_words(part))
        return found

    def _built(self, trim: Trim) -> list[tuple[Part, int]]:
        plan, full = self.plan, trim is FULL
        # Each key names the part and the fields of the trim that part reads (see its function).
        built = []
        if plan.question is not None:
            key = ("question", full, trim.lean, trim.definitions)
            built.append(self._part(key, lambda: _question_part(plan, trim)))
        key = ("introduction", full, trim.errors, trim.context, trim.lean, trim.signposts)
        built.append(self._part(key, lambda: _introduction_part(plan, trim)))
        for p in plan.body:
            # The case against also reads how many items it shows, how long its answer may be and
            # whether it names its historian.
            reads = (trim.rival_items, trim.answer, trim.lean and not trim.basis) if p.role == "opposing" else ()
            key = ("paragraph", p.number, full, trim.citations, *reads)
            built.append(self._part(key, lambda p=p: _paragraph(p, plan, self.works, trim)))
        key = ("historiography", full, trim.lean, trim.entries, trim.basis)
        built.append(self._part(key, lambda: _historiography_part(plan, trim)))
        key = ("conclusion", full, trim.counters, trim.weighing)
        built.append(self._part(key, lambda: _conclusion_part(plan, trim)))
        return built

    def parts(self, trim: Trim) -> list[Part]:
        """The parts a student writes from (question to conclusion), cut as ``trim`` says."""
        return [part for part, _ in self._built(trim)]

    def words(self, trim: Trim) -> int:
        return sum(words for part, words in self._built(trim) if part.counted)


def _question_part(plan: EssayPlan, trim: Trim) -> Part:
    """The question decoded (reads ``trim.lean``)."""
    q = plan.question
    assert q is not None
    guidance = command_guidance(q.command, q.concept)
    decoded = (
        f"{q.command_label}: {guidance}. The task: {q.shape_label}. "
        f"Key concept: {q.concept_label}. Dates: {q.years_label}."
        if not trim.lean  # at the tightest, the task in the question's terms (the command's meaning goes)
        else f"{q.command_label}: {guidance if q.shape in GENERIC_SHAPES else q.shape_label}"
        f" ({q.concept_label}, {q.years_label})."
    )
    lines = [Line("Question", q.text), Line("Decoded", decoded)]
    defined = dict(plan.introduction.definitions) if trim.definitions else {}
    if defined:
        lines.append(Line("Key terms", "; ".join(f"“{word}”: {meaning}" for word, meaning in defined.items())))
    undefined = [w for w in q.words_to_define if w not in defined]
    if undefined:
        lines.append(Line("Define", ", ".join(undefined)))
    return Part(QUESTION, "The question", tuple(lines))


def _introduction_part(plan: EssayPlan, trim: Trim) -> Part:
    """Reads ``trim.errors``, ``context``, ``lean`` and ``signposts``."""
    q, intro = plan.question, plan.introduction
    short = _short(trim)
    full = trim is FULL
    lines = []
    if intro.fit_warning:
        lines.append(Line("Warning", intro.fit_warning))
    if intro.dates_warning:
        lines.append(Line("Dates", intro.dates_warning))
    if trim.context:
        lines.append(Line("Context (background, not evidence)", brief(intro.context, BUDGET["context"])))
    if full and q is not None:
        lines.append(Line("The question in its own terms", intro.question_focus))
    lines += [
        Line("Thesis" + (" (your wording)" if plan.edits.thesis_text else ""), intro.thesis_statement),
        *([] if trim.lean else [Line("Extent", intro.verdict)]),
        Line("Criteria", short(intro.criteria, "criteria")),
        Line("Roadmap", "; ".join(intro.roadmap if full else (_roadmap_step(p) for p in plan.body)))
        if full or trim.signposts
        else Line("Roadmap", _roadmap_numbers(plan)),
    ]
    errors = intro.errors[: trim.errors]
    if errors:
        lines.append(Line("Avoid these errors", "", tuple(Line("", e) for e in errors)))
    return Part(INTRODUCTION, "Introduction", tuple(lines), intro.note)


def _historiography_part(plan: EssayPlan, trim: Trim) -> Part:
    """Reads ``trim.lean``, ``entries`` and ``basis``."""
    hist = plan.historiography
    full = trim is FULL
    lines = [] if trim.lean else [Line("", hist.placement)]  # the entries and "why they differ" name the schools
    entries = hist.entries
    if len(entries) > trim.entries:  # keep the case against (the last entry)
        entries = entries[: trim.entries - 1] + entries[-1:]
    for e in entries:
        if full:
            lines.append(
                Line(
                    f"{e.work.short}, {e.work.title} ({e.school})",
                    "",
                    (
                        Line("Claim", e.claim),
                        Line("Evidence basis", e.basis),
                        Line("Evaluation", e.evaluation),
                        Line("Relevance", e.relevance),
                    ),
                )
            )
        else:  # one line: claim (where it is used), evidence basis; evaluation
            where = e.relevance.replace("Paragraph", "paragraph").replace(" (the case against)", ", the case against")
            basis = f", citing {e.basis_short}" if trim.basis and e.basis_short else ""
            text = f"{e.claim_short} ({where}){basis}; {e.evaluation_short}."
            lines.append(Line(f"{e.work.short}, {e.school}", text))
    # An exam plan compares two readings: the plan's own (first) and the rival's (last).
    parts_why = (
        hist.why_differ_parts[:1] + hist.why_differ_parts[-1:]
        if len(hist.why_differ_parts) > 1
        else hist.why_differ_parts
    )
    # What each school rests on, in a clause (its sources and method): description, so it may be cut.
    why = hist.why_differ if full else " ".join(brief(w, BUDGET["why"]) for w in parts_why)
    convinces = hist.evaluation if full else brief(hist.evaluation, BUDGET["convinces"])
    lines += [Line("Why they differ", why), Line("Which reading convinces", convinces)]
    for view in hist.views:
        role = "this plan's view" if view.in_thesis else "rival view"
        lines.append(
            Line(
                f"{view.school.name} ({role})",
                view.school.summary,
                (Line("Basis", view.school.basis), Line("Historians", cites(view.works))),
            )
        )
    return Part(HISTORIOGRAPHY, "Historiography", tuple(lines), hist.note)


def _conclusion_part(plan: EssayPlan, trim: Trim) -> Part:
    """Reads ``trim.counters`` and ``trim.weighing``."""
    conc = plan.conclusion
    short = _short(trim)
    full = trim is FULL
    lines = [Line("Judgement", conc.judgement if trim.counters else conc.judgement_brief)]
    if full:
        lines.append(Line("Factors ranked", "", tuple(Line("", f) for f in conc.factors)))
    else:
        ranked = sorted(plan.paragraphs, key=lambda p: p.rank)
        # The paragraphs by weight; the decisive one named (the headings name the rest).
        order = " > ".join(
            f"paragraph {p.number} ({run_on(p.heading.rstrip('.…'))})" if i == 0 else str(p.number)
            for i, p in enumerate(ranked)
        )
        lines.append(Line("Ranked, decisive first", order))
    if conc.weighing and trim.weighing:
        lines.append(Line("Weighing", short(conc.weighing, "convinces")))
    if full:
        lines.append(Line("How to frame it", conc.judgement_frame))
    return Part(CONCLUSION, "Conclusion", tuple(lines), conc.note)


def _roadmap_step(p: BodyParagraph, words: int = 8) -> str:
    """``2. The crisis taught the government to distrust its allies``: a paragraph's heading (its first
    words), as a signpost."""
    against = "against: " if p.role == "opposing" else ""
    heading = p.heading.removeprefix("The strongest case against: ").rstrip("…").split()
    return f"{p.number}. {against}{' '.join(heading[:words])}" + ("…" if len(heading) > words else "")


def _by_author(works: tuple[Work, ...]) -> str:
    """``Smith (1993, 1999); Jones (1995)``: short citations, one per author."""
    years: dict[str, list[str]] = {}
    for w in works:
        years.setdefault(w.surnames, []).append(str(w.year))
    return "; ".join(f"{author} ({', '.join(dict.fromkeys(ys))})" for author, ys in years.items())


def _roadmap_numbers(plan: EssayPlan) -> str:
    """``paragraphs 1–3 argue the thesis, 3 weighing most; 4 weighs the case against``: the order in a line
    (the paragraph headings name the arguments)."""
    body = plan.paragraphs
    span = f"{body[0].number}–{body[-1].number}" if len(body) > 1 else f"{body[0].number}" if body else ""
    decisive = next((p.number for p in body if p.rank == 1), None)
    line = f"paragraphs {span} argue the thesis" + (f", {decisive} weighing most" if decisive else "")
    if plan.opposing is not None:
        line += f"; {plan.opposing.number} weighs the case against"
    return line + "; the conclusion ranks them"


def bibliography_entry(work: Work) -> str:
    where = f", in {work.published_in}" if work.published_in else ""
    publisher = f", {work.publisher}" if work.publisher else ""
    return f"{work.author} ({work.year}). {work.title}{where}{publisher}."


_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


@lru_cache(maxsize=65536)
def _words(text: str) -> int:
    """Words as a student or a word processor counts them, whichever is more: runs of letters and
    digits (``2001–09`` is two), or runs between spaces that hold a letter or digit (``2001–09`` is one)."""
    spaced = sum(1 for token in text.split() if any(ch.isalnum() for ch in token))
    return max(len(_WORD.findall(text)), spaced)


def _line_words(line: Line) -> int:
    return _words(line.label) + _words(line.text) + sum(_line_words(c) for c in line.children)


def count_words(part: Part) -> int:
    """Words in a part as a student would count them (title and lines; not the student's note)."""
    return _words(part.title) + sum(_line_words(line) for line in part.lines)


def line_markdown(line: Line, esc: Escape, depth: int = 0, *, reveal: bool = True) -> list[str]:
    pad = "  " * depth
    if line.kind == "counter" and not reveal:
        return []
    label = f"**{esc(line.label)}:**" if line.label else ""
    text = esc(line.text) if line.text else ""
    out = [f"{pad}- {label}{' ' if label and text else ''}{text}"]
    for child in line.children:
        out += line_markdown(child, esc, depth + 1, reveal=reveal)
    return out


def part_markdown(part: Part, esc: Escape, *, reveal: bool = True) -> str:
    """One part's lines as a Markdown list (no heading): every character of data and student text escaped."""
    out: list[str] = []
    for line in part.lines:
        out += line_markdown(line, esc, reveal=reveal)
    return "\n".join(out)
