-- :count pending purchases exactly as ingestion leaves them (purchase, cashback transaction, pending credit and
-- its ledger row, verification-queue row), spread over the bench users.
INSERT INTO wallets (user_id) SELECT id FROM bench_users ON CONFLICT DO NOTHING;
WITH ids AS (
    SELECT gen_random_uuid() AS id, (SELECT id FROM bench_users WHERE n = 1 + (g % (SELECT count(*) FROM bench_users))) AS user_id
    FROM generate_series(1, :count) AS g
), p AS (
    INSERT INTO purchases (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount, currency, status)
    SELECT id, 'backlog-' || id, user_id, 'bbbbbbbb-0000-4000-8000-000000000001', 'bbbbbbbb-0000-4000-8000-000000000002',
           100.00, 5.00, 'EUR', 'pending' FROM ids
    RETURNING id, user_id, cashback_amount
), c AS (
    INSERT INTO cashback_transactions (id, user_id, purchase_id, amount)
    SELECT gen_random_uuid(), user_id, id, cashback_amount FROM p
), l AS (
    INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id)
    SELECT user_id, 'pending', cashback_amount, 'purchase_ingested', id FROM p
), q AS (
    INSERT INTO purchase_verifications (purchase_id) SELECT id FROM p
)
UPDATE wallets w SET pending_balance = w.pending_balance + t.total
FROM (SELECT user_id, sum(cashback_amount) AS total FROM p GROUP BY user_id) t WHERE w.user_id = t.user_id;
