"""Load test: concurrent sessions on one server on loopback, changing filters and opening cards.

Run: .venv/bin/python -m benchmarks.load_test [--sessions 30] [--seconds 60]
It speaks Streamlit's own WebSocket protocol (as a browser does, without drawing), reports
p50/p95 interaction latency, errors and server memory growth per session, and writes them
into benchmarks/RESULTS.md between the load-test markers. Traffic goes to 127.0.0.1 only.

Three runs, one server each: the atlas with sessions that pause 0.2-1 s between interactions
(a stress pace, far faster than people read a card), the floor twin (a bare page with a
one-point map: what any Streamlit rerun costs on this machine) at the same pace, and the atlas
at a reading pace of 2-6 s between interactions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.results import write_section
from data.load import load_atlas_dir
from data.vocab import AREAS, POLICY_TYPES, SECTORS
from tests.e2e.conftest import start_server

START, END = "<!-- load-test:start -->", "<!-- load-test:end -->"
SEED = 7
RUN_TIMEOUT_S = 60.0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def actions(case_ids: list[str], rng: random.Random) -> str:
    """A random interaction as the query string it leads to: a filter change or an open card."""
    choice = rng.random()
    if choice < 0.35:
        return f"area={rng.choice(AREAS)}&sector={rng.choice(SECTORS)}"
    if choice < 0.6:
        return f"policy={rng.choice(POLICY_TYPES)}&view={rng.choice(['world', 'europe', 'japan'])}"
    if choice < 0.9:
        return f"case={rng.choice(case_ids)}"
    return f"mode=regions&area={rng.choice(AREAS)}"


async def run(ws: websockets.ClientConnection, query: str) -> str | None:
    """Ask for a rerun with this query string; wait for it to finish; the error text, if any."""
    message = BackMsg()
    message.rerun_script.query_string = query
    message.rerun_script.page_script_hash = ""
    await ws.send(message.SerializeToString())
    error = None
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(ws.recv(), RUN_TIMEOUT_S))
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.new_element.WhichOneof("type") == "exception":
            error = forward.delta.new_element.exception.message or "exception"
        if kind == "script_finished":
            if forward.script_finished not in (
                ForwardMsg.FINISHED_SUCCESSFULLY,
                ForwardMsg.FINISHED_EARLY_FOR_RERUN,
            ):
                error = error or f"script finished with status {forward.script_finished}"
            return error


@dataclass(frozen=True)
class Run:
    """One load-test configuration: which page, and how long sessions pause between interactions."""

    label: str
    script: str
    think_s: tuple[float, float]


RUNS: tuple[Run, ...] = (
    Run("atlas, stress pace (0.2-1 s)", "dashboard.py", (0.2, 1.0)),
    Run("floor, stress pace (0.2-1 s)", "benchmarks/twins/floor_app.py", (0.2, 1.0)),
    Run("atlas, reading pace (2-6 s)", "dashboard.py", (2.0, 6.0)),
)


async def session(
    url: str,
    seconds: float,
    case_ids: list[str],
    index: int,
    tally: Tally,
    ready: asyncio.Event,
    think_s: tuple[float, float] = RUNS[0].think_s,
) -> None:
    rng = random.Random(SEED + index)
    try:
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None) as ws:
            await run(ws, "")
            ready.set()
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                start = time.perf_counter()
                error = await run(ws, actions(case_ids, rng))
                tally.latencies.append(time.perf_counter() - start)
                if error:
                    tally.errors.append(error)
                await asyncio.sleep(rng.uniform(*think_s))  # a person reads before clicking again
    except Exception as error:  # a dropped connection is an error of the run, not of the tool
        tally.errors.append(f"{type(error).__name__}: {error}")


async def main(sessions: int, seconds: float, run: Run) -> dict[str, float | int | str]:
    case_ids = list(load_atlas_dir().clusters["id"])
    server = start_server(script=run.script)
    try:
        url = server.url.replace("http", "ws") + "/_stcore/stream"
        warm = Tally()
        await session(url, 3, case_ids, 999, warm, asyncio.Event())  # caches filled once, as in production
        baseline = rss_mb(server.process.pid)
        tally = Tally()
        events = [asyncio.Event() for _ in range(sessions)]
        tasks = [
            asyncio.create_task(session(url, seconds, case_ids, i, tally, events[i], run.think_s))
            for i in range(sessions)
        ]
        await asyncio.gather(*tasks)
        peak = rss_mb(server.process.pid)
    finally:
        server.process.terminate()
    latencies = sorted(tally.latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    return {
        "run": run.label,
        "sessions": sessions,
        "seconds": seconds,
        "interactions": len(latencies),
        "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95_ms": p95 * 1000,
        "errors": len(tally.errors),
        "first_error": tally.errors[0][:120] if tally.errors else "",
        "rss_baseline_mb": baseline,
        "rss_after_mb": peak,
        "mb_per_session": (peak - baseline) / sessions,
    }


def report(results: list[dict[str, float | int | str]]) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    first = results[0]
    rows = [
        ("interactions", lambda r: f"{r['interactions']}", "-"),
        ("p50 latency", lambda r: f"{r['p50_ms']:.0f} ms", "-"),
        ("p95 latency", lambda r: f"{r['p95_ms']:.0f} ms", "under 1000 ms"),
        ("errors", lambda r: f"{r['errors']} {r['first_error']}".strip(), "0"),
        (
            "server memory",
            lambda r: f"{r['rss_baseline_mb']:.0f} MB warm, {r['rss_after_mb']:.0f} MB after",
            "-",
        ),
        ("memory per extra session", lambda r: f"{r['mb_per_session']:.1f} MB", "under 30 MB"),
    ]
    lines = [
        START,
        "## Load test (benchmarks/load_test.py)",
        "",
        f"{first['sessions']} concurrent sessions for {first['seconds']:.0f} s against one server on "
        f"loopback ({machine}), one server per column; each session changes filters, switches views "
        "and opens case cards through Streamlit's WebSocket protocol. Latency is from the rerun "
        "request to the server's 'script finished' message. The floor is a bare page with a "
        "one-point map (benchmarks/twins/floor_app.py): what any Streamlit rerun costs here.",
        "",
        "| measure | " + " | ".join(str(r["run"]) for r in results) + " | target |",
        "|---|" + "---|" * len(results) + "---|",
    ]
    for name, cell, target in rows:
        lines.append(f"| {name} | " + " | ".join(cell(r) for r in results) + f" | {target} |")
    lines.append(END)
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60)
    arguments = parser.parse_args()
    outcomes = [asyncio.run(main(arguments.sessions, arguments.seconds, run)) for run in RUNS]
    section = report(outcomes)
    print(section)
    write_section(section, START, END)
