"""Expiry reminders: 90, 30 and 7 days ahead, once per licence, threshold and recipient,
e-mailed by the worker; the daily periodic task that sends them."""

import datetime
import io
from zoneinfo import ZoneInfo

import croniter
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from licensing import reminders
from licensing.constants import LicenceStatus
from licensing.dates import add_months
from licensing.reminders import licence_reminders_send, reminder_key
from licensing.tasks import DAILY_CRON, licensing_daily, office_date
from sentra_portal.constants import Role
from sentra_portal.models import Notification
from tests.factories import (
    IkmFactory,
    LicenceFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.jobs import run_queued_jobs

WITA = ZoneInfo("Asia/Makassar")
TODAY = datetime.date(2026, 3, 2)
EMAIL_TASK = "sentra_portal.notification_email_send"


def expiring_in(days: int, **kwargs):
    """An issued P-IRT whose valid-until date is `days` after TODAY."""
    valid_until = TODAY + datetime.timedelta(days=days)
    return LicenceFactory(issued_on=add_months(valid_until, -60), valid_until=valid_until, **kwargs)


def sent(licence=None) -> set[tuple[str, str]]:
    """(username, key) of every reminder notification, of one licence or all."""
    notifications = Notification.objects.filter(key__startswith="licence-expiry:")
    if licence is not None:
        notifications = notifications.filter(key__startswith=f"licence-expiry:{licence.pk}:")
    return {(n.recipient.username, n.key) for n in notifications.select_related("recipient")}


@pytest.fixture
def owner(users):
    return users["ikm_owner"]


@pytest.fixture
def ikm(owner):
    return IkmFactory(name="Amplang Haruan", owners=[owner])


@pytest.mark.django_db
class TestReminders:
    def test_running_twice_sends_one_notification_and_one_email_per_recipient(
        self, users, owner, ikm, settings, time_machine
    ):
        settings.SITE_URL = "https://sentra.example.go.id"
        time_machine.move_to(datetime.datetime(2026, 3, 2, 6, 0, tzinfo=WITA), tick=False)
        licence = expiring_in(90, ikm=ikm, officer=users["officer"])

        assert licence_reminders_send() == 2
        assert licence_reminders_send() == 0
        assert run_queued_jobs() == [EMAIL_TASK, EMAIL_TASK]
        assert licence_reminders_send() == 0
        assert run_queued_jobs() == []

        key = reminder_key(licence.pk, 90)
        assert sent() == {("pemilik", key), ("petugas", key)}
        assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, users["officer"].email])
        for message in mail.outbox:
            assert "Amplang Haruan" in message.subject
            assert "Amplang Haruan" in message.body
            assert licence.number in message.body
            assert "31 Mei 2026" in message.body  # 90 days on, as Indonesian letters write it
            assert f"https://sentra.example.go.id/perizinan/{licence.pk}/" in message.body
        notification = Notification.objects.get(recipient=owner)
        assert notification.link == f"/perizinan/{licence.pk}/"
        assert notification.emailed_at is not None

    def test_each_threshold_follows_once_as_the_date_comes_closer(self, users, ikm):
        licence = expiring_in(90, ikm=ikm, officer=users["officer"])
        licence_reminders_send(TODAY)
        licence_reminders_send(TODAY + datetime.timedelta(days=60))  # 30 days left
        licence_reminders_send(TODAY + datetime.timedelta(days=61))
        assert {key for _, key in sent()} == {
            reminder_key(licence.pk, 90),
            reminder_key(licence.pk, 30),
        }
        assert Notification.objects.count() == 4
        licence_reminders_send(TODAY + datetime.timedelta(days=83))  # 7 days left
        assert Notification.objects.count() == 6
        run_queued_jobs()
        assert len(mail.outbox) == 6

    def test_a_missed_threshold_is_not_sent_late(self, ikm):
        """First seen 29 days ahead (the job did not run at 90): the 30-day reminder alone."""
        licence = expiring_in(29, ikm=ikm)
        licence_reminders_send(TODAY)
        assert {key for _, key in sent(licence)} == {reminder_key(licence.pk, 30)}

    @pytest.mark.parametrize(
        ("days_left", "threshold"),
        [(91, None), (90, 90), (31, 90), (30, 30), (8, 30), (7, 7), (1, 7), (0, 7)],
    )
    def test_the_threshold_of_each_number_of_days_left(self, ikm, days_left, threshold):
        licence = expiring_in(days_left, ikm=ikm)
        licence_reminders_send(TODAY)
        key = threshold and reminder_key(licence.pk, threshold)
        expected = {("pemilik", key), ("kabid", key)} if threshold else set()
        assert sent(licence) == expected

    def test_without_an_officer_in_charge_the_city_supervisors_are_reminded(self, users, ikm):
        UserFactory(
            username="kabid.bjb",
            role=Role.SUPERVISOR,
            organisation=OrganisationFactory(banjarbaru=True),
        )
        on_leave = UserFactory(username="kabid.cuti", role=Role.SUPERVISOR)
        on_leave.is_active = False
        on_leave.save(update_fields=["is_active"])
        licence = expiring_in(30, ikm=ikm, officer=None)
        licence_reminders_send(TODAY)
        key = reminder_key(licence.pk, 30)
        assert sent(licence) == {("pemilik", key), ("kabid", key)}

    @pytest.mark.parametrize("officer_state", ["inactive", "other_city"])
    def test_an_officer_who_cannot_act_is_replaced_by_the_supervisors(
        self, users, ikm, officer_state
    ):
        if officer_state == "inactive":
            officer = users["officer"]
            officer.is_active = False
            officer.save(update_fields=["is_active"])
        else:
            officer = users["other_city_officer"]
        licence = expiring_in(7, ikm=ikm, officer=officer)
        licence_reminders_send(TODAY)
        key = reminder_key(licence.pk, 7)
        assert sent(licence) == {("pemilik", key), ("kabid", key)}

    def test_inactive_owners_are_not_reminded(self, users, owner, ikm):
        owner.is_active = False
        owner.save(update_fields=["is_active"])
        licence = expiring_in(30, ikm=ikm, officer=users["officer"])
        licence_reminders_send(TODAY)
        assert sent(licence) == {("petugas", reminder_key(licence.pk, 30))}

    def test_no_reminder_for_licences_that_are_not_running_out(self, ikm):
        expiring_in(-1, ikm=ikm)  # issued, its date passed yesterday
        expiring_in(-1, ikm=ikm, status=LicenceStatus.EXPIRED)
        expiring_in(30, ikm=ikm, status=LicenceStatus.REVOKED)
        LicenceFactory(ikm=ikm, planned=True)
        LicenceFactory(ikm=ikm, applied=True)
        LicenceFactory(ikm=ikm, nib=True)  # issued, without a valid-until date
        licence_reminders_send(TODAY)
        assert sent() == set()
        assert ProcrastinateJob.objects.count() == 0

    def test_no_reminder_once_a_renewal_is_applied_for(self, ikm):
        licence = expiring_in(30, ikm=ikm)
        LicenceFactory(ikm=ikm, product=licence.product, applied=True, renews=licence)
        planned_only = expiring_in(30, ikm=ikm)
        LicenceFactory(ikm=ikm, product=planned_only.product, planned=True, renews=planned_only)
        licence_reminders_send(TODAY)
        assert sent(licence) == set()
        key = reminder_key(planned_only.pk, 30)
        assert sent(planned_only) == {("pemilik", key), ("kabid", key)}

    def test_a_crash_midway_then_a_rerun_sends_each_reminder_once(self, users, ikm, monkeypatch):
        licences = [expiring_in(days, ikm=ikm, officer=users["officer"]) for days in (5, 20, 60)]
        real_notify = reminders.notify
        calls = []

        def notify_then_crash(**kwargs):
            calls.append(kwargs["key"])
            if len(calls) == 4:  # the second recipient of the second licence
                raise RuntimeError("the worker died")
            return real_notify(**kwargs)

        monkeypatch.setattr(reminders, "notify", notify_then_crash)
        with pytest.raises(RuntimeError):
            licence_reminders_send(TODAY)
        # The first licence's reminder committed whole; the second's not at all.
        assert {key for _, key in sent()} == {reminder_key(licences[0].pk, 7)}
        assert Notification.objects.count() == 2
        assert ProcrastinateJob.objects.filter(task_name=EMAIL_TASK).count() == 2

        monkeypatch.setattr(reminders, "notify", real_notify)
        assert licence_reminders_send(TODAY) == 4
        run_queued_jobs()
        assert licence_reminders_send(TODAY) == 0
        assert Notification.objects.count() == 6
        deliveries = [(m.to[0], m.subject) for m in mail.outbox]
        assert len(deliveries) == len(set(deliveries)) == 6


@pytest.mark.django_db
class TestDailyTask:
    def test_it_runs_every_day_at_six_in_the_office_time_zone(self):
        periodic = app.periodic_registry.periodic_tasks[("licensing.daily", "daily")]
        assert periodic.cron == DAILY_CRON
        assert periodic.task is licensing_daily
        cron = croniter.croniter(DAILY_CRON)
        starts = [
            datetime.datetime(2026, 1, 15, 12, tzinfo=WITA),
            datetime.datetime(2026, 7, 15, 1, tzinfo=WITA),
        ]
        for start in starts:
            cron.set_current(start_time=start.timestamp())
            run_at = datetime.datetime.fromtimestamp(cron.get_next(ret_type=float), tz=WITA)
            assert (run_at.hour, run_at.minute) == (6, 0)
            assert datetime.timedelta(0) < run_at - start <= datetime.timedelta(days=1)

    def test_the_office_date_of_the_schedule(self):
        six_wita = datetime.datetime(2026, 3, 2, 6, 0, tzinfo=WITA)
        assert office_date(int(six_wita.timestamp())) == TODAY  # 1 March, 22:00 UTC

    def test_it_records_expiries_then_sends_the_reminders(self, users, ikm):
        expired = expiring_in(-1, ikm=ikm)
        running_out = expiring_in(7, ikm=ikm, officer=users["officer"])
        timestamp = int(datetime.datetime(2026, 3, 2, 6, 0, tzinfo=WITA).timestamp())
        licensing_daily(timestamp=timestamp)
        expired.refresh_from_db()
        assert expired.status == LicenceStatus.EXPIRED
        assert sent(expired) == set()
        assert len(sent(running_out)) == 2


@pytest.fixture(scope="module")
def reference_data_restored(django_db_blocker):
    """Reload the reference data after the module: the transactional test's end empties every
    table, the reference data that tests/conftest.py loads once per session included."""
    yield
    with django_db_blocker.unblock():
        call_command("load_reference", stdout=io.StringIO())
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_the_daily_job_and_emails_each_reminder_once(reference_data_restored):
    """The real worker, as `manage.py procrastinate worker` runs it, on committed data."""
    call_command("load_reference", stdout=io.StringIO())  # an earlier test may have emptied it
    with connection.cursor() as cursor:
        # Django's flush after a transactional test (the browser tests') leaves procrastinate's
        # tables alone: start from an empty queue, or the worker runs their jobs too.
        cursor.execute("TRUNCATE procrastinate_jobs CASCADE")
    owner = UserFactory(username="pemilik", owner=True)
    officer = UserFactory(username="petugas", role=Role.OFFICER)
    licence = expiring_in(7, ikm=IkmFactory(owners=[owner]), officer=officer)
    timestamp = int(datetime.datetime(2026, 3, 2, 6, 0, tzinfo=WITA).timestamp())

    for _ in range(2):  # the day's job, and the same again (a retry, a second schedule)
        licensing_daily.defer(timestamp=timestamp)
        with app.replace_connector(app.connector.get_worker_connector()):
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)

    # (The worker may also have queued and run other apps' periodic tasks that were due.)
    jobs = ProcrastinateJob.objects.filter(task_name__in=["licensing.daily", EMAIL_TASK])
    assert sorted(job.task_name for job in jobs) == sorted(
        ["licensing.daily"] * 2 + [EMAIL_TASK] * 2
    )
    assert {job.status for job in jobs} == {"succeeded"}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner.email, officer.email])
    assert sent(licence) == {
        ("pemilik", reminder_key(licence.pk, 7)),
        ("petugas", reminder_key(licence.pk, 7)),
    }
