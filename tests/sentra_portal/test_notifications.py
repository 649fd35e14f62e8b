"""In-app notifications: created once per key and recipient, e-mailed once by the worker's job,
listed to their recipient alone."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction

from sentra_portal.models import Notification
from sentra_portal.notifications import (
    notification_email_send,
    notifications_mark_read,
    notify,
)
from tests.factories import NotificationFactory, UserFactory
from tests.jobs import queued, run_queued_jobs

pytestmark = pytest.mark.django_db

EMAIL_TASK = "sentra_portal.notification_email_send"


def _notify(recipient, key="test:1", **kwargs):
    return notify(
        recipient=recipient,
        key=key,
        title=kwargs.pop("title", "P-IRT berakhir"),
        body=kwargs.pop("body", "P-IRT IKM Amplang berlaku sampai 12 Maret 2027."),
        link=kwargs.pop("link", "/perizinan/7/"),
        **kwargs,
    )


# The service


def test_notify_twice_with_one_key_creates_one_notification_and_one_email(users, settings):
    settings.SITE_URL = "https://sentra.example.go.id"
    owner = users["ikm_owner"]
    first, created = _notify(owner)
    again, created_again = _notify(owner, title="Another title")
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and again.title == "P-IRT berakhir"
    assert Notification.objects.filter(recipient=owner).count() == 1
    assert queued(EMAIL_TASK) == [{"notification_id": first.pk}]

    assert run_queued_jobs() == [EMAIL_TASK]
    assert run_queued_jobs() == []
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [owner.email]
    assert message.subject == "P-IRT berakhir"
    assert "P-IRT IKM Amplang berlaku sampai 12 Maret 2027." in message.body
    assert "https://sentra.example.go.id/perizinan/7/" in message.body
    first.refresh_from_db()
    assert first.emailed_at is not None


def test_the_same_key_reaches_each_recipient_once(users):
    _notify(users["ikm_owner"])
    _notify(users["officer"])
    _notify(users["ikm_owner"])
    assert Notification.objects.filter(key="test:1").count() == 2
    assert len(queued(EMAIL_TASK)) == 2


def test_no_email_job_when_asked_not_to_or_without_an_address(users):
    _notify(users["ikm_owner"], email=False)
    _notify(UserFactory(owner=True, email=""))
    assert Notification.objects.count() == 2
    assert queued(EMAIL_TASK) == []


def test_the_email_job_exists_only_if_the_notification_commits(users):
    with pytest.raises(RuntimeError), transaction.atomic():
        _notify(users["ikm_owner"])
        raise RuntimeError("the caller fails after notifying")
    assert not Notification.objects.exists()
    assert queued(EMAIL_TASK) == []


def test_the_email_job_sends_once_however_often_it_runs(users):
    notification, _ = _notify(users["ikm_owner"], email=False)
    assert notification_email_send(notification_id=notification.pk) is True
    assert notification_email_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_the_email_job_skips_a_missing_notification_and_an_inactive_recipient(users):
    owner = users["ikm_owner"]
    notification, _ = _notify(owner, email=False)
    owner.is_active = False
    owner.save(update_fields=["is_active"])
    assert notification_email_send(notification_id=notification.pk) is False
    assert notification_email_send(notification_id=notification.pk + 1000) is False
    assert mail.outbox == []


@pytest.mark.parametrize("link", ["https://evil.example/", "//evil.example/", "perizinan/1/"])
def test_a_link_must_be_a_path_on_this_site(users, link):
    with pytest.raises(ValidationError):
        _notify(users["ikm_owner"], link=link)
    assert not Notification.objects.exists()


def test_mark_read_touches_only_the_actors_unread_notifications(users):
    mine = NotificationFactory.create_batch(2, recipient=users["ikm_owner"])
    earlier = NotificationFactory(recipient=users["ikm_owner"], read=True)
    theirs = NotificationFactory(recipient=users["officer"])
    assert notifications_mark_read(actor=users["ikm_owner"]) == 2
    assert all(n.read_at for n in Notification.objects.filter(pk__in=[m.pk for m in mine]))
    read_before = earlier.read_at
    earlier.refresh_from_db()
    assert earlier.read_at == read_before
    theirs.refresh_from_db()
    assert theirs.read_at is None


# The pages


def test_the_list_shows_only_ones_own_notifications_newest_first(client, users):
    older = NotificationFactory(recipient=users["ikm_owner"])
    newer = NotificationFactory(recipient=users["ikm_owner"], read=True)
    other = NotificationFactory(recipient=users["officer"])
    client.force_login(users["ikm_owner"])
    response = client.get("/notifikasi/")
    assert response.status_code == 200
    assert [n.pk for n in response.context["notifications"]] == [newer.pk, older.pk]
    html = response.content.decode()
    assert f'id="notification-{older.pk}"' in html
    assert f'id="notification-{other.pk}"' not in html
    assert other.title not in html
    assert f'href="/notifikasi/{older.pk}/"' in html


def test_the_navigation_shows_the_unread_count(client, users):
    NotificationFactory.create_batch(3, recipient=users["officer"])
    NotificationFactory(recipient=users["officer"], read=True)
    NotificationFactory(recipient=users["supervisor"])
    client.force_login(users["officer"])
    html = client.get("/").content.decode()
    assert 'id="nav-notifications" data-unread="3"' in html
    assert "(3" in html


def test_anonymous_pages_show_no_notification_link(client):
    html = client.get("/akun/masuk/").content.decode()
    assert 'id="nav-notifications"' not in html


def test_mark_all_read_by_post(client, users):
    NotificationFactory.create_batch(2, recipient=users["ikm_owner"])
    theirs = NotificationFactory(recipient=users["officer"])
    client.force_login(users["ikm_owner"])
    response = client.post("/notifikasi/")
    assert response.status_code == 302 and response.url == "/notifikasi/"
    assert not Notification.objects.filter(recipient=users["ikm_owner"], read_at=None).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None
    html = client.get("/notifikasi/").content.decode()
    assert 'data-unread="0"' in html
    assert 'id="mark-all-read"' not in html


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, users):
    notification = NotificationFactory(recipient=users["ikm_owner"], link="/perizinan/42/")
    client.force_login(users["ikm_owner"])
    response = client.get(f"/notifikasi/{notification.pk}/")
    assert response.status_code == 302 and response.url == "/perizinan/42/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_another_users_notification_is_not_found(client, users):
    notification = NotificationFactory(recipient=users["officer"])
    client.force_login(users["supervisor"])
    assert client.get(f"/notifikasi/{notification.pk}/").status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_link_to_another_site_is_never_followed(client, users):
    # Written past the service's validation, as a corrupted row would be.
    notification = NotificationFactory(recipient=users["ikm_owner"], link="//evil.example/")
    client.force_login(users["ikm_owner"])
    response = client.get(f"/notifikasi/{notification.pk}/")
    assert response.status_code == 302 and response.url == "/notifikasi/"


def test_the_list_pages_by_twenty(client, users):
    owner = users["ikm_owner"]
    notifications = NotificationFactory.create_batch(25, recipient=owner)
    client.force_login(owner)
    first = client.get("/notifikasi/")
    assert len(first.context["notifications"]) == 20
    next_url = first.context["page_links"].next
    second = client.get(f"/notifikasi/{next_url}")
    assert [n.pk for n in second.context["notifications"]] == [n.pk for n in notifications[4::-1]]


def test_the_list_query_count_is_pinned(client, users, django_assert_max_num_queries):
    NotificationFactory.create_batch(5, recipient=users["ikm_owner"])
    client.force_login(users["ikm_owner"])
    client.get("/notifikasi/")
    # session, user, the page's rows, the unread count of the navigation
    with django_assert_max_num_queries(4):
        response = client.get("/notifikasi/")
    assert len(response.context["notifications"]) == 5
    NotificationFactory.create_batch(15, recipient=users["ikm_owner"])
    with django_assert_max_num_queries(4):
        client.get("/notifikasi/")
