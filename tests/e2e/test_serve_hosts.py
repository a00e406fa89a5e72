"""serve.sh with replicas on other hosts: two network namespaces on this machine stand for them.

Each test host is a network namespace (`ip netns`) joined to this one by a veth pair, on a
private /30 of 10.213.0.0/16 that the test picks unused, creates and removes. Each runs one
Streamlit replica on its own address; `serve.sh --replicas 0 --server ADDR:PORT ...` balances
them. Needs root (CAP_NET_ADMIN): skipped otherwise, with the reason.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
import websockets

from benchmarks.load_test import run
from tests.e2e.conftest import ARTIFACTS, ROOT, STARTUP_TIMEOUT_S
from tests.e2e.serving import Served, start_serve

T = TypeVar("T")
REPLICA_PORT = 8501  # inside each namespace: a host of its own, nothing else listens there
FAILOVER_TIMEOUT_S = 30
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True, timeout=20)


def _netns_possible() -> str | None:
    """Why namespaces cannot be made here, or None when they can."""
    if os.geteuid() != 0:
        return "needs root (ip netns)"
    probe = f"atlasprobe{os.getpid()}"
    try:
        _ip("netns", "add", probe)
        _ip("netns", "del", probe)
    except (OSError, subprocess.SubprocessError) as error:
        return f"cannot create a network namespace here: {error}"
    return None


@dataclass
class Host:
    name: str  # the namespace
    outside: str  # this namespace's end of the veth pair
    address: str  # the replica's address and port inside the namespace
    process: subprocess.Popen[bytes] | None = None


def _free_subnets(count: int) -> list[int]:
    used = subprocess.run(["ip", "-o", "addr"], capture_output=True, text=True, check=True).stdout
    free = [n for n in range(1, 255) if f"10.213.{n}." not in used]
    return random.sample(free, count)


def _host(index: int, subnet: int) -> Host:
    tag = f"{os.getpid() % 100000}{index}"
    return Host(f"atlas{tag}", f"ath{tag}", f"10.213.{subnet}.2:{REPLICA_PORT}")


def _make(host: Host) -> None:
    """The namespace, its veth pair and both ends' addresses (host .1, namespace .2 of a /30)."""
    inside, subnet = "atn" + host.outside.removeprefix("ath"), host.address.rsplit(".", 1)[0]
    _ip("netns", "add", host.name)
    _ip("link", "add", host.outside, "type", "veth", "peer", "name", inside)
    _ip("link", "set", inside, "netns", host.name)
    _ip("addr", "add", f"{subnet}.1/30", "dev", host.outside)
    _ip("link", "set", host.outside, "up")
    _ip("netns", "exec", host.name, "ip", "addr", "add", f"{subnet}.2/30", "dev", inside)
    _ip("netns", "exec", host.name, "ip", "link", "set", inside, "up")
    _ip("netns", "exec", host.name, "ip", "link", "set", "lo", "up")


def _start_replica(host: Host) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = (ARTIFACTS / f"{host.name}.log").open("wb")
    ip_address = host.address.split(":")[0]
    host.process = subprocess.Popen(
        ["ip", "netns", "exec", host.name, sys.executable, "-m", "streamlit", "run", "dashboard.py",
         "--server.headless", "true", "--server.address", ip_address, "--server.port", str(REPLICA_PORT)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def _healthy(url: str) -> bool:
    try:
        with DIRECT.open(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _remove(host: Host) -> None:
    if host.process is not None and host.process.poll() is None:
        host.process.terminate()
        try:
            host.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            host.process.kill()
            host.process.wait()
    # The veth pair first: a deleted namespace releases its devices later, in the background.
    subprocess.run(["ip", "link", "del", host.outside], capture_output=True, timeout=20)
    subprocess.run(["ip", "netns", "del", host.name], capture_output=True, timeout=20)


def _left_behind(hosts: list[Host]) -> list[str]:
    listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout
    links = subprocess.run(["ip", "-o", "addr"], capture_output=True, text=True).stdout
    return [h.name for h in hosts if h.name in listed] + [
        h.outside for h in hosts if f" {h.outside} " in links
    ]


@pytest.fixture(scope="module")
def hosts() -> Iterator[list[Host]]:
    if reason := _netns_possible():
        pytest.skip(reason)
    made: list[Host] = []
    try:
        for index, subnet in enumerate(_free_subnets(2), start=1):
            made.append(_host(index, subnet))
            _make(made[-1])
        for host in made:
            _start_replica(host)
        deadline = time.monotonic() + STARTUP_TIMEOUT_S * 2
        while not all(_healthy(f"http://{host.address}") for host in made):
            assert time.monotonic() < deadline, "the replicas in the namespaces did not start"
            time.sleep(0.5)
        yield made
    finally:
        for host in made:
            _remove(host)
        deadline = time.monotonic() + 20
        while (left := _left_behind(made)) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not left, f"test hosts left behind: {left}"


@pytest.fixture(scope="module")
def balancer(hosts: list[Host]) -> Iterator[Served]:
    extra = [arg for host in hosts for arg in ("--server", host.address)]
    started = start_serve(0, *extra, "--check-interval", "1")
    yield started
    assert started.stop() == 0


def _srv_of(url: str, cookie: str | None = None) -> str | None:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with DIRECT.open(request, timeout=10) as response:
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            if header.startswith("SRV="):
                return str(header.split(";")[0].removeprefix("SRV="))
    return None


def _runtime_api(served: Served, command: str) -> str:
    """One command to HAProxy's runtime API, through the socket serve.sh printed."""
    line = served.lines[served.wait_for_line(r"^\[serve\] HAProxy's runtime API: ")]
    with socket.socket(socket.AF_UNIX) as sock:
        sock.connect(line.split(": ", 1)[1])
        sock.sendall(command.encode() + b"\n")
        return sock.makefile().read()


async def _script_run(url: str, server: str) -> str | None:
    """One run of the atlas through the balancer on ``server``'s cookie; its error, if any."""
    async with websockets.connect(
        url.replace("http", "ws") + "/_stcore/stream",
        subprotocols=[websockets.Subprotocol("streamlit")],
        additional_headers={"Cookie": f"SRV={server}"},
        max_size=None,
    ) as ws:
        return await run(ws, "area=japan&lang=fr")


def _run_apart(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine in a thread of its own: Playwright's sync API keeps an event loop running
    in the test thread once an earlier browser test has used it, and asyncio.run refuses to nest."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_replicas_on_two_hosts_are_balanced_and_fail_over(hosts: list[Host], balancer: Served) -> None:
    url = balancer.url
    assigned = {_srv_of(url + "/") for _ in range(6)}
    assert assigned == {"host1", "host2"}, f"fresh visitors should reach both hosts: {assigned}"
    for server in ("host1", "host2"):
        assert _run_apart(_script_run(url, server)) is None
        assert _srv_of(url + "/", f"SRV={server}") is None  # the cookie keeps the host

    # Draining host2 for an update (README): new visitors go to host1, host2 keeps its sessions.
    _runtime_api(balancer, "set server replicas/host2 state drain")
    assert {_srv_of(url + "/") for _ in range(4)} == {"host1"}
    assert _srv_of(url + "/", "SRV=host2") is None
    _runtime_api(balancer, "set server replicas/host2 state ready")

    first: Any = hosts[0].process
    first.kill()
    first.wait()
    deadline = time.monotonic() + FAILOVER_TIMEOUT_S
    while (moved := _srv_of(url + "/", "SRV=host1")) != "host2":
        assert time.monotonic() < deadline, f"host1's visitors were not moved to host2: {moved}"
        time.sleep(0.5)
    assert _run_apart(_script_run(url, "host1")) is None  # redispatched to host2, and it runs
