from django.core.management.base import BaseCommand
from django.db import transaction

from guidance.demo import load_activity_demo, load_case_demo
from guidance.summaries import city_summaries_count
from licensing.demo import load_licence_demo
from licensing.demo_letters import letterhead_demo
from registry.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Create the demo offices, accounts, sentras, IKMs, their licences, guidance cases "
        "and activities, and the office's letterhead (idempotent)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        accounts = load_demo()
        licences = load_licence_demo()
        letterhead_demo()
        cases = load_case_demo()
        activities = load_activity_demo()
        city_summaries_count()  # the province dashboard's figures, before the worker's first count
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for username, role in accounts:
            self.stdout.write(f"  {username:<18} {role}")
        self.stdout.write(
            f"Demo licences recorded now: {licences}; cases opened now: {cases}; "
            f"activities recorded now: {activities}."
        )
