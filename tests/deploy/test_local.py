"""deploy/: the nginx site parses with the includes deploy/local.py writes and with the examples an
administrator copies; the capacity benchmark's protocol-level students get answers through nginx."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest

from deploy.local import ROOT, SITE, find_nginx, write_includes, write_nginx_conf

NGINX = find_nginx()
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx not found (apt-get install nginx)")


def nginx_test(conf, tmp_path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-e", str(tmp_path / "error.log"), "-c", str(conf)], capture_output=True)


def test_includes_name_every_process_once_for_the_group_and_the_routes(tmp_path):
    write_includes(tmp_path, ["80", "[::]:80"], ["10.0.0.5:8601", "10.0.0.6:8601"], tmp_path / "logs")
    assert (tmp_path / "listen.conf").read_text() == "listen 80;\nlisten [::]:80;\n"
    assert (tmp_path / "upstreams.conf").read_text().splitlines() == [
        "server 10.0.0.5:8601 max_fails=1 fail_timeout=10s;",
        "server 10.0.0.6:8601 max_fails=1 fail_timeout=10s;",
    ]
    assert (tmp_path / "routes.conf").read_text().splitlines() == [
        '"10.0.0.5:8601" 10.0.0.5:8601;',
        '"10.0.0.6:8601" 10.0.0.6:8601;',
    ]


@needs_nginx
def test_nginx_accepts_the_site_as_deploy_local_writes_it(tmp_path):
    conf = write_nginx_conf(tmp_path, "127.0.0.1", 18080, ["127.0.0.1:8601", "127.0.0.1:8602"])
    result = nginx_test(conf, tmp_path)
    assert result.returncode == 0, result.stderr.decode()


@needs_nginx
def test_nginx_accepts_the_site_installed_the_debian_way_with_the_example_includes(tmp_path):
    """planner.conf in the http block, the example planner/*.conf beside nginx.conf (as in /etc/nginx)."""
    shutil.copytree(ROOT / "deploy" / "nginx" / "planner", tmp_path / "planner")
    (tmp_path / "planner" / "listen.conf").write_text("listen 127.0.0.1:18080;\n")  # -t runs without root
    logs = (tmp_path / "planner" / "logs.conf").read_text()
    assert "planner_route" in logs and " crit;" in logs  # no query strings, no request lines
    (tmp_path / "planner" / "logs.conf").write_text(logs.replace("/var/log/nginx", str(tmp_path)))
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{\n  client_body_temp_path {tmp_path}; proxy_temp_path {tmp_path};\n  include {SITE};\n}}\n"
    )
    result = nginx_test(conf, tmp_path)
    assert result.returncode == 0, result.stderr.decode()


@needs_nginx
def test_protocol_students_get_answers_through_nginx():
    from benchmarks.capacity import level, planners

    with planners(1) as state:
        pids = tuple(p["pid"] for p in state["planners"])
        # In a thread of its own: Playwright's sync API may already run an event loop in this one.
        with ThreadPoolExecutor(1) as pool:
            result = pool.submit(asyncio.run, level(state["url"], 2, 4, (0.3, 0.6), seed=3, pids=pids)).result()
    assert result["errors"] == 0
    assert result["actions"] >= 4 and result["p95_ms"] > 0 and result["planner_cpu_ms_per_action"] > 0
