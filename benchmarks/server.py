"""The portal as production runs it: gunicorn, 2 sync workers, production settings, on a free
port of 127.0.0.1; and a sampler of its workers' memory.

The settings are `benchmarks.settings` (the production settings plus the reference admin and the
query count) with DEBUG off; only the HTTPS redirect is off, as the benchmark speaks plain HTTP
on the loopback, and 127.0.0.1 is an allowed host.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
WORKERS = 2
# An export of 100,000 rows may stream for longer than gunicorn's default 30 s.
WORKER_TIMEOUT_SECONDS = 300
START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 15
KILOBYTE = 1024
MEGABYTE = 1024 * 1024
# Written to /proc/<pid>/clear_refs, resets the process's peak resident memory (VmHWM).
RESET_PEAK_RSS = "5"


class ServerStartError(Exception):
    pass


@dataclass(frozen=True)
class Server:
    port: int
    pid: int
    log_path: Path

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
    }


def _answers(port: int) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=5)
    try:
        connection.request("GET", "/akun/masuk/")
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _wait_until_answering(process: subprocess.Popen, port: int, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerStartError(f"gunicorn stopped at start:\n{_tail(log_path)}")
        if _answers(port):
            return
        time.sleep(0.2)
    raise ServerStartError(f"gunicorn did not answer within {START_TIMEOUT_SECONDS} s")


def _tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM lets gunicorn's master stop its workers; SIGKILL if it does not in time."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def gunicorn(database_url: str):
    """Start the portal, wait until it answers, yield it as a `Server`; stop it on the way
    out, also after an error. Its output goes to a log file (`Server.log_path`)."""
    port = _free_port()
    log_path = Path(tempfile.mkstemp(prefix="benchmark-gunicorn-", suffix=".log")[1])
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "sentra_portal.wsgi",
        f"--bind={HOST}:{port}",
        f"--workers={WORKERS}",
        "--worker-class=sync",
        f"--timeout={WORKER_TIMEOUT_SECONDS}",
        "--no-control-socket",  # one socket per user: two benchmarks at once would share it
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(  # noqa: S603 -- our own interpreter and fixed arguments
            command, cwd=ROOT, env=_environment(database_url), stdout=log, stderr=log
        )
    try:
        _wait_until_answering(process, port, log_path)
        yield Server(port=port, pid=process.pid, log_path=log_path)
    finally:
        _stop(process)


class WorkerMemory:
    """The peak resident memory (RSS) of the gunicorn workers, as the kernel keeps it (Linux's
    ``VmHWM`` in /proc/<pid>/status): the peak of any one worker over a window (`start_window`,
    which resets the kernel's figures, then `window_peak_mb`) and, once left, over the run
    (`peak_mb`).

    Exact, and nothing runs while the pages are timed. A thread sampling the workers every
    20 ms, as before, scanned /proc for them each time (2 ms here) inside the measuring
    process: it took the CPU and the interpreter's lock from the client timing the pages."""

    def __init__(self, master_pid: int):
        self.master = psutil.Process(master_pid)
        self._peak_before_window = 0
        self._run_peak = 0

    def __enter__(self) -> WorkerMemory:
        return self

    def __exit__(self, *exc_info) -> None:
        self._run_peak = max(self._peak_before_window, self._current_peak())

    def _workers(self) -> list[int]:
        return [worker.pid for worker in self.master.children()]

    def _current_peak(self) -> int:
        """The largest worker's peak since it started or since the last window began."""
        peaks = [0]
        for pid in self._workers():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except FileNotFoundError:  # a worker restarted between the two calls
                continue
            peak = next(line for line in status.splitlines() if line.startswith("VmHWM:"))
            peaks.append(int(peak.split()[1]) * KILOBYTE)
        return max(peaks)

    def start_window(self) -> None:
        self._peak_before_window = max(self._peak_before_window, self._current_peak())
        for pid in self._workers():
            Path(f"/proc/{pid}/clear_refs").write_text(RESET_PEAK_RSS)

    @property
    def window_peak_mb(self) -> float:
        return round(self._current_peak() / MEGABYTE, 1)

    @property
    def peak_mb(self) -> float:
        return round(self._run_peak / MEGABYTE, 1)
