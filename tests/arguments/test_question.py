"""Decoding a question: command term, key concept, date range and loaded words (issue 5)."""

from __future__ import annotations

import pytest

from arguments.dates import parse_date
from arguments.load import load_pack
from arguments.model import Evidence, Question
from arguments.question import (
    analyse_question,
    dated_by_publication,
    find_command,
    find_concept,
    find_loaded_words,
    find_month_ends,
    find_years,
    from_question,
    is_historiography,
)
from arguments.vocabulary import pack_vocabulary

PACK = load_pack()


@pytest.mark.parametrize(
    ("text", "command"),
    [
        (
            "To what extent was Soviet foreign policy 1933–39 driven by a desire for collective security?",
            "to-what-extent",
        ),
        ("To what degree did Stalin control Soviet foreign policy?", "to-what-extent"),
        ("How far was the Nazi–Soviet Pact of August 1939 the result of Western appeasement?", "how-far"),
        ("How successful was Soviet foreign policy in the years 1933–39?", "how-far"),
        ("'The West was to blame for the failure of collective security.' How far do you agree?", "how-far"),
        ("'Security, not ideology, drove Soviet foreign policy 1921–39.' Discuss.", "discuss"),
        ("\u201cStalin always preferred Germany.\u201d Do you agree?", "discuss"),
        ("'Why die for Czechoslovakia?' How far does this explain Soviet policy in 1938?", "how-far"),
        ("Evaluate the reasons for Soviet intervention in the Spanish Civil War.", "evaluate"),
        ("Evaluate the claim that, in contrast to the 1920s, Soviet policy in the 1930s was defensive.", "evaluate"),
        ("Examine the impact of internal politics on Soviet foreign policy 1934–39.", "examine"),
        ("Compare and contrast Soviet relations with Britain and with Germany 1921–33.", "compare"),
        ("Why did the USSR sign a non-aggression pact with Germany in August 1939?", "why"),
        ("Explain why the USSR joined the League of Nations in 1934.", "why"),
        ("Account for the Soviet decision to intervene in Spain.", "why"),
        ("Assess the role of the Soviet Union in bringing about the war over Poland in 1939.", "assess"),
        ("Analyse the aims of Soviet foreign policy in the 1920s.", "analyse"),
        ("What was the main aim of Soviet foreign policy between 1933 and 1939?", "assess"),
        ("In what ways did Soviet foreign policy change after 1933?", "analyse"),
    ],
)
def test_command_term(text: str, command: str) -> None:
    assert find_command(text) == (command, True)
    assert analyse_question(text, PACK).command == command


def test_question_without_a_command_term_falls_back_and_says_so() -> None:
    analysis = analyse_question("Soviet foreign policy and the Spanish Civil War", PACK)
    assert analysis.command == "to-what-extent"
    assert analysis.command_found is False


def test_words_inside_an_opening_quotation_are_not_the_command() -> None:
    # "why" and "compare" sit inside the quotation; the instruction after it is "Discuss".
    text = "'Why fight for others? Compare the cost.' Discuss this view of Soviet policy in 1938."
    assert find_command(text) == ("discuss", True)


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        ("To what extent was Soviet foreign policy 1933–39 driven by a desire for collective security?", "aim"),
        ("'Security, not ideology, drove Soviet foreign policy 1921–39.' Discuss.", "aim"),
        ("What was the main aim of Soviet foreign policy between 1933 and 1939?", "aim"),
        ("How far was the Nazi–Soviet Pact the result of Western appeasement?", "cause"),
        ("'The Western powers were to blame for the failure of collective security.' How far do you agree?", "cause"),
        ("Why did the USSR fail to reach agreement with Britain and France in 1939?", "cause"),
        ("How successful was Soviet foreign policy in securing the USSR in the years 1933–39?", "success"),
        ("To what extent did Soviet foreign policy change after Hitler came to power?", "change"),
        ("Examine the impact of internal politics on Soviet foreign policy 1934–39.", "consequence"),
        ("Assess the significance of the Munich Agreement for Soviet foreign policy.", "significance"),
        ("Compare and contrast Soviet relations with Britain and with Germany 1921–33.", "comparison"),
        ("To what extent did the purges weaken Soviet foreign policy in the years 1934–39?", "consequence"),
        ("How far was Soviet foreign policy in the years 1931–39 shaped by the threat from Japan?", "cause"),
        ("To what extent did the aims of Soviet foreign policy remain the same between 1921 and 1939?", "change"),
    ],
)
def test_key_concept(text: str, concept: str) -> None:
    analysis = analyse_question(text, PACK)
    assert analysis.concept == concept
    assert find_concept(text, analysis.command) == concept


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Soviet foreign policy 1933–39", (1933, 1939)),
        ("Soviet foreign policy 1933-1939", (1933, 1939)),
        ("Soviet foreign policy 1933 - 39", (1933, 1939)),
        ("Soviet foreign policy, 1933—1939", (1933, 1939)),
        ("Soviet foreign policy in the years 1934 to 1939", (1934, 1939)),
        ("Soviet foreign policy in the 1930s", (1930, 1939)),
        ("Soviet foreign policy in the 1930's", (1930, 1939)),
        ("Soviet foreign policy in the late 1930s", (1936, 1939)),
        ("Soviet foreign policy in the early 1920s", (1920, 1923)),
        ("Soviet foreign policy in the 1920s and 1930s", (1920, 1939)),
        ("Soviet foreign policy between 1921 and 1941", (1921, 1941)),
        ("Soviet foreign policy from 1917 to 1941", (1917, 1941)),
        ("Soviet foreign policy 1917–41", (1917, 1941)),
        ("the pact of August 1939", (1939, 1939)),
        ("Soviet foreign policy after Hitler came to power in 1933", (1933, 1939)),
        ("Soviet foreign policy since 1934", (1934, 1939)),
        ("Soviet foreign policy before 1933", (1921, 1933)),
        ("Soviet foreign policy in the inter-war years", (1919, 1939)),
        ("Soviet foreign policy by 1936", (1921, 1936)),
        ("Soviet foreign policy by the end of 1936", (1921, 1936)),
        ("Litvinov's replacement by Molotov in May 1939", (1939, 1939)),  # "by" a person, not a date
        # An open end reaches the period's edge only when the question gives no other year on that side.
        ("Munich in September 1938 and Soviet foreign policy up to August 1939", (1938, 1939)),
        ("Soviet foreign policy after 1933, up to 1937", (1933, 1937)),
        # ... or to an event the pack dates, which the question names: Munich's significance runs from Munich.
        ("How significant was the Munich Agreement for Soviet foreign policy up to August 1939?", (1938, 1939)),
        ("Soviet aims in 1926 and after 1933", (1926, 1939)),
        ("Why did the French Revolution break out in 1789?", (1789, 1789)),
        ("Why did Stalin sign the pact with Hitler?", None),
    ],
)
def test_date_range(text: str, years: tuple[int, int] | None) -> None:
    assert find_years(text, period=PACK.info.period, words=pack_vocabulary(PACK)) == years
    assert analyse_question(text, PACK).years == years


def test_date_range_label_and_coverage() -> None:
    analysis = analyse_question("To what extent was Soviet foreign policy 1933–39 driven by collective security?", PACK)
    assert analysis.years_label == "1933–1939"
    assert analysis.covers(1935, 1935)
    assert analysis.covers(1930, 1933)  # a span that reaches into the range
    assert not analysis.covers(1922, 1932)
    assert not analysis.covers(1940, 1941)
    undated = analyse_question("Why did Stalin sign the pact with Hitler?", PACK)
    assert undated.covers(1922, 1922)
    assert undated.years_label.startswith("no dates given")


@pytest.mark.parametrize(
    ("text", "about_historians"),
    [
        ("Why have historians disagreed about Soviet foreign policy in the 1930s?", True),
        ("How far have new sources changed historians' views of the Nazi–Soviet Pact?", True),
        ("Compare and contrast the official Soviet and Western interpretations of the pact.", True),
        ("Assess the historiography of the Nazi–Soviet Pact.", True),
        ("How have historians' readings of Litvinov's dismissal differed?", True),
        ("Historians have argued that the pact was defensive. How far do you agree?", False),
        ("Evaluate the interpretation that Stalin wanted a European war.", False),
        ("Why did Stalin sign the Nazi–Soviet Pact?", False),
    ],
)
def test_a_question_about_historians_is_recognised(text: str, about_historians: bool) -> None:
    assert is_historiography(text) is about_historians
    assert analyse_question(text, PACK).historiography is about_historians


def test_in_a_question_about_historians_later_years_date_the_historians() -> None:
    assert analyse_question("How have historians' views of the pact changed since 1991?", PACK).years is None
    mixed = analyse_question("How have historians' views of Soviet policy 1933–39 changed since 1991?", PACK)
    assert mixed.years == (1933, 1939)
    assert find_years("The pact and the Cold War, 1939–1991") == (1939, 1991)  # not about historians


def _item(kind: str, date: str) -> Evidence:
    return Evidence(
        id="an-item", date=parse_date(date), title="An item", kind=kind, themes=("security",),
        summary="Something.", sources=("a-work",),
    )  # fmt: skip


def test_historians_readings_are_never_outside_a_questions_dates() -> None:
    reading, admission, event = _item("interpretation", "1992"), _item("event", "1989-12-24"), _item("event", "1927")
    later = PACK.info.later_than
    assert dated_by_publication(reading, later) and dated_by_publication(admission, later)
    assert not dated_by_publication(event, later)
    ordinary = analyse_question("Why did the USSR sign the pact with Germany in 1939?", PACK)
    assert ordinary.covers_item(reading)  # a historian's reading of 1939, published in 1992
    assert not ordinary.covers_item(admission) and not ordinary.covers_item(event)
    about_historians = analyse_question("Why have historians disagreed about Soviet policy in 1939?", PACK)
    assert about_historians.covers_item(reading) and about_historians.covers_item(admission)
    assert not about_historians.covers_item(event)


def test_loaded_words() -> None:
    words = find_loaded_words(
        "To what extent was Soviet foreign policy driven by a desire for collective security?",
        pack_vocabulary(PACK).loaded,
    )
    assert words == ("driven", "desire", "collective security", "security")
    assert "security" in find_loaded_words("How far did the pact give the USSR security?")
    assert "main" in find_loaded_words("What was the main aim of Soviet policy?")


def test_analysis_folds_whitespace_and_keeps_the_text() -> None:
    analysis = analyse_question("  Why did the USSR\n join the League of Nations in 1934?  ", PACK)
    assert analysis.text == "Why did the USSR join the League of Nations in 1934?"
    assert analysis.question_id is None


def test_a_curated_question_keeps_its_recorded_analysis() -> None:
    question = Question(
        id="germany-axis-1922-39",
        text="To what extent were relations with Germany the key to Soviet foreign policy 1922–39?",
        command="to-what-extent",
        concept="aim",
        years=(1922, 1939),
        theses=("gs-rapallo-to-pact",),
    )
    analysis = from_question(question, PACK)
    assert (analysis.command, analysis.concept, analysis.years) == ("to-what-extent", "aim", (1922, 1939))
    assert analysis.question_id == "germany-axis-1922-39"
    # The free-text reading agrees with what the pack records.
    free = analyse_question(question.text, PACK)
    assert (free.command, free.concept, free.years) == ("to-what-extent", "aim", (1922, 1939))


def test_free_reading_of_every_curated_question_matches_its_recorded_command_and_concept() -> None:
    for question in PACK.questions:
        analysis = analyse_question(question.text, PACK)
        assert (analysis.command, analysis.concept) == (question.command, question.concept), question.id
        if analysis.years is not None and question.years is not None and analysis.pivot is None:
            # The pack may widen a range the text implies ("August 1939" read as 1938–39), never narrow it.
            assert question.years[0] <= analysis.years[0] and analysis.years[1] <= question.years[1], question.id


def test_a_turning_point_question_weighs_before_against_after_its_year() -> None:
    analysis = analyse_question("To what extent was 1934 a turning point in Soviet foreign policy?", PACK)
    assert analysis.shape == "change" and analysis.pivot == 1934
    assert analysis.years == (1929, 1939)  # five years before and after it, within the period
    assert "1934 as a turning point" in analysis.years_label
    ordinary = analyse_question("Why did the USSR join the League of Nations in 1934?", PACK)
    assert ordinary.pivot is None and ordinary.years == (1934, 1934)


@pytest.mark.parametrize(
    ("text", "years", "starts", "ends"),
    [
        ("How far did policy change up to June 1846?", (1841, 1846), None, "1846-06-30"),
        ("Why did the ministry fall before June 1846?", (1841, 1846), None, "1846-05-31"),
        ("How far did policy change after March 1841, up to June 1846?", (1841, 1846), "1841-04-01", "1846-06-30"),
        ("Assess policy from September 1845 to August 1846.", (1845, 1846), "1845-09-01", "1846-08-31"),
        # A month in a name bounds nothing; nor does a month at the far end of a longer range.
        ("Why was the Act of June 1846 passed?", (1846, 1846), None, None),
        ("How far did policy change between 1841 and 1846, up to June 1844?", (1841, 1846), None, None),
    ],
)
def test_an_open_end_with_a_month_bounds_the_questions_dates(text, years, starts, ends) -> None:
    found = find_month_ends(text, years)
    assert tuple(str(d) if d else None for d in found) == (starts, ends)


def test_evidence_after_the_month_a_question_ends_is_outside_its_dates() -> None:
    pack = load_pack()
    analysis = analyse_question(
        "Assess the significance of the Munich Agreement of September 1938 for Soviet foreign policy up to August "
        "1939.",
        pack,
    )
    assert (analysis.years, str(analysis.ends)) == ((1938, 1939), "1939-08-31")
    assert analysis.years_label == "1938 – August 1939"
    after = [e for e in pack.evidence if e.kind != "interpretation" and e.date.start > analysis.ends]
    inside = [e for e in pack.evidence if e.kind != "interpretation" and e.date.start <= analysis.ends]
    assert after and not any(analysis.covers_item(e) for e in after if e.date.year == 1939)
    assert all(analysis.covers_item(e) for e in inside if e.date.end.year >= 1938)


def test_a_question_on_causes_ends_with_the_month_of_the_event_it_names() -> None:
    """What caused the treaty of June 1846 came by June 1846: evidence from later in that year is not a cause
    (a plan on the August 1939 pact offered the Havas report of November 1939 as an answer)."""
    text = "Why was the Act of June 1846 passed?"
    assert str(find_month_ends(text, (1846, 1846), causes=True)[1]) == "1846-06-30"
    assert find_month_ends(text, (1846, 1846)) == (None, None)  # any other question: a name bounds nothing
    pack = load_pack()
    for question in (q for q in pack.questions if q.id in ("pact-and-appeasement", "why-pact-1939")):
        analysis = from_question(question, pack)
        assert str(analysis.ends) == "1939-08-23", question.id  # the pact's own day (below)
        later = [e for e in pack.evidence if e.kind != "interpretation" and e.date.start.isoformat() >= "1939-09"]
        assert later and not any(analysis.covers_item(e) for e in later)
    assert from_question(pack.question["why-pact-1939"], pack).years_label == "January – August 1939"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("How important was Peel in the repeal of the Corn Laws?", "How important"),
        ("How successful was Peel's ministry in 1841–46?", "How successful"),
        ("How far was the repeal of 1846 the result of the famine?", "How far"),
        ("'Peel split his party.' How far do you agree?", "How far"),
    ],
)
def test_the_command_is_named_as_the_question_words_it(text: str, label: str) -> None:
    assert analyse_question(text, load_pack()).command_label == label


def test_a_question_on_causes_ends_on_the_day_of_the_event_it_names() -> None:
    """ "The Nazi-Soviet Pact of August 1939" was caused by what came before 23 August: an examiner found the
    Anglo-Polish Agreement (25 August), Hiranuma's fall (28th) and Molotov's ratification speech (31st) used
    to explain it. And the cause it names ("Western appeasement") starts its dates, as the pack dates it."""
    text = "How far do you agree that the Nazi-Soviet Pact of August 1939 was the result of Western appeasement?"
    analysis = analyse_question(text, PACK)
    assert analysis.ends == parse_date("1939-08-23").end
    assert analysis.years == (1936, 1939)
    curated = from_question(PACK.question["pact-and-appeasement"], PACK)
    assert curated.ends == parse_date("1939-08-23").end
    # A month that names no dated event of the pack keeps the month's end.
    assert analyse_question("Why did Soviet policy change in August 1939?", PACK).ends == parse_date("1939-08").end


def test_a_pack_question_is_analysed_once_per_pack() -> None:
    """The plan page asks for a curated question's analysis on every rerun; a question on causes scans the
    pack's items for the day of its event (about 1 ms), so it is worked out once per pack question."""
    question = PACK.question["pact-and-appeasement"]
    assert from_question(question, PACK) is from_question(question, PACK)
    # A question that is not the pack's own (edited, or from another pack) is analysed, never kept.
    other = question.model_copy(update={"text": question.text.replace("August 1939", "September 1939")})
    assert from_question(other, PACK) is not from_question(other, PACK)
    assert from_question(other, PACK).text == other.text
