"""Run the planner for a school on one machine: N planner processes behind nginx, in the foreground.

    .venv/bin/python deploy/local.py --processes 2 --port 8080      # then open http://THIS-MACHINE:8080
    .venv/bin/python deploy/local.py includes --listen 80 10.0.0.5:8601 10.0.0.6:8601 --to /etc/nginx/planner

The first form starts N ``streamlit run`` processes on loopback ports, waits until each answers
/_stcore/health, then runs Debian's nginx with deploy/nginx/planner.conf in front of them (its pid file,
logs and temporary files in a run folder, so no root is needed for a port above 1024). Ctrl-C or
SIGTERM stops nginx and every process. It does not restart a process that dies (nginx sends its
browsers to the others): on a server, systemd does that (deploy/systemd/, see the README).

The second form writes the four files deploy/nginx/planner.conf includes (listen, upstreams, routes)
for planner processes anywhere, for an nginx installed the Debian way.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "deploy" / "nginx" / "planner.conf"
LOOPBACK = "127.0.0.1"
MAX_FAILS = "max_fails=1 fail_timeout=10s"


def find_nginx() -> str | None:
    """Debian's nginx (in /usr/sbin, which is not on every user's PATH)."""
    return shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def write_includes(folder: Path, listen: Sequence[str], addresses: Sequence[str], logs: Path) -> None:
    """planner/listen.conf, upstreams.conf, routes.conf and logs.conf: where nginx listens, where the
    planner processes are, and the folder for the site's logs (never a query string: see planner.conf)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logs.conf").write_text(
        f"access_log {logs}/planner-access.log planner_route;\nerror_log {logs}/planner-error.log crit;\n"
    )
    (folder / "listen.conf").write_text("".join(f"listen {value};\n" for value in listen))
    (folder / "upstreams.conf").write_text("".join(f"server {a} {MAX_FAILS};\n" for a in addresses))
    (folder / "routes.conf").write_text("".join(f'"{a}" {a};\n' for a in addresses))


def write_nginx_conf(run: Path, host: str, port: int, addresses: Sequence[str]) -> Path:
    """A whole nginx configuration in ``run`` (no root needed): the repository's site plus its includes."""
    write_includes(run / "planner", [f"{host}:{port}"], addresses, run)
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / "temp" / sub).mkdir(parents=True, exist_ok=True)
    conf = run / "nginx.conf"
    conf.write_text(
        f"""# Written by deploy/local.py: the repository's site, with its pid, logs and temporary files here.
daemon off;
worker_processes 1;
# On Ctrl-C nginx finishes what is in flight, but does not wait an hour for open websockets.
worker_shutdown_timeout 5s;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {run}/temp/client_body;
    proxy_temp_path {run}/temp/proxy;
    fastcgi_temp_path {run}/temp/fastcgi;
    uwsgi_temp_path {run}/temp/uwsgi;
    scgi_temp_path {run}/temp/scgi;
    include {SITE};
}}
"""
    )
    return conf


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
            return response.read() == b"ok"
    except OSError:
        return False


def start_planner(port: int, log: Path, secret: str) -> subprocess.Popen:
    """One ``streamlit run`` from the repository root (so .streamlit/config.toml applies)."""
    env = {**os.environ, "STREAMLIT_SERVER_COOKIE_SECRET": secret}
    command = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.address", LOOPBACK, "--server.port", str(port), "--server.headless", "true",
    ]  # fmt: skip
    with log.open("ab") as out:
        return subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        process.send_signal(sig)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve(args: argparse.Namespace) -> int:
    nginx = find_nginx()
    if nginx is None:
        print("nginx not found: install Debian's package (apt-get install nginx)", file=sys.stderr)
        return 2
    run = Path(args.run_dir or tempfile.mkdtemp(prefix="planner-run-")).resolve()
    run.mkdir(parents=True, exist_ok=True)
    ports = [free_port() for _ in range(args.processes)] if args.first_port == 0 else [
        args.first_port + i for i in range(args.processes)
    ]  # fmt: skip
    # One secret for every process: an upload signed by one is accepted by another after a failover.
    secret = os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET") or secrets.token_urlsafe(32)
    planners: list[subprocess.Popen] = []
    front: subprocess.Popen | None = None
    stopping = False

    def on_signal(signum, frame):  # noqa: ARG001
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        for port in ports:
            planners.append(start_planner(port, run / f"planner-{port}.log", secret))
        deadline = time.monotonic() + args.start_timeout
        waiting = dict(zip(ports, planners, strict=True))
        while waiting and not stopping:
            for port, process in list(waiting.items()):
                if healthy(f"http://{LOOPBACK}:{port}"):
                    del waiting[port]
                elif process.poll() is not None or time.monotonic() > deadline:
                    print(f"planner on port {port} did not start: see {run}/planner-{port}.log", file=sys.stderr)
                    return 1
            time.sleep(0.2)
        addresses = [f"{LOOPBACK}:{port}" for port in ports]
        conf = write_nginx_conf(run, args.host, args.port, addresses)
        check = subprocess.run([nginx, "-t", "-q", "-e", str(run / "error.log"), "-c", str(conf)], capture_output=True)
        if check.returncode:
            print(check.stderr.decode(errors="replace"), file=sys.stderr)
            return 1
        front = subprocess.Popen([nginx, "-e", str(run / "error.log"), "-c", str(conf)])
        url = f"http://{LOOPBACK if args.host == '0.0.0.0' else args.host}:{args.port}"
        while not healthy(url):
            if front.poll() is not None or stopping:
                print(f"nginx did not start: see {run}/error.log", file=sys.stderr)
                return 1
            time.sleep(0.1)
        state = {
            "url": url,
            "run_dir": str(run),
            "nginx_pid": front.pid,
            "planners": [{"address": a, "pid": p.pid} for a, p in zip(addresses, planners, strict=True)],
        }
        (run / "state.json").write_text(json.dumps(state, indent=2))
        print(f"The planner is at {url} ({len(ports)} processes: {', '.join(addresses)}; run folder {run})")
        print("Ctrl-C stops it.", flush=True)
        reported: set[int] = set()
        while not stopping and front.poll() is None:
            for port, process in zip(ports, planners, strict=True):
                if process.poll() is not None and port not in reported:
                    reported.add(port)
                    print(f"planner on port {port} exited ({process.returncode}); nginx sends its browsers on")
                    sys.stdout.flush()
            time.sleep(0.5)
        return 0 if stopping else 1
    finally:
        if front is not None:
            stop(front, signal.SIGQUIT)  # nginx: finish the requests in flight, then exit
        for process in planners:
            stop(process)


def includes(args: argparse.Namespace) -> int:
    write_includes(Path(args.to), args.listen, args.addresses, Path(args.logs))
    print(f"wrote listen.conf, upstreams.conf, routes.conf and logs.conf in {args.to}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command")
    parser.add_argument("--processes", type=int, default=2, help="planner processes (about one per core)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port (all addresses; default 8080)")
    parser.add_argument("--first-port", type=int, default=8601, help="the first planner's port (0: any free ports)")
    parser.add_argument("--run-dir", help="folder for nginx's configuration, pid, logs (default: a new temp folder)")
    parser.add_argument("--start-timeout", type=float, default=60.0, help="seconds to wait for the processes")
    parser.add_argument("--host", default="0.0.0.0", help="nginx's address (default: every address)")
    inc = sub.add_parser("includes", help="write nginx's listen, upstreams, routes and logs files")
    inc.add_argument("addresses", nargs="+", help="planner processes as HOST:PORT")
    inc.add_argument("--listen", action="append", default=None, help="nginx listen value (repeatable; default 80)")
    inc.add_argument("--to", default="deploy/nginx/planner", help="folder to write them in")
    inc.add_argument("--logs", default="/var/log/nginx", help="folder for the site's logs (default /var/log/nginx)")
    args = parser.parse_args(argv)
    if args.command == "includes":
        args.listen = args.listen or ["80"]
        return includes(args)
    return serve(args)


if __name__ == "__main__":
    sys.exit(main())
