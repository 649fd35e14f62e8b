import datetime

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploaded documents go to a temporary folder, not the project's private_media."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private_media"},
        },
    }
    return tmp_path / "private_media"


@pytest.fixture
def freeze_now(monkeypatch):
    """Freeze `timezone.now()` at an aware moment: `freeze_now(datetime)`."""

    def freeze(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze
