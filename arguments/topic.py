"""Is a question about Soviet foreign policy 1921–39? The rule that sends an off-topic question away
with a reason instead of a ranking (used by ``arguments.suggest``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from arguments.question import QuestionAnalysis
from arguments.vocabulary import fold

# The years a question may name and still be about this pack (1917–41 as context is fine).
TOPIC_YEARS: tuple[int, int] = (1917, 1941)
OFF_TOPIC_MESSAGE = (
    "This question does not seem to be about Soviet foreign policy 1921–39, the period this planner covers"
)

# ---------------------------------------------------------------------------------------------
# Topic check.
# ---------------------------------------------------------------------------------------------

# A question at least this similar to one of the pack's curated questions is on topic.
CURATED_ON_TOPIC = 0.6
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
    if "foreign" in words and _GENERIC_FRAME.search(fold(analysis.text)) and not (words & OTHER_PERIOD_WORDS):
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
