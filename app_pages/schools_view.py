"""Schools page: the schools of historians side by side, and how each reads the same episodes."""

from __future__ import annotations

import streamlit as st

from app_pages.common import PAGES, current_pack
from arguments.model import Evidence
from arguments.present import inline
from arguments.tables import SchoolProfile, school_profile, topic_matrix


def evidence_list(items: tuple[Evidence, ...]) -> str:
    return "\n".join(f"- {inline(e.date.label)}: {inline(e.title)}" for e in items) or "None recorded."


def column(profile: SchoolProfile) -> None:
    school = profile.school
    with st.container(border=True, key=f"school_{school.id}"):
        st.subheader(inline(school.name), anchor=False)
        st.markdown(f"**Core argument:** {inline(school.summary)}")
        with st.expander("Why they argue it: sources and method"):
            st.markdown(inline(school.basis))
        lines = ["**Historians and works:**", ""]
        for name, works in profile.historians:
            titles = "; ".join(f"*{inline(w.title)}* ({w.year})" for w in works)
            lines.append(f"- **{inline(name)}:** {titles}")
        st.markdown("\n".join(lines))
        st.markdown("**Key evidence it relies on:**\n\n" + evidence_list(profile.key_relies_on))
        if len(profile.relies_on) > len(profile.key_relies_on):
            with st.expander(f"All {len(profile.relies_on)} items it relies on"):
                st.markdown(evidence_list(tuple(sorted(profile.relies_on, key=lambda e: e.date))))
        st.markdown("**What counts against it:**\n\n" + evidence_list(profile.key_counts_against))
        if len(profile.counts_against) > len(profile.key_counts_against):
            with st.expander(f"All {len(profile.counts_against)} items against it"):
                st.markdown(evidence_list(tuple(sorted(profile.counts_against, key=lambda e: e.date))))
        if profile.theses:
            st.markdown("**Plan an essay with this school:**")
            for thesis in profile.theses:
                if st.button(
                    inline(thesis.title),
                    key=f"plan__{school.id}__{thesis.id}",
                    icon=":material/edit_note:",
                    type="tertiary",
                    wrap=True,
                    help="Open the plan for this thesis",
                ):
                    st.switch_page(PAGES / "plan.py", query_params={"thesis": thesis.id})


def page() -> None:
    pack = current_pack()
    st.set_page_config(layout="wide")
    st.title("Schools of historians", anchor=False)
    st.markdown(
        "Each school reads the same evidence differently. Compare their core arguments, the historians "
        "behind them, the evidence each relies on and what counts against it."
    )
    st.header("The schools side by side", anchor=False)
    for start in range(0, len(pack.schools), 4):
        group = pack.schools[start : start + 4]
        for col, school in zip(st.columns(len(group)), group, strict=True):
            with col:
                column(school_profile(pack, school.id))

    st.header("How each school reads the same event", anchor=False)
    st.markdown("Topics down, schools across. Read along a row to see one event through every school's eyes.")
    matrix = topic_matrix(pack, escape=inline)
    matrix["Topic"] = "**" + matrix["Topic"] + "**"
    st.table(
        matrix.style.set_properties(**{"vertical-align": "top", "text-align": "left"}),
        hide_index=True,
        alt="Table: for each key topic, its key evidence and how each school of historians reads it.",
    )
