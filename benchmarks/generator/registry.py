"""Regions, offices and their officers, sentras, IKMs with one product each, yearly data."""

from benchmarks import vocabulary as words
from benchmarks.generator.run import Run
from registry.models import Kbli
from registry.models.ikm_words import VOCABULARY_OF_EVERY_IKM, WORDS_OF_EVERY_IKM
from sentra_portal.constants import Role

IKMS_PER_SENTRA = 50
SHARE_IN_SENTRA = 0.6
SHARE_WITH_SNAPSHOTS = 0.1
SNAPSHOT_YEARS = (2021, 2022, 2023, 2024, 2025)


def commodity_params() -> dict:
    kbli_ids = dict(Kbli.objects.filter(version="2020").values_list("code", "id"))
    return {
        "commodities": [commodity for commodity, _, _ in words.COMMODITIES],
        "products": [product for _, product, _ in words.COMMODITIES],
        "kbli_ids": [kbli_ids[code] for _, _, code in words.COMMODITIES],
        "food": [code[:2] in ("10", "11") for _, _, code in words.COMMODITIES],
    }


def regions(run: Run) -> int:
    """Districts and villages for the cities whose real ones are not in the reference data."""
    places = words.PLACE_NAMES
    made = run.sql(
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
    made += run.sql(
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


def offices(run: Run) -> int:
    return run.sql(
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


def cities(run: Run) -> int:
    """One row per city: its share of IKMs, where its ids start, its villages, its office."""
    provinces = list(words.PROVINCE_POPULATION)
    weights = [
        population
        * (words.JAVA_FACTOR if code in words.JAVA else 1)
        * (words.PAPUA_FACTOR if code in words.PAPUA else 1)
        for code, population in words.PROVINCE_POPULATION.items()
    ]
    run.sql(
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
    run.sql(
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
        {"ikms": run.volumes.ikms, "per_sentra": IKMS_PER_SENTRA},
    )
    run.sql("CREATE UNIQUE INDEX ON gen_city (code)")
    run.sql("ANALYZE gen_city")
    return run.sql("SELECT 1 FROM gen_city")


def officers(run: Run) -> int:
    """One officer per city office: the cases and licences of the city are theirs."""
    made = run.sql(
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
    run.sql(
        """
        UPDATE gen_city c SET officer_id = u.id
        FROM sentra_portal_user u WHERE u.username = 'petugas.' || replace(c.code, '.', '')
        """
    )
    return made


def sentras(run: Run) -> int:
    # A sentra's commodity is pick(commodities, id, 10) and its village
    # pick(villages, id, 12): the IKM step recomputes both for its members.
    params = commodity_params()
    made = run.sql(
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
    run.sql(
        """
        INSERT INTO registry_sentra_kelurahans (sentra_id, region_id)
        SELECT s.id, pg_temp.pick(c.villages, s.id, 12)
        FROM registry_sentra s JOIN gen_city c ON c.code = s.city_id
        """
    )
    run.sql(
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


def ikms(run: Run) -> int:
    params = commodity_params()
    return run.sql(
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


def ikm_words(run: Run) -> int:
    """The words of every IKM's names, as the trigger `ikm_words` would have written them."""
    return run.sql(WORDS_OF_EVERY_IKM)


def name_words(run: Run) -> int:
    """Every word of the names, as the trigger `ikm_words` would have added them."""
    return run.sql(VOCABULARY_OF_EVERY_IKM)


def products(run: Run) -> int:
    """One product per IKM, with the IKM's id, so a product licence can name it directly."""
    params = commodity_params()
    return run.sql(
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


def snapshots(run: Run) -> int:
    """Five years of figures for a tenth of the IKMs, growing towards today's."""
    return run.sql(
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
