"""The plan page's pasted question (issue 5): any essay question → what it asks → ranked theses.

The student pastes a question in their teacher's wording. The page shows how it was read (key
concept, command term, dates, loaded words), says plainly when it is not about this pack's subject,
and otherwise offers the best theses for it, best first, in the thesis radio; the plan for the
chosen one is built with the question's analysis (``choose`` in ``plan_view`` passes it on).

Everything shown is escaped with ``inline`` (Markdown, never HTML). The ranking is computed at most
once per rerun, and only when the text changes: it is kept in the session with the text it is for.
"""

from __future__ import annotations

import streamlit as st

from app_pages import common
from app_pages import plan_state as state
from arguments.model import Pack
from arguments.present import inline, school_label
from arguments.question import QuestionAnalysis
from arguments.suggest import RankedThesis, Suggestions, debate_for, nor_the_others

LABEL = "Paste your essay question"
TOP = 5  # theses offered for a pasted question, best first
_RANKED = "_pasted_ranking"  # (pack, text, Suggestions): the ranking for the text in the box


def current(pack: Pack) -> Suggestions | None:
    """The ranking for the pasted question (None when nothing is pasted), computed once per text."""
    text = state.pasted_question()
    if not text:
        return None
    cached = st.session_state.get(_RANKED)
    if cached is not None and cached[0] is pack and cached[1] == text:
        return cached[2]
    best, suggestions = debate_for(common.debates().packs, text, pack)
    if best is not pack:  # answered from the debate the question is about
        notice = f"Your question is about {best.info.subject}, so the planner opened that debate."
        common.switch_debate(best, notice, keep_pasted=True)
        st.rerun()
    st.session_state[_RANKED] = (pack, text, suggestions)
    return suggestions


def analysis(pack: Pack) -> QuestionAnalysis | None:
    """What the pasted question asks, if it is one this pack can plan for."""
    suggestions = current(pack)
    return suggestions.analysis if suggestions is not None and suggestions.on_topic else None


def decoded_lines(analysis: QuestionAnalysis) -> list[str]:
    """How the question was read, as inert Markdown lines."""
    command = inline(analysis.command_label)
    if not analysis.command_found:
        command = f"none found, so it is read as '{command}'"
    lines = [
        "**How the planner reads your question:**",
        "",
        f"- **Key concept:** {inline(analysis.concept_label)}",
        f"- **Command term:** {command}",
        f"- **Date range:** {inline(analysis.years_label)}",
    ]
    if analysis.loaded_words:
        lines.append(f"- **Words to define or challenge:** {inline(', '.join(analysis.loaded_words))}")
    if analysis.historiography:
        lines.append("- **About historians:** it asks how and why historians' views differ or changed")
    return lines


def paste_box(pack: Pack) -> Suggestions | None:
    """The text box, then how the question was read, or why it cannot be planned here."""
    st.text_input(
        LABEL,
        key=state.PASTED,
        max_chars=state.MAX_PASTED_CHARS,
        on_change=state.on_pasted_change,
        placeholder="Or paste the question your teacher set, in its own words",
        help="Press Enter when done. The planner finds what the question asks and the theses that answer it, "
        "best first. It replaces a question chosen above.",
        persist_state="session",
    )
    notice = common.debate_notice()
    if notice:
        st.info(inline(notice), icon=":material/swap_horiz:")
    suggestions = current(pack)
    if suggestions is None:
        return None
    if not suggestions.on_topic:
        others = [p for p in common.debates().packs if p is not pack]
        st.warning(inline(suggestions.message + nor_the_others(others)), icon=":material/report:")
        return suggestions
    st.markdown("\n".join(decoded_lines(suggestions.analysis)))
    if suggestions.message:
        st.info(inline(suggestions.message), icon=":material/info:")
    return suggestions


def caption(pack: Pack, ranked: RankedThesis, rank: int) -> str:
    """One line under a ranked thesis: its rank, schools (as text), score and why it fits."""
    thesis = ranked.thesis
    word = "School" if len(thesis.schools) == 1 else "Schools"
    schools = school_label(pack, thesis.schools)
    reason = ranked.reason.removeprefix(f"{pack.school_names(thesis.schools)}: ")
    return f"Rank {rank} · {word}: {schools} · Score {ranked.score:.2f} · Why: {reason}"


def choose_ranked_thesis(pack: Pack, suggestions: Suggestions) -> str | None:
    """Step 2 for a pasted question: the best theses for it, best first (none when it is off-topic)."""
    ss = st.session_state
    recheck = ss.pop(state.RECHECK_THESIS, False)
    st.header("2. Your thesis", anchor=False)
    if not suggestions.on_topic:
        ss[state.THESIS] = None
        st.markdown("No thesis is offered for this question: change it, or choose one of the questions above.")
        return None
    offered = {r.thesis.id: r for r in suggestions.ranked[:TOP]}
    current_id = ss.get(state.THESIS)
    if current_id is not None and current_id not in offered:
        if recheck or current_id not in pack.thesis:
            ss[state.THESIS] = None  # a new question: choose again from its ranking
        else:  # a link (or a refresh) names a thesis ranked lower: keep it, last
            offered |= {r.thesis.id: r for r in suggestions.ranked if r.thesis.id == current_id}
    ids = list(offered)
    rank = {r.thesis.id: i for i, r in enumerate(suggestions.ranked, start=1)}
    count = min(TOP, len(suggestions.ranked))
    best = "The thesis that fits" if count == 1 else f"The {count} theses that fit"
    st.markdown(f"{best} your question best, best first (the rank and score are under each title).")
    # Labelled by title alone, as in the radio it replaces: the radio's value travels as its label,
    # so a click on the old list while the ranking appears still chooses the same thesis.
    st.radio(
        "Choose your thesis: ranked for your question, best first",
        ids,
        index=None,
        format_func=lambda t: inline(pack.thesis[t].title),
        captions=[inline(caption(pack, offered[t], rank[t])) for t in ids],
        key=state.THESIS,
        label_visibility="collapsed",
        on_change=state.on_thesis_change,
        persist_state="session",
    )
    return ss.get(state.THESIS)
