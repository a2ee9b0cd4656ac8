"""The plan page's upload box: load a plan the student downloaded (the .md or .docx) back into the page.

The file is read by ``arguments.imports.parse_export``, which never raises and says in one message
what was wrong or what was restored. A good file replaces the choice and the edits through
``plan_state.restore`` (so every widget shows the restored plan); a bad one changes nothing.
The report stays under the box while its file is there; removing the file removes the report.
A question the student typed (not one of the pack's) comes back as the pasted question (issue 5),
unless it is off-topic for the pack, in which case it is shown in the report instead.

Nothing from the file is kept on the server beyond the session's state, and nothing is logged.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app_pages import plan_question
from app_pages import plan_state as state
from arguments.imports import parse_export
from arguments.model import Pack
from arguments.present import inline

UPLOAD = "plan_upload"
REPORT = "plan_upload_report"
LABEL = "Load a plan you downloaded (.md or .docx)"
TYPES = ["md", "markdown", "txt", "docx"]


@dataclass(frozen=True)
class Report:
    """What the last upload did, tied to the uploaded file it describes."""

    file_id: str
    ok: bool
    message: str
    warnings: tuple[str, ...] = ()
    unused_question: str = ""  # a typed question the page cannot plan for (off-topic): noted, not used


def on_upload(pack: Pack) -> None:
    """The upload box changed: restore the plan in the new file, or say why not (and change nothing)."""
    ss = st.session_state
    uploaded = ss.get(UPLOAD)
    if uploaded is None:  # the file was removed from the box
        ss.pop(REPORT, None)
        return
    result = parse_export(uploaded.getvalue(), pack)
    inputs = result.plan_inputs
    if not result.ok or inputs is None:
        ss[REPORT] = Report(uploaded.file_id, ok=False, message=result.message)
        return
    question = inputs.question
    question_id = question.question_id if question is not None else None
    typed = question.text if question is not None and question_id is None else ""  # pasted, not chosen
    warnings = result.warnings
    if len(typed) > state.MAX_PASTED_CHARS:
        warnings += (
            f"The file's essay question is longer than the question box allows ({state.MAX_PASTED_CHARS} "
            "characters), so the plan follows its beginning only.",
        )
    state.restore(inputs.thesis_id, question_id, inputs.edits, pack.thesis[inputs.thesis_id].claims, pasted=typed)
    ss.pop(state.RECHECK_THESIS, None)  # a recheck left from an earlier paste must not drop the restored thesis
    unused = ""
    if typed:
        suggestions = plan_question.current(pack)  # ranked once here; the page reuses it
        if suggestions is None or not suggestions.on_topic:
            ss[state.PASTED] = ""  # the page would offer no thesis for it, and drop the restored one
            unused = typed
    ss[REPORT] = Report(uploaded.file_id, ok=True, message=result.message, warnings=warnings, unused_question=unused)
    ss[state.REDRAW_PAGE] = True  # the box sits in the plan's fragment; the question boxes above must follow


def upload_box(pack: Pack) -> None:
    """The box, then the report on the file in it (if any)."""
    uploaded = st.file_uploader(
        LABEL,
        type=TYPES,
        key=UPLOAD,
        on_change=on_upload,
        args=(pack,),
        help="The .md file from “Download plan”, or the Word file: it brings back your thesis, question, "
        "paragraph order, dropped evidence and notes. The plan on screen is replaced only if the file can be read.",
    )
    report = st.session_state.get(REPORT)
    if report is None or uploaded is None or report.file_id != uploaded.file_id:
        return
    if not report.ok:
        st.error(inline(report.message), icon=":material/error:")
        return
    st.success(inline(report.message), icon=":material/task_alt:")
    if report.unused_question:
        st.info(
            "The file's essay question is not one the planner can plan for with this data pack, so the plan was "
            f"restored without it. Here it is, to keep:  \n*{inline(report.unused_question)}*",
            icon=":material/info:",
        )
    if report.warnings:
        st.warning("\n".join(f"- {inline(w)}" for w in report.warnings), icon=":material/warning:")
