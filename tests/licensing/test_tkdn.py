from decimal import Decimal

import pytest

from licensing.tkdn import gets_price_preference, government_must_buy


@pytest.mark.parametrize(
    ("tkdn", "expected"),
    [
        (Decimal("24.99"), False),
        (Decimal("25"), True),
        (Decimal("25.00"), True),
        (Decimal("80"), True),
        (None, False),
    ],
)
def test_price_preference_from_25_percent_tkdn(tkdn, expected):
    assert gets_price_preference(tkdn) is expected


@pytest.mark.parametrize(
    ("tkdn", "bmp", "expected"),
    [
        (Decimal("25"), Decimal("14.99"), False),  # 39.99 together
        (Decimal("25"), Decimal("15"), True),  # 40 together
        (Decimal("39.99"), Decimal("0"), False),
        (Decimal("40"), Decimal("0"), True),
        (Decimal("40"), None, True),
        (Decimal("24.99"), Decimal("15.01"), False),  # 40 together, but TKDN itself below 25
        (None, Decimal("15"), False),
    ],
)
def test_government_must_buy_from_40_percent_tkdn_plus_bmp(tkdn, bmp, expected):
    assert government_must_buy(tkdn, bmp) is expected
