"""About three licence records per IKM, of every type and status, that the portal's own
validation accepts (numbers in each type's format, dates in order, DJKI stages that fit)."""

from benchmarks.generator.registry import commodity_params
from benchmarks.generator.run import Run
from licensing.models import LicenceType

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


def licences(run: Run) -> int:
    """Licence number n is slot n % 16 of IKM n // 16: its id, so that others can name it."""
    return run.sql(
        """
        INSERT INTO licensing_licence (id, created_at, updated_at, number, status, applied_on,
            issued_on, valid_until, issuer, notes, risk_level, halal_route, sni_standard,
            tkdn_percent, bmp_percent, nice_class, djki_stage, registration_number,
            catalogue_kind, listing_id, ikm_id, city_id, product_id, licence_type_id,
            officer_id, version, distribution_permit_id)
        SELECT d.n, d.issued_on::timestamptz, d.issued_on::timestamptz,
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
               d.ikm_id, d.city_id, CASE WHEN d.per_product THEN d.ikm_id END, d.code,
               CASE WHEN pg_temp.rnd(d.n, 54) < 0.3 THEN c.officer_id END, 1, d.permit_id
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
                     -- An e-Katalog listing names the product's P-IRT, else its MD: the
                     -- licence its slot made (ids are the slots' numbers), if it made one.
                     CASE WHEN slot.code = 'e_katalog' THEN
                          CASE WHEN pg_temp.rnd(i.id * 16 + %(pirt_no)s, 60) < %(pirt_chance)s
                               THEN i.id * 16 + %(pirt_no)s
                               WHEN pg_temp.rnd(i.id * 16 + %(md_no)s, 60) < %(md_chance)s
                               THEN i.id * 16 + %(md_no)s END
                          END AS permit_id,
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
        WHERE d.code <> 'e_katalog' OR d.permit_id IS NOT NULL  -- no listing without a permit
        ORDER BY d.n
        """,
        licence_params(),
    )


def licence_params() -> dict:
    """The slots as arrays, with each type's validity in months (certificates: 4 years)."""
    types = {t.code: t for t in LicenceType.objects.all()}
    codes = [code for code, _, _ in LICENCE_SLOTS]
    return {
        **commodity_params(),
        "codes": codes,
        "food_chance": [food for _, food, _ in LICENCE_SLOTS],
        "other_chance": [other for _, _, other in LICENCE_SLOTS],
        "months": [
            types[code].default_validity_months
            or {"certificate": 48, "distribution_permit": 36}.get(types[code].validity_basis)
            for code in codes
        ],
        "issuers": [ISSUERS[code] for code in codes],
        **_permit_slot("pirt", "pirt"),
        **_permit_slot("md", "bpom_md"),
    }


def _permit_slot(name: str, code: str) -> dict:
    """The number (1-based) and a food business's chance of the first slot of `code`."""
    number, (_code, food_chance, _other) = next(
        (number, slot) for number, slot in enumerate(LICENCE_SLOTS, 1) if slot[0] == code
    )
    return {f"{name}_no": number, f"{name}_chance": food_chance}
