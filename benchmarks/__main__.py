"""Run the benchmarks and print a table; write the results as JSON.

  python -m benchmarks                 # everything (about 5 minutes on 2 cores)
  python -m benchmarks --quick         # a fast smoke run (the test suite runs this)
  python -m benchmarks --only engine   # one section: engine, server, browser
  python -m benchmarks --out FILE      # where the JSON goes (default benchmarks/results/latest.json)

Figures that have a baseline are measured side by side in the same run against the bare
Streamlit page in ../shared/bench/baseline_app.py, and reported as ratios.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

import psutil

SECTIONS = ("engine", "server", "browser")
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "latest.json"


def machine() -> dict[str, object]:
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": psutil.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
    }


def run(sections: tuple[str, ...], quick: bool) -> dict[str, object]:
    results: dict[str, object] = {"machine": machine(), "quick": quick}
    if "engine" in sections:
        from benchmarks import engine

        results["engine"] = engine.run(scales=(1, 10) if quick else (1, 10, 100), repeats=2 if quick else 5)
    if "server" in sections:
        from benchmarks import server

        results["server"] = server.run(repeats=4 if quick else 30)
    if "browser" in sections:
        from benchmarks import browser

        if quick:
            results["browser"] = browser.run(switches=3, sessions=3, rounds=1, paints=1)
        else:
            results["browser"] = browser.run(switches=40, sessions=30, rounds=3, paints=7)
    return results


def table(results: dict[str, object]) -> str:
    rows: list[tuple[str, str, str, str]] = []
    engine = results.get("engine")
    if isinstance(engine, dict):
        for r in engine["rows"]:
            rows.append(
                (
                    f"engine, {r['scale']}× pack ({r['evidence_items']} items): load + validate",
                    f"{r['load_ms']} ms",
                    "",
                    "< 2 s at 100×" if r["scale"] == 100 else "",
                )
            )
        first = engine["rows"][0]
        rows.append(("engine: plan + Markdown render (warm)", f"{first['plan_plus_render_ms']} ms", "", "< 2 ms"))
        rows.append(("engine: plan + render, escaping cache cold", f"{first['plan_plus_render_cold_ms']} ms", "", ""))
        scales = [r["scale"] for r in engine["rows"]]
        if len(scales) > 1:
            growth = f"engine: load cost per item, {scales[-1]}× ÷ {scales[-2]}× pack"
            rows.append((growth, f"{engine['load_growth_per_item']}×", "", "≤ 1.5×"))
        if len(scales) > 2:
            since = f"engine: load cost per item, {scales[-1]}× ÷ {scales[0]}× (the {scales[0]}× pack fits in cache)"
            rows.append((since, f"{engine['load_growth_from_smallest']}×", "", ""))
    server = results.get("server")
    if isinstance(server, dict):
        rows.append(
            (
                "server: AppTest rerun after a thesis change",
                f"{server['app_rerun_ms']} ms",
                f"{server['baseline_rerun_ms']} ms ({server['ratio']}×)",
                "≤ 2× (3× at most)",
            )
        )
    browser = results.get("browser")
    if isinstance(browser, dict):
        app, base, ratios = browser["planner"], browser["baseline"], browser["ratios"]
        rows.append(
            (
                f"browser: cold first paint (median of {app['single']['first_paint_samples']})",
                f"{app['single']['first_paint_ms']} ms",
                f"{base['single']['first_paint_ms']} ms ({ratios['first_paint']}×)",
                "≤ 1.1×",
            )
        )
        changes = (  # what changes, its results, its ratios' prefix, the median's target
            ("thesis change to repainted plan", "single", "switch", "≤ 1.1×"),
            ("essay question change (a full-page rerun) to repainted page", "question", "question", "≤ 1.2×"),
        )
        for what, key, prefix, target in changes:
            for stat in ("median", "p90"):
                rows.append(
                    (
                        f"browser: {what}, {stat}",
                        f"{app[key][f'switch_{stat}_ms']} ms",
                        f"{base[key][f'switch_{stat}_ms']} ms ({ratios[f'{prefix}_{stat}']}×)",
                        target if stat == "median" else "",
                    )
                )
        if app["load"]:
            n = app["load"]["sessions"]
            for stat, key in (("p50", "median_ms"), ("p95", "p95_ms")):
                ratio = ratios["load_p50" if stat == "p50" else "load_p95"]
                rows.append(
                    (
                        f"load: {n} sessions change thesis at once, {stat}",
                        f"{app['load'][key]} ms",
                        f"{base['load'][key]} ms ({ratio}×)",
                        "≤ 2×" if stat == "p95" else "",
                    )
                )
            rows.append(
                (
                    f"memory: server RSS with 1 / {n} sessions",
                    f"{app['load']['rss_1_session_mb']} / {app['load'][f'rss_{n}_sessions_mb']} MB",
                    f"{base['load']['rss_1_session_mb']} / {base['load'][f'rss_{n}_sessions_mb']} MB",
                    "",
                )
            )
            rows.append(
                (
                    "memory: per extra session",
                    f"{app['load']['mb_per_extra_session']} MB",
                    f"{base['load']['mb_per_extra_session']} MB",
                    "< 1 MB",
                )
            )
    header = ("measure", "planner", "bare page (ratio)", "target")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
    lines = ["| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |"]
    lines.append("| " + " | ".join("-" * w for w in widths) + " |")
    lines += ["| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run with few repeats")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only this section (repeatable)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the JSON file to write")
    args = parser.parse_args(argv)
    results = run(tuple(args.only or SECTIONS), args.quick)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    m = results["machine"]
    print(f"{m['date']} · Python {m['python']} · {m['cpus']} CPUs · {m['memory_gb']} GB · {m['platform']}")
    print(table(results))
    print(f"\nJSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
