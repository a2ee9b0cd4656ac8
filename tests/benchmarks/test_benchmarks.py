"""The benchmark's smoke mode runs, and its synthetic packs are valid packs of the promised size."""

from __future__ import annotations

import json

import pytest

from arguments.load import load_pack
from benchmarks.__main__ import main
from benchmarks.pages import BASELINE
from benchmarks.synthetic import write_synthetic_pack


def test_synthetic_pack_is_valid_and_scaled(tmp_path, bundled_pack):
    pack = load_pack(write_synthetic_pack(tmp_path / "x3", 3))
    assert len(pack.evidence) == 3 * len(bundled_pack.evidence)
    assert len(pack.theses) == 3 * len(bundled_pack.theses)
    assert len(pack.schools) == len(bundled_pack.schools)


@pytest.mark.skipif(
    not BASELINE.is_file(), reason=f"the bare baseline page is not at {BASELINE} (the shared/ folder beside the repo)"
)
def test_quick_engine_and_server_run_writes_json_and_table(tmp_path, capsys):
    out = tmp_path / "bench.json"
    assert main(["--quick", "--only", "engine", "--only", "server", "--out", str(out)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    rows = results["engine"]["rows"]
    assert [r["scale"] for r in rows] == [1, 10]
    assert all(r["load_ms"] > 0 and r["plan_plus_render_ms"] > 0 for r in rows)
    assert results["server"]["app_rerun_ms"] > 0 and results["server"]["ratio"] > 0
    printed = capsys.readouterr().out
    assert "| engine, 10× pack" in printed and "server: AppTest rerun" in printed


def test_the_question_change_flips_between_two_questions_that_share_a_thesis(bundled_pack):
    from benchmarks.browser import question_driver

    driver = question_driver()
    first, second = (next(q for q in bundled_pack.questions if q.text == text) for text in driver.options)
    thesis = driver.path.split("thesis=", 1)[1]
    assert thesis in first.theses and thesis in second.theses  # the plan stays, for the other question
    assert driver.path.startswith(f"/?question={first.id}&")
    assert driver.texts[0] != driver.texts[1] and driver.ready_text == driver.texts[0]
    assert all(text not in q.text for text in driver.texts for q in (first, second))  # not in the dropdown
