from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from benchmarks.cases import MissingDataError
from benchmarks.client import LoginError
from benchmarks.imports import IMPORT_ROWS, ImportFailedError
from benchmarks.runner import DEFAULT_OUTPUT, NotReadyError, Options, run
from benchmarks.server import ServerStartError


class Command(BaseCommand):
    help = (
        "Serve the portal under gunicorn with production settings and measure every list, "
        "record page, dashboard and the large export over HTTP, beside the bare SQL and the "
        "stock admin (benchmarks/runner.py). Needs the data of generate_scale_data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--requests", type=int, default=30, help="Measured requests per page (30)."
        )
        parser.add_argument(
            "--warmup",
            type=int,
            default=Options.warmup,
            help=f"Unmeasured requests per page first, the admin's too ({Options.warmup}).",
        )
        parser.add_argument(
            "--admin-requests",
            type=int,
            default=10,
            help="Measured requests of each stock-admin reference page, after the warm-up (10).",
        )
        parser.add_argument(
            "--export-requests",
            type=int,
            default=5,
            help="Measured requests of the large export, after one unmeasured (5).",
        )
        parser.add_argument(
            "--throughput-seconds", type=int, default=10, help="How long wrk runs (10)."
        )
        parser.add_argument(
            "--import-rows",
            type=int,
            default=IMPORT_ROWS,
            help=f"Rows of the timed IKM import ({IMPORT_ROWS:,}).",
        )
        parser.add_argument(
            "--output", type=Path, default=DEFAULT_OUTPUT, help=f"JSON file ({DEFAULT_OUTPUT})."
        )

    def handle(
        self,
        *,
        requests,
        warmup,
        admin_requests,
        export_requests,
        throughput_seconds,
        import_rows,
        output,
        **_,
    ):
        counts = (requests, admin_requests, export_requests, throughput_seconds, import_rows)
        if min(counts) < 1 or warmup < 0:
            raise CommandError(
                "--requests, --admin-requests, --export-requests, --throughput-seconds and "
                "--import-rows must be 1 or more."
            )
        options = Options(
            requests=requests,
            warmup=warmup,
            admin_requests=admin_requests,
            export_requests=export_requests,
            throughput_seconds=throughput_seconds,
            import_rows=import_rows,
            output=output,
        )
        try:
            benchmark = run(options, write=self.stdout.write)
        except (
            MissingDataError,
            NotReadyError,
            LoginError,
            ServerStartError,
            ImportFailedError,
        ) as error:
            raise CommandError(str(error)) from error
        if benchmark["failures"]:
            raise CommandError(
                "Not every request answered 200:\n" + "\n".join(benchmark["failures"])
            )
