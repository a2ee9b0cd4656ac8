"""Any essay question → the theses that answer it, best first, and the plan for the best one.

Pure and offline (no language model, no Streamlit). Question and pack text go through the same
normalisation, which folds the period's synonyms onto one token (Nazi–Soviet Pact = Molotov–
Ribbentrop Pact = German–Soviet non-aggression pact = Hitler–Stalin pact; Litvinov's policy =
collective security; Comintern = Communist International; USSR = Soviet Union = Russia; purges =
terror; …). Each thesis is then scored on five signals, each scaled to 0–1 and blended (``BLEND``):

* ``thesis``: BM25 (``rank-bm25``) over one document per thesis: its title, statement, context,
  criteria, weighing and the curated questions that list it (what it argues);
* ``claims``: BM25 over one document per claim (text, evidence titles, the "how" of each link);
  a thesis scores by its two best claims (what its paragraphs argue);
* ``evidence``: BM25 over one document per evidence item (title, summary, debate); a thesis
  scores by the mean of its best few items (what its plan will cite);
* ``curated``: similarity to the pack's curated questions, each passing on its teacher-chosen,
  ordered thesis list; a near copy of a curated question takes that order outright;
* ``dates``: the share of the thesis's evidence inside the question's date range, and for a long
  range how much of it the evidence spans, from both ends, and how evenly (a 1921–39 question
  needs 1920s and late-1930s evidence: a 1921–33 thesis does not cover it). Historians' readings
  are dated by publication (Taylor 1961, Roberts 1992), so they are never coverage of the period:
  they count as evidence outside any range of 1921–39 and, for an undated question, the signal is
  the share of the thesis's evidence that comes from the period itself. For a question about
  historians ("why have historians disagreed", "how have views changed", "interpretations") the
  signal is the other way round: the share of the thesis's evidence that is historiography.

The three BM25 indexes share one idf computed over all the pack's text: with eleven theses an
idf over the theses alone cannot tell a rare word from a common one. The key concept adds a few
query words of low weight, and some tokens bring related ones (the outbreak of war → Poland).

A question that is not about Soviet foreign policy 1921–39 is reported as off-topic, with no
ranking, by the rule in :func:`topic_check`.

The index is built once per pack object and cached while the pack lives (a pack is immutable).
"""

from __future__ import annotations

import json
import math
import re
import threading
import unicodedata
import weakref
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from rank_bm25 import BM25Okapi

from arguments.model import Pack, Question, Thesis
from arguments.question import (
    GENERIC_SHAPES,
    QuestionAnalysis,
    analyse_question,
    dated_by_publication,
    find_shape,
    from_question,
)

# The years a question may name and still be about this pack (1917–41 as context is fine).
TOPIC_YEARS: tuple[int, int] = (1917, 1941)
OFF_TOPIC_MESSAGE = (
    "This question does not seem to be about Soviet foreign policy 1921–39, the period this planner covers"
)

# ---------------------------------------------------------------------------------------------
# Normalisation: synonyms and spellings folded onto one token, applied to questions and pack text.
# Order matters: longer and more specific phrases first. Each canonical token is one word.
# ---------------------------------------------------------------------------------------------

_SYNONYMS: tuple[tuple[str, str], ...] = (
    # The pact of 23 August 1939 under its many names.
    (
        "nazisovietpact",
        r"(?:nazi|german|hitler|ribbentrop) soviet (?:non aggression )?(?:pact|treaty|agreement|deal|alliance)"
        r"|soviet (?:nazi|german) (?:non aggression )?(?:pact|treaty|deal|alliance)"
        r"|(?:molotov ribbentrop|ribbentrop molotov|hitler stalin|stalin hitler|nazi soviet|soviet nazi)"
        r"(?: non aggression)?(?: pact| treaty| agreement| deal| alliance)?"
        r"|non aggression (?:pact|treaty) (?:with|between) (?:nazi germany|germany|hitler)"
        r"(?: and (?:the )?(?:ussr|soviet union|russia))?"
        r"|(?:pact|deal) with (?:nazi germany|germany|hitler)"
        r"|(?:ally|allied|alliance|agreement|deal|terms) with hitler"
        r"|(?:1939|august 1939) (?:non aggression )?pact|pact of (?:august )?1939",
    ),
    ("secretprotocol", r"secret (?:additional )?protocols?"),
    ("anticominternpact", r"anti comintern pact"),
    (
        "triplealliance",
        r"triple alliance|peace front|grand alliance|anglo french soviet (?:talks|negotiations|alliance)",
    ),
    (
        "collectivesecurity",
        r"collective security|litvinov (?:policy|policies|line|diplomacy|approach|strategy)|system of collective",
    ),
    ("mutualassistance", r"mutual assistance"),
    ("comintern", r"comintern|communist international|third international"),
    (
        "worldrevolution",
        r"world revolution|international revolution|permanent revolution|revolutionary (?:aims|goals|ideology)"
        r"|export(?:ing)? (?:the )?revolution|spread(?:ing)? (?:of )?(?:communism|revolution)",
    ),
    ("ideology", r"ideolog\w*|marxis[mt]\w*|leninis[mt]\w*|marxism leninism"),
    ("socialismonecountry", r"socialism in one country"),
    ("socialfascism", r"social fascis[mt]\w*|third period|class against class"),
    ("popularfront", r"popular fronts?"),
    ("unitedfront", r"united fronts?"),
    ("terror", r"great terror|great purges?|purges?|purged|purging|show trials?|moscow trials?|yezhovshchina|terror"),
    ("spain", r"spanish civil war|republican spain|spain|spanish|moscow gold|international brigades?"),
    ("interwar", r"inter war|interwar|between the (?:two )?(?:world )?wars"),
    (
        "hitlerpower",
        r"(?:hitler|nazis?) (?:rise|came|coming|accession|seizure|seized|took) (?:to |of )?power"
        r"|(?:rise|coming|accession) (?:to power )?of (?:hitler|the nazis)|nazi seizure of power"
        r"|hitler (?:was )?(?:appointed|became|becomes|becoming) chancellor|hitler appointed chancellor",
    ),
    ("russiancivilwar", r"russian civil war"),
    ("chinesecivilwar", r"chinese civil war"),
    ("coldwar", r"cold war"),
    ("ww1", r"first world war|world war (?:one|i|1)\b|great war|ww ?(?:1|i)\b"),
    (
        "ww2",
        r"second world war|world war (?:two|ii|2)\b|ww ?(?:2|ii)\b|outbreak of (?:the )?war|war in (?:europe|1939)"
        r"|war (?:broke|break|breaking) out",
    ),
    ("munich", r"munich(?: agreement| conference| settlement| crisis)?|sudeten\w*|czech crisis"),
    ("league", r"league of nations|the league"),
    ("appeasement", r"appeas\w*"),
    ("rapallo", r"(?:treaty of )?rapallo"),
    ("redarmy", r"red army"),
    ("japan", r"japan\w*|manchuria\w*|mukden|far east\w*|khalkhin gol|nomonhan|lake khasan|two front"),
    ("china", r"china|chinese|kuomintang|guomindang|kmt|chiang(?: kai shek)?|ccp"),
    ("germany", r"nazi germany|third reich|weimar(?: republic| germany)?|germany|germans?|berlin"),
    ("hitler", r"hitler\w*"),
    ("nazi", r"nazis?|nazism|fascis[mt]\w*|fascists?"),
    (
        "west",
        r"western (?:powers|democracies|allies|governments|states)|the west|britain and france|france and britain"
        r"|anglo french|the democracies",
    ),
    ("capitalist", r"capitalis[mt]\w*|imperialis[mt]\w*"),
    ("britain", r"great britain|britain|british|england|english|chamberlain|united kingdom|\buk\b"),
    ("france", r"france|french"),
    ("poland", r"poland|polish|poles"),
    ("czechoslovakia", r"czechoslovak\w*|czechs?|benes"),
    ("stalin", r"stalin\w*"),
    ("lenin", r"lenin\b"),
    (
        "soviet",
        r"soviet union|soviet russia|u s s r|ussr|soviets?|russian?s?|moscow|kremlin|bolshevik\w*|narkomindel",
    ),
    (
        "domestic",
        r"internal politics|domestic (?:politics|policy|policies|factors|situation|affairs)"
        r"|internal (?:situation|factors|affairs|developments)|maintenance of power|hold on power"
        r"|(?:stay|staying|remain|remaining) in power|consolidat\w* (?:of )?power",
    ),
    ("security", r"secur(?:e|es|ed|ing|ity)|safety|insecur\w*"),
    ("defence", r"defen[cs]e|defensive\w*|defend\w*|protect\w*"),
    # The words questions use for what they ask about, folded onto the words the pack uses.
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
CANONICAL = frozenset(token for token, _ in _SYNONYMS)
_SYNONYM_PATTERNS = tuple((token, re.compile(rf"\b(?:{pattern})\b")) for token, pattern in _SYNONYMS)

# How canonical tokens read in a reason line.
TOKEN_LABELS: dict[str, str] = {
    "nazisovietpact": "the Nazi–Soviet Pact",
    "secretprotocol": "the secret protocol",
    "anticominternpact": "the Anti-Comintern Pact",
    "triplealliance": "the 1939 triple-alliance talks",
    "collectivesecurity": "collective security",
    "mutualassistance": "mutual assistance",
    "comintern": "the Comintern",
    "worldrevolution": "world revolution",
    "socialismonecountry": "socialism in one country",
    "socialfascism": "'social fascism'",
    "popularfront": "the Popular Front",
    "unitedfront": "the united front",
    "terror": "the purges and terror",
    "spain": "Spain",
    "ww2": "the outbreak of war",
    "hitlerpower": "Hitler's coming to power",
    "munich": "Munich",
    "league": "the League of Nations",
    "rapallo": "Rapallo",
    "redarmy": "the Red Army",
    "japan": "Japan and the Far East",
    "china": "China",
    "germany": "Germany",
    "hitler": "Hitler",
    "nazi": "Nazism and fascism",
    "west": "the Western powers",
    "capitalist": "the capitalist powers",
    "britain": "Britain",
    "france": "France",
    "poland": "Poland",
    "czechoslovakia": "Czechoslovakia",
    "domestic": "internal politics",
    "expansion": "territorial expansion",
    "intervention": "intervention",
    "trade": "trade",
    "security": "security",
    "defence": "defence",
    "ideology": "ideology",
    "blame": "responsibility",
    "genuine": "how genuine it was",
    "failure": "failure",
}

# Query words that also count, at half weight, as related words of the pack.
QUERY_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "ww2": ("war", "poland"),
    "hitlerpower": ("hitler", "germany"),
    "defence": ("security",),
    "security": ("defence",),
    "west": ("britain", "france"),
    "nazisovietpact": ("pact", "germany"),
    "collectivesecurity": ("league", "mutualassistance"),
    "terror": ("purge",),
    "munich": ("czechoslovakia",),
    "popularfront": ("comintern",),
    "triplealliance": ("west", "alliance"),
}

_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be been before being below between both but
by can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most must my no nor not now of off on once only or other our out over
own same she should so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours one two upon
within without whether per thus therefore however
extent far agree disagree discuss evaluate examine assess compare contrast explain analyse analyze account degree
claim claims view views statement question answer valid validity justify refer reference consider following period
years year time times regard regards bear interwar
important importance significant significance role relationship nature factor factors reason reasons
remain remains remained same
january february march april may june july august september october november december
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Words too common in this pack's texts to tell theses apart (every thesis is about them).
_GENERIC = frozenset({"soviet", "foreign", "policy", "polic", "stalin"})

_WORD = re.compile(r"[a-z0-9]+")


def _fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; hyphens and dashes split words."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"'s\b", "", text)
    text = text.replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def normalise(text: str) -> str:
    """Folded text with the period's synonyms replaced by their canonical tokens."""
    folded = _fold(text)
    for token, pattern in _SYNONYM_PATTERNS:
        # Upper case while substituting, so that no later pattern can rewrite a canonical token.
        folded = pattern.sub(f" {token.upper()} ", folded)
    return " ".join(folded.lower().split())


def stem(word: str) -> str:
    """A light stemmer: plurals, -ing, -ed, -ly, -al, -ful, -ness (enough for English questions)."""
    if word in CANONICAL or len(word) <= 4 or word.isdigit():
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


def tokens(text: str) -> list[str]:
    """Normalised, stemmed content words of a text (numbers left out: dates are matched as years)."""
    return [stem(w) for w in _WORD.findall(normalise(text)) if w not in _STOPWORDS and not w[0].isdigit()]


def _surface_forms(text: str) -> dict[str, str]:
    """Token → how the question wrote it (for reason lines)."""
    forms: dict[str, str] = {}
    for word in _WORD.findall(_fold(text)):
        if word not in _STOPWORDS:
            forms.setdefault(stem(word), word)
    return forms


# ---------------------------------------------------------------------------------------------
# Topic check.
# ---------------------------------------------------------------------------------------------

# Words that tie a question to the USSR.
SOVIET_ANCHORS = frozenset({"soviet", "stalin", "lenin", "redarmy", "trotsky"})
# Words that tie it to Soviet foreign policy whatever else it says.
SOVIET_FOREIGN_ANCHORS = frozenset(
    {
        "nazisovietpact",
        "secretprotocol",
        "comintern",
        "litvinov",
        "molotov",
        "chicherin",
        "rapallo",
        "kandelaki",
        "socialismonecountry",
        "worldrevolution",
        "triplealliance",
        "socialfascism",
    }
)
# Words of foreign affairs: with a Soviet anchor they make a question about Soviet foreign policy.
FOREIGN_WORDS = frozenset(
    {
        "foreign",
        "diplomacy",
        "diplomat",
        "diplomatic",
        "relation",
        "relations",
        "pact",
        "treaty",
        "treati",
        "alliance",
        "ally",
        "alli",
        "allies",
        "agreement",
        "international",
        "intervention",
        "war",
        "ww2",
        "peace",
        "germany",
        "hitler",
        "nazi",
        "britain",
        "france",
        "poland",
        "czechoslovakia",
        "japan",
        "china",
        "spain",
        "league",
        "appeasement",
        "munich",
        "west",
        "capitalist",
        "collectivesecurity",
        "popularfront",
        "mutualassistance",
        "expansion",
        "anticominternpact",
        "europe",
        "european",
        "abroad",
        "external",
    }
)
# Inter-war subjects in which the USSR was a principal actor: on topic even when it is not named.
INTERWAR_ANCHORS = frozenset({"collectivesecurity", "popularfront", "ww2", "anticominternpact"})
# The IB's open comparative questions ("two authoritarian states", "two rulers of single-party states").
_GENERIC_FRAME = re.compile(
    r"\b(?:authoritarian|single party|one party|dictator\w*|totalitarian)\b|\btwo (?:rulers|leaders|states|countries)\b"
)
# Inter-war diplomacy of the other powers: near the pack's subject, but not it.
OTHER_POWERS_WORDS = frozenset(
    {"appeasement", "munich", "league", "spain", "hitler", "nazi", "germany", "britain", "france", "poland", "japan"}
)
# Home affairs: "Soviet policy" with one of these is not foreign policy.
DOMESTIC_WORDS = frozenset(
    {
        "economy",
        "economic",
        "industrialisation",
        "industrialization",
        "collectivisation",
        "collectivization",
        "agriculture",
        "agricultural",
        "peasant",
        "peasants",
        "kulak",
        "kulaks",
        "five",
        "plan",
        "plans",
        "religion",
        "religious",
        "church",
        "women",
        "culture",
        "cultural",
        "education",
        "propaganda",
        "famine",
        "gulag",
        "constitution",
        "nationalities",
        "social",
    }
)
# Later or earlier subjects that a Soviet word does not make relevant.
OTHER_PERIOD_WORDS = frozenset(
    {"coldwar", "khrushchev", "brezhnev", "gorbachev", "yalta", "potsdam", "truman", "nato", "tsar", "tsarist", "ww1"}
)


@dataclass(frozen=True)
class TopicCheck:
    on_topic: bool
    message: str = ""  # why it is off-topic, or what an on-topic match leaves out


def topic_check(analysis: QuestionAnalysis, words: set[str], curated_similarity: float) -> TopicCheck:
    """Decide whether a question is about Soviet foreign policy 1921–39. The rule, in order:

    1. Dates: a question whose years all fall outside 1917–41 is off-topic, whatever it names.
    2. A near copy of one of the pack's curated questions (similarity ≥ 0.6) is on topic, unless it
       names home affairs and nothing foreign ("How successful were Stalin's Five-Year Plans?").
    3. Another period's subject (the Cold War, Khrushchev, the Tsars, the First World War) with no
       Soviet foreign-policy word of 1921–39 is off-topic.
    4. A Soviet foreign-policy term (Nazi–Soviet Pact, Comintern, Litvinov, Rapallo, …), or a word
       for the USSR or Stalin together with a word of foreign affairs, is on topic; so is "Soviet
       (Stalin's, Moscow's) policy" with no word of home affairs (economy, Five-Year Plans, …).
    5. An IB-style open question about the foreign policy of authoritarian or single-party states
       ("two rulers", "two authoritarian states") is on topic (the plans cover the Soviet case).
    6. Inter-war subjects in which the USSR was a principal actor are on topic without naming it:
       collective security, the Popular Front, the outbreak of war in 1939, foreign intervention in
       the Spanish Civil War. The match then says that the plans cover the Soviet side only.
       (Appeasement, Munich or the League on their own are about other powers: off-topic.)
    7. Anything else is off-topic.
    """
    years = analysis.years
    if years is not None and (years[1] < TOPIC_YEARS[0] or years[0] > TOPIC_YEARS[1]):
        return TopicCheck(False, f"{OFF_TOPIC_MESSAGE}: its dates ({analysis.years_label}) fall outside it.")
    soviet_foreign = bool(words & SOVIET_FOREIGN_ANCHORS)
    home_only = bool(words & DOMESTIC_WORDS) and not (soviet_foreign or words & FOREIGN_WORDS)
    if curated_similarity >= CURATED_ON_TOPIC and not home_only:
        return TopicCheck(True)
    if words & OTHER_PERIOD_WORDS and not soviet_foreign and not (years and years[0] <= 1939):
        return TopicCheck(False, f"{OFF_TOPIC_MESSAGE}: it is about another period or subject.")
    if soviet_foreign or (words & SOVIET_ANCHORS and words & FOREIGN_WORDS):
        return TopicCheck(True)
    if words & SOVIET_ANCHORS and "policy" in words and not words & DOMESTIC_WORDS:
        return TopicCheck(True)
    wider = "The plans cover the Soviet side of this question only."
    if "foreign" in words and _GENERIC_FRAME.search(_fold(analysis.text)) and not (words & OTHER_PERIOD_WORDS):
        return TopicCheck(True, wider)
    spain_intervention = "spain" in words and bool(words & {"intervention", "foreign", "international"})
    if words & INTERWAR_ANCHORS or spain_intervention:
        return TopicCheck(True, wider)
    if words & SOVIET_ANCHORS:
        return TopicCheck(False, f"{OFF_TOPIC_MESSAGE}: it asks about the USSR but not about its foreign policy.")
    if words & OTHER_POWERS_WORDS:
        return TopicCheck(
            False,
            f"{OFF_TOPIC_MESSAGE}: it is about inter-war diplomacy but not about the USSR. To plan the Soviet "
            "side, name it (for example: 'How did Munich affect Soviet foreign policy?').",
        )
    return TopicCheck(False, f"{OFF_TOPIC_MESSAGE}: it names nothing from it.")


# ---------------------------------------------------------------------------------------------
# The index.
# ---------------------------------------------------------------------------------------------

# Field weights: how many times each part of a record goes into its document.
W_TITLE, W_TEXT, W_CLAIM, W_QUESTION = 2, 1, 2, 1
BM25_K1, BM25_B = 1.2, 0.75
# Blend of the signals, each scaled to 0–1: the thesis's own argument, its best claims, its
# evidence, the curated questions that list it, and the fit of its evidence to the question's dates.
BLEND = {"thesis": 0.28, "claims": 0.14, "evidence": 0.18, "curated": 0.22, "dates": 0.18}
EVIDENCE_TOP = 4  # a thesis's evidence score: the mean of its best few items (a plan leans on a few)
CURATED_FLOOR = 0.2  # curated questions less similar than this say nothing
CURATED_ON_TOPIC = 0.6
# A question this close to a curated one (a copy, or nearly) takes that question's thesis order.
CURATED_CLOSE, CURATED_CLOSE_WEIGHT = 0.75, 0.5
# A question's shape (rank the aims, compare two options, judge success…): theses the pack's
# questions of that shape list come forward; for a plain "how far" or "why" question, theses written
# only for other shapes step back.
SHAPE_BONUS, SHAPE_PENALTY = 0.12, 0.12
EXPANSION_WEIGHT = 0.5
CONCEPT_WEIGHT = 0.3
# The key concept as extra query words (low weight): what a thesis for such a question talks about.
_CONCEPT_WORDS: dict[str, str] = {
    "aim": "aim",
    "cause": "cause reason",
    "success": "success failure gain",
    "change": "change continuity turn",
    "consequence": "impact effect",
    "significance": "",
    "comparison": "",
}


@dataclass(frozen=True)
class _ThesisInfo:
    thesis: Thesis
    school_names: str
    years: tuple[tuple[int, int], ...]  # spans of its supporting evidence from the period itself
    claims: tuple[int, ...]  # rows in the claim index
    evidence: tuple[tuple[int, float], ...]  # rows in the evidence index, with weight (support 1, counter 0.5)
    later: int = 0  # supporting items dated by publication (historiography)
    shapes: frozenset[str] = frozenset()  # the shapes of the curated questions that list it


@dataclass
class _Index:
    infos: tuple[_ThesisInfo, ...]
    heads: BM25Okapi  # one document per thesis: its own argument
    head_docs: tuple[Counter[str], ...]
    claims: BM25Okapi  # one per claim: its text and the titles of its evidence
    evidence: BM25Okapi  # one per evidence item: title, summary, debate
    evidence_ids: tuple[str, ...]
    idf: dict[str, float]
    questions: tuple[Question, ...]
    question_vectors: tuple[dict[str, float], ...]
    thesis_row: dict[str, int] = field(default_factory=dict)


def _repeat(parts: Iterable[tuple[str, int]]) -> list[str]:
    out: list[str] = []
    for text, weight in parts:
        out += tokens(text) * weight
    return out


def _build(pack: Pack) -> _Index:
    evidence_ids = tuple(e.id for e in pack.evidence)
    evidence_row = {e: i for i, e in enumerate(evidence_ids)}
    evidence_docs = [_repeat([(e.title, W_TITLE), (e.summary, W_TEXT), (e.debate, W_TEXT)]) for e in pack.evidence]
    claim_ids = tuple(c.id for c in pack.claims)
    claim_row = {c: i for i, c in enumerate(claim_ids)}
    claim_docs = []
    for claim in pack.claims:
        parts = [(claim.text, W_CLAIM)]
        parts += [(pack.item[s.evidence].title, 1) for s in claim.support]
        parts += [(s.how, 1) for s in claim.support]
        claim_docs.append(_repeat(parts))

    infos, head_docs = [], []
    for thesis in pack.theses:
        parts = [
            (thesis.title, W_TITLE),
            (thesis.text, W_TEXT),
            (thesis.context, W_TEXT),
            (thesis.criteria, W_TEXT),
            (thesis.weighing, W_TEXT),
        ]
        parts += [(q.text, W_QUESTION) for q in pack.questions if thesis.id in q.theses]
        head_docs.append(_repeat(parts))
        weights: dict[int, float] = {}
        spans, later = [], 0
        for claim_id in thesis.claims:
            claim = pack.claim[claim_id]
            for link in claim.support:
                weights[evidence_row[link.evidence]] = 1.0
                item = pack.item[link.evidence]
                if dated_by_publication(item):
                    later += 1
                else:
                    spans.append((item.date.year, item.date.end_year))
            for link in claim.counter:
                weights.setdefault(evidence_row[link.evidence], 0.5)
        infos.append(
            _ThesisInfo(
                thesis,
                pack.school_names(thesis.schools),
                tuple(spans),
                tuple(claim_row[c] for c in thesis.claims),
                tuple(weights.items()),
                later,
                frozenset(
                    q.shape or find_shape(q.text, q.command, q.concept) for q in pack.questions if thesis.id in q.theses
                ),
            )
        )

    questions = tuple(pack.questions)
    question_tokens = [tokens(q.text) for q in questions]
    school_docs = [tokens(f"{s.name} {s.summary}") for s in pack.schools]
    corpus = head_docs + claim_docs + evidence_docs + question_tokens + school_docs
    df: Counter[str] = Counter()
    for doc in corpus:
        df.update(set(doc))
    n = len(corpus)
    # One idf for every index, from all the pack's text: with eleven theses, an idf computed over
    # the theses alone cannot tell a rare word from a common one.
    idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
    heads = BM25Okapi(head_docs, k1=BM25_K1, b=BM25_B)
    claims = BM25Okapi(claim_docs, k1=BM25_K1, b=BM25_B)
    evidence = BM25Okapi(evidence_docs, k1=BM25_K1, b=BM25_B)
    for bm25 in (heads, claims, evidence):
        bm25.idf = idf
    index = _Index(
        infos=tuple(infos),
        heads=heads,
        head_docs=tuple(Counter(d) for d in head_docs),
        claims=claims,
        evidence=evidence,
        evidence_ids=evidence_ids,
        idf=idf,
        questions=questions,
        question_vectors=tuple(_vector({t: 1.0 for t in q}, idf) for q in question_tokens),
    )
    index.thesis_row = {info.thesis.id: i for i, info in enumerate(infos)}
    return index


def _vector(weights: dict[str, float], idf: dict[str, float]) -> dict[str, float]:
    vector = {w: v * idf.get(w, 1.0) * (0.3 if w in _GENERIC else 1.0) for w, v in weights.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {w: v / norm for w, v in vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    return sum(v * b.get(w, 0.0) for w, v in a.items())


_CACHE: dict[int, tuple[weakref.ref[Pack], _Index]] = {}
_CACHE_LOCK = threading.Lock()


def _index(pack: Pack) -> _Index:
    """The pack's index, built on first use and kept while the pack lives (thread-safe)."""
    key = id(pack)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None and cached[0]() is pack:
            return cached[1]
        index = _build(pack)
        _CACHE[key] = (weakref.ref(pack, lambda _ref, key=key: _CACHE.pop(key, None)), index)
        return index


# ---------------------------------------------------------------------------------------------
# Ranking.
# ---------------------------------------------------------------------------------------------


class RankedThesis(NamedTuple):
    thesis: Thesis
    score: float
    reason: str


@dataclass(frozen=True)
class Suggestions:
    """What the question asks, whether it is on topic, and the theses that answer it, best first."""

    analysis: QuestionAnalysis
    on_topic: bool
    ranked: tuple[RankedThesis, ...]
    message: str = ""  # why it is off-topic, or what the plans leave out
    curated: Question | None = None  # the pack's question closest to it, if close

    @property
    def best(self) -> RankedThesis | None:
        return self.ranked[0] if self.ranked else None


def _date_fit(info: _ThesisInfo, analysis: QuestionAnalysis) -> tuple[float, int]:
    """How well a thesis's supporting evidence fits the question's dates (0–1), and how many items
    of the period fall inside them.

    * A question about historians: the share of the evidence that is historiography.
    * No dates: the share of the evidence from the period itself (not dated by publication).
    * Dates: the share of all the evidence inside the range (historiography is never inside: it
      is dated by publication), times, for a range of six years or more, how much of the range the
      evidence covers (``_coverage``): usable evidence that reaches across the whole range.
    """
    spans, later = info.years, info.later
    total = len(spans) + later
    years = analysis.years
    inside = (
        [(max(a, years[0]), min(b, years[1])) for a, b in spans if a <= years[1] and b >= years[0]] if years else []
    )
    if not total:
        return 0.0, 0
    if analysis.historiography:
        return later / total, len(inside)
    if years is None:
        return len(spans) / total, len(spans)
    share = len(inside) / total
    first, last = years
    if last - first < 6 or not inside:
        return share, len(inside)
    return share * _coverage(inside, first, last), len(inside)


def _shape_fit(info: _ThesisInfo, shape: str) -> float:
    """A bonus for a thesis the pack words for questions of this shape; a penalty for a thesis written
    only for other shapes when the question is a plain one."""
    if shape in info.shapes:
        return SHAPE_BONUS if shape not in GENERIC_SHAPES else 0.0
    if shape in GENERIC_SHAPES and info.shapes and not info.shapes & GENERIC_SHAPES:
        return -SHAPE_PENALTY
    return 0.0


def _coverage(inside: list[tuple[int, int]], first: int, last: int) -> float:
    """How much of a long range (``first``–``last``) the evidence inside it covers, 0–1.

    Half is the span from the earliest to the latest item as a share of the range, so a gap at
    either end counts (a 1921–33 thesis spans 13 of the 19 years of 1921–39, a 1933–39 thesis 7);
    half is evenness: each third of the range should hold two items, an item counting in a third
    that holds at least half a year of it.
    """
    length = last - first + 1
    span = (max(b for _, b in inside) - min(a for a, _ in inside) + 1) / length
    step = length / 3
    even = 0.0
    for i in range(3):
        low, high = first + i * step, first + (i + 1) * step
        held = sum(1 for a, b in inside if min(b + 1, high) - max(a, low) >= 0.5)
        even += min(1.0, held / 2) / 3
    return 0.5 * span + 0.5 * even


def _query(text: str, concept: str) -> dict[str, float]:
    """Query words with weights: the question's own words, related words, the concept's words."""
    weights: dict[str, float] = {}
    for word in tokens(text):
        weights[word] = 1.0 if word not in _GENERIC else 0.2
    for word in list(weights):
        for extra in QUERY_EXPANSIONS.get(word, ()):
            weights.setdefault(extra, EXPANSION_WEIGHT)
    for word in tokens(_CONCEPT_WORDS.get(concept, "")):
        weights.setdefault(word, CONCEPT_WEIGHT)
    return weights


def _scores(bm25: BM25Okapi, query: dict[str, float]) -> list[float]:
    total = [0.0] * bm25.corpus_size
    for word, weight in query.items():
        for i, value in enumerate(bm25.get_scores([word])):
            total[i] += weight * float(value)
    return total


def _scaled(values: list[float]) -> list[float]:
    top = max(values, default=0.0)
    return [v / top if top > 0 else 0.0 for v in values]


def _terms_addressed(
    query: dict[str, float], doc: Counter[str], idf: dict[str, float], forms: dict[str, str]
) -> list[str]:
    found = [t for t, w in query.items() if w >= 1.0 and doc.get(t) and t not in _GENERIC]
    found = [t for t in found if t in TOKEN_LABELS or idf.get(t, 0.0) >= 2.0]
    found.sort(key=lambda t: -idf.get(t, 1.0) * math.log1p(doc[t]))
    labels: list[str] = []
    for term in found[:3]:
        label = TOKEN_LABELS.get(term) or forms.get(term, term)
        if label not in labels:
            labels.append(label)
    return labels


def _year_span(spans: tuple[tuple[int, int], ...]) -> str:
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    return f"{first}–{str(last)[2:]}" if first // 100 == last // 100 and first != last else str(first)


@dataclass(frozen=True)
class _Signals:
    thesis: list[float]
    claims: list[float]
    evidence: list[float]
    curated: list[float]
    curated_for: dict[int, Question]
    best_similarity: float
    best_question: Question | None
    evidence_hits: list[list[str]]  # per thesis: its evidence ids that match best


def _signals(index: _Index, query: dict[str, float]) -> _Signals:
    heads = _scaled(_scores(index.heads, query))
    claim_scores = _scaled(_scores(index.claims, query))
    item_scores = _scaled(_scores(index.evidence, query))
    # For the reason line: items that match the question's own words, not only related words.
    own = {w: v for w, v in query.items() if v >= 1.0 and w not in _GENERIC}
    item_own = _scaled(_scores(index.evidence, own)) if own else [0.0] * len(item_scores)
    claims, evidence, hits = [], [], []
    for info in index.infos:
        mine = sorted((claim_scores[row] for row in info.claims), reverse=True)
        claims.append(0.6 * mine[0] + 0.4 * mine[1] if len(mine) > 1 else mine[0])
        weighted = sorted(((item_scores[row] * w, row) for row, w in info.evidence), reverse=True)
        best = weighted[:EVIDENCE_TOP]
        evidence.append(sum(v for v, _ in best) / EVIDENCE_TOP)
        hits.append([index.evidence_ids[row] for _, row in best if item_own[row] >= 0.5])

    # Similarity to the curated questions on the question's own words (no related or concept words),
    # so that a copy of a curated question scores 1.
    qvec = _vector({w: 1.0 for w, v in query.items() if v >= 1.0 or w in _GENERIC}, index.idf)
    sims = [_cosine(qvec, v) for v in index.question_vectors]
    curated = [0.0] * len(index.infos)
    curated_for: dict[int, Question] = {}
    for question, sim in zip(index.questions, sims, strict=True):
        if sim < CURATED_FLOOR:
            continue
        strength = (sim - CURATED_FLOOR) / (1 - CURATED_FLOOR)
        for position, thesis_id in enumerate(question.theses):
            row = index.thesis_row.get(thesis_id)
            value = strength / (1 + 0.5 * position)
            if row is not None and value > curated[row]:
                curated[row] = value
                curated_for[row] = question
    best = max(range(len(sims)), key=sims.__getitem__) if sims else None
    return _Signals(
        heads,
        _scaled(claims),
        _scaled(evidence),
        curated,
        curated_for,
        sims[best] if best is not None else 0.0,
        index.questions[best] if best is not None else None,
        hits,
    )


def suggest_theses(pack: Pack, question_text: str) -> Suggestions:
    """Decode a question and rank the pack's theses for it (none when it is off-topic)."""
    index = _index(pack)
    text = " ".join(question_text.split())
    exact = next((q for q in pack.questions if _fold(q.text) == _fold(text)), None)
    analysis = from_question(exact) if exact is not None else analyse_question(text)
    if not _fold(text):
        return Suggestions(analysis, False, (), "No question given: type or paste an essay question.")
    query = _query(text, analysis.concept)
    words = set(query) | set(_fold(text).split())
    signals = _signals(index, query)
    check = topic_check(analysis, words, signals.best_similarity)
    if not check.on_topic:
        return Suggestions(analysis, False, (), check.message)

    fits = [_date_fit(info, analysis) for info in index.infos]
    dates = _scaled([fit for fit, _ in fits])
    close: dict[str, float] = {}
    if signals.best_question is not None and signals.best_similarity >= CURATED_CLOSE:
        strength = (signals.best_similarity - CURATED_CLOSE) / (1 - CURATED_CLOSE)
        for position, thesis_id in enumerate(signals.best_question.theses):
            close[thesis_id] = CURATED_CLOSE_WEIGHT * strength * (1 - 0.15 * position)
    ranked = []
    for row, info in enumerate(index.infos):
        score = (
            BLEND["thesis"] * signals.thesis[row]
            + BLEND["claims"] * signals.claims[row]
            + BLEND["evidence"] * signals.evidence[row]
            + BLEND["curated"] * signals.curated[row]
            + BLEND["dates"] * dates[row]
            + close.get(info.thesis.id, 0.0)
            + _shape_fit(info, analysis.shape)
        )
        ranked.append((score, row, fits[row][1]))
    if exact is not None:  # the pack's own question: its teacher-chosen theses first, in its order
        order = {thesis_id: i for i, thesis_id in enumerate(exact.theses)}
        ranked.sort(key=lambda r: (order.get(index.infos[r[1]].thesis.id, len(order)), -r[0], r[1]))
    else:
        ranked.sort(key=lambda r: (-r[0], r[1]))

    forms = _surface_forms(text)
    results = []
    for score, row, inside in ranked:
        info = index.infos[row]
        bits = []
        terms = _terms_addressed(query, index.head_docs[row], index.idf, forms)
        if terms:
            bits.append("argues about " + ", ".join(terms))
        hits = [pack.item[e].title for e in signals.evidence_hits[row][:2]]
        if hits:
            bits.append("evidence includes " + "; ".join(hits))
        total = len(info.years) + info.later
        if analysis.historiography:
            bits.append(f"{info.later} of {total} evidence items are historians' readings or later sources")
        elif analysis.years is not None:
            bits.append(f"{inside} of {total} evidence items in {analysis.years_label}")
        elif info.years:
            later = f" and {info.later} later readings" if info.later else ""
            bits.append(f"evidence from {_year_span(info.years)}{later}")
        question = signals.curated_for.get(row)
        if question is not None and signals.curated[row] >= 0.3:
            bits.append(f"chosen for the similar question '{question.id}'")
        reason = f"{info.school_names}: " + "; ".join(bits)
        results.append(RankedThesis(info.thesis, round(score, 3), reason))
    curated = signals.best_question if signals.best_similarity >= CURATED_ON_TOPIC else None
    return Suggestions(analysis, True, tuple(results), check.message, curated)


# ---------------------------------------------------------------------------------------------
# Command line.
# ---------------------------------------------------------------------------------------------


def suggestions_to_list(pack: Pack, suggestions: Suggestions) -> list[dict[str, object]]:
    """The ranking as plain data, best first (empty when off-topic)."""
    return [
        {
            "thesis_id": r.thesis.id,
            "score": r.score,
            "reason": r.reason,
            "title": r.thesis.title,
            "schools": list(r.thesis.schools),
            "school_names": pack.school_names(r.thesis.schools),
        }
        for r in suggestions.ranked
    ]


def _analysis_line(analysis: QuestionAnalysis) -> str:
    return (
        f"Command term: {analysis.command_label} · Key concept: {analysis.concept_label} · "
        f"Dates: {analysis.years_label}"
    )


def run_suggest(pack: Pack, text: str, fmt: str) -> int:
    """``suggest``: ranked theses as text lines or a JSON list; off-topic says so (exit 0)."""
    suggestions = suggest_theses(pack, text)
    if fmt == "json":
        print(json.dumps(suggestions_to_list(pack, suggestions), ensure_ascii=False, indent=2))
        return 0
    if not suggestions.on_topic:
        print(suggestions.message)
        return 0
    print(_analysis_line(suggestions.analysis))
    if suggestions.message:
        print(suggestions.message)
    width = max(len(r.thesis.id) for r in suggestions.ranked)
    for r in suggestions.ranked:
        print(f"{r.thesis.id:<{width}}  {r.score:.3f}  {r.reason}")
    return 0
