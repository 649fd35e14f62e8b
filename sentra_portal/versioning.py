"""Optimistic locking: a save succeeds only on the version the user started from."""

from django.db.models import F, Model

from sentra_portal.errors import EditConflict


def save_versioned(instance: Model, *, expected_version: int, fields: list[str]) -> None:
    """Write `fields` of `instance` if its row is still at `expected_version`; bump it.

    Raises EditConflict, carrying the row as it is now, when someone saved in between.
    """
    model = type(instance)
    values = {name: getattr(instance, name) for name in fields}
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **values, version=F("version") + 1
    )
    if not updated:
        raise EditConflict(current=model._default_manager.get(pk=instance.pk))
    instance.version = expected_version + 1
