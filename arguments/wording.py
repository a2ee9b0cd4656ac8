"""The plan's own wording: command terms, extents, headings, topic sentences, links, the verdict.

Pure string work on the pack's texts and the decoded question; no choices of evidence.
"""

from __future__ import annotations

import re
import unicodedata

from arguments.dates import MONTHS
from arguments.essay import CONCEDED, QUALIFIED, STANDS, BodyParagraph
from arguments.model import Claim, Work
from arguments.question import QuestionAnalysis, carries_term, stems_of

HEADING_WORDS = 8  # a paragraph's heading: its claim's first words

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

# "How important was X …?" asks how far one factor mattered, not whether a claim holds.
_FACTOR_GUIDANCE = "weigh how much difference it made against the other factors, and state a clear extent"


def command_guidance(command: str, concept: str) -> str:
    """What a command term asks the essay to do; "how far" on a factor's significance asks it to weigh
    the factor against the others (there is no claim to weigh)."""
    return _FACTOR_GUIDANCE if command == "how-far" and concept == "significance" else COMMAND_GUIDANCE[command]


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


def refine_extent(verdict: str, concessions: int) -> str:
    """The extent the plan can defend: two or more concessions move the thesis's extent one step down
    ("Mainly for defence" → "Partly for defence"), and the introduction states it so, as the conclusion
    does (a thesis that says "largely" and a conclusion that says "partly" contradict each other)."""
    step = extent_step(verdict)
    if concessions < 2 or step is None or step == len(EXTENTS) - 1:
        return verdict
    said = next(w for w in EXTENTS[step][1] if verdict.casefold().startswith(w))
    return EXTENTS[step + 1][0] + verdict[len(said) :]


def lowered_first(phrase: str) -> str:
    """A phrase inside a sentence: its first letter lowered, the rest as written ("the Irish famine", "Peel")."""
    return phrase[:1].lower() + phrase[1:]


def with_extent(statement: str, verdict: str, extent: str) -> str:
    """A sentence with its verdict phrase changed to the plan's extent, or as it was if it does not
    hold the phrase (a student's own wording)."""
    at = statement.casefold().find(verdict.casefold())
    if extent == verdict or at < 0:
        return statement
    new = extent if at == 0 else lowered_first(extent)
    return statement[:at] + new + statement[at + len(verdict) :]


def clean_correction(text: str) -> str:
    """A correction as a student reads it: the right fact, without where the error was seen."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = [s for s in sentences if s and not _AUTHORS_NOTE.search(s)]
    if len(kept) < len(sentences) and kept:
        # "This is one-sided: the allies did press the government": drop the pointer to the sentence dropped.
        rest = _BACK_REFERENCE.sub("", kept[0], count=1)
        kept[0] = rest[:1].upper() + rest[1:]
    return " ".join(kept)


_PHRASE_OPENING = re.compile(
    r"(?:from|through|after|before|with|without|in|on|at|by|between|despite|during|for|until|since|when|while|"
    r"although|though|once|unlike|like|as)\b",
    re.I,
)


def answer_head(statement: str, words: int = 40, *, reason: bool = True) -> str:
    """A thesis statement's answer and its first reason: up to the end of the first clause after
    "because" ("… largely because of what each side offered by mid-August 2009.")."""
    sentence = first_sentence(statement)
    lead, colon, rest = sentence.partition(": ")
    if colon and len(lead.split()) < 8:  # "The claim holds to a large extent: the policy …"
        sentence = rest[:1].upper() + rest[1:]
    pieces = re.split(r"(,?\s+because\b)", sentence, maxsplit=1)
    head = pieces[0]
    # The answer, "because", the reasons: keep the first reason's clause (always, if the answer alone is
    # only its extent: "To a large extent, because …").
    if len(pieces) == 3 and (reason or len(pieces[0].split()) < 6):
        reason = re.split(r"[,;:]\s", pieces[2], maxsplit=1)[0]
        # … unless it is a phrase, not a clause ("because from alliance entry in 2004"): the answer alone.
        if not _PHRASE_OPENING.match(reason.strip()):
            head += pieces[1] + reason
    head = re.split(r"[;:]\s", head, maxsplit=1)[0].strip().rstrip(",;:.")
    parts = head.split()
    if len(parts) > words:
        cut = " ".join(parts[:words])
        head = cut[: cut.rfind(",")] if cut.rfind(",") > len(cut) * 0.4 else cut
    return head.rstrip(",;: ") + "."


def author_year(work: Work) -> tuple[str, int, str]:
    return (unicodedata.normalize("NFKD", work.surnames).casefold(), work.year, work.title.casefold())


NAME = re.compile(r"\b[A-Z][\w'’]+(?:(?:\s+(?:of|the|and)\s+|\s+|[–-])[A-Z][\w'’]+)*")
_MONTH_AFTER = re.compile(rf"\s+(?:of\s+|in\s+)?(?:{'|'.join(MONTHS[1:])})$")  # "the Pact of August"


def names_in(question: QuestionAnalysis, generic: str) -> list[str]:
    """The names a question gives, longest first, each with the article the question gives it ("the
    Paris Agreement"); not the pack's generic words, not possessives."""
    first = question.text.split(" ", 1)[-1]  # not the opening word, capitalised as every sentence is
    common = set(generic.lower().split())
    names = sorted(
        (
            n
            for n in (_MONTH_AFTER.sub("", found) for found in NAME.findall(first))
            if len(n) > 3 and not set(n.lower().split()) <= common and not n.endswith(("'s", "’s"))
        ),
        key=lambda n: -len(n),
    )
    return [f"the {n}" if re.search(rf"\bthe {re.escape(n)}", first) else n for n in names]


def question_foci(question: QuestionAnalysis | None, terms: tuple[str, ...], generic: str = "") -> tuple[str, ...]:
    """What the question is about, to tie a topic sentence to it ("On free trade: …"): its
    loaded phrases ("free trade"), then the names it gives as names ("the Corn Laws", "Parliament";
    not "Chartist" in "Chartist petitions"), then a word of its own that names a subject
    ("protectionism", "reform"). Never a word that names none: a verb ("began"), an adjective
    ("available"), a modifier ("primarily") or one of the historian's own concepts ("significance",
    "causes and reasons"), which read as a machine's label ("On began: …")."""
    if question is None:
        return ()
    loaded = sorted(question.loaded_words, key=lambda w: -len(w.split()))
    phrases = [w for w in loaded if len(w.split()) > 1]
    names = [n for n in names_in(question, generic) if _a_name_as_noun(n, question.text)]
    words = [w for w in [*loaded, *re.findall(r"[a-z][\w'’-]+", question.text)] if _names_a_subject(w, question.text)]
    candidates = [*phrases, *names, *words]
    return tuple(dict.fromkeys(c for c in candidates if carries_term(c, terms)))


# Abstract nouns: what a paragraph can be "on" without an article ("On security: …").
_SUBJECT_ENDINGS = ("ity", "ism", "ogy", "ment", "ance", "ence", "sion", "tion")
# The historian's concepts and the question's own machinery: never what a paragraph is about.
_CONCEPTS = frozenset(
    {"significance", "importance", "development", "continuity", "consequence", "interpretation", "intention"}
    | {"question", "extent", "relevance", "difference", "similarity", "assessment", "explanation"}
)
# Words that may follow a name in a question without making it an adjective ("Parliament in 1846").
_AFTER_NAME = frozenset(
    {"in", "and", "or", "of", "the", "to", "was", "were", "is", "rather", "between", "with", "by", "for", "a"}
    | {"from", "after", "before", "during", "up", "until", "at", "on", "as", "than", "had", "did", "not"}
)


# Words that may come before a name without narrowing it ("policy in Ireland", "the role of Peel").
_BEFORE_NAME = _AFTER_NAME | frozenset({"did", "does", "do", "when", "why", "how", "that", "which", "who", "against"})


def _names_a_subject(word: str, text: str) -> bool:
    """An abstract noun that names a subject by itself: not the head of an "of" phrase ("the repeal
    of the Corn Laws", "the maintenance of order"), which says nothing without it."""
    return (
        word.islower()
        and word.endswith(_SUBJECT_ENDINGS)
        and word not in _CONCEPTS
        and not re.search(rf"\b{re.escape(word)}\s+of\b", text)
    )


def _a_name_as_noun(name: str, text: str) -> bool:
    """A name of several words, or one used as a noun in the question ("Parliament"), not as an
    adjective ("Chartist petitions", "the Dublin riots")."""
    bare = name.removeprefix("the ")
    if bare in MONTHS:
        return False
    if " " in bare or "–" in bare or "-" in bare:
        return True
    if re.search(rf"\b(?:did|does|do|after|before|when|until)\s+(?:the\s+)?{re.escape(bare)}\b", text):
        return True  # the subject of a clause: "did Parliament fail", "after Peel came to power"
    before = re.search(rf"\b([\w'’-]+)\s+{re.escape(bare)}\b", text)
    if before is not None and before.group(1).islower() and before.group(1) not in _BEFORE_NAME:
        return False  # a name narrowed by a word before it ("northern Ireland"): said alone it means more
    after = re.search(rf"\b{re.escape(bare)}\b(?:['’]s\b)?\s*([\w'’]+)?", text)
    word = after.group(1) if after is not None else None
    return word is None or not word.islower() or word in _AFTER_NAME or word.endswith("ly")  # "Peel personally"


def heading_of(claim: Claim) -> str:
    """A short name for the argument: the claim's label, else its first words (the topic sentence says
    it in full)."""
    if claim.label:
        return claim.label
    sentence = first_sentence(claim.text).rstrip(".")
    clause = re.split(r",\s+(?:which|so that|so|while|because|since|and so)\b|;\s|:\s", sentence, maxsplit=1)[0]
    words = clause.split()
    return " ".join(words[:HEADING_WORDS]) + ("…" if len(words) > HEADING_WORDS else "")


def topic_sentence_of(
    claim: Claim,
    terms: tuple[str, ...],
    foci: tuple[str, ...] | str,
    *,
    exam: bool = False,
    lead: str = "",
    common: frozenset[str] = frozenset(),
) -> str:
    """The claim as the paragraph's opening (an exam plan: its short topic sentence, if the pack has
    one), tied to the question's terms when it does not use them: by the question's key phrase that
    the claim itself speaks of ("On the navy:" for a paragraph on a naval battle, not "On the two
    allies:"), else its first. ``lead``: the hook to use instead, as in a question about one factor's
    importance, where a paragraph whose evidence speaks of the factor is "On the Court of Appeal: …"."""
    if isinstance(foci, str):
        foci = (foci,) if foci else ()
    about = stems_of(f"{claim.label} {claim.topic} {claim.text}")
    spoken = next((f for f in foci if stems_of(f) & about - COMMON_WORDS), "")
    if exam and claim.topic:
        sentence = claim.topic
    else:
        sentence = first_sentence(claim.text) if len(claim.text) > 320 else claim.text
    if not terms or carries_term(sentence, terms):
        return sentence
    if lead:
        return f"{lead}: {run_on(sentence, common)}"
    focus = spoken or (foci[0] if foci else "")
    if not focus:
        return sentence
    return f"On {focus}: {run_on(sentence, common)}"  # "On free trade: the government's proposals …"


# Opening words that are not names: lower-cased when a sentence runs on after a colon or a dash.
_LOWER_OPENINGS = frozenset(
    {"The", "A", "An", "In", "On", "At", "By", "After", "Before", "From", "For", "It", "Its", "This", "These", "Their"}
    | {"Written", "With", "When", "While", "During", "Between", "Although", "Until", "Once", "Since", "Despite"}
)


def run_on(text: str, common: frozenset[str] = frozenset()) -> str:
    """``The Paris Agreement`` → ``the Paris Agreement``: a sentence or title run on inside another
    (after a colon, a dash or "against"); a name it opens with keeps its capital. ``common``: the
    pack's words that are never names (``choose.common_words``), lower-cased too ("Rigged county
    election" → "rigged county election")."""
    first, space, rest = text.partition(" ")
    opening = first in _LOWER_OPENINGS and bool(rest)
    lower = opening or (first[:1].isupper() and not first.isupper() and first.lower() in common)
    return f"{first.lower()}{space}{rest}" if lower else text


def weighed_first(weighing: str, claims: list[Claim]) -> str:
    """The claim the weighing's first sentence is about (most shared words, three at least), or "": the
    subject of its "weighs most" first, so that "The repeal weighs most, but only because the famine …"
    is about the repeal however many words the rest shares with the famine's paragraph."""
    sentence = first_sentence(weighing)
    subject = _WEIGHS_MOST.split(sentence, maxsplit=1)
    for text in ([subject[0]] if len(subject) > 1 else []) + [sentence]:
        words = stems_of(text) - COMMON_WORDS
        best, shared = "", 2
        for claim in claims:
            n = len(words & (stems_of(claim.text) - COMMON_WORDS))
            if n > shared:
                best, shared = claim.id, n
        if best:
            return best
    return ""


_WEIGHS_MOST = re.compile(r"\b(?:weighs|weigh|counts|matters) (?:most|more)\b")


COMMON_WORDS = frozenset(
    {"the", "a", "an", "of", "in", "to", "and", "was", "were", "is", "it", "its", "that", "for", "on"}
)


def link_sentence(stance: str, rank: int, total: int) -> str:
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


STANCE_WORDS = {STANDS: "stands", QUALIFIED: "stands, qualified", CONCEDED: "concedes ground"}


def why_ranked(p: BodyParagraph, named: str, title: str) -> str:
    """Why a paragraph ranks where it does: the thesis's weighing, or how it survives its counter
    (``title``: the counter's title as it runs on inside a sentence)."""
    first = "the thesis weighs it most; " if p.claim.id == named else ""
    if not p.counter:
        return first + "no counter tested"
    return (
        first
        + {
            STANDS: f"answers {title}",
            QUALIFIED: f"qualified by {title}",
            CONCEDED: f"concedes {title}",
        }[p.stance]
    )
