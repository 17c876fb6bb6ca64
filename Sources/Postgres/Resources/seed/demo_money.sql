-- The demo seed's purchases, payout and ledger, chosen so that the wallets come out as the original's seed
-- lists them (alice 19.05 / 15.00 / 50.00, bob 10.88 / 6.00 / 0.00, carol 12.00 / 0 / 0) and reconcile clean:
-- balances are derived from the ledger rows this script inserts, never written directly. Run by DemoSeed
-- (`clicknback seed`) in one transaction after the users, merchants, offers and flags; idempotent.

INSERT INTO wallets (user_id) VALUES
    ('b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d'), ('c8d3e2b1-5a4b-4c3d-8b2a-7e6f5d4c3b2a'),
    ('d9f4b3c2-6b5c-5d4e-7c3b-6a5e4d3c2b1a')
ON CONFLICT DO NOTHING;

INSERT INTO purchases (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount, currency,
                       status, created_at, settled_at) VALUES
    ('aa000001-0000-0000-0000-000000000001', 'txn_seed_001', 'b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d',
     'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 381.00, 19.05, 'EUR',
     'pending', '2026-02-20 10:00:00+00', NULL),
    ('aa000001-0000-0000-0000-000000000002', 'txn_seed_002', 'b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d',
     'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 1000.00, 50.00, 'EUR',
     'confirmed', '2026-01-15 10:00:00+00', '2026-01-15 10:01:00+00'),
    ('aa000001-0000-0000-0000-000000000003', 'txn_seed_003', 'c8d3e2b1-5a4b-4c3d-8b2a-7e6f5d4c3b2a',
     'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 217.60, 10.88, 'EUR',
     'pending', '2026-02-25 10:00:00+00', NULL),
    ('aa000001-0000-0000-0000-000000000004', 'txn_seed_004', 'c8d3e2b1-5a4b-4c3d-8b2a-7e6f5d4c3b2a',
     'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'f1e2d3c4-b5a6-4789-8123-456789abcdef', 20.00, 3.00, 'EUR',
     'confirmed', '2026-02-10 10:00:00+00', '2026-02-10 10:01:00+00'),
    ('aa000001-0000-0000-0000-000000000005', 'txn_seed_005', 'b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d',
     'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 300.00, 15.00, 'EUR',
     'confirmed', '2026-02-27 10:00:00+00', '2026-02-27 10:01:00+00'),
    ('aa000001-0000-0000-0000-000000000006', 'txn_seed_006', 'c8d3e2b1-5a4b-4c3d-8b2a-7e6f5d4c3b2a',
     'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e', 'f1e2d3c4-b5a6-4789-8123-456789abcdef', 35.00, 3.00, 'EUR',
     'confirmed', '2026-02-11 10:00:00+00', '2026-02-11 10:01:00+00'),
    ('aa000001-0000-0000-0000-000000000007', 'txn_seed_007', 'd9f4b3c2-6b5c-5d4e-7c3b-6a5e4d3c2b1a',
     'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'f0e1d2c3-b4a5-4678-9012-3456789abcde', 240.00, 12.00, 'EUR',
     'pending', '2026-02-26 10:00:00+00', NULL)
ON CONFLICT DO NOTHING;

INSERT INTO cashback_transactions (id, user_id, purchase_id, amount, status, created_at)
SELECT ('cc' || substr(p.id::text, 3))::uuid, p.user_id, p.id, p.cashback_amount,
       CASE p.status WHEN 'confirmed' THEN 'available' ELSE 'pending' END, p.created_at
FROM purchases p WHERE p.id::text LIKE 'aa000001-0000-0000-0000-%'
ON CONFLICT DO NOTHING;

INSERT INTO purchase_verifications (purchase_id, next_attempt_at)
SELECT id, created_at FROM purchases WHERE id::text LIKE 'aa000001-0000-0000-0000-%' AND status = 'pending'
ON CONFLICT DO NOTHING;

INSERT INTO payouts (id, user_id, amount, method, details, status, idempotency_key, requested_at, processed_at)
VALUES ('bb000001-0000-0000-0000-000000000001', 'b7e2c1a2-4f3a-4e2b-9c1a-8d2e3f4b5c6d', 50.00,
        'bank_transfer', '{"iban": "ES9121000418450200051332", "account_holder": "Alice"}', 'completed',
        'seed-payout-1', '2026-01-20 10:00:00+00', '2026-01-21 10:00:00+00')
ON CONFLICT DO NOTHING;

WITH movements (user_id, bucket, delta, reason, reference_id, created_at) AS (
    SELECT p.user_id, 'pending', c.amount, 'purchase_ingested', p.id, p.created_at
    FROM purchases p JOIN cashback_transactions c ON c.purchase_id = p.id
    WHERE p.id::text LIKE 'aa000001-0000-0000-0000-%'
    UNION ALL
    SELECT p.user_id, b.bucket, b.sign * c.amount, 'purchase_confirmed', p.id, p.settled_at
    FROM purchases p JOIN cashback_transactions c ON c.purchase_id = p.id
    CROSS JOIN (VALUES ('pending', -1), ('available', 1)) AS b (bucket, sign)
    WHERE p.id::text LIKE 'aa000001-0000-0000-0000-%' AND p.status = 'confirmed'
    UNION ALL
    SELECT user_id, 'available', -amount, 'payout_requested', id, requested_at FROM payouts
    WHERE id = 'bb000001-0000-0000-0000-000000000001'
    UNION ALL
    SELECT user_id, 'paid', amount, 'payout_completed', id, processed_at FROM payouts
    WHERE id = 'bb000001-0000-0000-0000-000000000001'
), inserted AS (
    INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at)
    SELECT user_id, bucket, delta, reason, reference_id, created_at FROM movements ORDER BY created_at
    ON CONFLICT DO NOTHING
    RETURNING user_id, bucket, delta
), totals AS (
    SELECT user_id, coalesce(sum(delta) FILTER (WHERE bucket = 'pending'), 0) AS pending,
           coalesce(sum(delta) FILTER (WHERE bucket = 'available'), 0) AS available,
           coalesce(sum(delta) FILTER (WHERE bucket = 'paid'), 0) AS paid
    FROM inserted GROUP BY user_id
)
UPDATE wallets w SET pending_balance = w.pending_balance + t.pending,
                     available_balance = w.available_balance + t.available,
                     paid_balance = w.paid_balance + t.paid
FROM totals t WHERE w.user_id = t.user_id
