"""Shared by every page: which data pack to use, loading it once per process, showing its problems."""

from __future__ import annotations

import argparse
import functools
import os
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages import session_end
from arguments.export import render_markdown
from arguments.load import BUNDLED_PACK, Problem, check_pack
from arguments.model import Pack
from arguments.outline import Outline, build_outline
from arguments.plan import EssayPlan, PlanEdits, build_plan
from arguments.present import inline
from arguments.question import QuestionAnalysis

ENV_VAR = "ESSAY_PLANNER_PACK"
ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "app_pages"
PROJECTION_CSS = ROOT / "assets" / "projection.css"
# Read once per process (not on every rerun); author-written, never holds student or pack text.
PROJECTION_STYLE = f"<style>{PROJECTION_CSS.read_text(encoding='utf-8')}</style>"


def pack_dir(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None) -> str:
    """The pack folder: ``streamlit run streamlit_app.py -- --pack DIR``, else $ESSAY_PLANNER_PACK, else bundled."""
    env = os.environ if environ is None else environ
    return _pack_dir(tuple(sys.argv[1:] if argv is None else argv), env.get(ENV_VAR))


@functools.lru_cache(maxsize=8)
def _pack_dir(argv: tuple[str, ...], from_environment: str | None) -> str:
    # Cached: the page asks on every rerun, and the answer only changes with the arguments.
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--pack")
    args, _ = parser.parse_known_args(list(argv))
    chosen = args.pack or from_environment or str(BUNDLED_PACK)
    return str(Path(chosen).expanduser().resolve())


@st.cache_resource(show_spinner="Reading the data pack…", max_entries=4)
def _load(directory: str) -> tuple[Pack | None, tuple[Problem, ...]]:
    # The Pack is frozen (tuples of frozen records, read-only indexes) and the problems are
    # frozen dataclasses, so one shared copy per process is safe for every session.
    return check_pack(directory)


def load() -> tuple[Pack | None, tuple[Problem, ...]]:
    session_end.start()  # once per server: closed sessions are forgotten (a no-op after the first call)
    return _load(pack_dir())


def current_pack() -> Pack:
    """The loaded pack (the entry point has already stopped if it is invalid)."""
    pack, problems = load()
    if pack is None:  # a page run on its own, without the entry point
        show_problems(problems)
        st.stop()
    return pack


# Plans are immutable and depend only on (pack, thesis, edits, question). A plan built from the pack
# alone (the thesis, a question of the pack's, the order, the evidence left out and the length: ids
# and choices, no words of the student's) is shared by every session: thirty students on the same
# thesis cost one build and one Markdown render, not thirty. A plan that holds anything the student
# wrote (a note, their own thesis wording, a pasted question) is kept in that session's state only,
# so it goes when the session ends (``session_end``) and no other session can reach it.
PlanKey = tuple[int, str, PlanEdits, QuestionAnalysis | None]
PlanEntry = tuple[Pack, EssayPlan, dict[str, Any]]
_PLANS: dict[PlanKey, PlanEntry] = {}
_MAX_PLANS = 256
_PLANS_LOCK = threading.Lock()
_SESSION_PLANS = "_plans"  # st.session_state: this session's plans that hold its own text
_MAX_SESSION_PLANS = 4  # the plan on screen, and the few before it (building one takes about 2 ms)


def from_pack_only(edits: PlanEdits, analysis: QuestionAnalysis | None) -> bool:
    """Whether a plan built with these inputs holds nothing but the pack's own text."""
    return not edits.notes and not edits.thesis_text and (analysis is None or analysis.question_id is not None)


def plan_for(pack: Pack, thesis: str, edits: PlanEdits, analysis: QuestionAnalysis | None) -> EssayPlan:
    """``build_plan``, remembered: shared if it holds only the pack's text, else for this session only."""
    return _plan_entry(pack, thesis, edits, analysis)[1]


def plan_markdown(pack: Pack, plan: EssayPlan) -> str:
    """The plan's Markdown export, rendered once per plan."""
    return _derived(pack, plan, "markdown", render_markdown)


def plan_outline(pack: Pack, plan: EssayPlan) -> Outline:
    """The plan's outline (what every view of it shows), built once per plan."""
    return _derived(pack, plan, "outline", build_outline)


def _derived(pack: Pack, plan: EssayPlan, what: str, make: Callable[[EssayPlan], Any]) -> Any:
    entry = _plan_entry(pack, plan.thesis.id, plan.edits, plan.question)
    if entry[1] is not plan:  # not one of ours: make it as it is
        return make(plan)
    if what not in entry[2]:
        entry[2][what] = make(plan)
    return entry[2][what]


def _plan_entry(pack: Pack, thesis: str, edits: PlanEdits, analysis: QuestionAnalysis | None) -> PlanEntry:
    key = (id(pack), thesis, edits, analysis)
    shared = from_pack_only(edits, analysis)
    plans: dict[PlanKey, PlanEntry] = _PLANS if shared else st.session_state.setdefault(_SESSION_PLANS, {})
    entry = plans.get(key)
    if entry is None or entry[0] is not pack:  # the pack check guards against a reused id()
        entry = (pack, build_plan(pack, thesis, edits, analysis), {})
        if shared:
            with _PLANS_LOCK:  # sessions run in threads: one writer at a time
                while len(_PLANS) >= _MAX_PLANS:
                    _PLANS.pop(next(iter(_PLANS)), None)
                _PLANS[key] = entry
        else:  # one session's script runs one at a time: no lock
            while len(plans) >= _MAX_SESSION_PLANS:
                plans.pop(next(iter(plans)), None)
            plans[key] = entry
    return entry


def show_problems(problems: tuple[Problem, ...]) -> None:
    """The pack's problems as a readable list, grouped by file: never a traceback."""
    count = len(problems)
    st.title("The data pack needs fixing")
    st.error(
        f"The planner cannot open its data pack: {count} problem{'s' * (count != 1)} "
        "found. A teacher or the pack's author can fix them in the TOML files listed below."
    )
    st.markdown(f"**Pack folder:** {inline(pack_dir())}")
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    for file, found in by_file.items():
        st.subheader(f"{inline(file)} ({len(found)})", anchor=False)
        lines = []
        for p in found:
            where = [f"line {p.line}"] if p.line else []
            where += [p.record] if p.record else []
            where += [f"field '{p.field}'"] if p.field else []
            head = f"**{inline(', '.join(where))}:** " if where else ""
            lines.append(f"- {head}{inline(p.message)}")
        st.markdown("\n".join(lines))
    st.markdown(
        "Check the pack from a terminal with `python -m arguments check`; "
        "each problem names the file, the record and the field. Then press the button."
    )
    if st.button("Check the pack again", key="recheck_pack", type="primary"):
        _load.clear()
        st.rerun()


def text(body: str) -> None:
    """One line of data text, shown as inert Markdown."""
    st.markdown(inline(body))
