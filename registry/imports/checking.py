"""Checking an import file row by row, and writing it once every row is right.

Every row is checked by the same rules as the registry's forms and services
(`services.ikm_check_imported`); what a row refers to — existing NIBs, KBLI codes, villages,
sentras — is fetched once for the whole file, so 10,000 rows cost a handful of queries.
"""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry import services
from registry.constants import KBLI_2020
from registry.imports.columns import COLUMNS, COLUMNS_BY_KEY, choice_values, normalise
from registry.imports.files import Sheet
from registry.models import Ikm, Kbli, Sentra
from sentra_portal.constants import RegionLevel
from sentra_portal.models import Region, User

NEW, UPDATE, SKIP, ERROR = "new", "update", "skip", "error"
ACTION_LABELS = {
    NEW: gettext_lazy("New"),
    UPDATE: gettext_lazy("Update"),
    SKIP: gettext_lazy("Skip"),
    ERROR: gettext_lazy("Error"),
}
TEXT_KEYS = ("name", "nib", "owner_name", "phone", "email", "address")
NUMBER_KEYS = ("founding_year", "workers_male", "workers_female", "investment", "production_value")
VILLAGE_CODE = re.compile(r"\d{2}\.\d{2}\.\d{2}\.\d{4}")
KBLI_CODE = re.compile(r"\d{5}")
KBLI_SEPARATORS = re.compile(r"[\s,;]+")
# 1.500.000 or 1,500,000: thousands grouped by dots or by commas, never a fraction.
GROUPED_DIGITS = re.compile(r"-?\d{1,3}([.,])\d{3}(?:\1\d{3})*")
COLUMN_ORDER = {"": -1} | {column.key: position for position, column in enumerate(COLUMNS)}
# The columns whose values are looked up in the database, all at once.
LOOKUP_KEYS = ("nib", "primary_kbli", "other_kbli", "kelurahan")


@dataclass
class RowError:
    column: str  # the column key; "" for the row as a whole
    message: str
    code: str = ""

    @property
    def column_label(self) -> str:
        column = COLUMNS_BY_KEY.get(self.column)
        return str(column.label) if column else ""


@dataclass
class Row:
    line: int
    values: dict[str, str]
    ikm: Ikm = field(default_factory=Ikm)
    other_kbli: list[Kbli] | None = None  # None: leave an existing record's codes alone
    existing: bool = False  # its NIB is registered in the user's city
    update: bool = False  # the user's choice for an existing record
    errors: list[RowError] = field(default_factory=list)

    @property
    def action(self) -> str:
        if self.errors:
            return ERROR
        if self.existing:
            return UPDATE if self.update else SKIP
        return NEW

    @property
    def action_label(self) -> str:
        return ACTION_LABELS[self.action]

    def add_error(self, column: str, message: str, code: str = "") -> None:
        self.errors.append(RowError(column, str(message), code))


@dataclass
class Preview:
    sheet: Sheet
    rows: list[Row]

    @cached_property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.action for row in self.rows)
        return {action: counted[action] for action in ACTION_LABELS}

    @property
    def has_errors(self) -> bool:
        return self.counts[ERROR] > 0

    @property
    def existing_rows(self) -> list[Row]:
        return [row for row in self.rows if row.existing and not row.errors]

    @cached_property
    def plan(self) -> str:
        """A fingerprint of the registered records the rows meet, to notice them changing
        between the preview and the confirmation."""
        digest = hashlib.sha256()
        for row in self.rows:
            version = row.ikm.version if row.existing else 0
            digest.update(f"{row.line}:{row.existing}:{version};".encode())
        return digest.hexdigest()[:20]


@dataclass
class Outcome:
    preview: Preview
    committed: bool
    created: list[Ikm] = field(default_factory=list)
    updated: list[Ikm] = field(default_factory=list)
    changed: bool = False  # the registry changed since the preview


class Lookups:
    """What the rows of one file refer to, fetched with one query per kind."""

    def __init__(self, actor: User, rows: list[tuple[int, dict[str, str]]]):
        city = actor.organisation.region
        cells = {key: {values.get(key, "") for _line, values in rows} - {""} for key in LOOKUP_KEYS}
        nibs = cells["nib"]
        self.editable = {
            ikm.nib: ikm
            for ikm in Ikm.objects.editable_by(actor)
            .filter(nib__in=nibs)
            .select_related("kelurahan", "sentra")
        }
        self.elsewhere = set(
            Ikm.objects.filter(nib__in=nibs - self.editable.keys()).values_list("nib", flat=True)
        )
        codes = set(cells["primary_kbli"])
        for text in cells["other_kbli"]:
            codes.update(KBLI_SEPARATORS.split(text))
        self.kbli = {
            kbli.code: kbli for kbli in Kbli.objects.filter(version=KBLI_2020, code__in=codes)
        }
        village_codes = {text for text in cells["kelurahan"] if VILLAGE_CODE.fullmatch(text)}
        self.villages = {
            region.code: region for region in Region.objects.filter(code__in=village_codes)
        }
        self.village_names: dict[str, list[Region]] = {}
        city_villages = Region.objects.filter(
            level=RegionLevel.VILLAGE, code__startswith=f"{city.code}."
        )
        for region in city_villages:
            self.village_names.setdefault(normalise(region.name), []).append(region)
        self.sentras = {
            normalise(sentra.name): sentra for sentra in Sentra.objects.editable_by(actor)
        }
        self.choices = choice_values()

    def value(self, key: str, text: str):
        """The value a cell stands for; ValidationError when there is none."""
        if key in TEXT_KEYS:
            return text
        if key in self.choices:
            # An unknown choice stays as written, for the model's validation to name it.
            return self.choices[key].get(normalise(text), text)
        if key in NUMBER_KEYS:
            return whole_number(text)
        if key == "other_kbli":
            return [self.kbli_code(code) for code in KBLI_SEPARATORS.split(text) if code]
        readers = {"kelurahan": self.village, "sentra": self.sentra, "primary_kbli": self.kbli_code}
        return readers[key](text)

    def village(self, text: str) -> Region:
        if VILLAGE_CODE.fullmatch(text):
            region = self.villages.get(text)
            if region is None:
                raise ValidationError(_("No village has the code %s.") % text, code="unknown")
            return region
        matches = self.village_names.get(normalise(text), [])
        if not matches:
            raise ValidationError(_("Your city has no village named “%s”.") % text, code="unknown")
        if len(matches) > 1:
            raise ValidationError(
                _("Several villages are named “%s”: write its code instead.") % text,
                code="ambiguous",
            )
        return matches[0]

    def sentra(self, text: str) -> Sentra:
        sentra = self.sentras.get(normalise(text))
        if sentra is None:
            raise ValidationError(_("Your city has no sentra named “%s”.") % text, code="unknown")
        return sentra

    def kbli_code(self, text: str) -> Kbli:
        if not KBLI_CODE.fullmatch(text):
            raise ValidationError(_("A KBLI code has 5 digits: %s.") % text, code="invalid")
        kbli = self.kbli.get(text)
        if kbli is None:
            raise ValidationError(_("%s is not a KBLI 2020 code.") % text, code="unknown")
        return kbli


def whole_number(text: str) -> int:
    """12, -3, 1.500.000, 1,500,000 or Rp 1.500.000 as an int; ValidationError otherwise."""
    text = re.sub(r"^rp\.?", "", text.strip(), flags=re.IGNORECASE).replace(" ", "")
    if GROUPED_DIGITS.fullmatch(text):
        text = re.sub(r"[.,]", "", text)
    try:
        return int(text)
    except ValueError:
        raise ValidationError(
            forms.IntegerField.default_error_messages["invalid"], code="invalid"
        ) from None


def _fill(row: Row, lookups: Lookups) -> None:
    """Set the row's IKM from its cells; a cell that cannot be read becomes an error."""
    for key, text in row.values.items():
        if not text:
            continue  # an empty cell keeps the current (or the default) value
        try:
            value = lookups.value(key, text)
        except ValidationError as error:
            row.add_error(key, error.message, error.code)
        else:
            if key == "other_kbli":
                row.other_kbli = value
            else:
                setattr(row.ikm, key, value)


def _check_row(
    row: Row, actor: User, lookups: Lookups, repeated: dict[str, list[int]], validate: bool
) -> None:
    nib = row.values.get("nib", "")
    if nib in repeated:
        row.add_error(
            "nib",
            _("This NIB appears more than once in the file (rows %s).")
            % ", ".join(map(str, repeated[nib])),
            "duplicate",
        )
    elif nib in lookups.elsewhere:
        row.add_error(
            "nib",
            _("This NIB is registered in another city and cannot be imported here."),
            "registered_elsewhere",
        )
    elif nib in lookups.editable:
        row.ikm = lookups.editable[nib]
        row.existing = True
    _fill(row, lookups)
    if not validate:
        return
    try:
        services.ikm_check_imported(actor=actor, ikm=row.ikm)
    except ValidationError as error:
        unreadable = {problem.column for problem in row.errors}
        for key, messages in error.message_dict.items():
            if key not in unreadable:
                for message in messages:
                    row.add_error(key if key != "__all__" else "", message)


def check(
    *,
    actor: User,
    sheet: Sheet,
    update_all: bool = False,
    choices: dict[int, bool] | None = None,
    validate: bool = True,
) -> Preview:
    """Every row with its errors and what confirming would do with it. Writes nothing.

    A row whose NIB is registered in the user's city is updated or skipped as `choices`
    says for its line, else as `update_all` says. Without `validate`, only the cells are
    read and looked up; the model's rules are left to the service that writes them.
    """
    lookups = Lookups(actor, sheet.rows)
    lines_by_nib: dict[str, list[int]] = {}
    for line, values in sheet.rows:
        if values.get("nib"):
            lines_by_nib.setdefault(values["nib"], []).append(line)
    repeated = {nib: lines for nib, lines in lines_by_nib.items() if len(lines) > 1}
    choices = choices or {}
    rows = []
    for line, values in sheet.rows:
        row = Row(line=line, values=values)
        _check_row(row, actor, lookups, repeated, validate)
        row.errors.sort(key=lambda error: COLUMN_ORDER.get(error.column, len(COLUMNS)))
        row.update = choices.get(line, update_all)
        rows.append(row)
    return Preview(sheet=sheet, rows=rows)


def commit(
    *,
    actor: User,
    sheet: Sheet,
    plan: str,
    update_all: bool = False,
    choices: dict[int, bool] | None = None,
) -> Outcome:
    """Read the file again and, if the registered records it meets are as in the preview the
    user saw (`plan`), write it all in one transaction: the service validates every row.
    Any error writes nothing and gives the preview, with every row's errors, back."""
    options = {"actor": actor, "sheet": sheet, "update_all": update_all, "choices": choices}
    try:
        with transaction.atomic():
            rows = check(**options, validate=False)
            if not rows.has_errors and rows.plan == plan:
                created, updated = services.ikm_import(
                    actor=actor,
                    new=[(row.ikm, row.other_kbli) for row in rows.rows if row.action == NEW],
                    updated=[
                        (row.ikm, row.other_kbli) for row in rows.rows if row.action == UPDATE
                    ],
                )
                return Outcome(rows, committed=True, created=created, updated=updated)
    except (IntegrityError, ValidationError):
        # A row breaks a rule, or someone registered one of these NIBs or saved one of these
        # IKMs meanwhile: the preview below says which.
        pass
    preview = check(**options)
    return Outcome(preview, committed=False, changed=preview.plan != plan)
