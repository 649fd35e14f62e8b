"""The lists' filter panels come from the cache until their choices change."""

import pytest

from tests.factories import SentraFactory

pytestmark = pytest.mark.django_db

IKM_LIST = "/registri/ikm/"


def sentra_options(client) -> str:
    html = client.get(IKM_LIST).content.decode()
    return html[html.index('name="sentra"') : html.index("</select>", html.index('name="sentra"'))]


def test_a_new_renamed_or_deleted_sentra_shows_once_committed(
    client, users, django_capture_on_commit_callbacks
):
    client.force_login(users["officer"])
    SentraFactory(name="Sentra Amplang Kuin")
    assert "Sentra Amplang Kuin" in sentra_options(client)
    added = SentraFactory(name="Sentra Tanggui Baru")
    assert "Sentra Tanggui Baru" not in sentra_options(client)  # cached, not yet committed
    with django_capture_on_commit_callbacks(execute=True):
        added.save()
    assert "Sentra Tanggui Baru" in sentra_options(client)
    added.name = "Sentra Tanggui Kuin Cerucuk"
    with django_capture_on_commit_callbacks(execute=True):
        added.save()
    options = sentra_options(client)
    assert "Sentra Tanggui Kuin Cerucuk" in options and "Sentra Tanggui Baru" not in options
    with django_capture_on_commit_callbacks(execute=True):
        added.delete()
    assert "Sentra Tanggui" not in sentra_options(client)


def test_the_panel_follows_the_area_and_the_language(client, users):
    SentraFactory(name="Sentra Amplang Kuin")
    SentraFactory(name="Sentra Intan Martapura", banjarbaru=True)
    client.force_login(users["officer"])
    assert "Sentra Intan Martapura" not in sentra_options(client)
    client.force_login(users["provincial_officer"])
    html = client.get(IKM_LIST, {"city": "63.72"}).content.decode()
    assert "Sentra Intan Martapura" in html and "Sentra Amplang Kuin" not in html
    english = client.get(IKM_LIST, headers={"accept-language": "en"}).content.decode()
    indonesian = client.get(IKM_LIST, headers={"accept-language": "id"}).content.decode()
    assert "<summary>Filters</summary>" in english
    assert "<summary>Filter</summary>" in indonesian


def test_the_key_tells_apart_the_filters_chosen_however_the_data_came(users):
    from django.http import QueryDict

    from registry.filters import IkmFilter
    from registry.models import Ikm

    officer = users["officer"]

    def key(data):
        return IkmFilter(data, queryset=Ikm.objects.all(), user=officer).panel_cache_key

    assert key(QueryDict("status=active")) == key({"status": "active"})
    assert key(QueryDict("status=active")) != key(QueryDict("status=closed"))
    assert key(QueryDict("q=amplang")) == key(QueryDict(""))  # the search box is outside
    assert key(None) == key(QueryDict(""))


def officer_options(client) -> str:
    html = client.get("/pendampingan/", {"queue": "open"}).content.decode()
    start = html.index('name="officer"')
    return html[start : html.index("</select>", start)]


def test_the_case_queue_offers_a_new_or_renamed_officer_once_committed_but_a_log_in_changes_nothing(
    client, users, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import update_last_login

    client.force_login(users["supervisor"])
    assert str(users["officer"]) in officer_options(client)
    officer = users["officer"]
    officer.first_name = "Rahmah"
    officer.save()
    assert "Rahmah" not in officer_options(client)  # cached, not yet committed
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        update_last_login(None, officer)  # what a log-in saves
    assert callbacks == [] and "Rahmah" not in officer_options(client)
    with django_capture_on_commit_callbacks(execute=True):
        officer.save()
    assert "Rahmah" in officer_options(client)
