-- Load for `make explain-lists`: 100 000 rows in every table a list endpoint pages through, spread the way a
-- live service spreads them (1 000 users, 20 merchants with an offer each, 100 000 purchases over 90 days with
-- their cashback transactions and ledger rows, 20 000 payouts, 2 000 feature flags). Run after migrations.
INSERT INTO users (id, email, mailbox_key, hashed_password, role, active)
SELECT gen_random_uuid(), 'plan-' || n || '@example.com', 'plan-' || n || '@example.com', 'x', 'user', true
FROM generate_series(1, 1000) AS n;
INSERT INTO merchants (id, name, default_cashback_percentage, active)
SELECT gen_random_uuid(), 'Plan shop ' || n, 5, n % 10 <> 0 FROM generate_series(1, 20) AS n;
INSERT INTO offers (id, merchant_id, percentage, start_date, end_date, monthly_cap_per_user, active)
SELECT gen_random_uuid(), id, 5, '2020-01-01', '2099-12-31', 1000, true FROM merchants;
CREATE TEMP TABLE plan_users AS SELECT row_number() OVER () AS n, id FROM users;
CREATE TEMP TABLE plan_offers AS SELECT row_number() OVER () AS n, id, merchant_id FROM offers;
INSERT INTO purchases (id, external_id, user_id, merchant_id, offer_id, amount, cashback_amount, currency, status,
                       created_at)
SELECT gen_random_uuid(), 'plan-' || g, u.id, o.merchant_id, o.id, 100, 5, 'EUR',
       (ARRAY['pending', 'confirmed', 'confirmed', 'confirmed', 'rejected', 'reversed'])[1 + g % 6],
       now() - (g % 129600) * interval '1 minute'
FROM generate_series(1, 100000) AS g
JOIN plan_users u ON u.n = 1 + g % 1000
JOIN plan_offers o ON o.n = 1 + g % 20;
INSERT INTO cashback_transactions (id, user_id, purchase_id, amount, status, created_at)
SELECT gen_random_uuid(), user_id, id, cashback_amount,
       CASE status WHEN 'pending' THEN 'pending' WHEN 'confirmed' THEN 'available' ELSE 'reversed' END, created_at
FROM purchases;
INSERT INTO wallets (user_id) SELECT id FROM users;
INSERT INTO wallet_ledger (user_id, bucket, delta, reason, reference_id, created_at)
SELECT user_id, 'pending', cashback_amount, 'purchase_ingested', id, created_at FROM purchases;
INSERT INTO payouts (id, user_id, amount, method, details, status, requested_at)
SELECT gen_random_uuid(), u.id, 10, 'card', '{"card_token": "tok"}',
       (ARRAY['requested', 'processing', 'completed', 'failed'])[1 + g % 4], now() - g * interval '1 minute'
FROM generate_series(1, 20000) AS g JOIN plan_users u ON u.n = 1 + g % 1000;
INSERT INTO feature_flags (id, key, enabled, scope_type, scope_id, description, created_at, updated_at)
SELECT gen_random_uuid(), 'plan_flag_' || (g / 1000), true, 'user', u.id, NULL, now() - g * interval '1 second',
       now()
FROM generate_series(1, 2000) AS g JOIN plan_users u ON u.n = 1 + g % 1000;
ANALYZE;
