"""Pure data for the evidence explorer and the schools page: tables, filters, the timeline chart.

pandas and Altair are imported inside the functions that need them, so the engine and its
command line stay light. Nothing here touches Streamlit or the file system.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from arguments.model import KIND_LABELS, Claim, Evidence, Pack, School, Thesis, Work

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

Stance = Literal["either", "supports", "challenges"]
SUPPORTS = "Supports the school"
CHALLENGES = "Challenges the school"
CONTEXT = "No school stance"
STANCES = (SUPPORTS, CHALLENGES, CONTEXT)
# Shapes and colours both carry the stance (never colour alone). Blue and orange stay apart for
# the common colour-vision deficiencies; each has at least 3:1 contrast with the white background.
STANCE_SHAPES = ("triangle-up", "triangle-down", "circle")
STANCE_COLOURS = ("#1f4e8c", "#b35806", "#595959")
NO_SCHOOL_ROW = "No school (context)"
NO_READING = "No reading recorded"

# Columns shown in the explorer's table, in order.
TABLE_COLUMNS = ("Date", "Title", "Kind", "Supports", "Challenges", "Themes", "Summary", "Sources")


def _cites(pack: Pack, work_ids: tuple[str, ...]) -> str:
    return "; ".join(pack.work[w].short for w in work_ids if w in pack.work)


def evidence_records(pack: Pack) -> list[dict[str, object]]:
    """One plain record per evidence item, in date order, with school stances as names and ids."""
    records = []
    themes = pack.info.theme_labels
    for item in pack.evidence:
        supports, challenges = pack.stance(item.id)
        records.append(
            {
                "id": item.id,
                "Date": item.date.label,
                "start": item.date.start,
                "end": item.date.end,
                "first_year": item.date.year,
                "last_year": item.date.end_year,
                "Title": item.title,
                "Kind": KIND_LABELS[item.kind],
                "kind": item.kind,
                "Themes": ", ".join(themes[t] for t in item.themes),
                "themes": tuple(item.themes),
                "Supports": ", ".join(pack.school[s].name for s in supports),
                "Challenges": ", ".join(pack.school[s].name for s in challenges),
                "supports": supports,
                "challenges": challenges,
                "Summary": item.summary,
                "Sources": _cites(pack, item.sources),
                "Debate": item.debate,
                "Correction": item.correction,
            }
        )
    return records


def evidence_frame(pack: Pack) -> pd.DataFrame:
    """Every evidence item as a pandas DataFrame (one row per item, date order)."""
    import pandas as pd

    frame = pd.DataFrame.from_records(evidence_records(pack))
    for column in ("start", "end"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def year_span(pack: Pack) -> tuple[int, int]:
    """The first and last year any evidence item touches."""
    if not pack.evidence:
        return pack.info.timeline_years
    return (min(e.date.year for e in pack.evidence), max(e.date.end_year for e in pack.evidence))


@dataclass(frozen=True)
class EvidenceFilter:
    """What the student asked the explorer for; the defaults keep every item."""

    school: str | None = None
    stance: Stance = "either"
    themes: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    text: str = ""
    kinds: tuple[str, ...] = ()


_SEARCHED = ("id", "Title", "Summary", "Debate", "Correction", "Sources", "Date")


def filter_evidence(frame: pd.DataFrame, wanted: EvidenceFilter) -> pd.DataFrame:
    """The rows that match every part of the filter (themes and kinds: any of those chosen)."""
    keep = [True] * len(frame)
    if wanted.school:
        school = wanted.school

        def stance_ok(row: dict) -> bool:
            if wanted.stance == "supports":
                return school in row["supports"]
            if wanted.stance == "challenges":
                return school in row["challenges"]
            return school in row["supports"] or school in row["challenges"]

        keep = [k and stance_ok(r) for k, r in zip(keep, frame.to_dict("records"), strict=True)]
    if wanted.themes:
        themes = set(wanted.themes)
        keep = [k and bool(themes & set(t)) for k, t in zip(keep, frame["themes"], strict=True)]
    if wanted.kinds:
        kinds = set(wanted.kinds)
        keep = [k and kind in kinds for k, kind in zip(keep, frame["kind"], strict=True)]
    if wanted.years is not None:
        first, last = wanted.years
        keep = [
            k and a <= last and b >= first
            for k, a, b in zip(keep, frame["first_year"], frame["last_year"], strict=True)
        ]
    words = wanted.text.casefold().split()
    if words:
        haystacks = [" ".join(str(row[c]) for c in _SEARCHED).casefold() for row in frame.to_dict("records")]
        keep = [k and all(w in h for w in words) for k, h in zip(keep, haystacks, strict=True)]
    return frame[keep].reset_index(drop=True)


def timeline_years(pack: Pack, years: tuple[int, int] | None) -> tuple[int, int] | None:
    """The chart's span: the period asked for, within the pack's timeline (None if they do not meet).

    Later items (historians' books, archive openings) stay in the table, off the chart."""
    span = pack.info.timeline_years
    first, last = years or span
    first, last = max(first, span[0]), min(last, span[1])
    return (first, last) if first <= last else None


def timeline_frame(pack: Pack, frame: pd.DataFrame, years: tuple[int, int] | None = None) -> pd.DataFrame:
    """One row per (item, school, stance) for items dated within ``years``; unclaimed items get a context row."""
    import pandas as pd

    rows = []
    first, last = years or pack.info.timeline_years
    for item in frame.to_dict("records"):
        if item["first_year"] > last or item["last_year"] < first:
            continue
        base = {"id": item["id"], "date": item["start"], "Date": item["Date"], "Title": item["Title"]}
        base["Kind"] = item["Kind"]
        for school in item["supports"]:
            rows.append({**base, "School": pack.school[school].name, "Stance": SUPPORTS})
        for school in item["challenges"]:
            rows.append({**base, "School": pack.school[school].name, "Stance": CHALLENGES})
        if not item["supports"] and not item["challenges"]:
            rows.append({**base, "School": NO_SCHOOL_ROW, "Stance": CONTEXT})
    columns = ["id", "date", "Date", "Title", "Kind", "School", "Stance"]
    return pd.DataFrame.from_records(rows, columns=columns)


def timeline_rows(pack: Pack) -> list[str]:
    return [s.name for s in pack.schools] + [NO_SCHOOL_ROW]


def timeline_chart(pack: Pack, timeline: pd.DataFrame, years: tuple[int, int]) -> alt.Chart:
    """Items on a dated axis, one row per school; stance shown by shape AND colour (and offset)."""
    import altair as alt

    first, last = years
    stance = alt.Scale(domain=list(STANCES), range=list(STANCE_SHAPES))
    colours = alt.Scale(domain=list(STANCES), range=list(STANCE_COLOURS))
    legend = alt.Legend(title="Stance", orient="top", symbolSize=220, symbolOpacity=1, labelFontSize=14)
    text = "#1a1a1a"
    return (
        alt.Chart(timeline)
        .mark_point(filled=True, size=170, opacity=0.9)
        .encode(
            x=alt.X(
                "date:T",
                title="Date",
                scale=alt.Scale(domain=[f"{first}-01-01", f"{last}-12-31"]),
                axis=alt.Axis(format="%Y", labelFontSize=13, titleFontSize=14, tickCount="year"),
            ),
            y=alt.Y(
                "School:N",
                title=None,
                sort=timeline_rows(pack),
                scale=alt.Scale(domain=timeline_rows(pack)),
                axis=alt.Axis(labelFontSize=14, labelLimit=260),
            ),
            yOffset=alt.YOffset("Stance:N", sort=list(STANCES), scale=alt.Scale(domain=list(STANCES))),
            shape=alt.Shape("Stance:N", scale=stance, legend=legend),
            color=alt.Color("Stance:N", scale=colours, legend=legend),
            tooltip=[
                alt.Tooltip("Date:N", title="Date"),
                alt.Tooltip("Title:N", title="Item"),
                alt.Tooltip("School:N", title="School"),
                alt.Tooltip("Stance:N", title="Stance"),
                alt.Tooltip("Kind:N", title="Kind"),
            ],
        )
        .properties(height=70 * len(timeline_rows(pack)))
        .configure_axis(labelColor=text, titleColor=text, gridColor="#d9d9d9")
        .configure_legend(labelColor=text, titleColor=text, symbolSize=170, labelFontSize=14, titleFontSize=14)
    )


def timeline_description(timeline: pd.DataFrame, years: tuple[int, int]) -> str:
    """Alternative text for the timeline chart: what it shows and how stance is drawn."""
    items = timeline["id"].nunique() if len(timeline) else 0
    supports = int((timeline["Stance"] == SUPPORTS).sum()) if len(timeline) else 0
    challenges = int((timeline["Stance"] == CHALLENGES).sum()) if len(timeline) else 0
    context = int((timeline["Stance"] == CONTEXT).sum()) if len(timeline) else 0
    first, last = years
    return (
        f"Timeline of {items} evidence items from {first} to {last}, one row per school of historians. "
        f"An upward blue triangle marks an item that supports the school on that row ({supports} marks), "
        f"a downward orange triangle an item that challenges it ({challenges} marks), and a grey circle "
        f"an item no school claims ({context}). The table above lists the same items."
    )


def topic_matrix(pack: Pack, escape: Callable[[str], str] = str) -> pd.DataFrame:
    """Topics down, schools across: how each school reads the same episode.

    ``escape`` is applied to every text cell (pass a Markdown escaper for a Markdown table).
    """
    import pandas as pd

    rows = []
    for topic in pack.topics:
        items = [pack.item[e] for e in topic.evidence if e in pack.item]
        row = {
            "Topic": escape(topic.title),
            "Key evidence": escape("; ".join(f"{e.date.label}: {e.title}" for e in items)),
        }
        for school in pack.schools:
            row[escape(school.name)] = escape(topic.reading(school.id) or NO_READING)
        rows.append(row)
    columns = ["Topic", "Key evidence"] + [escape(s.name) for s in pack.schools]
    return pd.DataFrame.from_records(rows, columns=columns)


KEY_ITEMS = 5


@dataclass(frozen=True)
class SchoolProfile:
    """Everything the schools page shows for one school.

    ``relies_on`` and ``counts_against`` are ordered most-used first (by the school's claims,
    plus the item's own stance), then by date: the first few are the school's key evidence.
    """

    school: School
    historians: tuple[tuple[str, tuple[Work, ...]], ...]
    relies_on: tuple[Evidence, ...]
    counts_against: tuple[Evidence, ...]
    claims: tuple[Claim, ...]
    theses: tuple[Thesis, ...]

    @property
    def key_relies_on(self) -> tuple[Evidence, ...]:
        return self.relies_on[:KEY_ITEMS]

    @property
    def key_counts_against(self) -> tuple[Evidence, ...]:
        return self.counts_against[:KEY_ITEMS]


def school_profile(pack: Pack, school_id: str) -> SchoolProfile:
    school = pack.school[school_id]
    claims = tuple(c for c in pack.claims if school_id in c.schools)
    helps: dict[str, int] = {}
    hurts: dict[str, int] = {}
    for claim in claims:
        for link in claim.support:
            helps[link.evidence] = helps.get(link.evidence, 0) + 1
        for link in claim.counter:
            hurts[link.evidence] = hurts.get(link.evidence, 0) + 1
    for item in pack.evidence:
        if school_id in item.supports:
            helps[item.id] = helps.get(item.id, 0) + 1
        if school_id in item.challenges:
            hurts[item.id] = hurts.get(item.id, 0) + 1

    def ranked(uses: dict[str, int], stance: int) -> tuple[Evidence, ...]:
        items = [e for e in pack.evidence if school_id in pack.stance(e.id)[stance]]
        return tuple(sorted(items, key=lambda e: (-uses.get(e.id, 0), e.date, e.id)))

    return SchoolProfile(
        school=school,
        historians=tuple((h.name, tuple(pack.work[w] for w in h.works if w in pack.work)) for h in school.historians),
        relies_on=ranked(helps, 0),
        counts_against=ranked(hurts, 1),
        claims=claims,
        theses=tuple(t for t in pack.theses if school_id in t.schools),
    )
