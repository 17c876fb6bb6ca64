-- What ingestion must know about each submission of a batch, in one snapshot (ADR 014, ADR 035): an existing
-- purchase with the same external id in the submission's namespace (:partner_ids, '' for users: ADR 040), whether the owner exists and is active (null: no such user), the merchant, the merchant's active
-- offers valid today with the cashback the owner already earned on each this month (one counter row each,
-- ADR 031), and the owner's wallet version. The submissions come as parallel arrays; `n` is each one's position
-- (from 1). One row per submission and candidate offer (one row with null offer columns when there is none).
--
-- The duplicate is one probe of the unique index per submission (LATERAL, in the index's order, LIMIT 1), whatever
-- the statistics say. As a plain join, a young table without statistics (`IS NOT DISTINCT FROM` is no index
-- condition, so the planner could not know the probe finds one row) was read whole for every statement
-- (docs/performance.md).
--
-- :names are parameters. PostgresPurchaseRepository binds them by name; make bench runs this very file with
-- pgbench, which reads the same :names as its variables.
SELECT s.n, d.id, d.external_id, d.user_id, d.merchant_id, d.offer_id, d.amount, d.cashback_amount, d.currency,
       d.status, d.created_at,
       m.id, m.name, m.default_cashback_percentage, m.active,
       o.id, o.percentage, o.fixed_amount, o.start_date::text, o.end_date::text, o.monthly_cap_per_user,
       coalesce((SELECT e.amount FROM cashback_earned e
                 WHERE e.user_id = s.user_id AND e.offer_id = o.id AND e.month = :month::date), 0) AS earned,
       (SELECT u.active FROM users u WHERE u.id = s.user_id) AS owner_active,
       (SELECT w.version FROM wallets w WHERE w.user_id = s.user_id) AS wallet_version,
       d.partner_id
FROM unnest(:external_ids::text[], :merchant_ids::uuid[], :user_ids::uuid[], :partner_ids::text[]) WITH ORDINALITY
     AS s (external_id, merchant_id, user_id, partner_id, n)
LEFT JOIN LATERAL (SELECT * FROM purchases p
                   WHERE p.external_id = s.external_id
                     AND p.partner_id IS NOT DISTINCT FROM nullif(s.partner_id, '')::uuid
                   ORDER BY p.external_id, p.partner_id LIMIT 1) d ON true
LEFT JOIN merchants m ON m.id = s.merchant_id
LEFT JOIN offers o ON o.merchant_id = m.id AND o.active AND o.start_date <= :today::date AND o.end_date >= :today::date
ORDER BY s.n
