"""Session isolation: two students at once never see each other's plan; the one shared object, the pack, is immutable.

Every session's choice and edits live in its own ``st.session_state``; the only thing sessions
share is the data pack, loaded once per process by ``app_pages.common._load`` (``st.cache_resource``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, MutableMapping
from datetime import date
from types import MappingProxyType

import pytest
from pydantic import BaseModel, ValidationError

from app_pages.common import ENV_VAR, _load, pack_dir, plan_for, plan_markdown
from arguments.dates import HistDate
from arguments.export import render_markdown
from arguments.load import load_pack
from arguments.model import Pack
from arguments.plan import PlanEdits, build_plan
from tests.app.conftest import markdown_text, no_exception, show_part

THESIS = "cs-genuine"


def choose(at, thesis=THESIS):
    at.radio(key="thesis").set_value(thesis).run()
    no_exception(at)
    return at


def test_two_sessions_editing_at_once_never_see_each_others_edits(make_app, downloads):
    alice, bob = choose(make_app()), choose(make_app())  # two tabs (or two students) on the same plan
    # Interleaved, as two students working at the same time would send their changes.
    alice.text_area(key="note__introduction").input("ALICE-intro").run()
    bob.text_area(key="note__introduction").input("BOB-intro").run()
    alice.text_area(key="own_thesis").input("ALICE-thesis").run()
    show_part(alice, "cs-munich").multiselect(key="drop__cs-genuine__cs-munich").select("munich-agreement").run()
    show_part(bob, "cs-genuine-turn").button(key="down__cs-genuine-turn").click().run()
    bob.radio(key="thesis").set_value("munich-first").run()
    show_part(bob, "conclusion").text_area(key="note__conclusion").input("BOB-conclusion").run()
    alice.run()
    bob.run()
    for at in (alice, bob):
        no_exception(at)

    assert alice.session_state["edits"] == {
        THESIS: PlanEdits()
        .with_note("introduction", "ALICE-intro")
        .with_dropped("cs-munich", "munich-agreement")
        .with_thesis_text("ALICE-thesis")
    }
    assert bob.session_state["edits"] == {
        THESIS: PlanEdits()
        .with_note("introduction", "BOB-intro")
        .with_moved(("cs-genuine-turn", "cs-munich", "cs-rapallo-broken-by-hitler"), "cs-genuine-turn", 1),
        "munich-first": PlanEdits().with_note("conclusion", "BOB-conclusion"),
    }
    assert alice.session_state["thesis"] == THESIS and bob.session_state["thesis"] == "munich-first"
    show_part(alice, "introduction")
    assert alice.text_area(key="note__introduction").value == "ALICE-intro"
    alice_page = markdown_text(alice) + str([t.value for t in alice.text_area])
    alice_file = downloads(alice, "export_md").content.decode("utf-8")
    assert "ALICE-thesis" in alice_page and "ALICE-intro" in alice_file
    bob_page = markdown_text(bob) + str([t.value for t in bob.text_area])
    bob_file = downloads(bob, "export_md").content.decode("utf-8")
    assert "BOB-conclusion" in bob_page and "BOB-conclusion" in bob_file
    for text in (alice_page, alice_file):
        assert "BOB" not in text
    for text in (bob_page, bob_file):
        assert "ALICE" not in text
    # Bob goes back to the thesis both edited: he sees his own edits, not Alice's.
    bob.radio(key="thesis").set_value(THESIS).run()
    assert bob.text_area(key="note__introduction").value == "BOB-intro"
    assert bob.text_area(key="own_thesis").value == ""
    assert show_part(bob, "cs-munich").multiselect(key="drop__cs-genuine__cs-munich").value == []


@pytest.fixture
def shared_pack(make_app, ui_pack) -> Pack:
    """The pack object the sessions share: the one in the process-wide cache after two sessions ran."""
    first, second = make_app(), make_app()
    no_exception(first)
    no_exception(second)
    directory = pack_dir(argv=[], environ={ENV_VAR: str(ui_pack)})
    pack, problems = _load(directory)
    assert pack is not None and problems == ()
    assert _load(directory)[0] is pack  # one object, not a copy per call
    return pack


def test_the_sessions_share_one_pack_and_leave_it_unchanged(shared_pack, make_app, ui_pack):
    at = choose(make_app())
    show_part(at, "cs-munich").multiselect(key="drop__cs-genuine__cs-munich").select("munich-agreement").run()
    show_part(at, "cs-genuine-turn").button(key="down__cs-genuine-turn").click().run()
    at.switch_page("app_pages/explorer.py").run()
    at.text_input(key="ex_text").input("munich").run()
    no_exception(at)
    fresh = load_pack(ui_pack)
    assert shared_pack == fresh  # every record and collection as on disk
    for name in INDEXES:  # and the indexes (which the dataclass's == leaves out)
        assert dict(getattr(shared_pack, name)) == dict(getattr(fresh, name)), name


INDEXES = ("work", "school", "item", "claim", "thesis", "question", "stances")
COLLECTIONS = ("works", "schools", "evidence", "claims", "theses", "questions", "topics")


def test_the_cached_pack_is_immutable(shared_pack):
    pack = shared_pack
    with pytest.raises(dataclasses.FrozenInstanceError):
        pack.theses = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        pack.thesis = {}  # type: ignore[misc]
    for name in INDEXES:
        index = getattr(pack, name)
        assert isinstance(index, MappingProxyType), name
        key = next(iter(index))
        with pytest.raises(TypeError):
            index[key] = None  # type: ignore[index]
        with pytest.raises(TypeError):
            del index[key]  # type: ignore[attr-defined]
    for name in COLLECTIONS:
        assert isinstance(getattr(pack, name), tuple), name
    with pytest.raises(ValidationError):
        pack.theses[0].title = "changed"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        pack.claim["cs-munich"].support[0].how = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        pack.evidence[0].date.text = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        pack.theses[0].claims.append("x")  # type: ignore[attr-defined]


def mutable_parts(value: object, path: str = "pack") -> list[str]:
    """Every place under ``value`` that holds something a session could change in place."""
    if isinstance(value, str | int | float | bool | date | type(None)):
        return []
    if isinstance(value, tuple | frozenset):
        return [p for i, v in enumerate(value) for p in mutable_parts(v, f"{path}[{i}]")]
    if isinstance(value, Mapping) and not isinstance(value, MutableMapping):  # read-only (MappingProxyType…)
        return [p for k, v in value.items() for p in mutable_parts(v, f"{path}[{k!r}]")]
    if isinstance(value, BaseModel):
        found = [] if value.model_config.get("frozen") else [f"{path} (a pydantic model that is not frozen)"]
        return found + [p for f in type(value).model_fields for p in mutable_parts(getattr(value, f), f"{path}.{f}")]
    if dataclasses.is_dataclass(value) and isinstance(value, Pack | HistDate):
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            return [f"{path} (a dataclass that is not frozen)"]
        return [p for f in dataclasses.fields(value) for p in mutable_parts(getattr(value, f.name), f"{path}.{f.name}")]
    return [f"{path} ({type(value).__name__})"]


def test_nothing_in_the_pack_can_be_changed_in_place(shared_pack):
    assert mutable_parts(shared_pack) == []
    # The check is not vacuous: a list or dict anywhere would be found.
    assert mutable_parts((MappingProxyType({"a": [1]}), {"b": 2})) == ["pack[0]['a'] (list)", "pack[1] (dict)"]


def test_sessions_share_each_plan_they_build_and_never_a_plan_with_other_edits(ui_pack):
    pack = load_pack(ui_pack)
    first = plan_for(pack, THESIS, PlanEdits(), None)
    assert plan_for(pack, THESIS, PlanEdits(), None) is first  # thirty students, one build
    assert plan_markdown(pack, first) is plan_markdown(pack, first)  # and one render
    assert plan_markdown(pack, first) == render_markdown(build_plan(pack, THESIS))
    edited = plan_for(pack, THESIS, PlanEdits().with_note("conclusion", "mine"), None)
    assert edited is not first and edited.conclusion.note == "mine" and first.conclusion.note == ""
    other_pack = load_pack(ui_pack)  # an equal pack read again (e.g. after "check the pack again")
    assert plan_for(other_pack, THESIS, PlanEdits(), None) is not first


def test_the_shared_plan_cache_holds_only_the_packs_text(make_app):
    """Issue 12: plans with a student's words (notes, own thesis, pasted question) stay in that session."""
    from app_pages import common

    common._PLANS.clear()
    marker = "zqx-shared-cache-marker"
    at = choose(make_app())
    at.text_area(key="note__introduction").input(f"note {marker}").run()
    at.text_area(key="own_thesis").input(f"thesis {marker}").run()
    pasted = make_app(q=f"How far was Soviet foreign policy {marker} genuine about collective security, 1933-39?")
    choose(pasted)
    assert common._PLANS, "the pack-only plans are still shared"
    assert marker not in repr(common._PLANS)
    assert all(common.from_pack_only(edits, analysis) for _, _, edits, analysis in common._PLANS)
    mine = at.session_state["_plans"]  # the session keeps its own
    assert any(marker in entry[1].edits.thesis_text for entry in mine.values())
    assert len(mine) <= common._MAX_SESSION_PLANS
    assert any(marker in entry[1].question.text for entry in pasted.session_state["_plans"].values())
