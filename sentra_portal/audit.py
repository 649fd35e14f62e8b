"""The history of a record, read from the events that django-pghistory's triggers write.

Every tracked model gets its history from PostgreSQL triggers, so bulk updates and imports
cannot skip it. Services name the acting user with `pghistory.context(user=...)` (the
middleware does the same for web requests); this module turns the events into rows for the
history panel: when, who, what happened, and each changed field before and after.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from pghistory.models import Events

LABELS = {"insert": _("Created"), "update": _("Changed"), "delete": _("Deleted")}
HIDDEN_FIELDS = {"version", "updated_at", "created_at"}


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    changes: list = field(default_factory=list)


def history_for(obj, *, limit: int = 50) -> list[HistoryEntry]:
    """The newest `limit` changes of `obj`, with the acting user resolved in one query."""
    # One transaction stamps its events with one time; the event id breaks the tie.
    events = list(Events.objects.tracks(obj).order_by("-pgh_created_at", "-pgh_id")[:limit])
    user_ids = {(event.pgh_context or {}).get("user") for event in events} - {None}
    users = get_user_model().objects.in_bulk(user_ids)
    model_fields = {f.attname: f for f in obj._meta.concrete_fields}
    entries = []
    for event in events:
        user_id = (event.pgh_context or {}).get("user")
        changes = [
            (_field_label(model_fields, name), before, after)
            for name, (before, after) in sorted((event.pgh_diff or {}).items())
            if name not in HIDDEN_FIELDS
        ]
        entries.append(
            HistoryEntry(
                when=event.pgh_created_at,
                who=users.get(user_id),
                action=LABELS.get(event.pgh_label, event.pgh_label),
                changes=changes,
            )
        )
    return entries


def _field_label(model_fields, name):
    model_field = model_fields.get(name)
    return model_field.verbose_name if model_field else name
