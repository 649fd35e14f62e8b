import pytest
from django.core.cache import cache
from django.core.management import call_command

from sentra_portal import pagination
from sentra_portal.constants import Role
from tests.factories import OrganisationFactory, UserFactory


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The reference data (regions, KBLI) is loaded once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: a filter panel cached by an earlier test would
    offer that test's sentras (its rows are gone, the cached HTML is not)."""
    cache.clear()


@pytest.fixture(autouse=True)
def untimed_counts(monkeypatch):
    """A list's count is not cut short by its time limit in tests: on a loaded machine a count
    of four rows took over 5 ms, and the page said "± 15" where a test expected 4. The limit
    has its own test (`test_a_count_that_takes_too_long_gives_the_planners_estimate`)."""
    monkeypatch.setattr(pagination, "COUNT_TIME_LIMIT", "10s")


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploads of every test go to its own temporary folder, not the project's private media."""
    location = tmp_path / "private_media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": location}},
    }
    return location


@pytest.fixture
def banjarmasin():
    return OrganisationFactory()


@pytest.fixture
def banjarbaru():
    return OrganisationFactory(banjarbaru=True)


@pytest.fixture
def kalsel():
    return OrganisationFactory(province=True)


@pytest.fixture
def users(banjarmasin, banjarbaru, kalsel):
    """One account per role, plus an officer of the second city."""
    return {
        "administrator": UserFactory(
            username="admin", role=Role.ADMINISTRATOR, organisation=banjarmasin
        ),
        "supervisor": UserFactory(username="kabid", role=Role.SUPERVISOR, organisation=banjarmasin),
        "officer": UserFactory(username="petugas", role=Role.OFFICER, organisation=banjarmasin),
        "provincial_officer": UserFactory(
            username="provinsi", role=Role.PROVINCIAL_OFFICER, organisation=kalsel
        ),
        "ikm_owner": UserFactory(username="pemilik", owner=True),
        "other_city_officer": UserFactory(
            username="petugas.bjb", role=Role.OFFICER, organisation=banjarbaru
        ),
    }
