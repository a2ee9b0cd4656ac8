"""The plan page's state.

- The choice (question, thesis, view, the part of the plan shown, projection step) lives in widget
  keys in ``st.session_state`` and is mirrored in the URL as
  ``?question=ID&thesis=ID&part=ID`` or ``?question=ID&thesis=ID&view=project&step=N``. Ids, not labels,
  go in the URL (``bind="query-params"`` would write the option labels), so links survive
  changes to a thesis title. A URL that differs from the one the page last wrote (a refresh, a
  shared link, a ``st.page_link``) is adopted whole; an empty URL (after using the top
  navigation) keeps the session's choice.
- A question the student pasted (issue 5) is its own text box's value, ``PASTED``, mirrored in the
  URL as ``?q=TEXT``. It replaces a chosen question (choosing one clears it, and pasting clears the
  choice); the ranked theses it brings are offered in the thesis radio, so ``THESIS`` still names
  the chosen one and the rest of the page (plan, edits, projection) works as before.
- The student's edits are one ``PlanEdits`` per thesis in ``st.session_state["edits"]``; every
  change goes through a callback here, so the view and the export always follow them.

Later additions can call ``restore`` (issue 4: restore a plan from an exported file) or set
``QUESTION``/``THESIS`` from their own widget callbacks (issue 5: ranked theses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.state import SessionStateProxy

from arguments.model import Pack
from arguments.plan import LENGTHS, SECTIONS, NoteTooLongError, PlanEdits
from arguments.present import INTRODUCTION, thesis_options

QUESTION = "question"
THESIS = "thesis"
VIEW = "view"
STEP = "step"  # 0-based here, 1-based in the URL
PART = "part"  # the part of the plan on screen (``present.plan_parts``); the introduction by default
REVEAL = "reveal"  # projection: counter evidence shown on the current slide
EDITS = "edits"
PASTED = "pasted_question"  # the text box; "q" in the URL
PASTED_URL = "q"
MAX_PASTED_CHARS = 500  # longer than any essay question; the box and the URL are cut there
RECHECK_THESIS = "_recheck_thesis"  # a new pasted question: keep the thesis only if it is offered
REDRAW_PAGE = "_redraw_page"  # set by a callback inside the plan fragment that changed the question
# "notes=1" while the session holds words the student typed (notes, their own thesis): a page opened
# again with it in the address (a refresh, a restarted planner, a move to another process behind the
# load balancer) says that those words are not in the new session.
NOTES_URL = "notes"
URL_KEYS = (QUESTION, THESIS, VIEW, STEP, PART, PASTED_URL, NOTES_URL)
LOST_NOTES = (
    "Your notes are not in this page: it was opened again in a new session (a refresh, or the planner "
    "restarting or moving you to another of its processes), and notes live only in the session where "
    "you typed them. Your question, thesis and place came back from the address. If you downloaded your "
    "plan, load it with “Load a plan you downloaded” to get your notes back."
)
VIEWS = ("plan", "project")
_WRITTEN = "_url_written"
WARNINGS = "_url_warnings"
_LOST = "_notes_lost"
# The keys of one debate's plan page: forgotten when the student opens another debate.
PER_DEBATE = (QUESTION, THESIS, VIEW, STEP, PART, REVEAL, PASTED, _WRITTEN, WARNINGS, RECHECK_THESIS)


def _state() -> SessionStateProxy:
    return st.session_state


def url_params() -> dict[str, str]:
    """The address's parameters the plan page reads (the last value of each, as ``st.query_params`` gives)."""
    return {k: v for k, v in st.query_params.to_dict().items() if k in URL_KEYS}


def adopt_url(pack: Pack) -> None:
    """Take the choice from the URL when it is new (page load, shared link); ignore invalid values.

    Every parameter is read strictly (``read_link``): anything else is dropped with a short, fixed
    warning that quotes at most ``MAX_ECHO`` characters of an id and never the rest of the link.
    """
    ss = _state()
    url = url_params()
    if not url or url == ss.get(_WRITTEN):
        return
    link = read_link(url, pack)
    if url.get(NOTES_URL) == "1" and not _has_own_words():
        ss[_LOST] = True  # said once, above the plan
    ss[QUESTION] = None if link.pasted else link.question  # a pasted question replaces a chosen one
    ss[PASTED] = link.pasted
    ss[THESIS] = link.thesis
    ss[VIEW] = link.view
    ss[STEP] = link.step
    ss[PART] = link.part  # checked against the plan when it is drawn
    ss[REVEAL] = False
    ss[WARNINGS] = link.warnings
    ss[_WRITTEN] = url


MAX_ECHO = 80  # characters of an id a warning may quote
MAX_STEP_DIGITS = 3  # no plan has 1,000 slides
_LINK_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_STEP = re.compile(rf"[0-9]{{1,{MAX_STEP_DIGITS}}}")


@dataclass(frozen=True)
class Link:
    """What a link asks for, every value checked; ``warnings`` says what was ignored (short, fixed text)."""

    question: str | None = None
    thesis: str | None = None
    view: str = "plan"
    step: int = 0  # 0-based
    part: str = INTRODUCTION
    pasted: str = ""
    warnings: tuple[str, ...] = ()


def is_link_id(value: str) -> bool:
    """A kebab-case id of at most ``MAX_ECHO`` ASCII characters (what the pack's ids look like)."""
    return len(value) <= MAX_ECHO and _LINK_ID.fullmatch(value) is not None


def _unknown(what: str, value: str) -> str:
    if is_link_id(value):
        return f"This link asks for the {what} '{value}', which is not in the data pack; it was ignored."
    return f"This link's {what} is not a valid id; it was ignored."


def read_link(url: dict[str, str], pack: Pack) -> Link:
    """The choice a link's parameters make, each one read strictly (ASCII ids and digits, known values)."""
    warnings: list[str] = []
    question = url.get(QUESTION)
    if question is not None and (not is_link_id(question) or question not in pack.question):
        warnings.append(_unknown("question", question))
        question = None
    thesis = url.get(THESIS)
    if thesis is not None and (not is_link_id(thesis) or thesis not in pack.thesis):
        warnings.append(_unknown("thesis", thesis))
        thesis = None
    view = url.get(VIEW, "plan")
    if view not in VIEWS:
        warnings.append("This link asks for a view the planner does not have; the plan is shown.")
        view = "plan"
    step = 0
    raw_step = url.get(STEP)
    if raw_step is not None:
        if _STEP.fullmatch(raw_step) and int(raw_step) >= 1:
            step = int(raw_step) - 1  # past the last slide: the projection shows the last one
        else:
            warnings.append("This link's slide number is not a whole number from 1 to 999; the first slide is shown.")
    part = url.get(PART, INTRODUCTION)
    if not is_link_id(part):
        warnings.append("This link's part of the plan is not a valid id; the introduction is shown.")
        part = INTRODUCTION
    pasted = clean_pasted(url.get(PASTED_URL, "")[: MAX_PASTED_CHARS * 8])  # never fold a huge link whole
    return Link(question, thesis, view, step, part, pasted, tuple(warnings))


def url_warnings() -> tuple[str, ...]:
    """What the last adopted link asked for that this pack does not have (shown once)."""
    return _state().pop(WARNINGS, ())


def notes_lost() -> bool:
    """Whether this new session was opened from a page that held the student's own words (said once)."""
    return bool(_state().pop(_LOST, False))


def _has_own_words() -> bool:
    """Whether the session holds anything the student typed into the plan (notes, their own thesis)."""
    return any(e.notes or e.thesis_text for e in _state().get(EDITS, {}).values())


def write_url(question: str | None, thesis: str | None, view: str, step: int, part: str = INTRODUCTION) -> None:
    """Mirror the choice in the URL (only what differs from the defaults), in one message.

    The pasted question, if any, comes from the session (``PASTED``), so every caller keeps it.
    """
    desired: dict[str, str] = {}
    pasted = pasted_question()
    if question:
        desired[QUESTION] = question
    elif pasted:
        desired[PASTED_URL] = pasted
    if _has_own_words():
        desired[NOTES_URL] = "1"
    if thesis:
        desired[THESIS] = thesis
        if view == "project":
            desired[VIEW] = "project"
            desired[STEP] = str(step + 1)
        elif part != INTRODUCTION:
            desired[PART] = part
    _state()[_WRITTEN] = desired
    if url_params() != desired:
        others = {k: st.query_params.get_all(k) for k in st.query_params if k not in URL_KEYS}
        st.query_params.from_dict({**others, **desired})


def choice() -> tuple[str | None, str | None, str]:
    ss = _state()
    view = ss.get(VIEW) or "plan"
    return ss.get(QUESTION), ss.get(THESIS), view if view in VIEWS else "plan"


def clean_pasted(text: str) -> str:
    """A pasted question as the planner reads it: one line, no outer spaces, at most 500 characters."""
    return " ".join(str(text).split())[:MAX_PASTED_CHARS].strip()


def pasted_question() -> str:
    """The question the student pasted ("" when none)."""
    return clean_pasted(_state().get(PASTED) or "")


# --- widget callbacks for the choice ------------------------------------------------------------


def on_question_change(pack: Pack) -> None:
    """Keep the thesis only if the new question offers it; a new question starts at the plan view."""
    ss = _state()
    question = ss.get(QUESTION)
    if question:
        ss[PASTED] = ""  # a chosen question replaces a pasted one
    offered = thesis_options(pack, pack.question.get(question) if question else None)
    if ss.get(THESIS) not in offered:
        ss[THESIS] = None
    ss[STEP] = 0
    ss[REVEAL] = False


def on_pasted_change() -> None:
    """A question was pasted (or changed, or cleared): it replaces a chosen question.

    The thesis is kept only if the new question's ranking offers it; the page checks that when it
    ranks (``RECHECK_THESIS``), so the ranking is computed once, not here as well.
    """
    ss = _state()
    text = pasted_question()
    ss[PASTED] = text
    if text:
        ss[QUESTION] = None
    ss[RECHECK_THESIS] = True
    ss[STEP] = 0
    ss[REVEAL] = False


def on_thesis_change() -> None:
    ss = _state()
    ss[STEP] = 0
    ss[PART] = INTRODUCTION
    ss[REVEAL] = False


def on_view_change() -> None:
    ss = _state()
    ss[STEP] = 0
    ss[REVEAL] = False


def toggle_reveal() -> None:
    ss = _state()
    ss[REVEAL] = not ss.get(REVEAL, False)


# --- the student's edits ---------------------------------------------------------------------------


def edits(thesis: str) -> PlanEdits:
    return _state().get(EDITS, {}).get(thesis, PlanEdits())


def _store(thesis: str, new: PlanEdits) -> None:
    ss = _state()
    stored = dict(ss.get(EDITS, {}))
    stored[thesis] = new
    ss[EDITS] = stored


# The boxes the student writes in (notes, their own wording of the thesis) and the length control
# have one key each, whatever the thesis: a change of thesis gives the same widgets the new thesis's
# values instead of replacing them with new widgets, which a browser draws far faster (issue 13).
# ``BOXES_FOR`` names the thesis whose words they hold. A save refused (a note too long) keeps the
# text in its box, and as that thesis's draft for when the student comes back to it.
BOXES_FOR = "_boxes_for"
DRAFTS = "_drafts"  # {(thesis, box key): the text a refused save left in the box}
ERRORS = "_box_errors"  # {(thesis, box key): why its save was refused}
OWN_THESIS = "own_thesis"
LENGTH = "length"
NOTE_PARTS = SECTIONS  # parts with a note box besides the paragraphs


def note_key(section: str) -> str:
    return f"note__{section}"


def _is_box(key: str) -> bool:
    return key.startswith("note__") or key in (OWN_THESIS, LENGTH)


def load_boxes(thesis: str) -> None:
    """Make the boxes and the length control hold this thesis's values (call before drawing them)."""
    ss = _state()
    if ss.get(BOXES_FOR) == thesis:
        return
    for key in [k for k in ss if _is_box(k)]:
        del ss[key]  # filled again, from this thesis's edits, as each box is drawn
    ss[BOXES_FOR] = thesis


def box_error(thesis: str, key: str) -> str | None:
    """Why the last save of this thesis's box was refused, if it was."""
    return _state().get(ERRORS, {}).get((thesis, key))


def _settle(thesis: str, key: str) -> None:
    ss = _state()
    for store in (DRAFTS, ERRORS):
        if (thesis, key) in ss.get(store, {}):
            ss[store] = {k: v for k, v in ss[store].items() if k != (thesis, key)}


def _refuse(thesis: str, key: str, text: str, message: str) -> None:
    ss = _state()
    ss[DRAFTS] = {**ss.get(DRAFTS, {}), (thesis, key): text}
    ss[ERRORS] = {**ss.get(ERRORS, {}), (thesis, key): message}


def init_length(thesis: str) -> None:
    """Give the length control its saved value (call before drawing it)."""
    ss = _state()
    if ss.get(LENGTH) not in LENGTHS:
        ss[LENGTH] = edits(thesis).length


def save_length(thesis: str) -> None:
    chosen = _state().get(LENGTH)
    if chosen in LENGTHS:
        _store(thesis, edits(thesis).with_length(chosen))


def dropped_key(thesis: str, claim: str) -> str:
    return f"drop__{thesis}__{claim}"


def drop(thesis: str, claim: str, evidence: str, dropped: bool = True) -> None:
    _store(thesis, edits(thesis).with_dropped(claim, evidence, dropped))
    _sync_dropped(thesis, claim)


def save_dropped(thesis: str, claim: str) -> None:
    """The paragraph's "left out" box changed: make the edits match it."""
    chosen = set(_state().get(dropped_key(thesis, claim)) or ())
    current = edits(thesis)
    prefix = f"{claim}/"
    was = {key.removeprefix(prefix) for key in current.dropped if key.startswith(prefix)}
    for evidence in chosen - was:
        current = current.with_dropped(claim, evidence, True)
    for evidence in was - chosen:
        current = current.with_dropped(claim, evidence, False)
    _store(thesis, current)


def _sync_dropped(thesis: str, claim: str) -> None:
    prefix = f"{claim}/"
    _state()[dropped_key(thesis, claim)] = sorted(
        key.removeprefix(prefix) for key in edits(thesis).dropped if key.startswith(prefix)
    )


def move(thesis: str, order: tuple[str, ...], claim: str, step: int) -> None:
    _store(thesis, edits(thesis).with_moved(order, claim, step))


def save_note(thesis: str, section: str) -> None:
    """Keep the note if it fits; otherwise keep the old one and say why (the box keeps the text)."""
    key = note_key(section)
    text = _state().get(key) or ""
    try:
        _store(thesis, edits(thesis).with_note(section, text))
        _settle(thesis, key)
    except NoteTooLongError as error:
        _refuse(thesis, key, text, str(error))


def save_thesis_text(thesis: str) -> None:
    text = _state().get(OWN_THESIS) or ""
    try:
        _store(thesis, edits(thesis).with_thesis_text(text))
        _settle(thesis, OWN_THESIS)
    except NoteTooLongError as error:
        _refuse(thesis, OWN_THESIS, text, f"{error} Shorten it (the text you typed is still in the box).")


def init_part_widgets(thesis: str, part: str, claims: tuple[str, ...]) -> None:
    """Give the shown part's boxes their values the first time they are drawn for this thesis (call
    before them): a refused draft if there is one, else what is saved.

    Only the part on screen: every key in the session makes each of Streamlit's widgets slower.
    """
    ss = _state()
    current = edits(thesis)
    drafts = ss.get(DRAFTS, {})
    if part in SECTIONS or part in claims:
        key = note_key(part)
        if key not in ss:
            ss[key] = drafts.get((thesis, key), current.note(part))
    if part in claims and dropped_key(thesis, part) not in ss:
        _sync_dropped(thesis, part)
    if part == INTRODUCTION and OWN_THESIS not in ss:
        ss[OWN_THESIS] = drafts.get((thesis, OWN_THESIS), current.thesis_text)


def restore(
    thesis: str,
    question: str | None,
    new: PlanEdits,
    claims: tuple[str, ...] = (),
    pasted: str = "",
    part: str = INTRODUCTION,
) -> None:
    """Replace the choice and the edits (e.g. from an imported plan). Call from a widget callback.

    ``pasted``: a question the student typed (not one of the pack's), or "" for none.
    """
    ss = _state()
    ss[QUESTION] = question
    ss[PASTED] = "" if question else clean_pasted(pasted)
    ss[THESIS] = thesis
    ss[VIEW] = "plan"
    ss[STEP] = 0
    ss[PART] = part
    _store(thesis, new)
    for store in (DRAFTS, ERRORS):  # the file's words replace whatever this thesis's boxes held
        ss[store] = {k: v for k, v in ss.get(store, {}).items() if k[0] != thesis}
    ss.pop(BOXES_FOR, None)  # the boxes are filled again from the new edits when drawn
    for claim in {*claims, *(key.split("/", 1)[0] for key in new.dropped)}:
        _sync_dropped(thesis, claim)


def reset(thesis: str, claims: tuple[str, ...]) -> None:
    """Forget every edit to this thesis's plan."""
    ss = _state()
    restore(thesis, ss.get(QUESTION), PlanEdits(), claims, pasted_question(), ss.get(PART) or INTRODUCTION)


def step_by(delta: int, count: int) -> None:
    """Next (+1) or previous (-1) slide, from the current step (safe if a key is pressed twice)."""
    ss = _state()
    ss[STEP] = max(0, min(count - 1, int(ss.get(STEP, 0)) + delta))
    ss[REVEAL] = False
