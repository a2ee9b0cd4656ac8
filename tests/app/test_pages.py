"""Every page runs from the entry point; the explorer filters; the schools page compares."""

from __future__ import annotations

import json

import pytest

from arguments.load import bundled_packs, load_pack
from arguments.plan import build_plan
from arguments.present import inline
from arguments.tables import STANCE_SHAPES
from tests.app.conftest import markdown_text, no_exception, plan_title

PAGES = {
    "app_pages/plan.py": "Plan your essay",
    "app_pages/explorer.py": "Evidence explorer",
    "app_pages/schools.py": "Schools of historians",
}


BUNDLED = {folder.name: folder for folder in bundled_packs()}


@pytest.mark.parametrize("pack_name", ["ui", *BUNDLED])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs(make_app, ui_pack, pack_name, page):
    at = make_app(pack=ui_pack if pack_name == "ui" else BUNDLED[pack_name])
    no_exception(at)
    at.switch_page(page).run()
    no_exception(at)
    assert at.title[0].value == PAGES[page]


@pytest.mark.parametrize("pack_name", list(BUNDLED))
def test_every_bundled_thesis_and_view_renders(make_app, pack_name):
    """Each bundled thesis of every debate as a plan and as each projection slide, without an exception."""
    pack = load_pack(BUNDLED[pack_name])
    at = make_app(pack=BUNDLED[pack_name])
    for thesis in pack.theses:
        if at.segmented_control:  # back from the previous thesis's projection
            at.segmented_control(key="view").set_value("plan").run()
        at.radio(key="thesis").set_value(thesis.id).run()
        no_exception(at)
        assert plan_title(at) == f"Essay plan: {inline(thesis.title)}"
        at.segmented_control(key="view").set_value("project").run()
        titles = [at.title[0].value]
        while not at.button(key="next_slide").disabled:
            if "reveal_counter" in {b.key for b in at.button}:
                at.button(key="reveal_counter").click().run()
                no_exception(at)
            at.button(key="next_slide").click().run()
            no_exception(at)
            titles.append(at.title[0].value)
        assert len(titles) == len(build_plan(pack, thesis.id).body) + 3  # introduction, paragraphs, two more


@pytest.fixture
def explorer(app):
    app.switch_page("app_pages/explorer.py").run()
    no_exception(app)
    return app


def shown_ids(at):
    return list(at.dataframe[0].value["id"])


def test_explorer_lists_every_item(explorer, ui_pack):
    pack = load_pack(ui_pack)
    assert shown_ids(explorer) == [e.id for e in pack.evidence]
    assert f"**{len(pack.evidence)} of {len(pack.evidence)} items**" in markdown_text(explorer)
    assert explorer.dataframe[0].proto.alt.startswith("Table of 7 evidence items")


def test_explorer_filters_by_school_stance_theme_period_and_text(explorer):
    explorer.selectbox(key="ex_school").select("collective-security").run()
    explorer.radio(key="ex_stance").set_value("challenges").run()
    assert shown_ids(explorer) == ["kandelaki-credit-agreement", "secret-protocol"]
    explorer.multiselect(key="ex_themes").select("ideology").run()
    assert shown_ids(explorer) == ["secret-protocol"]
    explorer.multiselect(key="ex_themes").unselect("ideology").run()
    explorer.slider(key="ex_years").set_range(1935, 1935).run()
    assert shown_ids(explorer) == ["kandelaki-credit-agreement"]
    explorer.selectbox(key="ex_school").select(None).run()
    explorer.text_input(key="ex_text").input("franco").run()
    no_exception(explorer)
    assert shown_ids(explorer) == ["franco-soviet-treaty"]
    assert not explorer.radio  # the stance choice only appears once a school is chosen


def test_explorer_timeline_encodes_stance_by_shape_and_colour(explorer):
    charts = explorer.get("vega_lite_chart")
    assert len(charts) == 1
    proto = charts[0].proto
    spec = json.loads(proto.spec)
    encoding = spec["encoding"]
    assert encoding["shape"]["field"] == encoding["color"]["field"] == "Stance"
    assert encoding["shape"]["scale"]["range"] == list(STANCE_SHAPES)
    assert proto.alt.startswith("Timeline of 7 evidence items")


def test_explorer_empty_result_says_so(explorer):
    explorer.text_input(key="ex_text").input("no item says this").run()
    no_exception(explorer)
    assert shown_ids(explorer) == []
    assert "loosen the filters" in markdown_text(explorer)


def test_schools_side_by_side_and_topic_matrix(app, ui_pack):
    pack = load_pack(ui_pack)
    app.switch_page("app_pages/schools.py").run()
    no_exception(app)
    assert [s.value for s in app.subheader][: len(pack.schools)] == [inline(s.name) for s in pack.schools]
    text = markdown_text(app)
    assert "**Core argument:** Moscow genuinely sought an anti-Nazi coalition until the West failed it." in text
    assert (
        "- **Jonathan Haslam:** *The Soviet Union and the Struggle for Collective Security in Europe, 1933–39* (1984)"
        in text
    )
    assert "**Key evidence it relies on:**" in text and "**What counts against it:**" in text
    table = app.table[0].value
    assert list(table.columns) == ["Topic", "Key evidence", "Collective Security school", "German school"]
    assert table.iloc[0]["German school"] == "A pretext Stalin used to turn to Berlin."


def test_schools_page_opens_a_plan(app):
    app.switch_page("app_pages/schools.py").run()
    app.button(key="plan__german-orientation__munich-first").click().run()
    no_exception(app)
    assert plan_title(app).startswith(r"Essay plan: Munich decided it")
    assert app.radio(key="thesis").value == "munich-first"
