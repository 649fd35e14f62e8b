"""The sentra coverage matrix: member IKMs × licence types, each cell the IKM's best standing.

Pure functions over licences already read (`licensing.selectors.sentra_member_licences`), so
the page reads a constant number of queries whatever the number of members. The columns group
the catalogue: one column per business-level and main per-product type, the business-level
intellectual property types (patent, simple patent, design, copyright, geographical
indication) together, so that the table stays readable on a phone.
"""

import datetime
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from licensing.constants import LicenceStatus
from licensing.standing import Standing, licence_standing

# Best first: a licence valid today, then one on its way, then the ones that ended.
STATUS_RANK = {
    LicenceStatus.ISSUED: 0,
    LicenceStatus.APPLIED: 1,
    LicenceStatus.PLANNED: 2,
    LicenceStatus.EXPIRED: 3,
    LicenceStatus.REVOKED: 4,
    LicenceStatus.REJECTED: 5,
    LicenceStatus.WITHDRAWN: 6,
}


def licence_rank(licence, today: datetime.date) -> tuple[int, float]:
    """Sort key, best first: by status on `today`; between two of the same status, the one
    valid longer (a licence that does not expire before all)."""
    until = licence.valid_until
    return (
        STATUS_RANK[licence.status_on(today)],
        -math.inf if until is None else -until.toordinal(),
    )


def best_licence(licences: Iterable, today: datetime.date):
    """The licence that says most for the IKM among `licences`, or None when there is none."""
    return min(licences, key=lambda licence: licence_rank(licence, today), default=None)


@dataclass(frozen=True)
class CoverageColumn:
    key: str
    label: str
    type_codes: tuple[str, ...]
    note: str = ""

    @property
    def is_group(self) -> bool:
        """Several types share the column: its cells name the type they show."""
        return len(self.type_codes) > 1

    @property
    def create_type(self) -> str:
        """The type to preselect when adding a licence from the column ("" for a group)."""
        return "" if self.is_group else self.type_codes[0]


COLUMNS: tuple[CoverageColumn, ...] = (
    CoverageColumn("nib", _("NIB"), ("nib",)),
    CoverageColumn("pirt", _("P-IRT"), ("pirt",)),
    CoverageColumn("bpom_md", _("BPOM MD"), ("bpom_md",)),
    CoverageColumn("halal", _("Halal"), ("halal",)),
    CoverageColumn("sni", _("SNI"), ("sni",)),
    CoverageColumn("tkdn", _("TKDN"), ("tkdn",)),
    CoverageColumn("merek", _("Trademark"), ("merek",)),
    CoverageColumn(
        "haki",
        _("Other HAKI"),
        ("paten", "paten_sederhana", "desain_industri", "hak_cipta", "indikasi_geografis"),
        _("patent, simple patent, industrial design, copyright and geographical indication."),
    ),
    CoverageColumn("e_katalog", _("e-Katalog"), ("e_katalog",)),
)


@dataclass(frozen=True)
class Cell:
    column: CoverageColumn
    licence: object  # the best Licence, or None
    standing: Standing | None
    status: str  # the best licence's status on the day ("" without one)
    count: int  # licences of the column's types the IKM has

    @property
    def held_validly(self) -> bool:
        return self.status == LicenceStatus.ISSUED

    @property
    def others(self) -> int:
        return max(self.count - 1, 0)


@dataclass(frozen=True)
class Row:
    ikm: object
    cells: list[Cell]
    may_edit: bool


@dataclass(frozen=True)
class Total:
    column: CoverageColumn
    valid: int


@dataclass(frozen=True)
class Matrix:
    columns: Sequence[CoverageColumn]
    rows: list[Row]
    totals: list[Total]

    @property
    def member_count(self) -> int:
        return len(self.rows)


def coverage_matrix(
    ikms: Sequence,
    licences: Iterable,
    today: datetime.date,
    *,
    editable_ids: frozenset[int] = frozenset(),
    columns: Sequence[CoverageColumn] = COLUMNS,
) -> Matrix:
    """One row per IKM of `ikms` (in their order), one cell per column.

    `licences` are those of these IKMs, annotated with `renewal_under_way` and `replaced`
    (`licensing.selectors.with_renewal_state`); `editable_ids`
    the IKMs the user may add licences to.
    """
    by_cell: dict[tuple[int, str], list] = defaultdict(list)
    column_of_type = {code: column for column in columns for code in column.type_codes}
    for licence in licences:
        column = column_of_type.get(licence.licence_type_id)
        # A licence whose renewal has been granted is history: its renewal speaks for it.
        if column is not None and not getattr(licence, "replaced", False):
            by_cell[licence.ikm_id, column.key].append(licence)
    rows = []
    valid = dict.fromkeys((column.key for column in columns), 0)
    for ikm in ikms:
        cells = []
        for column in columns:
            candidates = by_cell.get((ikm.pk, column.key), [])
            best = best_licence(candidates, today)
            standing, status = None, ""
            if best is not None:
                status = best.status_on(today)
                standing = licence_standing(
                    best, today, renewal_under_way=getattr(best, "renewal_under_way", False)
                )
            cell = Cell(
                column=column,
                licence=best,
                standing=standing,
                status=status,
                count=len(candidates),
            )
            valid[column.key] += cell.held_validly
            cells.append(cell)
        rows.append(Row(ikm=ikm, cells=cells, may_edit=ikm.pk in editable_ids))
    totals = [Total(column=column, valid=valid[column.key]) for column in columns]
    return Matrix(columns=columns, rows=rows, totals=totals)


def cell_text(cell: Cell) -> str:
    """A cell as the export writes it: the type for a grouped column, then the standing."""
    if cell.licence is None:
        return ""
    if cell.column.is_group:
        return f"{cell.licence.licence_type}: {cell.standing.label}"
    return cell.standing.label
