"""From any essay question to the theses that answer it, and the plan for the best one (issue 5).

The engine is measured on tests/fixtures/question_set.toml: questions worded as teachers and exam
boards word them, each with the theses a teacher would pick. Top-1 and top-3 accuracy are printed
(run with ``-s`` to see them) and held to floors below the measured values.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from arguments.choose import same_question
from arguments.cli import main, run_suggest
from arguments.export import plan_to_dict, render_markdown
from arguments.index import pack_index
from arguments.load import load_pack
from arguments.model import Pack
from arguments.plan import PlanEdits, build_plan
from arguments.question import GENERIC_SHAPES, analyse_question
from arguments.suggest import _date_fit, suggest_theses
from arguments.vocabulary import pack_vocabulary
from arguments.wording import COMMAND_GUIDANCE

ROOT = Path(__file__).resolve().parents[2]
QUESTION_SET = ROOT / "tests" / "fixtures" / "question_set.toml"
# The bundled pack's words and its off-topic message (both from its vocabulary.toml).
WORDS = pack_vocabulary(load_pack())
OFF_TOPIC = load_pack().vocabulary.topic.off_topic
MINI_PACK = ROOT / "tests" / "fixtures" / "mini_pack"

# Floors: top-3 is the requirement; top-1 floors sit a little below what was measured.
# First set with 11 theses (question set 40/45 = 0.89, held-out 22/24 = 0.92). Recalibrated for the
# 19 theses of the pack after eight were added: the expected theses were updated where a new thesis
# is a teacher's pick, 12 questions and a third held-out batch of 7 were written for the new theses,
# and the ranking was fixed (historiography dated by publication, coverage of the whole date range,
# questions about historians). Measured then: question set 50/57 = 0.88 top-1, 57/57 top-3;
# held-out 25/31 = 0.81 top-1, 29/31 = 0.94 top-3 (before the ranking fixes, with the same labels:
# 48/57 and 24/31).
TOP3_FLOOR = 0.90
# 3 December 2026: held-out 23/31 = 0.74 top-1 (was 24/31): "Why did the USSR invade eastern Poland in
# September 1939?" had its teacher's pick first only because that thesis borrowed the wording of the pack's
# question on why the USSR signed the pact; a question on an event's causes no longer borrows a wording
# about another event, and the pick is third.
TOP1_FLOOR = {"question": 0.85, "holdout": 0.74}
EXAM_EVIDENCE_FLOOR = 0.85  # measured 0.89 (65 of 73) on 2 December 2026
EVIDENCE_FLOOR = 0.90


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack()


@pytest.fixture(scope="module")
def question_set() -> dict:
    with QUESTION_SET.open("rb") as handle:
        return tomllib.load(handle)


def _accuracy(pack: Pack, questions: list[dict]) -> tuple[float, float, list[str]]:
    top1 = top3 = 0
    misses = []
    for q in questions:
        ranked = [r.thesis.id for r in suggest_theses(pack, q["text"]).ranked]
        hit1 = bool(ranked) and ranked[0] in q["theses"]
        hit3 = any(t in q["theses"] for t in ranked[:3])
        top1 += hit1
        top3 += hit3
        if not hit1:
            misses.append(f"{'top-3' if hit3 else 'MISS '} {q['text']} → {ranked[:3]} (want {q['theses']})")
    return top1 / len(questions), top3 / len(questions), misses


# ---------------------------------------------------------------------------------------------
# The question set itself.
# ---------------------------------------------------------------------------------------------


def test_question_set_is_large_varied_and_refers_to_real_theses(pack: Pack, question_set: dict) -> None:
    questions = question_set["question"]
    assert len(questions) >= 30
    assert len(question_set["holdout"]) >= 10
    assert len(question_set["off_topic"]) >= 5
    commands = {suggest_theses(pack, q["text"]).analysis.command for q in questions}
    # Worded the way boards word them: every command term but the rare "analyse" is represented.
    assert commands >= {"to-what-extent", "how-far", "evaluate", "discuss", "examine", "compare", "why", "assess"}
    texts = [q["text"] for q in questions + question_set["holdout"]]
    assert len(set(texts)) == len(texts)
    for q in questions + question_set["holdout"]:
        assert q["theses"], q["text"]
        for thesis_id in q["theses"]:
            assert thesis_id in pack.thesis, f"{q['text']}: unknown thesis {thesis_id}"
        for evidence_id in q.get("evidence", []):
            assert evidence_id in pack.item, f"{q['text']}: unknown evidence {evidence_id}"


@pytest.mark.parametrize("part", ["question", "holdout"])
def test_top1_and_top3_accuracy(pack: Pack, question_set: dict, part: str) -> None:
    top1, top3, misses = _accuracy(pack, question_set[part])
    n = len(question_set[part])
    print(f"\n[{part}] {n} questions: top-1 accuracy {top1:.2f}, top-3 accuracy {top3:.2f}")
    for miss in misses:
        print("  ", miss)
    assert top3 >= TOP3_FLOOR, misses
    assert top1 >= TOP1_FLOOR[part], misses


def test_every_question_in_the_set_is_on_topic_with_a_decoded_command(pack: Pack, question_set: dict) -> None:
    for q in question_set["question"] + question_set["holdout"]:
        suggestions = suggest_theses(pack, q["text"])
        assert suggestions.on_topic, q["text"]
        assert suggestions.analysis.command_found, q["text"]


def _expected_evidence(pack: Pack, question_set: dict, length: str) -> tuple[int, list[str]]:
    checked, missed = 0, []
    for q in question_set["question"] + question_set["holdout"]:
        if not q.get("evidence"):
            continue
        suggestions = suggest_theses(pack, q["text"])
        plan = build_plan(pack, suggestions.ranked[0].thesis.id, PlanEdits(length=length), suggestions.analysis)
        used = {u.evidence.id for p in plan.body for u in p.support + p.counter}
        checked += 1
        if not used & set(q["evidence"]):
            missed.append(f"{q['text']} → {plan.thesis.id} lacks {q['evidence']}")
    print(f"\n[{length}] expected evidence present in {checked - len(missed)} of {checked} plans")
    for miss in missed:
        print("  ", miss)
    return checked, missed


def test_the_top_thesis_draws_on_the_evidence_an_examiner_expects(pack: Pack, question_set: dict) -> None:
    """Its full notes hold an item the examiner expects (the thesis is the right one)."""
    checked, missed = _expected_evidence(pack, question_set, "revision")
    assert checked >= 30
    assert (checked - len(missed)) / checked >= EVIDENCE_FLOOR, missed


def test_the_exam_plan_keeps_the_evidence_an_examiner_expects(pack: Pack, question_set: dict) -> None:
    """With two items a paragraph, the exam plan still chooses an item the examiner expects."""
    checked, missed = _expected_evidence(pack, question_set, "50")
    assert (checked - len(missed)) / checked >= EXAM_EVIDENCE_FLOOR, missed


# ---------------------------------------------------------------------------------------------
# Synonyms and normalisation.
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "the Nazi–Soviet Pact",
        "the Nazi-Soviet pact",
        "the Molotov–Ribbentrop Pact",
        "the Ribbentrop-Molotov pact",
        "the German–Soviet non-aggression pact",
        "the Soviet-German Non-Aggression Treaty",
        "the Hitler–Stalin pact",
        "the non-aggression pact with Germany",
        "the pact of August 1939",
    ],
)
def test_every_name_of_the_pact_is_one_token(name: str) -> None:
    assert "nazisovietpact" in WORDS.tokens(f"Why did the USSR sign {name}?")


@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("Litvinov's policy", "collectivesecurity"),
        ("collective security", "collectivesecurity"),
        ("the Communist International", "comintern"),
        ("the Comintern", "comintern"),
        ("the USSR", "soviet"),
        ("Soviet Russia", "soviet"),
        ("Russia", "soviet"),
        ("the Soviet Union", "soviet"),
        ("the Great Purges", "terror"),
        ("the show trials", "terror"),
        ("the Popular Front", "popularfront"),
        ("the Treaty of Rapallo", "rapallo"),
        ("the Munich Agreement", "munich"),
        ("the Sudeten crisis", "munich"),
        ("the League of Nations", "league"),
        ("Anglo-French appeasement", "appeasement"),
        ("the Western democracies", "west"),
        ("the Spanish Civil War", "spain"),
        ("the Second World War", "ww2"),
        ("Khalkhin Gol", "japan"),
        ("the secret protocol", "secretprotocol"),
        ("Hitler's rise to power", "hitlerpower"),
        ("Hitler came to power", "hitlerpower"),
    ],
)
def test_synonyms_fold_onto_one_token(text: str, token: str) -> None:
    assert token in WORDS.normalise(text).split()


def test_a_canonical_token_is_never_rewritten_by_a_later_synonym() -> None:
    # "hitlerpower" starts with "hitler" and "nazisovietpact" contains "soviet".
    assert WORDS.normalise("Hitler's rise to power and the Nazi-Soviet Pact") == "hitlerpower and the nazisovietpact"


@pytest.mark.parametrize(
    "name",
    ["Nazi–Soviet Pact", "Molotov–Ribbentrop Pact", "German–Soviet non-aggression pact", "Hitler–Stalin pact"],
)
def test_the_pact_ranks_the_same_under_every_name(pack: Pack, name: str) -> None:
    reference = suggest_theses(pack, "How far was the Nazi–Soviet Pact a consequence of Western appeasement?")
    other = suggest_theses(pack, f"How far was the {name} a consequence of Western appeasement?")
    assert [r.thesis.id for r in other.ranked[:3]] == [r.thesis.id for r in reference.ranked[:3]]


# ---------------------------------------------------------------------------------------------
# Off-topic questions.
# ---------------------------------------------------------------------------------------------


def test_off_topic_questions_are_said_to_be_off_topic(pack: Pack, question_set: dict) -> None:
    for q in question_set["off_topic"]:
        suggestions = suggest_theses(pack, q["text"])
        assert suggestions.on_topic is False, q["text"]
        assert suggestions.ranked == (), q["text"]
        assert suggestions.message.startswith(OFF_TOPIC), q["text"]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Why did the French Revolution break out in 1789?", "its dates (1789) fall outside"),
        ("To what extent was Stalin responsible for the Cold War, 1945–53?", "its dates (1945–1953) fall outside"),
        ("Assess the causes of the First World War.", "another period"),
        ("How successful were Stalin's Five-Year Plans?", "not about its foreign policy"),
        ("How secure was the Tudor monarchy under Henry VII?", "names nothing from it"),
        ("Why did the League of Nations fail?", "not about the USSR"),
    ],
)
def test_the_off_topic_message_says_why(pack: Pack, text: str, why: str) -> None:
    suggestions = suggest_theses(pack, text)
    assert not suggestions.on_topic
    assert why in suggestions.message


@pytest.mark.parametrize(
    "text",
    [
        "Compare and contrast the foreign policies of two rulers of single-party states, each from a different region.",
        "Why did war break out in Europe in 1939?",
        "Why did collective security fail in the 1930s?",
        "Examine the impact of foreign intervention on the Spanish Civil War.",
    ],
)
def test_wider_questions_are_on_topic_but_say_the_plans_cover_the_soviet_side(pack: Pack, text: str) -> None:
    suggestions = suggest_theses(pack, text)
    assert suggestions.on_topic
    assert suggestions.ranked
    assert "Soviet side" in suggestions.message or suggestions.curated is not None


def test_an_empty_question_is_not_ranked(pack: Pack) -> None:
    suggestions = suggest_theses(pack, "   ")
    assert not suggestions.on_topic and suggestions.ranked == ()
    assert "No question" in suggestions.message


# ---------------------------------------------------------------------------------------------
# The ranking's shape, reasons, curated questions and the cache.
# ---------------------------------------------------------------------------------------------


def test_ranking_lists_every_thesis_best_first_with_a_one_line_reason(pack: Pack) -> None:
    suggestions = suggest_theses(pack, "Examine the reasons for Soviet involvement in the Spanish Civil War, 1936–39.")
    assert suggestions.on_topic
    assert len(suggestions.ranked) == len(pack.theses)
    scores = [r.score for r in suggestions.ranked]
    assert scores == sorted(scores, reverse=True)
    best = suggestions.ranked[0]
    assert best.thesis.id == "spain-security-not-revolution"
    for thesis, _score, reason in suggestions.ranked:
        assert "\n" not in reason
        assert reason.startswith(pack.school_names(thesis.schools) + ":")
        assert "in 1936–1939" in reason  # its date coverage
    assert "Spain" in best.reason
    assert suggestions.analysis.command == "examine"
    assert suggestions.analysis.years == (1936, 1939)


def test_a_curated_question_gets_its_first_thesis_and_its_recorded_analysis(pack: Pack) -> None:
    for question in pack.questions:
        suggestions = suggest_theses(pack, question.text)
        assert suggestions.ranked[0].thesis.id == question.theses[0], question.id
        assert suggestions.analysis.question_id == question.id
        assert suggestions.curated == question


def test_date_range_prefers_theses_whose_evidence_lies_inside_it(pack: Pack) -> None:
    # The same words, two decades: the 1920s question needs a thesis with 1920s evidence.
    early = suggest_theses(pack, "To what extent was Soviet foreign policy in the early 1920s driven by ideology?")
    assert early.ranked[0].thesis.id in {"synthesis-security-over-ideology", "gs-rapallo-to-pact"}
    late = suggest_theses(pack, "To what extent was Soviet foreign policy in the late 1930s driven by ideology?")
    assert late.ranked[0].thesis.id not in {"synthesis-security-over-ideology", "gs-rapallo-to-pact"}


def _fit(pack: Pack, thesis_id: str, text: str) -> float:
    index = pack_index(pack)
    return _date_fit(index.infos[index.thesis_row[thesis_id]], analyse_question(text, pack))[0]


HISTORIOGRAPHY = "historians-sources-and-context"


def test_a_thesis_covering_part_of_a_long_range_fits_it_less_well_at_either_end(pack: Pack) -> None:
    text = "'Security, not ideology, drove Soviet foreign policy between 1921 and 1939.' Discuss."
    whole = _fit(pack, "synthesis-security-flexible-means", text)  # evidence from 1921 to 1939
    assert _fit(pack, "state-first-1921-33", text) < 0.8 * whole  # misses the late 1930s
    assert _fit(pack, "cs-genuine-until-western-failure", text) < 0.6 * whole  # misses the 1920s
    # Inside its own range the 1921–33 thesis fits fully.
    assert _fit(pack, "state-first-1921-33", "Soviet foreign policy 1921–33") >= _fit(
        pack, "synthesis-security-flexible-means", "Soviet foreign policy 1921–33"
    )


def test_historiography_is_dated_by_publication_and_never_covers_the_period(pack: Pack) -> None:
    info = pack_index(pack).infos[pack_index(pack).thesis_row[HISTORIOGRAPHY]]
    assert info.later >= 10 and all(first <= 1945 for first, _ in info.years)
    for text in (
        "To what extent was Soviet foreign policy 1921–39 driven by security?",
        "Why did Stalin sign the Nazi–Soviet Pact?",  # no dates: the share of evidence from the period
    ):
        assert _fit(pack, HISTORIOGRAPHY, text) < 0.3 < _fit(pack, "cs-pact-second-best", text), text


@pytest.mark.parametrize(
    "text",
    [
        "Why did Stalin sign the Nazi–Soviet Pact in August 1939?",
        "Assess the consequences of the Nazi–Soviet Pact for the USSR.",
        "To what extent was the Nazi–Soviet Pact a defensive measure?",
        "How far was the Soviet Union responsible for the outbreak of war in 1939?",
    ],
)
def test_the_historiography_thesis_is_not_chosen_for_an_ordinary_question(pack: Pack, text: str) -> None:
    assert suggest_theses(pack, text).ranked[0].thesis.id != HISTORIOGRAPHY


@pytest.mark.parametrize(
    "text",
    [
        "Why have historians disagreed about the aims of Soviet foreign policy in the 1930s?",
        "How have interpretations of the Nazi–Soviet Pact changed since 1945?",
        "Assess the historiography of the Nazi–Soviet Pact.",
        "How far have historians changed their views of Stalin's foreign policy since the Soviet archives opened?",
    ],
)
def test_a_question_about_historians_ranks_the_historiography_thesis_first(pack: Pack, text: str) -> None:
    suggestions = suggest_theses(pack, text)
    assert suggestions.on_topic and suggestions.analysis.historiography
    assert suggestions.ranked[0].thesis.id == HISTORIOGRAPHY
    assert "historians' readings" in suggestions.ranked[0].reason


def test_a_question_about_historians_of_the_1930s_does_not_penalise_historiography(pack: Pack) -> None:
    text = "Why have historians disagreed about Soviet foreign policy in the 1930s?"
    assert suggest_theses(pack, text).analysis.years == (1930, 1939)
    fits = {t.id: _fit(pack, t.id, text) for t in pack.theses}
    assert max(fits, key=fits.__getitem__) == HISTORIOGRAPHY
    # Its plan does not flag historians' readings as outside the question's dates.
    suggestions = suggest_theses(pack, text)
    plan = build_plan(pack, HISTORIOGRAPHY, question=suggestions.analysis)
    assert not [e for e in plan.outside_range if e.date.year > 1945]


def test_index_is_built_once_per_pack_and_queries_are_fast(pack: Pack) -> None:
    assert pack_index(pack) is pack_index(pack)
    other = load_pack()
    assert pack_index(other) is not pack_index(pack)
    start = time.perf_counter()
    for _ in range(20):
        suggest_theses(pack, "To what extent was Soviet foreign policy 1933–39 driven by collective security?")
    assert time.perf_counter() - start < 1.0


def test_the_mini_pack_ranks_its_one_thesis() -> None:
    mini = load_pack(MINI_PACK)
    suggestions = suggest_theses(mini, "How far was Munich the end of collective security for the USSR?")
    assert suggestions.on_topic
    assert [r.thesis.id for r in suggestions.ranked] == ["cs-genuine"]


@pytest.fixture(scope="module")
def valid_packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Pack]:
    """Packs of every size the planner meets: the mini pack, the bundled one, and the bundled one
    copied three times over with every id renamed (a valid pack whose ids are none of the bundled ones)."""
    from benchmarks.synthetic import write_synthetic_pack

    tripled = write_synthetic_pack(tmp_path_factory.mktemp("tripled"), 3)
    return {"mini": load_pack(MINI_PACK), "bundled": load_pack(), "tripled": load_pack(tripled)}


@pytest.mark.parametrize("name", ["mini", "bundled", "tripled"])
def test_works_with_any_valid_pack(valid_packs: dict[str, Pack], name: str) -> None:
    """The pack's curated questions (a dozen, spread over the pack), asked word for word: on topic, every
    thesis of the pack ranked once with a finite score, and the question's own theses first, in its order
    (a copy of a curated question takes that order outright)."""
    pack = valid_packs[name]
    for question in pack.questions[:: max(1, len(pack.questions) // 12)]:
        suggestions = suggest_theses(pack, question.text)
        assert suggestions.on_topic, (name, question.id, suggestions.message)
        ranked = [r.thesis.id for r in suggestions.ranked]
        assert sorted(ranked) == sorted(pack.thesis)
        assert all(math.isfinite(r.score) for r in suggestions.ranked)
        # The tripled pack holds each question three times, word for word: any copy's theses may come first.
        top = [re.sub(r"-x\d+$", "", t) for t in ranked[: len(question.theses)]]
        assert top == [re.sub(r"-x\d+$", "", t) for t in question.theses], (name, question.id, ranked[:3])


# ---------------------------------------------------------------------------------------------
# The plan adapts to the question.
# ---------------------------------------------------------------------------------------------


def _plan_markdown(pack: Pack, text: str, length: str = "50") -> str:
    suggestions = suggest_theses(pack, text)
    plan = build_plan(pack, suggestions.ranked[0].thesis.id, PlanEdits(length=length), suggestions.analysis)
    return render_markdown(plan)


def _section(markdown: str, heading: str) -> str:
    return markdown.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("To what extent was Soviet foreign policy in the years 1933–39 motivated by collective security?", "extent"),
        ("How far was the Nazi–Soviet Pact a consequence of Western appeasement?", "how far"),
        (
            "Compare and contrast Soviet relations with Germany and with Britain in the 1920s.",
            "similarities and differences",
        ),
        ("Why did the USSR join the League of Nations in 1934?", "Rank the reasons"),
        (
            "Evaluate the claim that the Nazi–Soviet Pact was essentially a defensive measure.",
            "strengths and limitations",
        ),
        ("'Ideology mattered less than security in Soviet foreign policy 1921–39.' Discuss.", "balanced review"),
    ],
)
def test_introduction_restates_the_question_and_conclusion_judges_by_command_term(
    pack: Pack, text: str, frame: str
) -> None:
    analysis = suggest_theses(pack, text).analysis
    exam = _section(_plan_markdown(pack, text), "The question")  # the exam plan decodes it up front
    assert analysis.text.rstrip("?.").split("'")[-1][:40] in exam.replace("\\", "")
    assert f"**Decoded:** {analysis.command_label}: " in exam
    # The task: the command's meaning for a plain extent question, else the shape's (at the tightest trim).
    task = COMMAND_GUIDANCE[analysis.command] if analysis.shape in GENERIC_SHAPES else analysis.shape_label
    assert task in exam
    assert analysis.years_label in exam
    notes = _plan_markdown(pack, text, "revision")  # revision notes restate it and say how to frame the verdict
    introduction = _section(notes, "Introduction")
    assert "The question in its own terms" in introduction
    assert analysis.text.rstrip("?.").split("'")[-1][:40] in introduction.replace("\\", "")
    assert analysis.years_label in introduction
    assert frame in _section(notes, "Conclusion")


def test_evidence_outside_the_questions_dates_is_flagged_in_the_markdown(pack: Pack) -> None:
    text = "Why did Stalin ally with Hitler in 1939?"
    suggestions = suggest_theses(pack, text)
    thesis = suggestions.ranked[0].thesis.id
    assert build_plan(pack, thesis, question=suggestions.analysis).outside_range == ()  # an exam plan: none
    plan = build_plan(pack, thesis, PlanEdits(length="revision"), suggestions.analysis)
    outside = plan.outside_range
    assert outside, "the plan uses earlier background (Munich, the Far East) that must be flagged"
    assert all(e.date.end_year < 1939 or e.date.year > 1939 for e in outside)  # background, or a later reckoning
    markdown = render_markdown(plan)
    assert markdown.count("Outside the question's dates (1939)") >= len(outside)
    data = plan_to_dict(plan)
    flagged = {u["id"] for p in data["paragraphs"] for u in p["support"] + p["counter"] if u["outside_range"]}
    assert flagged == {e.id for e in outside}


def test_evidence_inside_the_questions_dates_is_not_flagged(pack: Pack) -> None:
    markdown = _plan_markdown(
        pack, "To what extent was Soviet foreign policy in the years 1933–39 motivated by collective security?"
    )
    assert "Outside the question's dates" not in markdown


# ---------------------------------------------------------------------------------------------
# Command line.
# ---------------------------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "arguments", *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=False
    )


def test_cli_suggest_json_is_a_ranked_list() -> None:
    result = _cli("suggest", "Why did the USSR send military aid to the Spanish Republic?", "--format", "json")
    assert result.returncode == 0, result.stderr
    ranked = json.loads(result.stdout)
    assert isinstance(ranked, list) and ranked
    assert ranked[0]["thesis_id"] == "spain-security-not-revolution"
    for item in ranked:
        assert {"thesis_id", "score", "reason", "title", "schools"} <= set(item)
    assert [i["score"] for i in ranked] == sorted((i["score"] for i in ranked), reverse=True)


def test_cli_suggest_text_lists_id_score_schools_and_reason() -> None:
    result = _cli("suggest", "How far was the Molotov–Ribbentrop Pact the result of appeasement?")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("Command term: How far")
    first = lines[1].split()
    assert first[0] in {"osl-pact-defensive-necessity", "cs-pact-second-best", "osl-peace-betrayed"}
    assert float(first[1]) > 0
    assert "school" in lines[1] or "Official Soviet line" in lines[1]


def test_cli_off_topic_suggest_says_so_and_json_is_empty() -> None:
    text = _cli("suggest", "To what extent was the French Revolution caused by the financial crisis?")
    assert text.returncode == 0
    assert text.stdout.startswith(OFF_TOPIC)
    as_json = _cli("suggest", "Assess the causes of the First World War.", "--format", "json")
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout) == []


def test_cli_plan_for_a_question_in_markdown_and_json() -> None:
    question = "Examine the reasons for Soviet involvement in the Spanish Civil War, 1936–39."
    md = _cli("plan", "--question", question)
    assert md.returncode == 0, md.stderr
    assert "# Essay plan: The USSR intervened in Spain for security" in md.stdout
    assert "**Decoded:** Examine" in md.stdout and "1936–1939" in md.stdout
    assert "*50-minute essay*" in md.stdout and "Outside the question's dates" not in md.stdout
    notes = _cli("plan", "--question", question, "--length", "revision")
    assert "Outside the question's dates (1936–1939)" in notes.stdout
    as_json = _cli("plan", "--question", question, "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert data["thesis"]["id"] == "spain-security-not-revolution"
    assert data["question"]["text"] == question
    assert data["question"]["years"] == [1936, 1939]


def test_cli_plan_for_an_off_topic_question_fails_with_a_message() -> None:
    result = _cli("plan", "--question", "How secure was the Tudor monarchy under Henry VII?")
    assert result.returncode == 2
    assert result.stdout == ""
    assert OFF_TOPIC in result.stderr


def test_run_suggest_and_plan_for_a_question_in_process(pack: Pack, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_suggest(pack, "Why did Stalin sign the Nazi-Soviet Pact?", "json") == 0
    assert json.loads(capsys.readouterr().out)[0]["thesis_id"]
    assert main(["plan", "--question", "Why did Stalin sign the Nazi-Soviet Pact?"]) == 0
    assert "## The question" in capsys.readouterr().out
    assert main(["plan", "--question", "Why did the French Revolution break out in 1789?", "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "1789" in captured.err


def test_cli_suggest_with_another_pack() -> None:
    result = _cli(
        "suggest", "How far was Munich the end of collective security?", "--format", "json", "--pack", str(MINI_PACK)
    )
    assert result.returncode == 0, result.stderr
    assert [i["thesis_id"] for i in json.loads(result.stdout)] == ["cs-genuine"]


def test_a_question_on_motives_ranks_first_the_theses_worded_for_its_subject() -> None:
    """ "How far was Stalin's policy in eastern Europe in 1945–48 driven by security?" put first the thesis
    "Mutual fear and the power vacuum … made the Cold War" (Korea, Greece, the Baruch Plan), which an examiner
    read as answering what caused the Cold War. Its wording is borrowed from the pack's question on security
    and ideology in Stalin's policy, whose teacher put the theses on Stalin's aims first: so does the ranking."""
    cold = load_pack(Path(__file__).resolve().parents[2] / "schools" / "cold-war-origins")
    text = "How far was Stalin's policy in eastern Europe in the years 1945–48 driven by a desire for security?"
    top = suggest_theses(cold, text).ranked[0].thesis.id
    assert top in ("revolutionary-imperial-paradigm", "stalin-wanted-cooperation"), top


def test_the_same_question_in_other_words_ranks_the_teachers_theses_first():
    """ "How important was the Marshall Plan in causing the Cold War …?" is the pack's question "… in the
    development of the Cold War …" in other words: its teacher's theses come first, in the teacher's order
    (the first suggestion was a thesis on Stalin's responsibility, whose plan an examiner found answered
    another question). A question that names nothing of the pack's keeps its own ranking."""
    pack = load_pack(ROOT / "schools" / "cold-war-origins")
    ranked = suggest_theses(pack, "How important was the Marshall Plan in causing the Cold War in the years 1947–49?")
    teacher = pack.question["marshall-plan-importance-1947-49"].theses
    assert [r.thesis.id for r in ranked.ranked[: len(teacher)]] == list(teacher)
    soviet = load_pack(ROOT / "schools" / "soviet-foreign-policy")
    vague = "To what extent did the aims of Soviet foreign policy remain the same between 1921 and 1939?"
    assert same_question(soviet, analyse_question(vague, soviet)) is None
