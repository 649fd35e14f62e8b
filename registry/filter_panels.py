"""The filter panels of the lists, kept rendered in Django's cache.

A panel offers the districts, villages and sentras of the user's area (hundreds of options
for a large city): reading and writing them took about a quarter of a list page's time. Its
HTML depends only on the user's role and area, the filters chosen, the language and those
choices, so the lists whose panel choices are regions, sentras and officers wrap it in
``{% cache 60 "…-filters" filterset.panel_cache_key LANGUAGE_CODE %}`` (60 seconds).

Any saved or deleted sentra, region or user (the case queue offers the office's officers; a
log-in, which only stamps the user's last login, does not count) changes the choices' version
once its transaction commits, so no panel shows a stale choice where the cache is shared (the
database, say: `CACHE_URL`, README "Configuration"); with the per-process default, another
worker may show the old choices for up to those 60 seconds.
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

CHOICES_VERSION_KEY = "registry:area-choices-version"


def choices_version() -> int:
    return cache.get_or_set(CHOICES_VERSION_KEY, time.time_ns, timeout=None)


def panel_cache_key(filterset) -> str:
    """What a filter panel's HTML depends on, besides the language: the choices' version, the
    user's role and area, and the value of every filter in the request but the search box."""
    data = filterset.data  # a QueryDict from a request; a plain dict when built otherwise

    def values(name: str) -> list:
        if hasattr(data, "getlist"):
            return data.getlist(name)
        return [data[name]] if name in data else []

    chosen = sorted((name, values(name)) for name in filterset.filters if name != "q")
    user = filterset.user
    parts = (choices_version(), user.role, user.organisation.region_id, chosen)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _choices_changed(update_fields=None, **_kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"last_login"}:
        return  # a log-in
    transaction.on_commit(lambda: cache.set(CHOICES_VERSION_KEY, time.time_ns(), timeout=None))


def watch_choices() -> None:
    """Connect the version to the models the panels offer (`RegistryConfig.ready`)."""
    from registry.models import Sentra
    from sentra_portal.models import Region, User

    for model in (Sentra, Region, User):
        post_save.connect(_choices_changed, sender=model, dispatch_uid=f"panel-{model.__name__}")
        post_delete.connect(_choices_changed, sender=model, dispatch_uid=f"panel-{model.__name__}")
