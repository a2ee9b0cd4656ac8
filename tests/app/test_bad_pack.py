"""An invalid data pack: the app lists the problems readably, never a traceback."""

from __future__ import annotations

import shutil

import pytest

from arguments.load import check_pack, load_pack
from arguments.present import inline
from tests.app.conftest import colons, markdown_text, no_exception
from tests.conftest import MINI_PACK, edit


@pytest.fixture
def broken_pack(tmp_path):
    target = tmp_path / "broken"
    shutil.copytree(MINI_PACK, target)
    edit(target / "evidence" / "items.toml", 'sources = ["tucker-1977"]', 'sources = ["<b>nobody</b>"]')
    edit(target / "claims.toml", 'evidence = "munich-agreement"', 'evidence = "munich-1939"')
    edit(target / "theses.toml", 'verdict = "To a large extent"\n', "")
    return target


def test_problems_are_listed_not_raised(make_app, broken_pack):
    _, problems = check_pack(broken_pack)
    assert len(problems) >= 3
    at = make_app(pack=broken_pack)
    no_exception(at)
    assert at.title[0].value == "The data pack needs fixing"
    assert f"{len(problems)} problems found" in at.error[0].value
    text = markdown_text(at)
    for problem in problems:  # every problem, with where it is and what to do
        where = ", ".join(
            [f"line {problem.line}"] * bool(problem.line)
            + [problem.record] * bool(problem.record)
            + [f"field '{problem.field}'"] * bool(problem.field)
        )
        assert f"- **{inline(where)}:** {inline(problem.message)}" in text
    assert "refers to unknown evidence 'munich-1939'" in text
    assert colons(r"field 'verdict':** is missing\: add it") in text
    assert r"'\<b\>nobody\</b\>'" in text  # problem text is escaped, never HTML
    files = sorted({p.file for p in problems})
    assert [s.value for s in at.subheader] == [f"{f} ({sum(p.file == f for p in problems)})" for f in files]
    assert not at.radio and not at.download_button  # no half-loaded planner


def test_every_page_of_a_bad_pack_shows_the_list(make_app, broken_pack):
    at = make_app(pack=broken_pack)
    for page in ("app_pages/explorer.py", "app_pages/schools.py"):
        at.switch_page(page).run()
        no_exception(at)
        assert at.title[0].value == "The data pack needs fixing"


def test_a_missing_folder_is_a_problem_too(make_app, tmp_path):
    at = make_app(pack=tmp_path / "nowhere")
    no_exception(at)
    assert "no such folder" in markdown_text(at)


def test_check_again_picks_up_the_fixed_pack(make_app, broken_pack):
    at = make_app(pack=broken_pack)
    for path in ("evidence/items.toml", "claims.toml", "theses.toml"):
        shutil.copy(MINI_PACK / path, broken_pack / path)
    load_pack(broken_pack)  # now valid
    at.button(key="recheck_pack").click().run()
    no_exception(at)
    assert at.title[0].value == "Plan your essay"
