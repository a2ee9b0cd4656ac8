"""Evidence explorer: every evidence item in a filterable table, and a timeline of school stances."""

from __future__ import annotations

import streamlit as st

from app_pages.common import current_pack
from arguments.model import KIND_LABELS, Pack
from arguments.present import bibliography_line, inline
from arguments.tables import (
    TABLE_COLUMNS,
    EvidenceFilter,
    evidence_frame,
    filter_evidence,
    timeline_chart,
    timeline_description,
    timeline_frame,
    timeline_years,
    year_span,
)

STANCE_LABELS = {"either": "Supports or challenges", "supports": "Supports", "challenges": "Challenges"}


@st.cache_data(max_entries=4)
def _frame(_pack: Pack, label: str):
    # Keyed by the pack's id@version (the Pack itself is not hashed); cache_data hands out a copy.
    return evidence_frame(_pack)


def filters(pack: Pack) -> EvidenceFilter:
    first, last = year_span(pack)
    with st.container(horizontal=True, key="explorer_filters"):
        school = st.selectbox(
            "School",
            [s.id for s in pack.schools],
            index=None,
            format_func=lambda s: pack.school[s].name,
            placeholder="Any school",
            key="ex_school",
            width=260,
        )
        stance = "either"
        if school is not None:
            stance = st.radio(
                "Stance towards that school",
                list(STANCE_LABELS),
                format_func=STANCE_LABELS.__getitem__,
                horizontal=True,
                key="ex_stance",
                width="content",
            )
    with st.container(horizontal=True):
        themes = st.multiselect(
            "Themes",
            list(pack.info.theme_labels),
            format_func=pack.info.theme_labels.__getitem__,
            placeholder="Any theme",
            key="ex_themes",
        )
        kinds = st.multiselect(
            "Kind of evidence",
            list(KIND_LABELS),
            format_func=KIND_LABELS.__getitem__,
            placeholder="Any kind",
            key="ex_kinds",
        )
    with st.container(horizontal=True):
        years = st.slider("Period", first, last, (first, last), step=1, key="ex_years", format="%d")
        text = st.text_input(
            "Search",
            key="ex_text",
            placeholder=f"e.g. {pack.info.search_example}" if pack.info.search_example else None,
        )
    return EvidenceFilter(
        school=school,
        stance=stance,
        themes=tuple(themes),
        years=tuple(years),
        text=text or "",
        kinds=tuple(kinds),
    )


@st.fragment
def explorer(pack: Pack) -> None:
    wanted = filters(pack)
    frame = _frame(pack, pack.label)
    shown = filter_evidence(frame, wanted)
    st.markdown(f"**{len(shown)} of {len(frame)} items** match. Select a row to read the item in full.")
    event = st.dataframe(
        shown,
        hide_index=True,
        column_order=TABLE_COLUMNS,
        column_config={
            "Date": st.column_config.TextColumn("Date", width="medium"),
            "Title": st.column_config.TextColumn("Title", width="medium"),
            "Kind": st.column_config.TextColumn("Kind", width="small"),
            "Supports": st.column_config.TextColumn("Supports", help="Schools this item helps", width="small"),
            "Challenges": st.column_config.TextColumn("Challenges", help="Schools it cuts against", width="small"),
            "Themes": st.column_config.TextColumn("Themes", width="small"),
            "Summary": st.column_config.TextColumn("Summary", width="large"),
            "Sources": st.column_config.TextColumn("Sources", width="small"),
        },
        key="ex_table",
        on_select="rerun",
        selection_mode="single-row",
        height=420,
        alt=f"Table of {len(shown)} evidence items with date, title, kind, the schools each supports "
        "and challenges, themes, summary and sources.",
    )
    rows = event.selection.rows if event is not None else []
    if rows and rows[0] < len(shown):
        details(pack, shown.iloc[rows[0]]["id"])
    years = timeline_years(pack, wanted.years)
    st.header(f"Timeline, {years[0]}–{years[1]}" if years else "Timeline", anchor=False)
    timeline = timeline_frame(pack, shown, years) if years else None
    if timeline is None or timeline.empty:
        st.markdown("No matching items between {} and {}: loosen the filters.".format(*pack.info.timeline_years))
    else:
        st.altair_chart(
            timeline_chart(pack, timeline, years), alt=timeline_description(timeline, years), width="stretch"
        )
        st.markdown(
            "Each row is a school. **▲ blue:** the item supports that school. "
            "**▼ orange:** it challenges it. **● grey:** no school claims it."
        )
        later = len(shown) - timeline["id"].nunique()
        if later:
            st.markdown(
                f"{later} matching item{'s are' if later != 1 else ' is'} dated outside {years[0]}–{years[1]} "
                "(for example historians' books): see the table."
            )


def details(pack: Pack, evidence_id: str) -> None:
    item = pack.item[evidence_id]
    supports, challenges = pack.stance(item.id)
    with st.container(border=True, key="ex_details"):
        st.markdown(f"**{inline(item.date.label)} · {inline(item.title)}**")
        lines = [
            f"**Kind:** {inline(KIND_LABELS[item.kind])}",
            f"**Themes:** {inline(', '.join(pack.info.theme_labels[t] for t in item.themes))}",
            f"**Supports:** {inline(', '.join(pack.school[s].name for s in supports) or 'no school')}",
            f"**Challenges:** {inline(', '.join(pack.school[s].name for s in challenges) or 'no school')}",
            f"**Summary:** {inline(item.summary)}",
        ]
        if item.debate:
            lines.append(f"**How the schools use it:** {inline(item.debate)}")
        if item.correction:
            lines.append(f"**Beware a common error:** {inline(item.correction)}")
        st.markdown("  \n".join(lines))
        st.markdown("**Sources:**\n" + "\n".join(f"- {bibliography_line(pack.work[w])}" for w in item.sources))


def page() -> None:
    pack = current_pack()
    st.set_page_config(layout="wide")
    st.title("Evidence explorer", anchor=False)
    st.markdown(
        "Every dated item in the data pack: events, primary sources and historians' interpretations. "
        "Filter by the school an item supports or challenges, by theme, period or words."
    )
    explorer(pack)
