"""scripts/serve.sh: two replicas behind HAProxy; a replica dies and its sessions come back.

One `serve.sh --replicas 2` for the module (free ports). The failover journey opens several
sessions on different views, kills the replica that owns the first one, and checks that every
session runs its page again on a live replica and shows the same view, URL unchanged, within
30 s; the killed replica is started again and rejoins. Then static files are cached, affinity
goes by cookie, and stopping serve.sh leaves no process and no port behind.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.helpers import APP_TIMEOUT_MS, assert_no_error, wait_for_app
from tests.e2e.serving import Served, start_serve

FAILOVER_TIMEOUT_S = 30  # the target: every session back on its view within 30 s
REJOIN_TIMEOUT_S = 60
DRAW_TIMEOUT_S = 20  # from the page's script run to its elements drawn, on a loaded machine
VIEWS = (
    "/?view=japan&sector=life-sciences",
    "/cases?area=maghreb&lang=fr",
    "/present?story=four-models&present=1&slide=3",
    "/?case=fr-genopole&lang=fr",
)

pytestmark = pytest.mark.skipif(
    shutil.which("haproxy") is None and not os.path.exists("/usr/sbin/haproxy") and os.geteuid() != 0,
    reason="no HAProxy and not root to install it: apt-get install haproxy",
)


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    started = start_serve(2, "--check-interval", "1")
    yield started
    try:
        started.stop()
    except subprocess.TimeoutExpired:
        os.killpg(started.process.pid, signal.SIGKILL)


def _srv(context: Any) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == "SRV")


def _finished_runs(page: Any) -> list[float]:
    """Record when each successful script run's 'finished' message reaches the page."""
    finished: list[float] = []

    def on_frame(payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg()
            message.ParseFromString(payload)
            if (
                message.WhichOneof("type") == "script_finished"
                and message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY
            ):
                finished.append(time.monotonic())

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return finished


def _settled_text(page: Any) -> str:
    """The main area's text once the page has finished drawing (the same in two reads 1 s apart)."""
    text, deadline = None, time.monotonic() + DRAW_TIMEOUT_S
    while time.monotonic() < deadline:
        page.wait_for_timeout(1000)
        text, previous = page.get_by_test_id("stMain").inner_text(), text
        if text == previous:
            return text
    raise AssertionError(f"{page.url} kept changing for {DRAW_TIMEOUT_S} s")


def test_sessions_of_a_killed_replica_come_back_to_their_view(served: Served, browser: Any) -> None:
    sessions = []
    for view in VIEWS:
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        sessions.append((view, context, page, _finished_runs(page)))
        page.goto(served.url + view)
    before = {}
    for view, context, page, _ in sessions:
        wait_for_app(page)
        assert_no_error(page)
        before[view] = (page.url, _settled_text(page), _srv(context))
    owners = {srv for _, _, srv in before.values()}
    assert owners == {"app1", "app2"}, f"sessions should be spread over both replicas: {before}"

    victim = before[VIEWS[0]][2]
    survivor = ({"app1", "app2"} - {victim}).pop()
    victim_port, victim_pid = served.replicas()[victim]
    mark = len(served.lines)
    killed_at = time.monotonic()
    os.kill(victim_pid, signal.SIGKILL)

    for view, context, page, finished in sessions:
        if before[view][2] != victim:
            continue
        # A new run of the page, on the live replica, with no click from the user.
        deadline = killed_at + FAILOVER_TIMEOUT_S
        while not any(t > killed_at for t in finished) and time.monotonic() < deadline:
            page.wait_for_timeout(200)  # Playwright delivers the frames while it waits
        back = [t - killed_at for t in finished if t > killed_at]
        assert back, f"{view}: no script run after the replica died"
        assert back[0] < FAILOVER_TIMEOUT_S
        print(f"{view}: run again on {survivor} {back[0]:.1f} s after {victim} was killed")
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=APP_TIMEOUT_MS
        )
        assert _srv(context) == survivor
        assert page.url == before[view][0], "the URL (the view) must survive the failover"
        # The same view drawn again: the main area reads as it did before the replica died.
        text_deadline = time.monotonic() + DRAW_TIMEOUT_S
        while (text := page.get_by_test_id("stMain").inner_text()) != before[view][1]:
            if time.monotonic() > text_deadline:
                (ARTIFACTS / "failover-before.txt").write_text(before[view][1], encoding="utf-8")
                (ARTIFACTS / "failover-after.txt").write_text(text, encoding="utf-8")
                page.screenshot(path=str(ARTIFACTS / "failover-after.png"), full_page=True)
                assert text == before[view][1]
            page.wait_for_timeout(250)
        assert_no_error(page)
    for view, context, page, _ in sessions:  # the survivor's own sessions were not disturbed
        if before[view][2] == survivor:
            assert page.url == before[view][0]
            assert_no_error(page)
        context.close()

    # serve.sh starts the dead replica again; HAProxy sees it healthy and sends traffic to it.
    served.wait_for_line(rf"^\[serve\] replica {victim} on 127\.0\.0\.1:{victim_port} ", after=mark)
    rejoin_deadline = time.monotonic() + REJOIN_TIMEOUT_S
    while _srv_set(_get(served.url + "/_stcore/health", f"SRV={victim}")) is not None:
        # HAProxy sends the victim's cookie elsewhere until the new replica passes its checks.
        assert time.monotonic() < rejoin_deadline, f"{victim} did not rejoin in {REJOIN_TIMEOUT_S} s"
        time.sleep(0.5)


def _srv_set(response: Any) -> str | None:
    """The replica HAProxy assigns in this response's SRV cookie, if it sets one."""
    for header in response.headers.get_all("Set-Cookie") or []:
        if match := re.match(r"SRV=(\w+);", header):
            return match[1]
    return None


def _get(url: str, cookie: str | None = None) -> Any:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()
        return response


def test_sessions_stick_to_their_replica_by_cookie(served: Served) -> None:
    assigned = _srv_set(_get(served.url + "/"))
    assert assigned in ("app1", "app2")
    # Fresh connections from the same address (one NAT): the cookie alone keeps the replica.
    for _ in range(6):
        assert _srv_set(_get(served.url + "/", f"SRV={assigned}")) is None
    # A cookie naming no replica is replaced by a live one's.
    assert _srv_set(_get(served.url + "/", "SRV=app9")) in ("app1", "app2")


def test_static_files_are_cached_by_the_balancer(served: Served) -> None:
    url = served.url + "/app/static/basemap-mercator.png"
    first = _get(url)
    assert first.headers["Cache-Control"] == "public, max-age=3600"
    assert _srv_set(first) is None  # any replica has them: no affinity needed
    second = _get(url)
    assert second.headers.get("Age") is not None  # served from HAProxy's cache, not from Python


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def _in_session(session_id: int) -> list[str]:
    """The processes of a session (zombies included), read from /proc: pid, state and name."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            name_part, rest = stat.read_text().rsplit(")", 1)
        except OSError:  # the process ended meanwhile
            continue
        fields = rest.split()  # state, ppid, pgrp, session, ...
        if int(fields[3]) == session_id:
            found.append(f"{stat.parent.name} {fields[0]} {name_part.split('(', 1)[1]}")
    return found


def test_stopping_leaves_no_process_and_no_port(served: Served) -> None:
    replicas = served.replicas()
    pids = [pid for _, pid in replicas.values()] + [served.haproxy_pid()]
    assert served.stop() == 0
    for pid in pids:
        assert not os.path.exists(f"/proc/{pid}"), f"process {pid} left running"
    for port in [served.port] + [port for port, _ in replicas.values()]:
        assert _port_free(port), f"port {port} still taken"
    leftover = _in_session(served.process.pid)
    assert not leftover, f"processes of serve.sh's session left: {leftover}"
