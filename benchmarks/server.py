"""Server-side cost of a rerun: AppTest time for a thesis change, the app against the bare baseline page."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from benchmarks.pages import APP, BASELINE, app_theses


def _median_rerun(at: AppTest, change: Callable[[AppTest, int], None], repeats: int) -> float:
    times = []
    for i in range(repeats):
        change(at, i)
        start = time.perf_counter()
        at.run(timeout=60)
        times.append((time.perf_counter() - start) * 1000)
        assert not at.exception, at.exception
    return statistics.median(times)


def run(repeats: int = 20) -> dict[str, object]:
    baseline = AppTest.from_file(str(BASELINE), default_timeout=60)
    baseline.run()
    options = ["beta", "alpha"]
    base_ms = _median_rerun(baseline, lambda at, i: at.selectbox(key="thesis").select(options[i % 2]), repeats)

    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    first, second = app_theses()
    app.radio(key="thesis").set_value(first).run()
    theses = [second, first]
    app_ms = _median_rerun(app, lambda at, i: at.radio(key="thesis").set_value(theses[i % 2]), repeats)
    return {
        "baseline_rerun_ms": round(base_ms, 1),
        "app_rerun_ms": round(app_ms, 1),
        "ratio": round(app_ms / base_ms, 2),
        "target_ratio": 3.0,
        "meets_target": app_ms / base_ms <= 3.0,
    }
