"""Industry class and UMK scale at every boundary, in Python and in the database alike."""

import pytest

from registry.classification import industry_class, umk_scale
from registry.models import Ikm
from tests.factories import IkmFactory

BILLION = 1_000_000_000

INDUSTRY_CLASS_CASES = [
    # workers, investment, class
    (0, 0, "small"),
    (19, BILLION - 1, "small"),
    (19, BILLION, "medium"),
    (20, BILLION - 1, "medium"),
    (20, 15 * BILLION, "medium"),
    (19, 15 * BILLION + 1, "medium"),
    (20, 15 * BILLION + 1, "large"),
]

UMK_SCALE_CASES = [
    (0, "micro"),
    (BILLION - 1, "micro"),
    (BILLION, "micro"),
    (BILLION + 1, "small"),
    (5 * BILLION, "small"),
    (5 * BILLION + 1, "medium"),
    (10 * BILLION, "medium"),
    (10 * BILLION + 1, "large"),
]


@pytest.mark.parametrize(("workers", "investment", "expected"), INDUSTRY_CLASS_CASES)
def test_industry_class_by_permenperin_64_2016(workers, investment, expected):
    assert industry_class(workers=workers, investment=investment) == expected


@pytest.mark.parametrize(("investment", "expected"), UMK_SCALE_CASES)
def test_umk_scale_by_pp_7_2021(investment, expected):
    assert umk_scale(investment=investment) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("workers", "investment", "expected"), INDUSTRY_CLASS_CASES)
def test_the_database_derives_the_same_industry_class(workers, investment, expected):
    ikm = IkmFactory(
        workers_male=workers // 2, workers_female=workers - workers // 2, investment=investment
    )
    stored = Ikm.objects.values_list("workers_total", "industry_class").get(pk=ikm.pk)
    assert stored == (workers, expected)


@pytest.mark.django_db
@pytest.mark.parametrize(("investment", "expected"), UMK_SCALE_CASES)
def test_the_database_derives_the_same_umk_scale(investment, expected):
    ikm = IkmFactory(investment=investment)
    assert Ikm.objects.values_list("umk_scale", flat=True).get(pk=ikm.pk) == expected
