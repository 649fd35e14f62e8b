import pytest
from django.core.management import call_command

from registry.models import Ikm, Sentra, YearlySnapshot
from sentra_portal.models import Organisation, User

pytestmark = pytest.mark.django_db

SENTRA_VILLAGES = {
    "Sentra Pengolahan Ikan Kuin": {"63.71.04.1009", "63.71.03.1007"},
    "Sentra Kain Sasirangan Pelambuan": {"63.71.03.1003"},
    "Sentra Kain Sasirangan Kampung Sasirangan": {"63.71.05.1007", "63.71.04.1004"},
    "Sentra Tanggui Kuin Cerucuk": {"63.71.03.1008"},
    "Sentra Kue Tradisional Surgi Mufti": {"63.71.04.1006"},
    "Sentra Pengolahan Kayu Alalak Tengah": {"63.71.04.1001"},
}


def test_demo_data_has_the_six_banjarmasin_sentras_in_their_real_villages():
    call_command("load_demo", verbosity=0)
    sentras = Sentra.objects.filter(city_id="63.71").prefetch_related("kelurahans")
    assert {
        sentra.name: {k.code for k in sentra.kelurahans.all()} for sentra in sentras
    } == SENTRA_VILLAGES


def test_demo_data_is_idempotent():
    call_command("load_demo", verbosity=0)
    counts = [model.objects.count() for model in (Organisation, User, Sentra, Ikm)]
    call_command("load_demo", verbosity=0)
    assert [model.objects.count() for model in (Organisation, User, Sentra, Ikm)] == counts


def test_demo_accounts_see_what_the_design_says(client):
    call_command("load_demo", verbosity=0)
    kuin = Sentra.objects.get(name="Sentra Pengolahan Ikan Kuin")

    client.force_login(User.objects.get(username="provinsi.kalsel"))
    assert "Sentra Pengolahan Ikan Kuin" in client.get("/registri/sentra/").content.decode()

    client.force_login(User.objects.get(username="petugas.bjb"))
    assert "Sentra Pengolahan Ikan Kuin" not in client.get("/registri/sentra/").content.decode()
    assert client.get(f"/registri/sentra/{kuin.pk}/").status_code == 404

    client.force_login(User.objects.get(username="pemilik.amplang"))
    home = client.get("/").content.decode()
    assert "Amplang Ikan Pipih Bu Salmah" in home
    assert "Kerajinan Purun Guntung Manggis" not in home


def test_demo_sentras_have_their_members_and_yearly_data_shows_growth():
    call_command("load_demo", verbosity=0)
    for sentra in Sentra.objects.filter(city_id="63.71"):
        members = Ikm.objects.filter(sentra=sentra)
        assert 5 <= members.count() <= 12, sentra.name
        villages = set(sentra.kelurahans.values_list("code", flat=True))
        assert set(members.values_list("kelurahan_id", flat=True)) <= villages
    grown = YearlySnapshot.objects.filter(ikm__name="Mebel Barito Indah").order_by("year")
    assert [s.industry_class for s in grown] == ["small", "small", "medium"]
    assert Ikm.objects.filter(city_id="63.72").exists()
