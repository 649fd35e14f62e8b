"""Guidance cases with their timeline's status entries; activities and their participants."""

from benchmarks import vocabulary as words
from benchmarks.generator.run import Run

PARTICIPANTS_PER_ACTIVITY = (10, 20)
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


def cases(run: Run) -> int:
    made = run.sql(
        """
        INSERT INTO guidance_case (id, created_at, updated_at, goal, description, status,
            outcome, closed_at, assigned_to_id, ikm_id, city_id, licence_type_id,
            requested_by_id)
        SELECT k.n, k.created_at, coalesce(k.closed_at, k.created_at), k.goal,
               pg_temp.pick(%(descriptions)s::text[], k.n, 71), k.status,
               CASE WHEN k.status = 'done' THEN
                    CASE WHEN pg_temp.rnd(k.n, 72) < 0.75 THEN 'succeeded'
                         ELSE 'not_succeeded' END
                    ELSE '' END,
               k.closed_at,
               CASE WHEN k.status <> 'submitted' THEN c.officer_id END,
               i.id, i.city_id,
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
            "ikms": run.counts["ikms"],
            "cases": run.volumes.cases,
        },
    )
    # The timeline: the request, and the status the case is in now.
    run.sql(
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


def activities(run: Run) -> int:
    # Each activity takes place in the city of an IKM drawn by number (salt 80); the
    # participants step draws the same IKM to find that city again.
    return run.sql(
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
            "ikms": run.counts["ikms"],
            "activities": run.volumes.activities,
        },
    )


def participants(run: Run) -> int:
    """10–20 IKMs of the activity's city per activity; attendance once it has taken place."""
    low, high = PARTICIPANTS_PER_ACTIVITY
    return run.sql(
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
        {"low": low, "high": high, "ikms": run.counts["ikms"]},
    )
