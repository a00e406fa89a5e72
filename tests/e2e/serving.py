"""Start scripts/serve.sh on a free port and follow its output (the failover test, the benchmark)."""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.e2e.conftest import ARTIFACTS, ROOT, free_port

START_TIMEOUT_S = 120
REPLICA_LINE = re.compile(r"^\[serve\] replica (app\d+) on 127\.0\.0\.1:(\d+) \(pid (\d+)\)$")
HAPROXY_LINE = re.compile(r"^\[serve\] HAProxy \(pid (\d+)\)")


@dataclass
class Served:
    """A running serve.sh: its process, its port and what its output said so far."""

    process: subprocess.Popen[str]
    port: int
    lines: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def replicas(self) -> dict[str, tuple[int, int]]:
        """name -> (port, pid) of the replicas as last started."""
        found: dict[str, tuple[int, int]] = {}
        for line in list(self.lines):
            if match := REPLICA_LINE.match(line):
                found[match[1]] = (int(match[2]), int(match[3]))
        return found

    def haproxy_pid(self) -> int:
        return int(HAPROXY_LINE.match(self.lines[self.wait_for_line(HAPROXY_LINE.pattern)])[1])  # type: ignore[index]

    def wait_for_line(self, pattern: str, after: int = 0, timeout: float = START_TIMEOUT_S) -> int:
        """Index of the first output line from ``after`` on that matches ``pattern``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for index in range(after, len(self.lines)):
                if re.search(pattern, self.lines[index]):
                    return index
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(
            f"serve.sh never printed {pattern!r}; its output:\n" + "\n".join(self.lines[-40:])
        )

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, as Ctrl-C would; the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)


def _pump(process: subprocess.Popen[str], lines: list[str], log: Path) -> None:
    assert process.stdout is not None
    with log.open("w", encoding="utf-8") as out:
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            out.write(line)
            out.flush()


def start_serve(replicas: int, *extra: str) -> Served:
    """``bash scripts/serve.sh --replicas N`` on a free port, once it serves."""
    port = free_port()
    process = subprocess.Popen(
        ["bash", "scripts/serve.sh", "--replicas", str(replicas), "--port", str(port), "--no-setup", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own session: the test finds anything it leaves behind
    )
    started = Served(process, port)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / f"serve-{port}.log"
    threading.Thread(target=_pump, args=(process, started.lines, log), daemon=True).start()
    started.wait_for_line(r"^\[serve\] serving http://")
    return started
