"""Fixtures of the browser tests: one Chromium for the module, the live server with demo data.

Where Chromium, the npm tools (`npm ci`) or Java are missing the tests are skipped with a loud
reason; under CI (CI=true) the same condition fails them, so a CI run cannot pass without them.
"""

import io
import os
import warnings

import pytest
from django.core.management import call_command
from django.db import connections

from tests.e2e.checkers import CHROMIUM, CHROMIUM_ARGS, missing_tools


@pytest.fixture(scope="session")
def browser_tools():
    missing = missing_tools()
    if missing:
        reason = "BROWSER TESTS SKIPPED: " + "; ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(reason.replace("SKIPPED", "CANNOT RUN UNDER CI"), pytrace=False)
        warnings.warn(reason, pytest.PytestWarning, stacklevel=1)  # in the summary without -rs
        pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(browser_tools):
    """One headless Chromium for the module; each test opens its own contexts.

    Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses ORM
    calls in a thread with a running loop. Those calls are the test's own, made between two
    Playwright calls, never concurrently with them: allow them while the browser is up.
    """
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def reference_data_restored(django_db_blocker):
    """Reload the reference data after the module.

    The live server needs a transactional test, whose end empties every table, reference data
    included, which tests/conftest.py loads once per session. This fixture is module-scoped, so
    its teardown runs after that flush.
    """
    yield
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())
        # Left open here, outside any test, this connection outlives the pool and the test
        # database cannot be dropped at the end of the session.
        connections.close_all()


@pytest.fixture
def demo_site(reference_data_restored, live_server, settings):
    """The live server's root URL, with the demo offices, accounts and sentras loaded.

    The live server serves static files from the finders (the source folders), which know no
    hashed manifest names: its pages link the plain names. The fast password hasher of tests
    saves a second per login (PBKDF2's million rounds).
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    quiet = io.StringIO()
    call_command("load_reference", stdout=quiet)  # another transactional test may have run first
    call_command("load_demo", stdout=quiet)
    return live_server.url
