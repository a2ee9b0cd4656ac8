"""How many active students one planner process serves, and what a second process behind nginx adds.

  python -m benchmarks.capacity                          # 1 and 2 processes behind nginx, 1…160 students
  python -m benchmarks.capacity --processes 1 --students 1,20,80 --duration 20

Each simulated student is one websocket speaking Streamlit's own browser protocol (the protobuf
BackMsg / ForwardMsg in streamlit.proto), so a student costs the machine a few kilobytes and a little
parsing instead of a Chromium page. A student opens the planner at a question and a thesis, then,
after a pause of 5 to 15 seconds (uniform; a human pace), does one of: choose another thesis of the
question, open another part of the plan, or download the plan (the Markdown file, over HTTP, through
nginx with the student's affinity cookie). Thesis and part changes go as the browser sends a changed
address (a rerun with the new query string), which runs the whole page script, a little more than a
click in the plan's fragment does. The response time is from the message sent to the server's
"script finished" (or, for a download, to the file's last byte).

The one-student value is one student acting about every second for a minute. Each level then runs
all its students together for ``--duration`` seconds (stopping once a level's p95 is four times the
limit); the capacity is the largest level whose p95 stays
within twice the one-student p95. The planner runs behind nginx by deploy/local.py for both 1 and 2
processes, so the two differ only in the number of processes. Every result carries the time and the
load average, since the machine is shared.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from arguments.load import load_pack
from deploy.local import free_port

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("introduction", "historiography", "conclusion", "bibliography", "whole")


@contextmanager
def planners(processes: int) -> Iterator[dict]:
    """deploy/local.py with ``processes`` planner processes; yields its state (url, planners' pids)."""
    run = Path(tempfile.mkdtemp(prefix="planner-capacity-"))
    command = [
        sys.executable, "deploy/local.py", "--processes", str(processes), "--first-port", "0",
        "--host", "127.0.0.1", "--port", str(free_port()), "--run-dir", str(run),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while not (run / "state.json").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("deploy/local.py did not start")
            time.sleep(0.2)
        yield json.loads((run / "state.json").read_text())
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class Student:
    """One browser tab, at the protocol level."""

    def __init__(self, url: str, rng: random.Random, questions: list[tuple[str, tuple[str, ...]]]):
        self.url = url
        self.rng = rng
        self.question, self.theses = rng.choice(questions)
        self.thesis = rng.choice(self.theses)
        self.part = "introduction"
        self.download: str | None = None
        self.cookie = ""

    def _query(self) -> str:
        part = "" if self.part == "introduction" else f"&part={self.part}"
        return f"question={self.question}&thesis={self.thesis}{part}"

    async def connect(self) -> None:
        # The affinity cookie first, as a browser gets it with the page.
        def health() -> str:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=30) as response:
                cookies = response.headers.get_all("Set-Cookie") or []
            return "; ".join(c.split(";")[0] for c in cookies)

        self.cookie = await asyncio.to_thread(health)
        self.ws = await websockets.connect(
            self.url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            additional_headers={"Cookie": self.cookie},
            max_size=None,
            open_timeout=60,
            ping_interval=None,
        )
        await self.rerun()

    async def rerun(self) -> float:
        message = BackMsg(rerun_script=ClientState(query_string=self._query(), page_script_hash=""))
        start = time.perf_counter()
        await self.ws.send(message.SerializeToString())
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await self.ws.recv())
            kind = reply.WhichOneof("type")
            if kind == "delta" and reply.delta.new_element.WhichOneof("type") == "download_button":
                self.download = reply.delta.new_element.download_button.url
            elif kind == "script_finished":
                return time.perf_counter() - start

    async def fetch_download(self) -> float:
        url = self.url + "/" + (self.download or "").lstrip("/")
        start = time.perf_counter()

        def get() -> None:
            request = urllib.request.Request(url, headers={"Cookie": self.cookie})
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()

        await asyncio.to_thread(get)
        return time.perf_counter() - start

    async def act(self) -> tuple[str, float]:
        action = self.rng.choice(("thesis", "part", "download") if self.download else ("thesis", "part"))
        if action == "thesis":
            self.thesis = self.rng.choice([t for t in self.theses if t != self.thesis] or self.theses)
            self.part = "introduction"
            return action, await self.rerun()
        if action == "part":
            self.part = self.rng.choice([p for p in PARTS if p != self.part])
            return action, await self.rerun()
        return action, await self.fetch_download()

    async def close(self) -> None:
        await self.ws.close()


async def level(
    url: str, students: int, duration: float, think: tuple[float, float], seed: int, pids: tuple[int, ...] = ()
) -> dict:
    """``students`` together for ``duration`` seconds: the response times of their actions, and the CPU
    time the planner processes (``pids``) spent per action, which the other work on a shared machine
    disturbs far less than it disturbs response times."""
    pack = load_pack()
    questions = [(q.id, tuple(q.theses)) for q in pack.questions if q.theses]
    rng = random.Random(seed)
    crowd = [Student(url, random.Random(rng.random()), questions) for _ in range(students)]
    for batch in range(0, students, 20):  # arrive in small groups, as a class logs in
        await asyncio.gather(*(s.connect() for s in crowd[batch : batch + 20]))
    times: list[float] = []
    errors = 0
    end = time.monotonic() + duration

    async def life(student: Student) -> None:
        nonlocal errors
        await asyncio.sleep(student.rng.uniform(0, think[1]))  # not all in step
        while time.monotonic() < end:
            try:
                _, seconds = await student.act()
                times.append(seconds)
            except Exception:  # noqa: BLE001 - a failed action is counted, not fatal
                errors += 1
            await asyncio.sleep(student.rng.uniform(*think))

    servers = [psutil.Process(pid) for pid in pids]
    server_cpu = sum(sum(p.cpu_times()[:2]) for p in servers)
    cpu = psutil.cpu_times()
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    load_before = os.getloadavg()[0]
    await asyncio.gather(*(life(s) for s in crowd))
    await asyncio.gather(*(s.close() for s in crowd), return_exceptions=True)
    cpu_after = psutil.cpu_times()
    server_cpu = sum(sum(p.cpu_times()[:2]) for p in servers) - server_cpu
    busy = (cpu_after.user + cpu_after.system) - (cpu.user + cpu.system)
    wall = (cpu_after.user + cpu_after.system + cpu_after.idle) - (cpu.user + cpu.system + cpu.idle)
    return {
        "students": students,
        "started": started,
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "machine_busy": round(busy / wall, 2) if wall else None,
        "actions": len(times),
        "errors": errors,
        "p50_ms": round(statistics.median(times) * 1000, 1) if times else None,
        "p95_ms": round(percentile(times, 0.95) * 1000, 1) if times else None,
        "planner_cpu_ms_per_action": round(server_cpu / len(times) * 1000, 1) if times and servers else None,
    }


async def measure(state: dict, students: list[int], duration: float, think: tuple[float, float]) -> dict:
    url, pids = state["url"], tuple(p["pid"] for p in state["planners"])
    warm = await level(url, 2 * len(pids), 5, (0.5, 1.0), seed=0)  # the pack loaded in each process
    one = await level(url, 1, 60, (0.5, 1.5), seed=1, pids=pids)
    limit = 2 * one["p95_ms"]
    levels = []
    for n in students:
        result = await level(url, n, duration, think, seed=n, pids=pids)
        levels.append(result)
        print(json.dumps(result), flush=True)
        if result["p95_ms"] and result["p95_ms"] > 4 * limit:
            break  # well past the limit: larger levels only take longer
    within = [r["students"] for r in levels if r["p95_ms"] is not None and r["p95_ms"] <= limit and not r["errors"]]
    return {"warm_up": warm, "one_student": one, "limit_p95_ms": limit, "levels": levels,
            "capacity": max(within) if within else 0}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", default="1,2", help="planner processes to compare (default 1,2)")
    parser.add_argument("--students", default="1,10,20,40,80,120,160,240", help="levels of active students")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per level")
    parser.add_argument("--think", default="5,15", help="seconds between a student's actions (uniform)")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "capacity.json"))
    args = parser.parse_args(argv)
    think = tuple(float(x) for x in args.think.split(","))
    results: dict[str, object] = {"cpus": psutil.cpu_count(), "think_s": think, "duration_s": args.duration}
    for processes in (int(x) for x in args.processes.split(",")):
        print(f"{processes} process(es) behind nginx", flush=True)
        with planners(processes) as state:
            results[f"{processes}"] = asyncio.run(
                measure(state, [int(x) for x in args.students.split(",")], args.duration, think)
            )
        print(json.dumps({k: v for k, v in results[f"{processes}"].items() if k != "levels"}), flush=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
