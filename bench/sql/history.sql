-- :per_user confirmed purchases this month for each of the bench users numbered 1 to :users, on the bench offer:
-- the long month of a heavy user, for the monthly cap's "first against ten-thousandth purchase" step of
-- scripts/bench.sh. Only the purchase rows: the cap reads the per-month counter (cashback_earned, ADR 031), which
-- the trigger on purchases keeps, and nothing else the ingest path reads depends on a user's history.
INSERT INTO purchases (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount, currency, status)
SELECT gen_random_uuid(), 'history-' || u.n || '-' || g, u.id, 'bbbbbbbb-0000-4000-8000-000000000001',
       'bbbbbbbb-0000-4000-8000-000000000002', 100.00, 5.00, 'EUR', 'confirmed'
FROM bench_users u CROSS JOIN generate_series(1, :per_user) AS g
WHERE u.n <= :users;
ANALYZE purchases;
