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
import threading
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
MEGABYTE = 1024 * 1024


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
    """Samples the resident memory (RSS) of each gunicorn worker in a thread, every
    `interval` seconds: the peak of any one worker over the whole run, and over a window
    (`start_window`, then `window_peak_mb`)."""

    def __init__(self, master_pid: int, interval: float = 0.02):
        self.master = psutil.Process(master_pid)
        self.interval = interval
        self.peak_bytes = 0
        self.window_peak_bytes = 0
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._sample_until_stopped, daemon=True)

    def __enter__(self) -> WorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stopped.set()
        self._thread.join()

    def _sample_until_stopped(self) -> None:
        while not self._stopped.wait(self.interval):
            largest = max(self._worker_sizes(), default=0)
            self.peak_bytes = max(self.peak_bytes, largest)
            self.window_peak_bytes = max(self.window_peak_bytes, largest)

    def _worker_sizes(self) -> list[int]:
        sizes = []
        for worker in self.master.children():
            try:
                sizes.append(worker.memory_info().rss)
            except psutil.NoSuchProcess:  # a worker restarted between the two calls
                continue
        return sizes

    def start_window(self) -> None:
        self.window_peak_bytes = 0

    @property
    def peak_mb(self) -> float:
        return round(self.peak_bytes / MEGABYTE, 1)

    @property
    def window_peak_mb(self) -> float:
        return round(self.window_peak_bytes / MEGABYTE, 1)
