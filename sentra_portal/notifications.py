"""In-app notifications, each also e-mailed by the background worker: at most once.

`notify` creates a notification under a key that is unique per recipient (e.g.
``licence-expiry:42:30``): a second call with the same key, from a second run of a job or a
parallel one, creates nothing. Only a new notification defers the job that e-mails it, in the
same transaction (through procrastinate's Django connector, that is Django's connection, also
inside the worker), so the e-mail is queued exactly when the notification commits. The job records
`emailed_at` while it holds the row, and does nothing for a notification already e-mailed:
a retried or repeated job does not send twice.
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin

import procrastinate
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from procrastinate import jobs, manager
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

logger = logging.getLogger(__name__)

UNIQUE_KEY_CONSTRAINT = "notification_once_per_key_and_recipient"


def validate_local_path(value: str) -> None:
    """A path on this site ("/perizinan/42/"), never another site's address."""
    if value and (not value.startswith("/") or value.startswith("//") or "\\" in value):
        raise ValidationError(_("Enter a path on this site, starting with one slash."))


class NotificationQuerySet(models.QuerySet):
    def for_recipient(self, user) -> NotificationQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A message to one user, shown on their notifications page and e-mailed to them."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField(
        _("key"),
        max_length=100,
        help_text=_("What the notification is about; one notification per key and recipient."),
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"))
    link = models.CharField(_("link"), max_length=200, blank=True, validators=[validate_local_path])
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-pk"]
        constraints = [
            # Key first: the reminder job also asks whether anyone got a key yet.
            models.UniqueConstraint(fields=["key", "recipient"], name=UNIQUE_KEY_CONSTRAINT),
        ]
        indexes = [
            # The unread count in the navigation of every page.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            # The notifications page, newest first, in keyset pages.
            models.Index(fields=["recipient", "-id"], name="notification_recipient_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notification_open", args=[self.pk])

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


def notify(
    *, recipient, key: str, title: str, body: str, link: str = "", email: bool = True
) -> tuple[Notification, bool]:
    """The notification of `recipient` under `key`, and whether this call created it.

    Only a new notification is e-mailed (when `email` and the recipient has an address): the
    job is deferred in this transaction and exists only if it commits. Title and body are
    stored as given: render them in the portal's language (`settings.LANGUAGE_CODE`).
    """
    notification = Notification(recipient=recipient, key=key, title=title, body=body, link=link)
    # The recipient exists and the key's uniqueness is the insert's to decide: no queries here.
    notification.full_clean(
        exclude=["recipient"], validate_unique=False, validate_constraints=False
    )
    try:
        with transaction.atomic():  # a savepoint: a duplicate key leaves the caller's work intact
            notification.save(force_insert=True)
    except IntegrityError as error:
        if _violated_constraint(error) != UNIQUE_KEY_CONSTRAINT:
            raise
        return Notification.objects.get(recipient=recipient, key=key), False
    if email and recipient.email:
        defer_in_transaction(notification_email_send, notification_id=notification.pk)
    return notification, True


def defer_in_transaction(task: procrastinate.tasks.Task, **task_kwargs) -> int:
    """Queue a job of `task` through Django's connection, in the current transaction.

    `task.defer` does so in the web process, but the worker gives the app a connector with a
    connection of its own, outside the transaction of the task that defers: there a job could
    commit (and run) before, or without, the rows it is about. Returns the job's id.
    """
    deferrer = jobs.JobDeferrer(
        job_manager=manager.JobManager(DjangoConnector()), job=task.configure().job
    )
    return deferrer.defer(**task_kwargs)


def _violated_constraint(error: IntegrityError) -> str | None:
    diag = getattr(error.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None)


@transaction.atomic
def notifications_mark_read(*, actor, pk: int | None = None) -> int:
    """Mark the actor's unread notifications read (one, by `pk`, or all); how many changed."""
    notifications = Notification.objects.for_recipient(actor).unread()
    if pk is not None:
        notifications = notifications.filter(pk=pk)
    return notifications.update(read_at=timezone.now())


def absolute_url(path: str) -> str:
    """`path` on the portal's public address (settings.SITE_URL), for e-mails."""
    return urljoin(settings.SITE_URL, path)


@app.task(
    name="sentra_portal.notification_email_send",
    queue="emails",
    # An SMTP server may be away a while: try again after 1, 3, 5 and 7 minutes.
    retry=procrastinate.RetryStrategy(max_attempts=4, wait=60, linear_wait=120),
)
def notification_email_send(notification_id: int) -> bool:
    """E-mail a notification to its recipient once: whether it was sent now.

    The row stays locked while the mail goes out and `emailed_at` commits with it, so a job
    run twice (a retry, a second worker) finds it marked and sends nothing.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        recipient = notification.recipient
        if not recipient.email or not recipient.is_active:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            message = render_to_string(
                "notifications_email.txt",
                {
                    "notification": notification,
                    "recipient": recipient,
                    "url": absolute_url(notification.link) if notification.link else "",
                    "site_url": settings.SITE_URL,
                },
            )
        send_mail(
            subject=notification.title,
            message=message,
            from_email=None,
            recipient_list=[recipient.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    logger.info("E-mailed notification %s to user %s.", notification.pk, recipient.pk)
    return True
