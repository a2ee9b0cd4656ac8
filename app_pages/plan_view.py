"""Plan page (the default): choose a question and a thesis, shape the plan, download it, project it.

Built for speed in a class of thirty (issue 6). The question boxes are drawn by the page; the thesis
list and the plan are one fragment (``thesis_and_plan``), so choosing a thesis, opening a part or
editing redraws only that. The plan shows one part at a time with that part's controls (or the
whole plan, read-only): a browser's cost per rerun grows with what is drawn, and a part is what a
student works on. Plans are immutable: those made of the pack's own words are shared by every
session, those with a student's words stay in that session (``common.plan_for``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from app_pages import plan_import, plan_question, projection
from app_pages import plan_state as state
from app_pages.common import current_pack, plan_for, plan_markdown, plan_outline
from arguments.formats import FORMATS, render
from arguments.memo import per_pack
from arguments.model import Pack, Question
from arguments.outline import INTRODUCTION, OPPOSING, QUESTION, Outline
from arguments.plan import LENGTHS, BodyParagraph, EssayPlan
from arguments.present import (
    WHOLE,
    evidence_option,
    file_name,
    inline,
    paragraph_of,
    part_label,
    part_markdown_of,
    plan_parts,
    question_source,
    thesis_caption,
    thesis_options,
    whole_plan_markdown,
)
from arguments.question import from_question

VIEW_LABELS = {"plan": ":material/description: Plan", "project": ":material/co_present: Project to class"}


def choose_question(pack: Pack) -> Question | None:
    """Step 1: one of the pack's essay questions, or none to browse every thesis."""
    st.selectbox(
        "Choose your essay question",
        [q.id for q in pack.questions],
        index=None,
        format_func=lambda q: pack.question[q].text,
        placeholder="Choose a question, or leave this empty to browse every thesis",
        key=state.QUESTION,
        on_change=state.on_question_change,
        args=(pack,),
        persist_state="session",
    )
    question_id = st.session_state.get(state.QUESTION)
    return pack.question.get(question_id) if question_id else None


def question_details(question: Question) -> None:
    """The chosen question in full, where it comes from, and the teacher's note on it (full width)."""
    st.markdown(f"**{inline(question.text)}**  \n{inline(question_source(question))}")
    if question.note:
        st.info(inline(question.note), icon=":material/lightbulb:")


@per_pack
def _captions(pack: Pack) -> dict[tuple[str | None, str], str]:
    return {}  # (question id, thesis id) -> its caption, filled as the page asks


def caption_of(pack: Pack, thesis: str, question: Question | None) -> str:
    """The caption under a thesis choice (schools and verdict), worked out once per pack and question."""
    key = (question.id if question else None, thesis)
    table = _captions(pack)
    if key not in table:
        table[key] = inline(thesis_caption(pack, pack.thesis[thesis], question))
    return table[key]


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
        captions=[caption_of(pack, t, question) for t in options],
        key=state.THESIS,
        label_visibility="collapsed",
        on_change=state.on_thesis_change,
        persist_state="session",
    )
    return st.session_state.get(state.THESIS)


def how_it_works() -> None:
    st.markdown(
        "**How it works**\n\n"
        "1. Choose the essay question you have been set, or paste it in your teacher's words, or leave both "
        "empty to see every thesis.\n"
        "2. Pick a thesis: the argument you want to make. Each one names its school of historians; "
        "for a pasted question the best fits come first.\n"
        "3. Read and shape the plan one part at a time: drop evidence you will not use, move paragraphs, and "
        "add your own notes. “Whole plan” shows every part at once.\n"
        "4. Download the plan (Markdown, Word, slides or a print layout), or project it for the class."
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


# The other formats: (key, label, format, help). Each file is made when its button is clicked (a
# callable ``data``), in this session only: a rerun costs nothing, and no student text is kept
# anywhere but the session.
DOWNLOADS = (
    (
        "export_docx",
        "Word (.docx)",
        "docx",
        "The plan as a Word document, with your edits and notes (it opens in Word, LibreOffice and Google Docs); "
        "load it back here to carry on",
    ),
    (
        "export_pptx",
        "Slides (.pptx)",
        "pptx",
        "The projection slides as a PowerPoint deck: one part a slide, counter evidence on the slide after its "
        "claim, rebuttals and historians in the speaker notes",
    ),
    (
        "export_html",
        "Print layout (.html)",
        "html",
        "The plan set for paper: open the file in your browser and print it (Ctrl+P), or save it as a PDF there",
    ),
)


def toolbar(plan: EssayPlan, pack: Pack) -> None:
    with st.container(horizontal=True, vertical_alignment="bottom", key="plan_toolbar"):
        view_control()
        st.download_button(
            "Download plan (.md)",
            data=plan_markdown(pack, plan),
            file_name=file_name(plan),
            mime="text/markdown",
            on_click="ignore",
            key="export_md",
            icon=":material/download:",
            type="primary",
            help="The plan as a Markdown file, with your edits and notes",
        )
        for key, label, name, help_text in DOWNLOADS:
            st.download_button(
                label,
                data=functools.partial(render, plan, name),  # made on click, not on every rerun
                file_name=file_name(plan, name),
                mime=FORMATS[name].mime,
                on_click="ignore",
                key=key,
                icon=":material/download:",
                help=help_text,
            )
    edits = plan.edits
    changes = []
    if edits.dropped:
        changes.append(f"{len(edits.dropped)} item{'s' * (len(edits.dropped) != 1)} dropped")
    if plan.order != tuple(c for c in plan.thesis.claims if c in plan.order):
        changes.append("paragraphs reordered")
    if edits.notes:
        changes.append(f"{len(edits.notes)} note{'s' * (len(edits.notes) != 1)}")
    if edits.thesis_text:
        changes.append("your own thesis wording")
    if changes:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.markdown(f"**Your changes:** {', '.join(changes)}. The downloads include them.")
            st.button(
                "Undo all my changes",
                key="reset_edits",
                on_click=state.reset,
                args=(plan.thesis.id, plan.thesis.claims),
                icon=":material/undo:",
            )


def text_box(label: str, key: str, on_change: Callable[..., None], args: tuple, help: str) -> None:
    """A box the student writes in for a thesis (``args[0]``), with the message of its last refused
    save (the text stays in it)."""
    st.text_area(label, key=key, on_change=on_change, args=args, height=90, persist_state="session", help=help)
    error = state.box_error(args[0], key)
    if error:
        st.error(error, icon=":material/error:")


def note_box(plan: EssayPlan, section: str, label: str) -> None:
    thesis = plan.thesis.id
    text_box(
        label,
        state.note_key(section),
        state.save_note,
        (thesis, section),
        "Saved when you click outside the box (or press Ctrl+Enter). Included in the download.",
    )


def choose_part(plan: EssayPlan) -> str:
    """The part of the plan to show: one part with its controls, or the whole plan to read."""
    parts = plan_parts(plan)
    if st.session_state.get(state.PART) not in parts:
        st.session_state[state.PART] = INTRODUCTION
    st.pills(
        "Part of the plan to show",
        parts,
        format_func=lambda part: part_label(plan, part),
        key=state.PART,
        required=True,
        label_visibility="collapsed",
        wrap=True,  # in a column, pills would otherwise scroll sideways and hide the last parts
        help="One part at a time, with its controls; “Whole plan” shows every part, to read or print.",
    )
    return st.session_state.get(state.PART) or INTRODUCTION


def show_introduction(plan: EssayPlan, outline: Outline) -> None:
    blocks = [part_markdown_of(outline, QUESTION), part_markdown_of(outline, INTRODUCTION)]
    st.markdown("\n\n".join(b for b in blocks if b))
    text_box(
        "Your thesis in your own words (optional: it replaces the thesis above)",
        state.OWN_THESIS,
        state.save_thesis_text,
        (plan.thesis.id,),
        "Saved when you click outside the box (or press Ctrl+Enter). Leave empty to use the thesis above.",
    )
    note_box(plan, INTRODUCTION, "My notes on the introduction")


def show_paragraph(plan: EssayPlan, p: BodyParagraph, outline: Outline) -> None:
    """One paragraph: one Markdown block for its content, then its few controls."""
    thesis, claim = plan.thesis.id, p.claim.id
    part = OPPOSING if p.role == "opposing" else claim
    st.markdown(part_markdown_of(outline, part))
    if p.role == "opposing":
        note_box(plan, OPPOSING, "My notes on the case against")
        return
    total = len(plan.paragraphs)
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
            help="Leave an item out of this paragraph and of the download (the next best item takes its place); "
            "remove it here to restore it.",
        )
    note_box(plan, claim, f"My notes on paragraph {p.number}")


def show_part(plan: EssayPlan, part: str, pack: Pack) -> None:
    """The chosen part: its text in one Markdown block, then the boxes and buttons that change it."""
    outline = plan_outline(pack, plan)
    if part == INTRODUCTION:
        show_introduction(plan, outline)
    elif part == WHOLE:
        st.markdown(
            "*The whole plan with your notes, to read or print. Choose a part above to change it.*\n\n"
            + whole_plan_markdown(outline)
        )
    elif paragraph_of(plan, part) is not None:
        show_paragraph(plan, paragraph_of(plan, part), outline)  # type: ignore[arg-type]
    else:
        st.markdown(part_markdown_of(outline, part))
        if part in state.NOTE_PARTS:
            note_box(plan, part, f"My notes on the {part}")


def length_control(plan: EssayPlan) -> None:
    """How long the essay is: the plan is sized for it (or revision notes: everything)."""
    state.init_length(plan.thesis.id)
    st.segmented_control(
        "Time for the essay",
        list(LENGTHS),
        format_func=lambda k: f"{k} min" if k.isdigit() else "Revision notes",
        key=state.LENGTH,
        on_change=state.save_length,
        args=(plan.thesis.id,),
        required=True,
        persist_state="session",
        help="An exam plan fits the time: three or four paragraphs and the case against. "
        "Revision notes show every claim, item and school.",
    )


def show_plan(plan: EssayPlan, pack: Pack) -> str:
    """The plan's heading and schools, the part chooser and the chosen part; returns the part."""
    st.header(f"Essay plan: {inline(plan.thesis.title)}", anchor=False)
    word = "School" if len(plan.schools) == 1 else "Schools"
    st.markdown(f"**{word}:** {inline(', '.join(s.name for s in plan.schools))}")
    state.load_boxes(plan.thesis.id)
    length_control(plan)
    part = choose_part(plan)
    state.init_part_widgets(plan.thesis.id, part, plan.thesis.claims)
    show_part(plan, part, pack)
    return part


@st.fragment
def thesis_and_plan(pack: Pack, question: Question | None) -> None:
    """Step 2 and the plan. A fragment: choosing a thesis, a part or an edit redraws only this."""
    ss = st.session_state
    if ss.pop(state.REDRAW_PAGE, False):
        st.rerun()  # a plan was loaded from a file: the question above changes too
    pasted = plan_question.current(pack)  # the ranking paste_box made (not computed again)
    chooser, shown = st.columns([2, 3], gap="large")
    with chooser:
        if pasted is None:
            thesis_id = choose_thesis(pack, question)
        else:
            thesis_id = plan_question.choose_ranked_thesis(pack, pasted)
        plan_import.upload_box(pack)  # restore a plan from a downloaded .md or .docx file (issues 4, 13)
    with shown:
        if thesis_id is None:
            how_it_works()
            state.write_url(question.id if question else None, None, "plan", 0)
            return
        if ss.get(state.VIEW) == "project":
            st.rerun()  # projection is a page of its own: draw the whole page again
        analysis = from_question(question, pack) if question is not None else plan_question.analysis(pack)
        plan = plan_for(pack, thesis_id, state.edits(thesis_id), analysis)
        toolbar(plan, pack)
        part = show_plan(plan, pack)
    state.write_url(question.id if question else None, thesis_id, "plan", 0, part)


def page() -> None:
    pack = current_pack()
    state.adopt_url(pack)
    for warning in state.url_warnings():
        st.warning(inline(warning), icon=":material/link_off:")
    if state.notes_lost():
        st.warning(state.LOST_NOTES, icon=":material/history:")
    question_id, thesis_id, view = state.choice()
    if view == "project" and thesis_id not in pack.thesis:
        st.session_state[state.VIEW] = "plan"  # nothing to project until a thesis is chosen
    elif view == "project":
        question = pack.question.get(question_id) if question_id else None
        analysis = from_question(question, pack) if question is not None else plan_question.analysis(pack)
        plan = plan_for(pack, thesis_id, state.edits(thesis_id), analysis)
        projection.show(plan, pack, view_control)
        return
    st.session_state.pop(state.REDRAW_PAGE, None)  # this run draws the whole page anyway
    st.set_page_config(layout="wide")
    st.title("Plan your essay", anchor=False)
    st.markdown(f"{inline(pack.info.title)}: pick a question and an argument, shape the plan, then download it.")
    # The question (chosen, or pasted in the teacher's words) across the top; below, the thesis on
    # the left and its plan on the right, in view as soon as it is chosen. (Narrow screens stack them.)
    st.header("1. Your essay question", anchor=False)
    chosen_column, pasted_column = st.columns([2, 3], gap="large")
    with chosen_column:
        question = choose_question(pack)
    with pasted_column:
        plan_question.paste_box(pack)  # any essay question, decoded, with theses ranked for it (issue 5)
    if question is not None:
        question_details(question)
    thesis_and_plan(pack, question)
