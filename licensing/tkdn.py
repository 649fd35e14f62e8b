"""TKDN rules for government procurement, in one place.

PP 29/2018 art. 61 and Perpres 16/2018 art. 66–67: a government buyer gives a price
preference to a domestic product with a TKDN of at least 25 %, and must buy domestic
products once one offers a TKDN plus BMP (bobot manfaat perusahaan) of at least 40 % — the
product it buys then needing a TKDN of at least 25 % itself.
"""

from decimal import Decimal

from licensing.constants import (
    TKDN_MANDATORY_MIN,
    TKDN_PLUS_BMP_MANDATORY_MIN,
    TKDN_PRICE_PREFERENCE_MIN,
)


def gets_price_preference(tkdn_percent: Decimal | None) -> bool:
    return tkdn_percent is not None and tkdn_percent >= TKDN_PRICE_PREFERENCE_MIN


def government_must_buy(tkdn_percent: Decimal | None, bmp_percent: Decimal | None) -> bool:
    if tkdn_percent is None:
        return False
    return (
        tkdn_percent >= TKDN_MANDATORY_MIN
        and tkdn_percent + (bmp_percent or Decimal(0)) >= TKDN_PLUS_BMP_MANDATORY_MIN
    )
