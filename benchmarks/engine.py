"""Engine timings: load + validate, plan, render, on the bundled pack and on packs 10× and 100× its size."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from arguments.export import md, render_markdown
from arguments.load import load_pack
from arguments.plan import build_plan
from benchmarks.synthetic import write_synthetic_pack


def median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run(scales: tuple[int, ...] = (1, 10, 100), repeats: int = 5) -> dict[str, object]:
    """Median milliseconds per operation at each scale, plus cost per evidence item to show growth."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for scale in scales:
            directory = write_synthetic_pack(Path(scratch) / f"x{scale}", scale)
            pack = load_pack(directory)
            thesis = pack.theses[0].id
            load = median_ms(lambda d=directory: load_pack(d), max(1, repeats if scale < 100 else 3))
            plan = median_ms(lambda p=pack, t=thesis: build_plan(p, t), repeats * 20)
            built = build_plan(pack, thesis)
            render = median_ms(lambda b=built: render_markdown(b), repeats * 20)
            md.cache_clear()
            cold = median_ms(
                lambda p=pack, t=thesis: (md.cache_clear(), render_markdown(build_plan(p, t))), repeats * 4
            )
            rows.append(
                {
                    "scale": scale,
                    "evidence_items": len(pack.evidence),
                    "records": len(pack.evidence) + len(pack.claims) + len(pack.theses) + len(pack.works),
                    "load_ms": round(load, 1),
                    "load_us_per_evidence_item": round(load * 1000 / len(pack.evidence), 1),
                    "plan_ms": round(plan, 3),
                    "render_ms": round(render, 3),
                    "plan_plus_render_ms": round(plan + render, 3),
                    "plan_plus_render_cold_ms": round(cold, 3),
                }
            )
    first, last = rows[0], rows[-1]
    growth = last["load_us_per_evidence_item"] / first["load_us_per_evidence_item"]  # type: ignore[operator]
    return {
        "rows": rows,
        "load_growth_per_item": round(growth, 2),
        "linear_or_better": growth <= 1.5,
        "targets": {
            "plan_plus_render_under_2ms": rows[0]["plan_plus_render_ms"] < 2,  # type: ignore[operator]
            "load_100x_under_2s": next((r["load_ms"] < 2000 for r in rows if r["scale"] == 100), None),
        },
    }
