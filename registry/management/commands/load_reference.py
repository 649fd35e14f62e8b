from django.core.management.base import BaseCommand

from registry.reference_data import load_kbli, load_regions


class Command(BaseCommand):
    help = "Load or refresh the shipped reference data (regions, KBLI). Safe to run again."

    def handle(self, *args, **options):
        regions = load_regions()
        kbli = load_kbli()
        self.stdout.write(f"Reference data loaded: {regions} regions, {kbli} KBLI codes.")
