"""The ranking's vocabulary: question and pack text normalised alike.

Each pack's ``vocabulary.toml`` folds the synonyms and spellings of its debate onto one token (the
pack's names for one treaty, one policy, one country); the planner adds the general words questions
use for what they ask about (responsibility, cause, aim, failure…). Stop words go and words are
stemmed. Used by the topic check (``arguments.topic``), the index (``arguments.index``) and the
ranking (``arguments.suggest``).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from arguments.model import Pack, VocabularySpec

# ---------------------------------------------------------------------------------------------
# The general words: how questions ask, folded onto the words packs use. A pack's own synonyms
# come first (they are more specific); these after. Each canonical token is one word.
# ---------------------------------------------------------------------------------------------

_GENERAL: tuple[tuple[str, str], ...] = (
    (
        "domestic",
        r"internal politics|domestic (?:politics|policy|policies|factors|situation|affairs)"
        r"|internal (?:situation|factors|affairs|developments)|maintenance of power|hold on power"
        r"|(?:stay|staying|remain|remaining) in power|consolidat\w* (?:of )?power",
    ),
    ("security", r"secur(?:e|es|ed|ing|ity)|safety|insecur\w*"),
    ("defence", r"defen[cs]e|defensive\w*|defend\w*|protect\w*"),
    ("blame", r"responsib\w*|to blame|blame\w*|culpab\w*|fault|guilt\w*"),
    ("cause", r"caus\w*|brought about|bring about|led to"),
    ("aim", r"aims?|goals?|objectives?|ambitions?|intention\w*|intend\w*|motiv\w*|purposes?"),
    ("genuine", r"genuine\w*|sincer\w*|in earnest|earnest|real|true"),
    ("prefer", r"prefer\w*"),
    ("failure", r"fail\w*|collaps\w*|breakdown|broke down|break down|broken down"),
    ("trade", r"trade|trading|commerc\w*|credits?"),
    ("intervention", r"interven\w*|involvement|involved"),
    (
        "expansion",
        r"expan(?:d|ds|ded|ding|sion|sionism|sionist|sionists)|territor\w*|annex\w*|spheres? of influence|frontiers?",
    ),
)
_GENERAL_LABELS: dict[str, str] = {
    "domestic": "internal politics",
    "expansion": "territorial expansion",
    "intervention": "intervention",
    "trade": "trade",
    "security": "security",
    "defence": "defence",
    "blame": "responsibility",
    "genuine": "how genuine it was",
    "failure": "failure",
}
_GENERAL_EXPANSIONS: dict[str, tuple[str, ...]] = {"defence": ("security",), "security": ("defence",)}

_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be been before being below between both but
by can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most must my no nor not now of off on once only or other our out over
own same she should so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours one two upon
within without whether per thus therefore however
extent far agree disagree discuss evaluate examine assess compare contrast explain analyse analyze account degree
claim claims view views statement question answer valid validity justify refer reference consider following period
years year time times regard regards bear
important importance significant significance role relationship nature factor factors reason reasons
remain remains remained same
january february march april may june july august september october november december
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; hyphens and dashes split words."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"'s\b", "", text)
    text = text.replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Vocabulary:
    """One pack's way of reading text: its synonyms, then the general ones; its stop and generic words."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    canonical: frozenset[str]
    labels: Mapping[str, str]  # how canonical tokens read in a reason line
    expansions: Mapping[str, tuple[str, ...]]  # query words that also count, at half weight
    generic: frozenset[str]  # too common in the pack's texts to tell theses apart
    stopwords: frozenset[str]
    naming: frozenset[str]  # too common in titles to name an item
    loaded: tuple[str, ...]  # the pack's loaded words, beyond the general ones
    periods: tuple[tuple[re.Pattern[str], tuple[int, int]], ...]  # phrases naming a span of years

    def normalise(self, text: str) -> str:
        """Folded text with the synonyms replaced by their canonical tokens."""
        folded = fold(text)
        for token, pattern in self.patterns:
            # Upper case while substituting, so that no later pattern can rewrite a canonical token.
            folded = pattern.sub(f" {token.upper()} ", folded)
        return " ".join(folded.lower().split())

    def stem(self, word: str) -> str:
        return word if word in self.canonical else stem(word)

    def tokens(self, text: str) -> list[str]:
        """Normalised, stemmed content words of a text (numbers left out: dates are matched as years)."""
        stop = self.stopwords
        return [self.stem(w) for w in _WORD.findall(self.normalise(text)) if w not in stop and not w[0].isdigit()]

    def surface_forms(self, text: str) -> dict[str, str]:
        """Token → how the question wrote it (for reason lines)."""
        forms: dict[str, str] = {}
        for word in _WORD.findall(fold(text)):
            if word not in self.stopwords:
                forms.setdefault(self.stem(word), word)
        return forms

    def period_years(self, text: str) -> tuple[int, int] | None:
        """The years a phrase of the pack names ("the inter-war years"), if the text has one."""
        folded = fold(text)
        return next((years for pattern, years in self.periods if pattern.search(folded)), None)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b")


def build_vocabulary(spec: VocabularySpec) -> Vocabulary:
    pairs = [(s.token, "|".join(s.patterns)) for s in spec.synonym] + list(_GENERAL)
    labels = {**_GENERAL_LABELS, **{s.token: s.label for s in spec.synonym if s.label}}
    expansions = {**_GENERAL_EXPANSIONS, **{s.token: s.related for s in spec.synonym if s.related}}
    return Vocabulary(
        patterns=tuple((token, _compile(pattern)) for token, pattern in pairs),
        canonical=frozenset(token for token, _ in pairs),
        labels=MappingProxyType(labels),
        expansions=MappingProxyType(expansions),
        generic=frozenset(spec.words.generic),
        stopwords=_STOPWORDS | frozenset(spec.words.stop),
        naming=frozenset(spec.words.naming),
        loaded=spec.words.loaded,
        periods=tuple((_compile(p.pattern), p.years) for p in spec.period),
    )


_CACHE: dict[int, tuple[VocabularySpec, Vocabulary]] = {}
_LOCK = threading.Lock()


def pack_vocabulary(pack: Pack) -> Vocabulary:
    """The pack's vocabulary, compiled once per vocabulary (thread-safe)."""
    spec = pack.vocabulary
    cached = _CACHE.get(id(spec))
    if cached is not None and cached[0] is spec:
        return cached[1]
    with _LOCK:
        if len(_CACHE) > 32:
            _CACHE.clear()
        built = build_vocabulary(spec)
        _CACHE[id(spec)] = (spec, built)
        return built


def stem(word: str) -> str:
    """A light stemmer: plurals, -ing, -ed, -ly, -al, -ful, -ness (enough for English questions)."""
    if len(word) <= 4 or word.isdigit():
        return word
    for suffix, repl in (
        ("ically", "ic"),
        ("fulness", ""),
        ("iveness", "ive"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ating", "ate"),
        ("ated", "ate"),
        ("ness", ""),
        ("ments", ""),
        ("ment", ""),
        ("ful", ""),
        ("ies", "y"),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
        ("al", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "sses", "xes")):
                return word[:-1]
            root = word[: len(word) - len(suffix)] + repl
            if suffix in ("ing", "ed") and len(root) > 3 and root[-1] == root[-2] and root[-1] not in "lsz":
                root = root[:-1]  # preferred → prefer, stopped → stop
            return root
    return word
