import datetime

import pytest
from django.utils import timezone


@pytest.fixture
def freeze_now(monkeypatch):
    """Freeze `timezone.now()` at an aware moment: `freeze_now(datetime)`."""

    def freeze(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze
