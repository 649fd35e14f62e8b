"""A registry at national scale, made inside PostgreSQL: the data the benchmark measures.

Every table is filled by one set-based INSERT … SELECT over `generate_series`, never a row at a
time from Python, so a million IKMs take minutes. Every "random" choice is a hash of the row's
number and the seed (`hashint8extended`), not `random()`: the same seed gives the same data
whatever order or parallelism PostgreSQL chooses. Ids are given explicitly where later steps
need to compute them (an IKM's id tells its city, its product has the same id), and the
sequences are moved past them at the end.

History triggers (django-pghistory) and foreign-key triggers are switched off for the session
(`session_replication_role = replica`): this is generated data, not a change anyone made, and
the keys are right by construction. Only an empty registry is filled.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from benchmarks import vocabulary as words
from licensing.models import LicenceType
from registry.models import Ikm, Kbli
from sentra_portal.constants import OrganisationKind, Role
from sentra_portal.models import Organisation

BENCH_PASSWORD = "bench-Sandi-2026"  # noqa: S105 (the synthetic accounts of a benchmark DB)
IKMS_PER_SENTRA = 50
SHARE_IN_SENTRA = 0.6
SHARE_WITH_SNAPSHOTS = 0.1
SNAPSHOT_YEARS = (2021, 2022, 2023, 2024, 2025)
PARTICIPANTS_PER_ACTIVITY = (10, 20)

# Licence types an IKM may hold: (code, chance for a food business, chance for another one).
# A food business (KBLI 10xxx/11xxx) needs a P-IRT or BPOM MD and usually Halal. About three
# licences per IKM on average; the second P-IRT row is an older, expired one it has renewed.
LICENCE_SLOTS = [
    ("nib", 1.0, 1.0),  # every IKM that has an NIB
    ("pirt", 0.8, 0.0),
    ("pirt", 0.4, 0.0),
    ("halal", 0.6, 0.15),
    ("bpom_md", 0.1, 0.0),
    ("sni", 0.0, 0.25),
    ("merek", 0.5, 0.5),
    ("tkdn", 0.25, 0.25),
    ("e_katalog", 0.45, 0.0),  # listed with its P-IRT or MD as the distribution permit
    ("hak_cipta", 0.15, 0.15),
    ("desain_industri", 0.02, 0.12),
    ("paten_sederhana", 0.0, 0.05),
]
ISSUERS = {
    "nib": "OSS RBA",
    "pirt": "Dinas Kesehatan",
    "bpom_md": "BPOM",
    "halal": "BPJPH",
    "sni": "LSPro BBIA",
    "tkdn": "Kementerian Perindustrian",
    "merek": "DJKI",
    "hak_cipta": "DJKI",
    "desain_industri": "DJKI",
    "paten_sederhana": "DJKI",
    "e_katalog": "LKPP",
}
ACTIVITY_TITLES = [
    ("sosialisasi", "Sosialisasi"),
    ("bimtek", "Bimbingan Teknis"),
    ("pelatihan", "Pelatihan"),
    ("sertifikasi", "Fasilitasi Sertifikasi"),
    ("pendampingan", "Pendampingan"),
    ("pameran", "Pameran"),
    ("peralatan", "Bantuan Peralatan"),
    ("p3dn", "Business Matching P3DN"),
]
CASE_DESCRIPTIONS = [
    "Mohon pendampingan untuk mengurus izin usaha.",
    "Kami ingin memperbaiki kemasan produk agar bisa masuk toko modern.",
    "Perlu bantuan pendaftaran merek dagang.",
    "Mohon informasi pembiayaan KUR untuk menambah peralatan.",
    "Ingin ikut pameran dan pemasaran daring.",
    "Mohon pendampingan sertifikasi halal.",
]


@dataclass(frozen=True)
class Volumes:
    """Row counts for one scale; scale 1 is the issue's national data set."""

    ikms: int
    cases: int
    activities: int

    @classmethod
    def at(cls, scale: float) -> Volumes:
        return cls(
            ikms=max(600, round(1_000_000 * scale)),
            cases=max(100, round(200_000 * scale)),
            activities=max(20, round(20_000 * scale)),
        )


class RegistryNotEmptyError(Exception):
    pass


def generate(*, scale: float, seed: int, report: Callable[[str], None] = print) -> dict:
    """Fill the empty registry; return the number of rows made per table."""
    if Ikm.objects.exists():
        raise RegistryNotEmptyError("The registry already holds IKMs; use an empty database.")
    volumes = Volumes.at(scale)
    steps = Steps(volumes=volumes, seed=seed, report=report)
    with transaction.atomic(), connection.cursor() as cursor:
        steps.cursor = cursor
        cursor.execute("SET LOCAL session_replication_role = replica")
        steps.run()
    steps.create_bench_accounts()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return steps.counts


class Steps:
    def __init__(self, *, volumes: Volumes, seed: int, report: Callable[[str], None]):
        self.volumes = volumes
        self.seed = seed
        self.report = report
        self.counts: dict[str, int] = {}
        self.cursor = None

    def run(self):
        self._functions()
        self._step("regions", self._regions)
        self._step("offices", self._offices)
        self._step("cities", self._cities)
        self._step("officers", self._officers)
        self._step("sentras", self._sentras)
        self._step("ikms", self._ikms)
        self._step("products", self._products)
        self._step("licences", self._licences)
        self._step("snapshots", self._snapshots)
        self._step("cases", self._cases)
        self._step("activities", self._activities)
        self._step("participants", self._participants)
        self._step("sequences", self._sequences)

    def _step(self, name: str, action: Callable[[], int | None]):
        started = time.monotonic()
        rows = action()
        if rows is not None:
            self.counts[name] = rows
        took = time.monotonic() - started
        self.report(f"{name:<13} {rows if rows is not None else '':>10} rows  {took:7.1f} s")

    def _sql(self, sql: str, params: dict | None = None) -> int:
        self.cursor.execute(sql, params or {})
        return self.cursor.rowcount

    def _functions(self):
        # rnd(n, salt): a uniform number in [0, 1) from row number n; pick(): an array element.
        self._sql(
            f"""
            CREATE FUNCTION pg_temp.rnd(n bigint, salt int) RETURNS float8
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              SELECT (hashint8extended(n, {int(self.seed)}::bigint * 1000 + salt)
                      & 9007199254740991)::float8 / 9007199254740992
            $$;
            CREATE FUNCTION pg_temp.pick(items anyarray, n bigint, salt int) RETURNS anyelement
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              SELECT items[1 + floor(pg_temp.rnd(n, salt) * cardinality(items))::int]
            $$;
            CREATE FUNCTION pg_temp.between(n bigint, salt int, low int, high int) RETURNS int
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
              SELECT low + floor(pg_temp.rnd(n, salt) * (high - low + 1))::int
            $$;
            """
        )

    def _regions(self) -> int:
        """Districts and villages for the cities whose real ones are not in the reference data."""
        places = words.PLACE_NAMES
        made = self._sql(
            """
            INSERT INTO sentra_portal_region (code, name, level, parent_id)
            SELECT c.code || '.' || lpad(d::text, 2, '0'),
                   pg_temp.pick(%(places)s::text[], hashtext(c.code)::bigint * 10 + d, 1),
                   'kecamatan', c.code
            FROM sentra_portal_region c, generate_series(1, %(districts)s) d
            WHERE c.level = 'kabkota'
              AND NOT EXISTS (SELECT 1 FROM sentra_portal_region x WHERE x.parent_id = c.code)
            """,
            {"places": places, "districts": words.DISTRICTS_PER_CITY},
        )
        made += self._sql(
            """
            INSERT INTO sentra_portal_region (code, name, level, parent_id)
            SELECT d.code || '.' || (2000 + v), pg_temp.pick(%(places)s::text[],
                   hashtext(d.code)::bigint * 10 + v, 2), 'kelurahan', d.code
            FROM sentra_portal_region d, generate_series(1, %(villages)s) v
            WHERE d.level = 'kecamatan'
              AND NOT EXISTS (SELECT 1 FROM sentra_portal_region x WHERE x.parent_id = d.code)
            """,
            {"places": places, "villages": words.VILLAGES_PER_DISTRICT},
        )
        return made

    def _offices(self) -> int:
        return self._sql(
            """
            INSERT INTO sentra_portal_organisation (created_at, updated_at, name, kind, address,
                                                    region_id)
            SELECT now(), now(), 'Dinas Perindustrian dan Perdagangan ' || r.name,
                   CASE r.level WHEN 'kabkota' THEN 'city_office' ELSE 'province_office' END,
                   '', r.code
            FROM sentra_portal_region r
            WHERE r.level IN ('kabkota', 'provinsi')
            ON CONFLICT ON CONSTRAINT one_office_per_region DO NOTHING
            """
        )

    def _cities(self) -> int:
        """One row per city: its share of IKMs, where its ids start, its villages, its office."""
        provinces = list(words.PROVINCE_POPULATION)
        weights = [
            population
            * (words.JAVA_FACTOR if code in words.JAVA else 1)
            * (words.PAPUA_FACTOR if code in words.PAPUA else 1)
            for code, population in words.PROVINCE_POPULATION.items()
        ]
        self._sql(
            """
            CREATE TEMP TABLE gen_city ON COMMIT DROP AS
            SELECT c.code, c.parent_id AS province,
                   p.weight * (0.4 + 1.2 * pg_temp.rnd(hashtext(c.code), 3)) AS weight,
                   ARRAY(SELECT v.code FROM sentra_portal_region v
                         WHERE v.level = 'kelurahan' AND starts_with(v.code, c.code || '.')
                         ORDER BY v.code) AS villages,
                   (SELECT o.id FROM sentra_portal_organisation o
                    WHERE o.region_id = c.code AND o.kind = 'city_office') AS office_id,
                   (SELECT o.id FROM sentra_portal_organisation o
                    WHERE o.region_id = c.parent_id AND o.kind = 'province_office')
                       AS province_office_id,
                   0 AS n_ikm, 0 AS ikm_offset, 0 AS n_sentra, 0 AS sentra_offset,
                   NULL::bigint AS officer_id
            FROM sentra_portal_region c
            JOIN unnest(%(provinces)s::text[], %(weights)s::float8[]) p(code, weight)
              ON p.code = c.parent_id
            WHERE c.level = 'kabkota'
            """,
            {"provinces": provinces, "weights": weights},
        )
        self._sql(
            """
            WITH shares AS (
              SELECT code, greatest(1, round(%(ikms)s * weight / sum(weight) OVER ()))::int AS n
              FROM gen_city
            ), placed AS (
              SELECT code, n, ceil(n::numeric / %(per_sentra)s)::int AS n_sentra
              FROM shares
            ), offsets AS (
              SELECT code, n, n_sentra,
                     coalesce(sum(n) OVER w, 0)::int AS ikm_offset,
                     coalesce(sum(n_sentra) OVER w, 0)::int AS sentra_offset
              FROM placed
              WINDOW w AS (ORDER BY code ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
            )
            UPDATE gen_city g
            SET n_ikm = o.n, n_sentra = o.n_sentra, ikm_offset = o.ikm_offset,
                sentra_offset = o.sentra_offset
            FROM offsets o WHERE o.code = g.code
            """,
            {"ikms": self.volumes.ikms, "per_sentra": IKMS_PER_SENTRA},
        )
        self._sql("CREATE UNIQUE INDEX ON gen_city (code)")
        self._sql("ANALYZE gen_city")
        return self._sql("SELECT 1 FROM gen_city")

    def _officers(self) -> int:
        """One officer per city office: the cases and licences of the city are theirs."""
        made = self._sql(
            """
            INSERT INTO sentra_portal_user (password, is_superuser, username, first_name,
                last_name, email, is_staff, is_active, date_joined, role, phone, organisation_id)
            SELECT '!', false, 'petugas.' || replace(c.code, '.', ''),
                   pg_temp.pick(%(first)s::text[], hashtext(c.code), 5),
                   pg_temp.pick(%(last)s::text[], hashtext(c.code), 6),
                   '', false, true, now(), %(role)s, '', c.office_id
            FROM gen_city c
            ON CONFLICT (username) DO NOTHING
            """,
            {
                "first": [name for name, _ in words.FIRST_NAMES],
                "last": words.LAST_NAMES,
                "role": Role.OFFICER,
            },
        )
        self._sql(
            """
            UPDATE gen_city c SET officer_id = u.id
            FROM sentra_portal_user u WHERE u.username = 'petugas.' || replace(c.code, '.', '')
            """
        )
        return made

    def _commodity_params(self) -> dict:
        kbli_ids = dict(Kbli.objects.filter(version="2020").values_list("code", "id"))
        return {
            "commodities": [commodity for commodity, _, _ in words.COMMODITIES],
            "products": [product for _, product, _ in words.COMMODITIES],
            "kbli_ids": [kbli_ids[code] for _, _, code in words.COMMODITIES],
            "food": [code[:2] in ("10", "11") for _, _, code in words.COMMODITIES],
        }

    def _sentras(self) -> int:
        # A sentra's commodity is pick(commodities, id, 10) and its village
        # pick(villages, id, 12): the IKM step recomputes both for its members.
        params = self._commodity_params()
        made = self._sql(
            """
            INSERT INTO registry_sentra (id, created_at, updated_at, name, commodity, address,
                decree_number, decree_date, status, chair_name, contact_phone, upt,
                description, photo, version, city_id)
            SELECT n.id, now(), now(),
                   -- Names are unique in a city: a second "Sentra Kerupuk Sukamaju" gets a 2.
                   n.name || CASE WHEN n.nth > 1 THEN ' ' || n.nth ELSE '' END,
                   n.commodity, n.address,
                   lpad(n.id::text, 3, '0') || '/SK/DISPERDAGIN/' || (2010 + n.id %% 15),
                   make_date(2010 + (n.id %% 15)::int, 1 + (n.id %% 12)::int,
                             1 + (n.id %% 28)::int),
                   CASE WHEN pg_temp.rnd(n.id, 14) < 0.85 THEN 'active'
                        WHEN pg_temp.rnd(n.id, 14) < 0.95 THEN 'potential' ELSE 'inactive' END,
                   pg_temp.pick(%(first)s::text[], n.id, 15) || ' '
                       || pg_temp.pick(%(last)s::text[], n.id, 16),
                   '', '', '', '', 1, n.city
            FROM (
              SELECT named.*,
                     row_number() OVER (PARTITION BY named.city, named.name ORDER BY named.id)
                         AS nth
              FROM (
                SELECT s.id, s.city, s.commodity,
                       'Sentra ' || s.commodity || ' ' || village.name AS name,
                       pg_temp.pick(%(streets)s::text[], s.id, 13) || ', ' || village.name
                           AS address
                FROM (SELECT c.sentra_offset + k AS id, c.code AS city, c.villages,
                             pg_temp.pick(%(commodities)s::text[], c.sentra_offset + k, 10)
                                 AS commodity
                      FROM gen_city c, generate_series(1, c.n_sentra) k) s
                JOIN sentra_portal_region village
                  ON village.code = pg_temp.pick(s.villages, s.id, 12)
              ) named
            ) n
            """,
            {
                **params,
                "streets": words.STREETS,
                "first": [name for name, _ in words.FIRST_NAMES],
                "last": words.LAST_NAMES,
            },
        )
        self._sql(
            """
            INSERT INTO registry_sentra_kelurahans (sentra_id, region_id)
            SELECT s.id, pg_temp.pick(c.villages, s.id, 12)
            FROM registry_sentra s JOIN gen_city c ON c.code = s.city_id
            """
        )
        self._sql(
            """
            INSERT INTO registry_sentra_kbli_codes (sentra_id, kbli_id)
            SELECT s.id, k.kbli_id
            FROM registry_sentra s
            JOIN unnest(%(commodities)s::text[], %(kbli_ids)s::bigint[]) k(commodity, kbli_id)
              ON k.commodity = s.commodity
            """,
            params,
        )
        return made

    def _ikms(self) -> int:
        params = self._commodity_params()
        return self._sql(
            """
            INSERT INTO registry_ikm (id, created_at, updated_at, workers_male, workers_female,
                investment, production_value, market_reach, name, nib, legal_form, owner_name,
                owner_gender, phone, email, address, founding_year, status, version, city_id,
                kelurahan_id, primary_kbli_id, sentra_id)
            SELECT x.id, x.created_at, x.created_at,
                   x.workers - w.women, w.women, x.investment,
                   round(x.investment * (0.5 + 3 * pg_temp.rnd(x.id, 28)) / 1000) * 1000,
                   CASE WHEN pg_temp.rnd(x.id, 29) < 0.6 THEN 'local'
                        WHEN pg_temp.rnd(x.id, 29) < 0.85 THEN 'regional'
                        WHEN pg_temp.rnd(x.id, 29) < 0.97 THEN 'national' ELSE 'export' END,
                   pg_temp.pick(%(prefixes)s::text[], x.id, 30)
                       || (%(commodities)s::text[])[x.commodity]
                       || ' ' || pg_temp.pick(%(words)s::text[], x.id, 31)
                       || CASE WHEN pg_temp.rnd(x.id, 32) < 0.5
                               THEN ' ' || (%(first)s::text[])[x.first_name] ELSE '' END,
                   CASE WHEN pg_temp.rnd(x.id, 33) < 0.8
                        THEN '91' || lpad(x.id::text, 11, '0') END,
                   CASE WHEN pg_temp.rnd(x.id, 34) < 0.6 THEN 'perorangan'
                        WHEN pg_temp.rnd(x.id, 34) < 0.8 THEN 'ud'
                        WHEN pg_temp.rnd(x.id, 34) < 0.9 THEN 'cv'
                        WHEN pg_temp.rnd(x.id, 34) < 0.95 THEN 'pt'
                        WHEN pg_temp.rnd(x.id, 34) < 0.98 THEN 'koperasi'
                        ELSE 'pt_perorangan' END,
                   (%(first)s::text[])[x.first_name] || ' '
                       || pg_temp.pick(%(last)s::text[], x.id, 35),
                   (%(genders)s::text[])[x.first_name],
                   '08' || lpad(floor(pg_temp.rnd(x.id, 36) * 1e10)::bigint::text, 10, '0'),
                   '',
                   pg_temp.pick(%(streets)s::text[], x.id, 37) || ' No. '
                       || pg_temp.between(x.id, 38, 1, 200),
                   pg_temp.between(x.id, 39, 1985, 2025),
                   CASE WHEN pg_temp.rnd(x.id, 40) < 0.9 THEN 'active'
                        WHEN pg_temp.rnd(x.id, 40) < 0.98 THEN 'inactive' ELSE 'closed' END,
                   1, x.city,
                   CASE WHEN x.sentra_id IS NULL THEN pg_temp.pick(x.villages, x.id, 23)
                        ELSE pg_temp.pick(x.villages, x.sentra_id, 12) END,
                   (%(kbli_ids)s::bigint[])[x.commodity], x.sentra_id
            FROM (
              SELECT y.*,
                     CASE WHEN y.sentra_id IS NULL
                          THEN 1 + floor(pg_temp.rnd(y.id, 22) * %(n_commodities)s)::int
                          ELSE array_position(%(commodities)s::text[],
                                              pg_temp.pick(%(commodities)s::text[],
                                                           y.sentra_id, 10)) END AS commodity,
                     1 + floor(pg_temp.rnd(y.id, 24) * %(n_first)s)::int AS first_name,
                     CASE WHEN pg_temp.rnd(y.id, 25) < 0.7 THEN pg_temp.between(y.id, 26, 1, 4)
                          WHEN pg_temp.rnd(y.id, 25) < 0.95 THEN pg_temp.between(y.id, 26, 5, 19)
                          ELSE pg_temp.between(y.id, 26, 20, 99) END AS workers,
                     round(10 ^ (6.5 + 3.5 * pg_temp.rnd(y.id, 27)) / 1000)::bigint * 1000
                         AS investment,
                     now() - make_interval(days => pg_temp.between(y.id, 41, 0, 1500))
                         AS created_at
              FROM (
                SELECT c.ikm_offset + k AS id, c.code AS city, c.villages,
                       CASE WHEN pg_temp.rnd(c.ikm_offset + k, 20) < %(in_sentra)s
                            THEN c.sentra_offset + pg_temp.between(c.ikm_offset + k, 21, 1,
                                                                    c.n_sentra) END AS sentra_id
                FROM gen_city c, generate_series(1, c.n_ikm) k
              ) y
            ) x
            CROSS JOIN LATERAL (
              SELECT floor(x.workers * pg_temp.rnd(x.id, 42))::int AS women
            ) w
            """,
            {
                **params,
                "n_commodities": len(words.COMMODITIES),
                "prefixes": words.NAME_PREFIXES,
                "words": words.NAME_WORDS,
                "first": [name for name, _ in words.FIRST_NAMES],
                "genders": [gender for _, gender in words.FIRST_NAMES],
                "n_first": len(words.FIRST_NAMES),
                "last": words.LAST_NAMES,
                "streets": words.STREETS,
                "in_sentra": SHARE_IN_SENTRA,
            },
        )

    @property
    def ikm_count(self) -> int:
        return self.counts["ikms"]

    def _products(self) -> int:
        """One product per IKM, with the IKM's id, so a product licence can name it directly."""
        params = self._commodity_params()
        return self._sql(
            """
            INSERT INTO registry_product (id, created_at, updated_at, name, brand, capacity_unit,
                                          is_published, ikm_id, kbli_id)
            SELECT i.id, i.created_at, i.created_at,
                   (%(products)s::text[])[
                       array_position(%(kbli_ids)s::bigint[], i.primary_kbli_id)],
                   split_part(i.name, ' ', 2), '', pg_temp.rnd(i.id, 50) < 0.3, i.id,
                   i.primary_kbli_id
            FROM registry_ikm i
            """,
            params,
        )

    def _licences(self) -> int:
        made = self._sql(
            """
            INSERT INTO licensing_licence (created_at, updated_at, number, status, applied_on,
                issued_on, valid_until, issuer, notes, risk_level, halal_route, sni_standard,
                tkdn_percent, bmp_percent, nice_class, djki_stage, registration_number,
                catalogue_kind, listing_id, ikm_id, product_id, licence_type_id, officer_id,
                version)
            SELECT d.issued_on::timestamptz, d.issued_on::timestamptz,
                   CASE WHEN d.status IN ('planned', 'applied', 'rejected', 'withdrawn') THEN ''
                        WHEN d.code = 'nib' THEN d.nib
                        WHEN d.code = 'pirt' THEN d.digits13 || to_char(d.valid_until, 'YY')
                        WHEN d.code = 'bpom_md' THEN 'MD' || left(d.digits13, 12)
                        WHEN d.code = 'halal' THEN 'ID' || d.digits13 || left(d.digits13, 5)
                        WHEN d.code = 'sni' THEN right(d.digits13, 4) || '/LSPro-BBIA/'
                             || to_char(d.issued_on, 'RM') || '/' || d.year
                        WHEN d.code = 'tkdn' THEN right(d.digits13, 4) || '/SJ-IND.8/TKDN/'
                             || d.year
                        WHEN d.code = 'merek' THEN 'DID' || d.filed || right(d.digits13, 6)
                        WHEN d.code = 'hak_cipta' THEN 'EC00' || d.filed || right(d.digits13, 5)
                        WHEN d.code = 'desain_industri' THEN 'A00' || d.filed
                             || right(d.digits13, 5)
                        WHEN d.code = 'paten_sederhana' THEN 'S00' || d.filed
                             || right(d.digits13, 5)
                        ELSE 'KTR-' || right(d.digits13, 4) || '/LKPP/' || d.year END,
                   d.status, d.applied_on,
                   CASE WHEN d.granted THEN d.issued_on END,
                   CASE WHEN d.granted THEN d.valid_until END,
                   d.issuer, '',
                   CASE WHEN d.code = 'nib' THEN 'low' ELSE '' END,
                   CASE WHEN d.code = 'halal' THEN
                        CASE WHEN d.r < 0.7 THEN 'self_declare' ELSE 'regular' END
                        ELSE '' END,
                   CASE WHEN d.code = 'sni' THEN 'SNI 01-2891-1992' ELSE '' END,
                   CASE WHEN d.code = 'tkdn' THEN round((25 + 55 * d.r)::numeric, 2) END,
                   CASE WHEN d.code = 'tkdn' THEN round((15 * d.r)::numeric, 2) END,
                   CASE WHEN d.code = 'merek' THEN pg_temp.between(d.n, 53, 1, 45) END,
                   CASE WHEN d.code IN ('merek', 'desain_industri', 'paten_sederhana') THEN
                        CASE WHEN d.granted THEN 'registered'
                             WHEN d.status = 'rejected' THEN 'refused' ELSE 'filed' END
                        ELSE '' END,
                   CASE WHEN d.granted AND d.code = 'merek' THEN 'IDM' || right(d.digits13, 9)
                        WHEN d.granted AND d.code = 'hak_cipta' THEN right(d.digits13, 9)
                        WHEN d.granted AND d.code = 'desain_industri'
                             THEN 'IDD' || right(d.digits13, 9)
                        WHEN d.granted AND d.code = 'paten_sederhana'
                             THEN 'IDS' || right(d.digits13, 9)
                        ELSE '' END,
                   CASE WHEN d.code = 'e_katalog' THEN
                        CASE WHEN d.r < 0.6 THEN 'local' WHEN d.r < 0.9 THEN 'sectoral'
                             ELSE 'national' END
                        ELSE '' END,
                   CASE WHEN d.code = 'e_katalog' AND d.granted
                        THEN 'P-' || right(d.digits13, 8) ELSE '' END,
                   d.ikm_id, CASE WHEN d.per_product THEN d.ikm_id END, d.code,
                   CASE WHEN pg_temp.rnd(d.n, 54) < 0.3 THEN c.officer_id END, 1
            FROM (
              SELECT s.*,
                     s.status IN ('issued', 'expired', 'revoked') AS granted,
                     s.issued_on - pg_temp.between(s.n, 55, 14, 60) AS applied_on,
                     to_char(s.issued_on, 'YYYY') AS year,
                     to_char(s.issued_on - pg_temp.between(s.n, 55, 14, 60), 'YYYY') AS filed,
                     CASE WHEN s.months IS NULL THEN NULL
                          WHEN s.code IN ('merek', 'desain_industri', 'paten_sederhana')
                          THEN s.issued_on - pg_temp.between(s.n, 55, 14, 60)
                               + make_interval(months => s.months)
                          ELSE s.issued_on + make_interval(months => s.months) END::date
                         AS valid_until
              FROM (
                SELECT t.*,
                       CASE WHEN t.code = 'nib' THEN 'issued'
                            WHEN t.recorded_expired THEN 'expired'
                            WHEN t.r_status < 0.08 THEN 'planned'
                            WHEN t.r_status < 0.2 THEN 'applied'
                            WHEN t.r_status < 0.24 THEN 'rejected'
                            WHEN t.r_status < 0.26 THEN 'withdrawn'
                            WHEN t.r_status < 0.27 THEN 'revoked'
                            ELSE 'issued' END AS status,
                       -- Issued up to 1.2 validity periods ago: some passed their date
                       -- (expired, not yet recorded), some expire within the next 90 days.
                       (current_date - CASE WHEN t.recorded_expired
                            THEN t.months * 31 + pg_temp.between(t.n, 56, 30, 1500)
                            ELSE floor(pg_temp.rnd(t.n, 56)
                                       * coalesce(t.months, 60) * 36.5)::int END)
                           AS issued_on,
                       lpad(floor(pg_temp.rnd(t.n, 57) * 1e13)::bigint::text, 13, '0')
                           AS digits13
                FROM (
                  SELECT i.id * 16 + slot.no AS n, i.id AS ikm_id, i.nib, i.city_id,
                         slot.code, slot.months, slot.issuer,
                         -- The second P-IRT is the one its successor replaced; a few more
                         -- passed their date and were recorded as expired.
                         slot.no = 3 OR (slot.months IS NOT NULL AND pg_temp.rnd(
                             i.id * 16 + slot.no, 59) BETWEEN 0.27 AND 0.31) AS recorded_expired,
                         lt.scope = 'product' AS per_product,
                         pg_temp.rnd(i.id * 16 + slot.no, 58) AS r,
                         pg_temp.rnd(i.id * 16 + slot.no, 59) AS r_status
                  FROM registry_ikm i
                  CROSS JOIN unnest(%(codes)s::text[], %(food_chance)s::float8[],
                                    %(other_chance)s::float8[], %(months)s::int[],
                                    %(issuers)s::text[])
                       WITH ORDINALITY slot(code, food, other, months, issuer, no)
                  JOIN licensing_licencetype lt ON lt.code = slot.code
                  WHERE (slot.code <> 'nib' OR i.nib IS NOT NULL)
                    AND pg_temp.rnd(i.id * 16 + slot.no, 60) <
                        CASE WHEN (%(food)s::boolean[])[array_position(%(kbli_ids)s::bigint[],
                                                          i.primary_kbli_id)]
                             THEN slot.food ELSE slot.other END
                ) t
              ) s
            ) d
            JOIN gen_city c ON c.code = d.city_id
            ORDER BY d.n
            """,
            self._licence_params(),
        )
        # An e-Katalog listing names the product's distribution permit; without one, none.
        self._sql(
            """
            UPDATE licensing_licence listing SET distribution_permit_id = (
              SELECT min(permit.id) FROM licensing_licence permit
              WHERE permit.ikm_id = listing.ikm_id AND permit.product_id = listing.product_id
                AND permit.licence_type_id IN ('pirt', 'bpom_md'))
            WHERE listing.licence_type_id = 'e_katalog'
            """
        )
        return made - self._sql(
            """
            DELETE FROM licensing_licence
            WHERE licence_type_id = 'e_katalog' AND distribution_permit_id IS NULL
            """
        )

    def _licence_params(self) -> dict:
        """The slots as arrays, with each type's validity in months (certificates: 4 years)."""
        types = {t.code: t for t in LicenceType.objects.all()}
        codes = [code for code, _, _ in LICENCE_SLOTS]
        return {
            **self._commodity_params(),
            "codes": codes,
            "food_chance": [food for _, food, _ in LICENCE_SLOTS],
            "other_chance": [other for _, _, other in LICENCE_SLOTS],
            "months": [
                types[code].default_validity_months
                or {"certificate": 48, "distribution_permit": 36}.get(types[code].validity_basis)
                for code in codes
            ],
            "issuers": [ISSUERS[code] for code in codes],
        }

    def _snapshots(self) -> int:
        """Five years of figures for a tenth of the IKMs, growing towards today's."""
        return self._sql(
            """
            INSERT INTO registry_yearlysnapshot (workers_male, workers_female, investment,
                production_value, market_reach, year, recorded_at, ikm_id)
            SELECT floor(i.workers_male * f.factor)::int, floor(i.workers_female * f.factor)::int,
                   round(i.investment * f.factor / 1000)::bigint * 1000,
                   round(i.production_value * f.factor / 1000)::bigint * 1000,
                   CASE WHEN pg_temp.rnd(i.id * 8 + y.year, 62) < 0.12 * (%(last)s - y.year)
                        THEN 'local' ELSE i.market_reach END,
                   y.year, make_timestamptz(y.year, 12, 15, 10, 0, 0, 'Asia/Makassar'), i.id
            FROM registry_ikm i
            CROSS JOIN unnest(%(years)s::int[]) y(year)
            CROSS JOIN LATERAL (
              SELECT least(1.0, 0.55 + 0.1 * (y.year - %(first)s)
                                + 0.1 * pg_temp.rnd(i.id * 8 + y.year, 61)) AS factor
            ) f
            WHERE pg_temp.rnd(i.id, 63) < %(share)s
            ORDER BY i.id, y.year
            """,
            {
                "years": list(SNAPSHOT_YEARS),
                "first": SNAPSHOT_YEARS[0],
                "last": SNAPSHOT_YEARS[-1],
                "share": SHARE_WITH_SNAPSHOTS,
            },
        )

    def _cases(self) -> int:
        made = self._sql(
            """
            INSERT INTO guidance_case (id, created_at, updated_at, goal, description, status,
                outcome, closed_at, assigned_to_id, ikm_id, licence_type_id, requested_by_id)
            SELECT k.n, k.created_at, coalesce(k.closed_at, k.created_at), k.goal,
                   pg_temp.pick(%(descriptions)s::text[], k.n, 71), k.status,
                   CASE WHEN k.status = 'done' THEN
                        CASE WHEN pg_temp.rnd(k.n, 72) < 0.75 THEN 'succeeded'
                             ELSE 'not_succeeded' END
                        ELSE '' END,
                   k.closed_at,
                   CASE WHEN k.status <> 'submitted' THEN c.officer_id END,
                   i.id,
                   CASE WHEN k.goal = 'licence' THEN
                        pg_temp.pick(ARRAY['pirt', 'halal', 'merek', 'nib', 'sni', 'tkdn'],
                                     k.n, 73) END,
                   c.officer_id
            FROM (
              SELECT j.*,
                     CASE WHEN j.status IN ('done', 'cancelled')
                          THEN least(now(), j.created_at
                                    + make_interval(days => pg_temp.between(j.n, 74, 5, 90)))
                          END AS closed_at
              FROM (
                SELECT n, 1 + floor(pg_temp.rnd(n, 70) * %(ikms)s)::bigint AS ikm_id,
                       now() - make_interval(days => pg_temp.between(n, 75, 0, 730),
                                             hours => pg_temp.between(n, 76, 0, 23))
                           AS created_at,
                       CASE WHEN pg_temp.rnd(n, 77) < 0.15 THEN 'submitted'
                            WHEN pg_temp.rnd(n, 77) < 0.25 THEN 'assigned'
                            WHEN pg_temp.rnd(n, 77) < 0.5 THEN 'in_progress'
                            WHEN pg_temp.rnd(n, 77) < 0.9 THEN 'done'
                            ELSE 'cancelled' END AS status,
                       CASE WHEN pg_temp.rnd(n, 78) < 0.5 THEN 'licence'
                            WHEN pg_temp.rnd(n, 78) < 0.65 THEN 'packaging'
                            WHEN pg_temp.rnd(n, 78) < 0.75 THEN 'quality'
                            WHEN pg_temp.rnd(n, 78) < 0.9 THEN 'marketing'
                            WHEN pg_temp.rnd(n, 78) < 0.95 THEN 'financing'
                            ELSE 'other' END AS goal
                FROM generate_series(1, %(cases)s) n
              ) j
            ) k
            JOIN registry_ikm i ON i.id = k.ikm_id
            JOIN gen_city c ON c.code = i.city_id
            ORDER BY k.n
            """,
            {
                "descriptions": CASE_DESCRIPTIONS,
                "ikms": self.ikm_count,
                "cases": self.volumes.cases,
            },
        )
        # The timeline: the request, and the status the case is in now.
        self._sql(
            """
            INSERT INTO guidance_caseentry (case_id, kind, from_status, to_status, text,
                created_at, author_id, visit_attendees, visit_place)
            SELECT k.id, 'status', '', 'submitted', '', k.created_at, k.requested_by_id, '', ''
            FROM guidance_case k
            UNION ALL
            SELECT k.id, 'status', 'submitted', k.status, '', k.updated_at, k.assigned_to_id,
                   '', ''
            FROM guidance_case k WHERE k.status <> 'submitted'
            ORDER BY 1, 6
            """
        )
        return made

    def _activities(self) -> int:
        # Each activity takes place in the city of an IKM drawn by number (salt 80); the
        # participants step draws the same IKM to find that city again.
        return self._sql(
            """
            INSERT INTO guidance_activity (id, created_at, updated_at, kind, title, starts_on,
                ends_on, venue, organiser, budget_source, outputs, version, city_office_id,
                owner_office_id, province_office_id)
            SELECT a.n, now(), now(), (%(kinds)s::text[])[a.kind_no],
                   (%(titles)s::text[])[a.kind_no] || ' '
                       || pg_temp.pick(%(commodities)s::text[], a.n, 81)
                       || ' ' || to_char(a.starts_on, 'YYYY'),
                   a.starts_on, a.starts_on + pg_temp.between(a.n, 82, 0, 3),
                   pg_temp.pick(ARRAY['Aula Dinas', 'Gedung Serbaguna', 'Hotel Grand Kota',
                                      'Balai Pelatihan', 'Lapangan Pameran'], a.n, 83),
                   a.organiser,
                   CASE a.organiser
                        WHEN 'city' THEN pg_temp.pick(ARRAY['apbd_kota', 'apbd_kota', 'dak',
                                                            'apbn'], a.n, 84)
                        WHEN 'province' THEN pg_temp.pick(ARRAY['apbd_provinsi', 'apbn'],
                                                          a.n, 84)
                        ELSE pg_temp.pick(ARRAY['apbd_kota', 'apbd_provinsi', 'other'], a.n, 84)
                        END,
                   '', 1,
                   CASE WHEN a.organiser <> 'province' THEN c.office_id END,
                   CASE WHEN a.organiser = 'province' THEN c.province_office_id
                        ELSE c.office_id END,
                   CASE WHEN a.organiser <> 'city' THEN c.province_office_id END
            FROM (
              SELECT n, 1 + floor(pg_temp.rnd(n, 80) * %(ikms)s)::bigint AS ikm_id,
                     pg_temp.between(n, 85, 1, %(n_kinds)s) AS kind_no,
                     CASE WHEN pg_temp.rnd(n, 86) < 0.7 THEN 'city'
                          WHEN pg_temp.rnd(n, 86) < 0.9 THEN 'province' ELSE 'joint' END
                         AS organiser,
                     date '2022-01-01' + pg_temp.between(n, 87, 0,
                                                         current_date - date '2022-01-01' + 90)
                         AS starts_on
              FROM generate_series(1, %(activities)s) n
            ) a
            JOIN registry_ikm i ON i.id = a.ikm_id
            JOIN gen_city c ON c.code = i.city_id
            ORDER BY a.n
            """,
            {
                "commodities": [commodity for commodity, _, _ in words.COMMODITIES],
                "kinds": [kind for kind, _ in ACTIVITY_TITLES],
                "titles": [title for _, title in ACTIVITY_TITLES],
                "n_kinds": len(ACTIVITY_TITLES),
                "ikms": self.ikm_count,
                "activities": self.volumes.activities,
            },
        )

    def _participants(self) -> int:
        """10–20 IKMs of the activity's city per activity; attendance once it has taken place."""
        low, high = PARTICIPANTS_PER_ACTIVITY
        return self._sql(
            """
            INSERT INTO guidance_activityparticipant (attended, note, activity_id, ikm_id)
            SELECT DISTINCT ON (p.activity_id, p.ikm_id)
                   p.attended, '', p.activity_id, p.ikm_id
            FROM (
              SELECT a.id AS activity_id,
                     c.ikm_offset + pg_temp.between(a.id * 32 + j, 91, 1, c.n_ikm) AS ikm_id,
                     CASE WHEN a.starts_on > current_date THEN NULL
                          ELSE pg_temp.rnd(a.id * 32 + j, 92) < 0.85 END AS attended
              FROM guidance_activity a
              JOIN registry_ikm i ON i.id = 1 + floor(pg_temp.rnd(a.id, 80) * %(ikms)s)::bigint
              JOIN gen_city c ON c.code = i.city_id
              CROSS JOIN generate_series(1, %(high)s) j
              WHERE j <= pg_temp.between(a.id, 90, %(low)s, %(high)s)
            ) p
            ORDER BY p.activity_id, p.ikm_id
            """,
            {"low": low, "high": high, "ikms": self.ikm_count},
        )

    def _sequences(self) -> None:
        for table in (
            "registry_sentra",
            "registry_ikm",
            "registry_product",
            "licensing_licence",
            "guidance_case",
            "guidance_activity",
        ):
            self._sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"coalesce((SELECT max(id) FROM {table}), 1))"  # (names from the tuple above)
            )

    def create_bench_accounts(self):
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
                "SELECT left(city_id, 2) FROM registry_ikm GROUP BY 1 "
                "ORDER BY count(*) DESC, 1 LIMIT 1"
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
