"""Shared by every page: which data pack to use, loading it once per process, showing its problems."""

from __future__ import annotations

import argparse
import contextvars
import functools
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from app_pages import plan_state, session_end
from arguments.export import render_markdown
from arguments.load import Problem, bundled_packs, check_pack
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


DEBATE = "debate"  # the URL parameter and session key naming the debate on screen (a pack's id)
_DEBATE_NOTICE = "_debate_notice"  # said once after the planner changed debate for a pasted question
# Session keys that belong to one debate's page (its choice, filters, rankings): cleared when the
# debate changes. The student's edits and notes are kept (keyed by thesis ids, unique to a pack).
_PER_DEBATE = (
    *plan_state.PER_DEBATE, "_pasted_ranking", "_plans",  # plan_question's ranking, this module's plans
)  # fmt: skip


def pack_dirs(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None) -> tuple[str, ...]:
    """The pack folders: ``-- --pack DIR`` (repeatable), else $ESSAY_PLANNER_PACK (folders separated
    by the system's path separator), else every debate bundled under ``schools/``, the default first."""
    env = os.environ if environ is None else environ
    return _pack_dirs(tuple(sys.argv[1:] if argv is None else argv), env.get(ENV_VAR))


@functools.lru_cache(maxsize=8)
def _pack_dirs(argv: tuple[str, ...], from_environment: str | None) -> tuple[str, ...]:
    # Cached: the page asks on every rerun, and the answer only changes with the arguments.
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--pack", action="append")
    args, _ = parser.parse_known_args(list(argv))
    chosen = args.pack or [d for d in (from_environment or "").split(os.pathsep) if d.strip()]
    folders = chosen or [str(d) for d in bundled_packs()]
    return tuple(dict.fromkeys(str(Path(d).expanduser().resolve()) for d in folders))


def pack_dir(argv: Sequence[str] | None = None, environ: dict[str, str] | None = None) -> str:
    """The first (default) pack folder."""
    return pack_dirs(argv, environ)[0]


@st.cache_resource(show_spinner="Reading the data pack…", max_entries=8)
def _load(directory: str) -> tuple[Pack | None, tuple[Problem, ...]]:
    # The Pack is frozen (tuples of frozen records, read-only indexes) and the problems are
    # frozen dataclasses, so one shared copy per process is safe for every session.
    return check_pack(directory)


@dataclass(frozen=True)
class Debates:
    """The packs the planner offers (valid ones, the default first) and those it could not open."""

    packs: tuple[Pack, ...]
    broken: tuple[tuple[str, tuple[Problem, ...]], ...]  # (folder, problems)

    def by_id(self, debate: str | None) -> Pack | None:
        return next((p for p in self.packs if p.info.id == debate), None)


@st.cache_resource(show_spinner=False, max_entries=8)
def _debates(folders: tuple[str, ...]) -> Debates:
    # One cached object for all the packs: a rerun looks the debates up once, not once per pack.
    loaded = [(d, *_load(d)) for d in folders]
    packs = tuple(p for _, p, _ in loaded if p is not None)
    return Debates(packs, tuple((d, problems) for d, p, problems in loaded if p is None))


def debates() -> Debates:
    """Every pack folder, loaded once per process."""
    session_end.start()  # once per server: closed sessions are forgotten (a no-op after the first call)
    return _debates(pack_dirs())


# The debate this script run shows, once the entry point has chosen it: the page asks again
# (``current_pack``) and is answered from here instead of looking the debates up a second time. A
# context variable belongs to the run's own thread, so no other session or run can see it.
_THIS_RUN: contextvars.ContextVar[Pack | None] = contextvars.ContextVar("debate_this_run", default=None)


def load(found: Debates | None = None) -> tuple[Pack | None, tuple[Problem, ...]]:
    """The debate on screen, or (None, problems) when no pack can be opened (``found``: the debates,
    if the caller has them already)."""
    found = found or debates()
    if not found.packs:
        return None, found.broken[0][1]
    pack = chosen_debate(found)
    _THIS_RUN.set(pack)
    return pack, ()


def chosen_debate(found: Debates) -> Pack:
    """The debate the URL names (``?debate=ID``), else the session's, else the default; mirrored in the URL."""
    ss = st.session_state
    default = found.packs[0].info.id
    wanted = st.query_params.get(DEBATE)
    if wanted is not None and found.by_id(wanted) is None:
        wanted = None
        del st.query_params[DEBATE]
        ss[plan_state.WARNINGS] = ("This link asks for a debate the planner does not have; the default is shown.",)
    debate = wanted or ss.get(DEBATE) or default
    if found.by_id(debate) is None:
        debate = default
    if ss.get(DEBATE, default) != debate:
        forget_debate_state()
    ss[DEBATE] = debate
    if debate != default and st.query_params.get(DEBATE) != debate:
        st.query_params[DEBATE] = debate  # the URL names the debate, so links stay exact
    return found.by_id(debate)  # type: ignore[return-value]


def forget_debate_state(keep_pasted: bool = False) -> None:
    """Clear the page state of the debate left behind (the student's edits and notes stay)."""
    ss = st.session_state
    for key in list(ss):
        key = str(key)
        if (key in _PER_DEBATE or key.startswith("ex_")) and not (keep_pasted and key == plan_state.PASTED):
            del ss[key]


def switch_debate(pack: Pack, notice: str = "", keep_pasted: bool = False) -> None:
    """Open another debate (the pasted question may come along); ``notice`` is said once on the page."""
    ss = st.session_state
    forget_debate_state(keep_pasted)
    ss[DEBATE] = pack.info.id
    st.query_params.clear()
    if pack.info.id != debates().packs[0].info.id:
        st.query_params[DEBATE] = pack.info.id
    if notice:
        ss[_DEBATE_NOTICE] = notice


def debate_notice() -> str:
    """What the planner said about a change of debate it made (once)."""
    return st.session_state.pop(_DEBATE_NOTICE, "")


def debate_picker(found: Debates, pack: Pack) -> None:
    """The choice of debate, when there is more than one (a selectbox; its change starts the page afresh)."""
    for folder, problems in found.broken:  # said even when only one debate is left to offer
        st.caption(
            f"The pack in {inline(folder)} could not be opened ({len(problems)} problems): "
            "check it with `python -m arguments check --pack` and that folder."
        )
    if len(found.packs) < 2:
        return
    ids = [p.info.id for p in found.packs]
    titles = {p.info.id: p.info.title for p in found.packs}
    st.session_state["_debate_choice"] = pack.info.id

    def changed() -> None:
        picked = found.by_id(st.session_state["_debate_choice"])
        if picked is not None and picked.info.id != st.session_state.get(DEBATE):
            switch_debate(picked)

    st.selectbox(
        "Debate",
        ids,
        format_func=titles.__getitem__,
        key="_debate_choice",
        on_change=changed,
        help="The historiographical debate to plan for: each has its own evidence, schools, theses and questions.",
    )


def current_pack() -> Pack:
    """The debate on screen (the entry point has already stopped if no pack can be opened)."""
    chosen = _THIS_RUN.get()
    if chosen is not None:
        return chosen
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
    broken = debates().broken
    st.markdown(f"**Pack folder:** {inline(broken[0][0] if broken else pack_dir())}")
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
        _debates.clear()
        st.rerun()


def text(body: str) -> None:
    """One line of data text, shown as inert Markdown."""
    st.markdown(inline(body))
