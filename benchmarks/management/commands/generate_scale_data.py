from django.core.management.base import BaseCommand, CommandError

from benchmarks.generator import RegistryNotEmptyError, Volumes, generate


class Command(BaseCommand):
    help = (
        "Fill an empty registry with synthetic data at national scale (scale 1: 1,000,000 "
        "IKMs, ~20,000 sentras, ~3,000,000 licences, 200,000 cases, 20,000 activities)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 is the full set.")
        parser.add_argument("--seed", type=int, default=2026, help="Same seed, same data.")

    def handle(self, *, scale, seed, **options):
        if scale <= 0:
            raise CommandError("--scale must be above 0.")
        volumes = Volumes.at(scale)
        self.stdout.write(
            f"Generating {volumes.ikms:,} IKMs, {volumes.cases:,} cases and "
            f"{volumes.activities:,} activities (seed {seed})."
        )
        try:
            counts = generate(scale=scale, seed=seed, report=self.stdout.write)
        except RegistryNotEmptyError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Done: {sum(counts.values()):,} rows."))
