"""What is measured, started as a user starts it: uvicorn, one worker, in its own process.

The app runs with the command of `make run` on a fresh database: a new SQLite file, or a new
PostgreSQL database (created here, dropped afterwards) when DATABASE_URL names a server. The
reference endpoint (benchmarks/reference.py) runs the same way on another port.
"""

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from app.storage.database import scratch_postgres

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_kind(url: str | None) -> str:
    if url and make_url(url).get_backend_name() == "postgresql":
        return "postgresql"
    return "sqlite"


@contextmanager
def fresh_database(workdir: Path, url: str | None) -> Iterator[str]:
    """A database nobody used before: a SQLite file in workdir, or a new PostgreSQL database."""
    if database_kind(url) == "sqlite":
        yield f"sqlite:///{workdir / 'opdenksessie.db'}"
        return
    with scratch_postgres(url, "opd_bench") as scratch:
        yield scratch


def uvicorn_command(app: str, port: int) -> list[str]:
    """`make run`'s command line: one worker, the factory, proxy headers, default logging."""
    return [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--proxy-headers",
    ]


class Server:
    """One uvicorn process; its memory and CPU time are read from /proc."""

    def __init__(self, name: str, app: str, env: dict[str, str], log: Path) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.command = uvicorn_command(app, self.port)
        self.env = {**os.environ, **env}
        self.log = log
        self.process: subprocess.Popen | None = None
        self.prioritise = False  # raise its priority (see raise_priority) when it starts
        self.priority = 0

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 30.0) -> "Server":
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                self.command, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        if self.prioritise:
            self.priority = raise_priority(self.process.pid)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} stopped at start-up; see {self.log}")
            try:
                if httpx.get(f"{self.url}/health", timeout=1, trust_env=False).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"{self.name} did not become healthy; see {self.log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def memory_kb(self) -> dict[str, int]:
        """VmHWM (peak resident set since start) and VmRSS (now), in KiB."""
        figures = {}
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                name, _, rest = line.partition(":")
                if name in ("VmHWM", "VmRSS"):
                    figures[name] = int(rest.split()[0])
        return figures

    def cpu_seconds(self) -> float:
        return process_cpu_seconds(self.pid)


PRIORITY = -10  # nice value for the measured processes, where the system allows it


def raise_priority(pid: int = 0) -> int:
    """Give a measured process (0: this one) precedence over the machine's other work, so that
    a busy machine disturbs the figures less; returns the nice value it got. Best effort: it
    needs root (or CAP_SYS_NICE), and stays at its default otherwise."""
    with suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, pid, PRIORITY)
    return os.getpriority(os.PRIO_PROCESS, pid)


def process_cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def machine_busy_seconds() -> float:
    """CPU time all processes of the machine spent, summed over its cores."""
    with open("/proc/stat") as stat:
        fields = [int(v) for v in stat.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / CLOCK_TICKS


def app_server(database_url: str, workdir: Path) -> Server:
    env = {
        "DATABASE_URL": database_url,
        "OPD_DATA_DIR": str(workdir),
        "OPD_SECRET_KEY": secrets.token_urlsafe(24),
        "OPD_DEMO_SESSION": "false",
        # Hundreds of phones and tablets join from the one address of the driver.
        "OPD_JOINS_PER_MINUTE": "100000",
        "OPD_CODE_TRIES_PER_MINUTE": "100000",
    }
    return Server("app", "app.main:create_app", env, workdir / "app.log")


def reference_server(workdir: Path) -> Server:
    env = {"REFERENCE_DB": str(workdir / "reference.db")}
    return Server("reference", "benchmarks.reference:create_app", env, workdir / "reference.log")


def machine_info() -> dict:
    model = ""
    try:
        with open("/proc/cpuinfo") as info:
            model = next(
                (line.split(":", 1)[1].strip() for line in info if line.startswith("model name")),
                "",
            )
    except OSError:
        pass
    memory_kb = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "python": sys.version.split()[0],
        "kernel": os.uname().release,
        "load_average_at_start": os.getloadavg(),
    }
