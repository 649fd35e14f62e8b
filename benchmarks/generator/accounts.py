"""The accounts the benchmark signs in with."""

from django.contrib.auth import get_user_model
from django.db import connection

from registry.models import Ikm
from sentra_portal.constants import OrganisationKind, Role
from sentra_portal.models import Organisation

BENCH_PASSWORD = "bench-Sandi-2026"  # noqa: S105 (the synthetic accounts of a benchmark DB)


def create_bench_accounts():
    """The accounts the benchmark signs in with, all with the password BENCH_PASSWORD.

    The officer works in the city with the most IKMs, the provincial officer in the
    province with the most, and the owner holds the IKM of that city with most licences.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT city_id FROM registry_ikm GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
        )
        (city,) = cursor.fetchone()
        cursor.execute(
            "SELECT left(city_id, 2) FROM registry_ikm GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
        )
        (province,) = cursor.fetchone()
        cursor.execute(
            "SELECT l.ikm_id FROM licensing_licence l JOIN registry_ikm i ON i.id = l.ikm_id "
            "WHERE i.city_id = %s GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
            [city],
        )
        (owned_ikm,) = cursor.fetchone()
    users = get_user_model().objects
    officer = users.get(username=f"petugas.{city.replace('.', '')}")
    officer.username = "bench.officer"
    officer.set_password(BENCH_PASSWORD)
    officer.save()
    city_office = Organisation.objects.get(region_id=city, kind=OrganisationKind.CITY_OFFICE)
    users.create_user(
        "bench.provinsi",
        password=BENCH_PASSWORD,
        role=Role.PROVINCIAL_OFFICER,
        organisation=Organisation.objects.get(
            region_id=province, kind=OrganisationKind.PROVINCE_OFFICE
        ),
    )
    users.create_superuser(
        "bench.admin",
        email="",
        password=BENCH_PASSWORD,
        role=Role.ADMINISTRATOR,
        organisation=city_office,
    )
    owner = users.create_user("bench.pemilik", password=BENCH_PASSWORD, role=Role.IKM_OWNER)
    Ikm.objects.get(pk=owned_ikm).owners.add(owner)
