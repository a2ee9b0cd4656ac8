"""Explorer and schools-page data: the evidence table, its filters, the timeline, the topic matrix."""

from __future__ import annotations

import json

import pytest

from arguments.present import inline
from arguments.tables import (
    CHALLENGES,
    CONTEXT,
    NO_READING,
    NO_SCHOOL_ROW,
    STANCE_COLOURS,
    STANCE_SHAPES,
    SUPPORTS,
    TABLE_COLUMNS,
    EvidenceFilter,
    evidence_frame,
    filter_evidence,
    school_profile,
    timeline_chart,
    timeline_description,
    timeline_frame,
    timeline_years,
    topic_matrix,
    year_span,
)


@pytest.fixture(scope="module")
def frame(mini_pack):
    return evidence_frame(mini_pack)


def ids(frame):
    return list(frame["id"])


def test_one_row_per_item_in_date_order(mini_pack, frame):
    assert ids(frame) == [e.id for e in mini_pack.evidence]
    assert set(TABLE_COLUMNS) <= set(frame.columns)
    rapallo = frame[frame["id"] == "treaty-of-rapallo"].iloc[0]
    assert rapallo["Date"] == "16 April 1922"
    assert rapallo["Kind"] == "Event"
    assert rapallo["Themes"] == "Security, Economic backwardness"
    assert rapallo["Sources"] == "Tucker (1977)"


def test_stances_come_from_items_and_claims_as_school_names(frame):
    kandelaki = frame[frame["id"] == "kandelaki-credit-agreement"].iloc[0]
    assert kandelaki["Supports"] == "German school"  # its own field
    assert kandelaki["Challenges"] == "Collective Security school"  # a counter link of a claim
    assert kandelaki["supports"] == ("german-orientation",)


def test_the_default_filter_keeps_everything(frame):
    assert ids(filter_evidence(frame, EvidenceFilter())) == ids(frame)


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (EvidenceFilter(school="german-orientation", stance="supports"), ["kandelaki-credit-agreement"]),
        (EvidenceFilter(school="german-orientation", stance="challenges"), []),
        (
            EvidenceFilter(school="collective-security", stance="challenges"),
            ["kandelaki-credit-agreement", "secret-protocol"],
        ),
        (EvidenceFilter(themes=("ideology",)), ["secret-protocol"]),
        (
            EvidenceFilter(themes=("ideology", "economic-backwardness")),
            ["treaty-of-rapallo", "kandelaki-credit-agreement", "secret-protocol"],
        ),
        (EvidenceFilter(kinds=("primary-source",)), ["triple-alliance-proposal", "secret-protocol"]),
        (EvidenceFilter(years=(1938, 1938)), ["munich-agreement"]),
        (EvidenceFilter(years=(1920, 1934)), ["treaty-of-rapallo", "ussr-joins-league"]),
        (EvidenceFilter(text="rapallo"), ["treaty-of-rapallo"]),
        (EvidenceFilter(text="  LEAGUE   council "), ["ussr-joins-league"]),
        (EvidenceFilter(text="carley"), ["munich-agreement", "triple-alliance-proposal"]),
        (EvidenceFilter(text="nothing-like-this"), []),
        (
            EvidenceFilter(school="collective-security", themes=("security",), years=(1939, 1939)),
            ["triple-alliance-proposal", "secret-protocol"],
        ),
    ],
)
def test_filters(frame, wanted, expected):
    assert ids(filter_evidence(frame, wanted)) == expected


def test_either_stance_is_supports_plus_challenges(mini_pack, frame):
    for school in mini_pack.schools:
        either = set(ids(filter_evidence(frame, EvidenceFilter(school=school.id))))
        sup = set(ids(filter_evidence(frame, EvidenceFilter(school=school.id, stance="supports"))))
        cha = set(ids(filter_evidence(frame, EvidenceFilter(school=school.id, stance="challenges"))))
        assert either == sup | cha


def test_timeline_rows_per_school_and_stance(mini_pack, frame):
    timeline = timeline_frame(mini_pack, frame)
    kandelaki = timeline[timeline["id"] == "kandelaki-credit-agreement"]
    assert sorted(zip(kandelaki["School"], kandelaki["Stance"], strict=True)) == [
        ("Collective Security school", CHALLENGES),
        ("German school", SUPPORTS),
    ]
    assert CONTEXT not in set(timeline["Stance"])  # every mini-pack item has a stance


def test_items_no_school_claims_get_a_context_row(bundled_pack):
    timeline = timeline_frame(bundled_pack, evidence_frame(bundled_pack))
    unclaimed = {e.id for e in bundled_pack.evidence if bundled_pack.stance(e.id) == ((), ()) and e.date.year <= 1939}
    rows = timeline[timeline["Stance"] == CONTEXT]
    assert unclaimed and set(rows["id"]) == unclaimed and set(rows["School"]) == {NO_SCHOOL_ROW}


def test_timeline_keeps_only_items_in_its_years(mini_pack, frame):
    assert set(timeline_frame(mini_pack, frame, (1938, 1939))["id"]) == {
        "munich-agreement",
        "triple-alliance-proposal",
        "secret-protocol",
    }
    assert timeline_years(mini_pack, None) == (1919, 1939)
    assert timeline_years(mini_pack, (1930, 2021)) == (1930, 1939)
    assert timeline_years(mini_pack, (1950, 2021)) is None


def test_timeline_chart_shows_stance_by_shape_and_colour(mini_pack, frame):
    timeline = timeline_frame(mini_pack, frame)
    spec = timeline_chart(mini_pack, timeline, (1920, 1939)).to_dict()
    encoding = spec["encoding"]
    assert encoding["shape"]["field"] == encoding["color"]["field"] == "Stance"
    assert encoding["shape"]["scale"]["range"] == list(STANCE_SHAPES)
    assert encoding["color"]["scale"]["range"] == list(STANCE_COLOURS)
    assert len(set(STANCE_SHAPES)) == len(STANCE_SHAPES) and len(set(STANCE_COLOURS)) == len(STANCE_COLOURS)
    assert encoding["y"]["field"] == "School"  # the school is named in text on the axis
    assert encoding["x"]["scale"]["domain"] == ["1920-01-01", "1939-12-31"]
    assert {t["field"] for t in encoding["tooltip"]} >= {"Date", "Title", "School", "Stance"}
    json.dumps(spec)  # serialisable as Vega-Lite


def test_timeline_description_counts_marks(mini_pack, frame):
    timeline = timeline_frame(mini_pack, frame)
    text = timeline_description(timeline, (1920, 1939))
    assert text.startswith(f"Timeline of {len(mini_pack.evidence)} evidence items from 1920 to 1939")
    assert "upward blue triangle" in text and "downward orange triangle" in text


def test_topic_matrix_reads_each_topic_per_school(mini_pack):
    matrix = topic_matrix(mini_pack)
    assert list(matrix.columns) == ["Topic", "Key evidence", "Collective Security school", "German school"]
    munich = matrix.iloc[0]
    assert munich["Topic"] == "Munich (September 1938)"
    assert munich["Key evidence"] == "29–30 September 1938: The Munich Agreement"
    assert munich["German school"] == "A pretext Stalin used to turn to Berlin."


def test_topic_matrix_fills_gaps_and_escapes(bundled_pack):
    matrix = topic_matrix(bundled_pack, escape=inline)
    assert len(matrix) == len(bundled_pack.topics)
    assert list(matrix.columns)[2:] == [inline(s.name) for s in bundled_pack.schools]
    for topic, (_, row) in zip(bundled_pack.topics, matrix.iterrows(), strict=True):
        for school in bundled_pack.schools:
            assert row[inline(school.name)] == inline(topic.reading(school.id) or NO_READING)


def test_school_profile(mini_pack):
    profile = school_profile(mini_pack, "collective-security")
    assert [h for h, _ in profile.historians] == ["Jonathan Haslam", "Geoffrey Roberts", "Michael Jabara Carley"]
    assert {e.id for e in profile.relies_on} == {
        e.id for e in mini_pack.evidence if "collective-security" in mini_pack.stance(e.id)[0]
    }
    # ussr-joins-league: two of the school's claims and its own field use it, so it leads.
    assert profile.relies_on[0].id == "ussr-joins-league"
    assert profile.key_counts_against[0].id == "kandelaki-credit-agreement"
    assert [t.id for t in profile.theses] == ["cs-genuine"]


def test_year_span(mini_pack):
    assert year_span(mini_pack) == (1922, 1939)
