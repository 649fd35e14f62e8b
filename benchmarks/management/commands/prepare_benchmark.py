import psycopg
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from psycopg import sql

from registry.models import Ikm


class Command(BaseCommand):
    help = (
        "Make the database of DATABASE_URL ready for `manage.py benchmark`: create it if "
        "missing, migrate, load the reference data, collect the static files, and fill it with "
        "generate_scale_data while it holds no IKM (`make bench`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the full set.")
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same data.")

    def handle(self, *, scale, seed, **options):
        self._create_database()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_reference", stdout=self.stdout)
        call_command("collectstatic", interactive=False, verbosity=0)
        if Ikm.objects.exists():
            self.stdout.write("The database holds IKMs already: it is not filled again.")
            return
        call_command("generate_scale_data", scale=scale, seed=seed, stdout=self.stdout)

    def _create_database(self) -> None:
        """CREATE DATABASE, from the server's maintenance database, unless it exists."""
        params = connection.get_connection_params()
        name = params["dbname"]
        with psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True) as server:
            exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if exists.fetchone() is None:
                server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                self.stdout.write(f"Created the database {name}.")
