from django.core.management.base import BaseCommand

from registry.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create the demo offices, accounts and sentras (idempotent)."

    def handle(self, *args, **options):
        accounts = load_demo()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<18} {role}")
