"""Industry class (Permenperin 64/2016) and UMK scale (PP 7/2021): derived, never typed.

Each rule is written once as a database expression, so lists can filter and count by it at
any scale (the models store it in a generated column), and once as a Python function for
values not yet saved; tests hold the two to the same answer at every boundary.
"""

from django.db.models import Case, F, Value, When
from django.db.models.lookups import GreaterThan, LessThan, LessThanOrEqual

from registry.constants import (
    MEDIUM_INDUSTRY_MAX_INVESTMENT,
    MEDIUM_MAX_CAPITAL,
    MICRO_MAX_CAPITAL,
    SMALL_INDUSTRY_INVESTMENT_BELOW,
    SMALL_INDUSTRY_MAX_WORKERS,
    SMALL_MAX_CAPITAL,
    IndustryClass,
    UmkScale,
)


def industry_class(*, workers: int, investment: int) -> IndustryClass:
    """Small: ≤19 workers and investment below Rp1 billion; large: ≥20 workers and
    investment above Rp15 billion; medium: everything between."""
    if workers <= SMALL_INDUSTRY_MAX_WORKERS and investment < SMALL_INDUSTRY_INVESTMENT_BELOW:
        return IndustryClass.SMALL
    if workers > SMALL_INDUSTRY_MAX_WORKERS and investment > MEDIUM_INDUSTRY_MAX_INVESTMENT:
        return IndustryClass.LARGE
    return IndustryClass.MEDIUM


def umk_scale(*, investment: int) -> UmkScale:
    """Micro up to Rp1 billion, small up to Rp5 billion, medium up to Rp10 billion."""
    if investment <= MICRO_MAX_CAPITAL:
        return UmkScale.MICRO
    if investment <= SMALL_MAX_CAPITAL:
        return UmkScale.SMALL
    if investment <= MEDIUM_MAX_CAPITAL:
        return UmkScale.MEDIUM
    return UmkScale.LARGE


def industry_class_expression(workers=None, investment=None):
    """The same rule as `industry_class`, in SQL over a row's own columns."""
    workers = workers or (F("workers_male") + F("workers_female"))
    investment = investment or F("investment")
    return Case(
        When(
            LessThanOrEqual(workers, SMALL_INDUSTRY_MAX_WORKERS)
            & LessThan(investment, SMALL_INDUSTRY_INVESTMENT_BELOW),
            then=Value(IndustryClass.SMALL.value),
        ),
        When(
            GreaterThan(workers, SMALL_INDUSTRY_MAX_WORKERS)
            & GreaterThan(investment, MEDIUM_INDUSTRY_MAX_INVESTMENT),
            then=Value(IndustryClass.LARGE.value),
        ),
        default=Value(IndustryClass.MEDIUM.value),
    )


def umk_scale_expression(investment=None):
    """The same rule as `umk_scale`, in SQL."""
    investment = investment or F("investment")
    return Case(
        When(LessThanOrEqual(investment, MICRO_MAX_CAPITAL), then=Value(UmkScale.MICRO.value)),
        When(LessThanOrEqual(investment, SMALL_MAX_CAPITAL), then=Value(UmkScale.SMALL.value)),
        When(LessThanOrEqual(investment, MEDIUM_MAX_CAPITAL), then=Value(UmkScale.MEDIUM.value)),
        default=Value(UmkScale.LARGE.value),
    )
