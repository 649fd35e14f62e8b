"""The import template: the header row people fill in, as XLSX (with instructions) or CSV."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from registry.imports.columns import COLUMNS

# Typed as text, so that a spreadsheet keeps leading zeros and does not round long numbers.
TEXT_COLUMNS = {"nib", "phone", "kelurahan", "primary_kbli", "other_kbli"}


def header() -> list[str]:
    return [str(column.label) for column in COLUMNS]


def template_xlsx() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("IKM")
    sheet.append(header())
    sheet.freeze_panes = "A2"
    for position, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(position)
        sheet[f"{letter}1"].font = Font(bold=True)
        sheet.column_dimensions[letter].width = max(14, len(str(column.label)) + 2)
        if column.key in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
    guide = workbook.create_sheet(_("Instructions"))
    guide.append([_("Column"), _("Required"), _("What to write")])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guide.append([str(column.label), _("yes") if column.required else "", str(column.help)])
    guide.column_dimensions["A"].width = 32
    guide.column_dimensions["C"].width = 64
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def template_csv() -> bytes:
    output = io.StringIO()
    csv.writer(output).writerow(header())
    # With a byte-order mark, so that Excel opens it as UTF-8.
    return output.getvalue().encode("utf-8-sig")
