"""Is a question about the pack's debate? The rule that sends an off-topic question away with a
reason instead of a ranking (used by ``arguments.suggest``). The words and years come from the
pack (``vocabulary.toml`` ``[topic]``); the rule itself knows no topic."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from arguments.model import Pack, TopicRules
from arguments.question import QuestionAnalysis
from arguments.vocabulary import fold

# A question at least this similar to one of the pack's curated questions is on topic.
CURATED_ON_TOPIC = 0.6


@dataclass(frozen=True)
class TopicCheck:
    on_topic: bool
    message: str = ""  # why it is off-topic, or what an on-topic match leaves out


@lru_cache(maxsize=16)
def _frames(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in patterns)


def topic_check(pack: Pack, analysis: QuestionAnalysis, words: set[str], curated_similarity: float) -> TopicCheck:
    """Decide whether a question is about the pack's debate. The rule, in order (the word lists are
    the pack's ``[topic]`` table; a pack without one accepts every question its dates allow):

    1. Dates: a question whose years all fall outside the topic's years is off-topic, whatever it names.
    2. Another period's or subject's words, with no term of the debate and no year inside the
       period, make it off-topic (even if its other words resemble a curated question's).
    3. A near copy of one of the pack's curated questions (similarity ≥ 0.6) is on topic, unless it
       names only excluded subjects (home affairs in a foreign-policy debate) and nothing of the field.
    4. A term of the debate, or an actor together with a word of the field, is on topic; so is an
       actor's "policy" with no excluded word.
    5. An open comparative frame (``frames``) with a frame word is on topic, with the wider note.
    6. Wider subjects in which the actor was a principal (``wider``, ``wider_pairs``) are on topic,
       with the note that the plans cover the actor's side only.
    7. An actor alone, or a neighbouring subject alone, is off-topic with its own reason; anything
       else is off-topic.
    """
    rules = pack.vocabulary.topic
    info = pack.info
    limits = (rules.years if rules and rules.years else None) or info.period
    prefix = rules.off_topic if rules else f"This question does not seem to be about {info.subject}"
    years = analysis.years
    if years is not None and (years[1] < limits[0] or years[0] > limits[1]):
        return TopicCheck(False, f"{prefix}: its dates ({analysis.years_label}) fall outside it.")
    if rules is None:
        return TopicCheck(True)
    return _by_words(rules, analysis, words, curated_similarity, prefix, info.period)


def _by_words(
    rules: TopicRules,
    analysis: QuestionAnalysis,
    words: set[str],
    curated_similarity: float,
    prefix: str,
    period: tuple[int, int],
) -> TopicCheck:
    years = analysis.years
    actors, fields, excluded = set(rules.actors), set(rules.fields), set(rules.excluded)
    other_periods = set(rules.other_periods)
    term = bool(words & set(rules.terms))
    excluded_only = bool(words & excluded) and not (term or words & fields)
    if words & other_periods and not term and not (years and years[0] <= period[1]):
        return TopicCheck(False, f"{prefix}: it is about another period or subject.")
    if curated_similarity >= CURATED_ON_TOPIC and not excluded_only:
        return TopicCheck(True)
    if term or (words & actors and words & fields):
        return TopicCheck(True)
    if words & actors and "policy" in words and not words & excluded:
        return TopicCheck(True)
    frame_text = fold(analysis.text)
    framed = any(f.search(frame_text) for f in _frames(rules.frames))
    if words & set(rules.frame_words) and framed and not words & other_periods:
        return TopicCheck(True, rules.wider_note)
    paired = any(pair[0] in words and words & set(pair[1:]) for pair in rules.wider_pairs)
    if words & set(rules.wider) or paired:
        return TopicCheck(True, rules.wider_note)
    if words & actors and rules.actor_only:
        return TopicCheck(False, f"{prefix}: {rules.actor_only}")
    if words & set(rules.neighbours) and rules.neighbour_note:
        return TopicCheck(False, f"{prefix}: {rules.neighbour_note}")
    return TopicCheck(False, f"{prefix}: it names nothing from it.")
