"""Projection mode: one slide at a time in large, high-contrast type, for a classroom projector.

Reached from the plan page's View control or by URL (``?thesis=ID&view=project&step=N``).
Stepping reruns only the slide area (a fragment). Keys: → next, ← previous, V counter evidence.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app_pages import plan_state as state
from app_pages.common import PROJECTION_STYLE
from arguments.model import Pack
from arguments.plan import EssayPlan
from arguments.present import Slide, clamp_step, inline, slides

NEXT_KEY, PREVIOUS_KEY, REVEAL_KEY = "Right", "Left", "V"


def show(plan: EssayPlan, pack: Pack, view_control: Callable[[], str]) -> None:
    st.set_page_config(layout="wide")
    st.html(PROJECTION_STYLE)
    with st.container(key="projector_top", horizontal=True, vertical_alignment="bottom"):
        view_control()
        st.markdown(f"**Thesis:** {inline(plan.thesis.title)}", width="stretch")
    stage(plan, pack)


@st.fragment
def stage(plan: EssayPlan, pack: Pack) -> None:
    sequence = slides(plan)
    count = len(sequence)
    step = clamp_step(int(st.session_state.get(state.STEP, 0)), count)
    st.session_state[state.STEP] = step
    slide = sequence[step]
    with st.container(key="projector_controls", horizontal=True, vertical_alignment="center"):
        st.button(
            "Previous",
            key="previous_slide",
            icon=":material/arrow_back:",
            shortcut=PREVIOUS_KEY,
            disabled=step == 0,
            on_click=state.step_by,
            args=(-1, count),
        )
        st.button(
            "Next",
            key="next_slide",
            icon=":material/arrow_forward:",
            shortcut=NEXT_KEY,
            type="primary",
            disabled=step == count - 1,
            on_click=state.step_by,
            args=(1, count),
        )
        revealed = bool(st.session_state.get(state.REVEAL, False))
        if slide.kind == "paragraph":
            st.button(
                "Hide counter evidence" if revealed else "Show counter evidence",
                key="reveal_counter",
                icon=":material/visibility_off:" if revealed else ":material/visibility:",
                shortcut=REVEAL_KEY,
                on_click=state.toggle_reveal,
            )
        st.markdown(f"**Slide {step + 1} of {count}:** {slide.title}", width="content")
    with st.container(key="slide"):
        show_slide(plan, pack, slide, revealed)
    state.write_url(st.session_state.get(state.QUESTION), plan.thesis.id, "project", step)


def _note(text: str) -> None:
    if text:
        st.markdown("**Notes:**")
        st.text(text)


def show_slide(plan: EssayPlan, pack: Pack, slide: Slide, revealed: bool) -> None:
    if slide.kind == "introduction":
        intro = plan.introduction
        st.title("Introduction", anchor=False)
        lines = []
        if plan.question is not None:
            lines.append(f"**Question:** {inline(plan.question.text)}")
        lines += [
            f"**Thesis:** {inline(intro.thesis_statement)}",
            f"**Verdict:** {inline(intro.verdict)}",
            f"**Criteria:** {inline(intro.criteria)}",
        ]
        st.markdown("\n\n".join(lines))
        st.markdown("**Roadmap:**\n\n" + "\n".join(f"1. {inline(s.split('. ', 1)[-1])}" for s in intro.roadmap))
        _note(intro.note)
    elif slide.kind == "paragraph":
        assert slide.paragraph is not None
        p = plan.paragraphs[slide.paragraph]
        st.title(slide.title, anchor=False)
        word = "School" if len(p.schools) == 1 else "Schools"
        st.markdown(
            f"**{word}:** {inline(', '.join(s.name for s in p.schools))}\n\n**Claim:** {inline(p.topic_sentence)}"
        )
        lines = ["**Evidence for the claim:**", ""]
        lines += [
            f"- **{inline(u.evidence.date.label)} · {inline(u.evidence.title)}:** {inline(u.how)}" for u in p.support
        ]
        if not p.support:
            lines.append("- None left in this plan.")
        st.markdown("\n".join(lines))
        if not p.counter:
            st.markdown("**Counter evidence:** none left in this plan.")
        elif revealed:
            lines = ["**Counter evidence and rebuttal:**", ""]
            for u in p.counter:
                rivals = f" (relied on by the {inline(', '.join(s.name for s in u.schools))})" if u.schools else ""
                lines.append(
                    f"- **{inline(u.evidence.date.label)} · {inline(u.evidence.title)}**{rivals}: {inline(u.how)}"
                )
                lines.append(f"  - **Rebuttal:** {inline(u.rebuttal)}")
            st.markdown("\n".join(lines))
        else:
            n = len(p.counter)
            st.markdown(
                f"**Counter evidence:** {n} item{'s' * (n != 1)} hidden. "
                f"Press **Show counter evidence** (key {REVEAL_KEY}) to reveal."
            )
        if p.historians:
            st.markdown(f"**Historians:** {inline('; '.join(w.short for w in p.historians))}")
        _note(p.note)
    elif slide.kind == "historiography":
        hist = plan.historiography
        st.title("Historiography", anchor=False)
        own = ", ".join(v.school.name for v in hist.views if v.in_thesis)
        lines = [f"**This plan argues with:** {inline(own)}, against the readings below.", ""]
        for view in hist.views:
            role = "this plan's view" if view.in_thesis else "rival view"
            lines.append(f"- **{inline(view.school.name)}** ({role}): {inline(view.school.summary)}")
        lines += ["", f"**Why historians differ:** {inline(hist.why_differ)}"]
        lines += ["", f"**Which reading convinces:** {inline(hist.evaluation)}"]
        st.markdown("\n".join(lines))
        _note(hist.note)
    else:
        conc = plan.conclusion
        st.title("Conclusion", anchor=False)
        st.markdown(
            f"**Judgement:** {inline(conc.judgement)}\n\n"
            f"**Weighing the paragraphs:** {inline(conc.weighing)}\n\n"
            f"**How to frame it:** {inline(conc.judgement_frame)}"
        )
        _note(conc.note)
