from django.core.management.base import BaseCommand

from licensing.catalogue import load_licence_types
from registry.reference_data import load_kbli, load_regions


class Command(BaseCommand):
    help = (
        "Load or refresh the shipped reference data (regions, KBLI, licence types). "
        "Safe to run again."
    )

    def handle(self, *args, **options):
        regions = load_regions()
        kbli = load_kbli()
        licence_types = load_licence_types()
        self.stdout.write(
            f"Reference data loaded: {regions} regions, {kbli} KBLI codes, "
            f"{licence_types} licence types."
        )
