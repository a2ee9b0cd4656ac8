"""Projection mode: one slide at a time in large, high-contrast type, for a classroom projector.

Reached from the plan page's View control or by URL (``?thesis=ID&view=project&step=N``).
Stepping reruns only the slide area (a fragment). Keys: → next, ← previous, V counter evidence.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app_pages import plan_state as state
from app_pages.common import PROJECTION_STYLE, plan_outline
from arguments.model import Pack
from arguments.plan import EssayPlan
from arguments.present import Slide, clamp_step, inline, part_markdown_of, slides

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
    """The slide's part of the plan's outline, in large type; counters hidden until revealed."""
    outline = plan_outline(pack, plan)
    st.title(slide.title, anchor=False)
    blocks = []
    if slide.kind == "introduction" and plan.question is not None:
        blocks.append(f"**Question:** {inline(plan.question.text)}")
    blocks.append(part_markdown_of(outline, slide.part, heading=False, reveal=revealed or slide.kind != "paragraph"))
    st.markdown("\n\n".join(blocks))
    if slide.kind == "paragraph" and not revealed:
        p = plan.body[slide.paragraph or 0]
        n = len(p.counter)
        st.markdown(
            f"**Counter evidence:** {n} item{'s' * (n != 1)} hidden. "
            f"Press **Show counter evidence** (key {REVEAL_KEY}) to reveal."
            if n
            else "**Counter evidence:** none left in this plan."
        )
    part = outline.part(slide.part)
    _note(part.note if part is not None else "")
