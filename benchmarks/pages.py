"""The two pages being compared and how to drive each: the planner and the bare baseline page."""

from __future__ import annotations

from pathlib import Path

from arguments.load import load_pack

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "streamlit_app.py"
BASELINE = ROOT.parent / "shared" / "bench" / "baseline_app.py"
BASELINE_LABEL = "Thesis"
BASELINE_OPTIONS = ("alpha", "beta")
BASELINE_TEXTS = ("Paragraph 1: alpha", "Paragraph 1: beta")


def app_theses() -> tuple[str, str]:
    """Two theses of the bundled pack to switch between."""
    pack = load_pack()
    return pack.theses[0].id, pack.theses[-1].id


def app_titles() -> tuple[str, str]:
    pack = load_pack()
    first, second = app_theses()
    return pack.thesis[first].title, pack.thesis[second].title


def check_baseline() -> None:
    if not BASELINE.is_file():
        raise SystemExit(f"the baseline page is missing: expected {BASELINE} (the shared/ folder beside the repo)")
