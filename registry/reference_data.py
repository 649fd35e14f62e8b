"""Loading the shipped reference lists (regions, KBLI) into the database, idempotently.

The CSV files live in `reference_data/` at the top of the project, copied from the shared data
set with their attribution (SOURCES.md). Codes are strings, parents come before children.
"""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from registry.constants import KBLI_2020
from registry.models import Kbli
from sentra_portal.models import Region

REFERENCE_DIR = Path(settings.BASE_DIR) / "reference_data"
REGION_FILES = ["wilayah_provinsi_kabkota.csv", "wilayah_63_kalsel.csv"]
KBLI_FILES = {KBLI_2020: "kbli2020_c.csv"}


def _read(name: str) -> list[dict]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_regions() -> int:
    rows = {row["code"]: row for name in REGION_FILES for row in _read(name)}
    # Codes sort parents first (63 < 63.71 < 63.71.03 < 63.71.03.1003); load by depth.
    for depth in range(1, 5):
        level_rows = [row for code, row in rows.items() if code.count(".") == depth - 1]
        Region.objects.bulk_create(
            [
                Region(
                    code=row["code"],
                    name=row["name"],
                    level=row["level"],
                    parent_id=row["parent_code"] or None,
                )
                for row in level_rows
            ],
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "level", "parent"],
        )
    return len(rows)


@transaction.atomic
def load_kbli() -> int:
    count = 0
    for version, name in KBLI_FILES.items():
        rows = _read(name)
        ids = dict(Kbli.objects.filter(version=version).values_list("code", "pk"))
        for depth in sorted({len(row["code"]) for row in rows}):
            created = Kbli.objects.bulk_create(
                [
                    Kbli(
                        version=version,
                        code=row["code"],
                        title=row["title"],
                        level=row["level"],
                        parent_id=ids.get(row["parent_code"]),
                    )
                    for row in rows
                    if len(row["code"]) == depth
                ],
                update_conflicts=True,
                unique_fields=["version", "code"],
                update_fields=["title", "level", "parent"],
            )
            ids.update({kbli.code: kbli.pk for kbli in created})
        count += len(rows)
    return count
