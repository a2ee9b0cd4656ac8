"""Plan page (the default): choose a question and a thesis, shape the plan, download it, project it."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app_pages import plan_import, plan_question, projection
from app_pages import plan_state as state
from app_pages.common import current_pack
from arguments.export import render_markdown
from arguments.model import Pack, Question
from arguments.plan import SECTIONS, BodyParagraph, EssayPlan, build_plan
from arguments.present import (
    bibliography_line,
    evidence_option,
    file_name,
    inline,
    paragraph_markdown,
    question_source,
    short_cites,
    thesis_caption,
    thesis_options,
)
from arguments.question import QuestionAnalysis, from_question

VIEW_LABELS = {"plan": ":material/description: Plan", "project": ":material/co_present: Project to class"}


def choose_question(pack: Pack) -> Question | None:
    """Step 1: one of the pack's essay questions, or none to browse every thesis."""
    st.header("1. Your essay question", anchor=False)
    st.selectbox(
        "Choose your essay question",
        [q.id for q in pack.questions],
        index=None,
        format_func=lambda q: pack.question[q].text,
        placeholder="Choose a question, or leave this empty to browse every thesis",
        key=state.QUESTION,
        label_visibility="collapsed",
        on_change=state.on_question_change,
        args=(pack,),
        persist_state="session",
    )
    question_id = st.session_state.get(state.QUESTION)
    question = pack.question.get(question_id) if question_id else None
    if question is not None:
        st.markdown(f"**{inline(question.text)}**  \n{inline(question_source(question))}")
        if question.note:
            st.info(inline(question.note), icon=":material/lightbulb:")
    plan_question.paste_box(pack)  # any essay question, decoded, with theses ranked for it (issue 5)
    return question


def choose_thesis(pack: Pack, question: Question | None) -> str | None:
    """Step 2: the thesis (the line of argument), with its schools and verdict as text."""
    current = st.session_state.get(state.THESIS)
    options = thesis_options(pack, question, current)
    if current is not None and current not in options:
        st.session_state[state.THESIS] = None
    st.header("2. Your thesis", anchor=False)
    if question is None:
        label = "Choose your thesis: every thesis in the pack, grouped by school"
        st.markdown("Every thesis in the pack, grouped by school (theses that combine schools come last).")
    else:
        label = "Choose your thesis: the argument your essay will make"
    st.radio(
        label,
        options,
        index=None,
        format_func=lambda t: inline(pack.thesis[t].title),
        captions=[inline(thesis_caption(pack, pack.thesis[t], question)) for t in options],
        key=state.THESIS,
        label_visibility="collapsed",
        on_change=state.on_thesis_change,
        persist_state="session",
    )
    return st.session_state.get(state.THESIS)


def choose(pack: Pack) -> tuple[Question | None, QuestionAnalysis | None, str | None]:
    """The whole chooser; later issues add an upload box and a pasted-question box here."""
    question = choose_question(pack)
    pasted = plan_question.current(pack)  # the ranking paste_box made (not computed again)
    thesis = choose_thesis(pack, question) if pasted is None else plan_question.choose_ranked_thesis(pack, pasted)
    plan_import.upload_box(pack)  # restore a plan from a downloaded .md file (issue 4)
    analysis = from_question(question) if question is not None else plan_question.analysis(pack)
    return question, analysis, thesis


def contents(plan: EssayPlan) -> None:
    """Links to each part of the (long) plan, under the chooser."""
    lines = ["**Jump to:**", "", "- [Introduction](#introduction)"]
    for p in plan.paragraphs:
        lines.append(f"- [Paragraph {p.number}: {inline(first_words(p.claim.text))}](#paragraph-{p.number})")
    lines += ["- [Historiography](#historiography)", "- [Conclusion](#conclusion)"]
    st.markdown("\n".join(lines))


def first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def how_it_works() -> None:
    st.markdown(
        "**How it works**\n\n"
        "1. Choose the essay question you have been set, or paste it in your teacher's words, or leave both "
        "empty to see every thesis.\n"
        "2. Pick a thesis: the argument you want to make. Each one names its school of historians; "
        "for a pasted question the best fits come first.\n"
        "3. Shape the plan: drop evidence you will not use, move paragraphs, and add your own notes.\n"
        "4. Download the plan as a Markdown file, or project it for the class."
    )


def view_control() -> str:
    if st.session_state.get(state.VIEW) not in VIEW_LABELS:
        st.session_state[state.VIEW] = "plan"
    st.segmented_control(
        "View",
        list(VIEW_LABELS),
        format_func=VIEW_LABELS.__getitem__,
        required=True,
        key=state.VIEW,
        on_change=state.on_view_change,
        persist_state="session",
    )
    return st.session_state.get(state.VIEW) or "plan"


def toolbar(plan: EssayPlan) -> None:
    with st.container(horizontal=True, vertical_alignment="bottom", key="plan_toolbar"):
        view_control()
        st.download_button(
            "Download plan (.md)",
            data=render_markdown(plan),
            file_name=file_name(plan),
            mime="text/markdown",
            on_click="ignore",
            key="export_md",
            icon=":material/download:",
            type="primary",
            help="The plan as a Markdown file, with your edits and notes",
        )
    edits = plan.edits
    changes = []
    if edits.dropped:
        changes.append(f"{len(edits.dropped)} item{'s' * (len(edits.dropped) != 1)} dropped")
    if plan.order != plan.thesis.claims:
        changes.append("paragraphs reordered")
    if edits.notes:
        changes.append(f"{len(edits.notes)} note{'s' * (len(edits.notes) != 1)}")
    if edits.thesis_text:
        changes.append("your own thesis wording")
    if changes:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"**Your changes:** {', '.join(changes)}. The download includes them.")
            st.button(
                "Undo all my changes",
                key="reset_edits",
                on_click=state.reset,
                args=(plan.thesis.id, plan.thesis.claims),
                icon=":material/undo:",
            )


def text_box(label: str, key: str, on_change: Callable[..., None], args: tuple, help: str) -> None:
    """A box the student writes in, with the message of its last refused save (the text stays in it)."""
    st.text_area(label, key=key, on_change=on_change, args=args, height=90, persist_state="session", help=help)
    error = st.session_state.get(state.error_key(key))
    if error:
        st.error(error, icon=":material/error:")


def note_box(plan: EssayPlan, section: str, label: str) -> None:
    thesis = plan.thesis.id
    text_box(
        label,
        state.note_key(thesis, section),
        state.save_note,
        (thesis, section),
        "Saved when you click outside the box (or press Ctrl+Enter). Included in the download.",
    )


def question_lines(analysis: QuestionAnalysis) -> list[str]:
    lines = [
        "#### What the question asks",
        "",
        f"- **Command term:** {inline(analysis.command_label)}",
        f"- **Key concept:** {inline(analysis.concept_label)}",
        f"- **Date range:** {inline(analysis.years_label)}",
    ]
    if analysis.loaded_words:
        lines.append(f"- **Words to define or challenge:** {inline(', '.join(analysis.loaded_words))}")
    return lines


def show_introduction(plan: EssayPlan) -> None:
    intro = plan.introduction
    st.subheader("Introduction", anchor="introduction")
    lines = [f"- **Context:** {inline(intro.context)}"]
    if plan.question is not None:
        lines.append(f"- **The question in its own terms:** {inline(intro.question_focus)}")
    own = " (your wording)" if plan.edits.thesis_text else ""
    lines += [
        f"- **Thesis{own}:** {inline(intro.thesis_statement)}",
        f"- **Verdict:** {inline(intro.verdict)}",
        f"- **Criteria for judgement:** {inline(intro.criteria)}",
        "- **Roadmap:**",
    ]
    lines += [f"  - {inline(step)}" for step in intro.roadmap]
    st.markdown("\n".join(lines))
    text_box(
        "Your thesis in your own words (optional: it replaces the thesis above)",
        state.thesis_text_key(plan.thesis.id),
        state.save_thesis_text,
        (plan.thesis.id,),
        "Saved when you click outside the box (or press Ctrl+Enter). Leave empty to use the thesis above.",
    )
    note_box(plan, "introduction", "My notes on the introduction")


def show_paragraph(plan: EssayPlan, p: BodyParagraph, pack: Pack) -> None:
    """One paragraph: one Markdown block for its content, then its few controls (kept small: speed)."""
    thesis, claim = plan.thesis.id, p.claim.id
    total = len(plan.paragraphs)
    with st.container(border=True):
        st.subheader(f"Paragraph {p.number} of {total}", anchor=f"paragraph-{p.number}")
        st.markdown(paragraph_markdown(plan, p, pack))
        with st.container(horizontal=True):
            st.button(
                "↑ Move up",
                key=f"up__{claim}",
                disabled=p.number == 1,
                on_click=state.move,
                args=(thesis, plan.order, claim, -1),
            )
            st.button(
                "↓ Move down",
                key=f"down__{claim}",
                disabled=p.number == total,
                on_click=state.move,
                args=(thesis, plan.order, claim, 1),
            )
            items = {u.evidence.id: u.evidence for u in (*p.support, *p.counter, *p.dropped)}
            st.multiselect(
                "Evidence left out of my plan",
                list(items),
                format_func=lambda i: evidence_option(items[i]),
                key=state.dropped_key(thesis, claim),
                on_change=state.save_dropped,
                args=(thesis, claim),
                placeholder="Choose items to leave out",
                help="Leave an item out of this paragraph and of the download; remove it here to restore it.",
            )
        note_box(plan, claim, f"My notes on paragraph {p.number}")


def show_historiography(plan: EssayPlan) -> None:
    hist = plan.historiography
    st.subheader("Historiography", anchor="historiography")
    lines = [inline(hist.placement), ""]
    for view in hist.views:
        role = "this plan's view" if view.in_thesis else "rival view"
        lines.append(f"- **{inline(view.school.name)}** ({role}): {inline(view.school.summary)}")
        lines.append(f"  - **Basis:** {inline(view.school.basis)}")
        lines.append(f"  - **Historians:** {short_cites(view.works)}")
    lines += [
        "",
        f"**Why historians differ:** {inline(hist.why_differ)}",
        "",
        f"**Which reading convinces, and why:** {inline(hist.evaluation)}",
    ]
    st.markdown("\n".join(lines))
    note_box(plan, "historiography", "My notes on the historiography")


def show_conclusion(plan: EssayPlan) -> None:
    conc = plan.conclusion
    st.subheader("Conclusion", anchor="conclusion")
    lines = [
        f"- **Judgement:** {inline(conc.judgement)}",
        f"- **How to frame it:** {inline(conc.judgement_frame)}",
        f"- **Weighing the paragraphs:** {inline(conc.weighing)}",
        "- **Arguments weighed:**",
    ]
    lines += [f"  - {inline(step)}" for step in conc.factors]
    st.markdown("\n".join(lines))
    note_box(plan, "conclusion", "My notes on the conclusion")


def show_plan(plan: EssayPlan, pack: Pack) -> None:
    st.header(f"Essay plan: {inline(plan.thesis.title)}", anchor=False)
    # Few elements, each holding much: a rerun's cost in the browser grows with the element count.
    word = "School" if len(plan.schools) == 1 else "Schools"
    lines = [f"**{word}:** {inline(', '.join(s.name for s in plan.schools))}"]
    if plan.question is not None:
        lines += ["", f"**Question:** {inline(plan.question.text)}", ""] + question_lines(plan.question)
    st.markdown("\n".join(lines))
    show_introduction(plan)
    for paragraph in plan.paragraphs:
        show_paragraph(plan, paragraph, pack)
    show_historiography(plan)
    show_conclusion(plan)
    with st.expander(f"Bibliography ({len(plan.bibliography)} works)"):
        st.markdown("\n".join(f"- {bibliography_line(w)}" for w in plan.bibliography))


def page() -> None:
    pack = current_pack()
    state.adopt_url(pack)
    for problem in state.url_warnings():
        st.warning(f"This link asks for a {inline(problem)} that is not in the data pack; it was ignored.")
    question_id, thesis_id, view = state.choice()
    if view == "project" and thesis_id not in pack.thesis:
        st.session_state[state.VIEW] = "plan"  # nothing to project until a thesis is chosen
    elif view == "project":
        question = pack.question.get(question_id) if question_id else None
        analysis = from_question(question) if question is not None else plan_question.analysis(pack)
        plan = build_plan(pack, thesis_id, state.edits(thesis_id), analysis)
        projection.show(plan, pack, view_control)
        return
    st.set_page_config(layout="wide")
    st.title("Plan your essay", anchor=False)
    st.markdown(f"{inline(pack.info.title)}: pick a question and an argument, shape the plan, then download it.")
    # The chooser on the left, the plan on the right: choosing shows the plan at once, in view.
    # (On a narrow screen the columns stack: chooser first.)
    chooser, shown = st.columns([2, 3], gap="large")
    with chooser:
        question, analysis, thesis_id = choose(pack)
    with shown:
        if thesis_id is None:
            how_it_works()
            state.write_url(question.id if question else None, None, "plan", 0)
            return
        plan = build_plan(pack, thesis_id, state.edits(thesis_id), analysis)
        state.init_text_widgets(thesis_id, (*SECTIONS, *plan.thesis.claims))
        toolbar(plan)
        show_plan(plan, pack)
    with chooser:
        contents(plan)
    state.write_url(question.id if question else None, thesis_id, st.session_state.get(state.VIEW) or "plan", 0)
