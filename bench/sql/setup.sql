-- Benchmark fixtures: :users callers sharing one password hash, a merchant with a 5 % offer, and a
-- numbered view of the callers for pgbench. Run after migrations on a fresh database.
INSERT INTO merchants (id, name, default_cashback_percentage, active)
VALUES ('bbbbbbbb-0000-4000-8000-000000000001', 'Bench Store', 5, true) ON CONFLICT DO NOTHING;
INSERT INTO offers (id, merchant_id, percentage, start_date, end_date, monthly_cap_per_user, active)
VALUES ('bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000001', 5, '2020-01-01',
        '2099-12-31', 1000000000, true) ON CONFLICT DO NOTHING;
INSERT INTO users (id, email, mailbox_key, hashed_password, role, active)
SELECT gen_random_uuid(), 'bench-' || n || '@example.com', 'bench-' || n || '@example.com', :'hash', 'user', true
FROM generate_series(1, :users) AS n ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS bench_users AS
SELECT row_number() OVER (ORDER BY email) AS n, id FROM users WHERE email LIKE 'bench-%@example.com';
CREATE UNIQUE INDEX IF NOT EXISTS bench_users_n ON bench_users (n);
