"""Privacy and classroom settings in the committed Streamlit config (.streamlit/config.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from arguments.imports import MAX_IMPORT_BYTES

CONFIG = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def load() -> dict:
    with CONFIG.open("rb") as handle:
        return tomllib.load(handle)


def test_usage_statistics_are_off() -> None:
    """Streamlit sends usage statistics unless told not to: nothing about students may leave the machine."""
    assert load()["browser"]["gatherUsageStats"] is False


def test_students_get_the_viewer_toolbar_and_no_tracebacks() -> None:
    client = load()["client"]
    assert client["toolbarMode"] == "viewer"
    assert client.get("showErrorDetails", "full") not in ("full", "stacktrace", True)


def test_uploads_up_to_2_mb_reach_the_planner() -> None:
    """Over 1 MB the planner says why it refuses a file; Streamlit's own limit must not cut in first."""
    limit_mb = load()["server"]["maxUploadSize"]
    assert limit_mb == 2
    assert limit_mb * 1024 * 1024 > MAX_IMPORT_BYTES * 1.5  # the 1.5 MB browser test gets through


def test_a_closed_tab_is_kept_two_minutes_as_the_readme_says() -> None:
    """README, "Your data": the server keeps a closed tab's session for two minutes, then forgets it."""
    from app_pages.session_end import SWEEP_SECONDS

    assert load()["server"]["disconnectedSessionTTL"] == 120
    assert SWEEP_SECONDS == 10  # "within ten seconds"
    readme = (CONFIG.parents[1] / "README.md").read_text(encoding="utf-8")
    assert "keeps them for two minutes" in readme and "within ten seconds" in readme


def test_reruns_stay_cheap() -> None:
    """Issue 6: no rewrite of bare expressions, and no full garbage collection after every rerun
    (with the pack in memory that pass held the interpreter for tens of milliseconds per click)."""
    runner = load()["runner"]
    assert runner["magicEnabled"] is False
    assert runner["postScriptGC"] is False
