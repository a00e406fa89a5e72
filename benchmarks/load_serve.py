"""Load test through the balancer: scripts/serve.sh with 1 and 2 replicas behind HAProxy.

Run: .venv/bin/python -m benchmarks.load_serve [--replicas 1,2] [--seconds 60] [--rounds 2]
The sessions of benchmarks/load_test.py (Streamlit's WebSocket protocol, random filter changes
and case cards), pointed at HAProxy's port instead of one server. Two parts:

- stress pace (0.2-1 s between interactions): 1 and 2 replicas run in alternation, round after
  round, so the noise of a shared machine hits both alike; throughput is reruns per second.
- reading pace (2-6 s): 30, 100 and 200 sessions on each replica count.

Both serve.sh instances run for the whole benchmark (an idle replica costs no CPU); each
replica is warmed first. Writes medians into benchmarks/RESULTS.md between the load-serve
markers. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.load_test import Tally, rss_mb, session
from benchmarks.results import write_section
from data.load import load_atlas_dir
from tests.e2e.serving import Served, start_serve

START, END = "<!-- load-serve:start -->", "<!-- load-serve:end -->"
STRESS = (0.2, 1.0)
READING = (2.0, 6.0)
Row = dict[str, float | int | str]
CPU_KEYS = ("replicas_cores", "haproxy_cores", "generator_cores", "cpu_ms_per_rerun", "load_average")


def replica_rss(served: Served) -> float:
    return sum(rss_mb(pid) for _, pid in served.replicas().values())


def cpu_s(pid: int) -> float:
    """User plus system CPU seconds a process has used, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def replicas_cpu_s(served: Served) -> float:
    return sum(cpu_s(pid) for _, pid in served.replicas().values())


async def measure(
    served: Served, sessions: int, seconds: float, think_s: tuple[float, float], case_ids: list[str]
) -> Row:
    """``sessions`` concurrent sessions for ``seconds`` through HAProxy."""
    url = served.url.replace("http", "ws") + "/_stcore/stream"
    tally = Tally()
    events = [asyncio.Event() for _ in range(sessions)]
    start, cpu_start, own_start = time.monotonic(), replicas_cpu_s(served), time.process_time()
    lb_start = cpu_s(served.haproxy_pid())
    await asyncio.gather(
        *(session(url, seconds, case_ids, i, tally, events[i], think_s) for i in range(sessions))
    )
    elapsed = time.monotonic() - start
    replicas_cpu = replicas_cpu_s(served) - cpu_start
    latencies = sorted(tally.latencies)
    return {
        "sessions": sessions,
        "interactions": len(latencies),
        "reruns_per_s": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000 if latencies else float("nan"),
        "p95_ms": latencies[int(0.95 * (len(latencies) - 1))] * 1000 if latencies else float("nan"),
        "errors": len(tally.errors),
        "first_error": tally.errors[0][:100] if tally.errors else "",
        "rss_mb": replica_rss(served),
        # How the two cores were shared during the run: replicas, HAProxy, this load generator.
        "replicas_cores": replicas_cpu / elapsed,
        "haproxy_cores": (cpu_s(served.haproxy_pid()) - lb_start) / elapsed,
        "generator_cores": (time.process_time() - own_start) / elapsed,
        "cpu_ms_per_rerun": replicas_cpu * 1000 / max(1, len(latencies)),
        "load_average": os.getloadavg()[0],
    }


async def warm(served: Served, replicas: int, case_ids: list[str]) -> None:
    """One short session per replica (HAProxy spreads them: leastconn), caches filled."""
    url = served.url.replace("http", "ws") + "/_stcore/stream"
    await asyncio.gather(
        *(session(url, 5, case_ids, 900 + i, Tally(), asyncio.Event()) for i in range(replicas))
    )


def median_row(rows: Sequence[Row]) -> Row:
    """Per-measure medians of repeated runs (errors summed)."""
    merged: Row = dict(rows[0])
    for key in ("interactions", "reruns_per_s", "p50_ms", "p95_ms", "rss_mb", *CPU_KEYS):
        merged[key] = statistics.median(float(r[key]) for r in rows)
    merged["errors"] = sum(int(r["errors"]) for r in rows)
    merged["first_error"] = next((str(r["first_error"]) for r in rows if r["first_error"]), "")
    merged["runs"] = len(rows)
    return merged


def table(title: str, rows: list[tuple[int, Row]]) -> list[str]:
    lines = [
        f"**{title}**",
        "",
        "| replicas | sessions | runs | reruns/s | p50 | p95 | errors | replicas' memory "
        "| CPU (cores): replicas / HAProxy / generator | replica CPU per rerun | load average |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for replicas, r in rows:
        lines.append(
            f"| {replicas} | {r['sessions']} | {r.get('runs', 1)} | {float(r['reruns_per_s']):.1f} "
            f"| {float(r['p50_ms']):.0f} ms | {float(r['p95_ms']):.0f} ms "
            f"| {r['errors']} {r['first_error']}".rstrip()
            + f" | {float(r['rss_mb']):.0f} MB "
            f"| {float(r['replicas_cores']):.2f} / {float(r['haproxy_cores']):.2f} "
            f"/ {float(r['generator_cores']):.2f} | {float(r['cpu_ms_per_rerun']):.0f} ms "
            f"| {float(r['load_average']):.1f} |"
        )
    return lines


def report(stress: list[tuple[int, Row]], reading: list[tuple[int, Row]], seconds: float, note: str) -> str:
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    by_count = {(replicas, r["sessions"]): float(r["reruns_per_s"]) for replicas, r in stress}
    ratios = [
        f"{sessions} sessions: {by_count[(2, sessions)] / by_count[(1, sessions)]:.2f}x"
        for (replicas, sessions) in by_count
        if replicas == 1 and (2, sessions) in by_count
    ]
    lines = [
        START,
        "## Through the load balancer (benchmarks/load_serve.py)",
        "",
        f"`scripts/serve.sh --replicas N` (HAProxy 2.6 from Debian, cookie affinity, leastconn) on "
        f"{machine}; the sessions of load_test.py, {seconds:.0f} s a run, connected to HAProxy's port. "
        "Latency is from the rerun request to Streamlit's 'script finished' message; reruns/s counts "
        "finished interactions of all sessions. The load generator (one Python process) runs on the "
        "same two cores as the replicas and HAProxy. " + note,
        "",
        *table("Stress pace (0.2-1 s between interactions), 1 and 2 replicas in alternation", stress),
        "",
        "Throughput of 2 replicas over 1 (medians): " + ("; ".join(ratios) or "not measured") + ".",
        "",
        *table("Reading pace (2-6 s between interactions)", reading),
        END,
    ]
    return "\n".join(lines)


async def run_all(args: argparse.Namespace) -> str:
    case_ids = list(load_atlas_dir().clusters["id"])
    counts = [int(n) for n in args.replicas.split(",")]
    servers = {n: start_serve(n) for n in counts}
    try:
        for n, served in servers.items():
            await warm(served, n, case_ids)
        stress: list[tuple[int, Row]] = []
        for sessions in [int(s) for s in args.stress.split(",") if s]:
            runs: dict[int, list[Row]] = {n: [] for n in counts}
            for round_index in range(args.rounds):
                order = counts if round_index % 2 == 0 else counts[::-1]
                for n in order:
                    row = await measure(servers[n], sessions, args.seconds, STRESS, case_ids)
                    print(f"stress n={n} s={sessions}: {row}", flush=True)
                    runs[n].append(row)
            stress += [(n, median_row(runs[n])) for n in counts]
        reading: list[tuple[int, Row]] = []
        for sessions in [int(s) for s in args.reading.split(",") if s]:
            for n in counts:
                row = await measure(servers[n], sessions, args.seconds, READING, case_ids)
                print(f"reading n={n} s={sessions}: {row}", flush=True)
                reading.append((n, row))
    finally:
        for served in servers.values():
            served.stop()
    return report(stress, reading, args.seconds, args.note)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicas", default="1,2", help="replica counts, e.g. 1,2,4")
    parser.add_argument("--stress", default="30,100", help="session counts at the stress pace")
    parser.add_argument("--reading", default="30,100,200", help="session counts at the reading pace")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds at the stress pace")
    parser.add_argument("--note", default="", help="a sentence on the machine's load during the run")
    arguments = parser.parse_args()
    section = asyncio.run(run_all(arguments))
    print(section)
    write_section(section, START, END)
