import pytest

from registry.models import Kbli
from registry.reference_data import load_kbli, load_regions
from sentra_portal.constants import RegionLevel
from sentra_portal.models import Region

pytestmark = pytest.mark.django_db


def test_every_province_and_city_of_indonesia_is_loaded():
    assert Region.objects.filter(level=RegionLevel.PROVINCE).count() == 38
    assert Region.objects.filter(level=RegionLevel.CITY).count() == 514


def test_kalimantan_selatan_has_every_district_and_village():
    kalsel = Region.objects.filter(code__startswith="63.")
    assert kalsel.filter(level=RegionLevel.DISTRICT).count() == 156
    assert kalsel.filter(level=RegionLevel.VILLAGE).count() == 2016
    banjarmasin = Region.objects.get(code="63.71")
    assert banjarmasin.name == "Kota Banjarmasin"
    assert banjarmasin.children.count() == 5
    pelambuan = Region.objects.select_related("parent__parent").get(code="63.71.03.1003")
    assert (pelambuan.name, pelambuan.parent.name) == ("Pelambuan", "Banjarmasin Barat")
    assert pelambuan.parent.parent == banjarmasin


def test_kbli_category_c_is_loaded_with_its_version_and_hierarchy():
    assert Kbli.objects.filter(version="2020").count() == 748
    tanggui = Kbli.objects.select_related("parent__parent").get(version="2020", code="16292")
    assert tanggui.parent.code == "1629"
    assert tanggui.parent.parent.code == "162"


def test_loading_again_changes_nothing_and_restores_edited_names():
    Region.objects.filter(code="63.71").update(name="Banjarmasin (edited)")
    before = (Region.objects.count(), Kbli.objects.count())
    load_regions()
    load_kbli()
    assert (Region.objects.count(), Kbli.objects.count()) == before
    assert Region.objects.get(code="63.71").name == "Kota Banjarmasin"
