"""Decode an essay question: command term, key concept, date range and loaded words.

Pure string work, no I/O: used for curated questions and for questions a student pastes in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from arguments.model import COMMAND_LABELS, Question

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
    ("how-far", r"\bhow far\b|\bhow (?:successful|effective|important|significant|much)\b"),
    ("compare", r"\bcompare\b|\bcontrast\b|\bsimilarit(?:y|ies)\b"),
    ("evaluate", r"\bevaluate\b"),
    ("assess", r"\bassess\b"),
    ("examine", r"\bexamine\b"),
    ("analyse", r"\banaly[sz]e\b"),
    ("discuss", r"\bdiscuss\b|\bdo you agree\b"),
    ("why", r"\bwhy\b|\bexplain\b|\baccount for\b|\breasons? for\b"),
)

_CONCEPTS: tuple[tuple[str, str], ...] = (
    ("comparison", r"\bcompar\w*|\bcontrast\w*|\bsimilar\w*|\bdiffer\w*"),
    ("success", r"\bsuccess\w*|\bfail\w*|\bachiev\w*|\beffective\w*|\bsecur(?:e|ing) the\b"),
    (
        "aim",
        r"\baims?\b|\bgoals?\b|\bobjectives?\b|\bdriven\b|\bmotiv\w*|\bintention\w*|\bdesire\w*|\bpurpose\w*|\bsought\b|\bwanted\b|\bpreferred\b",
    ),
    (
        "cause",
        r"\bwhy\b|\bcaus\w*|\breasons?\b|\bresult of\b|\bled to\b|\bresponsib\w*|\bblame\w*|\borigins?\b|\bexplain\w*",
    ),
    ("change", r"\bchang\w*|\bcontinuity\b|\bshift\w*|\bturning point\b|\btransform\w*|\bconsisten\w*"),
    ("consequence", r"\bimpact\b|\beffects?\b|\bconsequence\w*|\binfluence\w*|\bshaped?\b"),
    ("significance", r"\bsignifican\w*|\bimportan\w*|\bkey\b"),
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
    "collective security",
    "appeasement",
    "ideology",
    "security",
)

_YEAR_SPAN = re.compile(r"\b(19[0-9]{2})\s*(?:-|–|—|to|and|until)\s*((?:19)?[0-9]{2})\b")
_YEAR = re.compile(r"\b(19[0-9]{2})(s)?\b")


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

    @property
    def command_label(self) -> str:
        return COMMAND_LABELS[self.command]

    @property
    def concept_label(self) -> str:
        return CONCEPT_LABELS[self.concept]

    @property
    def years_label(self) -> str:
        if self.years is None:
            return "no dates given: cover the whole period the question implies"
        first, last = self.years
        return str(first) if first == last else f"{first}–{last}"

    def covers(self, first_year: int, last_year: int) -> bool:
        """Whether a span of years overlaps the question's date range (always true without one)."""
        if self.years is None:
            return True
        return first_year <= self.years[1] and last_year >= self.years[0]


def find_years(text: str) -> tuple[int, int] | None:
    """The date range a question sets: ``1933–39`` → (1933, 1939); ``the 1930s`` → (1930, 1939)."""
    years: list[int] = []
    for match in _YEAR_SPAN.finditer(text):
        first = int(match.group(1))
        second = match.group(2)
        last = int(second) if len(second) == 4 else (first // 100) * 100 + int(second)
        if last >= first:
            years += [first, last]
    stripped = _YEAR_SPAN.sub(" ", text)
    for match in _YEAR.finditer(stripped):
        year = int(match.group(1))
        years += [year, year + 9] if match.group(2) else [year]
    return (min(years), max(years)) if years else None


def find_command(text: str) -> tuple[str, bool]:
    lowered = text.lower()
    for command, pattern in _COMMANDS:
        if re.search(pattern, lowered):
            return command, True
    return "to-what-extent", False


def find_concept(text: str, command: str) -> str:
    if command == "compare":
        return "comparison"
    lowered = text.lower()
    for concept, pattern in _CONCEPTS:
        if re.search(pattern, lowered):
            return concept
    return "cause" if command == "why" else "aim"


def find_loaded_words(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    return tuple(w for w in LOADED_WORDS if re.search(rf"\b{re.escape(w)}\b", lowered))


def analyse_question(text: str) -> QuestionAnalysis:
    """Decode a question typed or pasted by a student."""
    clean = " ".join(text.split())
    command, found = find_command(clean)
    return QuestionAnalysis(
        text=clean,
        command=command,
        concept=find_concept(clean, command),
        years=find_years(clean),
        loaded_words=find_loaded_words(clean),
        command_found=found,
    )


def from_question(question: Question) -> QuestionAnalysis:
    """The analysis of a curated question: its recorded command, concept and years win."""
    return QuestionAnalysis(
        text=question.text,
        command=question.command,
        concept=question.concept,
        years=question.years,
        loaded_words=find_loaded_words(question.text),
        question_id=question.id,
    )
