import pghistory
import pytest

from registry.models import Sentra
from sentra_portal.audit import history_for
from tests.factories import SentraFactory

pytestmark = pytest.mark.django_db


def test_history_names_who_changed_what_before_and_after(users):
    officer = users["officer"]
    with pghistory.context(user=officer.pk):
        sentra = SentraFactory(commodity="Olahan ikan")
        sentra.commodity = "Amplang dan kerupuk ikan"
        sentra.save()

    changed, created = history_for(sentra)
    assert (str(changed.action), changed.who) == ("Diubah", officer)
    assert [(str(label), before, after) for label, before, after in changed.changes] == [
        ("komoditas", "Olahan ikan", "Amplang dan kerupuk ikan")
    ]
    assert (str(created.action), created.who) == ("Dibuat", officer)


def test_bulk_updates_cannot_skip_the_history():
    sentra = SentraFactory(commodity="Olahan ikan")
    Sentra.objects.filter(pk=sentra.pk).update(commodity="Kerupuk")
    assert history_for(sentra)[0].changes[0][1:] == ("Olahan ikan", "Kerupuk")


def test_detail_page_shows_the_history_panel(client, users):
    with pghistory.context(user=users["officer"].pk):
        sentra = SentraFactory(commodity="Olahan ikan")
        Sentra.objects.filter(pk=sentra.pk).update(commodity="Kerupuk")
    client.force_login(users["supervisor"])
    page = client.get(sentra.get_absolute_url()).content.decode()
    assert "Riwayat" in page
    assert "Kerupuk" in page
    assert str(users["officer"]) in page
